"""Accent- and case-folding of French text, for matching (never for display)."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents (for matching, never for display)."""
    return strip_accents(text.replace("’", "'").lower())


def strip_accents(text: str) -> str:
    """``text`` without its accents, capitals kept (« Le recteur Olivier Dugrip »)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def as_written(text: str, folded_phrase: str) -> str:
    """``folded_phrase`` (words of :func:`fold`) as ``text`` writes it, accents and case
    kept; the phrase itself when ``text`` does not hold it."""
    wanted = folded_phrase.split()
    words = re.findall(r"[\w'’!-]+", text)
    for i in range(len(words) - len(wanted) + 1):
        if [fold(w) for w in words[i : i + len(wanted)]] == wanted:
            return " ".join(words[i : i + len(wanted)])
    # « l'éolien » written, « eolien » wanted: the word without its elided article.
    bare = [_ELIDED_START.sub("", w) for w in words]
    for i in range(len(bare) - len(wanted) + 1):
        if [fold(w) for w in bare[i : i + len(wanted)]] == wanted:
            return " ".join(bare[i : i + len(wanted)])
    return folded_phrase


#: An elided article or pronoun glued to a word (« l'éolien », « d'industrie »).
_ELIDED_START = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t)['’]", re.IGNORECASE)
