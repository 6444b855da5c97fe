"""An institution no document names is said to be unknown, not answered about another."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.unknown_names import (
    unknown_institution,
    unknown_placed,
    unknown_programme,
)
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


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # Described by a town no document names, in any case.
        (
            "L'école d'ingénieurs de Mulhouse a-t-elle été retenue à l'AMI CMA ?",
            "école d'ingénieurs de Mulhouse",
        ),
        ("l'iut de Troyes propose quoi en hydrogène ?", "iut de Troyes"),
        # A town the documents name, or no town at all.
        ("L'école de Verkor forme à quoi ?", None),
        ("Le campus de Lille forme combien d'étudiants ?", None),
        ("Quelle école forme aux batteries ?", None),
    ],
)
def test_an_institution_described_by_a_town_the_documents_never_name(
    question: str, name: str | None
) -> None:
    known = fold("Verkor ouvre une école à Grenoble ; le campus de Lille forme des techniciens.")
    assert unknown_placed(question, known) == name


@pytest.mark.slow
def test_an_unknown_town_is_left_to_a_programme_of_its_region_in_the_sector_asked(
    indexed_assistant: Assistant,
) -> None:
    # Nice is in no document, but Efalia Côte d'Azur (same region, IA) is what is described.
    answer = indexed_assistant.ask(
        "je suis en droit à l'université de Nice, on peut ajouter une mineure en IA, ça "
        "s'appelle comment ce programme ?"
    )
    assert "Efalia" in answer.text
    textile = indexed_assistant.ask(
        "L'école d'ingénieurs de Mulhouse a-t-elle été retenue à l'AMI CMA pour son programme "
        "sur le textile intelligent ?"
    )
    assert not textile.answerable
    assert "Je ne trouve pas « école d'ingénieurs de Mulhouse »" in textile.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        (
            "Le programme HydroForm de Lorient, lauréat France 2030, il a reçu combien ?",
            "HydroForm",
        ),
        ("Combien de places propose la CyberAlp Academy d'Annecy ?", "CyberAlp Academy"),
        # Names the documents hold.
        ("Le projet TalCyb est piloté par qui ?", None),
        ("Le programme France 2030 finance quoi ?", None),
        ("le projet de Verkor forme combien ?", None),
    ],
)
def test_a_programme_name_the_documents_never_hold(question: str, name: str | None) -> None:
    known = fold("TalCyb est piloté par le Campus Cyber ; France 2030 ; Verkor.")
    assert unknown_programme(question, known) == name
