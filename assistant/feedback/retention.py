"""Retention: logged questions and feedback older than ``retention_days`` are deleted.

Run when a process first writes the question log, then daily by its writer thread, and by
``assistant log purge``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from assistant.feedback.schema import feedback, questions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeReport:
    """How many rows a purge deleted, and the cut-off (rows older than it went)."""

    cutoff: datetime
    questions: int
    feedback: int


def purge(engine: Engine, days: int, *, now: datetime | None = None) -> PurgeReport:
    """Delete the questions asked, and the feedback given, more than ``days`` days ago."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    with engine.begin() as conn:
        gone_q = conn.execute(questions.delete().where(questions.c.asked_at < cutoff)).rowcount
        gone_f = conn.execute(feedback.delete().where(feedback.c.created_at < cutoff)).rowcount
    if gone_q or gone_f:
        log.info("retention: %d questions and %d feedback rows purged", gone_q, gone_f)
    return PurgeReport(cutoff, int(gone_q or 0), int(gone_f or 0))
