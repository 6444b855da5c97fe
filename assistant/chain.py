"""The answering pipeline as a LangChain runnable (LCEL).

    {"question", "history", "filters"}
      -> condense  (standalone question from the history)
      -> analyse   (programmes, places, sectors, intent)
      -> retrieve  (hybrid dense + BM25, filtered, diversified)
      -> answer    (extractive by default; a language model plugs in here)
      -> verify    (every number of the answer must be in a cited source)

Each step is a small component behind a Protocol and can be swapped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.answer import Answer, Filters
from assistant.numbers import ungrounded_numbers
from assistant.question import QuestionInfo, analyse

if TYPE_CHECKING:
    from assistant.catalog import Catalog
    from assistant.retrieval import HybridRetriever, RetrievalResult
    from assistant.service import Assistant

log = logging.getLogger(__name__)


class Condenser(Protocol):
    def condense(self, question: str, history: Sequence[dict[str, str]]) -> str: ...


class Answerer(Protocol):
    def answer(
        self, info: QuestionInfo, retrieval: RetrievalResult, filters: Filters
    ) -> Answer: ...


@dataclass
class Components:
    """The swappable steps of the chain."""

    catalog: Catalog
    retriever: HybridRetriever
    condenser: Condenser
    answerer: Answerer


def ungrounded(answer: Answer) -> list[str]:
    """Numbers of the answer that no cited source holds (derived counts excepted)."""
    sources = [f"{c.chunk_text}\n{c.title}\n{c.source_name}" for c in answer.citations]
    return [n for n in ungrounded_numbers(answer.text, sources) if n not in answer.derived_numbers]


def _verify(answer: Answer) -> Answer:
    missing = ungrounded(answer)
    if missing:
        log.warning("answer holds numbers absent from its sources: %s", missing)
    return answer


def compose(components: Components) -> Runnable[dict[str, Any], Answer]:
    """Wire the components into one runnable."""

    def condense(x: dict[str, Any]) -> str:
        return components.condenser.condense(x["question"], x.get("history") or [])

    def retrieve(x: dict[str, Any]) -> RetrievalResult:
        info = x["info"]
        return components.retriever.retrieve(
            x["standalone"],
            filters=x["filters"],
            boost_docs=info.programmes,
            weak_boost_docs=components.catalog.generic_ids() if info.generic else (),
        )

    def answer(x: dict[str, Any]) -> Answer:
        result = components.answerer.answer(x["info"], x["retrieval"], x["filters"])
        result.passages = x["retrieval"].passages
        result.standalone_question = x["standalone"]
        return result

    return (
        RunnablePassthrough.assign(standalone=RunnableLambda(condense, name="condense"))
        | RunnablePassthrough.assign(
            info=RunnableLambda(
                lambda x: analyse(x["standalone"], components.catalog), name="analyse"
            )
        )
        | RunnablePassthrough.assign(retrieval=RunnableLambda(retrieve, name="retrieve"))
        | RunnableLambda(answer, name="answer")
        | RunnableLambda(_verify, name="verify")
    )


def build_chain(assistant: Assistant) -> Runnable[dict[str, Any], Answer]:
    """The chain of an :class:`~assistant.service.Assistant`: extractive answers, or a
    language model's answers (``assistant.llm``) with the extractive pieces as fallback."""
    from assistant.condense import RuleCondenser
    from assistant.extractive import ExtractiveAnswerer

    settings = assistant.settings
    condenser: Condenser = RuleCondenser(assistant.catalog)
    answerer: Answerer = ExtractiveAnswerer(
        assistant.retriever,
        assistant.catalog,
        refusal_threshold=settings.refusal_threshold,
        embedder=assistant.embedder,
    )
    if assistant.llm != "extractive":
        from assistant.generative import GenerativeAnswerer, LLMCondenser
        from assistant.llm import make_chat_model, max_passages_for

        model = make_chat_model(settings, assistant.llm)
        answerer = GenerativeAnswerer(
            model,
            answerer,
            backend=assistant.llm,
            timeout_s=settings.llm_timeout_s,
            max_passages=max_passages_for(settings, assistant.llm),
            passage_chars=settings.llm_passage_chars,
        )
        if settings.llm_condense:
            condenser = LLMCondenser(
                make_chat_model(settings, assistant.llm, max_tokens=48),
                condenser,
                assistant.catalog,
                timeout_s=settings.llm_timeout_s,
            )
    components = Components(
        catalog=assistant.catalog,
        retriever=assistant.retriever,
        condenser=condenser,
        answerer=answerer,
    )
    return compose(components)
