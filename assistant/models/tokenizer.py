"""A SentencePiece copy of the e5 (XLM-R) tokenizer, for a fast-starting embedder.

``tokenizers`` needs ~1 s of CPU to build the 250k-piece Unigram model of
``tokenizer.json``; SentencePiece loads the same model from its protobuf in ~0.4 s. XLM-R's
``tokenizer.json`` was itself converted from a SentencePiece model, so the conversion back
is exact: same pieces and scores, same precompiled normaliser. Ids differ only by fairseq's
offset (HF id = SentencePiece id + 1, except the specials), applied here.

The copy is written at model build time, checked token for token against the original on
sample texts; the embedder uses it when present and falls back to ``tokenizer.json``.
One known difference, kept on purpose: the literal strings ``<s>``, ``</s>``, ``<mask>`` in
a text are plain text here, not special tokens.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SPM_FILE = "tokenizer.spm"
# HF ids of the specials; SentencePiece's are unk 0, bos 1, eos 2.
_BOS, _EOS, _UNK = 0, 2, 3
_HF_HEAD = ["<s>", "<pad>", "</s>", "<unk>"]
_CHECK_TEXTS = (
    "passage: Quel est le budget d'Electro'Mob ?",
    "query:   Formations  aux batteries\ten Hauts-de-France\n\n(2024–2027) : 25 M€, « 1 200 » places",
    "ﬁlière ① ２０２４ Ⅻ Œuvre ÇA ça — l’État… ½",
    "日本語 한국어 العربية Ελληνικά русский 🚀 emoji",
    "",
)


def spm_path(folder: Path) -> Path:
    """Where the SentencePiece copy of ``folder``'s tokenizer lives."""
    return Path(folder) / SPM_FILE


def _is_xlmr_unigram(spec: dict[str, Any]) -> bool:
    """Whether ``spec`` (a parsed tokenizer.json) is the XLM-R layout this module converts."""
    model = spec.get("model") or {}
    vocab = model.get("vocab") or []
    norm = spec.get("normalizer") or {}
    steps = norm.get("normalizers") or []
    pre = spec.get("pre_tokenizer") or {}
    single = (spec.get("post_processor") or {}).get("single") or []
    return (
        model.get("type") == "Unigram"
        and model.get("unk_id") == _UNK
        and [p for p, _ in vocab[:4]] == _HF_HEAD
        and vocab[-1][0] == "<mask>"
        and [s.get("type") for s in steps] == ["Precompiled", "Replace"]
        and pre.get("type") == "Metaspace"
        and [next(iter(s.values())).get("id") for s in single] == ["<s>", "A", "</s>"]
    )


def _model_proto(spec: dict[str, Any]) -> bytes:
    from sentencepiece import sentencepiece_model_pb2 as pb

    proto = pb.ModelProto()
    kind = pb.ModelProto.SentencePiece
    proto.pieces.add(piece="<unk>", score=0.0, type=kind.UNKNOWN)
    for control in ("<s>", "</s>"):
        proto.pieces.add(piece=control, score=0.0, type=kind.CONTROL)
    for piece, score in spec["model"]["vocab"][4:-1]:
        proto.pieces.add(piece=piece, score=float(score), type=kind.NORMAL)
    trainer = proto.trainer_spec
    trainer.model_type = pb.TrainerSpec.UNIGRAM
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = 0, 1, 2, -1
    normaliser = proto.normalizer_spec
    normaliser.name = "nmt_nfkc"
    charsmap = spec["normalizer"]["normalizers"][0]["precompiled_charsmap"]
    normaliser.precompiled_charsmap = base64.b64decode(charsmap)
    normaliser.add_dummy_prefix = True
    normaliser.remove_extra_whitespaces = True
    normaliser.escape_whitespaces = True
    return proto.SerializeToString()


def ensure_spm(folder: Path) -> Path | None:
    """The SentencePiece copy of ``folder``'s tokenizer, written now if missing; ``None``
    when the tokenizer is not XLM-R's, SentencePiece is missing or the copy disagrees."""
    target = spm_path(folder)
    if target.is_file():
        return target
    source = Path(folder) / "tokenizer.json"
    try:
        spec = json.loads(source.read_text(encoding="utf-8"))
        if not _is_xlmr_unigram(spec):
            logger.info("%s is not an XLM-R Unigram tokenizer: no SentencePiece copy", source)
            return None
        data = _model_proto(spec)
    except (OSError, ValueError, KeyError, TypeError, IndexError, ImportError) as exc:
        logger.warning("No SentencePiece copy of %s (%s); tokenizer.json will be used", source, exc)
        return None
    from tokenizers import Tokenizer

    fast = SpmTokenizer(data, max_length=512)
    original = Tokenizer.from_str(json.dumps(spec))
    for text in _CHECK_TEXTS:
        if fast.encode_batch([text])[0] != original.encode(text).ids:
            logger.warning("The SentencePiece copy of %s disagrees on %r: not used", source, text)
            return None
    tmp = target.with_name(f".{SPM_FILE}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        logger.warning("Cannot write %s: %s", target, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None
    logger.info("Wrote %s (the chat's embedder starts faster with it)", target)
    return target


class SpmTokenizer:
    """XLM-R tokenisation by SentencePiece, with HF ids, ``<s>``/``</s>`` and truncation."""

    def __init__(self, model: Path | bytes, *, max_length: int) -> None:
        """Load ``model`` (a path, or the serialised protobuf)."""
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor()
        if isinstance(model, bytes):
            self._sp.LoadFromSerializedProto(model)
        else:
            self._sp.Load(str(model))
        self._keep = max(0, max_length - 2)

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """HF ids of each text: ``<s>``, at most ``max_length - 2`` pieces, ``</s>``."""
        out = []
        for ids in self._sp.encode(texts):
            body = [i + 1 if i > 2 else _UNK for i in ids[: self._keep]]  # 0 is <unk>
            out.append([_BOS, *body, _EOS])
        return out
