"""What every retriever returns, and the protocol the chain (and the benchmark baselines)
retrieve through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.answer import Filters, Passage
from assistant.index.records import StoredChunk

#: Confidence scale: cosine similarity of an unrelated question, span to a sure match,
#: and the BM25 score that counts as a full lexical match.
DENSE_FLOOR = 0.80
DENSE_SPAN = 0.08
LEXICAL_FULL = 6.0


@dataclass
class RetrievalResult:
    """Ranked passages and the raw signals used to judge confidence."""

    passages: list[Passage]
    dense_top: float = 0.0  # best cosine similarity (absolute)
    lexical_top: float = 0.0  # best BM25 score (absolute)
    lexical_coverage: float = 0.0  # share of query words known to the index
    mentioned: list[str] = field(default_factory=list)
    query_vector: np.ndarray | None = None

    @property
    def confidence(self) -> float:
        """0-1 estimate that the index holds something on the question's subject.

        Calibrated on the dev set's off-topic questions: they reach a fair cosine
        similarity (e5 rarely goes below 0.8) but a low best BM25 score.
        """
        dense = min(1.0, max(0.0, (self.dense_top - DENSE_FLOOR) / DENSE_SPAN))
        lexical = min(1.0, self.lexical_top / LEXICAL_FULL)
        return round(0.5 * dense + 0.5 * lexical, 4)


class Retriever(Protocol):
    """Ranked passages for a (standalone) question."""

    def retrieve(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        boost_docs: Sequence[str] = (),
        weak_boost_docs: Sequence[str] = (),
        diversify: bool = True,
    ) -> RetrievalResult: ...


class ChunkSource(Protocol):
    """Where a retriever reads the texts and metadata of chunks (a ChunkStore, or memory)."""

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks of ``ids`` that exist, in the order of ``ids``."""
        ...
