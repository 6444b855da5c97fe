"""Answers to questions as the sixteenth tuning round's coverage sets word them
(docs/tuning.md): what an acronym stands for, who a programme is for, the region asked,
the place of an event, the names of a group's laureates, a town of a laureate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "full"),
    [
        ("Que signifie FORTEIM ?", "FORmation à la Transition Écoénergétique des Industries"),
        ("Que veut dire l'acronyme REMED ?", "Réussir l'Efficience des Mobilités"),
        ("REMED, ça veut dire quoi ?", "Réussir l'Efficience des Mobilités"),
        ("Que veut dire EN2R ?", "École nationale du recyclage et de la ressource"),
        ("À quoi correspond DACSO ?", "Diagnostic Aéronautique Compétences Sud-Ouest"),
        ("Que signifie le nom DEF'Hy ?", "Développer l'emploi et la formation"),
    ],
)
def test_an_acronym_is_spelt_out_with_its_source(
    indexed_assistant: Assistant, question: str, full: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert full in answer.text
    assert answer.answerable and answer.citations


def test_another_acronym_asked_is_not_the_programmes(indexed_assistant: Assistant) -> None:
    # ATRVD is one of EN2R's diplomas: its name, not EN2R's, is asked.
    answer = indexed_assistant.ask("Que signifie le sigle ATRVD dans le catalogue de l'EN2R ?")
    assert "École nationale du recyclage" not in answer.text
    assert "réception et de valorisation des déchets" in answer.text


def test_who_a_programme_is_for_comes_from_its_public_section(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("À qui s'adressent les formations de DécarboChim ?")
    assert "IUT" in answer.text
    assert "formation continue" in answer.text


def test_the_region_asked_is_named(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Dans quelle région se trouve le projet SENS ?")
    assert "Grand Est" in answer.text


def test_the_place_of_a_launch_is_where_it_was_held(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Où s'est déroulé le lancement officiel d'Electro'Mob ?")
    assert "Lille" in answer.text


def test_when_and_where_keeps_the_place(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quand et où la première pierre du Ferrocampus a-t-elle été posée ?"
    )
    assert "23 mai 2025" in answer.text
    assert "Saintes" in answer.text


def test_the_laureates_of_a_group_are_named_all(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quels sont les projets hydrogène primés à la 1re vague de l'AMI CMA ?"
    )
    for name in ("COMED", "LMA", "GENHYO", "AMHY"):
        assert name in answer.text


def test_a_campus_named_by_its_kind_is_the_programme(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Combien l'État apporte-t-il au campus NFP 4.0 de Poitiers ?")
    assert "10 M€" in answer.text
    assert answer.answerable


def test_the_town_where_a_programme_runs(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Dans quelle ville se déroule le projet Cinerg'e-santé ?")
    assert "Limoges" in answer.text


def test_a_town_of_another_laureate_does_not_answer(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Dans quelle ville se déroulent les formations d'Orimob Académie ?"
    )
    assert "Dunkerque" not in answer.text
    assert not answer.answerable


def test_two_programmes_together_get_their_joint_figure(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Combien l'État donne-t-il à RIS3 et CyberSkills4All réunis ?")
    assert "15 M€" in answer.text
    answer = indexed_assistant.ask(
        "Combien de personnes CyberSkills4All et RIS3 forment-ils ensemble ?"
    )
    # Written in both fiches, the sentence is quoted once.
    assert answer.text.count("10 000") == 1


def test_awards_asked_are_no_price(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quels prix C-DéCIDé a-t-il remportés ?")
    assert "coût" not in answer.text
    assert answer.answerable


def test_the_states_participation_is_its_aid(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quelle est la participation de l'État dans le projet de Lyon 1 sur les mobilités "
        "décarbonées ?"
    )
    assert "14 M€" in answer.text
    assert "J'ai trouvé" not in answer.text


def test_the_longest_a_project_may_last(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quelle est la durée maximale d'un projet CMA dans l'enseignement agricole ?"
    )
    assert "60 mois" in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Quel territoire couvre DEF'Hy ?", "France entière"),
        ("Evolution Jeu Vidéo est-il régional ou national ?", "National"),
        ("Est-ce que REMED est national ?", "Auvergne-Rhône-Alpes"),
    ],
)
def test_the_territory_comes_from_its_section(
    indexed_assistant: Assistant, question: str, said: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert said in answer.text
    assert "Ambition Jeu Vidéo" not in answer.text


def test_belonging_to_the_call_is_read_from_the_fiche(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Territoires d'industrie 4.0 fait-il partie de l'AMI CMA ?")
    assert "ne fait pas partie" in answer.text
    answer = indexed_assistant.ask("PERF Henri-Fabre fait-il partie de France 2030 ?")
    assert "ne relève ni de France 2030" in answer.text
    answer = indexed_assistant.ask("MACMIA est-il lauréat de l'AMI CMA ?")
    assert "lauréat de l'AMI" in answer.text


def test_belonging_to_the_call_untold_is_said_so(indexed_assistant: Assistant) -> None:
    # REMED's text never names the call: no sentence on its levels as an answer.
    answer = indexed_assistant.ask("REMED fait-il partie de l'AMI CMA ?")
    assert not answer.answerable
    assert "rattachement" in answer.text


def test_whom_it_shows_jobs_to_is_no_contact(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Auprès de qui le projet normand sur les biotechnologies fait-il découvrir les métiers ?"
    )
    assert "collégiens" in answer.text
    assert "contact" not in answer.text


def test_figures_the_asker_saw_differ_are_both_quoted(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Combien la Région Normandie apporte-t-elle à 3NC ? J'ai vu des chiffres très différents."
    )
    assert "6,1 M€" in answer.text
    assert "20 M€" in answer.text


def test_a_member_without_its_own_figure_gets_no_other_members(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Quel montant reçoit l'IA Cluster de l'Université Grenoble Alpes ?"
    )
    assert not answer.answerable
    assert "SequoIA" not in answer.text and "70 M€" not in answer.text


def test_a_figure_per_laureate_is_not_the_calls_budget(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quel montant chaque lauréat de Territoires d'industrie 4.0 a-t-il reçu ?"
    )
    assert not answer.answerable
    assert "par lauréat" in answer.text


def test_the_cost_of_a_thing_is_not_the_programmes_budget(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien coûte une borne de réalité virtuelle achetée par le CMQ NFP 4.0 ?"
    )
    assert not answer.answerable
    answer = indexed_assistant.ask("Combien coûte le projet REMED ?")
    assert "21 M€" in answer.text


def test_a_figure_whose_subject_is_the_sentence_before(indexed_assistant: Assistant) -> None:
    # « Plus de 400 lettres d'intention avaient été reçues. » follows the sentence on the
    # saison 2: the question names neither the call nor a programme.
    answer = indexed_assistant.ask(
        "Combien de lettres d'intention ont été reçues pour la saison 2 ?"
    )
    assert "400" in answer.text
