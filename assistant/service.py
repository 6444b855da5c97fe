"""The `Assistant` facade used by the CLI, the HTTP API and the Streamlit chat.

It owns the settings and the embedder (loaded once, lazily) and the live index: the
store, catalogue, retriever and chain of the current index version, one immutable
:class:`~assistant.live.Snapshot` that a background watcher replaces when `assistant
index` writes a new version (``index_watch_interval_s``). Each question is answered from
the snapshot current when it starts. It validates questions and turns every failure into
a French message. :meth:`Assistant.close` stops the watcher.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Filters
from assistant.config import Settings, get_settings
from assistant.errors import QuestionError
from assistant.live import AnswerCache, CacheKey, LiveIndex, Snapshot, load_snapshot
from assistant.pump import pump

if TYPE_CHECKING:
    from assistant.catalog import Catalog, ProgrammeRecord
    from assistant.embeddings.base import Embedder
    from assistant.index.sentence_vectors import SentenceVectorStore
    from assistant.index.store import ChunkStore
    from assistant.retrieval.hybrid import HybridRetriever

log = logging.getLogger(__name__)

#: A conversation turn as sent by clients: {"role": "user"|"assistant", "content": str}.
Turn = dict[str, str]

# Control characters, and lone UTF-16 surrogates (valid in JSON "\\ud800" escapes, but not
# encodable: the tokenizer raises TypeError on them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class Assistant:
    """Answers French questions about the indexed programmes, with citations."""

    def __init__(
        self, settings: Settings, *, collection: str | None = None, llm: str | None = None
    ) -> None:
        self.settings = settings
        self.collection = collection or settings.collection
        self.llm = llm or settings.llm
        self._lock = threading.Lock()
        # A replaced snapshot is closed once the questions holding it are done: a
        # generative answer may wait for the condenser and the answerer (two timeouts).
        self._live = LiveIndex(
            self._load_snapshot,
            interval_s=settings.index_watch_interval_s,
            grace_s=60.0 + 2 * settings.llm_timeout_s,
        )
        self.cache = AnswerCache(settings.answer_cache_size) if settings.answer_cache_size else None

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        collection: str | None = None,
        llm: str | None = None,
    ) -> Assistant:
        """Build an assistant from the process settings (nothing is loaded yet)."""
        return cls(settings or get_settings(), collection=collection, llm=llm)

    # --- components, loaded once --------------------------------------------------------

    @cached_property
    def embedder(self) -> Embedder:
        from assistant.embeddings.loading import load_embedder

        return load_embedder(self.settings)

    def _load_snapshot(self) -> Snapshot:
        with self._lock:
            embedder = self.embedder  # loaded once, shared by every snapshot
        return load_snapshot(self.settings, embedder, collection=self.collection, llm=self.llm)

    def snapshot(self) -> Snapshot:
        """The current index snapshot: take it once per question (loaded on first use)."""
        return self._live.current()

    @property
    def index_version(self) -> int:
        """The version of the index answered from now (for the question log)."""
        return int(self.snapshot().version.number)

    def check_index(self) -> bool:
        """Look for a new index version now and switch to it; True when switched."""
        self.snapshot()
        return self._live.check()

    def close(self) -> None:
        """Stop the index watcher and release the index (the next use loads it again)."""
        self._live.close()

    def index_status(self) -> dict[str, Any]:
        """The index version answered from, when it was written and when it was loaded."""
        return self.snapshot().describe()

    # The components of the current snapshot (each access may see a newer one: code that
    # uses several together takes ``snapshot()`` once instead).

    @property
    def store(self) -> ChunkStore:
        return self.snapshot().store

    @property
    def sentence_vectors(self) -> SentenceVectorStore:
        """The sentence vectors stored with the chunks (read by the extractive answerer)."""
        return self.snapshot().sentence_vectors

    @property
    def retriever(self) -> HybridRetriever:
        return self.snapshot().retriever

    @property
    def catalog(self) -> Catalog:
        return self.snapshot().catalog

    @property
    def chain(self) -> Any:
        return self.snapshot().chain

    def warm_up(self) -> None:
        """Load every component now (the first answer is then fast)."""
        self.snapshot()
        self.ask("Quel est le budget d'Electro'Mob ?")

    # --- questions ----------------------------------------------------------------------

    def validate(self, question: str, history: Sequence[Turn] = ()) -> str:
        """Return the cleaned question or raise :class:`QuestionError` (French message)."""
        if not isinstance(question, str):
            raise QuestionError("question is not a string")
        cleaned = _CONTROL.sub(" ", question).strip()
        if not cleaned:
            raise QuestionError("empty question", user_message="Merci de saisir une question.")
        limit = self.settings.max_question_chars
        if len(cleaned) > limit:
            raise QuestionError(
                f"question too long ({len(cleaned)} > {limit} characters)",
                user_message=(
                    f"Votre question est trop longue ({len(cleaned)} caractères) : "
                    f"{limit} caractères au maximum."
                ),
            )
        if not re.search(r"\w", cleaned):
            raise QuestionError(
                "question without any word",
                user_message="Je n'ai pas reconnu de mots dans votre question : pouvez-vous la reformuler ?",
            )
        if len(history) > 2 * self.settings.max_history_turns:
            raise QuestionError(
                "history too long",
                user_message="La conversation est trop longue : merci d'en commencer une nouvelle.",
            )
        return cleaned

    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: Filters | None = None,
    ) -> Answer:
        """Answer one question (with the previous turns, if any)."""
        cleaned = self.validate(question, history)
        history = [_clean_turn(turn) for turn in history]
        filters = filters if filters is not None else Filters()
        started = time.perf_counter()
        snapshot = self.snapshot()  # one index version for the whole answer
        key = CacheKey.of(snapshot.version, cleaned, history, filters)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            log.info("answered from the cache (index version %d)", snapshot.version.number)
            return cached
        answer: Answer = snapshot.chain.invoke(
            {"question": cleaned, "history": list(history), "filters": filters}
        )
        if self.cache is not None:
            self.cache.put(key, answer)
        log.info(
            "answered in %.0f ms (answerable=%s, citations=%d, index version %d)",
            (time.perf_counter() - started) * 1000,
            answer.answerable,
            len(answer.citations),
            snapshot.version.number,
        )
        return answer

    def stream(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: Filters | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text in pieces, then the final :class:`Answer`.

        With a language model the pieces are its tokens as they come; the final Answer is
        the verified one, whose text replaces the pieces (it differs from them when the
        generated answer was replaced by the extractive one: see ``Answer.notice``).
        """
        if self.llm == "extractive":
            answer = self.ask(question, history=history, filters=filters)
            yield from _words(answer.text)
            yield answer
            return
        self.validate(question, history)  # a bad question fails here, not in the worker
        self.snapshot()  # models are loaded (and torch set up) in the caller's thread

        def produce(emit: Callable[[str | Answer], None]) -> None:
            from assistant.answering.generative import streaming_to

            with streaming_to(emit):
                emit(self.ask(question, history=history, filters=filters))

        streamed = False
        for item in pump(produce, name="assistant-stream"):  # the Answer comes last
            if not isinstance(item, Answer):
                streamed = True
            elif not streamed:  # no token came (extractive fallback or refusal)
                yield from _words(item.text)
            yield item

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One indexed document's text and metadata, looked up by id only (never a path).

        The text is rebuilt from the stored chunks (their offsets remove the overlaps), so
        nothing outside the index is ever read. ``None`` for an unknown id.
        """
        chunks = self.snapshot().retriever.chunks_of(doc_id)
        if not chunks:
            return None
        parts: list[str] = []
        end = 0
        for chunk in chunks:
            start = chunk.meta.start
            stop = chunk.meta.end or start + len(chunk.text)
            if start >= end or not parts:
                if parts:
                    parts.append("\n\n")
                parts.append(chunk.text)
            elif stop > end:
                parts.append(chunk.text[end - start :])
            end = max(end, stop)
        meta = chunks[0].meta
        return {
            "id": doc_id,
            "title": meta.doc_title,
            "url": meta.doc_url,
            "updated": meta.updated,
            "text": "".join(parts),
        }

    def programmes(self, filters: Filters | None = None) -> list[ProgrammeRecord]:
        """The structured records of the corpus, optionally filtered."""
        return self.catalog.filter(filters if filters is not None else Filters())


def _words(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text)


def _clean_turn(turn: Turn) -> Turn:
    """A history turn with control characters and lone surrogates replaced by spaces."""
    content = turn.get("content")
    if isinstance(content, str) and _CONTROL.search(content):
        return {**turn, "content": _CONTROL.sub(" ", content)}
    return turn
