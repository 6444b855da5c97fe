"""Quoted sentences on the real index: a lead-in is quoted with the list it introduces."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.quotes import Quote, attributed, in_sources_section, source_comparisons
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("Quels sont les outils phares de COMETES ?", ["nanosatellites", "New Space"]),
        ("Quelles actions sont prévues par REMED ?", ["6 sites", "Formula Student France 2025"]),
        ("Quels sont les axes du projet GENHYO ?", ["1 500 formateurs", "observatoire"]),
    ],
)
def test_a_lead_in_is_quoted_with_its_list(
    indexed_assistant: Assistant, question: str, items: list[str]
) -> None:
    """« Ses outils phares : » alone answers nothing: the items follow, one per line."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for item in items:
        assert contains(answer.text, item)
    first = answer.citations[0]
    assert first.chunk_text[first.start : first.end] == first.quote  # still exact offsets
    assert all(contains(first.quote, item) for item in items)
    listed = [line for line in answer.text.splitlines() if line.startswith(("- ", "1. ", "2. "))]
    assert len(listed) >= 2


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("À quoi servent les environnements immersifs du CMQ NFP 4.0 ?", "gestes du métier"),
        (
            "Quels montants annoncés le 9 juin 2023 ne font pas partie de 3NC ?",
            "Ces montants ne font pas partie de 3NC",
        ),
    ],
)
def test_a_sentence_referring_back_comes_with_the_one_it_continues(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    """« Il conçoit des EIA… » is followed by « Ces outils servent à… » when that holds what
    the question asks (« servent »)."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert contains(answer.text, expected)
    assert any(contains(c.quote, expected) for c in answer.citations)


@pytest.mark.slow
def test_a_lead_in_quoted_second_comes_with_its_list(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Le dispositif sur la carte des formations des lycées professionnels, il poursuit "
        "quels objectifs exactement ?"
    )
    assert answer.answerable
    for item in ("plateaux techniques", "équipes pédagogiques"):
        assert contains(answer.text, item)


def test_a_list_of_references_is_told_from_a_comparison_of_sources() -> None:
    def chunk_under(*path: str) -> StoredChunk:
        text = "Montant : 2,7 M€ selon A ; 2,8 M€ selon B."
        return StoredChunk("c", text, ChunkMeta(doc_id="d", heading_path=path))

    assert not source_comparisons([chunk_under("Fiche", "Sources")])
    assert not source_comparisons([chunk_under("Fiche", "Principales sources")])
    compared = source_comparisons([chunk_under("Fiche", "Chiffres clés", "Écarts entre sources")])
    assert [q.text for q in compared] == ["Montant : 2,7 M€ selon A ; 2,8 M€ selon B."]
    # Out of the best-sentence pool all the same: it is quoted beside the figure it compares.
    assert in_sources_section(compared[0])


def test_a_figure_comes_with_the_line_saying_which_source_gives_which() -> None:
    def chunk(text: str, *path: str) -> StoredChunk:
        return StoredChunk(path[-1], text, ChunkMeta(doc_id="d", heading_path=path))

    figure = Quote(chunk("X reçoit 16 586 665 € selon A.", "Fiche", "Chiffres clés"), 0, 30)
    lines = [
        chunk("La fiche retient 16 586 665 € comme aide.", "Fiche", "Écarts entre sources"),
        chunk("Montant : A indique 16 586 665 € ; B parle de 16 M€.", "Fiche", "Écarts entre"),
    ]
    # The second heading is no comparison section (« Écarts entre »): only a line of one
    # that sets two sources apart goes with the figure.
    assert attributed(figure, lines) == []
    compared = chunk(
        "Montant : A indique 16 586 665 € ; B parle de 16 M€.", "F", "Écarts entre sources"
    )
    assert [q.text for q in attributed(figure, [*lines, compared])] == [compared.text]
    # A line comparing another figure does not go with it.
    other = Quote(chunk("X forme 1 500 formateurs.", "Fiche", "Chiffres clés"), 0, 25)
    assert attributed(other, [compared]) == []
