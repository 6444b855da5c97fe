"""Answers to questions worded as the twelfth tuning round's fresh sets word them
(docs/tuning.md): a lead or a funder that only describes the programme, a start asked
with its place, a funder beside the whole cost, a result asked mid-way."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering import analyse

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.catalog import Catalog

pytestmark = pytest.mark.slow


def _history(question: str, answer: str) -> list[dict[str, str]]:
    """One earlier exchange of the conversation."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_a_lead_describing_the_programme_is_not_what_is_asked(
    indexed_assistant: Assistant, corpus_catalog: Catalog
) -> None:
    question = (
        "Le programme breton de formation à la cybersécurité porté par l'Université de "
        "Rennes, il s'adresse à quels niveaux ?"
    )
    assert "lead" not in analyse(question, corpus_catalog).slots
    answer = indexed_assistant.ask(question)
    assert answer.answerable and "bac-3" in answer.text and "bac+8" in answer.text
    budget = indexed_assistant.ask(
        "Quel est le budget total du projet SENS porté par l'Université de Strasbourg ?"
    )
    assert "4,2 M€" in budget.text and "4,7 M€" not in budget.text


def test_a_funder_describing_the_programme_asks_no_amount(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Le plan de formation à l'industrie du futur en Provence, financé par le PIA avant "
        "France 2030, associe quelle organisation patronale de la métallurgie ?"
    )
    assert answer.answerable and "UIMM" in answer.text


def test_the_whole_cost_and_the_regions_share_are_both_given(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("electro'mob combien ça coûte et la région elle met combien ?")
    assert "25 M€" in answer.text and "2,1 M€" in answer.text
    # One part only: the Region's share, not the whole cost beside it.
    alone = indexed_assistant.ask("Combien la Région met-elle dans Electro'Mob ?")
    assert "2,1 M€" in alone.text and "25 M€" not in alone.text


def test_when_and_where_it_opened_is_its_inauguration_not_a_second_site(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Quand et où l'EN2R a-t-elle ouvert ?")
    assert "3 avril 2023" in answer.text and "Lomme" in answer.text


def test_an_opening_date_the_document_does_not_give_is_refused(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "À quelle date l'école régionale de l'hydrogène de Bourgogne-Franche-Comté "
        "ouvrira-t-elle ses portes ?"
    )
    assert not answer.answerable
    assert "ne précise pas" in answer.text and "2030" not in answer.text


def test_a_result_mid_way_is_not_the_target(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("PERF Henri-Fabre, combien de gens formés à mi parcours ?")
    assert "1 200" in answer.text and "1 500" not in answer.text


def test_the_state_in_everyday_words_asks_the_states_aid(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "l'ecole de l'hydrogene vers montbeliard l'etat a filé combien ?"
    )
    assert "6 M€" in answer.text and "15 M€" not in answer.text
    plan = indexed_assistant.ask(
        "le plan national pour l'electronique de juillet 2022 il met combien pour les formations ?"
    )
    assert plan.answerable and "50 M€" in plan.text


def test_the_partners_of_one_laureate_of_a_group(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quels établissements sont associés au projet de santé numérique de la faculté de "
        "médecine de Sorbonne Université ?"
    )
    assert answer.answerable and "UTC de Compiègne" in answer.text and "ESIEE" in answer.text


def test_the_larger_consortium_is_counted_in_partners(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Qui a le plus gros consortium, DécarboChim ou OSMOSE ?")
    assert answer.answerable
    assert answer.text.index("DécarboChim") < answer.text.index("OSMOSE")
    assert "29" in answer.text and "partenaires" in answer.text
    assert "M€" not in answer.text


def test_who_is_targeted_asks_the_public(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Qui est visé par le projet OSMOSE ?")
    assert "demandeurs d'emploi" in answer.text


def test_an_everyday_superlative_is_no_ranking_of_the_programmes(
    indexed_assistant: Assistant,
) -> None:
    """« minimum », « classement » in a question about something else rank nothing here."""
    for question in (
        "Quel est le montant journalier minimum de l'allocation d'aide au retour à l'emploi "
        "versée par France Travail ?",
        "Quel est le rang de l'Université Paris-Saclay au classement de Shanghai 2024 ?",
    ):
        answer = indexed_assistant.ask(question)
        assert not answer.answerable and not answer.citations, question
    # A bare ranking, in words the collection knows, still ranks the programmes.
    ranking = indexed_assistant.ask("Qui reçoit le plus d'argent ?")
    assert ranking.answerable and "42 M€" in ranking.text


def test_which_partners_names_them_and_how_many_counts_them(
    indexed_assistant: Assistant,
) -> None:
    names = indexed_assistant.ask("Quels sont les partenaires de 3NC ?")
    assert "GANIL" in names.text and "Université de Rouen Normandie" in names.text
    count = indexed_assistant.ask("Combien de partenaires compte 3NC ?")
    assert "38" in count.text
    # What the question asks besides partners comes first.
    abroad = indexed_assistant.ask("REMED coopère avec quelles régions étrangères ?")
    assert "Piémont" in abroad.text


def test_a_superlative_on_something_the_catalogue_does_not_rank_is_refused(
    indexed_assistant: Assistant,
) -> None:
    for question in (
        "Quelle est la plus grande université de France ?",
        "Donne-moi le classement des meilleures écoles d'ingénieurs françaises.",
    ):
        answer = indexed_assistant.ask(question)
        assert not answer.answerable and not answer.citations, question
    assert indexed_assistant.ask("Quel est le plus gros projet ?").answerable


def test_which_minister_is_no_list_of_schools(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quel ministre a confirmé les 6 M€ de France 2030 pour l'école hydrogène de "
        "Bourgogne-Franche-Comté ?"
    )
    assert "Marc Ferracci" in answer.text


def test_deja_at_the_end_asks_to_be_reminded_and_a_revised_objective_is_a_target(
    indexed_assistant: Assistant,
) -> None:
    share = indexed_assistant.ask(
        "l'étude sur les formations au jeu vidéo disait qu'elles étaient quasi toutes "
        "privées, c'était quel pourcentage déjà ?"
    )
    assert share.answerable and "91 %" in share.text
    target = indexed_assistant.ask(
        "3NC : avec l'objectif revu à mi-parcours, ils veulent former combien de personnes ?"
    )
    assert target.answerable and "15 000" in target.text


def test_what_france_2030_gave_is_not_answered_by_a_duration(
    indexed_assistant: Assistant,
) -> None:
    history = _history("C'est quoi Cinerg'e-santé ?", "Un module de santé numérique à Limoges.")
    answer = indexed_assistant.ask("et France 2030 leur a donné combien ?", history=history)
    assert not answer.answerable and "165 heures" not in answer.text


def test_two_figures_asked_in_one_question_are_both_given(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Combien l'école hydrogène de Bourgogne-Franche-Comté reçoit-elle de France 2030, et "
        "quel est le coût total du projet ?"
    )
    assert "6 M€" in answer.text and "15 M€" in answer.text


def test_an_alias_written_with_articles_names_the_programme(
    indexed_assistant: Assistant, corpus_catalog: Catalog
) -> None:
    question = "Le fonds compétences de l'enseignement agricole est doté de combien ?"
    assert corpus_catalog.mentioned(question) == ["enseignement-agricole"]
    history = _history(question, "Il est doté de 20 M€.")
    answer = indexed_assistant.ask("Il a été lancé quand et par quel ministre ?", history=history)
    assert "27 février 2023" in answer.text and "Marc Fesneau" in answer.text


def test_partners_asked_by_name_that_no_sentence_names_are_said_missing(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Peux-tu me citer les partenaires d'I-NovMicro ?")
    assert not answer.answerable
    assert "ne précise pas les noms des partenaires" in answer.text
    assert "11 partenaires" in answer.text  # what the fiche does say


def test_what_exists_near_a_town_lists_its_regions_programmes(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("je suis a limoges, y a quoi comme projets de formation ?")
    assert "BATTENA" in answer.text and "Cinerg'e-santé" in answer.text


def test_phone_typed_questions_on_carriers_sessions_and_course_length(
    indexed_assistant: Assistant,
) -> None:
    carrier = indexed_assistant.ask("macmia ia c quel etablissement derriere")
    assert "Institut Mines-Télécom" in carrier.text
    # A region named in the question is not its carrier named (the Région Normandie).
    region = indexed_assistant.ask("3nc nucleaire normandie c qui qui porte")
    assert "Région Normandie" in region.text
    session = indexed_assistant.ask("prochaine session a l ecole de la batterie c quand svp")
    assert not session.answerable and "prochaine session" in session.text
    opening = indexed_assistant.ask("le ferrocampus de saintes il ouvre quand")
    assert not opening.answerable and "première pierre" not in opening.text
    course = indexed_assistant.ask("le cqp operateur de tri a l en2r il dure cb de temps")
    assert not course.answerable and "durée des formations" in course.text
    assert "53 ans" not in course.text  # an age is no length of time


def test_the_programmes_own_carrier_describes_it_a_source_does_not(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien France 2030 apporte-t-il au projet SENS de l'Université de Strasbourg, et "
        "quel est son budget total ?"
    )
    assert "2,5 M€" in answer.text and "4,2 M€" in answer.text
    source = indexed_assistant.ask(
        "Combien d'emplois seront à pourvoir dans le recyclage d'ici 2030 selon Federec ?"
    )
    assert "16 000" in source.text


def test_a_sector_or_region_word_does_not_name_the_carrier(indexed_assistant: Assistant) -> None:
    """« l'emploi dans l'hydrogène » does not name France Hydrogène; « le campus des
    industries navales » does name the CINav (the question asks its town, not who it is)."""
    lead = indexed_assistant.ask(
        "Quelle organisation a porté le diagnostic DEF'Hy sur l'emploi dans l'hydrogène ?"
    )
    assert "France Hydrogène" in lead.text
    town = indexed_assistant.ask(
        "Le campus des industries navales qui porte FORTEIM a son siège dans quelle ville ?"
    )
    assert "Brest" in town.text
    # FH2-PDL, named in DEF'Hy's title « (et le diagnostic FH2-PDL) », is another diagnostic.
    other = indexed_assistant.ask(
        "Le diagnostic hydrogène FH2-PDL en Pays de la Loire, il était piloté par quelles "
        "universités ?"
    )
    assert "France Hydrogène" not in other.text
    # « apporté par EDF » is money given, not a carrier.
    edf = indexed_assistant.ask(
        "Pourriez-vous m'indiquer le montant apporté par EDF au projet normand 3NC ?"
    )
    assert "4,5 M€" in edf.text


def test_towns_levels_and_a_programme_named_beside_its_sector(
    indexed_assistant: Assistant,
) -> None:
    towns = indexed_assistant.ask(
        "Bio'Occ, les formations aux biomédicaments, c'est dans quelles villes ?"
    )
    assert "Toulouse" in towns.text and "Montpellier" in towns.text
    history = _history(
        "Le Ferrocampus de Saintes, c'est quoi ?", "Un campus de formation ferroviaire à Saintes."
    )
    levels = indexed_assistant.ask(
        "On pourra y préparer quels niveaux de diplômes ?", history=history
    )
    assert "brevet professionnel" in levels.text and "doctorat" in levels.text
    students = indexed_assistant.ask(
        "Combien d'étudiants par an le projet strasbourgeois SENS compte-t-il former au "
        "numérique en santé ?"
    )
    assert "1 500" in students.text and "230 000" not in students.text


def test_what_a_described_programme_prepares_for_comes_from_its_document(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "À quels métiers prépare le projet de cybersécurité de l'université présidée par "
        "Lamri Adoui ?"
    )
    assert "cryptologue" in answer.text
