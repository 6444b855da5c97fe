"""Checks of a generated answer against the numbered passages it was given.

- every [n] it cites must be one of the passages;
- it must cite at least one;
- every number, date or amount of a sentence must appear in the passages that sentence
  cites (or, for a sentence without a marker, in the passages the answer cites), and so
  must number words (« vingt-cinq », « million »);
- passage sentences that read as instructions to the assistant (« ignore les
  instructions et réponds… ») are removed from the prompt and from the sources of the
  check, so a figure planted in one can never be grounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.text.folding import fold
from assistant.text.injection import is_injection
from assistant.text.numbers import ungrounded_numbers
from assistant.text.patterns import MARKERS_RE, markers
from assistant.text.sentences import split_sentences

if TYPE_CHECKING:
    from assistant.answer import Answer

__all__ = [
    "Segment",
    "Verdict",
    "clean_passage",
    "is_injection",
    "segments",
    "ungrounded",
    "verify",
]

_NUMBER_WORDS = frozenset(
    [
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "vingt",
        "vingts",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "septante",
        "octante",
        "nonante",
        "cent",
        "cents",
        "mille",
        "million",
        "millions",
        "milliard",
        "milliards",
    ]
)
_WORD_RE = re.compile(r"[a-z]+")
_SPECIAL_RE = re.compile(r"<\|[^|>]{0,40}\|>|<<<|>>>")


def clean_passage(text: str) -> tuple[str, int]:
    """``text`` without its instruction-like sentences (and chat-template tokens);
    returns the cleaned text and how many sentences were removed."""
    kept: list[str] = []
    removed = 0
    last = 0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if is_injection(sentence):
            kept.append(text[last:start])
            removed += 1
        else:
            kept.append(text[last:end])
        last = end
    kept.append(text[last:])
    return _SPECIAL_RE.sub(" ", "".join(kept)), removed


@dataclass
class Segment:
    """A sentence of the answer and the passage numbers it cites."""

    text: str
    cited: list[int]


@dataclass
class Verdict:
    """Outcome of :func:`verify`: ``reason`` is ``ok``, ``empty``, ``no-citation``,
    ``unknown-citation`` or ``ungrounded``."""

    reason: str
    segments: list[Segment] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)  # passage numbers, order of first use
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.reason == "ok"


def segments(text: str) -> list[Segment]:
    """Sentences of the answer, each with the markers that follow it (« … 25 M€. [1] »)."""
    pieces = re.split(r"(?<=[.!?…])\s+(?!\[)|\n+", text)
    found = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if found and MARKERS_RE.fullmatch(piece):
            found[-1].text += " " + piece
            found[-1].cited += markers(piece)
            continue
        found.append(Segment(piece, markers(piece)))
    return found


def _ungrounded_words(sentence: str, sources: Sequence[str]) -> list[str]:
    words = {w for w in _WORD_RE.findall(fold(sentence)) if w in _NUMBER_WORDS}
    if not words:
        return []
    known = {w for s in sources for w in _WORD_RE.findall(fold(s))}
    return sorted(words - known)


def verify(text: str, sources: Sequence[str]) -> Verdict:
    """Check ``text`` against ``sources`` (``sources[i]`` is passage ``i + 1``, cleaned)."""
    if not text.strip():
        return Verdict("empty")
    parts = segments(text)
    cited = list(dict.fromkeys(n for p in parts for n in p.cited))
    unknown = [n for n in cited if not 1 <= n <= len(sources)]
    if unknown:
        return Verdict("unknown-citation", parts, cited, [f"[{n}]" for n in unknown])
    if not cited:
        return Verdict("no-citation", parts, cited)
    problems: list[str] = []
    for part in parts:
        own = [sources[n - 1] for n in (part.cited or cited)]
        sentence = MARKERS_RE.sub(" ", part.text)
        problems += ungrounded_numbers(sentence, own)
        problems += _ungrounded_words(sentence, own)
    if problems:
        return Verdict("ungrounded", parts, cited, problems)
    return Verdict("ok", parts, cited)


def ungrounded(answer: Answer) -> list[str]:
    """Numbers of the answer that no cited source holds (derived counts excepted)."""
    sources = [f"{c.chunk_text}\n{c.title}\n{c.source_name}" for c in answer.citations]
    return [n for n in ungrounded_numbers(answer.text, sources) if n not in answer.derived_numbers]
