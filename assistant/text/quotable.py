"""Quotable sentences of a text: what answers quote and what their sentences' vectors are of.

Headings, table rows and code fences are left out, list markers and trailing blanks are
trimmed, and so are very short pieces and text addressed to a model (« ignore les
instructions… »). Shared by :mod:`assistant.answering.quotes` (question time) and
:mod:`assistant.index.sentence_vectors` (indexing time), so both see the same sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.injection import is_injection
from assistant.text.sentences import split_sentences

__all__ = ["quotable_spans"]

_LEAD = re.compile(r"^(?:\s*(?:[-*+•–]|\d{1,3}[.)])\s+|\s*>\s*)")
_MIN_CHARS = 12


@lru_cache(maxsize=8192)
def quotable_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets ``(start, end)`` of the quotable sentences of ``text``, in order."""
    spans = []
    for start, end in split_sentences(text):
        piece = text[start:end]
        if piece.lstrip().startswith(("#", "|", "```")):
            continue
        lead = _LEAD.match(piece)
        if lead:
            start += lead.end()
        piece = text[start:end].rstrip()
        end = start + len(piece)
        # Text addressed to a model (« ignore les instructions… ») is never quoted.
        if len(piece) >= _MIN_CHARS and not is_injection(piece):
            spans.append((start, end))
    return tuple(spans)
