"""Accent- and case-folding of French text, for matching (never for display)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents (for matching, never for display)."""
    return strip_accents(text.replace("’", "'").lower())


def strip_accents(text: str) -> str:
    """``text`` without its accents, capitals kept (« Le recteur Olivier Dugrip »)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))
