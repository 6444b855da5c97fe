"""The domain score: is the question about the indexed collection at all?"""

from __future__ import annotations

import pytest

from assistant.answer import Passage
from assistant.answering.domain import (
    DomainSignals,
    content_tokens,
    domain_probability,
    domain_signals,
    names_rare_word,
)
from assistant.index.lexical import LexicalIndex
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.retrieval.base import RetrievalResult


def test_content_tokens_leave_out_names_and_filler() -> None:
    tokens = content_tokens(
        "Bonjour, quel est le salaire d'un technicien formé par REMED ?", ["REMED"]
    )
    assert "remed" not in tokens and "bonjour" not in tokens
    assert tokens  # salaire, technicien, formé


def test_the_domain_score_falls_with_coverage_and_rises_with_names() -> None:
    covered = DomainSignals(0.0, 0.8, named=False, coverage=0.9, dense=0.8, lexical=0.8)
    uncovered = DomainSignals(0.9, 0.8, named=False, coverage=0.1, dense=0.8, lexical=0.8)
    named = DomainSignals(0.9, 0.8, named=True, coverage=0.1, dense=0.8, lexical=0.8)
    assert domain_probability(uncovered) < domain_probability(covered)
    assert domain_probability(named) > domain_probability(uncovered)


def test_a_sector_alone_weighs_less_than_a_name() -> None:
    # « Quelle voiture électrique a la meilleure autonomie ? » names a sector of the
    # catalogue, not one of its programmes: a weaker hint that the collection answers.
    plain = DomainSignals(0.5, 0.6, named=False, coverage=0.3, dense=0.6, lexical=0.6)
    sector = DomainSignals(0.5, 0.6, named=False, coverage=0.3, dense=0.6, lexical=0.6, sector=True)
    named = DomainSignals(0.5, 0.6, named=True, coverage=0.3, dense=0.6, lexical=0.6)
    assert domain_probability(plain) <= domain_probability(sector) < domain_probability(named)


def test_a_closer_match_than_retrieval_full_scale_still_counts() -> None:
    # Retrieval's 0-1 confidence is full at a cosine of 0.88 and a BM25 score of 6; a
    # question whose document is missing often reaches that with its neighbours' documents.
    near = DomainSignals(0.0, 1.0, named=False, coverage=0.6, dense=1.0, lexical=1.0)
    closer = DomainSignals(0.0, 1.0, named=False, coverage=0.6, dense=1.5, lexical=2.0)
    assert domain_probability(closer) > domain_probability(near)


def _passage(text: str, doc: str = "d0", dense: float = 0.0) -> Passage:
    chunk = StoredChunk(f"c-{doc}-{len(text)}", text, ChunkMeta(doc_id=doc, embed_text=text))
    return Passage(chunk, 1.0, dense=dense)


def test_a_missing_document_shows_in_the_margin_and_the_rarest_word() -> None:
    """Asked without the fiche that answers, the best document barely beats its neighbour
    and lacks the question's telling word; with it, it stands out and holds every word."""
    texts = [
        "Le timbre fiscal du passeport se paie en ligne.",
        "Le passeport se demande en mairie.",
        "La carte d'identité se demande en mairie.",
    ]
    lexical = LexicalIndex(texts)
    question = "Comment payer le timbre fiscal du passeport ?"
    present = domain_signals(
        question,
        RetrievalResult(
            [_passage(texts[0], "f1", 0.92), _passage(texts[1], "f2", 0.86)],
            dense_top=0.92,
            lexical_top=5.0,
        ),
        lexical,
    )
    absent = domain_signals(
        question,
        RetrievalResult(
            [_passage(texts[1], "f2", 0.86), _passage(texts[2], "f3", 0.855)],
            dense_top=0.86,
            lexical_top=1.0,
        ),
        lexical,
    )
    assert present.margin == pytest.approx(0.75)  # (0.92 - 0.86) / 0.08
    assert absent.margin == pytest.approx(0.0625)
    assert present.rarest_missing == 0.0
    assert absent.rarest_missing == 1.0  # « timbre », « fiscal »: in no passage of f2
    assert domain_probability(absent) < domain_probability(present)


def test_domain_signals_are_measured_against_the_index() -> None:
    texts = [
        "Le contrat de location avec option d'achat d'un véhicule prend fin.",
        "La carte grise doit être changée après un déménagement.",
        "Le permis de conduire se demande en ligne.",
    ]
    lexical = LexicalIndex(texts)
    retrieval = RetrievalResult([_passage(texts[0])], dense_top=0.92, lexical_top=9.0)
    signals = domain_signals(
        "Que faire à la fin du contrat de location du véhicule ?", retrieval, lexical
    )
    assert signals.dense == pytest.approx(1.5)  # (0.92 - 0.80) / 0.08, not clipped to 1
    assert signals.lexical == pytest.approx(1.5)  # 9 / 6
    assert signals.retrieval == 1.0  # retrieval's own confidence stays clipped
    assert signals.coverage == 1.0  # every content word is in the best passage
    assert not signals.named and not signals.sector

    elsewhere = domain_signals(
        "Comment obtenir un permis de pêche en eau douce ?",
        RetrievalResult([_passage(texts[2])], dense_top=0.85, lexical_top=2.0),
        lexical,
    )
    assert elsewhere.unknown  # « pêche », « douce »: words the index has never seen
    assert elsewhere.coverage < 0.5
    assert domain_probability(elsewhere) < 0.5 < domain_probability(signals)


def test_a_rare_proper_name_of_the_best_document_names_the_collection() -> None:
    """« la Doua » is held by one passage, of the best document: as telling as a
    programme's name. A capital that starts the question, a name many passages hold or
    one the best document lacks is not."""
    texts = [
        "Le projet a été lancé sur le campus de la Doua, à Villeurbanne.",
        "Villeurbanne accueille un autre campus.",
        "Villeurbanne a ouvert une formation.",
        "Villeurbanne est proche de Lyon.",
        "Le Gifod porte un projet à Dijon.",
    ]
    lexical = LexicalIndex(texts)
    top = RetrievalResult([_passage(texts[0], "remed")], dense_top=0.8, lexical_top=3.0)
    other = RetrievalResult([_passage(texts[4], "deffinum")], dense_top=0.8, lexical_top=3.0)
    assert names_rare_word("Combien coûte le projet de la Doua ?", top, lexical)
    # Held by the collection, but not by the best document.
    assert not names_rare_word("Combien coûte le projet de la Doua ?", other, lexical)
    # « Villeurbanne » is in four passages: a place many documents share.
    assert not names_rare_word("Quel projet à Villeurbanne ?", top, lexical)
    # A capital that only starts the question is no name.
    assert not names_rare_word("Doua et Villeurbanne, quel projet ?", top, lexical)
    assert not names_rare_word("Combien coûte ce projet ?", top, lexical)
