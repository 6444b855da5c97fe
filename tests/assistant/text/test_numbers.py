"""French numbers: one number whatever its spacing, canonical amounts, grounding check."""

from __future__ import annotations

import pytest

from assistant.text import (
    contains,
    format_date,
    format_eur,
    format_int,
    normalize,
    numbers_in,
    ungrounded_numbers,
)
from assistant.text.numbers import amount_eur


@pytest.mark.parametrize("written", ["8 000", "8\u00a0000", "8\u202f000", "8000"])
def test_thousands_are_the_same_number_whatever_the_spacing(written: str) -> None:
    assert numbers_in(f"plus de {written} personnes formées") == ["8000"]
    assert contains("Electro'Mob vise plus de 8 000 personnes formées.", written)


def test_decimal_comma_and_point_are_the_same_number() -> None:
    assert numbers_in("14,2 M€") == numbers_in("14.2 M€") == ["14.2"]


def test_normalize_unifies_spaces_case_and_apostrophes() -> None:
    assert normalize("L’État   apporte 1 318\u00a0M€") == "l'état apporte 1318 m€"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (14_200_000, "14,2 M€"),
        (25_000_000, "25 M€"),
        (16_586_665, "16,59 M€"),
        (2_500_000_000, "2,5 Md€"),
        (200_000, "200 000 €"),
    ],
)
def test_format_eur_writes_amounts_the_french_way(value: int, shown: str) -> None:
    assert format_eur(value) == shown


def test_format_int_groups_thousands() -> None:
    assert format_int(35000) == "35 000"
    assert format_int(129) == "129"


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2023-04-17", "17 avril 2023"),
        ("2024-04-01", "1er avril 2024"),
        ("2024-10", "octobre 2024"),
        ("bientôt", "bientôt"),
    ],
)
def test_format_date_writes_french_dates(iso: str, shown: str) -> None:
    assert format_date(iso) == shown


def test_grounding_flags_an_invented_figure() -> None:
    source = "Le budget total d'Electro'Mob atteint 25 M€, dont 14,2 M€ apportés par l'État."
    assert ungrounded_numbers("Le budget est de 25 M€ [1].", [source]) == []
    assert ungrounded_numbers("Le budget est de 30 M€ [1].", [source]) == ["30"]


def test_grounding_accepts_the_same_number_written_differently() -> None:
    source = "Electro'Mob vise plus de 8\u00a0000 personnes formées d'ici 2030."
    assert ungrounded_numbers("Plus de 8000 personnes d'ici 2030 [1].", [source]) == []


def test_grounding_ignores_markers_urls_and_digits_inside_names() -> None:
    answer = (
        "EN2R, H2 et la 5G [1] [12] : voir https://example.org/page-2024/42 "
        "et le projet 3NC ou BIOT2@Normandie."
    )
    assert numbers_in(answer) == []
    assert ungrounded_numbers(answer, ["Rien de chiffré ici."]) == []


def test_units_glued_to_a_number_still_count_as_numbers() -> None:
    assert numbers_in("5 ans, 40 %, 300 000 €, 3e vague, 1er site") == [
        "5",
        "40",
        "300000",
        "3",
        "1",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("reçoivent ensemble plus de 12 M€ de l'État", 12e6),
        ("un budget de 1,5 Md€", 1.5e9),
        ("entre 50 000 € et 200 000 €", 50_000.0),
        ("2,6 millions d'euros", 2.6e6),
        ("41 000 personnes", None),
    ],
)
def test_the_first_amount_in_euros(text: str, value: float | None) -> None:
    assert amount_eur(text) == value


def test_a_year_before_an_amount_is_not_part_of_it() -> None:
    assert amount_eur("En 2024 200 000 € ont été versés.") == 200_000.0
    assert amount_eur("2,6 millions d’euros") == 2.6e6
