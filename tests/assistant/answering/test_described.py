"""A programme described, not named: a figure answered when one sentence settles it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.described import describes
from assistant.text import contains

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.catalog import Catalog


def test_a_programme_is_described_by_words_of_its_record(corpus_catalog: Catalog) -> None:
    # Its lead (Verkor), its town (Poitiers is the académie of the CMQ NFP 4.0).
    assert describes(frozenset({"verkor"}), "ecole-de-la-batterie", corpus_catalog)
    assert not describes(frozenset({"bours", "action"}), "ecole-de-la-batterie", corpus_catalog)
    # A document outside the catalogue (a Service-Public fiche) is described by nothing.
    assert not describes(frozenset({"verkor"}), "not-in-the-catalogue", corpus_catalog)


@pytest.mark.slow
def test_a_paraphrase_naming_no_programme_gets_its_figure(indexed_assistant: Assistant) -> None:
    """Few words in common with the document, no programme named: the domain score alone
    would refuse; the one sentence that settles it is quoted."""
    answer = indexed_assistant.ask(
        "Quelle enveloppe les derniers lauréats de la saison 2 se sont-ils partagée ?"
    )
    assert answer.answerable
    assert contains(answer.text, "120 M€")
    assert answer.citations[0].doc_id == "ami-cma-saisons"
    assert contains(answer.citations[0].quote, "120 M€")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Combien de calories contient une pomme ?",
        "Combien coûte un billet d'avion pour Montréal ?",
        "Quel est le cours de l'action Verkor en Bourse ?",
    ],
)
def test_a_figure_about_something_else_is_still_refused(
    indexed_assistant: Assistant, question: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert not answer.answerable
    assert not answer.citations
