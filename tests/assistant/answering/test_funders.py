"""Who pays: the State, or another public funder a money question names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.funders import (
    asks_all_funders,
    funder_asked,
    funder_label,
    names_a_funder,
    names_funder,
)
from assistant.text.folding import fold

if TYPE_CHECKING:
    from assistant import Assistant


@pytest.mark.parametrize(
    ("question", "funder"),
    [
        ("Combien la Région met-elle dans REMED ?", "region"),
        ("Quelle part du budget d'OSMOSE est apportée par la Région Occitanie ?", "region"),
        ("Quelle part du financement de GENHYO vient de la Région ?", "region"),
        ("Combien le Département verse-t-il au projet ?", "departement"),
        # The verb first, the collectivity described, its « mise ».
        ("Pour le projet du Nord et du Pas-de-Calais, combien apporte la Région ?", "region"),
        ("Quelle est la mise de la collectivité régionale dans Electro'Mob ?", "region"),
        # The State named too, a funder asked no amount, a company, the académie: none.
        ("Combien la Région et l'État mettent-ils dans REMED ?", ""),
        ("La Région finance quels projets de formation ?", ""),
        ("Combien les entreprises apportent-elles à 3NC ?", ""),
        ("Combien la région académique met-elle dans ATCF ?", ""),
    ],
)
def test_the_funder_a_question_asks_about(question: str, funder: str) -> None:
    assert funder_asked(fold(question)) == funder


@pytest.mark.parametrize(
    ("question", "funder"),
    [
        # A company named as the payer, even beside « indépendamment de l'aide de l'État ».
        ("Quelle somme EDF apporte-t-il à 3NC, indépendamment de l'aide de l'État ?", "EDF"),
        ("Combien Orano met dans 3NC ?", "Orano"),
        # Asked as a request, no « combien »: « préciser la contribution d'EDF ».
        ("Pouvez-vous me préciser la contribution financière d'EDF au projet 3NC ?", "EDF"),
        # The programme itself, a public funder's capitalised name: no company.
        ("Combien 3NC apporte aux entreprises ?", ""),
        ("Combien la Région met-elle dans REMED ?", "region"),
        ("Combien France 2030 apporte à REMED ?", ""),
        # A share asked of a company described in an apposition.
        (
            "Quelle part du budget d'Electro'Mob le constructeur Stellantis, membre du "
            "consortium, finance-t-il ?",
            "Stellantis",
        ),
        # A name of several words is the payer, not its last word (no Region here).
        (
            "Combien l'Université de Caen Normandie apporte-t-elle elle-même à 3NC ?",
            "Université de Caen Normandie",
        ),
    ],
)
def test_a_company_named_as_the_payer(question: str, funder: str) -> None:
    assert funder_asked(fold(question), question, ("3NC",)) == funder


def test_a_sentence_answers_only_if_it_names_the_funder() -> None:
    assert names_funder("region", "La Région Hauts-de-France contribue à hauteur de 2,1 M€.")
    assert not names_funder("region", "L'État finance REMED à hauteur de 14 M€.")
    assert not names_funder("region", "Doté de 20 M€, selon la région académique.")
    assert names_funder("EDF", "EDF apporte 4,5 M€ à 3NC.")
    assert funder_label("EDF") == "le montant apporté par EDF"
    assert funder_label("region") == "le montant apporté par la Région"


def test_questions_naming_no_funder_or_every_funder() -> None:
    assert not names_a_funder("Le plan met combien d'argent sur la formation ?")
    assert names_a_funder("Quelle subvention a reçu BATTENA ?")
    assert asks_all_funders("Quel est le coût total, toutes sources de financement confondues ?")
    assert not asks_all_funders("Quel est le coût total de COMETES ?")


@pytest.mark.parametrize(
    ("question", "funder"),
    [
        # The State left out asks another funder's money.
        (
            "Electro'Mob : à combien s'élève la contribution de la Région Hauts-de-France, "
            "indépendamment de la subvention de l'État ?",
            "region",
        ),
        ("À combien s'élève la participation financière de la Région à REMED ?", "region"),
        # A named payer before its verb, or after « la contribution de ».
        ("Dans Electro'Mob, Stellantis a apporté combien d'argent ?", "Stellantis"),
        (
            "Quelle est la contribution financière propre de l'Université de Caen Normandie "
            "au budget de 3NC ?",
            "Université de Caen Normandie",
        ),
    ],
)
def test_other_payers_and_the_state_left_out(question: str, funder: str) -> None:
    assert funder_asked(fold(question), question, ("3NC", "Electro'Mob")) == funder


def test_a_named_institution_pays_only_under_its_own_name() -> None:
    # « aux universités du Havre, de Rouen et de Caen » receive; they do not pay.
    text = "La Région a versé 2,5 M€ aux universités du Havre, de Rouen et de Caen."
    assert not names_funder("Université de Caen Normandie", text)
    assert names_funder("Université de Caen Normandie", "L'Université de Caen apporte 1 M€.")
    assert funder_label("Université de Caen Normandie") == (
        "le montant apporté par « Université de Caen Normandie »"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "amount"),
    [
        (
            "Bonjour, je prépare un article pour un quotidien régional. Pouvez-vous me préciser "
            "la contribution financière d'EDF au projet 3NC ?",
            "4,5 M€",
        ),
        (
            "Pour le projet qui forme la main-d'œuvre des gigafactories de batteries dans le "
            "Nord et le Pas-de-Calais, quelle est la mise de la collectivité régionale ?",
            "2,1 M€",
        ),
    ],
)
def test_a_funders_amount_is_found_however_the_question_words_it(
    indexed_assistant: Assistant, question: str, amount: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert amount in answer.text
    assert "13 000 emplois" not in answer.text
