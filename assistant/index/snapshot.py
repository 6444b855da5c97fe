"""The lexical snapshot: the chunk table and BM25 of a collection, saved next to it.

``assistant index`` writes it when it ends (:func:`refresh_snapshot`); a process that
serves questions loads it (:func:`load_snapshot`) instead of reading every chunk back
from Chroma and tokenizing it again. It lives in ``<store.local_dir>/<fingerprint>/``,
keyed by the fingerprint of the stored chunk ids (content-derived, so any change to the
chunks gives another folder) and checked against the ids Chroma lists at load time.

It is a cache, never required: a missing, stale or damaged snapshot is rebuilt from the
store (logged in English), then saved for the next process; a read-only or full disk
only costs that rebuild. A snapshot is written into a temporary folder renamed into
place, so a concurrent reader sees a whole snapshot or none; superseded ones are pruned
(the previous one is kept a while for processes still loading it).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.index.chunk_table import ChunkTable, fingerprint
from assistant.index.lexical import LexicalIndex, tokenizer_identity
from assistant.index.store import ChunkStore

log = logging.getLogger(__name__)

_DONE = "snapshot.json"
#: Superseded snapshots kept besides the newest (a process may still be loading one).
_KEEP_OLD = 1
_TMP_PREFIX = ".tmp-"
#: A temporary folder older than this was left by a killed writer.
_STALE_TMP_S = 3600.0


@dataclass(frozen=True)
class Snapshot:
    """The chunk table and the BM25 index over the same positions."""

    table: ChunkTable
    lexical: LexicalIndex
    fingerprint: str

    @property
    def size(self) -> int:
        return self.table.size


def build_snapshot(store: ChunkStore) -> Snapshot:
    """Read every chunk of ``store`` once (texts included) and build the snapshot."""
    ids: list[str] = []
    doc_ids: list[str] = []
    chunk_index: list[int] = []
    texts: list[str] = []
    for chunk in store.iter_chunks():
        ids.append(chunk.id)
        doc_ids.append(chunk.doc_id)
        chunk_index.append(chunk.meta.chunk_index)
        texts.append(chunk.index_text)
    lexical = LexicalIndex(texts)
    del texts
    return Snapshot(ChunkTable.build(ids, doc_ids, chunk_index), lexical, fingerprint(ids))


def load_snapshot(store: ChunkStore) -> Snapshot:
    """The snapshot of ``store``'s current chunks: loaded if saved, else built and saved."""
    current = fingerprint(store.ids())
    root = store.local_dir
    if root is not None:
        folder = _folder(root, current)
        if (folder / _DONE).exists():
            try:
                return _read(folder, current)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("lexical snapshot %s unreadable, rebuilding it: %s", folder, exc)
                shutil.rmtree(folder, ignore_errors=True)
        else:
            log.info("no lexical snapshot for %s yet: building it", store.name)
    snapshot = build_snapshot(store)
    if root is not None:
        save_snapshot(snapshot, root)
    return snapshot


def refresh_snapshot(store: ChunkStore) -> bool:
    """Make sure the snapshot of ``store``'s current chunks is saved (True if written)."""
    root = store.local_dir
    if root is None:
        return False
    if (_folder(root, fingerprint(store.ids())) / _DONE).exists():
        return False
    return save_snapshot(build_snapshot(store), root) is not None


def save_snapshot(snapshot: Snapshot, root: Path) -> Path | None:
    """Write ``snapshot`` under ``root`` atomically; its folder, or None if it failed."""
    final = _folder(root, snapshot.fingerprint)
    tmp: Path | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=root))
        snapshot.table.save(tmp)
        snapshot.lexical.save(tmp)
        info = {"fingerprint": snapshot.fingerprint, "chunks": snapshot.size}
        # Written last: a folder without it is never read.
        (tmp / _DONE).write_text(json.dumps(info), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / _DONE).exists():
                raise
            log.debug("lexical snapshot %s already written by another process", final)
        else:
            tmp = None
    except OSError as exc:
        log.warning("could not save the lexical snapshot in %s: %s", root, exc)
        return None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    _prune(root, keep=final)
    return final


def _folder(root: Path, chunks_fingerprint: str) -> Path:
    """Where the snapshot of these chunks, tokenized by this code, lives."""
    return root / f"{chunks_fingerprint[:32]}-{tokenizer_identity()}"


def _read(folder: Path, expected: str) -> Snapshot:
    info = json.loads((folder / _DONE).read_text(encoding="utf-8"))
    if info.get("fingerprint") != expected:
        raise ValueError("fingerprint differs from the folder's")
    table = ChunkTable.load(folder)
    lexical = LexicalIndex.load(folder)
    if table.size != lexical.size or table.size != info.get("chunks"):
        raise ValueError("table and lexical index sizes differ")
    if table.fingerprint() != expected:
        raise ValueError("table ids differ from the stored chunks")
    return Snapshot(table, lexical, expected)


def _prune(root: Path, *, keep: Path) -> None:
    """Delete superseded snapshots but the newest few, and temporary folders of dead writers."""
    try:
        entries = list(root.iterdir())
        now = time.time()
        done = [p for p in entries if p != keep and (p / _DONE).exists()]
        done.sort(key=lambda p: (p / _DONE).stat().st_mtime, reverse=True)
        old = done[_KEEP_OLD:]
        old += [
            p
            for p in entries
            if p.name.startswith(_TMP_PREFIX) and now - p.stat().st_mtime > _STALE_TMP_S
        ]
    except OSError as exc:
        log.debug("could not list %s for pruning: %s", root, exc)
        return
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
