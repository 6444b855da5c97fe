"""A proper name few passages hold names the collection (the eighteenth tuning round,
docs/tuning.md): « SNJV », « AgroParisTech », « la filière CIEL » are written in one
fiche only, so the question is about the collection though it names no programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "expected", "doc"),
    [
        ("Que veut dire le sigle SNJV ?", "Syndicat national du jeu vidéo", "ambition-jeu-video"),
        ("Que s'est-il passé à AgroParisTech en novembre 2024 ?", "26 et 27", "ami-cma-saisons"),
        ("Quels diplômes prépare-t-on dans la filière CIEL ?", "BTS", "atcf"),
    ],
)
def test_a_rare_name_of_one_fiche_is_answered_from_it(
    indexed_assistant: Assistant, question: str, expected: str, doc: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert expected in answer.text
    assert doc in {c.doc_id for c in answer.citations}


@pytest.mark.parametrize(
    "question",
    [
        "Comment refaire ma carte Vitale perdue ?",
        "Où acheter des billets pour le match du PSG au Parc des Princes ?",
    ],
)
def test_everyday_names_stay_off_domain(indexed_assistant: Assistant, question: str) -> None:
    assert not indexed_assistant.ask(question).answerable


def test_a_follow_up_on_laureats_described_before_is_about_them(
    indexed_assistant: Assistant,
) -> None:
    # The last question described the group (the VivaTech laureates of June 2023) and the
    # answer named only the call: « ils » are those laureates, not the whole call.
    history = [
        {"role": "user", "content": "Quels projets ont été annoncés lors du salon VivaTech 2023 ?"},
        {"role": "assistant", "content": "9 lauréats de l'AMI CMA pour la souveraineté numérique."},
    ]
    answer = indexed_assistant.ask("Et l'État leur verse combien au total ?", history=history)
    assert answer.answerable
    assert "71 M€" in answer.text
    assert "souverainete-numerique" in {c.doc_id for c in answer.citations}


def test_a_who_part_beside_a_figure_part_gets_its_name(indexed_assistant: Assistant) -> None:
    # « combien » asks a number of one part only: « qui le porte » is answered by a name.
    answer = indexed_assistant.ask(
        "Pour le projet de santé numérique de la faculté de médecine de Sorbonne Université, "
        "combien a-t-il reçu et qui le porte ?"
    )
    assert answer.answerable
    assert "4 M€" in answer.text
    assert "Brigitte Seroussi" in answer.text


def test_a_sentence_about_what_the_one_before_spoke_of_answers_it(
    indexed_assistant: Assistant,
) -> None:
    # « Le recteur … est venu le découvrir le 10 janvier 2025 »: « le » is the bac pro of
    # the sentence before, so the visit sentence answers a question about that bac pro.
    history = [
        {"role": "user", "content": "Quel bac pro a ouvert au lycée Frédéric-Faÿs avec FPI AURA ?"},
        {"role": "assistant", "content": "Le bac pro « Modélisation et prototypage 3D »."},
    ]
    answer = indexed_assistant.ask("Ce bac pro, qui est venu le voir, et quand ?", history=history)
    assert answer.answerable
    assert "Olivier Dugrip" in answer.text
    assert "10 janvier 2025" in answer.text


def test_a_part_named_by_its_section_is_answered_from_it(indexed_assistant: Assistant) -> None:
    # The sentence on who led FH2-PDL says « Il … sous le pilotage des universités du Mans
    # et de Nantes »: its section and line name FH2-PDL, not the sentence itself.
    answer = indexed_assistant.ask(
        "Sous le pilotage de qui le diagnostic FH2-PDL a-t-il été mené ?"
    )
    assert answer.answerable
    assert "universités du Mans et de Nantes" in answer.text


def test_a_figure_comes_with_the_line_saying_which_source_gives_it(
    indexed_assistant: Assistant,
) -> None:
    # « environ 2,7 à 2,8 M€ » alone leaves an advisor unable to say who gives which: the
    # fiche's « Écarts entre sources » line is quoted with it.
    answer = indexed_assistant.ask("Quel montant touche le volet azuréen de COMETES ?")
    assert answer.answerable
    assert "2,7 M€ selon l'Université Côte d'Azur" in answer.text
    assert "Invest in Côte d'Azur" in answer.text
    # The section is no answer of its own to another figure: the fiche does not give the
    # whole project's cost.
    cost = indexed_assistant.ask("Quel est le coût total de COMETES, tous financeurs confondus ?")
    assert not cost.answerable


def test_an_asker_who_saw_two_figures_gets_who_gives_which(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "On m'a donné deux montants différents pour le volet azuréen de COMETES : "
        "lequel est le bon ?"
    )
    assert answer.answerable
    assert "selon Invest in Côte d'Azur" in answer.text
    # Not the whole programme's 20 M€ as « the other figure ».
    assert "20 M€" not in answer.text


def test_a_follow_up_is_about_the_one_laureate_the_answer_named(
    indexed_assistant: Assistant,
) -> None:
    # The last question asked which project of the group; the answer named one of its
    # laureates: « il » is that one, not the 14 together.
    history = [
        {"role": "user", "content": "Quel projet du 7 juin 2023 vient du Grand Est ?"},
        {
            "role": "assistant",
            "content": "C'est C-CEDI, consacré à la décarbonation de l'industrie.",
        },
    ]
    answer = indexed_assistant.ask("Combien l'État lui apporte-t-il ?", history=history)
    assert answer.answerable
    assert "6 M€" in answer.text
    assert "113 M€" not in answer.text


def test_a_pronoun_beside_the_call_stands_for_the_programme_discussed(
    indexed_assistant: Assistant,
) -> None:
    # « l'AMI CMA » is context here; « il » is REMED.
    history = [
        {"role": "user", "content": "C'est quoi REMED ?"},
        {"role": "assistant", "content": "Un projet de Lyon 1 sur les mobilités décarbonées."},
    ]
    answer = indexed_assistant.ask("Et il a été retenu par l'AMI CMA quand ?", history=history)
    assert "REMED" in answer.standalone_question
    assert answer.answerable
    assert {c.doc_id for c in answer.citations} == {"remed"}


def test_money_received_from_the_call_is_the_state_aid(indexed_assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "C'est quoi REMED ?"},
        {"role": "assistant", "content": "Un projet de Lyon 1 sur les mobilités décarbonées."},
    ]
    answer = indexed_assistant.ask("Et il a reçu combien de l'AMI CMA ?", history=history)
    assert answer.answerable
    assert "14 M€" in answer.text
    # Not its cost.
    assert "21 M€" not in answer.text


def test_who_came_along_is_answered_by_the_sentence_naming_them(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Avec qui le recteur est-il venu au lycée Frédéric-Faÿs ?")
    assert answer.answerable
    assert "GRETA Lyon Métropole" in answer.text
