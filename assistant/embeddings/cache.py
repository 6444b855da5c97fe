"""A persistent cache of passage vectors, keyed by model and exact text (content-addressed).

The benchmark and the evaluations index the same texts again and again in throw-away
collections (three chunkings of the corpus, the Service-Public fiches for two systems,
their sentences); embedding them was most of ``make bench``'s time. ``assistant index``
uses it too: a fresh index (new data folder, new server) of texts embedded before reads
their vectors back; not with ``--reset`` (rebuilding from scratch), nor for a model not
pinned by its weights (an identity without ``@sha``). :class:`CachedEmbedder`
wraps any :class:`~assistant.embeddings.base.Embedder`: a passage already embedded by the
same model is read back instead of embedded again. Queries are never cached: they are
users' words, and nothing of them is written to disk.

Storage is ``diskcache`` (SQLite plus files, safe across processes, size-bounded: the oldest
vectors stored go first) under ``<cache_dir>/embeddings/``. Keys are the SHA-256 of
the model identity and the text, values the raw float32 bytes. A cache that cannot be
opened or read is logged (in English) and bypassed: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embeddings.base import Embedder, Vectors, as_texts

__all__ = ["CachedEmbedder", "cached_embedder"]

log = logging.getLogger(__name__)

#: Keys written per transaction (one SQLite commit each).
_WRITE_BATCH = 512


class CachedEmbedder:
    """``inner`` with its passage vectors kept on disk; counts hits and misses."""

    def __init__(self, inner: Embedder, folder: Path, *, size_limit_mb: int = 512) -> None:
        self.inner = inner
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self._cache: Any = None
        try:
            import diskcache

            self._cache = diskcache.Cache(
                str(self.folder),
                size_limit=size_limit_mb * 2**20,
                eviction_policy="least-recently-stored",
            )
        except Exception as exc:  # an unwritable folder, a damaged database…
            log.warning("embedding cache %s unavailable, embedding everything: %s", folder, exc)

    # --- the Embedder protocol -------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def max_seq_length(self) -> int:
        return self.inner.max_seq_length

    def embed_query(self, text: str) -> Vectors:
        return self.inner.embed_query(text)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts: Sequence[str], **kwargs: Any) -> Vectors:
        """Vectors of ``texts``: read from the cache, the others embedded and stored."""
        items = as_texts(texts)
        if self._cache is None:
            return self.inner.embed_documents(items, **kwargs)
        keys = [self._key(t) for t in items]
        out = np.empty((len(items), self.dimension), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        for i, (key, vector) in enumerate(zip(keys, self._read(keys), strict=True)):
            if vector is None:
                todo.setdefault(key, []).append(i)
            else:
                out[i] = vector
        self.hits += len(items) - sum(len(rows) for rows in todo.values())
        if todo:
            first = [rows[0] for rows in todo.values()]
            vectors = self.inner.embed_documents([items[i] for i in first], **kwargs)
            self.misses += len(first)
            for rows, vector in zip(todo.values(), vectors, strict=True):
                out[rows] = vector
            self._write(list(todo), vectors)
        return out

    # --- storage ---------------------------------------------------------------------------

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\npassage\n{text}".encode()).hexdigest()

    def _read(self, keys: list[str]) -> list[np.ndarray | None]:
        size = self.dimension * 4
        try:
            raw = [self._cache.get(key) for key in keys]
        except Exception as exc:
            log.warning("embedding cache unreadable, embedding everything: %s", exc)
            return [None] * len(keys)
        return [
            np.frombuffer(r, dtype=np.float32) if isinstance(r, bytes) and len(r) == size else None
            for r in raw
        ]

    def _write(self, keys: list[str], vectors: Vectors) -> None:
        try:
            for start in range(0, len(keys), _WRITE_BATCH):
                with self._cache.transact():
                    for key, vector in zip(
                        keys[start : start + _WRITE_BATCH],
                        vectors[start : start + _WRITE_BATCH],
                        strict=True,
                    ):
                        self._cache.set(key, np.asarray(vector, dtype=np.float32).tobytes())
        except Exception as exc:
            log.warning("embedding cache not written: %s", exc)

    def close(self) -> None:
        """Close the cache's database (it reopens on next use)."""
        if self._cache is not None:
            self._cache.close()

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.inner!r}, folder={str(self.folder)!r})"


def cached_embedder(inner: Embedder, cache_dir: Path, *, size_limit_mb: int) -> Embedder:
    """``inner`` behind the vector cache in ``cache_dir/embeddings``, or ``inner`` itself
    when ``size_limit_mb`` is 0 (cache disabled)."""
    if size_limit_mb <= 0:
        return inner
    return CachedEmbedder(inner, cache_dir / "embeddings", size_limit_mb=size_limit_mb)
