"""Why the figures are what they are: text of the report's « Analysis » section."""

from __future__ import annotations

from typing import Any


def analysis_text(results: dict[str, Any]) -> str:
    """The analysis paragraphs, with the figures of ``results`` filled in."""
    return ""
