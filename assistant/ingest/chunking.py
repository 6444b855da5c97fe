"""Split documents into French-aware, heading-scoped chunks.

A chunk never spans two Markdown sections and is always a verbatim slice of
``Document.text`` (``doc.text[c.start:c.end] == c.text``). Inside a section,
paragraphs are packed up to ``size`` characters; longer paragraphs are split at
sentence boundaries, longer sentences at word boundaries that never separate a
number from its digits or its unit ("8 000", "14,2 M€", "3,5 %").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.ingest.documents import Document
from assistant.text.sentences import split_sentences, split_words, trim

__all__ = ["Chunk", "chunk_document"]


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, with its place in the heading structure."""

    id: str
    doc_id: str
    index: int
    text: str
    heading_path: tuple[str, ...]
    start: int
    end: int
    doc_title: str = ""
    #: Lines repeated from earlier in the document for context (a table's header
    #: row when a long table is split); part of :attr:`embed_text`, not of ``text``.
    context: str = ""

    @property
    def embed_text(self) -> str:
        """Text to embed and index: "Title > Heading > Sub" line, then the chunk."""
        prefix = " > ".join(p for p in (self.doc_title, *self.heading_path) if p)
        return "\n".join(p for p in (prefix, self.context, self.text) if p)


# --- sections and blocks -------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+•–]|\d{1,3}[.)])\s+\S")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """``(line_start, line_end, level, heading)`` of Markdown headings outside code fences."""
    headings: list[tuple[int, int, int, str]] = []
    in_fence = False
    for line_start, line_end, line in _lines(text, 0, len(text)):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _HEADING.match(line)):
            headings.append((line_start, line_end, len(m.group(1)), " ".join(m.group(2).split())))
    return headings


def _sections(doc: Document) -> list[tuple[tuple[str, ...], int, int]]:
    """``(heading_path, body_start, body_end)`` of each non-empty section.

    The title heading is left out of paths: a heading equal to the document
    title, or a document's only ``#`` heading when it comes first.
    """
    text = doc.text
    headings = _headings(text)
    title = " ".join(doc.title.split()).casefold()
    h1s = [h for h in headings if h[2] == 1]
    title_heading = h1s[0] if len(h1s) == 1 and h1s[0] == headings[0] else None
    sections: list[tuple[tuple[str, ...], int, int]] = []
    stack: list[tuple[int, str, bool]] = []  # (level, heading, hidden)
    body_start = 0
    for heading in headings:
        line_start, line_end, level, name = heading
        sections.append((tuple(h for _, h, hidden in stack if not hidden), body_start, line_start))
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name, heading == title_heading or name.casefold() == title))
        body_start = min(line_end + 1, len(text))
    sections.append((tuple(h for _, h, hidden in stack if not hidden), body_start, len(text)))
    return [(p, s, e) for p, s, e in sections if text[s:e].strip()]


def _blocks(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Split a section body into ``(kind, start, end)`` blocks: para, list, table, code."""
    blocks: list[tuple[str, int, int]] = []
    kind: str | None = None
    b_start = b_end = start
    pending_blank = False
    for line_start, line_end, line in _lines(text, start, end):
        if kind == "code":
            b_end = line_end
            if _FENCE.match(line):
                blocks.append((kind, b_start, b_end))
                kind = None
            continue
        if not line.strip():
            pending_blank = True
            continue
        if _FENCE.match(line):
            new = "code"
        elif line.lstrip().startswith("|"):
            new = "table"
        elif _LIST_ITEM.match(line):
            new = "list"
        elif kind == "list" and (not pending_blank or line.startswith(("  ", "\t"))):
            new = "list"  # continuation of an item
        else:
            new = "para"
        if kind is not None and (new != kind or (pending_blank and new != "list")):
            blocks.append((kind, b_start, b_end))
            kind = None
        if kind is None:
            kind, b_start = new, line_start
        b_end, pending_blank = line_end, False
    if kind is not None:
        blocks.append((kind, b_start, b_end))
    return [(k, *trim(text, s, e)) for k, s, e in blocks if text[s:e].strip()]


# --- units and packing ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    kind: str = "text"  # "text" or "table"
    context: str = ""  # repeated table header: the unit must open a chunk


def _sentence_units(text: str, start: int, end: int, size: int) -> list[_Unit]:
    units: list[_Unit] = []
    for s, e in split_sentences(text[start:end]):
        s, e = s + start, e + start
        pieces = [(s, e)] if e - s <= size else split_words(text, s, e, size)
        units.extend(_Unit(a, b) for a, b in pieces)
    return units


def _row_units(text: str, start: int, end: int, size: int, kind: str) -> list[_Unit]:
    """Split a table (header repeated as context) or a code block by lines."""
    rows = [(s, e) for s, e, line in _lines(text, start, end) if line.strip()]
    header: list[tuple[int, int]] = []
    if kind == "table" and rows:
        header = rows[:1]
        if len(rows) > 1 and _TABLE_SEPARATOR.match(text[rows[1][0] : rows[1][1]]):
            header = rows[:2]
    context = text[header[0][0] : header[-1][1]] if header else ""
    units: list[_Unit] = []
    g_start: int | None = None
    g_end = start
    for s, e in rows[len(header) :] if header else rows:
        if g_start is None:
            g_start = start if not units else s
        elif e - g_start + (len(context) + 1 if units else 0) > size:
            units.append(_Unit(g_start, g_end, kind, context if units else ""))
            g_start = s
        g_end = e
    if g_start is None:  # header only
        return [_Unit(start, end, kind)]
    units.append(_Unit(g_start, g_end, kind, context if units else ""))
    result: list[_Unit] = []
    for u in units:  # a single row longer than size
        if u.end - u.start + len(u.context) > size and "\n" not in text[u.start : u.end]:
            pieces = split_words(text, u.start, u.end, max(size - len(u.context), 1))
            for n, (a, b) in enumerate(pieces):
                result.append(_Unit(a, b, kind, u.context if n == 0 else ""))
        else:
            result.append(u)
    return result


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    for s, e, line in _lines(text, start, end):
        if _LIST_ITEM.match(line) or not items:
            items.append((s, e))
        elif line.strip():
            items[-1] = (items[-1][0], e)
    return items


def _block_units(text: str, kind: str, start: int, end: int, size: int) -> list[_Unit]:
    if end - start <= size:
        return [_Unit(start, end, "table" if kind == "table" else "text")]
    if kind in ("table", "code"):
        return _row_units(text, start, end, size, kind)
    if kind == "list":
        units: list[_Unit] = []
        for s, e in _list_items(text, start, end):
            units.extend(_sentence_units(text, s, e, size))
        return units
    return _sentence_units(text, start, end, size)


def _section_units(text: str, start: int, end: int, size: int) -> list[_Unit]:
    """Units of a section; a list stays with the paragraph (or sentence) introducing it."""
    blocks = _blocks(text, start, end)
    units: list[_Unit] = []
    i = 0
    while i < len(blocks):
        kind, s, e = blocks[i]
        if kind == "para" and i + 1 < len(blocks) and blocks[i + 1][0] == "list":
            list_s, list_e = blocks[i + 1][1:]
            if list_e - s <= size:  # intro paragraph and whole list fit together
                units.append(_Unit(s, list_e))
                i += 2
                continue
            intro = _sentence_units(text, s, e, size)
            rest = _block_units(text, "list", list_s, list_e, size)
            if e - s <= size:  # keep the paragraph whole, minus its last sentence
                head = [_Unit(s, intro[-2].end)] if len(intro) > 1 else []
            else:
                head = intro[:-1]
            last = intro[-1]
            if rest[-1].end - last.start <= size:
                units.extend([*head, _Unit(last.start, rest[-1].end)])
            elif rest[0].end - last.start <= size:
                units.extend([*head, _Unit(last.start, rest[0].end), *rest[1:]])
            else:
                units.extend([*head, last, *rest])
            i += 2
            continue
        units.extend(_block_units(text, kind, s, e, size))
        i += 1
    return units


def _overlap_start(text: str, start: int, end: int, overlap: int) -> int | None:
    """Start of the whole trailing sentences of ``text[start:end]`` closest to ``overlap`` chars."""
    if overlap <= 0:
        return None
    best: int | None = None
    for s, _ in reversed(split_sentences(text[start:end])):
        s += start
        if s <= start or end - s > 2 * overlap:
            break
        if best is None or abs(end - s - overlap) < abs(end - best - overlap):
            best = s
    return best


def _pack(text: str, units: list[_Unit], size: int, overlap: int) -> list[tuple[int, int, str]]:
    """Greedily pack units into ``(start, end, context)`` spans of at most ``size`` chars."""
    spans: list[tuple[int, int, str]] = []
    current: list[_Unit] = []
    c_start = 0
    for unit in units:
        if current and not unit.context and unit.end - c_start <= size:
            current.append(unit)
            continue
        if current:
            spans.append((c_start, current[-1].end, current[0].context))
        c_start = unit.start
        previous = current[-1] if current else None
        if previous is not None and previous.kind == "text" and unit.kind == "text":
            o_start = _overlap_start(text, spans[-1][0], spans[-1][1], overlap)
            if o_start is not None and unit.end - o_start <= size:
                c_start = o_start
        current = [unit]
    if current:
        spans.append((c_start, current[-1].end, current[0].context))
    return spans


def chunk_document(doc: Document, *, size: int, overlap: int) -> list[Chunk]:
    """Split ``doc`` into chunks of about ``size`` characters.

    Consecutive chunks of a section share about ``overlap`` characters of whole
    sentences. A unit that cannot be split (a word, a URL, a figure) may exceed
    ``size``. Raises ``ValueError`` if ``size < 1`` or not ``0 <= overlap < size``.
    """
    if size < 1:
        raise ValueError(f"chunk size must be positive, got {size}")
    if not 0 <= overlap < size:
        raise ValueError(f"chunk overlap must be in [0, {size}), got {overlap}")
    text = doc.text
    chunks: list[Chunk] = []
    for path, s_start, s_end in _sections(doc):
        units = _section_units(text, s_start, s_end, size)
        for start, end, context in _pack(text, units, size, overlap):
            index = len(chunks)
            chunks.append(
                Chunk(
                    id=f"{doc.id}:{doc.content_hash[:12]}:{index:04d}",
                    doc_id=doc.id,
                    index=index,
                    text=text[start:end],
                    heading_path=path,
                    start=start,
                    end=end,
                    doc_title=doc.title,
                    context=context,
                )
            )
    return chunks
