"""Answer types shared by every interface: passages, citations, answers, filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from assistant.index.records import StoredChunk

#: Refusal sentence required by the product card.
NOT_FOUND = "Je n'ai pas trouvé cette information dans les documents dont je dispose."


@dataclass(frozen=True)
class Filters:
    """Metadata filters usable from every interface (empty tuple = no filter)."""

    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    #: Whether a region filter keeps national schemes (open to every region). The
    #: interfaces (chat, API, widget, CLI) set it for the filters users and sites choose.
    include_national: bool = False
    #: Documents left out of the search, as if they were not indexed (evaluation probes).
    exclude: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.regions or self.sectors or self.programmes)

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "regions": list(self.regions),
            "sectors": list(self.sectors),
            "programmes": list(self.programmes),
        }


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores."""

    chunk: StoredChunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id

    @property
    def title(self) -> str:
        return self.chunk.meta.doc_title or self.doc_id


@dataclass(frozen=True)
class Citation:
    """A cited source: the quoted span and where it comes from."""

    n: int
    doc_id: str
    title: str
    url: str | None
    quote: str
    chunk_id: str
    start: int  # offsets of the quote in the chunk text
    end: int
    chunk_text: str
    updated: str | None = None
    heading: str = ""
    source_name: str = ""  # the programme's short name

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "id": self.doc_id,
            "title": self.title,
            "url": self.url,
            "quote": self.quote,
            "chunk_id": self.chunk_id,
            "start": self.start,
            "end": self.end,
            "updated": self.updated,
            "heading": self.heading,
        }


@dataclass
class Answer:
    """What the assistant says, with its sources."""

    text: str
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    confidence: float = 0.0
    standalone_question: str = ""
    passages: list[Passage] = field(default_factory=list)
    table: list[dict[str, str]] | None = None  # rows of a comparison, when there is one
    notice: str | None = None  # e.g. a generative answer replaced by the extractive one
    backend: str = "extractive"
    #: Numbers the assistant computed itself (e.g. how many programmes it lists).
    derived_numbers: list[str] = field(default_factory=list)
    #: Stable id of this answer (32 hex digits): feedback and the question log refer to it.
    answer_id: str = field(default_factory=lambda: uuid4().hex)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape read by other tools (extra keys may be added, never removed)."""
        return {
            "answer": self.text,
            "answerable": self.answerable,
            "citations": [c.to_json() for c in self.citations],
            "confidence": round(float(self.confidence), 4),
            "standalone_question": self.standalone_question,
            "table": self.table,
            "notice": self.notice,
            "backend": self.backend,
            "answer_id": self.answer_id,
        }

    def render_text(self) -> str:
        """Plain-text rendering for a terminal: the answer, then numbered sources."""
        lines = [self.text]
        if self.citations:
            lines.append("")
            lines.append("Sources :")
            for c in self.citations:
                updated = f" (à jour au {c.updated})" if c.updated else ""
                url = f" — {c.url}" if c.url else ""
                lines.append(f"[{c.n}] {c.title}{updated}{url}")
                lines.append(f"    « {c.quote} »")
        return "\n".join(lines)
