"""Fixtures of the chat-page tests: the fake assistant, the app under AppTest, and
Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_fakes import APP, ROOT, FakeAssistant

from assistant.config import get_settings
from assistant.feedback import FeedbackStore
from ui.bench import CHROMIUM, chromium

#: The index the chat-page tests use, outside the project (a test never writes in .data/).
#: Kept between sessions (the machine's temporary folder) since ``assistant index`` is
#: incremental: a first build takes about a minute, later checks about a second.
TEST_DATA_DIR = Path(tempfile.gettempdir()) / f"france2030-ui-tests-{os.getuid()}" / "data"


@pytest.fixture(scope="session", autouse=True)
def indexed_corpus() -> Iterator[None]:
    """``corpus/`` indexed in :data:`TEST_DATA_DIR`, the data folder of every process the
    chat-page tests start (this replaces tests/conftest.py's fixture, which indexes into
    the project's .data/ folder)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("ASSISTANT_DATA_DIR", str(TEST_DATA_DIR))
    get_settings.cache_clear()
    cli = [sys.executable, "-m", "assistant.cli", "index", "--no-progress"]
    subprocess.run(cli, cwd=ROOT, check=True)
    yield
    patch.undo()
    get_settings.cache_clear()


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
def feedback_store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


@pytest.fixture
def fake_app(
    monkeypatch: pytest.MonkeyPatch, fake_assistant: FakeAssistant, feedback_store: FeedbackStore
) -> Any:
    """The page under AppTest, wired to the fake assistant and a temporary feedback DB."""
    from streamlit.testing.v1 import AppTest

    from ui import services

    monkeypatch.setattr(services, "get_assistant", lambda: fake_assistant)
    monkeypatch.setattr(services, "get_feedback_store", lambda: feedback_store)
    return AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture(scope="module")
def indexed(indexed_corpus: None) -> Iterator[None]:
    """The real pipeline, with the corpus indexed in the data folder (incremental, once per
    session: see ``indexed_corpus`` above)."""
    yield
