"""What « combien de X ? » counts, and whether a sentence gives that count."""

from __future__ import annotations

import pytest

from assistant.text.counts import (
    count_in,
    counted_noun,
    counts_jobs,
    counts_other_people,
    counts_reach,
    gives_count,
)


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Combien de partenaires compte I-NovMicro ?", "partenair"),
        ("Combien de temps dure la formation ?", None),
        ("Combien d'argent REMED a-t-il reçu ?", None),
        ("SENS reçoit combien de France 2030 ?", None),
        ("y a combien d'IA clusters en tout ?", "cluste"),
        ("Combien y a-t-il de partenaires dans COMETES ?", "partenair"),
        ("Combien d'ans dure REMED ?", None),
    ],
)
def test_the_noun_counted(question: str, noun: str | None) -> None:
    assert counted_noun(question) == noun


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Combien de partenaires ?", "Le projet associe 14 partenaires."),
        ("Combien de formations ?", "Le Ferrocampus proposera une centaine de formations."),
        ("Combien de campus ?", "Le projet ouvre 3 nouveaux campus."),
        ("Combien de personnes ?", "Il vise plus de 2,6 millions de personnes."),
        ("Combien de personnes ?", "SENS vise 1 500 étudiants par an."),
        ("Combien de recrutements ?", "La filière prévoit 72 000 embauches d'ici 2030."),
        ("Combien de familles d'acteurs ?", "Un membre de chacune de ces trois familles."),
        ("Sur combien d'années ?", "Le budget est de 4,2 M€, sur 5 ans."),
    ],
)
def test_a_count_may_be_spelled_qualified_or_named_otherwise(question: str, sentence: str) -> None:
    assert gives_count(question, sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # The number of another thing: an advisor would repeat it as the answer.
        ("Combien d'entreprises ont été interrogées ?", "DEF'Hy a retenu 81 métiers."),
        ("Combien de jeux sérieux ?", "FORTEIM est porté par le CINav avec 14 partenaires."),
        ("Combien de formateurs ?", "Le projet forme 1 500 étudiants."),
        ("Sur combien d'années ?", "SENS vise 1 500 étudiants formés chaque année."),
    ],
)
def test_a_count_of_something_else_is_not_the_count_asked(question: str, sentence: str) -> None:
    assert not gives_count(question, sentence)


@pytest.mark.parametrize(
    "question",
    ["Combien de financement SequoIA a-t-il reçu ?", "Combien de subventions pour REMED ?"],
)
def test_money_is_no_counted_noun(question: str) -> None:
    assert counted_noun(question) is None


def test_a_year_is_no_count_and_number_words_are() -> None:
    assert not gives_count("Combien de projets ?", "En 2022 les projets ont démarré.")
    assert gives_count("Combien de partenaires ?", "Le consortium réunit seize partenaires.")
    assert gives_count("Combien de personnes ?", "Il accueillait alors 1 800 experts.")


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Combien d'étudiants OSMOSE forme-t-il ?", "OSMOSE prévoit de former 700 enseignants."),
        ("Combien de formateurs SENS diplôme-t-il ?", "SENS vise 1 500 étudiants formés."),
        ("Combien d'apprenants chaque année ?", "La filière devrait créer 8 000 emplois."),
        ("Combien de personnes veut-elle former ?", "La stratégie vise 5 000 emplois."),
        # Apprentices are learners of one kind: a count of all learners is not theirs.
        ("battena combien d apprentis ?", "BATTENA vise 35 000 personnes formées."),
        ("Combien d'alternants ?", "SENS vise 1 500 étudiants formés chaque année."),
        # Partners, or no count at all, for people.
        ("Combien d'apprentis forme I-NovMicro ?", "I-NovMicro réunit 11 partenaires."),
        ("Combien d'apprentis ?", "Le CMQ dispose d'un budget de 15 M€ sur 5 ans."),
    ],
)
def test_learners_trainers_and_jobs_are_three_counts(question: str, sentence: str) -> None:
    assert counts_other_people(question, sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Same group, or a count of something that is no people: left to the ranking.
        ("Combien de personnes ?", "Le projet forme 1 500 étudiants et 40 enseignants."),
        ("Combien d'entreprises ?", "DEF'Hy a retenu 81 métiers."),
        ("Combien de recrutements ?", "La filière prévoit 72 000 embauches."),
        ("Combien d'apprentis ?", "Le lycée accueille 40 apprentis par an."),
        # Graduates are people (« diplômés » is no course).
        (
            "Combien de personnes veut-il former ?",
            "Le Ferrocampus vise environ 300 diplômés par an.",
        ),
        # Trainers are people too.
        (
            "Combien de personnes OSMOSE va-t-il former ?",
            "OSMOSE prévoit de former 700 formateurs.",
        ),
    ],
)
def test_other_counts_are_not_refused_as_other_people(question: str, sentence: str) -> None:
    assert not counts_other_people(question, sentence)


def test_jobs_are_counted_as_jobs() -> None:
    assert counts_jobs("Combien d'emplois vise-t-elle ?")
    assert not counts_jobs("Combien de personnes vise-t-elle ?")


def test_places_in_a_course_are_counted_by_its_learners_not_by_its_money() -> None:
    question = "Combien de places dans le master quantique à Tours ?"
    assert gives_count(question, "Quant4CVL accueille au maximum 15 étudiants par an.")
    # Places of one kind are not all the learners.
    assert not gives_count(
        "Combien de places en apprentissage offre BATTENA ?",
        "BATTENA prévoit d'accueillir environ 2 600 lycéens et étudiants chaque année.",
    )


def test_people_made_aware_are_not_learners_to_train() -> None:
    question = "À combien de personnes COMETES veut-il faire découvrir les métiers du spatial ?"
    assert counts_reach(question, "COMETES vise à former 11 000 apprenants en 5 ans.")
    assert not counts_reach(question, "COMETES prévoit de sensibiliser 300 000 personnes.")
    assert not counts_reach("Combien d'apprenants COMETES forme-t-il ?", "11 000 apprenants.")


def test_the_count_given_for_what_is_asked() -> None:
    assert count_in("Combien de personnes ?", "Cyrce forme 250 spécialistes par an.") == 250
    assert count_in("Combien de formateurs ?", "OSMOSE prévoit de former 700 formateurs.") == 700
    assert count_in("Combien de formateurs ?", "SENS vise 1 500 étudiants formés.") is None


def test_digits_of_a_name_count_no_one() -> None:
    # « 3iL Ingénieurs » is a school, not three engineers.
    text = "Université de Limoges (porteur), CHU de Limoges, 3iL Ingénieurs."
    assert count_in("Combien de personnes ?", text) is None
    # « ses actions de découverte »: the people reached, not the learners.
    reach = "Combien de personnes COMETES compte-t-il toucher par ses actions de découverte ?"
    assert counts_reach(reach, "COMETES vise à former 11 000 apprenants en 5 ans.")
