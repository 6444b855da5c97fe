"""Hybrid retrieval: dense (Chroma + e5) and French BM25, fused with tuned weights.

Scores of each side are brought to [0, 1] over the candidates (dense: min-max of the
cosine similarities; lexical: divided by the best BM25 score), then combined as
``dense_weight * dense + lexical_weight * lexical``. Documents named in the question get a
boost, metadata filters restrict both sides, and no document may fill more than
``max_chunks_per_doc`` of the final places.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from cachetools import LRUCache

from assistant.answer import Filters, Passage
from assistant.index.chunk_table import ChunkTable, fingerprint
from assistant.index.lexical import LexicalIndex
from assistant.index.records import StoredChunk
from assistant.index.snapshot import Snapshot, load_snapshot
from assistant.index.store import ChunkStore
from assistant.retrieval.base import ChunkSource, RetrievalResult
from assistant.text.glossary import expand_query
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.catalog import Catalog
    from assistant.config import Settings
    from assistant.embeddings.base import Embedder

log = logging.getLogger(__name__)

#: Added to the fused score of chunks of a programme named in the question.
MENTION_BOOST = 0.35
#: Added when the question names the call for projects itself (« AMI CMA »).
WEAK_BOOST = 0.1
#: Documents whose chunks stay in memory once read (a few MB at most).
DOCUMENTS_CACHED = 256
#: Candidate chunks that stay in memory once read (about 2 KB each).
CHUNKS_CACHED = 4096


class MemoryChunks:
    """A :class:`ChunkSource` over chunks already in memory."""

    def __init__(self, chunks: Iterable[StoredChunk]) -> None:
        self._by_id = {c.id: c for c in chunks}

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        return [self._by_id[i] for i in ids if i in self._by_id]


class HybridRetriever:
    """Dense + lexical retrieval over one chunk store.

    What it holds in memory is the store's :class:`~assistant.index.snapshot.Snapshot`
    (chunk ids, documents, BM25); chunk texts and metadata are read from ``source`` (the
    store itself, or the chunks given to :meth:`from_chunks`) only for the candidates of
    a question and the documents the answer step reads (those are kept in a small cache).
    """

    def __init__(
        self,
        store: ChunkStore,
        embedder: Embedder,
        snapshot: Snapshot,
        *,
        source: ChunkSource | None = None,
        catalog: Catalog | None = None,
        dense_weight: float = 0.5,
        lexical_weight: float = 0.5,
        candidates_k: int = 30,
        top_k: int = 6,
        max_chunks_per_doc: int = 2,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.snapshot = snapshot
        self.table = snapshot.table
        self.lexical = snapshot.lexical
        self.source: ChunkSource = source if source is not None else store
        self.catalog = catalog
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.candidates_k = candidates_k
        self.top_k = top_k
        self.max_chunks_per_doc = max_chunks_per_doc
        #: Documents read for the answer step, kept for the next questions (thread-safe).
        self._document = lru_cache(maxsize=DOCUMENTS_CACHED)(self._read_document)
        #: Candidate chunks read for earlier questions (an index version's chunks never
        #: change: a new version gets a new retriever).
        self._candidates: LRUCache[str, StoredChunk] = LRUCache(maxsize=CHUNKS_CACHED)
        self._candidates_lock = threading.Lock()

    @classmethod
    def build(
        cls, store: ChunkStore, embedder: Embedder, settings: Settings, catalog: Catalog | None
    ) -> HybridRetriever:
        """THE way to build a retriever from a store: its lexical snapshot is loaded (or,
        when missing or stale, built from every chunk and saved for the next process)."""
        return cls(
            store,
            embedder,
            load_snapshot(store),
            catalog=catalog,
            dense_weight=settings.dense_weight,
            lexical_weight=settings.lexical_weight,
            candidates_k=settings.candidates_k,
            top_k=settings.top_k,
            max_chunks_per_doc=settings.max_chunks_per_doc,
        )

    @classmethod
    def from_chunks(
        cls, store: ChunkStore, embedder: Embedder, chunks: Sequence[StoredChunk], **options: Any
    ) -> HybridRetriever:
        """A retriever over chunks already in memory (texts served from them, nothing saved)."""
        chunks = list(chunks)
        ids = [c.id for c in chunks]
        snapshot = Snapshot(
            ChunkTable.build(ids, [c.doc_id for c in chunks], [c.meta.chunk_index for c in chunks]),
            LexicalIndex([c.index_text for c in chunks]),
            fingerprint(ids),
        )
        return cls(store, embedder, snapshot, source=MemoryChunks(chunks), **options)

    @property
    def size(self) -> int:
        return self.table.size

    def chunks_at(self, positions: Iterable[int]) -> dict[int, StoredChunk]:
        """The chunks at these positions of the table (those still stored)."""
        wanted = {str(self.table.ids[p]): int(p) for p in positions}
        return {wanted[c.id]: c for c in self.source.get(list(wanted))}

    def candidates(self, ids: Sequence[str]) -> dict[str, StoredChunk]:
        """The stored chunks of ``ids``: from memory when read before, the others in one
        store read."""
        with self._candidates_lock:
            found = {cid: c for cid in ids if (c := self._candidates.get(cid)) is not None}
        missing = [cid for cid in dict.fromkeys(ids) if cid not in found]
        if missing:
            fetched = self.source.get(missing)
            with self._candidates_lock:
                for chunk in fetched:
                    self._candidates[chunk.id] = chunk
            found.update((chunk.id, chunk) for chunk in fetched)
        return found

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """Every chunk of one document, in document order."""
        return self._document(doc_id)

    def _read_document(self, doc_id: str) -> list[StoredChunk]:
        positions = self.table.positions_of(doc_id)
        found = self.chunks_at(positions)
        return [found[int(p)] for p in positions if int(p) in found]

    def retrieve(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        boost_docs: Sequence[str] = (),
        weak_boost_docs: Sequence[str] = (),
        diversify: bool = True,
    ) -> RetrievalResult:
        """The best ``k`` passages for ``query`` under ``filters``."""
        k = k or self.top_k
        filters = filters if filters is not None else Filters()
        allowed = self.catalog.doc_ids(filters) if self.catalog is not None else None
        excluded = set(filters.exclude)
        if allowed is not None:
            allowed = [d for d in allowed if d not in excluded]
            if not allowed:
                return RetrievalResult([])
        expanded = expand_query(query)

        # Dense side, through Chroma.
        where: dict[str, Any] | None = None
        if allowed is not None:
            where = {"doc_id": {"$in": list(allowed)}}
        elif excluded:
            where = {"doc_id": {"$nin": sorted(excluded)}}
        n_dense = min(self.candidates_k, self.size)
        query_vector = self.embedder.embed_query(query)
        dense = dict(self.store.nearest(query_vector, n_dense, where=where))

        # Lexical side, in memory; then the candidates' texts (most from memory).
        scores = self.lexical.scores(expanded)
        if allowed is not None:
            scores = np.where(self.table.in_docs(allowed), scores, 0.0)
        elif excluded:
            scores = np.where(self.table.in_docs(excluded), 0.0, scores)
        top_lex = top_positions(scores, self.candidates_k)
        lexical = {str(self.table.ids[i]): float(scores[i]) for i in top_lex if scores[i] > 0}
        chunks = self.candidates([*dense, *(i for i in lexical if i not in dense)])

        dense_vals = list(dense.values())
        d_min, d_max = (min(dense_vals), max(dense_vals)) if dense_vals else (0.0, 0.0)
        l_max = max(lexical.values(), default=0.0)
        boost = set(boost_docs)
        weak_boost = set(weak_boost_docs)

        passages: list[Passage] = []
        for cid in dense.keys() | lexical.keys():
            chunk = chunks.get(cid)
            # Written by another process since the snapshot was taken, or deleted since.
            if chunk is None or self.table.position(cid) is None:
                continue
            d = dense.get(cid, d_min)
            d_norm = (d - d_min) / (d_max - d_min) if d_max > d_min else 1.0
            l_norm = lexical.get(cid, 0.0) / l_max if l_max > 0 else 0.0
            fused = self.dense_weight * d_norm + self.lexical_weight * l_norm
            if chunk.doc_id in boost:
                fused += MENTION_BOOST
            elif chunk.doc_id in weak_boost:
                fused += WEAK_BOOST
            passages.append(Passage(chunk, fused, dense=d, lexical=lexical.get(cid, 0.0)))
        passages.sort(key=lambda p: (-p.score, p.chunk.id))
        passages = _diversify(passages, k, self.max_chunks_per_doc) if diversify else passages[:k]
        asked = set(tokenize(query))
        known = asked & set(self.lexical.known(query))
        return RetrievalResult(
            passages,
            dense_top=d_max,
            lexical_top=l_max,
            lexical_coverage=len(known) / len(asked) if asked else 0.0,
            mentioned=list(boost_docs),
            query_vector=query_vector,
        )


def top_positions(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first (ties: lower position first),
    by partial sort: linear in the number of scores, not ``n log n``."""
    if k <= 0 or not len(scores):
        return np.empty(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return top[np.lexsort((top, -scores[top]))]


def _diversify(passages: list[Passage], k: int, per_doc: int) -> list[Passage]:
    """Keep the ranking but at most ``per_doc`` passages of any one document."""
    kept: list[Passage] = []
    count: dict[str, int] = {}
    for p in passages:
        if count.get(p.doc_id, 0) >= per_doc:
            continue
        count[p.doc_id] = count.get(p.doc_id, 0) + 1
        kept.append(p)
        if len(kept) == k:
            break
    return kept
