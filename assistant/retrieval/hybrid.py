"""Hybrid retrieval: dense (Chroma + e5) and French BM25, fused with tuned weights.

Scores of each side are brought to [0, 1] over the candidates (dense: min-max of the
cosine similarities; lexical: divided by the best BM25 score), then combined as
``dense_weight * dense + lexical_weight * lexical``. Documents named in the question get a
boost, metadata filters restrict both sides, and no document may fill more than
``max_chunks_per_doc`` of the final places.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answer import Filters, Passage
from assistant.index.lexical import LexicalIndex
from assistant.index.records import StoredChunk
from assistant.index.store import ChunkStore
from assistant.retrieval.base import RetrievalResult
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


class HybridRetriever:
    """Dense + lexical retrieval over one chunk store."""

    def __init__(
        self,
        store: ChunkStore,
        embedder: Embedder,
        chunks: Sequence[StoredChunk],
        *,
        catalog: Catalog | None = None,
        dense_weight: float = 0.5,
        lexical_weight: float = 0.5,
        candidates_k: int = 30,
        top_k: int = 6,
        max_chunks_per_doc: int = 2,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.chunks = list(chunks)
        self.catalog = catalog
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.candidates_k = candidates_k
        self.top_k = top_k
        self.max_chunks_per_doc = max_chunks_per_doc
        self._position = {c.id: i for i, c in enumerate(self.chunks)}
        self._by_doc: dict[str, list[StoredChunk]] = {}
        for chunk in sorted(self.chunks, key=lambda c: c.meta.chunk_index):
            self._by_doc.setdefault(chunk.doc_id, []).append(chunk)
        self._doc_of = np.array([c.doc_id for c in self.chunks], dtype=object)
        self.lexical = LexicalIndex([c.index_text for c in self.chunks])

    @classmethod
    def build(
        cls, store: ChunkStore, embedder: Embedder, settings: Settings, catalog: Catalog | None
    ) -> HybridRetriever:
        """Read every chunk of ``store`` and build the lexical index over them."""
        return cls(
            store,
            embedder,
            list(store.iter_chunks()),
            catalog=catalog,
            dense_weight=settings.dense_weight,
            lexical_weight=settings.lexical_weight,
            candidates_k=settings.candidates_k,
            top_k=settings.top_k,
            max_chunks_per_doc=settings.max_chunks_per_doc,
        )

    @property
    def size(self) -> int:
        return len(self.chunks)

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """Every chunk of one document, in document order."""
        return self._by_doc.get(doc_id, [])

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
        dense_hits = self.store.query(query_vector, n_dense, where=where)
        dense = {chunk.id: sim for chunk, sim in dense_hits}

        # Lexical side, in memory.
        scores = self.lexical.scores(expanded)
        if allowed is not None:
            scores = np.where(np.isin(self._doc_of, list(allowed)), scores, 0.0)
        elif excluded:
            scores = np.where(np.isin(self._doc_of, sorted(excluded)), 0.0, scores)
        top_lex = np.argsort(-scores)[: self.candidates_k]
        lexical = {self.chunks[i].id: float(scores[i]) for i in top_lex if scores[i] > 0}

        dense_vals = list(dense.values())
        d_min, d_max = (min(dense_vals), max(dense_vals)) if dense_vals else (0.0, 0.0)
        l_max = max(lexical.values(), default=0.0)
        boost = set(boost_docs)
        weak_boost = set(weak_boost_docs)

        passages: list[Passage] = []
        for cid in dense.keys() | lexical.keys():
            pos = self._position.get(cid)
            if pos is None:  # written by another process since we loaded: skip
                continue
            chunk = self.chunks[pos]
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
