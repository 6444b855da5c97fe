"""A programme described without its name: by its lead, its town (or demonym) and sector."""

from __future__ import annotations

import pytest

from assistant.answering.question import analyse
from assistant.catalog import Catalog


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        ("Combien l'État met-il sur la table pour l'école de Verkor ?", "ecole-de-la-batterie"),
        ("Combien de personnes le projet spatial toulousain veut-il former ?", "cometes"),
        (
            "Quel financement a obtenu le projet d'IA de l'Institut Mines-Télécom ?",
            "macmia",
        ),
        ("Combien d'étudiants vise le cursus quantique de l'Université de Tours ?", "quant4cvl"),
        # A region's demonym with a sector; a lead written in full.
        ("Combien l'État donne-t-il au grand projet normand du nucléaire ?", "3nc"),
        ("Le projet du Campus des industries navales a combien de partenaires ?", "forteim"),
        # The call's season with the lead written in full.
        (
            "Combien de personnes le projet de saison 2 de la région académique "
            "Auvergne-Rhône-Alpes doit-il former ?",
            "fpi-aura",
        ),
        # A programme named only by sector words (« numérique en santé ») yields to the one
        # the question describes by its town.
        (
            "Combien d'étudiants par an le projet strasbourgeois de numérique en santé "
            "veut-il former ?",
            "sens",
        ),
        # A numbered university (« Lyon 1 ») is its lead.
        (
            "Le projet de Lyon 1 sur les voitures électriques, il coopère avec quelles régions ?",
            "remed",
        ),
    ],
)
def test_a_described_programme_is_the_subject(
    corpus_catalog: Catalog, question: str, doc_id: str
) -> None:
    info = analyse(question, corpus_catalog)
    assert info.described == doc_id
    assert info.programmes == [doc_id]


@pytest.mark.parametrize(
    "question",
    [
        # A town alone, or a company's share price: not a programme.
        "Quel temps fera-t-il à Toulouse demain ?",
        "Quel est le cours de l'action Verkor en Bourse aujourd'hui ?",
        "Combien coûte un billet de train Lyon-Bordeaux ?",
        # Two programmes fit (hydrogen in Occitanie): none is chosen.
        "Combien de formateurs le projet hydrogène de l'Occitanie doit-il former ?",
        # Words of a lead scattered in the question (« France … hydrogène ») name nobody.
        "Combien de métiers de l'hydrogène France 2030 finance-t-elle ?",
        # A list over the catalogue stays a list.
        "Quelles formations aux batteries près de Lille ?",
    ],
)
def test_no_programme_is_described(corpus_catalog: Catalog, question: str) -> None:
    assert analyse(question, corpus_catalog).described is None


def test_a_comparison_with_one_programme_described_compares_both(
    corpus_catalog: Catalog,
) -> None:
    info = analyse(
        "Qui obtient le plus de France 2030 : l'école hydrogène de Bourgogne-Franche-Comté ou SENS ?",
        corpus_catalog,
    )
    assert sorted(info.programmes) == ["ecole-hydrogene-bfc", "sens"]


def test_a_carrier_typed_without_capitals_describes_its_programme(
    corpus_catalog: Catalog,
) -> None:
    assert corpus_catalog.described_in(
        "combien l'État met-il dans le projet porté par verkor ?"
    ) == ("ecole-de-la-batterie")


def test_the_month_a_programme_was_launched_is_evidence(corpus_catalog: Catalog) -> None:
    # Toulouse alone fits several programmes; launched in December 2025, only OSMOSE.
    assert corpus_catalog.described_in("Quel budget pour le projet lancé à Toulouse ?") is None
    assert (
        corpus_catalog.described_in(
            "Quel budget pour le projet lancé à Toulouse en décembre 2025 ?"
        )
        == "osmose"
    )


def test_a_diagnostic_is_described_by_its_kind_and_sector(corpus_catalog: Catalog) -> None:
    assert (
        corpus_catalog.described_in(
            "qui a porté le diagnostic aéronautique du Sud-Ouest ?", sectors=["aéronautique"]
        )
        == "dacso-decso"
    )


def test_a_carriers_present_name_is_its_name(corpus_catalog: Catalog) -> None:
    # GENHYO: « Université fédérale Toulouse Midi-Pyrénées (aujourd'hui Université de
    # Toulouse) »; OSMOSE, in cybersecurity, is carried by the Université de Toulouse too.
    question = "le projet hydrogène porté par l'Université de Toulouse en Occitanie"
    assert (
        corpus_catalog.described_in(question, regions=["Occitanie"], sectors=["hydrogène"])
        == "genhyo"
    )


def test_the_programme_covering_more_of_the_sectors_asked_is_described(
    corpus_catalog: Catalog,
) -> None:
    # At Lyon, the École de la Batterie (batteries, electric cars) and REMED (electric
    # and hydrogen vehicles): both sectors asked are REMED's.
    question = (
        "le projet de l'université lyonnaise qui forme aux véhicules électriques et à hydrogène"
    )
    sectors = ["automobile électrique", "hydrogène"]
    assert (
        corpus_catalog.described_in(question, regions=["Auvergne-Rhône-Alpes"], sectors=sectors)
        == "remed"
    )
