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
    # A plural in -x is a form of its singular (« des jeux » / « Jeu Vidéo »).
    assert describes(frozenset({"jeux"}), "ambition-jeu-video", corpus_catalog)


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
    ("question", "expected", "doc_id"),
    [
        # « des jeux »: the diagnostic of video-game training, by its own word.
        (
            "Quelle proportion des cursus pour créer des jeux est assurée par des écoles "
            "privées, d'après l'état des lieux de la filière ?",
            "91 %",
            "ambition-jeu-video",
        ),
        # The best sentence is the AMI's (« appel à manifestation d'intérêt »), which gives
        # no amount; the document retrieval ranks first (FPI AURA) does.
        (
            "Quelle somme l'appel à manifestation d'intérêt a-t-il octroyée au projet du "
            "rectorat de région lyonnais pour muscler les formations pro tournées vers "
            "l'industrie ?",
            "9,5 M€",
            "fpi-aura",
        ),
    ],
)
def test_a_described_programme_gets_its_own_figure(
    indexed_assistant: Assistant, question: str, expected: str, doc_id: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert contains(answer.text, expected)
    assert answer.citations[0].doc_id == doc_id


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
