"""The LCEL pipeline: condense -> analyse -> retrieve -> answer -> verify."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant import Answer, Citation, Filters
from assistant.answering import Components, QuestionInfo, RuleCondenser, compose, ungrounded

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.retrieval import RetrievalResult


def citation(chunk_text: str, *, title: str = "Doc", source_name: str = "") -> Citation:
    return Citation(
        n=1,
        doc_id="doc",
        title=title,
        url=None,
        quote=chunk_text,
        chunk_id="doc-0",
        start=0,
        end=len(chunk_text),
        chunk_text=chunk_text,
        source_name=source_name,
    )


def test_ungrounded_lists_numbers_missing_from_the_cited_sources() -> None:
    answer = Answer("Le budget est de 30 M€ [1].", True, [citation("Le budget est de 25 M€.")])
    assert ungrounded(answer) == ["30"]


def test_numbers_of_the_title_or_short_name_are_grounded() -> None:
    answer = Answer(
        "3NC forme 38 partenaires [1].",
        True,
        [citation("Le consortium réunit 38 partenaires.", source_name="3NC")],
    )
    assert ungrounded(answer) == []


def test_counts_made_by_the_assistant_are_not_ungrounded() -> None:
    answer = Answer("J'ai trouvé 6 programmes [1].", True, [citation("Texte.")])
    assert ungrounded(answer) == ["6"]
    answer.derived_numbers = ["6"]
    assert ungrounded(answer) == []


class RecordingAnswerer:
    """An answerer that keeps what the chain gives it (swapped in through the Protocol)."""

    def __init__(self) -> None:
        self.calls: list[tuple[QuestionInfo, RetrievalResult, Filters]] = []

    def answer(self, info: QuestionInfo, retrieval: RetrievalResult, filters: Filters) -> Answer:
        self.calls.append((info, retrieval, filters))
        return Answer("ok", True)


@pytest.mark.slow
def test_each_step_feeds_the_next_and_the_answerer_is_swappable(
    indexed_assistant: Assistant,
) -> None:
    answerer = RecordingAnswerer()
    chain = compose(
        Components(
            catalog=indexed_assistant.catalog,
            retriever=indexed_assistant.retriever,
            condenser=RuleCondenser(indexed_assistant.catalog),
            answerer=answerer,
        )
    )
    filters = Filters(regions=("Auvergne-Rhône-Alpes",))
    history = [{"role": "user", "content": "Quel est le budget d'Electro'Mob ?"}]
    answer = chain.invoke(
        {"question": "Et pour FPI AURA ?", "history": history, "filters": filters}
    )
    ((info, retrieval, seen_filters),) = answerer.calls
    assert info.text == "Quel est le budget de FPI AURA ?"
    assert info.programmes == ["fpi-aura"] and info.slot == "budget"
    assert seen_filters == filters
    assert retrieval.passages[0].doc_id == "fpi-aura"
    assert answer.standalone_question == "Quel est le budget de FPI AURA ?"
    assert answer.passages == retrieval.passages


@pytest.mark.slow
def test_the_default_chain_answers_and_verifies(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.chain.invoke(
        {"question": "Quel est le budget d'Electro'Mob ?", "history": [], "filters": Filters()}
    )
    assert answer.answerable and "25 M€" in answer.text
    assert ungrounded(answer) == []
    assert answer.backend == "extractive"
