"""Feedback on answers (👍/👎, a reason, an optional comment): one row per answer.

Every surface sends it: the chat (which also gives the question and answer text it shows),
the API and its widget (which give the answer id; the question comes from the question
log). A second rating of the same answer replaces the first. Questions and comments are
scrubbed (:mod:`assistant.feedback.scrubbing`); nothing identifies the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from assistant.errors import FeedbackError
from assistant.feedback.database import open_engine, safe_url, sqlite_url
from assistant.feedback.reasons import MAX_COMMENT_CHARS, REASONS
from assistant.feedback.schema import feedback, questions
from assistant.feedback.scrubbing import scrub, scrub_short

#: An answer id: 32 lowercase hexadecimal digits (``Answer.answer_id``).
ANSWER_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class FeedbackRow:
    """One stored feedback, with the question from the question log when it has none."""

    id: int
    answer_id: str | None
    created_at: datetime
    updated_at: datetime | None
    rating: int
    reason: str | None
    comment: str | None
    site: str
    question: str
    answer: str
    cited_ids: tuple[str, ...]


def now_utc() -> datetime:
    """The current UTC time, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def check_feedback(answer_id: str, rating: int, reason: str | None) -> None:
    """Raise ValueError (English, for developers) on a value no interface should send."""
    if not ANSWER_ID.fullmatch(answer_id or ""):
        raise ValueError(f"answer_id must be 32 hexadecimal digits, not {answer_id!r}")
    if rating not in (-1, 1):
        raise ValueError(f"rating must be +1 or -1, not {rating!r}")
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")


class FeedbackStore:
    """Feedback rows in the operators' database (a SQLAlchemy URL or a SQLite file path)."""

    def __init__(self, url: str | Path) -> None:
        self.url = url if isinstance(url, str) and "://" in url else sqlite_url(url)

    @property
    def engine(self) -> Engine:
        return open_engine(self.url)

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise FeedbackError(f"feedback database {safe_url(self.url)}: {exc}") from exc

    def submit(
        self,
        answer_id: str,
        rating: int,
        *,
        reason: str | None = None,
        comment: str | None = None,
        site: str = "api",
        question: str | None = None,
        answer: str | None = None,
        cited_ids: Sequence[str] = (),
    ) -> int:
        """Store the feedback on one answer (replacing an earlier one); return its row id.

        A 👍 keeps no reason. ``question`` and ``comment`` are scrubbed.
        """
        check_feedback(answer_id, rating, reason)
        values = {
            "rating": rating,
            "reason": reason if rating == -1 else None,
            "comment": scrub_short(comment, MAX_COMMENT_CHARS),
            "site": site[:255],
        }
        if question is not None:
            values["question"] = scrub(question)
        if answer is not None:
            values["answer"] = answer
        if cited_ids:
            values["cited_ids"] = list(dict.fromkeys(str(i) for i in cited_ids))
        for attempt in range(2):  # a concurrent first submit may win the insert
            try:
                with self._begin() as conn:
                    found = conn.execute(
                        sa.select(feedback.c.id).where(feedback.c.answer_id == answer_id)
                    ).scalar()
                    if found is not None:
                        conn.execute(
                            feedback.update()
                            .where(feedback.c.id == found)
                            .values(updated_at=now_utc(), **values)
                        )
                        return int(found)
                    row = {"cited_ids": [], **values}
                    result = conn.execute(
                        feedback.insert().values(answer_id=answer_id, created_at=now_utc(), **row)
                    )
                    return int(result.inserted_primary_key[0])
            except FeedbackError as exc:
                if attempt or not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def withdraw(self, answer_id: str) -> bool:
        """Forget the feedback on one answer (a rating cleared in the chat)."""
        with self._begin() as conn:
            result = conn.execute(feedback.delete().where(feedback.c.answer_id == answer_id))
            return result.rowcount > 0

    def delete(self, row_ids: Sequence[int]) -> int:
        """Remove rows by id (erasure requests, tests); return how many went."""
        if not row_ids:
            return 0
        with self._begin() as conn:
            return conn.execute(feedback.delete().where(feedback.c.id.in_(list(row_ids)))).rowcount

    def get(self, answer_id: str) -> FeedbackRow | None:
        """The feedback on one answer, or None."""
        rows = self._select(feedback.c.answer_id == answer_id)
        return rows[0] if rows else None

    def rows(self, since: datetime | None = None) -> list[FeedbackRow]:
        """Every row (created at or after ``since``), oldest first."""
        return self._select(feedback.c.created_at >= since if since is not None else None)

    def _select(self, where: sa.ColumnElement[bool] | None) -> list[FeedbackRow]:
        logged = questions.alias("logged")
        query = (
            sa.select(
                feedback,
                logged.c.question.label("logged_question"),
                logged.c.cited_ids.label("logged_cited"),
            )
            .select_from(feedback.outerjoin(logged, logged.c.answer_id == feedback.c.answer_id))
            .order_by(feedback.c.id)
        )
        if where is not None:
            query = query.where(where)
        with self._begin() as conn:
            found = conn.execute(query).mappings().all()
        return [
            FeedbackRow(
                id=int(r["id"]),
                answer_id=r["answer_id"],
                created_at=r["created_at"],
                updated_at=r["updated_at"],
                rating=int(r["rating"]),
                reason=r["reason"],
                comment=r["comment"],
                site=r["site"],
                question=r["question"] or r["logged_question"] or "",
                answer=r["answer"] or "",
                cited_ids=tuple(r["cited_ids"] or r["logged_cited"] or ()),
            )
            for r in found
        ]
