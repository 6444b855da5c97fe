"""Process-wide resources of the chat page and the glue to the `Assistant` facade.

The assistant (embedding model, index, catalogue, chain), the feedback store and the
question log are ``st.cache_resource`` singletons: loaded once per server process, shared by
every session. Tests replace :func:`get_assistant` / :func:`get_feedback_store` /
:func:`get_question_log` with monkeypatch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant import Answer, AssistantError, Filters
from assistant.feedback import (
    FeedbackStore,
    LoggedQuestion,
    QuestionLog,
    default_store,
    question_log_from,
)
from ui import preload

if TYPE_CHECKING:
    from assistant import Assistant

log = logging.getLogger("assistant.ui")


@dataclass(frozen=True)
class CorpusInfo:
    """What the sidebar needs from the catalogue."""

    regions: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    programmes: dict[str, str] = field(default_factory=dict)  # id -> label
    updated: str | None = None  # most recent « à jour au » date of the corpus
    count: int = 0
    index_version: int = 0  # the index answered from (0: built before versions existed)
    index_updated: str | None = None  # when `assistant index` wrote it (ISO 8601, UTC)


def configure_logging() -> None:
    """Send the assistant's English log lines to the server's stderr (once per process)."""
    root = logging.getLogger("assistant")
    if root.handlers:
        return
    from assistant import get_settings

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    try:
        root.setLevel(get_settings().log_level.upper())
    except (ValueError, AssistantError):
        root.setLevel(logging.INFO)


@st.cache_resource(show_spinner="Chargement de l'assistant (modèle et index)…")
def _load_assistant() -> Assistant:
    from assistant import Assistant

    configure_logging()
    preloaded = preload.result()  # set when started through `python -m ui.serve`
    if preloaded is not None:
        return preloaded
    started = time.perf_counter()
    assistant = Assistant.from_settings()
    assistant.warm_up()  # loads the model, the index and the chain, answers once
    log.info("assistant loaded and warmed up in %.1f s", time.perf_counter() - started)
    return assistant


@st.cache_resource(show_spinner=False)
def _load_feedback_store() -> FeedbackStore:
    return default_store()


@st.cache_resource(show_spinner=False)
def _load_question_log() -> QuestionLog:
    from assistant import get_settings

    question_log = question_log_from(get_settings())
    question_log.start()  # its writer thread purges expired rows first
    return question_log


def get_assistant() -> Assistant:
    """The process-wide assistant, loaded and warmed up on first use."""
    return _load_assistant()


def get_feedback_store() -> FeedbackStore:
    """The process-wide feedback store (``ASSISTANT_DATABASE_URL`` or
    ``<data_dir>/feedback.sqlite3``)."""
    return _load_feedback_store()


def get_question_log() -> QuestionLog:
    """The process-wide question log (same database as the feedback)."""
    return _load_question_log()


def log_answer(
    assistant: Any, answer: Answer, question: str, filters: Filters, seconds: float
) -> None:
    """Queue the question-log line of a chat answer (site ``chat``); never raises."""
    try:
        get_question_log().record(
            LoggedQuestion.of(
                answer,
                question,
                site="chat",
                filters=filters,
                latency_ms=seconds * 1000,
                index_version=getattr(assistant, "index_version", None),
            )
        )
    except Exception:
        log.exception("question log line not queued")


def corpus_info(assistant: Any) -> CorpusInfo:
    """Filter options, corpus date and index version, from the assistant's catalogue.

    The page calls it on every run, so after a re-index (picked up in the background by
    the assistant) the sidebar shows the new programmes and version."""
    status = assistant.index_status() if hasattr(assistant, "index_status") else {}
    records = list(assistant.programmes(Filters()))
    catalog = getattr(assistant, "catalog", None)
    if catalog is not None and hasattr(catalog, "regions"):
        regions, sectors = list(catalog.regions()), list(catalog.sectors())
    else:
        regions = sorted({r for rec in records for r in rec.regions})
        sectors = sorted({s for rec in records for s in rec.sectors})
    programmes = {
        rec.id: rec.short_name or rec.title
        for rec in sorted(records, key=lambda r: (r.short_name or r.title).casefold())
    }
    dates = [rec.updated for rec in records if rec.updated]
    return CorpusInfo(
        regions=regions,
        sectors=sectors,
        programmes=programmes,
        updated=max(dates) if dates else None,
        count=len(records),
        index_version=int(status.get("index_version") or 0),
        index_updated=status.get("index_updated"),
    )


def build_history(messages: Sequence[Mapping[str, Any]], max_turns: int) -> list[dict[str, str]]:
    """Previous question/answer pairs as ``{"role", "content"}`` turns (errors left out)."""
    turns: list[dict[str, str]] = []
    pending_question: str | None = None
    for message in messages:
        if message["role"] == "user":
            pending_question = message["content"]
        elif message.get("answer") is not None and pending_question is not None:
            turns.append({"role": "user", "content": pending_question})
            turns.append({"role": "assistant", "content": message["answer"].text})
            pending_question = None
    return turns[-2 * max_turns :] if max_turns > 0 else []


def text_pieces(
    stream: Iterator[str | Answer],
    sink: dict[str, Answer],
    *,
    min_chars: int = 48,
    max_wait_s: float = 0.05,
) -> Iterator[str]:
    """Yield the text pieces of ``Assistant.stream`` and keep its final Answer in ``sink``.

    Pieces are grouped (``min_chars`` or ``max_wait_s``, whichever comes first) so that a
    word-by-word stream does not cost one browser update per word. They are raw answer
    text: the page shows them through :func:`ui.render.answer_html`, which escapes them.
    """
    buffer: list[str] = []
    size, since = 0, time.perf_counter()
    for item in stream:
        if isinstance(item, Answer):
            sink["answer"] = item
            continue
        piece = str(item)
        buffer.append(piece)
        size += len(piece)
        if size >= min_chars or time.perf_counter() - since >= max_wait_s:
            yield "".join(buffer)
            buffer, size, since = [], 0, time.perf_counter()
    if buffer:
        yield "".join(buffer)
