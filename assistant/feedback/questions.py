"""The question log: one scrubbed line per answer given, written off the request path.

:meth:`QuestionLog.record` only puts the line in a bounded queue; one writer thread per
process inserts lines in batches. If the database is down, a batch is retried a few times
then counted as dropped: the answer is never delayed or refused because of the log. The
counts (written, dropped, pending) are shown by ``/v1/health``. The writer also runs the
retention purge when it starts and once a day.

What a line holds (and nothing else: no IP, no cookie, no user id, no user agent): the
answer id, the time (UTC, to the second), the question scrubbed, the site (the Origin host,
``chat`` or ``api``), the filters, whether it was answered, the refusal kind, the cited
document ids, the latency and the index version.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from assistant.answer import NOT_FOUND, Answer, Filters
from assistant.config import Settings
from assistant.errors import FeedbackError
from assistant.feedback.database import database_url, open_engine, safe_url
from assistant.feedback.retention import purge
from assistant.feedback.schema import questions
from assistant.feedback.scrubbing import scrub
from assistant.feedback.store import now_utc

log = logging.getLogger(__name__)

#: Seconds between two retention purges of a running writer.
PURGE_EVERY_S = 24 * 3600
#: Lines inserted per transaction, at most.
BATCH = 100
#: Attempts to write a batch before it is counted as dropped, and the wait between them.
ATTEMPTS = 3
RETRY_WAIT_S = 0.5

# What a refusal says (assistant/answering/focused.py writes every refusal).
_MISSING = re.compile(r"ne précisen?t? pas\b")
_PREMISE = re.compile(r"^[^\n]+ est mené [^\n]+, pas [^\n]+\.")


def refusal_kind(answer: Answer) -> str | None:
    """Which refusal ``answer`` is, from what it says (None for an answer).

    ``missing_attribute`` (« La fiche X ne précise pas … »), ``false_premise`` (« X est mené
    en …, pas en … »), ``not_found`` (no document: off the domain, or a missing one),
    ``other`` (any other refusal).
    """
    if answer.answerable:
        return None
    text = answer.text
    if _PREMISE.search(text):
        return "false_premise"
    if _MISSING.search(text):
        return "missing_attribute"
    if text.startswith(NOT_FOUND):
        return "not_found"
    return "other"


@dataclass(frozen=True)
class LoggedQuestion:
    """One line of the question log (the question already scrubbed)."""

    answer_id: str
    asked_at: datetime
    question: str
    site: str
    filters: dict[str, list[str]]
    answerable: bool
    refusal: str | None
    cited_ids: list[str]
    latency_ms: int
    index_version: str | None = None

    @classmethod
    def of(
        cls,
        answer: Answer,
        question: str,
        *,
        site: str,
        filters: Filters | None = None,
        latency_ms: float = 0.0,
        index_version: object = None,
    ) -> LoggedQuestion:
        """The line for ``answer`` to ``question`` (scrubbed here)."""
        return cls(
            answer_id=answer.answer_id,
            asked_at=now_utc(),
            question=scrub(question),
            site=(site or "api")[:255],
            filters=filters.to_dict() if filters is not None else Filters().to_dict(),
            answerable=bool(answer.answerable),
            refusal=refusal_kind(answer),
            cited_ids=list(dict.fromkeys(c.doc_id for c in answer.citations)),
            latency_ms=max(0, round(latency_ms)),
            index_version=str(index_version)[:64] if index_version is not None else None,
        )


@dataclass
class LogCounts:
    """What the writer did since the process started."""

    written: int = 0
    dropped: int = 0
    purged: int = 0


class QuestionLog:
    """A bounded queue of :class:`LoggedQuestion` and the thread that writes it."""

    def __init__(
        self, url: str, *, retention_days: int = 90, max_pending: int = 1000, enabled: bool = True
    ) -> None:
        self.url = url
        self.retention_days = retention_days
        self.enabled = enabled
        self._queue: queue.Queue[LoggedQuestion | None] = queue.Queue(maxsize=max_pending)
        self._counts = LogCounts()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._last_purge = 0.0

    # --- the request side: never blocks ---------------------------------------------------

    def record(self, line: LoggedQuestion) -> bool:
        """Queue ``line`` for writing; False (and counted as dropped) when the queue is full."""
        if not self.enabled:
            return False
        self.start()
        try:
            self._queue.put_nowait(line)
            return True
        except queue.Full:
            with self._lock:
                self._counts.dropped += 1
            log.warning("question log full: one line dropped")
            return False

    def counts(self) -> dict[str, int]:
        """Lines ``written``, ``dropped``, ``pending``; rows ``purged`` (for ``/v1/health``)."""
        with self._lock:
            return {
                "written": self._counts.written,
                "dropped": self._counts.dropped,
                "pending": self._queue.unfinished_tasks,
                "purged": self._counts.purged,
            }

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued line is written or dropped; False on timeout."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, then stop the writer thread."""
        thread = self._thread
        if thread is None:
            return
        self.flush(timeout)
        try:
            self._queue.put(None, timeout=timeout)
        except queue.Full:
            return
        thread.join(timeout)
        self._thread = None

    # --- the writer thread -----------------------------------------------------------------

    def start(self) -> None:
        """Start the writer (idempotent): it purges old rows first, then writes lines."""
        if self._thread is not None or not self.enabled:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="question-log-writer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        self._maybe_purge()
        while True:
            try:
                first = self._queue.get(timeout=60.0)
            except queue.Empty:
                self._maybe_purge()
                continue
            batch = [first]
            while first is not None and len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            lines = [line for line in batch if line is not None]
            if lines:
                self._write(lines)
            for _ in batch:
                self._queue.task_done()
            if any(line is None for line in batch):
                return
            self._maybe_purge()

    def _write(self, lines: list[LoggedQuestion]) -> None:
        rows = [asdict(line) for line in lines]
        error = ""
        for attempt in range(ATTEMPTS):
            try:
                engine = open_engine(self.url)
                with engine.begin() as conn:
                    conn.execute(questions.insert(), rows)
                with self._lock:
                    self._counts.written += len(rows)
                return
            except (FeedbackError, SQLAlchemyError) as exc:
                error = str(exc).splitlines()[0][:300]
                if attempt + 1 < ATTEMPTS:
                    time.sleep(RETRY_WAIT_S * (attempt + 1))
        with self._lock:
            self._counts.dropped += len(rows)
        log.error(
            "question log: %d lines dropped, database %s unavailable: %s",
            len(rows),
            safe_url(self.url),
            error,
        )

    def _maybe_purge(self) -> None:
        if time.monotonic() - self._last_purge < PURGE_EVERY_S and self._last_purge:
            return
        try:
            report = purge(open_engine(self.url), self.retention_days)
        except (FeedbackError, SQLAlchemyError) as exc:
            log.error("retention purge failed: %s", str(exc).splitlines()[0][:300])
            return
        self._last_purge = time.monotonic()
        with self._lock:
            self._counts.purged += report.questions + report.feedback


def question_log_from(settings: Settings) -> QuestionLog:
    """The question log of ``settings`` (URL, retention, queue size, on/off)."""
    return QuestionLog(
        database_url(settings),
        retention_days=settings.retention_days,
        max_pending=settings.question_log_queue,
        enabled=settings.question_log,
    )
