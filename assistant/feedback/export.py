"""Exports for operators: feedback as CSV, failures as candidate test questions (JSONL).

``export_qa`` turns the questions the assistant refused, and those whose answer got a 👎,
into lines in the format of ``corpus/qa/*.jsonl``, marked ``"reviewed": false``: the corpus
team checks each one, fills ``expected`` / ``sources`` / ``answerable``, and only then adds it
to a question file. Text is scrubbed again on the way out (rows older than the scrubber's
last rule may hold what it now masks).
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

import sqlalchemy as sa

from assistant.feedback.reasons import reason_label
from assistant.feedback.schema import questions
from assistant.feedback.scrubbing import scrub
from assistant.feedback.store import FeedbackStore
from assistant.text.folding import fold

#: Columns of the CSV export, in order.
CSV_COLUMNS = (
    "id",
    "answer_id",
    "created_at",
    "updated_at",
    "site",
    "rating",
    "reason",
    "question",
    "answer",
    "cited_ids",
    "comment",
)

# Cells starting with these characters are run as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in a free-text cell."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(store: FeedbackStore, out: TextIO) -> int:
    """Write every feedback row as CSV (header first); return the number of rows.

    ``cited_ids`` are joined with ``;``; ``reason`` is its French label.
    """
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in store.rows():
        writer.writerow(
            (
                row.id,
                row.answer_id or "",
                row.created_at.isoformat(),
                row.updated_at.isoformat() if row.updated_at else "",
                csv_safe(row.site),
                row.rating,
                reason_label(row.reason),
                csv_safe(scrub(row.question)),
                csv_safe(row.answer),
                ";".join(row.cited_ids),
                csv_safe(scrub(row.comment or "")),
            )
        )
        count += 1
    return count


def qa_candidates(store: FeedbackStore) -> list[dict[str, Any]]:
    """Unanswered and 👎 questions as unreviewed ``corpus/qa`` lines (one per question)."""
    lines: dict[str, dict[str, Any]] = {}

    def add(answer_id: str | None, question: str, origin: str, **extra: Any) -> None:
        text = scrub(question).strip()
        key = " ".join(fold(text).split())
        if not text or key in lines:
            return
        lines[key] = {
            "id": f"candidate-{answer_id[:12] if answer_id else len(lines) + 1}",
            "question": text,
            "expected": [],
            "sources": [],
            "answerable": None,  # for the reviewer to decide
            "type": "candidate",
            "history": [],
            "reviewed": False,
            "origin": origin,
            **extra,
        }

    with store.engine.connect() as conn:
        refused = conn.execute(
            sa.select(questions)
            .where(questions.c.answerable.is_(False))
            .order_by(questions.c.asked_at)
        ).mappings()
        for row in refused:
            add(
                row["answer_id"],
                row["question"],
                "unanswered",
                refusal=row["refusal"],
                site=row["site"],
                asked_on=row["asked_at"].date().isoformat(),
                cited=list(row["cited_ids"] or []),
            )
    for row in store.rows():
        if row.rating == -1:
            add(
                row.answer_id,
                row.question,
                "thumbs_down",
                reason=row.reason,
                site=row.site,
                asked_on=row.created_at.date().isoformat(),
                cited=list(row.cited_ids),
            )
    return list(lines.values())


def export_qa(store: FeedbackStore, out: TextIO) -> int:
    """Write :func:`qa_candidates` as JSONL; return the number of lines."""
    candidates = qa_candidates(store)
    for line in candidates:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(candidates)
