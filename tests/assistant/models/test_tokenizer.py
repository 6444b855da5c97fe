"""The SentencePiece copy of the e5 tokenizer: the same ids as tokenizer.json, faster."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from tokenizers import Tokenizer

from assistant.ingest import Document, iter_documents
from assistant.models import SpmTokenizer, ensure_spm, spm_path
from assistant.models.tokenizer import SPM_FILE

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def original(e5_model_dir: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(e5_model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=512)
    return tokenizer


@pytest.fixture(scope="module")
def copy(e5_model_dir: Path) -> SpmTokenizer:
    path = spm_path(e5_model_dir)
    assert path.is_file(), "the model build writes the SentencePiece copy"
    return SpmTokenizer(path, max_length=512)


def test_same_ids_on_the_whole_corpus(original: Tokenizer, copy: SpmTokenizer) -> None:
    """Every corpus paragraph, as a passage and as a query, gets the very same ids."""
    texts = []
    for document in iter_documents([ROOT / "corpus"]):
        assert isinstance(document, Document)
        texts += [p.strip() for p in document.text.split("\n\n") if p.strip()]
    assert len(texts) > 300
    texts = [prefix + t for t in texts for prefix in ("passage: ", "query: ")]
    expected = [e.ids for e in original.encode_batch(texts)]
    assert copy.encode_batch(texts) == expected


def test_same_ids_on_awkward_text(original: Tokenizer, copy: SpmTokenizer) -> None:
    texts = [
        "query:   espaces   multiples\tet\ttabulations\n\nlignes",
        "Ｆｕｌｌｗｉｄｔｈ, ligatures ﬁ ﬂ, ① ½ Ⅻ, l’État — « 25 M€ »\u00a0n°3",
        "日本語 한국어 العربية Ελληνικά русский 🔋⚡ \U0001f9ea",
        "\u200b\u200d zéro-largeur, e\u0301 décomposé",
        "",
    ]
    assert copy.encode_batch(texts) == [e.ids for e in original.encode_batch(texts)]


def test_long_text_is_truncated_like_the_original(original: Tokenizer, copy: SpmTokenizer) -> None:
    text = "passage: " + "La filière batteries recrute des techniciens. " * 200
    ids = copy.encode_batch([text])[0]
    assert len(ids) == 512 and ids[-1] == 2
    assert ids == original.encode(text).ids


def test_special_token_strings_stay_plain_text(copy: SpmTokenizer) -> None:
    """Unlike tokenizer.json, a user typing ``</s>`` does not end the sequence early."""
    ids = copy.encode_batch(["query: a </s> b"])[0]
    assert ids.count(2) == 1 and ids[-1] == 2


def test_non_xlmr_tokenizer_gets_no_copy(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "tokenizer.json").write_text(json.dumps({"model": {"type": "BPE"}}), "utf-8")
    with caplog.at_level(logging.INFO):
        assert ensure_spm(tmp_path) is None
    assert not (tmp_path / SPM_FILE).exists()
    assert ensure_spm(tmp_path / "missing") is None


def test_copy_is_written_once(e5_model_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").symlink_to(e5_model_dir / "tokenizer.json")
    path = ensure_spm(tmp_path)
    assert path == tmp_path / SPM_FILE
    assert path.read_bytes() == spm_path(e5_model_dir).read_bytes()
    assert not list(tmp_path.glob(".*tmp*"))  # written atomically
    assert ensure_spm(tmp_path) == path
