"""Fixtures of the chat-page tests: the fake assistant, the app under AppTest, and
Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_fakes import APP, FakeAssistant

from assistant.feedback import FeedbackStore, QuestionLog
from assistant.feedback.database import forget_engine, sqlite_url
from ui.bench import CHROMIUM, chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium (skips when `make browser` has not installed it)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (`make browser` installs it)")
    pytest.importorskip("playwright.sync_api")
    with chromium() as launched:
        yield launched


@pytest.fixture
def fake_assistant() -> FakeAssistant:
    return FakeAssistant()


@pytest.fixture
def feedback_store(tmp_path: Path) -> Iterator[FeedbackStore]:
    path = tmp_path / "feedback.sqlite3"
    yield FeedbackStore(path)
    forget_engine(sqlite_url(path))


@pytest.fixture
def question_log(feedback_store: FeedbackStore) -> Iterator[QuestionLog]:
    """The question log, in the same temporary database as ``feedback_store``."""
    log = QuestionLog(feedback_store.url)
    yield log
    log.close()


@pytest.fixture
def fake_app(
    monkeypatch: pytest.MonkeyPatch,
    fake_assistant: FakeAssistant,
    feedback_store: FeedbackStore,
    question_log: QuestionLog,
) -> Any:
    """The page under AppTest, wired to the fake assistant and a temporary database."""
    from streamlit.testing.v1 import AppTest

    from ui import services

    monkeypatch.setattr(services, "get_assistant", lambda: fake_assistant)
    monkeypatch.setattr(services, "get_feedback_store", lambda: feedback_store)
    monkeypatch.setattr(services, "get_question_log", lambda: question_log)
    return AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture(scope="module")
def indexed(indexed_corpus: None) -> Iterator[None]:
    """The real pipeline, with the corpus indexed in the data folder (incremental, once per
    session: see ``indexed_corpus`` above)."""
    yield
