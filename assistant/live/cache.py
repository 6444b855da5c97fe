"""A bounded cache of answers, keyed by index version, question, history and filters.

Repeated questions (a site's suggested questions, the same question asked by many users)
are answered without running the chain again. The key holds the index version, so an
answer is never served from an index it was not computed from: after a re-index the old
entries are simply never hit again and age out. Questions are normalised for the key
(Unicode NFC, case, runs of spaces); so are the history turns. Answers that carry a
notice (a generated answer replaced by the extractive one after a timeout) are not kept:
the next asker may get the full answer. A hit is a copy with its own ``answer_id``, so
feedback still points at one answer shown to one user.

Written here rather than with ``functools.lru_cache``: entries are put after the fact,
under a key built from the request, and read by several threads; an ``OrderedDict``
under a lock does that in a few lines.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from uuid import uuid4

from assistant.answer import Answer, Filters
from assistant.index.version import IndexVersion

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form of a question used in cache keys (NFC, case-folded, single spaces)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


@dataclass(frozen=True)
class CacheKey:
    """What an answer depends on, besides the settings of the assistant itself."""

    version: IndexVersion
    question: str
    history: tuple[tuple[str, str], ...]
    filters: Filters

    @classmethod
    def of(
        cls,
        version: IndexVersion,
        question: str,
        history: Sequence[dict[str, str]],
        filters: Filters,
    ) -> CacheKey:
        turns = tuple(
            (str(turn.get("role", "")), normalise(str(turn.get("content", "")))) for turn in history
        )
        return cls(version, normalise(question), turns, filters)


class AnswerCache:
    """At most ``size`` answers, the least recently used dropped first (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[CacheKey, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> Answer | None:
        """A copy of the answer kept for ``key`` (with a new ``answer_id``), or None."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
        return replace(answer, answer_id=uuid4().hex)

    def put(self, key: CacheKey, answer: Answer) -> None:
        """Keep ``answer`` for ``key`` (not when it carries a notice: a degraded answer)."""
        if self.size <= 0 or answer.notice:
            return
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def __len__(self) -> int:
        return len(self._answers)
