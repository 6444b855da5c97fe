"""Verbatim sentences of chunks, and the numbered citations built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer import Citation
from assistant.answering.verification import is_injection
from assistant.index.records import StoredChunk
from assistant.text.sentences import split_sentences

_LEAD = re.compile(r"^(?:\s*(?:[-*+•–]|\d{1,3}[.)])\s+|\s*>\s*)")
_MIN_CHARS = 12


@dataclass(frozen=True)
class Quote:
    """A sentence of a chunk, by offsets (``chunk.text[start:end]``)."""

    chunk: StoredChunk
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.chunk.id, self.start, self.end)


@lru_cache(maxsize=8192)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
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


def sentences(chunk: StoredChunk) -> list[Quote]:
    """Quotable sentences of ``chunk`` (headings, table rows and list markers left out)."""
    return [Quote(chunk, s, e) for s, e in _spans(chunk.text)]


@dataclass
class CitationBuilder:
    """Numbers quotes [1], [2]… in order of first use; one number per distinct quote."""

    citations: list[Citation] = field(default_factory=list)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, quote: Quote) -> int:
        if quote.key in self._numbers:
            return self._numbers[quote.key]
        n = len(self.citations) + 1
        meta = quote.chunk.meta
        self.citations.append(
            Citation(
                n=n,
                doc_id=quote.chunk.doc_id,
                title=meta.doc_title or quote.chunk.doc_id,
                url=meta.doc_url,
                quote=quote.text,
                chunk_id=quote.chunk.id,
                start=quote.start,
                end=quote.end,
                chunk_text=quote.chunk.text,
                updated=meta.updated,
                heading=meta.heading,
                source_name=meta.short_name or "",
            )
        )
        self._numbers[quote.key] = n
        return n


def first_quote(chunks: Sequence[StoredChunk]) -> Quote | None:
    """The first quotable sentence of the first chunk that has one."""
    for chunk in chunks:
        found = sentences(chunk)
        if found:
            return found[0]
    return None


def quotes_of(chunks: Iterable[StoredChunk]) -> list[Quote]:
    return [q for chunk in chunks for q in sentences(chunk)]
