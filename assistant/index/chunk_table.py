"""What retrieval keeps in memory of every stored chunk: its id, its document and its
place in the document, as compact numpy arrays (texts and metadata stay in Chroma).

Position ``i`` of the table is text ``i`` of the lexical index built with it. Ids are
content-derived, so :func:`fingerprint` of the sorted ids changes whenever the stored
chunks do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_FILE = "table.npz"


def fingerprint(ids: Iterable[str]) -> str:
    """Digest of a set of chunk ids (order does not matter)."""
    digest = hashlib.sha256()
    for cid in sorted(ids):
        digest.update(cid.encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class ChunkTable:
    """Chunk ids, their documents and their order within them."""

    #: Chunk id of each position.
    ids: np.ndarray
    #: The documents, sorted; ``doc_code[i]`` is the document of position ``i``.
    docs: np.ndarray
    doc_code: np.ndarray
    #: Index of each chunk within its document.
    chunk_index: np.ndarray
    _by_id: np.ndarray = field(init=False, repr=False)
    _doc_order: np.ndarray = field(init=False, repr=False)
    _doc_start: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Sorted views for look-ups by id and by document (no dict of every id in RAM).
        set_ = object.__setattr__
        set_(self, "_by_id", np.argsort(self.ids, kind="stable"))
        # Stable: chunks of equal index (two versions of a document) keep their order.
        order = np.lexsort((self.chunk_index, self.doc_code))
        set_(self, "_doc_order", order)
        starts = np.searchsorted(self.doc_code[order], np.arange(len(self.docs) + 1))
        set_(self, "_doc_start", starts)

    @classmethod
    def build(
        cls, ids: Sequence[str], doc_ids: Sequence[str], chunk_index: Sequence[int]
    ) -> ChunkTable:
        """A table from parallel lists (position ``i``: chunk ``ids[i]``)."""
        docs, codes = np.unique(np.asarray(doc_ids, dtype=str), return_inverse=True)
        return cls(
            ids=np.asarray(ids, dtype=str),
            docs=docs,
            doc_code=codes.astype(np.int32).reshape(-1),
            chunk_index=np.asarray(chunk_index, dtype=np.int32).reshape(-1),
        )

    @property
    def size(self) -> int:
        return len(self.ids)

    def fingerprint(self) -> str:
        return fingerprint(self.ids.tolist())

    def position(self, chunk_id: str) -> int | None:
        """Position of ``chunk_id``, or None when the table does not hold it."""
        if not self.size:
            return None
        i = int(np.searchsorted(self.ids, chunk_id, sorter=self._by_id))
        if i < self.size and self.ids[self._by_id[i]] == chunk_id:
            return int(self._by_id[i])
        return None

    def doc_of(self, position: int) -> str:
        return str(self.docs[self.doc_code[position]])

    def _code(self, doc_id: str) -> int | None:
        i = int(np.searchsorted(self.docs, doc_id))
        return i if i < len(self.docs) and self.docs[i] == doc_id else None

    def positions_of(self, doc_id: str) -> np.ndarray:
        """Positions of one document's chunks, in document order (empty if unknown)."""
        code = self._code(doc_id)
        if code is None:
            return np.empty(0, dtype=np.int64)
        return self._doc_order[self._doc_start[code] : self._doc_start[code + 1]]

    def in_docs(self, doc_ids: Iterable[str]) -> np.ndarray:
        """Boolean mask of the positions whose document is one of ``doc_ids``."""
        codes = [c for c in (self._code(d) for d in doc_ids) if c is not None]
        return np.isin(self.doc_code, np.asarray(codes, dtype=np.int32))

    # --- on disk ------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        with (folder / _FILE).open("wb") as fh:
            np.savez(
                fh,
                ids=self.ids,
                docs=self.docs,
                doc_code=self.doc_code,
                chunk_index=self.chunk_index,
            )

    @classmethod
    def load(cls, folder: Path) -> ChunkTable:
        """Read a table written by :meth:`save` (``OSError``/``ValueError`` if damaged)."""
        with np.load(folder / _FILE, allow_pickle=False) as data:
            table = cls(
                ids=data["ids"],
                docs=data["docs"],
                doc_code=data["doc_code"],
                chunk_index=data["chunk_index"],
            )
        n = table.size
        if len(table.doc_code) != n or len(table.chunk_index) != n:
            raise ValueError(f"chunk table in {folder} has arrays of different lengths")
        if n and (table.doc_code.min() < 0 or table.doc_code.max() >= len(table.docs)):
            raise ValueError(f"chunk table in {folder} refers to unknown documents")
        return table
