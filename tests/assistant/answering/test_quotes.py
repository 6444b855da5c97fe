"""Quoted sentences on the real index: a lead-in is quoted with the list it introduces."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

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
