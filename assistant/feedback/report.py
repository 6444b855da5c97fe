"""What the operators' dashboard reads: logged questions and feedback of one period and
site, and the unanswered questions grouped by similarity.

Grouping is lexical (cheap, no model): two questions fall in the same group when their
stemmed content words (:func:`assistant.text.tokens.tokenize`) overlap enough (Jaccard
index). It groups rewordings (« Quel budget pour X ? » / « Budget de X ? ») but not
synonyms; the embedding model would, at the cost of loading it in the dashboard.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from assistant.feedback.schema import feedback, questions
from assistant.feedback.store import FeedbackRow, FeedbackStore
from assistant.text.folding import fold
from assistant.text.tokens import tokenize

#: Jaccard index of content words from which two questions are one group.
SIMILAR = 0.5


@dataclass(frozen=True)
class Period:
    """From ``start`` (included) to ``end`` (excluded), for one site or all (None)."""

    start: datetime
    end: datetime
    site: str | None = None


@dataclass(frozen=True)
class QuestionGroup:
    """Similar questions: the most frequent wording, how many, the other wordings."""

    label: str
    count: int
    variants: tuple[str, ...]


def sites(engine: Engine) -> list[str]:
    """Every site seen in the question log or the feedback, sorted."""
    with engine.connect() as conn:
        found = set(conn.execute(sa.select(questions.c.site).distinct()).scalars())
        found |= set(conn.execute(sa.select(feedback.c.site).distinct()).scalars())
    return sorted(found)


def question_rows(engine: Engine, period: Period) -> list[dict[str, Any]]:
    """The logged questions of ``period``, oldest first (one dict per row)."""
    query = (
        sa.select(questions)
        .where(questions.c.asked_at >= period.start, questions.c.asked_at < period.end)
        .order_by(questions.c.asked_at, questions.c.id)
    )
    if period.site:
        query = query.where(questions.c.site == period.site)
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def feedback_rows(store: FeedbackStore, period: Period) -> list[FeedbackRow]:
    """The feedback given during ``period`` (on ``period.site``), oldest first."""
    return [
        row
        for row in store.rows(since=period.start)
        if row.created_at < period.end and (not period.site or row.site == period.site)
    ]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def group_similar(texts: Sequence[str], threshold: float = SIMILAR) -> list[QuestionGroup]:
    """Group ``texts`` (one per question asked) by shared content words, largest first."""
    counts = Counter(" ".join(t.split()) for t in texts if t.strip())
    groups: list[tuple[frozenset[str], Counter[str]]] = []
    for text, n in counts.most_common():
        words = frozenset(tokenize(text)) or frozenset({fold(text)})
        for key, members in groups:
            if _jaccard(words, key) >= threshold:
                members[text] += n
                break
        else:
            groups.append((words, Counter({text: n})))
    result = [
        QuestionGroup(
            label=members.most_common(1)[0][0],
            count=sum(members.values()),
            variants=tuple(t for t, _ in members.most_common()[1:]),
        )
        for _, members in groups
    ]
    return sorted(result, key=lambda g: (-g.count, g.label))
