"""The lexical snapshot on a real embedded Chroma: saved, loaded instead of rebuilt, and
rebuilt (never a crash) when stale, damaged, or impossible to save.

Vectors are fixed unit vectors: the snapshot never reads them, and no model is needed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant.index import ChunkMeta, ChunkStore, LexicalIndex, load_snapshot, refresh_snapshot
from assistant.index.snapshot import Snapshot, build_snapshot, save_snapshot

if TYPE_CHECKING:
    from assistant import Settings

TEXTS = {
    "battena": [
        "BATTENA forme toute la filière batterie en Nouvelle-Aquitaine.",
        "Les formations BATTENA visent 2 000 personnes d'ici 2030.",
    ],
    "osmose": ["OSMOSE forme à la cybersécurité en Occitanie."],
    "electromob": [
        "Electro'Mob vise plus de 8 000 personnes formées d'ici 2030.",
        "Le budget total d'Electro'Mob atteint 25 M€.",
        "",
    ],
}
QUERIES = ["batterie Nouvelle-Aquitaine", "budget Electro'Mob", "8000 personnes", "cassoulet"]


def _add(store: ChunkStore, doc_id: str, texts: list[str], version: str = "v1") -> None:
    ids = [f"{doc_id}:{version}:{i:04d}" for i in range(len(texts))]
    metas = [
        ChunkMeta(doc_id=doc_id, chunk_index=i, n_chunks=len(texts)) for i in range(len(texts))
    ]
    store.add(ids, np.ones((len(texts), 4), dtype=np.float32) / 2, texts, metas)


@pytest.fixture
def store(model_settings: Settings, tmp_path: Path) -> ChunkStore:
    settings = model_settings.model_copy(update={"data_dir": tmp_path / "data"})
    opened = ChunkStore.open(settings, "test-embedder@1", collection="snap")
    for doc_id, texts in TEXTS.items():
        _add(opened, doc_id, texts)
    return opened


def _fresh_scores(store: ChunkStore, snapshot: Snapshot, query: str) -> np.ndarray:
    """Scores of a LexicalIndex built now from the stored texts, in the snapshot's order."""
    texts = {c.id: c.index_text for c in store.iter_chunks()}
    return LexicalIndex([texts[cid] for cid in snapshot.table.ids.tolist()]).scores(query)


def _folders(store: ChunkStore) -> list[Path]:
    assert store.local_dir is not None
    return sorted(p for p in store.local_dir.iterdir() if not p.name.startswith("."))


def test_saved_at_indexing_then_loaded_with_the_same_scores(store: ChunkStore) -> None:
    assert refresh_snapshot(store) is True
    assert refresh_snapshot(store) is False  # unchanged chunks: nothing to write
    loaded = load_snapshot(store)
    assert isinstance(loaded.lexical._bm25.scores["data"], np.memmap)  # read, not rebuilt
    assert loaded.size == store.count() == 6
    for query in QUERIES:
        assert np.array_equal(loaded.lexical.scores(query), _fresh_scores(store, loaded, query))
    fresh = build_snapshot(store)
    for token in ("batter", "cybersecur", "inconnu"):
        assert loaded.lexical.idf(token) == fresh.lexical.idf(token)
        assert loaded.lexical.knows(token) == fresh.lexical.knows(token)
    electromob = [loaded.table.ids[p] for p in loaded.table.positions_of("electromob")]
    assert electromob == [f"electromob:v1:{i:04d}" for i in range(3)]


def test_a_change_to_the_chunks_gives_a_new_snapshot(store: ChunkStore) -> None:
    first = load_snapshot(store)
    _add(store, "osmose", ["OSMOSE forme aussi à l'intelligence artificielle."], "v2")
    store.delete(["osmose:v1:0000"])
    second = load_snapshot(store)
    assert second.fingerprint != first.fingerprint
    assert second.table.position("osmose:v2:0000") is not None
    assert second.table.position("osmose:v1:0000") is None
    assert second.lexical.scores("intelligence artificielle").max() > 0
    assert len(_folders(store)) == 2  # the previous one is kept a while, no more
    _add(store, "osmose", ["OSMOSE, troisième version."], "v3")
    load_snapshot(store)
    assert len(_folders(store)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        "data.csc.index.npy",  # BM25 scores
        "vocab.index.json",
        "table.npz",
        "snapshot.json",
    ],
)
def test_a_damaged_snapshot_is_rebuilt_and_logged(
    store: ChunkStore, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    refresh_snapshot(store)
    (folder,) = _folders(store)
    (folder / damage).write_bytes(b"\x00garbage")
    with caplog.at_level(logging.WARNING, logger="assistant.index.snapshot"):
        loaded = load_snapshot(store)
    assert "unreadable, rebuilding" in caplog.text
    for query in QUERIES:
        assert np.array_equal(loaded.lexical.scores(query), _fresh_scores(store, loaded, query))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="assistant.index.snapshot"):
        load_snapshot(store)  # saved again, whole this time
    assert "unreadable" not in caplog.text


def test_a_missing_file_or_another_tokenizer_means_a_rebuild(
    store: ChunkStore, caplog: pytest.LogCaptureFixture
) -> None:
    refresh_snapshot(store)
    (folder,) = _folders(store)
    (folder / "indptr.csc.index.npy").unlink()
    with caplog.at_level(logging.WARNING, logger="assistant.index.snapshot"):
        assert load_snapshot(store).size == 6
    assert "unreadable" in caplog.text
    (folder,) = _folders(store)
    info = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
    (folder / "lexical.json").write_text(json.dumps({**info, "tokenizer": "other"}))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="assistant.index.snapshot"):
        assert load_snapshot(store).size == 6
    assert "another version" in caplog.text


def test_a_folder_that_cannot_be_written_only_costs_a_rebuild(
    store: ChunkStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the snapshot folder should be")
    store.local_dir = blocker / "snap"
    with caplog.at_level(logging.WARNING, logger="assistant.index.snapshot"):
        loaded = load_snapshot(store)
        assert refresh_snapshot(store) is False
    assert loaded.size == 6 and loaded.lexical.scores("batterie").max() > 0
    assert "could not save the lexical snapshot" in caplog.text


def test_writes_are_atomic_and_a_second_writer_is_harmless(store: ChunkStore) -> None:
    snapshot = build_snapshot(store)
    assert store.local_dir is not None
    first = save_snapshot(snapshot, store.local_dir)
    second = save_snapshot(snapshot, store.local_dir)  # e.g. two API workers starting
    assert first is not None and first == second
    assert [p.name for p in store.local_dir.iterdir()] == [first.name]  # no temporary left
    assert (first / "snapshot.json").exists()
