"""The programme catalogue: recognising programmes, places and sectors, and filtering."""

from __future__ import annotations

import pytest

from assistant import Filters
from assistant.catalog import Catalog


def test_every_corpus_document_is_a_record(corpus_catalog: Catalog) -> None:
    assert len(corpus_catalog) == 49
    electromob = corpus_catalog.by_id["electromob"]
    assert electromob.short_name == "Electro'Mob"
    assert electromob.budget_total_eur == 25_000_000
    assert electromob.state_aid_eur == 14_200_000
    assert electromob.people == 8000
    assert electromob.regions == ("Hauts-de-France",)
    assert electromob.url == "https://www.hautsdefrance.fr/electromob/"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("je suis à Dunkerque", "Hauts-de-France"),
        ("le projet toulousain", "Occitanie"),
        ("l'académie dunkerquoise", "Hauts-de-France"),
        ("les écoles rennaises", "Bretagne"),
        ("J'habite à Limoges", "Nouvelle-Aquitaine"),
        ("une formation en AURA", "Auvergne-Rhône-Alpes"),
        ("en région PACA", "Provence-Alpes-Côte d'Azur"),
        ("à Saint-Étienne", "Auvergne-Rhône-Alpes"),
        ("Je suis à La Réunion", "La Réunion"),
    ],
)
def test_a_town_a_demonym_or_an_acronym_gives_the_region(
    corpus_catalog: Catalog, text: str, region: str
) -> None:
    assert region in corpus_catalog.regions_in(text)


def test_a_corpus_town_is_known_through_its_programme(corpus_catalog: Catalog) -> None:
    # Douvrin is not in the built-in list of towns: it comes from Electro'Mob's front matter.
    assert corpus_catalog.regions_in("je travaille à Douvrin") == ["Hauts-de-France"]


def test_words_that_merely_contain_a_region_name_give_no_region(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.regions_in("les centres de formation de Corseul") == []


@pytest.mark.parametrize(
    ("text", "doc_id"),
    [
        ("Electromob", "electromob"),
        ("le projet Electro-Mob", "electromob"),
        ("Qu'est-ce que BATTENA ?", "battena"),
        ("Formation Pro Industrie", "fpi-aura"),
        ("l'école du recyclage", "en2r"),
        ("Evolution Jeu Video", "evolution-jeu-video"),
    ],
)
def test_programmes_are_recognised_by_name_or_alias(
    corpus_catalog: Catalog, text: str, doc_id: str
) -> None:
    assert corpus_catalog.mentioned(text) == [doc_id]


def test_programmes_come_in_order_of_appearance(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.mentioned("Compare FPI AURA et Electro'Mob") == ["fpi-aura", "electromob"]


def test_the_call_for_projects_is_generic_not_a_programme(corpus_catalog: Catalog) -> None:
    mentioned = corpus_catalog.mentioned("Quel est mon projet CMA ?")
    assert mentioned and all(corpus_catalog.is_generic(m) for m in mentioned)
    assert not corpus_catalog.is_generic("electromob")


def test_sector_words_point_at_corpus_sector_labels(corpus_catalog: Catalog) -> None:
    assert "batteries" in corpus_catalog.sectors_in("formation aux batteries")
    assert "cybersécurité" in corpus_catalog.sectors_in("métiers de la cyber")
    assert "hydrogène" in corpus_catalog.sectors_in("filière H2")
    assert "électronique" in corpus_catalog.sectors_in("la filière des puces")
    assert "microélectronique" in corpus_catalog.sectors_in("les semi-conducteurs")


def test_region_filter_keeps_only_programmes_of_that_region(corpus_catalog: Catalog) -> None:
    records = corpus_catalog.filter(Filters(regions=("Nouvelle-Aquitaine",)))
    ids = {r.id for r in records}
    assert {"battena", "ferrocampus", "cinerg-e-sante"} <= ids
    assert "electromob" not in ids
    assert all("Nouvelle-Aquitaine" in r.regions for r in records)


def test_filters_combine_region_and_sector(corpus_catalog: Catalog) -> None:
    records = corpus_catalog.filter(Filters(regions=("Occitanie",), sectors=("cybersécurité",)))
    assert [r.id for r in records] == ["osmose"]


def test_no_filter_means_every_document_and_an_impossible_one_means_none(
    corpus_catalog: Catalog,
) -> None:
    assert corpus_catalog.doc_ids(Filters()) is None
    assert corpus_catalog.doc_ids(Filters(regions=("Corse",))) == []


def test_sante_numerique_is_one_sector_not_all_of_sante_and_numerique(
    corpus_catalog: Catalog,
) -> None:
    sectors = corpus_catalog.sectors_in("Quelles formations en santé numérique ?")
    assert sectors and all("santé numérique" in s for s in sectors)
    ids = {r.id for r in corpus_catalog.filter(Filters(sectors=tuple(sectors)))}
    assert {"sens", "cinerg-e-sante"} <= ids
    assert not ids & {"cyrce", "fore-cy", "atcf"}


def test_a_demonym_in_the_plural_is_a_place(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.regions_in("lesquels sont bretons ?") == ["Bretagne"]
    assert corpus_catalog.regions_in("des projets normands") == ["Normandie"]


def test_a_hyphenated_name_typed_with_a_space(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.mentioned("c decide a dunkerque, ça forme à quoi ?") == ["c-decide"]
    assert corpus_catalog.mentioned("qui porte cinerg e-sante") == ["cinerg-e-sante"]
    # The ids of documents are matched as written only: « santé numérique » is a sector.
    assert "sante-numerique" not in corpus_catalog.mentioned("la santé numérique à Limoges")


def test_a_name_inside_another_names_nothing_else(corpus_catalog: Catalog) -> None:
    # « e-santé » (the santé numérique laureates) is inside « Cinerg'e-santé ».
    assert corpus_catalog.mentioned("Où se déroule Cinerg'e-santé ?") == ["cinerg-e-sante"]
    assert corpus_catalog.mentioned("Quels lauréats en e-santé ?") == ["sante-numerique"]


def test_the_halves_of_a_programme_are_its_parts(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.part_names_in("dacso-decso", "Qui porte le diagnostic DECSO ?") == [
        "decso"
    ]


def test_a_meeting_is_not_la_reunion(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.regions_in("je prépare une réunion avec la région Guadeloupe") == [
        "Guadeloupe"
    ]
    assert corpus_catalog.regions_in("une formation à La Réunion") == ["La Réunion"]
