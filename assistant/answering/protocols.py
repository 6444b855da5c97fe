"""The swappable steps of the answering chain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from assistant.answer import Answer, Filters
    from assistant.answering.question import QuestionInfo
    from assistant.retrieval.base import RetrievalResult


class Condenser(Protocol):
    """Turns a follow-up and its history into a standalone question."""

    def condense(self, question: str, history: Sequence[dict[str, str]]) -> str: ...


class Answerer(Protocol):
    """Answers an analysed question from what retrieval found."""

    def answer(
        self, info: QuestionInfo, retrieval: RetrievalResult, filters: Filters
    ) -> Answer: ...


class SentenceVectors(Protocol):
    """Sentence vectors stored at indexing time (:mod:`assistant.index.sentence_vectors`)."""

    def vectors(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each text, ``None`` where there is none."""
        ...
