"""The Chroma chunk store: embedder identity, manifest of complete documents, repair.

Every test here writes to a temporary data folder, never to the main index.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant import EmbedderMismatchError
from assistant.index import ChunkMeta, ChunkStore
from assistant.ingest import index_paths

if TYPE_CHECKING:
    from assistant import Settings
    from assistant.embeddings import Embedder

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
COLLECTION = "test_store"


@pytest.fixture
def tmp_settings(model_settings: Settings, tmp_path: Path) -> Settings:
    return model_settings.model_copy(update={"data_dir": tmp_path / "data"})


def test_another_embedder_is_refused_with_a_reindex_hint(tmp_settings: Settings) -> None:
    store = ChunkStore.open(tmp_settings, "model-a@111", collection=COLLECTION)
    store.add(["c0"], np.ones((1, 4), dtype=np.float32), ["texte"], [ChunkMeta(doc_id="d")])
    with pytest.raises(EmbedderMismatchError) as caught:
        ChunkStore.open(tmp_settings, "model-b@222", collection=COLLECTION)
    assert "assistant index --reset" in str(caught.value)
    assert "reconstruit" in caught.value.user_message
    # The same embedder reopens it, and --reset lets another one rebuild it.
    assert ChunkStore.open(tmp_settings, "model-a@111", collection=COLLECTION).count() == 1
    reset = ChunkStore.open(tmp_settings, "model-b@222", collection=COLLECTION, reset=True)
    assert reset.count() == 0


def test_query_returns_nearest_chunks_with_cosine_similarity(tmp_settings: Settings) -> None:
    store = ChunkStore.open(tmp_settings, "model-a@111", collection=COLLECTION)
    vectors = np.eye(3, dtype=np.float32)
    store.add(
        ["a", "b", "c"],
        vectors,
        ["alpha", "bêta", "gamma"],
        [ChunkMeta(doc_id="d1"), ChunkMeta(doc_id="d2"), ChunkMeta(doc_id="d2")],
    )
    hits = store.nearest(np.array([0, 1, 0], dtype=np.float32), 2)
    assert hits[0][0] == "b" and store.get(["b"])[0].text == "bêta"
    assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
    only_d1 = store.nearest(np.array([0, 1, 0], dtype=np.float32), 1, where={"doc_id": "d1"})
    assert [cid for cid, _ in only_d1] == ["a"]


@pytest.mark.slow
def test_an_incomplete_document_is_seen_and_repaired(
    tmp_settings: Settings, embedder: Embedder
) -> None:
    store = ChunkStore.open(tmp_settings, embedder.name, collection=COLLECTION)
    paths = [CORPUS / "fore-cy.md", CORPUS / "macmia.md"]

    def index():  # type: ignore[no-untyped-def]
        return index_paths(
            paths,
            store=store,
            embedder=lambda: embedder,
            chunk_size=tmp_settings.chunk_size,
            chunk_overlap=tmp_settings.chunk_overlap,
            progress=False,
        )

    first = index()
    assert sorted(first.added) == ["fore-cy", "macmia"]
    manifest = store.manifest()
    assert all(state.complete for state in manifest.values())
    state = manifest["macmia"]
    assert len(state.chunk_ids) == state.expected_chunks >= 2

    # A run killed mid-write: one chunk of the document is missing.
    store.delete([state.chunk_ids[-1]])
    broken = store.manifest()["macmia"]
    assert not broken.complete
    assert store.manifest()["fore-cy"].complete

    second = index()
    assert second.repaired == ["macmia"]
    assert second.unchanged == ["fore-cy"]
    repaired = store.manifest()["macmia"]
    assert repaired.complete and sorted(repaired.chunk_ids) == sorted(state.chunk_ids)

    third = index()
    assert third.chunks_embedded == 0 and sorted(third.unchanged) == ["fore-cy", "macmia"]


@pytest.mark.slow
def test_asking_an_index_built_by_another_model_says_to_rebuild_it(
    tmp_settings: Settings, tmp_path: Path
) -> None:
    store = ChunkStore.open(tmp_settings, "another-model@000", collection=COLLECTION)
    store.add(["c0"], np.ones((1, 384), dtype=np.float32), ["texte"], [ChunkMeta(doc_id="d")])
    done = subprocess.run(
        [str(Path(sys.executable).with_name("assistant")), "ask", "Quel budget ?"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "ASSISTANT_DATA_DIR": str(tmp_settings.data_dir),
            "ASSISTANT_COLLECTION": COLLECTION,
            "ASSISTANT_CACHE_DIR": str(tmp_settings.cache_dir),
        },
    )
    assert done.returncode == 1
    assert "Erreur : L'index documentaire a été construit avec un autre modèle" in done.stderr
    assert "Traceback" not in done.stderr
