"""Answers to questions as the fourteenth tuning round's fresh sets word them
(docs/tuning.md): how-to-answer sentences, awards, programmes described before a
dislocated question, one laureate of a group, follow-ups on one of several programmes,
sums of several laureates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


def test_a_sentence_telling_how_to_answer_asks_nothing(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Dans le programme spatial COMETES, le volet de la Côte d'Azur doit former combien "
        "d'étudiants en 5 ans ? Réponds seulement avec le nombre."
    )
    assert "650 étudiants" in answer.text
    assert "ne précise pas" not in answer.text


def test_prizes_received_are_awards_not_a_price(indexed_assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "Quel projet forme à la décarbonation à Dunkerque ?"},
        {"role": "assistant", "content": "C'est C-DéCIDé, porté par l'Université du Littoral."},
    ]
    answer = indexed_assistant.ask("Il a reçu des prix, non ? Lesquels ?", history=history)
    assert "Coup de cœur des Industries France 2030" in answer.text


def test_what_a_dislocated_question_asks_picks_the_sentence(
    indexed_assistant: Assistant,
) -> None:
    director = indexed_assistant.ask(
        "Le campus des métiers de la réalité virtuelle installé au LP2i, près du "
        "Futuroscope : qui le dirige ?"
    )
    assert "Régis Bichard" in director.text
    engineers = indexed_assistant.ask(
        "le projet IA de l'institut mines-telecom, il forme quel genre d'ingenieurs ?"
    )
    assert "cogniticiens" in engineers.text


def test_one_laureate_of_a_group_is_found_by_its_own_words(
    indexed_assistant: Assistant,
) -> None:
    # « e-santé » names the group; « la Sorbonne » one of its laureates.
    answer = indexed_assistant.ask(
        "De combien est doté le projet e-santé de la fac de médecine de la Sorbonne ?"
    )
    assert "4 M€" in answer.text and "18,4 M€" not in answer.text


def test_the_sum_of_several_laureates_is_not_one_laureates_own(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Combien Efalia Côte d'Azur a-t-il touché exactement ?")
    assert "11 M€" not in answer.text
    assert "ne précise pas" in answer.text
    # The group's sum is still given when the group is asked about.
    group = indexed_assistant.ask(
        "Quel montant de subvention France 2030 cumulent les cinq projets issus des "
        "diagnostics DACSO et DECSO ?"
    )
    assert "60 M€" in group.text


def test_one_of_several_programmes_is_followed_up_by_its_town(
    indexed_assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "Quels programmes forment aux métiers de la batterie ?"},
        {
            "role": "assistant",
            "content": "Electro'Mob dans les Hauts-de-France, BATTENA en Nouvelle-Aquitaine "
            "et l'École de la Batterie portée par Verkor à Grenoble.",
        },
    ]
    answer = indexed_assistant.ask(
        "Celui de Grenoble, il a démarré quand, et combien de personnes veut-il former "
        "chaque année ?",
        history=history,
    )
    assert "septembre 2022" in answer.text and "1 600" in answer.text


def test_this_diagnostic_is_the_one_the_answer_named(indexed_assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "y a-t-il une formation au jeu vidéo dans France 2030 ?"},
        {
            "role": "assistant",
            "content": "Oui, Evolution Jeu Vidéo ; il fait suite au diagnostic Ambition Jeu Vidéo.",
        },
    ]
    answer = indexed_assistant.ask(
        "et ce diagnostic, c'est qui qui animait le consortium ?", history=history
    )
    assert "Push Start" in answer.text


def test_a_diagnostic_described_within_the_call_is_asked_about(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Qui a porté le diagnostic aéronautique du Sud-Ouest de l'AMI CMA ?"
    )
    assert "Aerospace Valley" in answer.text


def test_a_figure_quoted_finds_the_programme_it_belongs_to(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "2 226 personnes formées avec plus de 5 M€ de l'État : c'est quel projet, et dans "
        "quelle région ?"
    )
    assert "IFALP" in answer.text and "Bretagne" in answer.text
    # A figure in another unit is another figure: no programme answers a train fare.
    fare = indexed_assistant.ask("Combien coûte un billet de train à 120 € ?")
    assert not fare.citations


def test_a_described_future_site_is_a_programme_before_a_dislocated_question(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Le futur pôle des métiers du train à Saintes, ça représente quel chantier en "
        "surface et en argent ?"
    )
    assert "14 000 m²" in answer.text and "50 M€" in answer.text


def test_a_feminine_demonym_names_its_town(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Combien d'étudiants au plus le cursus quantique de l'université tourangelle "
        "accueille-t-il chaque année ?"
    )
    assert "15 étudiants" in answer.text


def test_a_figure_given_before_a_semicolon_is_not_the_one_asked(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "COMETES reçoit 20 M€ de l'État ; et le coût total du projet, c'est combien ?"
    )
    assert answer.text.startswith("La fiche « COMETES » ne précise pas le budget total")
    named = indexed_assistant.ask("Electro'Mob reçoit 14,2 M€ de l'État ; et son budget total ?")
    assert "25 M€" in named.text


def test_a_programme_described_in_a_conversation_is_not_the_one_discussed(
    indexed_assistant: Assistant,
) -> None:
    # Found trying the chat as a new user: « Le campus … : qui le dirige ? » after a
    # question on COMETES was read as a question on COMETES.
    history = [
        {"role": "user", "content": "Quel est le coût total de COMETES ?"},
        {"role": "assistant", "content": "La fiche « COMETES » ne précise pas le budget total."},
    ]
    answer = indexed_assistant.ask(
        "Le campus des métiers de la réalité virtuelle installé au LP2i, près du "
        "Futuroscope : qui le dirige ?",
        history=history,
    )
    assert "Régis Bichard" in answer.text and "COMETES" not in answer.text
