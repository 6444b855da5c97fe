"""Patterns shared by every stage: web addresses, citation markers and full dates."""

from __future__ import annotations

import re

#: A plain http(s) address (no quotes, spaces or angle brackets inside).
WEB_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
#: A web address inside running text: stops before a closing bracket, a quote or a final
#: punctuation mark (« … (https://x.fr/page). »). widget.js holds the same pattern.
WEB_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]«»\"]*[^\s<>()\[\]«»\".,;:!?]")
#: A group of citation markers: [1], [2, 3], [1; 4].
MARKERS_RE = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
#: A full date (« 7 juin 2023 », « 1er avril 2024 ») in folded text.
FULL_DATE = re.compile(
    r"\b(?:1er|[1-9]|[12]\d|3[01]) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre) (?:19|20)\d\d\b"
)


def web_url(value: object) -> str | None:
    """``value`` if it is a plain http(s) address: no ``javascript:`` or ``file:`` links."""
    if isinstance(value, str) and WEB_URL.fullmatch(value.strip()):
        return value.strip()
    return None


def markers(text: str) -> list[int]:
    """Every citation number of ``text``, in order (repeats kept)."""
    return [int(n) for m in MARKERS_RE.finditer(text) for n in re.split(r"[,;]", m.group(1))]
