"""Chroma-backed chunk store: embedded ``PersistentClient`` or a ``chroma run`` server.

The collection records the embedder that built it; opening it with another one is an
:class:`~assistant.errors.EmbedderMismatchError`. Every chunk carries its document's
content hash and chunk count, so the index can tell complete documents from ones a
killed run left half-written (:meth:`ChunkStore.manifest`).

Next to the chunks collection ``name`` lives ``name-sentences``, the vectors of the
chunks' sentences (:mod:`assistant.index.sentence_vectors`); a reset drops both.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import EmbedderMismatchError
from assistant.index.chroma import (
    delete_collection,
    delete_ids,
    local_dir,
    make_client,
    open_collection,
    wrap_error,
)
from assistant.index.records import ChunkMeta, StoredChunk

if TYPE_CHECKING:
    from pathlib import Path

    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from assistant.config import Settings


log = logging.getLogger(__name__)

_PAGE = 2000
#: Ids alone are small: bigger pages, fewer round trips.
_PAGE_IDS = 20000
#: Suffix of the collection of sentence vectors that goes with a chunks collection.
SENTENCES_SUFFIX = "-sentences"


@dataclass
class DocState:
    """What the store holds for one document."""

    hashes: set[str] = field(default_factory=set)
    chunk_ids: list[str] = field(default_factory=list)
    expected_chunks: int = 0
    source_path: str = ""

    @property
    def complete(self) -> bool:
        """True when exactly one version is stored, with all its chunks."""
        return len(self.hashes) == 1 and len(self.chunk_ids) == self.expected_chunks

    @property
    def content_hash(self) -> str | None:
        return next(iter(self.hashes)) if len(self.hashes) == 1 else None


class ChunkStore:
    """One Chroma collection of embedded chunks."""

    def __init__(
        self,
        collection: Collection,
        embedder_name: str,
        *,
        client: ClientAPI,
        local_dir: Path | None = None,
    ) -> None:
        self._collection = collection
        self.embedder_name = embedder_name
        #: The client the collection was opened with (its companion collections use it).
        self.client = client
        #: Local folder for files derived from this collection (the lexical snapshot), or
        #: None when there is none: they are then rebuilt in memory.
        self.local_dir = local_dir

    @property
    def name(self) -> str:
        return self._collection.name

    @classmethod
    def open(
        cls,
        settings: Settings,
        embedder_name: str,
        *,
        collection: str | None = None,
        reset: bool = False,
        client: ClientAPI | None = None,
    ) -> ChunkStore:
        """Open (creating if needed) a collection built by ``embedder_name``."""
        client = client or make_client(settings)
        name = collection or settings.collection
        try:
            if reset:
                delete_collection(client, name)
                delete_collection(client, name + SENTENCES_SUFFIX)
            coll = open_collection(client, name, embedder_name)
        except Exception as exc:
            raise wrap_error(exc, f"cannot open collection {name!r}") from exc
        built_by = (coll.metadata or {}).get("embedder")
        if built_by and built_by != embedder_name:
            raise EmbedderMismatchError(
                f"collection {name!r} was built with {built_by!r}, not {embedder_name!r}: "
                f"re-index it with `assistant index --reset --collection {name}`"
            )
        return cls(coll, embedder_name, client=client, local_dir=local_dir(settings, name))

    # --- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        try:
            return self._collection.count()
        except Exception as exc:
            raise wrap_error(exc, "count failed") from exc

    def iter_chunks(
        self, *, include_text: bool = True, where: Mapping[str, Any] | None = None
    ) -> Iterator[StoredChunk]:
        """Yield every stored chunk (matching the metadata filter ``where``), page by page."""
        include: list[Any] = ["metadatas", "documents"] if include_text else ["metadatas"]
        offset = 0
        while True:
            try:
                page = self._collection.get(
                    where=dict(where) if where else None,
                    include=include,
                    limit=_PAGE,
                    offset=offset,
                )
            except Exception as exc:
                raise wrap_error(exc, "reading chunks failed") from exc
            ids = page["ids"]
            if not ids:
                return
            metas = page.get("metadatas") or [{}] * len(ids)
            docs = page.get("documents") or [""] * len(ids)
            for cid, meta, text in zip(ids, metas, docs, strict=True):
                yield StoredChunk(cid, text or "", ChunkMeta.from_chroma(meta))
            offset += len(ids)

    def ids(self) -> list[str]:
        """Every stored chunk id (no text, no metadata: cheap even for a large index)."""
        ids: list[str] = []
        while True:
            try:
                page = self._collection.get(include=[], limit=_PAGE_IDS, offset=len(ids))
            except Exception as exc:
                raise wrap_error(exc, "listing chunk ids failed") from exc
            if not page["ids"]:
                return ids
            ids.extend(page["ids"])

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks of ``ids`` that are stored, in the order of ``ids``."""
        found: dict[str, StoredChunk] = {}
        for start in range(0, len(ids), _PAGE):
            try:
                page = self._collection.get(
                    ids=list(ids[start : start + _PAGE]), include=["metadatas", "documents"]
                )
            except Exception as exc:
                raise wrap_error(exc, "reading chunks failed") from exc
            metas = page.get("metadatas") or [{}] * len(page["ids"])
            docs = page.get("documents") or [""] * len(page["ids"])
            for cid, meta, text in zip(page["ids"], metas, docs, strict=True):
                found[cid] = StoredChunk(cid, text or "", ChunkMeta.from_chroma(meta))
        return [found[cid] for cid in ids if cid in found]

    def manifest(self) -> dict[str, DocState]:
        """Per document: stored hashes, chunk ids and whether it is complete."""
        states: dict[str, DocState] = {}
        for chunk in self.iter_chunks(include_text=False):
            state = states.setdefault(chunk.doc_id, DocState())
            state.hashes.add(chunk.meta.doc_hash)
            state.chunk_ids.append(chunk.id)
            state.expected_chunks = chunk.meta.n_chunks
            state.source_path = chunk.meta.source_path
        return states

    def nearest(
        self, embedding: np.ndarray, k: int, *, where: Mapping[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids of the nearest chunks with their cosine similarity, best first (no texts:
        a caller that keeps chunks in memory reads only those it lacks)."""
        try:
            res = self._collection.query(
                query_embeddings=[np.asarray(embedding, dtype=np.float32)],
                n_results=k,
                where=dict(where) if where else None,
                include=["distances"],
            )
        except Exception as exc:
            raise wrap_error(exc, "query failed") from exc
        dists = (res.get("distances") or [[]])[0]
        return [(cid, 1.0 - dist) for cid, dist in zip(res["ids"][0], dists, strict=True)]

    # --- writing ---------------------------------------------------------------------------

    def add(
        self,
        ids: Sequence[str],
        embeddings: np.ndarray,
        texts: Sequence[str],
        metas: Sequence[ChunkMeta],
    ) -> None:
        """Add chunks in one call, so a document's chunks land together."""
        if not ids:
            return
        try:
            self._collection.upsert(
                ids=list(ids),
                embeddings=np.asarray(embeddings, dtype=np.float32),
                documents=list(texts),
                metadatas=[m.to_chroma() for m in metas],  # type: ignore[misc]
            )
        except Exception as exc:
            raise wrap_error(exc, "writing chunks failed") from exc

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        delete_ids(self._collection, ids, "chunks")
