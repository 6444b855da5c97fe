"""The answering pipeline as a LangChain runnable (LCEL).

    {"question", "history", "filters"}
      -> spell out (texting abbreviations, left-out apostrophes)
      -> condense  (standalone question from the history)
      -> analyse   (programmes, places, sectors, intent)
      -> retrieve  (hybrid dense + BM25, filtered, diversified)
      -> assess    (answerability: the question's focus; is it about this collection?)
      -> answer    (extractive by default; a language model plugs in here)
      -> verify    (every number of the answer must be in a cited source)

Each step is a small component behind a Protocol and can be swapped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer import Answer
from assistant.answering.answerability import DomainSignals, domain_probability, domain_signals
from assistant.answering.protocols import Answerer, Condenser, SentenceVectors
from assistant.answering.question import QuestionInfo, analyse
from assistant.answering.verification import ungrounded
from assistant.text.informal import spell_out

if TYPE_CHECKING:
    from assistant.catalog import Catalog
    from assistant.config import Settings
    from assistant.embeddings.base import Embedder
    from assistant.index.lexical import LexicalIndex
    from assistant.retrieval.base import RetrievalResult, Retriever
    from assistant.retrieval.hybrid import HybridRetriever

log = logging.getLogger(__name__)


@dataclass
class Components:
    """The swappable steps of the chain."""

    catalog: Catalog
    retriever: Retriever
    condenser: Condenser
    answerer: Answerer
    #: Word statistics of the collection, for the answerability step (None: no domain check).
    lexical: LexicalIndex | None = None


def question_signals(
    info: QuestionInfo, retrieval: RetrievalResult, lexical: LexicalIndex, catalog: Catalog
) -> DomainSignals:
    """:func:`domain_signals` of an analysed question: the names, places and sectors it
    shares with this collection's catalogue are left out of its content words; a programme,
    a region of the catalogue, a round of its call (« la 3e vague ») or a proper name few
    of its passages hold (« la Doua ») counts as naming the collection, a sector alone as a
    weaker hint (everyday questions share sectors: « voiture électrique », « hydrogène »)."""
    names = catalog.names_of([*info.programmes, *info.generic])
    own_regions = set(catalog.regions()) & set(info.regions)
    return domain_signals(
        info.text,
        retrieval,
        lexical,
        names=[*names, *info.regions, *catalog.cities_in(info.text)],
        named=bool(info.programmes or info.generic or own_regions or info.rounds),
        sector=bool(info.sectors),
    )


def _verify(answer: Answer) -> Answer:
    missing = ungrounded(answer)
    if missing:
        log.warning("answer holds numbers absent from its sources: %s", missing)
    if answer.answerable != (answer.confidence >= 0.5):
        # One score decides: an answer below 0.5 (or a refusal above it) is a bug upstream.
        log.warning(
            "confidence %.2f disagrees with answerable=%s", answer.confidence, answer.answerable
        )
        answer.confidence = (
            max(answer.confidence, 0.5) if answer.answerable else min(answer.confidence, 0.49)
        )
    return answer


def _assign(
    key: str, step: Callable[[dict[str, Any]], Any], *, name: str
) -> Runnable[dict[str, Any], dict[str, Any]]:
    """A step that adds ``key`` to the running dict, in the caller's thread.

    ``RunnablePassthrough.assign`` does the same through a ``RunnableParallel``, which
    starts a thread pool for every call: one question paid for six pools (several ms under
    load) for steps that never run side by side.
    """

    def run(x: dict[str, Any]) -> dict[str, Any]:
        return {**x, key: step(x)}

    return RunnableLambda(run, name=name)


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

    def assess(x: dict[str, Any]) -> QuestionInfo:
        info: QuestionInfo = x["info"]
        if components.lexical is not None:
            info.domain = question_signals(
                info, x["retrieval"], components.lexical, components.catalog
            )
            info.domain_probability = domain_probability(info.domain)
        return info

    def answer(x: dict[str, Any]) -> Answer:
        result = components.answerer.answer(x["info"], x["retrieval"], x["filters"])
        result.passages = x["retrieval"].passages
        result.standalone_question = x["standalone"]
        return result

    return (
        _assign("question", lambda x: spell_out(x["question"]), name="spell_out")
        | _assign("standalone", condense, name="condense")
        | _assign("info", lambda x: analyse(x["standalone"], components.catalog), name="analyse")
        | _assign("retrieval", retrieve, name="retrieve")
        | _assign("info", assess, name="assess")
        | RunnableLambda(answer, name="answer")
        | RunnableLambda(_verify, name="verify")
    )


def build_chain(
    settings: Settings,
    *,
    catalog: Catalog,
    retriever: HybridRetriever,
    embedder: Embedder | None = None,
    sentence_vectors: SentenceVectors | None = None,
    llm: str = "extractive",
) -> Runnable[dict[str, Any], Answer]:
    """The default chain: extractive answers, or a language model's answers (``llm`` is
    a backend of :mod:`assistant.answering.llm`) with the extractive pieces as fallback.

    ``sentence_vectors`` are the ones stored at indexing (sentences the answerer re-ranks
    are otherwise embedded at question time with ``embedder``)."""
    from assistant.answering.condense import RuleCondenser
    from assistant.answering.extractive import ExtractiveAnswerer

    condenser: Condenser = RuleCondenser(catalog, knows=retriever.lexical.knows)
    answerer: Answerer = ExtractiveAnswerer(
        retriever, catalog, embedder=embedder, sentence_vectors=sentence_vectors
    )
    if llm != "extractive":
        from assistant.answering.generative import GenerativeAnswerer, LLMCondenser
        from assistant.answering.llm import make_chat_model, max_passages_for

        answerer = GenerativeAnswerer(
            make_chat_model(settings, llm),
            answerer,
            backend=llm,
            timeout_s=settings.llm_timeout_s,
            max_passages=max_passages_for(settings, llm),
            passage_chars=settings.llm_passage_chars,
        )
        if settings.llm_condense:
            condenser = LLMCondenser(
                make_chat_model(settings, llm, max_tokens=48),
                condenser,
                catalog,
                timeout_s=settings.llm_timeout_s,
            )
    return compose(
        Components(
            catalog=catalog,
            retriever=retriever,
            condenser=condenser,
            answerer=answerer,
            lexical=retriever.lexical,
        )
    )
