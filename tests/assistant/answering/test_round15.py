"""Answers to questions as the fifteenth tuning round's fresh sets word them
(docs/tuning.md): carriers asked by their kind, carriers of a group's laureates, the sum
of one carrier's projects, counts of a programme's own units, a date that picks the
laureates, a carrier's present name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


def test_a_campus_asked_as_carrier_is_the_carrier_not_the_budget(
    indexed_assistant: Assistant,
) -> None:
    # « doté d'une salle blanche » is equipment, not money.
    answer = indexed_assistant.ask(
        "Quel campus des métiers et des qualifications porte le programme de formation à la "
        "microélectronique doté d'une salle blanche-école à Gardanne ?"
    )
    assert "Industrie du Futur Sud" in answer.text
    assert "2,5 M€" not in answer.text


def test_the_carriers_of_a_groups_laureates_are_named(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quels organismes portent les quatre projets consacrés à l'hydrogène retenus lors "
        "de la première vague de l'AMI CMA ?"
    )
    for carrier in ("Evolen", "GIP Emploi Roissy CDG", "Université Grenoble Alpes"):
        assert carrier in answer.text


def test_universities_asked_are_not_the_operator(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quelles universités portent les IA Clusters ?")
    assert "Grenoble Alpes" in answer.text


def test_the_sum_of_one_carriers_two_projects(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Au total, quelle somme l'Université de Strasbourg a-t-elle obtenue de France 2030 "
        "pour ses deux projets en santé numérique ?"
    )
    assert "4,7 M€" in answer.text


def test_a_programmes_own_units_are_counted(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("y a combien d'IA clusters en tout ?")
    assert "9 IA Clusters" in answer.text or "au nombre de 9" in answer.text


def test_the_announcement_date_picks_the_laureates(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quels lauréats CMA annoncés le 7 juin 2023 se trouvent en Auvergne-Rhône-Alpes ?"
    )
    assert "Orimob" in answer.text and "FARE" in answer.text
    assert "INFORISM" not in answer.text


def test_a_carriers_present_name_describes_its_programme(
    indexed_assistant: Assistant,
) -> None:
    # GENHYO's carrier is « aujourd'hui Université de Toulouse », as is OSMOSE's
    # (cybersecurity): the hydrogen sector picks GENHYO.
    answer = indexed_assistant.ask(
        "Quel montant l'État apporte-t-il au projet de formation aux métiers de l'hydrogène "
        "porté par l'Université de Toulouse en Occitanie ?"
    )
    assert "16 586 665 €" in answer.text
    assert "OSMOSE" not in answer.text


def test_what_is_there_is_a_list(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "c'est quoi les projets de formation en IA qui ont ete retenus par l'AMI CMA ?"
    )
    assert "Efalia" in answer.text and "MACMIA" in answer.text
