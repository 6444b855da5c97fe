"""Answers to questions as the thirteenth tuning round's fresh sets word them
(docs/tuning.md): comparisons no record ranks, figures that disagree, groups of laureates,
follow-ups on a town, hoped-for sums, numbers in words. Its two-part questions are in
test_parts.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


def test_what_a_plan_devotes_to_training_is_a_sum(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Combien la stratégie nationale pour la filière électronique présentée en juillet "
        "2022 consacre-t-elle aux formations ?"
    )
    assert "50 M€" in answer.text


def test_biotechs_is_the_biotechnology_sector(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Le projet normand sur les biotechs et le biotesting, ses nouvelles formations vont "
        "de quel niveau à quel niveau ?"
    )
    assert "bac+3" in answer.text and "bac+8" in answer.text


def test_a_member_listed_in_a_groups_title_is_one_of_them(indexed_assistant: Assistant) -> None:
    history = [
        {
            "role": "user",
            "content": "Quels projets hydrogène ont été primés lors de la 1re vague ?",
        },
        {"role": "assistant", "content": "Quatre projets : COMED, LMA, GENHYO et AMHY."},
    ]
    answer = indexed_assistant.ask("Et LMA, qui le porte ?", history=history)
    assert "GIP Emploi Roissy CDG" in answer.text
    # The four named together are the group.
    group = indexed_assistant.ask(
        "Les quatre lauréats hydrogène de la 1re vague de l'AMI CMA (COMED, LMA, GENHYO, "
        "AMHY), ils ont été annoncés à quelle période ?"
    )
    assert "été 2022" in group.text


def test_two_programmes_compared_on_what_no_record_ranks_are_both_told(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Quel projet dure le plus longtemps : FPI AURA ou Evolution Jeu Vidéo ?"
    )
    assert "3 ans" in answer.text and "4 ans" in answer.text
    first = indexed_assistant.ask("Lequel a été lancé en premier : REMED ou Electro'Mob ?")
    assert "9 novembre 2022" in first.text and "17 avril 2023" in first.text
    partners = indexed_assistant.ask(
        "Quel consortium compte le plus de partenaires : DécarboChim ou OSMOSE ?"
    )
    assert "29 partenaires" in partners.text and "21 partenaires" in partners.text


def test_the_nord_and_numbers_in_words_describe_what_is_asked(
    indexed_assistant: Assistant,
) -> None:
    region = indexed_assistant.ask(
        "Combien la Région de Xavier Bertrand met-elle dans le programme de formation pensé "
        "pour les gigafactories de batteries du Nord ?"
    )
    assert "2,1 M€" in region.text and "Electro'Mob" in region.text
    eight = indexed_assistant.ask(
        "Combien l'État a-t-il accordé aux huit lauréats du numérique en santé annoncés à "
        "l'automne 2023 ?"
    )
    assert eight.text.startswith("En octobre 2023, 8 nouveaux lauréats") and "14,2 M€" in eight.text


def test_an_asker_who_saw_figures_disagree_gets_both(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Combien l'AMI CMA a-t-il engagé au total depuis son lancement ? J'ai vu passer "
        "plusieurs chiffres."
    )
    assert "1 318 M€" in answer.text and "1,4 Md€" in answer.text
    # A sentence that already tells the figures apart is enough.
    told = indexed_assistant.ask(
        "Combien de partenaires GENHYO réunit-il ? J'ai vu plusieurs chiffres."
    )
    assert "26 partenaires" in told.text and "24" in told.text and "[2]" not in told.text


def test_a_follow_up_on_the_laureates_an_answer_named(indexed_assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "Combien reçoivent les 14 lauréats CMA du 7 juin 2023 ?"},
        {"role": "assistant", "content": "Les 14 lauréats du 7 juin 2023 reçoivent 113 M€."},
    ]
    answer = indexed_assistant.ask(
        "Et combien de places de formation doivent-ils ouvrir ?", history=history
    )
    assert "620 000" in answer.text


def test_a_described_figure_written_with_a_synonym_is_answered(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien de gens par an l'État veut-il initier à l'apprentissage automatique grâce aux "
        "pôles labellisés au printemps 2024 ?"
    )
    assert answer.answerable and "100 000" in answer.text


def test_a_listing_of_trainings_quotes_what_each_offers(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "J'habite à Dunkerque, quelles formations pour la décarbonation ?"
    )
    assert "C-DéCIDé" in answer.text and "Décarbo Industrie Académie" in answer.text
    assert "émissions industrielles" not in answer.text


def test_the_aid_hoped_for_is_not_the_aid_granted(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Pour l'école régionale de l'hydrogène en Bourgogne-Franche-Comté, quel montant d'aide "
        "les porteurs espéraient-ils décrocher au départ ?"
    )
    assert "10 M€" in answer.text


def test_the_field_of_new_trainings_is_not_their_levels(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Dans quel domaine BIOT2@Normandie crée-t-il de nouvelles formations ?"
    )
    assert "Biotesting" in answer.text and "bac+8" not in answer.text


def test_which_campus_a_programme_started_on_is_no_listing(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Le projet de Lyon 1 sur les mobilités décarbonées, il a été lancé sur quel campus ?"
    )
    assert "campus de la Doua" in answer.text and "J'ai trouvé" not in answer.text


def test_a_group_of_laureates_described_beside_the_call_is_asked_about(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Combien de projets CMA ont été rendus publics le 7 juin 2023 ?")
    assert "14 projets" in answer.text
    assert [c.doc_id for c in answer.citations] == ["laureats-vague-3-cmq"]
