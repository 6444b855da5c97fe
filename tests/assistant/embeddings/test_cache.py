"""The passage-vector cache: same vectors, read back instead of embedded, queries never kept."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import Embedder
from assistant.embeddings.cache import CachedEmbedder, cached_embedder

TEXTS = [
    "Le projet REMED forme des techniciens de maintenance en Auvergne-Rhône-Alpes.",
    "L'aide de l'État s'élève à 14,2 M€ sur cinq ans.",
    "Le projet REMED forme des techniciens de maintenance en Auvergne-Rhône-Alpes.",
]


def test_second_run_reads_back_the_same_vectors(embedder: Embedder, tmp_path: Path) -> None:
    first = CachedEmbedder(embedder, tmp_path)
    vectors = first.embed_documents(TEXTS)
    assert first.misses == 2  # the repeated passage is embedded once
    np.testing.assert_array_equal(vectors, embedder.embed_documents(TEXTS))
    first.close()

    again = CachedEmbedder(embedder, tmp_path)  # as a later process would
    np.testing.assert_array_equal(again.embed_documents(TEXTS), vectors)
    assert (again.hits, again.misses) == (3, 0)
    mixed = again.embed_documents([*TEXTS[:1], "Une phrase nouvelle sur l'hydrogène."])
    assert (again.hits, again.misses) == (4, 1)
    np.testing.assert_array_equal(mixed[0], vectors[0])


def test_questions_are_never_written(embedder: Embedder, tmp_path: Path) -> None:
    cache = CachedEmbedder(embedder, tmp_path)
    question = "Je m'appelle Jeanne Martin, quelle formation près de Lille ?"
    np.testing.assert_array_equal(cache.embed_query(question), embedder.embed_query(question))
    cache.embed_queries([question])
    assert len(cache._cache) == 0
    assert question.encode() not in b"".join(
        p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
    )


def test_unusable_folder_only_costs_time(
    embedder: Embedder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        cache = CachedEmbedder(embedder, blocked / "embeddings")
        vectors = cache.embed_documents(TEXTS[:2])
    np.testing.assert_array_equal(vectors, embedder.embed_documents(TEXTS[:2]))
    assert "embedding cache" in caplog.text


def test_size_zero_disables_it(embedder: Embedder, tmp_path: Path) -> None:
    assert cached_embedder(embedder, tmp_path, size_limit_mb=0) is embedder
    assert isinstance(cached_embedder(embedder, tmp_path, size_limit_mb=8), CachedEmbedder)
