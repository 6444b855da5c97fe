"""The chat's feedback table, as assistant/feedback.py created it before migrations existed.

A database made by that code has this table and no ``alembic_version``: this revision then
leaves the table as it is (and Alembic records the revision), so the next one migrates it.

Revision ID: 0001
Revises:
Create Date: 2026-01-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "feedback" in sa.inspect(op.get_bind()).get_table_names():
        return  # made by the code of schema 1: kept as it is
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


def downgrade() -> None:
    op.drop_table("feedback")
