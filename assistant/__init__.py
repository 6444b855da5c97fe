"""Assistant France 2030: French answers about France 2030 training programmes, with sources.

The public API is small and loaded lazily (``assistant --help`` imports none of it)::

    from assistant import Assistant, Filters

    answer = Assistant.from_settings().ask("Quel est le budget d'Electro'Mob ?")
    print(answer.text, [c.url for c in answer.citations])

Stages, each a subpackage: ``text`` → ``ingest`` → ``index`` (+ ``models``, ``embeddings``)
→ ``retrieval`` → ``answering``; interfaces: ``service`` (the :class:`Assistant` facade),
``cli``, ``api``; ``bench`` measures them (``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from assistant.answer import Answer, Citation, Filters
    from assistant.config import Settings, get_settings
    from assistant.errors import (
        AssistantError,
        ConfigError,
        DocumentError,
        DocumentParseError,
        EmbedderMismatchError,
        EmbeddingError,
        EmptyIndexError,
        FeedbackError,
        FilterError,
        FrontMatterError,
        LLMError,
        LLMTimeoutError,
        ModelBuildError,
        ModelNotFoundError,
        QuestionError,
        ReadError,
        SquadError,
        StoreError,
        StoreUnavailableError,
        UnsupportedFormatError,
    )
    from assistant.service import Assistant

_EXPORTS = {
    "Assistant": "assistant.service",
    "Answer": "assistant.answer",
    "Citation": "assistant.answer",
    "Filters": "assistant.answer",
    "Settings": "assistant.config",
    "get_settings": "assistant.config",
    "AssistantError": "assistant.errors",
    "ConfigError": "assistant.errors",
    "DocumentError": "assistant.errors",
    "DocumentParseError": "assistant.errors",
    "EmbedderMismatchError": "assistant.errors",
    "EmbeddingError": "assistant.errors",
    "EmptyIndexError": "assistant.errors",
    "FeedbackError": "assistant.errors",
    "FilterError": "assistant.errors",
    "FrontMatterError": "assistant.errors",
    "LLMError": "assistant.errors",
    "LLMTimeoutError": "assistant.errors",
    "ModelBuildError": "assistant.errors",
    "ModelNotFoundError": "assistant.errors",
    "QuestionError": "assistant.errors",
    "ReadError": "assistant.errors",
    "SquadError": "assistant.errors",
    "StoreError": "assistant.errors",
    "StoreUnavailableError": "assistant.errors",
    "UnsupportedFormatError": "assistant.errors",
}

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "ConfigError",
    "DocumentError",
    "DocumentParseError",
    "EmbedderMismatchError",
    "EmbeddingError",
    "EmptyIndexError",
    "FeedbackError",
    "FilterError",
    "Filters",
    "FrontMatterError",
    "LLMError",
    "LLMTimeoutError",
    "ModelBuildError",
    "ModelNotFoundError",
    "QuestionError",
    "ReadError",
    "Settings",
    "SquadError",
    "StoreError",
    "StoreUnavailableError",
    "UnsupportedFormatError",
    "__version__",
    "get_settings",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
