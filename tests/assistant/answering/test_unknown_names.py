"""An institution no document names is said to be unknown, not answered about another."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.unknown_names import unknown_institution
from assistant.text.folding import fold

if TYPE_CHECKING:
    from assistant import Assistant

KNOWN = fold(
    "L'École de la Batterie est portée par Verkor. Le Campus Cyber pilote TalCyb. "
    "Le Campus des industries navales (CINav) porte FORTEIM."
)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        (
            "L'École du nucléaire de Brive-la-Gaillarde financée par France 2030, elle recrute "
            "à partir de quel niveau ?",
            "École du nucléaire de Brive-la-Gaillarde",
        ),
        (
            "Quel est le budget de l'Institut des métiers du bois de Tulle ?",
            "Institut des métiers du bois de Tulle",
        ),
        # Names the documents hold, written in any case or accent.
        ("L'École de la Batterie forme combien de personnes ?", None),
        ("C'est quoi l'Ecole de la batterie ?", None),
        ("Le Campus Cyber porte quel programme ?", None),
        ("Quel budget pour le Campus des industries navales ?", None),
        # A head word alone, or in lower case, names nothing.
        ("Quelle école forme aux batteries ?", None),
        ("Campus : où ?", None),
    ],
)
def test_an_institution_the_documents_never_name(question: str, name: str | None) -> None:
    assert unknown_institution(question, KNOWN) == name


@pytest.mark.slow
def test_a_school_that_is_not_in_the_documents_is_said_so(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Mon fils est en bac pro à Brive. L'École du nucléaire de Brive-la-Gaillarde, elle "
        "recrute à partir de quel niveau ?"
    )
    assert not answer.answerable
    assert "Je ne trouve pas « École du nucléaire de Brive-la-Gaillarde »" in answer.text
    assert "École de la Batterie" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # In lower case, or capitalised only as the question's first word, the words
        # describe a programme (« le campus poitevin »), they name none.
        "l'ecole de la robotique de Brive elle est financee ?",
        "Combien d'équipements le campus poitevin a-t-il achetés ?",
        "École de chimie toulousaine : combien de stagiaires ?",
        # A proper name after the head (a town, « Centrale ») is left to the usual path.
        "Le Campus de Saintes ouvre quand ?",
        "L'École Centrale de Lyon a un projet ?",
    ],
)
def test_descriptions_and_proper_names_are_not_unknown_names(question: str) -> None:
    assert unknown_institution(question, KNOWN) is None
