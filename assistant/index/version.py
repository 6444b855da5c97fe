"""The index version: a small record in the chunks collection's metadata.

Every indexing run that changes something (documents added, replaced, repaired or
deleted, sentence vectors added or removed) ends by bumping it; a run that changes
nothing leaves it alone. Running assistants poll it (:mod:`assistant.live.watcher`) and
load the new index when it moves.

Where it lives, and why: in the metadata of the chunks collection, next to the
``embedder`` record. Reading it is one ``get_collection`` call, no chunk is read, and it
works the same with the embedded database and with ``chroma run``: an embedded
``PersistentClient`` in another process reads collection metadata from SQLite on every
``get_collection`` and so sees a bump at once (checked in
``tests/assistant/live/test_live_embedded.py``). A version file next to the store would
not exist for ``chroma run``.

The version is a number and the time of the bump; readers compare both, so a collection
reset and rebuilt up to the same number is still a new version.

Crash safety: a run marks the collection ``index_dirty`` before its first write and the
bump clears the mark. A run killed in between leaves the mark, and the next run bumps
even if it finds nothing left to change, so readers never miss a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from assistant.index.chroma import wrap_error

if TYPE_CHECKING:
    from assistant.index.store import ChunkStore

VERSION_KEY = "index_version"
UPDATED_KEY = "index_updated"
DIRTY_KEY = "index_dirty"


@dataclass(frozen=True)
class IndexVersion:
    """One state of the index: its number and when it was written (ISO 8601, UTC)."""

    number: int = 0
    updated: str | None = None

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any] | None) -> IndexVersion:
        meta = metadata or {}
        number = meta.get(VERSION_KEY)
        updated = meta.get(UPDATED_KEY)
        return cls(
            number=number if isinstance(number, int) else 0,
            updated=updated if isinstance(updated, str) else None,
        )

    def __str__(self) -> str:
        return f"{self.number} ({self.updated or 'never bumped'})"


def _metadata(store: ChunkStore) -> dict[str, Any]:
    try:
        return dict(store.client.get_collection(store.name).metadata or {})
    except Exception as exc:
        raise wrap_error(exc, "reading the index version failed") from exc


def _write(store: ChunkStore, metadata: dict[str, Any]) -> None:
    # Collection.modify replaces the whole metadata: callers pass it merged.
    try:
        store.client.get_collection(store.name).modify(metadata=metadata)
    except Exception as exc:
        raise wrap_error(exc, "writing the index version failed") from exc


def read_version(store: ChunkStore) -> IndexVersion:
    """The version of ``store``'s collection as stored now (one call, no chunk read)."""
    return IndexVersion.from_metadata(_metadata(store))


def is_dirty(store: ChunkStore) -> bool:
    """True when a run started writing and did not bump the version (killed)."""
    return bool(_metadata(store).get(DIRTY_KEY))


def mark_dirty(store: ChunkStore) -> None:
    """Record that a run is about to write (cleared by :func:`bump_version`)."""
    metadata = _metadata(store)
    if not metadata.get(DIRTY_KEY):
        _write(store, {**metadata, DIRTY_KEY: True})


def bump_version(store: ChunkStore) -> IndexVersion:
    """Store the next version (and clear the dirty mark); return it."""
    metadata = _metadata(store)
    current = IndexVersion.from_metadata(metadata)
    bumped = IndexVersion(
        number=current.number + 1,
        updated=datetime.now(UTC).isoformat(timespec="microseconds"),
    )
    metadata.pop(DIRTY_KEY, None)  # written without it: the mark is cleared
    _write(store, {**metadata, VERSION_KEY: bumped.number, UPDATED_KEY: bumped.updated})
    return bumped
