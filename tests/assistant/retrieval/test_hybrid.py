"""Hybrid retrieval over the real index: filters, named programmes, diversity, confidence;
the saved lexical snapshot retrieves exactly what a fresh build does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant import Filters
from assistant.index.records import StoredChunk
from assistant.index.store import ChunkStore
from assistant.retrieval import HybridRetriever
from assistant.retrieval.hybrid import top_positions

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def retriever(indexed_assistant: Assistant) -> HybridRetriever:
    return indexed_assistant.retriever


def test_a_region_filter_restricts_every_passage(
    retriever: HybridRetriever, indexed_assistant: Assistant
) -> None:
    result = retriever.retrieve(
        "Quel programme forme aux batteries ?", filters=Filters(regions=("Nouvelle-Aquitaine",))
    )
    allowed = {r.id for r in indexed_assistant.programmes(Filters(regions=("Nouvelle-Aquitaine",)))}
    assert result.passages
    assert {p.doc_id for p in result.passages} <= allowed
    assert result.passages[0].doc_id == "battena"


def test_a_sector_filter_restricts_every_passage(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("formation batteries", filters=Filters(sectors=("cybersécurité",)))
    assert result.passages
    for passage in result.passages:
        assert "cybersécurité" in passage.chunk.meta.sectors


def test_a_programme_filter_restricts_every_passage(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("formation", filters=Filters(programmes=("osmose", "talcyb")))
    assert result.passages
    assert {p.doc_id for p in result.passages} <= {"osmose", "talcyb"}


def test_a_filter_that_matches_nothing_returns_no_passage(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("Quel est le budget d'Electro'Mob ?", filters=Filters(("Corse",)))
    assert result.passages == []
    assert result.confidence == 0.0


def test_the_programme_named_in_the_question_ranks_first(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("Qui porte GENHYO ?", boost_docs=["genhyo"])
    assert result.passages[0].doc_id == "genhyo"
    result = retriever.retrieve("Quel est le budget d'Electro'Mob ?", boost_docs=["electromob"])
    assert result.passages[0].doc_id == "electromob"


def test_no_document_fills_more_than_its_share(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("formation aux batteries et à la filière batterie", k=8)
    counts = Counter(p.doc_id for p in result.passages)
    assert len(result.passages) == 8
    assert max(counts.values()) <= retriever.max_chunks_per_doc


def test_passages_are_ranked_best_first(retriever: HybridRetriever) -> None:
    scores = [p.score for p in retriever.retrieve("cybersécurité en Occitanie").passages]
    assert scores == sorted(scores, reverse=True)


def test_synonyms_find_the_document_that_uses_the_other_word(retriever: HybridRetriever) -> None:
    # The documents speak of « batteries »; the glossary makes « accumulateurs » find them.
    result = retriever.retrieve("formation aux accumulateurs en Nouvelle-Aquitaine")
    assert "battena" in [p.doc_id for p in result.passages[:3]]


def test_an_off_topic_question_gets_a_low_confidence(retriever: HybridRetriever) -> None:
    on_topic = retriever.retrieve("Quel est le budget d'Electro'Mob ?")
    off_topic = retriever.retrieve("Quelle est la recette du cassoulet ?")
    assert off_topic.confidence < 0.5 <= on_topic.confidence


def test_chunks_of_a_document_come_in_document_order(retriever: HybridRetriever) -> None:
    chunks = retriever.chunks_of("electromob")
    assert len(chunks) >= 2
    indexes = [c.meta.chunk_index for c in chunks]
    assert indexes == sorted(indexes) == list(range(len(chunks)))


def test_chunks_of_a_document_are_its_stored_chunks(retriever: HybridRetriever) -> None:
    stored = sorted(
        (c for c in retriever.store.iter_chunks() if c.doc_id == "battena"),
        key=lambda c: c.meta.chunk_index,
    )
    assert retriever.chunks_of("battena") == stored
    assert retriever.chunks_of("inconnu") == []


QUESTIONS = [
    ("Quel est le budget d'Electro'Mob ?", {}),
    ("Quel programme forme aux batteries ?", {"filters": Filters(regions=("Nouvelle-Aquitaine",))}),
    ("formations cybersécurité", {"filters": Filters(exclude=("osmose",))}),
    ("Combien de personnes seront formées ?", {"boost_docs": ["electromob"], "k": 12}),
    ("Quelle est la recette du cassoulet ?", {}),
]


def test_the_saved_snapshot_retrieves_what_a_fresh_build_does(
    retriever: HybridRetriever,
) -> None:
    # The assistant's retriever loaded the snapshot `assistant index` saved; this one
    # reads every chunk back from Chroma and builds BM25 now, as start-up used to.
    fresh = HybridRetriever.from_chunks(
        retriever.store,
        retriever.embedder,
        list(retriever.store.iter_chunks()),
        catalog=retriever.catalog,
        dense_weight=retriever.dense_weight,
        lexical_weight=retriever.lexical_weight,
        candidates_k=retriever.candidates_k,
        top_k=retriever.top_k,
        max_chunks_per_doc=retriever.max_chunks_per_doc,
    )
    assert fresh.size == retriever.size
    for question, options in QUESTIONS:
        got, want = retriever.retrieve(question, **options), fresh.retrieve(question, **options)
        assert [(p.chunk, p.score, p.lexical) for p in got.passages] == [
            (p.chunk, p.score, p.lexical) for p in want.passages
        ], question
        assert (got.lexical_top, got.lexical_coverage) == (want.lexical_top, want.lexical_coverage)


def test_the_best_positions_are_the_top_of_a_full_sort() -> None:
    rng = np.random.default_rng(7)
    scores = rng.random(1000).astype(np.float32)
    assert top_positions(scores, 30).tolist() == np.argsort(-scores)[:30].tolist()
    ties = np.array([1.0, 3.0, 3.0, 2.0, 3.0], dtype=np.float32)
    assert top_positions(ties, 2).tolist() == [1, 2]  # equal scores: lower position first
    assert top_positions(ties, 10).tolist() == [1, 2, 4, 3, 0]
    assert top_positions(ties[:0], 5).tolist() == []


class CountingSource:
    """The real store, counting the chunks read from it."""

    def __init__(self, store: ChunkStore) -> None:
        self.store = store
        self.read = 0

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        self.read += len(ids)
        return self.store.get(ids)


def test_candidates_read_once_are_served_from_memory(retriever: HybridRetriever) -> None:
    source = CountingSource(retriever.store)
    fresh = HybridRetriever(
        retriever.store,
        retriever.embedder,
        retriever.snapshot,
        source=source,
        catalog=retriever.catalog,
    )
    question = "Quelles formations aux métiers de la batterie dans les Hauts-de-France ?"
    first = fresh.retrieve(question)
    assert source.read > 0
    read = source.read
    again = fresh.retrieve(question)
    assert source.read == read  # nothing read from the store the second time
    assert [(p.chunk, p.score) for p in again.passages] == [
        (p.chunk, p.score) for p in first.passages
    ]
    stored = {c.id: c for c in retriever.store.get([p.chunk.id for p in first.passages])}
    assert all(p.chunk == stored[p.chunk.id] for p in first.passages)
