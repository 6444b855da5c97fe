"""Departments, former regions and more towns resolve to the current region."""

from __future__ import annotations

import pytest

from assistant.catalog import Catalog
from assistant.catalog.gazetteer import DEPARTMENTS, department_regions, former_regions
from assistant.text.folding import fold


def test_every_department_of_metropolitan_france_and_overseas_is_known() -> None:
    assert len(DEPARTMENTS) == 101
    assert {number for number, _ in DEPARTMENTS.values()} >= {"01", "2A", "2B", "95", "976"}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Quel lauréat forme aux métiers du bois dans les Vosges ?", "Grand Est"),
        ("J'habite en Gironde", "Nouvelle-Aquitaine"),
        ("Je vis dans le Nord, près de la frontière", "Hauts-de-France"),
        ("un lycée du Nord (59)", "Hauts-de-France"),
        ("je suis dans le 69", "Auvergne-Rhône-Alpes"),
        ("un projet en Seine-Saint-Denis", "Île-de-France"),
        ("dans la Manche, à côté de Flamanville", "Normandie"),
    ],
)
def test_a_department_gives_its_region(text: str, region: str) -> None:
    assert department_regions(fold(text)) == [region]


@pytest.mark.parametrize(
    "text",
    [
        "Quelle somme a reçu REMED ?",
        "Quel est le programme le plus cher ?",
        "au nord de Lyon",
        "Le lot de formations proposées",
        "la Loire-Atlantique",  # a department of its own, not « la Loire »
        "en Pays de la Loire",
    ],
)
def test_common_words_are_no_department(text: str) -> None:
    assert "Auvergne-Rhône-Alpes" not in department_regions(fold(text))
    assert "Hauts-de-France" not in department_regions(fold(text))
    assert "Centre-Val de Loire" not in department_regions(fold(text))


def test_a_former_region_is_read_as_today_s_region() -> None:
    assert former_regions(fold("en Champagne-Ardenne")) == ["Grand Est"]
    assert former_regions(fold("en Auvergne-Rhône-Alpes")) == []  # the current name


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Y a-t-il une formation à Roubaix ?", "Hauts-de-France"),
        ("Je suis dans les Vosges", "Grand Est"),
        ("j'habite à Kourou", "Guyane"),
        ("en Franche-Comté", "Bourgogne-Franche-Comté"),
    ],
)
def test_the_catalogue_resolves_towns_departments_and_former_regions(
    corpus_catalog: Catalog, text: str, region: str
) -> None:
    assert corpus_catalog.regions_in(text) == [region]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Y a-t-il des formations dans le nord de l'Occitanie ?", []),
        ("Quelles formations en Savoie ?", ["Auvergne-Rhône-Alpes"]),
        ("Quels projets dans le département du Nord ?", ["Hauts-de-France"]),
        ("J'habite en Haute Garonne", ["Occitanie"]),
        ("en somme, que proposez-vous ?", []),
    ],
)
def test_department_forms_users_write(text: str, regions: list[str]) -> None:
    assert department_regions(fold(text)) == regions


def test_du_nord_is_the_department_unless_it_is_a_direction() -> None:
    assert department_regions("les gigafactories de batteries du nord ?") == ["Hauts-de-France"]
    assert department_regions("du nord de la france") == []
    assert department_regions("au nord de lyon") == []
