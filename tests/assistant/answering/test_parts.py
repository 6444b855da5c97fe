"""Two-part questions on the real index: each part gets the sentence that answers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.parts import fits, parts_of, variant
from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Combien de temps dure FPI AURA et combien coûte-t-il ?", ["3 ans", "22 M€"]),
        (
            "Combien de sites et combien de partenaires industriels compte REMED ?",
            ["6 sites", "25 partenaires"],
        ),
        (
            "Combien de personnes supplémentaires FPI AURA veut-il former dans le secondaire "
            "et dans le supérieur ?",
            ["2 200", "1 500"],
        ),
        (
            "Combien de personnes l'École de la Batterie veut-elle former par an et au total ?",
            ["1 600", "8 000"],
        ),
        (
            "Combien de temps dure REMED et combien de sites compte son réseau ?",
            ["5 ans", "6 sites"],
        ),
        (
            "Quel est le coût total des 9 lauréats souveraineté numérique et combien "
            "d'apprenants visent-ils ?",
            ["154 M€", "230 000"],
        ),
        # The clause naming the programme first (« Pour l'école… , ») asks nothing.
        (
            "Pour l'école de l'hydrogène que le Conseil régional veut créer autour du pays de "
            "Montbéliard, quelle aide les acteurs espéraient-ils, et combien ont-ils obtenu ?",
            ["10 M€", "6 M€"],
        ),
        # Thirteenth round (docs/tuning.md): a cost and a date; two dates of two events
        # (« signée » is answered by « signature »); a cost beside the aid hoped for; a
        # count the record lacks but a sentence gives; « … et pour quel montant ? » takes
        # the counted ones' sum.
        (
            "Pour quel coût le chantier du Ferrocampus de Saintes est-il prévu, et quand sa "
            "première pierre a-t-elle été posée ?",
            ["50 M€", "23 mai 2025"],
        ),
        (
            "Quand la convention de FORTEIM avec l'État a-t-elle été signée, et quand le projet "
            "a-t-il été officiellement lancé ?",
            ["27 novembre 2024", "Juillet 2024"],
        ),
        (
            "Combien coûte le projet d'école hydrogène de Bourgogne-Franche-Comté, et combien "
            "d'aide ses acteurs espéraient-ils ?",
            ["15 M€", "10 M€"],
        ),
        (
            "Quand la convention de Quant4CVL a-t-elle été signée, et combien d'étudiants au "
            "plus accueille-t-il chaque année ?",
            ["26 mars 2025", "15 étudiants"],
        ),
        (
            "Combien de nouveaux lauréats en santé numérique ont été annoncés en octobre 2023, "
            "et pour quel montant ?",
            ["8 nouveaux lauréats", "14,2 M€"],
        ),
    ],
)
def test_each_part_of_a_two_part_question_is_answered(
    indexed_assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for value in expected:
        assert contains(answer.text, value), value
        # …from a sentence of the programme that holds it, cited.
        assert any(contains(c.quote, value) for c in answer.citations), value
    for citation in answer.citations:
        assert citation.chunk_text[citation.start : citation.end] == citation.quote
    # No part is said missing, and no other sum stands beside the one asked.
    assert "ne précise pas" not in answer.text and "18,4 M€" not in answer.text


def test_a_figure_is_not_found_inside_a_larger_one(indexed_assistant: Assistant) -> None:
    """« 8 000 » (the people to train) is not the « 800 000 » of the sector's needs."""
    answer = indexed_assistant.ask(
        "Combien de personnes l'École de la Batterie doit-elle qualifier ?"
    )
    assert answer.answerable
    assert contains(answer.text, "8 000")
    assert "800 000" not in answer.text


def test_a_one_part_question_about_years_gets_no_unrelated_sentence(
    indexed_assistant: Assistant,
) -> None:
    """« … et sur combien d'années ? » asks a duration: the budget sentence « 27 M€ sur 5
    ans » answers both parts, no sentence about « l'année » is added."""
    answer = indexed_assistant.ask("Quel est le budget d'OSMOSE et sur combien d'années ?")
    assert answer.answerable
    assert contains(answer.text, "27 M€") and contains(answer.text, "5 ans")
    assert len(answer.citations) == 1


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # « Où » is a part of its own: the date sentence names no place.
        ("Quand et où CyberSkills4All a-t-il été annoncé lauréat ?", ["16 juin 2023", "VivaTech"]),
        ("Qui pilote DEFFINUM et qui le gère ?", ["Haut-commissariat", "Banque des Territoires"]),
        # « … et par qui ? »: the date sentence names no signatory.
        (
            "Quand la convention de Quant4CVL a-t-elle été signée et par qui ?",
            ["26 mars 2025", "Université de Tours"],
        ),
    ],
)
def test_each_of_two_short_questions_is_answered(
    indexed_assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for value in expected:
        assert contains(answer.text, value), value


def test_only_a_where_part_takes_any_named_place() -> None:
    lieu = parts_of("Quand et où OSMOSE a-t-il été lancé ?", ["OSMOSE"])[-1]
    assert lieu.where and "region" in lieu.slots
    assert fits(lieu.slots, "Il a été lancé au salon VivaTech.", named_place=lieu.where)
    # A region asked without « où »: « à l'État », « au Conseil » are no places.
    assert not fits(("region",), "La moitié est apportée à l'État.", ["Bretagne"])
    assert fits(("region",), "Le projet est mené en Bretagne.", ["Bretagne"])
    assert not any(p.where for p in parts_of("D'où viennent les fonds de REMED ?", ["REMED"]))


def test_the_askers_situation_is_no_part() -> None:
    question = (
        "je suis au chômage vers Poitiers et je voudrais bosser dans les batteries : "
        "le programme régional prend combien d'adultes par an ?"
    )
    assert len(parts_of(question, ["BATTENA"])) == 1


def test_an_and_inside_the_leading_clause_cuts_no_question() -> None:
    question = (
        "Pour le projet qui forme la main-d'œuvre des gigafactories dans le Nord et le "
        "Pas-de-Calais, combien apporte la Région ?"
    )
    assert len(parts_of(question, [])) == 1


def test_an_amount_or_a_share_counts_no_one() -> None:
    assert not fits(["people"], "La stratégie consacre 50 M€ aux formations.")
    assert not fits(["people"], "91 % des formations sont privées.")
    assert fits(["people"], "La stratégie vise 5 000 emplois et 50 M€.")


@pytest.mark.slow
def test_an_advisors_request_for_two_figures_gets_both(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Pour un dossier, j'ai besoin du montant de la subvention CMA de FPI AURA et de la "
        "durée du projet."
    )
    assert "9,5 M€" in answer.text and "3 ans" in answer.text


def test_a_derived_noun_answers_a_part_and_a_date_counts_no_one() -> None:
    assert variant("signe", "signatur", derived=True) and not variant("signe", "signatur")
    # A day of a month and a digit inside a name count no one.
    assert not fits(
        ["people"], "La convention de Quant4CVL a été signée le 26 mars 2025.", counts_only=True
    )
    assert fits(["people"], "Quant4CVL accueille au maximum 15 étudiants par an.", counts_only=True)
    cost, date = parts_of(
        "Pour quel coût le chantier est-il prévu, et quand a-t-il ouvert ?", ["Ferrocampus"]
    )
    assert cost.slots == ("budget",) and "date" in date.slots


def test_a_preamble_before_a_colon_is_no_part_of_its_own() -> None:
    # The words before « : » say what the question is about; each question after it is a
    # part, asked of that subject.
    parts = parts_of(
        "On m'a parlé d'un projet de santé numérique à Limoges : qui le porte et combien "
        "a-t-il reçu ?",
        ["Cinerg'e-santé"],
    )
    assert len(parts) == 2
    assert "limog" not in parts[0].words
