"""French sentence and word boundaries, shared by chunking and answering.

Used by :mod:`assistant.ingest.chunking`, :mod:`assistant.text.quotable` and
:mod:`assistant.answering.verification`; :func:`questions_in` by the question analysis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["questions_in", "split_sentences", "split_words", "trim"]

# --- sentences -----------------------------------------------------------------------------

#: Words that take a period without ending a sentence (lowercase, without the period).
_ABBREVIATIONS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "pr", "me", "mgr", "st", "ste",
        "sts", "cf", "ex", "p", "pp", "n°", "no", "nos", "art", "arts", "al", "av", "apr", "j.-c",
        "jc", "vol", "chap", "fig", "éd", "ed", "coll", "env", "hab", "tél", "tel", "réf", "ref",
        "janv", "févr", "fév", "avr", "juil", "oct", "nov", "déc", "dir", "op", "cit", "ibid",
        "resp", "sq", "suiv", "vs", "cie", "éts", "ets", "gén", "prof", "mr", "mrs",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”\"’)\]])*")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.-?)+[^\W\d_]$")  # J.-C, U.E, S.A
_OPENERS = '«"“‘([¿¡'
_BLOCK_START = re.compile(r"^\s{0,3}(?:[-*+•–]\s|\d{1,3}[.)]\s|#{1,6}\s|\||>|```|~~~)")
_SINGLE_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s|\|)")
#: A lone short word before « ! » is part of a name (« Hi! Paris »), not a sentence.
_SHORT_WORD = re.compile(r"\s*(?:[-*+•–]\s+)?[A-Z][a-z]{0,2}")
_MAX_QUOTE = 300  # longer « ... » spans are split like ordinary text


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Yield spans that a sentence never crosses: paragraphs, list items, rows, headings."""
    start: int | None = None
    prev_end = 0
    prev_single = False
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if start is not None:
                yield start, prev_end
                start = None
            continue
        if start is not None and (prev_single or _BLOCK_START.match(line)):
            yield start, prev_end
            start = None
        if start is None:
            start = line_start
        prev_end = line_end
        prev_single = bool(_SINGLE_LINE.match(line))
    if start is not None:
        yield start, prev_end


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of balanced, short « ... » quotations in ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for i in range(start, end):
        if text[i] == "«":
            opened.append(i)
        elif text[i] == "»" and opened:
            o = opened.pop()
            if i - o <= _MAX_QUOTE:
                spans.append((o, i))
    return spans


def _is_abbreviation(text: str, seg_start: int, i: int) -> bool:
    """Whether the period at ``text[i]`` closes an abbreviation, an initial or a list number."""
    t = i
    while t > seg_start and not text[t - 1].isspace():
        t -= 1
    token = re.split(r"['’]", text[t:i])[-1].lstrip(_OPENERS)  # l'art. -> art
    if not token:
        return False
    if token.lower() in _ABBREVIATIONS or _DOTTED.match(token):
        return True
    if len(token) == 1 and token.isalpha():  # initial: "J. Dupont"
        return True
    line_start = text.rfind("\n", 0, t) + 1
    return token.isdigit() and not text[line_start:t].strip()  # "1. Premier point"


def _inside_brackets(text: str, start: int, j: int, end: int) -> bool:
    """Whether the sentence end before ``text[j]`` is inside brackets opened in this
    sentence and closed soon after in its segment: « (dont Hi! Paris) » is one sentence."""
    opened = text.count("(", start, j) - text.count(")", start, j)
    close = text.find(")", j, end)
    return opened > 0 and close != -1 and close - j <= 80


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    French rules: a sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any
    closing quote or bracket) followed by a space and a capital, a digit or an
    opening quote. Abbreviations (M., Mme, cf., p. ex., art., av. J.-C., ...),
    initials, list numbers, decimals ("2.5", "14,2"), URLs and short « ... »
    quotations do not end sentences. Paragraphs, list items, table rows and
    headings are always separate sentences.
    """
    spans: list[tuple[int, int]] = []
    for seg_start, seg_end in _segments(text):
        quotes = _quotes(text, seg_start, seg_end)
        start = seg_start
        for m in _SENTENCE_END.finditer(text, seg_start, seg_end):
            i, j = m.start(), m.end()
            if j >= seg_end:
                break
            if text[j] not in " \t\n":
                continue
            k = j
            while k < seg_end and text[k].isspace():
                k += 1
            if k >= seg_end:
                break
            nxt = text[k]
            if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
                continue
            if text[i - 1 : i] in ("(", "["):  # elision mark "(…)" or "[...]"
                continue
            punct = m.group().rstrip(' \u00a0\u202f»”"’)]')
            if punct == "." and _is_abbreviation(text, seg_start, i):
                continue
            if any(o < i and j <= c for o, c in quotes):
                continue
            if _inside_brackets(text, start, j, seg_end):  # « (dont Hi! Paris) »
                continue
            if punct == "!" and _SHORT_WORD.fullmatch(text[start:i]):  # « - Hi! Paris Cluster »
                continue
            spans.append(trim(text, start, j))
            start = k
        spans.append(trim(text, start, seg_end))
    return [(s, e) for s, e in spans if e > s]


# --- words ---------------------------------------------------------------------------------

_UNITS = frozenset(
    {
        "€", "m€", "md€", "mds€", "mrd€", "md", "mds", "mrd", "k€", "keur", "meur", "%", "‰", "m",
        "k", "million", "millions", "milliard", "milliards", "euro", "euros", "eur", "ht", "ttc",
        "h", "ha", "km", "kg", "t", "ans", "an", "mois", "etp", "pts", "pt", "points", "point",
    }
)  # fmt: skip
_NUMBER_PREFIXES = frozenset({"n°", "no", "art.", "p.", "§", "nº"})
_TRAILING = ".,;:!?…)]»\"”’'"
_BREAK = re.compile(r"[ \t\n]+")  # never at no-break spaces (U+00A0, U+202F, U+2007)


def _glued(text: str, a: int, b: int) -> bool:
    """Whether the whitespace ``text[a:b]`` sits inside a figure ("8 000", "14,2 M€")."""
    if a == 0 or b >= len(text):
        return False
    left_start = a
    while left_start > 0 and not text[left_start - 1].isspace():
        left_start -= 1
    right_end = b
    while right_end < len(text) and not text[right_end].isspace():
        right_end += 1
    left, right = text[left_start:a], text[b:right_end]
    if right[:1].isdigit() and (left[-1:].isdigit() or left.lower() in _NUMBER_PREFIXES):
        return True
    return left[-1:].isdigit() and right.rstrip(_TRAILING).lower() in _UNITS


def split_words(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at spaces into pieces of at most ``size`` (when possible)."""
    breaks = [
        (m.start(), m.end())
        for m in _BREAK.finditer(text, start, end)
        if not _glued(text, m.start(), m.end())
    ]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    last: tuple[int, int] | None = None  # furthest break that keeps the piece within size
    for a, b in breaks:
        if a - piece_start <= size:
            last = (a, b)
            continue
        if last is not None:
            pieces.append((piece_start, last[0]))
            piece_start, last = last[1], None
            if a - piece_start <= size:
                last = (a, b)
                continue
        pieces.append((piece_start, a))  # a single word longer than size: keep it whole
        piece_start = b
    if end - piece_start > size and last is not None:
        pieces.append((piece_start, last[0]))
        piece_start = last[1]
    pieces.append((piece_start, end))
    return [p for p in pieces if p[1] > p[0]]


def questions_in(text: str) -> str:
    """The sentences of ``text`` that ask (end with « ? ») when others only state
    (« les écoles de jeu vidéo c'est hors de prix... quelle part de privées ? »)."""
    sentences = re.split(r"(?<=[.!?…])\s+", text.strip())
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return " ".join(asking) if asking and len(asking) < len(sentences) else text
