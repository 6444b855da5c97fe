"""Tests of the int8 question graph (real ONNX Runtime quantisation, real model files).

The session model gets its int8 graph from the real build (``e5_model_dir``). Here: that
questions embedded with it still find the passages the fp32 graph finds, that a question's
vector does not depend on what it is batched with, and what happens when it cannot be made.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import Settings
from assistant.embeddings import Embedder, OnnxEmbedder, load_embedder
from assistant.models import ensure_query_graph, onnx_model_path, query_model_path
from assistant.models.quantize import QUANTIZE_FAILURE_FILE

PASSAGES = [
    "La formation aux métiers des batteries se déroule à Douai et à Lille.",
    "Le budget total du projet atteint 25 millions d'euros, dont 14,2 apportés par l'État.",
    "Les apprenants en santé numérique suivent des modules sur les données de santé.",
    "Le programme forme des techniciens de maintenance des éoliennes en mer.",
    "Les inscriptions ouvrent en septembre auprès de l'université partenaire.",
]
QUESTIONS = [
    "Où se former aux batteries dans le Nord ?",
    "Quelle est l'aide de l'État pour ce projet ?",
    "Y a-t-il une formation sur la e-santé ?",
    "Qui forme à l'éolien offshore ?",
    "Quand peut-on s'inscrire ?",
]


def _linked_copy(e5_model_dir: Path, folder: Path, *, graph: bytes | None = None) -> Path:
    """A model folder of links to the session model (its weights are hundreds of MB)."""
    (folder / "onnx").mkdir(parents=True)
    for item in e5_model_dir.iterdir():
        if item.name != "onnx":
            (folder / item.name).symlink_to(item)
    source = onnx_model_path(e5_model_dir)
    target = onnx_model_path(folder)
    if graph is None:  # onnx refuses linked external data (symbolic or hard): a copy
        for name in (source.name, "model.onnx.data"):
            shutil.copyfile(source.with_name(name), target.with_name(name))
    else:
        target.write_bytes(graph)
    return folder


@pytest.mark.slow
def test_build_writes_the_int8_graph_and_questions_use_it(
    embedder: Embedder, e5_model_dir: Path
) -> None:
    assert query_model_path(e5_model_dir).is_file()
    assert isinstance(embedder, OnnxEmbedder) and embedder.query_int8
    assert not list(query_model_path(e5_model_dir).parent.glob(".*.tmp-*"))


@pytest.mark.slow
def test_int8_questions_find_what_fp32_questions_find(
    embedder: Embedder, e5_model_dir: Path
) -> None:
    fp32 = OnnxEmbedder(e5_model_dir)
    passages = embedder.embed_documents(PASSAGES)
    np.testing.assert_allclose(passages, fp32.embed_documents(PASSAGES), atol=1e-5)
    int8_best = (embedder.embed_queries(QUESTIONS) @ passages.T).argmax(axis=1)
    fp32_best = (fp32.embed_queries(QUESTIONS) @ passages.T).argmax(axis=1)
    assert int8_best.tolist() == fp32_best.tolist() == list(range(len(QUESTIONS)))


@pytest.mark.slow
def test_a_question_vector_does_not_depend_on_its_batch(embedder: Embedder) -> None:
    together = embedder.embed_queries(QUESTIONS)
    for question, vector in zip(QUESTIONS, together, strict=True):
        np.testing.assert_array_equal(embedder.embed_query(question), vector)


@pytest.mark.slow
def test_quantised_once_then_reused(e5_model_dir: Path, tmp_path: Path) -> None:
    folder = _linked_copy(e5_model_dir, tmp_path / "e5")
    stale = query_model_path(folder).with_name(".model_qint8.onnx.tmp-1-dead")
    stale.mkdir()  # left by an interrupted run
    (stale / "model_qint8.onnx").write_bytes(b"half")
    path = ensure_query_graph(folder, tmp_path)
    assert path == query_model_path(folder) and path.is_file() and not stale.exists()
    assert path.with_name("model_qint8.onnx.data").is_file()  # memory-mapped weights
    written = path.stat().st_mtime_ns
    assert ensure_query_graph(folder, tmp_path) == path
    assert path.stat().st_mtime_ns == written


@pytest.mark.slow
def test_failure_is_recorded_and_questions_use_fp32(
    model_settings: Settings,
    e5_model_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = _linked_copy(e5_model_dir, tmp_path / "broken", graph=b"not a graph")
    with caplog.at_level(logging.WARNING):
        assert ensure_query_graph(broken, tmp_path) is None
    assert "questions will use the fp32 graph" in caplog.text
    assert "int8 quantisation" in (broken / "onnx" / QUANTIZE_FAILURE_FILE).read_text()
    assert ensure_query_graph(broken, tmp_path) is None  # not retried

    # An unreadable int8 file: the embedder warns and embeds questions with fp32.
    folder = _linked_copy(e5_model_dir, tmp_path / "bad-int8")
    query_model_path(folder).write_bytes(b"not a graph")
    settings = model_settings.model_copy(update={"embedding_model": str(folder)})
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        embedder = load_embedder(settings)
    assert isinstance(embedder, OnnxEmbedder) and not embedder.query_int8
    assert "questions will use the fp32 graph" in caplog.text
    assert embedder.embed_query("Quel budget ?").shape == (384,)


@pytest.mark.slow
def test_setting_turns_int8_questions_off(model_settings: Settings) -> None:
    off = model_settings.model_copy(update={"embedding_query_int8": False})
    embedder = load_embedder(off)
    assert isinstance(embedder, OnnxEmbedder) and not embedder.query_int8


@pytest.mark.slow
def test_a_models_folder_it_cannot_write_leaves_questions_on_fp32(
    e5_model_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A model exported elsewhere, read from a folder this process cannot write (here: the
    lock's folder is a file): the assistant still starts, questions use the fp32 graph."""
    folder = _linked_copy(e5_model_dir, tmp_path / "read-only")
    not_a_folder = tmp_path / "models"
    not_a_folder.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert ensure_query_graph(folder, not_a_folder) is None
    assert "not writable" in caplog.text and "fp32" in caplog.text
    assert not query_model_path(folder).exists()


@pytest.mark.slow
def test_an_int8_graph_without_its_weights_file_is_written_again(
    e5_model_dir: Path, tmp_path: Path
) -> None:
    folder = _linked_copy(e5_model_dir, tmp_path / "e5")
    query_model_path(folder).write_bytes(b"an earlier inline graph")
    path = ensure_query_graph(folder, tmp_path)
    assert path is not None and path.with_name("model_qint8.onnx.data").is_file()
    assert path.stat().st_size > 1000
