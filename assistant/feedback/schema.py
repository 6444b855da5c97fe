"""The tables of the operators' database (SQLAlchemy Core), as the last migration leaves them.

Types are portable (SQLite, PostgreSQL): times are stored as naive UTC ``DateTime`` and read
back as aware UTC datetimes; lists and filters as ``JSON``. The migrations in
``migrations/versions`` create and change these tables; they do not import this module.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()


class UTCDateTime(sa.TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC (same column type on every database)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None, microsecond=0)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # None only for rows stored before answers had ids (the chat's feedback, schema 1).
    sa.Column("answer_id", sa.String(32), unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False, index=True),
    sa.Column("updated_at", UTCDateTime),
    sa.Column("rating", sa.SmallInteger, nullable=False),
    sa.Column("reason", sa.String(32)),
    sa.Column("comment", sa.Text),
    sa.Column("site", sa.String(255), nullable=False),
    # Given by the chat, which has them; the API's rows take them from the question log.
    sa.Column("question", sa.Text),
    sa.Column("answer", sa.Text),
    sa.Column("cited_ids", sa.JSON, nullable=False),
    sa.CheckConstraint("rating IN (-1, 1)", name="ck_feedback_rating"),
)

questions = sa.Table(
    "questions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("answer_id", sa.String(32), nullable=False, unique=True),
    sa.Column("asked_at", UTCDateTime, nullable=False, index=True),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("site", sa.String(255), nullable=False, index=True),
    sa.Column("filters", sa.JSON, nullable=False),
    sa.Column("answerable", sa.Boolean, nullable=False),
    sa.Column("refusal", sa.String(32)),
    sa.Column("cited_ids", sa.JSON, nullable=False),
    sa.Column("latency_ms", sa.Integer, nullable=False),
    sa.Column("index_version", sa.String(64)),
)
