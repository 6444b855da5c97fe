"""Question log; feedback keyed by answer id, with a reason and a site.

The ``feedback`` rows of revision 0001 are copied, none lost: their text timestamps become
UTC datetimes, their JSON text of cited ids a JSON list; they have no answer id (answers had
none then) and came from the chat (``site = "chat"``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-05
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _utc(text: str | None) -> datetime | None:
    """A schema-1 ISO timestamp as naive UTC (how the new columns store times)."""
    if not text:
        return None
    value = datetime.fromisoformat(str(text))
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _ids(text: Any) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("answer_id", sa.String(32), nullable=False),
        sa.Column("asked_at", sa.DateTime, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("site", sa.String(255), nullable=False),
        sa.Column("filters", sa.JSON, nullable=False),
        sa.Column("answerable", sa.Boolean, nullable=False),
        sa.Column("refusal", sa.String(32)),
        sa.Column("cited_ids", sa.JSON, nullable=False),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("index_version", sa.String(64)),
        sa.UniqueConstraint("answer_id", name="uq_questions_answer_id"),
    )
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])
    op.create_index("ix_questions_site", "questions", ["site"])

    new = op.create_table(
        "feedback_v2",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("answer_id", sa.String(32)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("reason", sa.String(32)),
        sa.Column("comment", sa.Text),
        sa.Column("site", sa.String(255), nullable=False),
        sa.Column("question", sa.Text),
        sa.Column("answer", sa.Text),
        sa.Column("cited_ids", sa.JSON, nullable=False),
        sa.UniqueConstraint("answer_id", name="uq_feedback_answer_id"),
        sa.CheckConstraint("rating IN (-1, 1)", name="ck_feedback_rating"),
    )
    old = sa.table(
        "feedback",
        *(
            sa.column(name)
            for name in (
                "id",
                "created_at",
                "updated_at",
                "rating",
                "question",
                "answer",
                "cited_ids",
                "comment",
            )
        ),
    )
    rows = op.get_bind().execute(sa.select(old).order_by(old.c.id)).mappings().all()
    if rows:
        op.bulk_insert(
            new,
            [
                {
                    "id": row["id"],
                    "answer_id": None,
                    "created_at": _utc(row["created_at"]),
                    "updated_at": _utc(row["updated_at"]),
                    "rating": int(row["rating"]),
                    "reason": None,
                    "comment": row["comment"],
                    "site": "chat",
                    "question": row["question"],
                    "answer": row["answer"],
                    "cited_ids": _ids(row["cited_ids"]),
                }
                for row in rows
            ],
        )
    op.drop_table("feedback")
    op.rename_table("feedback_v2", "feedback")
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])
    if op.get_bind().dialect.name == "postgresql":  # ids were copied: move the sequence on
        op.execute(
            "SELECT setval(pg_get_serial_sequence('feedback', 'id'), "
            "COALESCE((SELECT MAX(id) FROM feedback), 0) + 1, false)"
        )


def downgrade() -> None:
    """Back to schema 1: feedback rows without question or answer text get ""; the question
    log, reasons and sites are dropped."""
    op.drop_table("questions")
    op.execute("ALTER TABLE feedback RENAME TO feedback_v2")
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("cited_ids", sa.Text, nullable=False),
        sa.Column("comment", sa.Text),
        sa.CheckConstraint("rating IN (-1, 1)"),
    )
    op.execute(
        "INSERT INTO feedback (id, created_at, updated_at, rating, question, answer,"
        " cited_ids, comment) SELECT id, created_at, updated_at, rating,"
        " COALESCE(question, ''), COALESCE(answer, ''), cited_ids, comment FROM feedback_v2"
    )
    op.drop_table("feedback_v2")
