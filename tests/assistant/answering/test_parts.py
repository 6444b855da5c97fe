"""Two-part questions on the real index: each part gets the sentence that answers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Combien de temps dure FPI AURA et combien coûte-t-il ?", ["3 ans", "22 M€"]),
        (
            "Combien de sites et combien de partenaires industriels compte REMED ?",
            ["6 sites", "25 partenaires"],
        ),
        (
            "Combien de personnes supplémentaires FPI AURA veut-il former dans le secondaire "
            "et dans le supérieur ?",
            ["2 200", "1 500"],
        ),
        (
            "Combien de personnes l'École de la Batterie veut-elle former par an et au total ?",
            ["1 600", "8 000"],
        ),
    ],
)
def test_each_part_of_a_two_part_question_is_answered(
    indexed_assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for value in expected:
        assert contains(answer.text, value), value
        # …from a sentence of the programme that holds it, cited.
        assert any(contains(c.quote, value) for c in answer.citations), value
    for citation in answer.citations:
        assert citation.chunk_text[citation.start : citation.end] == citation.quote


def test_a_figure_is_not_found_inside_a_larger_one(indexed_assistant: Assistant) -> None:
    """« 8 000 » (the people to train) is not the « 800 000 » of the sector's needs."""
    answer = indexed_assistant.ask(
        "Combien de personnes l'École de la Batterie doit-elle qualifier ?"
    )
    assert answer.answerable
    assert contains(answer.text, "8 000")
    assert "800 000" not in answer.text
