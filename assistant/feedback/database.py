"""The operators' database: one SQLAlchemy engine per URL, migrated to the last schema.

The URL comes from ``ASSISTANT_DATABASE_URL``; by default it is the SQLite file
``<data_dir>/feedback.sqlite3`` (the chat's feedback file before the question log existed:
its rows are migrated in place). Migrations are Alembic scripts shipped in the package
(``migrations/``), run programmatically (``upgrade head``) when a process first opens the
database.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from assistant.config import Settings
from assistant.errors import FeedbackError

log = logging.getLogger(__name__)

#: File name of the default SQLite database inside ``settings.data_dir``.
DATABASE_FILENAME = "feedback.sqlite3"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: PostgreSQL advisory lock held while migrating (any constant unique to this program).
_LOCK_KEY = 2030_2030

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url(settings: Settings) -> str:
    """``settings.database_url``, or the SQLite file under ``settings.data_dir``."""
    if settings.database_url:
        return settings.database_url
    return sqlite_url(settings.data_dir / DATABASE_FILENAME)


def sqlite_url(path: Path | str) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def safe_url(url: str) -> str:
    """``url`` without its password (for logs)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Several processes (chat, API workers) may write: wait for the lock, don't fail.
        return sa.create_engine(url, connect_args={"timeout": 15})
    return sa.create_engine(url, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the database to the last schema (Alembic ``upgrade head``)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas starting together: one migrates, the others wait, then find it done.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(url: str) -> Engine:
    """The process's engine for ``url``, migrated on first use.

    Raises :class:`FeedbackError` when the database cannot be reached or migrated (the
    next call tries again).
    """
    with _lock:
        engine = _engines.get(url)
        if engine is not None:
            return engine
        try:
            engine = _create_engine(url)
            upgrade(engine)
        except (SQLAlchemyError, OSError, ArgumentError) as exc:
            raise FeedbackError(f"database {safe_url(url)}: {exc}") from exc
        log.info("operators' database ready: %s", safe_url(url))
        _engines[url] = engine
        return engine


def forget_engine(url: str) -> None:
    """Dispose of the process's engine for ``url`` (tests, after deleting the file)."""
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()
