"""Sentence ranking on the real index: the sentence that answers is the one quoted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


def test_how_many_without_a_noun_is_not_answered_by_a_date(
    indexed_assistant: Assistant,
) -> None:
    """« … ils étaient combien ? » asks a quantity: « 3 avril 2023 : accueil de la première
    promotion » holds the question's words and only a date; « 13 personnes » answers."""
    answer = indexed_assistant.ask(
        "la premiere promo de l'ecole du recyclage a Lomme ils etaient combien ?"
    )
    assert answer.answerable
    assert contains(answer.text, "13 personnes")


def test_which_n_projects_gets_the_sentence_naming_them(indexed_assistant: Assistant) -> None:
    """« Quels sont les quatre projets… ? » is not answered by « quatre projets ont été
    retenus »: the sentence naming them is."""
    answer = indexed_assistant.ask(
        "Quels sont les quatre projets hydrogène retenus lors de la 1re vague de l'AMI CMA ?"
    )
    assert answer.answerable
    for name in ("COMED", "LMA", "GENHYO", "AMHY"):
        assert contains(answer.text, name), name


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        # « propose » / « proposées », « reçus » / « reçu »: one word in two forms.
        ("Quelles formations propose l'EN2R ?", "opérateur de tri manuel", "en2r"),
        ("Quels trophées C-DéCIDé a-t-il reçus ?", "Talents for the Planet", "c-decide"),
    ],
)
def test_a_question_word_in_another_form_finds_its_sentence(
    indexed_assistant: Assistant, question: str, expected: str, doc_id: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert contains(answer.text, expected)
    assert any(c.doc_id == doc_id and contains(c.quote, expected) for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        (
            "Quelles filières FPI AURA cible-t-il ?",
            ["réindustrialisation", "numérique"],
            "fpi-aura",
        ),
        # « Quatre projets ont été retenus » restates the question: the names answer it.
        (
            "C'est quoi les projets hydrogène retenus à la 1re vague de l'AMI CMA ?",
            ["COMED", "LMA", "GENHYO", "AMHY"],
            "laureats-hydrogene-vague-1",
        ),
        (
            "Quels grands projets de formation sont issus des diagnostics DACSO et DECSO ?",
            ["COMETES", "PEGASE", "eOLE Campus", "C2A"],
            "dacso-decso",
        ),
        (
            "Quels établissements réunit Cinerg'e-santé ?",
            ["CHU de Limoges", "3iL"],
            "cinerg-e-sante",
        ),
    ],
)
def test_a_which_question_gets_the_sentence_that_lists(
    indexed_assistant: Assistant, question: str, expected: list[str], doc_id: str
) -> None:
    """« Quelles filières… ? » is answered by the sentence that names them, not by the
    programme's general presentation."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    first = answer.citations[0]
    assert first.doc_id == doc_id
    for value in expected:
        assert contains(first.quote, value)


def test_a_conjugated_verb_finds_its_participle(indexed_assistant: Assistant) -> None:
    """« portent » (stem « portent ») finds « sont portés par » (stem « port »)."""
    answer = indexed_assistant.ask("Quelles universités portent les IA Clusters ?")
    assert answer.answerable
    assert contains(answer.text, "Grenoble Alpes")
    assert any(contains(c.quote, "Grenoble Alpes") for c in answer.citations)


def test_what_does_x_do_gets_the_sentence_listing_its_actions(
    indexed_assistant: Assistant,
) -> None:
    """« Que fait la Région… ? » is answered with the roles it plays, not only its money."""
    answer = indexed_assistant.ask("Que fait la Région Hauts-de-France pour Electro'Mob ?")
    assert answer.answerable
    assert contains(answer.text, "financer des formations aux batteries")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Combien d'acteurs le projet breton de cybersécurité fédère-t-il ?", "10 acteurs"),
        (
            "Combien d'organisations et d'experts compte aujourd'hui le Campus Cyber ?",
            "300 organisations",
        ),
    ],
)
def test_how_many_x_is_answered_by_a_sentence_counting_x(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    """« Combien d'acteurs… ? » wants « 10 acteurs », not the programme's presentation."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert contains(answer.citations[0].quote, expected)


def test_a_count_in_words_answers_how_many(indexed_assistant: Assistant) -> None:
    """« une dizaine » is a number: it is not passed over for any sentence with digits."""
    answer = indexed_assistant.ask(
        "Combien de nouveaux parcours diplômants COMETES doit-il créer ?"
    )
    assert answer.answerable
    assert contains(answer.citations[0].quote, "une dizaine de nouveaux parcours")


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        (
            "Combien de partenaires réunit le grand projet normand de formation au nucléaire ?",
            "38 partenaires",
            "3nc",
        ),
        (
            "Quel est le budget du programme de microélectronique qui a une salle blanche à Gardanne ?",
            "2,5 M€",
            "i-novmicro",
        ),
    ],
)
def test_a_programme_described_not_named_gets_the_sentence_asked_for(
    indexed_assistant: Assistant, question: str, expected: str, doc_id: str
) -> None:
    """The words describing the programme (its title's) pick the document, not the
    sentence: « combien de partenaires » picks the sentence."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    first = answer.citations[0]
    assert first.doc_id == doc_id
    assert contains(first.quote, expected)


def test_a_which_question_finds_the_names_listed_after_its_noun(
    indexed_assistant: Assistant,
) -> None:
    # « (académies de Lyon, Grenoble et Clermont-Ferrand) », not « la région académique ».
    answer = indexed_assistant.ask("Le projet ATCF couvre quelles académies ?")
    assert answer.answerable
    assert any(
        contains(c.quote, "Grenoble") and contains(c.quote, "Clermont-Ferrand")
        for c in answer.citations
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("C'est quoi BATTENA ?", "BATTENA est le programme de formation de la filière batterie"),
        ("Présente-moi le projet SENS à Strasbourg.", "SENS est un projet de l'Université"),
        ("Tu connais OSMOSE ?", "OSMOSE est un projet de formation à la cybersécurité"),
        ("c quoi sens a strasbourg", "SENS est un projet de l'Université"),
    ],
)
def test_what_is_x_is_answered_by_its_presentation(
    indexed_assistant: Assistant, question: str, opening: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and answer.text.startswith(opening)


def test_what_is_x_with_something_asked_is_not_a_presentation(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("C'est quoi le budget de BATTENA ?")
    assert "20 M€" in answer.text
