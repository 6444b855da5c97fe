"""Lists, counts and rankings answered from the catalogue, each row cited."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant import Filters
from assistant.answering import StructuredAnswerer, analyse, where_to_ask
from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def structured(indexed_assistant: Assistant) -> StructuredAnswerer:
    return StructuredAnswerer(indexed_assistant.retriever, indexed_assistant.catalog)


def ask(structured: StructuredAnswerer, question: str, filters: Filters | None = None):  # type: ignore[no-untyped-def]
    return structured.answer(analyse(question, structured.catalog), filters or Filters())


def test_a_count_gives_the_number_of_programmes_listed(
    structured: StructuredAnswerer, indexed_assistant: Assistant
) -> None:
    answer = ask(structured, "Combien de programmes en Bretagne ?")
    expected = [r for r in indexed_assistant.programmes(Filters(regions=("Bretagne",)))]
    assert answer is not None and answer.answerable
    assert answer.text.startswith(f"J'ai trouvé {len(expected)} programmes")
    assert answer.derived_numbers == [str(len(expected))]
    assert len(answer.citations) == len(expected)


def test_a_list_uses_the_sidebar_filters_when_the_question_names_no_place(
    structured: StructuredAnswerer,
) -> None:
    answer = ask(
        structured,
        "Quels programmes existent dans la cybersécurité ?",
        Filters(regions=("Occitanie",)),
    )
    assert answer is not None
    assert "**OSMOSE**" in answer.text
    assert all(c.doc_id == "osmose" for c in answer.citations)


def test_user_region_filters_keep_national_schemes(structured: StructuredAnswerer) -> None:
    answer = ask(
        structured,
        "Quels programmes existent dans la cybersécurité ?",
        Filters(regions=("Occitanie",), include_national=True),
    )
    assert answer is not None
    cited = {c.doc_id for c in answer.citations}
    assert "osmose" in cited and "talcyb" in cited  # TalCyb is national


def test_a_ranking_puts_the_largest_first_and_cites_each_figure(
    structured: StructuredAnswerer,
) -> None:
    answer = ask(structured, "Quel programme reçoit le plus d'aide de l'État ?")
    assert answer is not None and answer.table
    shown = [row["Aide de l'État"] for row in answer.table if row["Source"]]
    # Programmes only: groups of laureates and look-alike schemes are not ranked.
    assert shown[0] == "42 M€"  # 3NC
    by_number = {f"[{c.n}]": c for c in answer.citations}
    for row in answer.table:
        if row["Source"]:
            assert contains(by_number[row["Source"]].quote, row["Aide de l'État"])
        else:
            assert row["Aide de l'État"] == "non publié"


def test_a_ranking_to_the_minimum_puts_the_smallest_first(structured: StructuredAnswerer) -> None:
    answer = ask(structured, "Quel programme a le moins de budget ?")
    assert answer is not None and answer.table
    assert answer.table[0]["Programme"] == "ATCF"
    assert answer.table[0]["Budget total"] == "1,3 M€"
    assert "le budget total le plus faible" in answer.text


def test_a_ranking_on_trainers_counts_trainers_in_each_document(
    structured: StructuredAnswerer,
) -> None:
    # OSMOSE's record has no learner headcount, its document counts 700 trainers.
    answer = ask(structured, "Qui forme le plus de formateurs, GENHYO ou OSMOSE ?")
    assert answer is not None and answer.table
    assert [row["Programme"] for row in answer.table] == ["GENHYO", "OSMOSE"]
    assert "700 formateurs" in answer.text and "non publié" not in answer.text
    assert "GENHYO a le plus de formateurs : 1 500 formateurs" in answer.text
    fewest = ask(structured, "Lequel forme le moins de formateurs, GENHYO ou OSMOSE ?")
    assert fewest is not None and fewest.table
    assert fewest.table[0]["Programme"] == "OSMOSE"


def test_nothing_in_a_region_says_so_and_where_to_ask(structured: StructuredAnswerer) -> None:
    answer = ask(structured, "Quels programmes existent en Corse ?")
    assert answer is not None and not answer.answerable
    assert answer.text.startswith("Je n'ai trouvé aucun programme en Corse")
    assert "France Travail" in answer.text


def test_where_to_ask_points_at_the_programme_page_when_known(
    indexed_assistant: Assistant,
) -> None:
    record = indexed_assistant.catalog.by_id["battena"]
    assert record.url and record.url in where_to_ask(record)
    assert "conseil régional" in where_to_ask(None)


def test_a_trade_no_programme_of_the_region_teaches_is_refused_with_what_it_offers(
    structured: StructuredAnswerer,
) -> None:
    # Listing the region's programmes would answer another question than the one asked.
    answer = ask(structured, "Y a-t-il une formation aux métiers du textile à Roubaix ?")
    assert answer is not None and not answer.answerable
    assert answer.text.startswith(
        "Je n'ai trouvé aucun programme sur « textile » dans les Hauts-de-France"
    )
    assert "Electro'Mob" in answer.text  # what the documents do describe there


def test_a_trade_lists_only_the_programmes_whose_document_speaks_of_it(
    structured: StructuredAnswerer,
) -> None:
    answer = ask(
        structured, "Quelles formations aux métiers de la maintenance en Nouvelle-Aquitaine ?"
    )
    assert answer is not None and answer.answerable
    assert "sur « maintenance » en Nouvelle-Aquitaine" in answer.text
    assert "BATTENA" in answer.text
    # Each row quotes the sentence that speaks of maintenance.
    assert answer.citations
    assert all("maintenance" in c.quote.lower() for c in answer.citations)


def test_a_region_left_out_is_not_listed(structured: StructuredAnswerer) -> None:
    answer = ask(
        structured, "Formations en santé numérique en dehors de Paris, il y a quels projets ?"
    )
    assert answer is not None and answer.answerable
    assert "hors Île-de-France" in answer.text
    assert "SENS" in answer.text and "Cinerg'e-santé" in answer.text
    assert "Sorbonne" not in answer.text


def test_a_listing_asking_for_whom_gives_each_programmes_public(
    indexed_assistant: Assistant,
) -> None:
    """« … près de Lille, et pour qui ? »: the second part is answered for each programme,
    from its « Public visé » section, cited."""
    answer = indexed_assistant.ask(
        "Quelles formations aux batteries existent près de Lille, et pour qui ?"
    )
    assert answer.answerable
    assert "Electro'Mob" in answer.text and "EN2R" in answer.text
    assert "demandeurs d'emploi" in answer.text  # Electro'Mob's public
    assert "adultes" in answer.text  # EN2R's
    assert answer.text.count("Public :") == 2
    assert any("s'adresse aux jeunes" in c.quote for c in answer.citations)
    # Without the question, no public is added.
    plain = indexed_assistant.ask("Quelles formations aux batteries existent près de Lille ?")
    assert "Public :" not in plain.text
