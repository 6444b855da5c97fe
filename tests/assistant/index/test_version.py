"""The index version: bumped by indexing runs that change something, and only by them."""

from __future__ import annotations

from pathlib import Path

import pytest
from _helpers import doc_text, open_store, run_index, temp_settings, write_corpus

from assistant import Settings
from assistant.embeddings import Embedder
from assistant.index.version import is_dirty, mark_dirty, read_version

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(model_settings: Settings, tmp_path: Path) -> Settings:
    return temp_settings(model_settings, tmp_path)


def test_only_runs_that_change_something_bump_the_version(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    store = open_store(settings, embedder)
    assert read_version(store).number == 0  # a new collection

    first = run_index([corpus], store, embedder, settings)
    v1 = read_version(store)
    assert first.version == v1.number == 1 and v1.updated

    again = run_index([corpus], store, embedder, settings)
    assert again.version == 1 and read_version(store) == v1  # unchanged: not bumped

    (corpus / "prog-001.md").write_text(
        doc_text("prog-001", "Programme modifié", 2), encoding="utf-8"
    )
    replaced = run_index([corpus], store, embedder, settings)
    assert replaced.updated == ["prog-001"] and replaced.version == 2

    (corpus / "prog-002.md").unlink()
    deleted = run_index([corpus], store, embedder, settings)
    assert deleted.deleted == ["prog-002"] and deleted.version == 3
    v3 = read_version(store)
    assert v3.number == 3 and v3.updated and v3.updated > (v1.updated or "")
    assert not is_dirty(store)
    # The embedder record next to it survives the bumps (the collection still opens).
    assert open_store(settings, embedder).count() == store.count()


def test_a_run_killed_after_writing_is_bumped_by_the_next_one(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    store = open_store(settings, embedder)
    run_index([corpus], store, embedder, settings)
    # What a run does before its first write; killed there, it never bumps.
    mark_dirty(store)
    assert is_dirty(store) and read_version(store).number == 1

    report = run_index([corpus], store, embedder, settings)
    assert report.chunks_embedded == 0  # nothing left to write ...
    assert report.version == 2  # ... but readers are told something changed
    assert not is_dirty(store)


def test_a_reset_index_is_a_new_version_even_at_the_same_number(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1)
    store = open_store(settings, embedder)
    run_index([corpus], store, embedder, settings)
    before = read_version(store)

    rebuilt = open_store(settings, embedder, reset=True)
    run_index([corpus], rebuilt, embedder, settings)
    after = read_version(rebuilt)
    assert after.number == before.number == 1
    assert after != before  # told apart by the time of the bump
