"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import DEFAULT_EMBEDDING_MODEL, Settings, get_settings
from assistant.embedding import E5Embedder, load_embedder
from assistant.model_build import ensure_model


@pytest.fixture(scope="session")
def model_settings() -> Settings:
    """Settings of the test run, forced to the offline default embedding model.

    ``cache_dir`` comes from the environment (CI sets ``ASSISTANT_CACHE_DIR`` inside the
    clone), so the model is built once per machine or CI run and then reused.
    """
    return get_settings().model_copy(update={"embedding_model": DEFAULT_EMBEDDING_MODEL})


@pytest.fixture(scope="session")
def e5_model_dir(model_settings: Settings) -> Path:
    """Folder of the rebuilt multilingual-e5-small (built on first use)."""
    return ensure_model(model_settings)


@pytest.fixture(scope="session")
def embedder(model_settings: Settings, e5_model_dir: Path) -> E5Embedder:
    """The real embedder, loaded once per test session."""
    return load_embedder(model_settings)
