"""Tests of the ONNX export of the embedding model (real torch exporter, real files).

The session model is exported by the real build (``e5_model_dir``); its vectors are
compared with sentence-transformers in ``test_embedding.py``. Here: what the export
records, and what happens when it cannot be made.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import ModelBuildError, Settings
from assistant.config import DEFAULT_EMBEDDING_MODEL
from assistant.embeddings import SentenceTransformerEmbedder, load_embedder
from assistant.models import ensure_onnx, export_onnx, onnx_model_path, read_build_info
from assistant.models.onnx_export import EXPORT_INFO_FILE, FAILURE_FILE, export_failed


@pytest.mark.slow
def test_export_records_the_weights_it_came_from(e5_model_dir: Path) -> None:
    graph = onnx_model_path(e5_model_dir)
    assert graph.is_file() and graph.with_name("model.onnx.data").is_file()
    info = json.loads((graph.parent / EXPORT_INFO_FILE).read_text(encoding="utf-8"))
    build = read_build_info(e5_model_dir)
    assert build is not None and info["weights_sha256"] == build["weights_sha256"]
    assert not export_failed(e5_model_dir)
    assert not list(e5_model_dir.glob(".onnx.tmp-*"))


def _broken_copy(e5_model_dir: Path, tmp_path: Path) -> Path:
    """A model folder whose weights are unreadable (the export must fail)."""
    folder = tmp_path / "e5-broken"
    shutil.copytree(
        e5_model_dir, folder, ignore=shutil.ignore_patterns("onnx", "model.safetensors")
    )
    (folder / "model.safetensors").write_bytes(b"\0" * 64)
    return folder


@pytest.mark.slow
def test_failed_export_raises_and_leaves_nothing(e5_model_dir: Path, tmp_path: Path) -> None:
    folder = _broken_copy(e5_model_dir, tmp_path)
    with pytest.raises(ModelBuildError, match="ONNX export"):
        export_onnx(folder)
    assert not (folder / "onnx").exists()
    assert not list(folder.glob(".onnx.tmp-*"))


@pytest.mark.slow
def test_failure_is_recorded_once_and_not_retried(e5_model_dir: Path, tmp_path: Path) -> None:
    folder = _broken_copy(e5_model_dir, tmp_path)
    stale = folder / ".onnx.tmp-1-dead"  # left by an interrupted export
    stale.mkdir()
    assert ensure_onnx(folder, tmp_path) is None
    assert export_failed(folder) and "ONNX export" in (folder / FAILURE_FILE).read_text()
    assert not stale.exists()
    (folder / "model.safetensors").unlink()  # a retry would now fail differently
    assert ensure_onnx(folder, tmp_path) is None
    assert "ONNX export" in (folder / FAILURE_FILE).read_text()


@pytest.mark.slow
def test_model_without_export_still_answers(
    model_settings: Settings, e5_model_dir: Path, tmp_path: Path
) -> None:
    """A recorded failure means the sentence-transformers backend, not an error."""
    folder = tmp_path / "e5-no-export"
    shutil.copytree(e5_model_dir, folder, ignore=shutil.ignore_patterns("onnx"))
    (folder / FAILURE_FILE).write_text("ONNX export failed: simulated\n", encoding="utf-8")
    settings = model_settings.model_copy(update={"embedding_model": str(folder)})
    assert settings.embedding_model != DEFAULT_EMBEDDING_MODEL
    embedder = load_embedder(settings)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.embed_query("Quel budget ?").shape == (384,)
