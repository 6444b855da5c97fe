"""Answer feedback (👍/👎 and an optional comment) stored in SQLite, exportable as CSV.

What is stored: the question, the answer text, the ids of the cited documents, the rating,
the optional comment and a UTC timestamp. Nothing identifies the user: no IP address, no
user or session id, no user agent. E-mail addresses and phone numbers that a user may type
into a question or a comment are masked before they are written.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from assistant.errors import FeedbackError

#: File name of the feedback database inside ``settings.data_dir``.
FEEDBACK_FILENAME = "feedback.sqlite3"

#: Longest comment kept (characters); longer ones are cut.
MAX_COMMENT_CHARS = 2000

#: Columns of the CSV export, in order.
CSV_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "rating",
    "question",
    "answer",
    "cited_ids",
    "comment",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    cited_ids TEXT NOT NULL,
    comment TEXT
)
"""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+33\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# Cells starting with these characters are run as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FeedbackRow:
    """One stored feedback entry."""

    id: int
    created_at: str
    updated_at: str | None
    rating: int
    question: str
    answer: str
    cited_ids: tuple[str, ...]
    comment: str | None


def scrub(text: str) -> str:
    """Mask e-mail addresses and French phone numbers (personal data) in ``text``."""
    text = _EMAIL.sub("[courriel masqué]", text)
    return _PHONE.sub("[téléphone masqué]", text)


def _clean_comment(comment: str | None) -> str | None:
    if comment is None:
        return None
    cleaned = scrub(comment.strip())[:MAX_COMMENT_CHARS]
    return cleaned or None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _check_rating(rating: int) -> int:
    if rating not in (-1, 1):
        raise ValueError(f"rating must be +1 or -1, not {rating!r}")
    return rating


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in a free-text cell."""
    return "'" + value if value.startswith(_FORMULA_START) else value


class FeedbackStore:
    """Feedback entries in one SQLite file (created on first use)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._initialised = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=10.0)) as conn:
                if not self._initialised:
                    conn.execute(_SCHEMA)
                    conn.commit()
                    self._initialised = True
                with conn:  # commits, or rolls back on error
                    yield conn
        except sqlite3.Error as exc:
            raise FeedbackError(f"feedback database {self.path}: {exc}") from exc
        except OSError as exc:
            raise FeedbackError(f"feedback database {self.path}: {exc}") from exc

    def record(
        self,
        question: str,
        answer: str,
        cited_ids: Sequence[str],
        rating: int,
        comment: str | None = None,
    ) -> int:
        """Store one entry and return its id."""
        _check_rating(rating)
        ids = list(dict.fromkeys(str(i) for i in cited_ids))
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, cited_ids, comment)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    rating,
                    scrub(question),
                    answer,
                    json.dumps(ids, ensure_ascii=False),
                    _clean_comment(comment),
                ),
            )
            return int(cursor.lastrowid or 0)

    def update(self, row_id: int, *, rating: int | None = None, comment: str | None = None) -> bool:
        """Change the rating and/or set the comment of an entry; False if it does not exist."""
        sets: list[str] = []
        values: list[object] = []
        if rating is not None:
            sets.append("rating = ?")
            values.append(_check_rating(rating))
        if comment is not None:
            sets.append("comment = ?")
            values.append(_clean_comment(comment))
        if not sets:
            return self.get(row_id) is not None
        sets.append("updated_at = ?")
        values.append(_now())
        with self._connect() as conn:
            cursor = conn.execute(
                f"UPDATE feedback SET {', '.join(sets)} WHERE id = ?", (*values, row_id)
            )
            return cursor.rowcount > 0

    def get(self, row_id: int) -> FeedbackRow | None:
        """One entry, or None."""
        rows = self._select("WHERE id = ?", (row_id,))
        return rows[0] if rows else None

    def rows(self) -> list[FeedbackRow]:
        """Every entry, oldest first."""
        return self._select("", ())

    def delete(self, row_ids: Sequence[int]) -> int:
        """Remove entries (used by tests and data-retention jobs); return how many went."""
        if not row_ids:
            return 0
        marks = ", ".join("?" for _ in row_ids)
        with self._connect() as conn:
            return conn.execute(
                f"DELETE FROM feedback WHERE id IN ({marks})", tuple(row_ids)
            ).rowcount

    def _select(self, where: str, params: tuple[object, ...]) -> list[FeedbackRow]:
        with self._connect() as conn:
            cursor = conn.execute(
                "SELECT id, created_at, updated_at, rating, question, answer, cited_ids, comment"
                f" FROM feedback {where} ORDER BY id",
                params,
            )
            return [
                FeedbackRow(
                    id=int(r[0]),
                    created_at=str(r[1]),
                    updated_at=r[2],
                    rating=int(r[3]),
                    question=str(r[4]),
                    answer=str(r[5]),
                    cited_ids=tuple(json.loads(r[6] or "[]")),
                    comment=r[7],
                )
                for r in cursor.fetchall()
            ]

    def export_csv(self, out: TextIO) -> int:
        """Write every entry as CSV (header first) and return the number of rows written.

        ``cited_ids`` are joined with ``;``. Free-text cells that a spreadsheet would run as a
        formula are prefixed with an apostrophe.
        """
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for row in self.rows():
            writer.writerow(
                (
                    row.id,
                    row.created_at,
                    row.updated_at or "",
                    row.rating,
                    _csv_safe(row.question),
                    _csv_safe(row.answer),
                    ";".join(row.cited_ids),
                    _csv_safe(row.comment or ""),
                )
            )
            count += 1
        return count


def default_store() -> FeedbackStore:
    """The store of the process settings: ``<data_dir>/feedback.sqlite3``."""
    from assistant.config import get_settings

    return FeedbackStore(get_settings().data_dir / FEEDBACK_FILENAME)
