"""Incremental, crash-safe indexing of documents into the chunk store.

Keyed by content hash, like ``llm embed-multi``: an unchanged document is skipped, a
changed one replaced, a removed one deleted. A document's new chunks are written in one
call before its old ones are deleted, and every chunk records its document's hash and
chunk count, so a run killed at any point leaves either the old or the new version
complete, and the next run repairs anything partial.

Every run ends by bringing the sentence vectors in line with the stored chunks
(:mod:`assistant.index.sentence_vectors`): new sentences are embedded, sentences no chunk
holds any more are deleted, unchanged ones are left alone; then the lexical snapshot
(:mod:`assistant.index.snapshot`) is saved for the stored chunks, so that processes
serving questions load it instead of rebuilding BM25.

A run that changed anything then bumps the index version (:mod:`assistant.index.version`),
which running assistants poll to load the new index (its lexical snapshot is saved
first); an unchanged re-index leaves it. The collection is marked dirty before the first
write, so a killed run still gets its bump from the next one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.embeddings.base import Embedder
from assistant.index.records import ChunkMeta
from assistant.index.sentence_vectors import SentenceVectorStore
from assistant.index.snapshot import refresh_snapshot
from assistant.index.store import ChunkStore
from assistant.index.version import bump_version, is_dirty, mark_dirty, read_version
from assistant.ingest.chunking import Chunk, chunk_document
from assistant.ingest.documents import Document, LoadFailure, iter_documents

log = logging.getLogger(__name__)


@dataclass
class IndexReport:
    """What an indexing run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_embedded: int = 0
    embed_seconds: float = 0.0
    sentences_embedded: int = 0
    sentences_deleted: int = 0
    #: The index version after the run (bumped only when something changed).
    version: int | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def chunks_per_second(self) -> float:
        return self.chunks_embedded / self.embed_seconds if self.embed_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "deleted": self.deleted,
            "repaired": self.repaired,
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "chunks_embedded": self.chunks_embedded,
            "chunks_per_second": round(self.chunks_per_second, 2),
            "sentences_embedded": self.sentences_embedded,
            "sentences_deleted": self.sentences_deleted,
            "index_version": self.version,
            "seconds": round(self.seconds, 2),
        }


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v) for v in value or [] if v is not None)


def chunk_metadata(doc: Document, chunk: Chunk, n_chunks: int) -> ChunkMeta:
    """The index record of one chunk (the whole front matter on the first chunk only)."""
    fm = doc.metadata

    def text(key: str) -> str | None:
        return str(fm[key]) if fm.get(key) is not None else None

    return ChunkMeta(
        doc_id=doc.id,
        doc_title=doc.title,
        doc_url=doc.url,
        doc_hash=doc.content_hash,
        source_path=doc.source_path,
        format=doc.format,
        chunk_index=chunk.index,
        n_chunks=n_chunks,
        heading_path=chunk.heading_path,
        start=chunk.start,
        end=chunk.end,
        embed_text=chunk.embed_text,
        kind=text("kind"),
        short_name=text("short_name"),
        updated=text("updated"),
        season=text("season"),
        status_date=text("status_date"),
        ami_cma=fm["ami_cma"] if isinstance(fm.get("ami_cma"), bool) else None,
        regions=_strings(fm.get("regions")),
        sectors=_strings(fm.get("sectors")),
        cities=_strings(fm.get("cities")),
        front_matter=dict(fm) if chunk.index == 0 else {},
    )


def index_paths(
    paths: Iterable[Path],
    *,
    store: ChunkStore,
    embedder: Callable[[], Embedder],
    chunk_size: int,
    chunk_overlap: int,
    prune: bool = True,
    progress: bool = True,
) -> IndexReport:
    """Index files and folders into ``store``; see the module docstring.

    ``embedder`` is a factory, called only when something needs embedding, so an
    up-to-date index is checked without loading the model.
    """
    started = time.perf_counter()
    report = IndexReport()
    loaded: list[Embedder] = []

    def model() -> Embedder:
        if not loaded:
            loaded.append(embedder())
        return loaded[0]

    paths = [Path(p) for p in paths]
    manifest = store.manifest()
    dirty = is_dirty(store)  # a previous run wrote and was killed before its bump

    docs: dict[str, Document] = {}
    for item in iter_documents(paths):
        if isinstance(item, LoadFailure):
            log.warning("skipped %s: %s", item.path, item.reason)
            report.failed.append(item)
            continue
        if item.id in docs:
            first = docs[item.id].source_path
            reason = f"duplicate document id {item.id!r} (already used by {first})"
            log.warning("skipped %s: %s", item.source_path, reason)
            report.failed.append(
                LoadFailure(
                    path=item.source_path,
                    reason=reason,
                    user_message=f"Identifiant « {item.id} » déjà utilisé par {first}.",
                )
            )
            continue
        docs[item.id] = item

    todo: list[tuple[Document, list[Chunk]]] = []
    for doc in docs.values():
        state = manifest.get(doc.id)
        if state and state.complete and state.content_hash == doc.content_hash:
            report.unchanged.append(doc.id)
            continue
        chunks = chunk_document(doc, size=chunk_size, overlap=chunk_overlap)
        if not chunks:
            report.failed.append(
                LoadFailure(
                    doc.source_path, "no text to index", "Le document ne contient aucun texte."
                )
            )
            continue
        todo.append((doc, chunks))

    gone = _gone(manifest, docs, report.failed, paths) if prune else {}
    if (todo or gone) and not dirty:
        mark_dirty(store)
        dirty = True
    if todo:
        total = sum(len(chunks) for _, chunks in todo)
        with tqdm(total=total, desc="Embedding", unit="chunk", disable=not progress) as bar:
            for doc, chunks in todo:
                t0 = time.perf_counter()
                vectors = model().embed_documents([c.embed_text for c in chunks])
                report.embed_seconds += time.perf_counter() - t0
                report.chunks_embedded += len(chunks)
                _replace_document(store, doc, chunks, vectors, manifest.get(doc.id))
                state = manifest.get(doc.id)
                if state is None:
                    report.added.append(doc.id)
                elif state.content_hash == doc.content_hash:
                    report.repaired.append(doc.id)
                else:
                    report.updated.append(doc.id)
                bar.update(len(chunks))

    for chunk_ids in gone.values():
        store.delete(chunk_ids)
    report.deleted = list(gone)
    synced = SentenceVectorStore.for_chunks(store).sync(
        (chunk.text for chunk in store.iter_chunks()),
        lambda: model().embed_documents,
        progress=progress,
    )
    report.sentences_embedded = synced.embedded
    report.sentences_deleted = synced.deleted
    refresh_snapshot(store)  # before the bump: the new version finds its snapshot saved
    if dirty or synced.embedded or synced.deleted:
        report.version = bump_version(store).number
        log.info("index version %d", report.version)
    else:
        report.version = read_version(store).number
    report.seconds = time.perf_counter() - started
    return report


def _replace_document(
    store: ChunkStore, doc: Document, chunks: list[Chunk], vectors: Any, old: Any
) -> None:
    n = len(chunks)
    store.add(
        [c.id for c in chunks],
        vectors,
        [c.text for c in chunks],
        [chunk_metadata(doc, c, n) for c in chunks],
    )
    if old is not None:
        new_ids = {c.id for c in chunks}
        store.delete([cid for cid in old.chunk_ids if cid not in new_ids])


def _gone(
    manifest: Mapping[str, Any],
    seen: Mapping[str, Document],
    failed: list[LoadFailure],
    roots: list[Path],
) -> dict[str, list[str]]:
    """Chunk ids of the documents that used to live under an indexed folder and are gone."""
    folders = [str(r.resolve()) for r in roots if r.is_dir()]
    failed_paths = {str(Path(f.path).resolve()) for f in failed}
    gone: dict[str, list[str]] = {}
    for doc_id, state in manifest.items():
        if doc_id in seen or not state.source_path:
            continue
        source = str(Path(state.source_path).resolve())
        if source in failed_paths:
            continue  # keep the last good version of a file that became unreadable
        if any(source.startswith(folder.rstrip("/") + "/") for folder in folders):
            gone[doc_id] = list(state.chunk_ids)
    return gone
