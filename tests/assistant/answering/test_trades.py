"""The trade a list question asks about when no sector label names it."""

from __future__ import annotations

import pytest

from assistant.answering import analyse
from assistant.catalog import Catalog


@pytest.mark.parametrize(
    ("question", "written"),
    [
        (
            "Quel projet France 2030 forme aux métiers du textile dans les Hauts-de-France ?",
            "textile",
        ),
        (
            "Quel lauréat forme aux métiers de la construction bois dans les Vosges ?",
            "construction bois",
        ),
        ("Quelles formations aux métiers du bâtiment en Normandie ?", "bâtiment"),
        ("Une formation aux métiers de la pêche en Bretagne, ça existe ?", "pêche"),
    ],
)
def test_a_trade_no_sector_names_is_kept_as_written(
    corpus_catalog: Catalog, question: str, written: str
) -> None:
    info = analyse(question, corpus_catalog)
    assert info.trade_text == written and info.trade


@pytest.mark.parametrize(
    "question",
    [
        "J'habite à Lomme, existe-t-il une école pour apprendre les métiers du recyclage ?",
        "Combien de formations en lien avec l'hydrogène existent en Bourgogne-Franche-Comté ?",
        "Quelles formations existent dans les Hauts-de-France ?",
    ],
)
def test_a_sector_label_or_a_plain_list_is_no_trade(corpus_catalog: Catalog, question: str) -> None:
    assert analyse(question, corpus_catalog).trade == []


@pytest.mark.parametrize(
    "question",
    [
        "Quels programmes forment aux métiers de demain en Auvergne-Rhône-Alpes ?",
        "Quelles formations en ligne existent en Bretagne ?",
        "Quelles formations en alternance en Normandie ?",
    ],
)
def test_a_way_of_learning_is_no_trade(corpus_catalog: Catalog, question: str) -> None:
    assert analyse(question, corpus_catalog).trade == []
