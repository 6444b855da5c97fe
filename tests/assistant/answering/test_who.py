"""« Qui… ? » questions: the answer names someone the question does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.question import asks_who
from assistant.answering.who import new_names
from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Qui a signé la lettre d'intention du Ferrocampus ?", True),
        ("Par qui le projet a-t-il été lancé ?", True),
        ("Qui préside l'université qui porte Cyrce ?", True),
        ("Combien de personnes l'université qui porte Cyrce forme-t-elle ?", False),
        ("Qui sont les lauréats de la 3e vague ?", False),  # a list, not one name
        ("À qui s'adresse OSMOSE ?", False),  # the audience, not a name
        ("Pour qui sont ces formations ?", False),
        # A « qui » at the end, or a reported question.
        ("Un internaute veut savoir qui est responsable du programme. Qui est-ce ?", True),
        # An office-holder asked by the office (« membre du gouvernement » = a minister).
        ("Quel membre du gouvernement a assisté au lancement de REMED ?", True),
        ("Quelle ministre est venue à l'inauguration ?", True),
    ],
)
def test_a_question_asking_who_is_recognised(question: str, expected: bool) -> None:
    assert asks_who(question) is expected


def test_names_of_the_question_the_programme_and_places_are_not_new() -> None:
    sentence = (
        "La lettre d'intention a été signée par Alain Rousset, président de Région, "
        "et par la SNCF, à Saintes."
    )
    found = new_names(
        sentence, "Qui a signé la lettre d'intention du Ferrocampus ?", ["Ferrocampus", "Saintes"]
    )
    assert {"alain", "rousset", "sncf"} <= set(found)
    assert "saintes" not in found and "la" not in found
    assert not new_names(
        "La convention du Ferrocampus a été signée le 2 octobre 2020.", "", ["Ferrocampus"]
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        # The sentence holding the question's words gives a date, not who signed.
        (
            "Qui a signé la lettre d'intention du Ferrocampus ?",
            ["Alain Rousset", "Jean-Pierre Farandou"],
            None,
        ),
        # « en plus de l'État »: the State is not the answer, the other backers are.
        ("Qui soutient REMED à part l'État ?", ["CARA"], "14 M€"),
        # The lead named in the question is not what it asks.
        ("Qui préside l'Université de Caen, porteuse de Cyrce ?", ["Lamri Adoui"], None),
        # A lead recorded with a qualifier (« (institut 3IA Côte d'Azur) ») and words of the
        # programme's own name (« Côte d'Azur ») is still found in the text.
        ("Qui porte Efalia Côte d'Azur ?", ["Université Côte d'Azur"], "ne précise pas"),
        ("Qui gère DEFFINUM ?", ["Banque des Territoires"], "ne précise pas"),
        # Who leads: « dirigé par » before a sentence naming a « Lycée pilote » nearby.
        (
            "Qui dirige le campus des métiers de l'académie de Poitiers installé au LP2i ?",
            ["Régis Bichard"],
            None,
        ),
        ("Qui est responsable du programme TalCyb ?", ["Somalina Pa"], None),
        # A scheme's lead (« le pilotage revient au SGPI »), not its definition.
        ("L'AMI « Compétences et métiers d'avenir », c'est piloté par qui ?", ["SGPI"], None),
        # A minister asked as « membre du gouvernement », of a programme only described.
        (
            "Quel membre du gouvernement a assisté au coup d'envoi du projet lyonnais de "
            "formation aux véhicules électriques et à hydrogène ?",
            ["Roland Lescure"],
            None,
        ),
    ],
)
def test_who_is_answered_by_a_sentence_naming_them(
    indexed_assistant: Assistant, question: str, expected: list[str], not_expected: str | None
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for value in expected:
        assert contains(answer.text, value), value
        assert any(contains(c.quote, value) for c in answer.citations), value
    if not_expected:
        assert not_expected not in answer.text
