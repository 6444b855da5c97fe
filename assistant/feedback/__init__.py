"""The operators' loop: feedback from every surface, the question log, retention, exports.

One database (SQLAlchemy Core, Alembic migrations run at start; SQLite by default, any URL
from ``ASSISTANT_DATABASE_URL``), one scrubber for every free text. See docs/privacy.md.
"""

from __future__ import annotations

from assistant.config import Settings
from assistant.feedback.database import DATABASE_FILENAME, database_url, open_engine
from assistant.feedback.export import CSV_COLUMNS, export_csv, export_qa, qa_candidates
from assistant.feedback.questions import LoggedQuestion, QuestionLog, question_log_from
from assistant.feedback.reasons import MAX_COMMENT_CHARS, REASONS, ReasonCode, reason_label
from assistant.feedback.retention import PurgeReport, purge
from assistant.feedback.scrubbing import scrub
from assistant.feedback.store import ANSWER_ID, FeedbackRow, FeedbackStore

#: Former name of :data:`DATABASE_FILENAME` (the file keeps its name: rows migrate in place).
FEEDBACK_FILENAME = DATABASE_FILENAME

__all__ = [
    "ANSWER_ID",
    "CSV_COLUMNS",
    "DATABASE_FILENAME",
    "FEEDBACK_FILENAME",
    "MAX_COMMENT_CHARS",
    "REASONS",
    "FeedbackRow",
    "FeedbackStore",
    "LoggedQuestion",
    "PurgeReport",
    "QuestionLog",
    "ReasonCode",
    "database_url",
    "default_store",
    "export_csv",
    "export_qa",
    "open_engine",
    "purge",
    "qa_candidates",
    "question_log_from",
    "reason_label",
    "scrub",
    "store_for",
]


def store_for(settings: Settings) -> FeedbackStore:
    """The feedback store of ``settings``."""
    return FeedbackStore(database_url(settings))


def default_store() -> FeedbackStore:
    """The feedback store of the process settings."""
    from assistant.config import get_settings

    return store_for(get_settings())
