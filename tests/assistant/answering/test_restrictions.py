"""Whether the figure chosen meets the restrictions the question puts on it."""

from __future__ import annotations

import pytest

from assistant.answering import analyse
from assistant.answering.restrictions import cost_of_thing, unmet_restriction
from assistant.catalog import Catalog


@pytest.mark.parametrize(
    ("question", "sentence", "missing"),
    [
        (
            "Combien de personnes Electro'Mob forme-t-il à Douai ?",
            "Electro'Mob vise plus de 8 000 personnes formées d'ici 2030.",
            "le chiffre propre à Douai",
        ),
        (
            "Combien revient précisément à l'Université de Caen dans 3NC ?",
            "La Région a versé 2,5 M€ aux universités du Havre, de Rouen et de Caen.",
            "le chiffre propre à Caen",
        ),
        (
            "Quel montant GENHYO a-t-il reçu pour la seule année 2024 ?",
            "GENHYO bénéficie de 16,59 M€ sur 5 ans.",
            "le chiffre de la seule année demandée",
        ),
        (
            "À ce jour, combien de personnes Electro'Mob a-t-il déjà formées ?",
            "Electro'Mob vise plus de 8 000 personnes formées d'ici 2030.",
            "le chiffre atteint à ce jour",
        ),
        (
            "Quel montant chaque lauréat de Territoires d'industrie 4.0 a-t-il reçu ?",
            "L'AMI Territoires d'industrie 4.0 disposait d'un budget de 10 M€.",
            "le chiffre par lauréat",
        ),
    ],
)
def test_a_whole_shared_or_planned_figure_is_no_answer(
    corpus_catalog: Catalog, question: str, sentence: str, missing: str
) -> None:
    info = analyse(question, corpus_catalog)
    assert unmet_restriction(info, sentence) == missing


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Combien de personnes Electro'Mob forme-t-il à Douai ?", "À Douai, 500 personnes."),
        (
            "Combien de personnes OSMOSE a-t-il déjà formées ?",
            "OSMOSE a déjà formé 120 enseignants.",
        ),
        ("Combien de personnes Electro'Mob veut-il former ?", "Electro'Mob vise 8 000 personnes."),
        ("Quel montant reçoit chaque projet ?", "Chaque projet reçoit 1,5 M€ en moyenne."),
    ],
)
def test_a_figure_of_the_part_asked_meets_it(
    corpus_catalog: Catalog, question: str, sentence: str
) -> None:
    assert unmet_restriction(analyse(question, corpus_catalog), sentence) is None


@pytest.mark.parametrize(
    ("question", "sentence", "missing"),
    [
        (
            "Combien de personnes FPI AURA a-t-il formées lors de sa première année ?",
            "FPI AURA doit permettre de former plus de 9 000 personnes d'ici 2030.",
            "le chiffre de la première année",
        ),
        (
            "Sur les 18,5 M€ de TalCyb, quelle somme va aux podcasts ?",
            "TalCyb reçoit plus de 18,5 M€ d'aide France 2030, répartis sur 5 ans.",
            "la part revenant à « podcasts »",
        ),
    ],
)
def test_a_whole_figure_does_not_answer_for_its_first_year_or_one_use(
    corpus_catalog: Catalog, question: str, sentence: str, missing: str
) -> None:
    assert unmet_restriction(analyse(question, corpus_catalog), sentence) == missing


def test_one_course_of_a_programme_is_not_its_whole_count(corpus_catalog: Catalog) -> None:
    info = analyse(
        "Combien de places dans la mineure décarbonation de l'EILCO à Dunkerque ?", corpus_catalog
    )
    sentence = "C-DéCIDé vise 23 000 étudiants et apprenants formés."
    assert unmet_restriction(info, sentence) == "le chiffre propre à la mineure"
    assert unmet_restriction(info, "La mineure accueille 40 étudiants.") is None


def test_a_course_that_is_the_programme_leaves_the_town_asked(corpus_catalog: Catalog) -> None:
    info = analyse("Combien de places dans le master quantique à Orléans ?", corpus_catalog)
    sentence = "Quant4CVL accueille au maximum 15 étudiants par an."
    assert unmet_restriction(info, sentence) == "le chiffre propre à Orléans"


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Combien coûte une borne de réalité virtuelle achetée par le CMQ ?", "borne"),
        ("Combien coûte le projet REMED ?", None),
        ("Quel est le budget de REMED ?", None),
    ],
)
def test_the_cost_of_a_thing(question: str, thing: str | None) -> None:
    assert cost_of_thing(question) == thing
