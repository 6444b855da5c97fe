"""Answerability: what a question asks, whether a sentence holds it, and what users read."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.answer import Passage
from assistant.answering.answerability import (
    DomainSignals,
    content_tokens,
    domain_probability,
    domain_signals,
    focus_of,
    holds,
)
from assistant.index.lexical import LexicalIndex
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.retrieval.base import RetrievalResult


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Combien gagne un technicien formé par REMED ?", "salaire"),
        (
            "Quelles sont les dates d'inscription aux formations d'Electro'Mob ?",
            "dates_inscription",
        ),
        ("Combien de temps dure une formation du programme OSMOSE ?", "duree_formation"),
        ("La formation GENHYO est-elle gratuite ?", "cout_apprenant"),
        ("Quel est le numéro de téléphone de TalCyb ?", "contact"),
        ("Un jeune de 16 ans peut-il entrer dans une formation de 3NC ?", "age_minimum"),
        (
            "Combien de stagiaires d'EN2R trouvent un emploi après leur formation ?",
            "taux_insertion",
        ),
        ("Les apprenants de FORTEIM peuvent-ils être logés sur place ?", "hebergement"),
    ],
)
def test_the_focus_of_a_question(question: str, key: str) -> None:
    focus = focus_of(question)
    assert focus is not None and focus.key == key


@pytest.mark.parametrize(
    "question",
    [
        "Quel est le budget d'Electro'Mob ?",
        "Qui porte le projet REMED ?",
        "Quelles formations aux batteries en Hauts-de-France ?",
    ],
)
def test_figures_and_lists_have_no_attribute_focus(question: str) -> None:
    assert focus_of(question) is None


def test_a_project_horizon_is_not_a_course_length() -> None:
    focus = focus_of("Combien de temps dure une formation de REMED ?")
    assert focus is not None
    assert not holds(focus, "REMED est un projet de formation sur 5 ans.")
    assert holds(focus, "Le module de santé numérique dure 165 heures.")


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


# --- what users read (real index, real model) -------------------------------------------


@pytest.mark.slow
def test_a_missing_attribute_is_named_with_the_programme(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quel salaire peut espérer une personne formée par REMED ?")
    assert not answer.answerable
    assert "La fiche « REMED » ne précise pas le salaire" in answer.text
    assert "univ-lyon1.fr" in answer.text  # where to ask: the programme's own page
    assert answer.confidence < 0.5


@pytest.mark.slow
def test_a_course_length_refusal_shows_what_the_document_does_say(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Combien de temps dure une formation du projet REMED ?")
    assert not answer.answerable
    assert "ne précise pas la durée des formations" in answer.text


@pytest.mark.slow
def test_an_off_topic_question_is_refused(indexed_assistant: Assistant) -> None:
    for question in (
        "Comment recharger la batterie de mon téléphone ?",
        "Quel est le budget de la France pour 2025 ?",
        "Comment choisir le sujet de ma thèse de médecine ?",
    ):
        answer = indexed_assistant.ask(question)
        assert not answer.answerable, (question, answer.text)
        assert answer.confidence < 0.5


@pytest.mark.slow
def test_a_false_premise_is_corrected_with_a_citation(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Le programme REMED forme-t-il des jeunes en Bretagne ?")
    assert not answer.answerable
    assert "REMED est mené en Auvergne-Rhône-Alpes, pas en Bretagne" in answer.text
    assert answer.citations and answer.citations[0].doc_id == "remed"


@pytest.mark.slow
def test_a_programme_outside_the_sites_region_is_said_so(indexed_assistant: Assistant) -> None:
    # A regional site pins the widget to its region; a question about a programme of
    # another region is told where it runs, not « not found ».
    from assistant import Filters

    answer = indexed_assistant.ask(
        "Quelle est la date limite d'inscription à REMED ?",
        filters=Filters(regions=("Hauts-de-France",)),
    )
    assert not answer.answerable
    assert "REMED est mené en Auvergne-Rhône-Alpes, pas dans les Hauts-de-France" in answer.text
    assert answer.citations == []  # the site's filters bind citations too
    national = indexed_assistant.ask(
        "Qui porte Électro'Mob ?", filters=Filters(regions=("Hauts-de-France",))
    )
    assert "pas en" not in national.text


@pytest.mark.slow
def test_a_city_lists_every_programme_of_its_region(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quelles formations aux batteries près de Lille ?")
    assert answer.answerable
    assert "Hauts-de-France" in answer.text
    assert "Electro'Mob" in answer.text


@pytest.mark.slow
def test_usual_superlatives_are_rankings(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quels sont les projets de l'AMI CMA les mieux financés ?")
    assert answer.answerable and answer.table
    assert answer.text.startswith("Parmi les programmes comparés, 3NC")


@pytest.mark.slow
def test_answers_and_confidence_agree(indexed_assistant: Assistant) -> None:
    for question in (
        "Quel est le budget d'Electro'Mob ?",
        "Quelle est la recette de la tarte Tatin ?",
    ):
        answer = indexed_assistant.ask(question)
        assert answer.answerable == (answer.confidence >= 0.5), question


@pytest.mark.slow
def test_a_value_the_document_says_belongs_elsewhere_is_no_answer(
    indexed_assistant: Assistant,
) -> None:
    # The Electro'Mob page mentions a 400-hour course « à ne pas confondre » with Electro'Mob.
    answer = indexed_assistant.ask("Combien de temps durent les formations Electro'Mob ?")
    assert not answer.answerable
    assert "ne précise pas la durée des formations" in answer.text
    assert "À ne pas confondre" in answer.text  # what the document does say, cited
