"""Fixtures of the HTTP API tests: one real assistant per module, apps built around it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant import Settings, get_settings

ALLOWED_ORIGIN = "https://region-demo.example"


@pytest.fixture(scope="module")
def api_settings() -> Settings:
    """The process settings with one allowed origin and limits high enough for a module."""
    return get_settings().model_copy(
        update={"cors_origins": [ALLOWED_ORIGIN], "rate_limit_per_minute": 1000}
    )


@pytest.fixture(scope="module")
def real_assistant(api_settings: Settings, indexed_corpus: None) -> Any:
    """The real assistant over the indexed corpus, loaded once per module."""
    from assistant import Assistant

    assistant = Assistant.from_settings(api_settings)
    assistant.warm_up()
    return assistant


@pytest.fixture(scope="module")
def client(real_assistant: Any, api_settings: Settings) -> Iterator[TestClient]:
    """A client of the app around the real assistant (module-scoped: loaded once)."""
    from assistant.api import create_app

    with TestClient(create_app(real_assistant, api_settings)) as test_client:
        yield test_client


@pytest.fixture
def make_client(real_assistant: Any, api_settings: Settings) -> Iterator[Callable[..., TestClient]]:
    """Build extra clients with other settings (same loaded assistant); closed after the test."""
    from assistant.api import create_app

    opened: list[TestClient] = []

    def make(settings: Settings | None = None, **kwargs: Any) -> TestClient:
        test_client = TestClient(
            create_app(real_assistant, settings or api_settings), **kwargs
        ).__enter__()
        opened.append(test_client)
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)
