"""Accent- and case-folding of French text, for matching (never for display)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents (for matching, never for display)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))
