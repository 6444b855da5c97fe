"""Fixtures of the operators' database tests: a real SQLite file in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore
from assistant.feedback.database import forget_engine, sqlite_url


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    url = sqlite_url(tmp_path / "data" / "feedback.sqlite3")
    yield url
    forget_engine(url)


@pytest.fixture
def store(db_url: str) -> FeedbackStore:
    return FeedbackStore(db_url)
