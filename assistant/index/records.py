"""The typed record of an indexed chunk: written once at indexing, read everywhere.

Chroma keeps metadata as a flat mapping of strings, numbers, booleans and lists; this
module is the only place that knows its keys. :meth:`ChunkMeta.to_chroma` writes it and
:meth:`ChunkMeta.from_chroma` reads it back (missing keys get their defaults, so indexes
written by earlier versions stay readable).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Separator of the heading path in the stored metadata (« Partenaires > Industriels »).
HEADING_SEPARATOR = " > "

ChromaMeta = dict[str, str | int | float | bool | list[str]]


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return str(value) if value not in (None, "") else None


def _strings(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str):
        value = (value,)
    return tuple(str(v) for v in value if v is not None)


@dataclass(frozen=True)
class ChunkMeta:
    """Where a chunk comes from and what its document says about itself."""

    doc_id: str
    doc_title: str = ""
    doc_url: str | None = None
    doc_hash: str = ""
    source_path: str = ""
    format: str = ""
    chunk_index: int = 0
    n_chunks: int = 0
    heading_path: tuple[str, ...] = ()
    #: Offsets of the chunk in its document's text.
    start: int = 0
    end: int = 0
    #: What was embedded and indexed for BM25: title and headings, then the text.
    embed_text: str = ""
    # Front-matter fields kept on every chunk (filters, citations).
    kind: str | None = None
    short_name: str | None = None
    updated: str | None = None
    season: str | None = None
    status_date: str | None = None
    ami_cma: bool | None = None
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    #: The whole front matter, on the first chunk of each document only.
    front_matter: Mapping[str, Any] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        """The heading path as one line (« Partenaires > Industriels »)."""
        return HEADING_SEPARATOR.join(self.heading_path)

    def to_chroma(self) -> ChromaMeta:
        """Flat Chroma metadata (lists only where non-empty: Chroma rejects [])."""
        meta: ChromaMeta = {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "doc_url": self.doc_url or "",
            "doc_hash": self.doc_hash,
            "source_path": self.source_path,
            "format": self.format,
            "chunk_index": self.chunk_index,
            "n_chunks": self.n_chunks,
            "heading_path": self.heading,
            "start": self.start,
            "end": self.end,
            "embed_text": self.embed_text,
        }
        for key in ("kind", "short_name", "updated", "season", "status_date"):
            value = getattr(self, key)
            if value is not None:
                meta[key] = value
        if self.ami_cma is not None:
            meta["ami_cma"] = self.ami_cma
        for key in ("regions", "sectors", "cities"):
            values = list(getattr(self, key))
            if values:
                meta[key] = values
        if self.front_matter:
            meta["doc_meta"] = json.dumps(dict(self.front_matter), ensure_ascii=False, default=str)
        return meta

    @classmethod
    def from_chroma(cls, raw: Mapping[str, Any] | None) -> ChunkMeta:
        """Read back what :meth:`to_chroma` wrote (tolerant of missing keys)."""
        raw = raw or {}
        front = raw.get("doc_meta")
        try:
            front_matter = json.loads(front) if isinstance(front, str) and front else {}
        except json.JSONDecodeError:
            front_matter = {}
        heading = str(raw.get("heading_path") or "")
        ami = raw.get("ami_cma")
        return cls(
            doc_id=str(raw.get("doc_id", "")),
            doc_title=str(raw.get("doc_title") or raw.get("doc_id") or ""),
            doc_url=_text(raw, "doc_url"),
            doc_hash=str(raw.get("doc_hash", "")),
            source_path=str(raw.get("source_path", "")),
            format=str(raw.get("format", "")),
            chunk_index=int(raw.get("chunk_index", 0) or 0),
            n_chunks=int(raw.get("n_chunks", 0) or 0),
            heading_path=tuple(p for p in heading.split(HEADING_SEPARATOR) if p),
            start=int(raw.get("start", 0) or 0),
            end=int(raw.get("end", 0) or 0),
            embed_text=str(raw.get("embed_text") or ""),
            kind=_text(raw, "kind"),
            short_name=_text(raw, "short_name"),
            updated=_text(raw, "updated"),
            season=_text(raw, "season"),
            status_date=_text(raw, "status_date"),
            ami_cma=ami if isinstance(ami, bool) else None,
            regions=_strings(raw, "regions"),
            sectors=_strings(raw, "sectors"),
            cities=_strings(raw, "cities"),
            front_matter=front_matter if isinstance(front_matter, dict) else {},
        )


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the index."""

    id: str
    text: str
    meta: ChunkMeta

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def index_text(self) -> str:
        """What was embedded and indexed (falls back to the text itself)."""
        return self.meta.embed_text or self.text
