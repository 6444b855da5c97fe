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


def _turn(question: str, answer: str) -> list[dict[str, str]]:
    """A conversation of one question and its answer."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


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


def test_a_figure_asked_at_a_programmes_second_site_is_not_its_first(
    indexed_assistant: Assistant,
) -> None:
    # The EN2R's first promotion was at Lomme; Romans-sur-Isère is its second site.
    answer = indexed_assistant.ask(
        "Combien de personnes comptait la première promotion de l'EN2R à Romans-sur-Isère ?"
    )
    assert not answer.answerable
    assert "Romans-sur-Isère" in answer.text


def test_the_department_of_a_programmes_one_site_locates_it(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien de diplômés par an le pôle des métiers du train construit en "
        "Charente-Maritime sur un site de la SNCF doit-il former ?"
    )
    assert "300 diplômés" in answer.text


def test_the_partners_of_one_laureate_are_not_the_groups(
    indexed_assistant: Assistant,
) -> None:
    partners = indexed_assistant.ask(
        "Quels sont les partenaires du projet hydrogène COMED, lauréat de la 1re vague de "
        "l'AMI CMA ?"
    )
    assert not partners.answerable
    assert "GIP Emploi Roissy" not in partners.text
    carrier = indexed_assistant.ask("Qui porte COMED ?")
    assert "Evolen" in carrier.text


def test_a_quoted_name_no_document_holds_is_said_unknown(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien d'apprenants le lauréat CMA « AgriNova Compétences » des lycées agricoles "
        "bretons doit-il former ?"
    )
    assert not answer.answerable
    assert "AgriNova Compétences" in answer.text


def test_a_region_set_apart_in_a_follow_up_is_the_funder_asked(
    indexed_assistant: Assistant,
) -> None:
    history = _turn(
        "Quel est le budget d'Electro'Mob ?", "Le budget total d'Electro'Mob est de 25 M€."
    )
    answer = indexed_assistant.ask(
        "Et la Région, elle y contribue à quelle hauteur ?", history=history
    )
    assert "2,1 M€" in answer.text


def test_a_follow_up_naming_the_call_and_a_town_is_asked_as_written(
    indexed_assistant: Assistant,
) -> None:
    history = _turn(
        "Quels projets CMA en cybersécurité en Normandie ?",
        "Cyrce, porté par l'Université de Caen Normandie.",
    )
    answer = indexed_assistant.ask(
        "Et à Nancy, il existe aussi un projet CMA en cybersécurité ?", history=history
    )
    assert "FORE-CY" in answer.text
    assert "Cyrce" not in answer.text


def test_a_follow_up_asking_who_leads_it_is_not_the_previous_figure(
    indexed_assistant: Assistant,
) -> None:
    history = _turn(
        "Quel est le montant global du projet Bio'Occ ?", "Bio'Occ est un projet global de 9 M€."
    )
    lead = indexed_assistant.ask("Et qui en est le chef de file ?", history=history)
    assert not lead.answerable  # its document says the lead is not given
    assert "9 M€" not in lead.text.split("\n")[0]
    history = _turn("Quel est le budget de REMED ?", "Le budget de REMED est de 21 M€.")
    pilot = indexed_assistant.ask("Et qui en assure le pilotage ?", history=history)
    assert "Lyon 1" in pilot.text and "21 M€" not in pilot.text


def test_a_carrier_describing_the_programme_is_not_what_is_asked(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Le projet aéronautique porté par l'UIMM Occitanie Adour-Pyrénées, à part les "
        "compétences pour décarboner la sous-traitance, il travaille sur quoi ?"
    )
    assert "attractivité des métiers" in answer.text
    assert "Airbus" not in answer.text


def test_one_member_of_a_plural_named_programme_is_not_all_of_them(
    indexed_assistant: Assistant,
) -> None:
    lorraine = indexed_assistant.ask(
        "Combien France 2030 accorde-t-il à l'IA Cluster de l'Université de Lorraine ?"
    )
    assert not lorraine.answerable
    assert "l'IA Cluster de l'Université de Lorraine" in lorraine.text
    # The name ends before its verb.
    asked = indexed_assistant.ask(
        "Combien d'argent l'IA Cluster de l'Université de Lorraine a-t-il obtenu ?"
    )
    assert "Lorraine a-t-il" not in asked.text
    rennes = indexed_assistant.ask(
        "Combien France 2030 accorde-t-il à l'IA Cluster de l'Université de Rennes ?"
    )
    assert "20 M€" in rennes.text


def test_a_sum_of_several_projects_does_not_answer_for_one_described(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Quel montant l'avionneur a-t-il obtenu de France 2030 pour son projet qui doit faire "
        "entrer environ 1 400 jeunes par an dans la filière aéronautique ?"
    )
    assert not answer.answerable
    assert "60 M€" not in answer.text.split("\n")[0]


def test_organisations_only_counted_are_not_named(indexed_assistant: Assistant) -> None:
    # GENHYO's « (l'un des 9 établissements …) » sits in a list of names: it is answered.
    assert (
        "ISAE-SUPAERO" in indexed_assistant.ask("Quels établissements participent à GENHYO ?").text
    )
    companies = indexed_assistant.ask(
        "Quelles entreprises font partie du consortium Evolution Jeu Vidéo ?"
    )
    assert not companies.answerable
    assert "noms des entreprises" in companies.text
    schools = indexed_assistant.ask(
        "Quels organismes de formation font partie du consortium Evolution Jeu Vidéo ?"
    )
    assert "Cnam-Enjmin" in schools.text


def test_a_part_named_by_an_adjective_is_that_part(indexed_assistant: Assistant) -> None:
    # « le volet azuréen » is what the documents write « le volet Côte d'Azur ».
    answer = indexed_assistant.ask(
        "Combien d'étudiants le volet azuréen du programme spatial toulousain doit-il former "
        "en cinq ans ?"
    )
    assert "650 étudiants" in answer.text
    assert "11 000" not in answer.text


def test_a_town_naming_an_institution_does_not_narrow_the_figure(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien d'apprenants compte le campus aéronautique et spatial rattaché à l'IUT de "
        "Blagnac, partenaire du projet de l'avionneur ?"
    )
    assert "20 000 apprenants" in answer.text


def test_another_programmes_figure_does_not_answer_for_the_one_described(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Le projet d'Airbus pour faire entrer environ 1 400 jeunes par an dans "
        "l'aéronautique, il reçoit combien d'argent public ?"
    )
    assert not answer.answerable
    assert "TalCyb" not in answer.text


def test_an_unknown_programme_named_in_capitals_is_said_unknown(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Le programme MAGMA de formation aux métiers de la géothermie en Alsace, il a reçu "
        "combien de France 2030 ?"
    )
    assert not answer.answerable
    assert "MAGMA" in answer.text


def test_an_unknown_programme_named_in_a_conversation_is_not_the_one_discussed(
    indexed_assistant: Assistant,
) -> None:
    history = _turn("Quel est le budget de COMETES ?", "COMETES est doté de 20 M€ par France 2030.")
    answer = indexed_assistant.ask(
        "Le programme MAGMA de formation aux métiers de la géothermie en Alsace, il a reçu "
        "combien de France 2030 ?",
        history=history,
    )
    assert not answer.answerable
    assert "MAGMA" in answer.text and "20 M€" not in answer.text
