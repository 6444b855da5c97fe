"""The chunk table: look-ups by id and by document, filters, saved and read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index import ChunkTable
from assistant.index.chunk_table import fingerprint

IDS = ["b:1", "a:0", "b:0", "c:0", "a:1", "b:2"]
DOCS = ["b", "a", "b", "c", "a", "b"]
INDEX = [1, 0, 0, 0, 1, 2]


@pytest.fixture
def table() -> ChunkTable:
    return ChunkTable.build(IDS, DOCS, INDEX)


def test_every_id_is_found_at_its_position(table: ChunkTable) -> None:
    assert [table.position(cid) for cid in IDS] == list(range(len(IDS)))
    assert table.position("z:9") is None
    assert [table.doc_of(i) for i in range(len(IDS))] == DOCS


def test_a_document_s_chunks_come_in_document_order(table: ChunkTable) -> None:
    assert [IDS[p] for p in table.positions_of("b")] == ["b:0", "b:1", "b:2"]
    assert [IDS[p] for p in table.positions_of("a")] == ["a:0", "a:1"]
    assert len(table.positions_of("inconnu")) == 0


def test_two_versions_of_a_chunk_keep_their_stored_order() -> None:
    # A half-replaced document holds two chunks of index 0: the first stored comes first.
    table = ChunkTable.build(["d:new:0", "d:old:0"], ["d", "d"], [0, 0])
    assert list(table.positions_of("d")) == [0, 1]


def test_document_masks_select_their_chunks_only(table: ChunkTable) -> None:
    assert table.in_docs(["a", "c"]).tolist() == [False, True, False, True, True, False]
    assert not table.in_docs(["inconnu"]).any()


def test_saved_and_read_back_unchanged(table: ChunkTable, tmp_path: Path) -> None:
    table.save(tmp_path)
    again = ChunkTable.load(tmp_path)
    assert again.ids.tolist() == IDS
    assert [again.doc_of(i) for i in range(len(IDS))] == DOCS
    assert np.array_equal(again.positions_of("b"), table.positions_of("b"))
    assert again.fingerprint() == table.fingerprint()


def test_the_fingerprint_depends_on_the_ids_not_their_order() -> None:
    assert fingerprint(IDS) == fingerprint(reversed(IDS))
    assert fingerprint(IDS) != fingerprint(IDS[:-1])


def test_an_empty_table_answers_every_look_up() -> None:
    table = ChunkTable.build([], [], [])
    assert table.size == 0 and table.position("a") is None
    assert len(table.positions_of("a")) == 0 and table.in_docs(["a"]).shape == (0,)
