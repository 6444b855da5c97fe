"""Fixtures of the operators' database tests: a real SQLite file in a temporary folder, and
the same tests again on a real PostgreSQL server started on loopback for the session."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from assistant.bench.servers import postgres_server
from assistant.feedback import FeedbackStore
from assistant.feedback.database import forget_engine, sqlite_url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL cluster for the session (skipped where PostgreSQL is not installed)."""
    if shutil.which("initdb") is None and shutil.which("pg_ctl") is None:
        pytest.skip("PostgreSQL is not installed")
    with postgres_server() as url:
        yield url


def fresh_database(server_url: str) -> str:
    """A new empty database on the server of ``server_url``; its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def new_postgres_database(postgres_url: str) -> str:
    """The URL of a new empty database on the session's PostgreSQL server."""
    return fresh_database(postgres_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "data" / "feedback.sqlite3")
    else:
        url = fresh_database(request.getfixturevalue("postgres_url"))
    yield url
    forget_engine(url)


@pytest.fixture
def store(db_url: str) -> FeedbackStore:
    return FeedbackStore(db_url)
