"""Vectors of the chunks' quotable sentences, computed at indexing, read at question time.

The extractive answerer re-ranks its best candidate sentences by their own embedding;
embedding them for every question was most of an answer's CPU time. They are embedded
once, when their chunk is indexed, into a second Chroma collection next to the chunks
one (``<chunks>-sentences``), so the embedded store and ``chroma run`` both serve them.

Keys: the id of a vector is the SHA-1 of the exact text embedded (the sentence cut to
:data:`SENTENCE_CHARS`, as the answerer cuts it). A sentence repeated across chunks
(overlaps) or documents is embedded and stored once, and an unchanged sentence is never
embedded again. No reference lists are kept: :meth:`SentenceVectorStore.sync`, run at the
end of every indexing run, marks the keys that the stored chunks hold, embeds the missing
ones and deletes the others (mark and sweep). That is correct whatever happened before
(a document replaced or deleted, a run killed half-way, an index built before sentence
vectors existed) and costs one read of the chunks' texts, no embedding, when nothing
changed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from tqdm import tqdm

from assistant.index.chroma import delete_collection, delete_ids, open_collection, wrap_error
from assistant.index.store import SENTENCES_SUFFIX, ChunkStore
from assistant.text.quotable import quotable_spans

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

#: Characters of a sentence that are embedded: long list-like "sentences" would dominate
#: the cost, and their start is enough to tell them apart.
SENTENCE_CHARS = 300
#: Sentences embedded (and written) per call at indexing (under the embedder's own
#: progress-bar threshold).
_BATCH = 128
_PAGE = 5000

#: Embeds texts as documents (the embedder's ``embed_documents``).
EmbedDocuments = Callable[[list[str]], np.ndarray]


def sentence_key(text: str) -> str:
    """The id of the vector of ``text`` (the exact text embedded)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def sentence_texts(chunk_text: str) -> list[str]:
    """What is embedded for each quotable sentence of a chunk, in order."""
    return [chunk_text[s:e][:SENTENCE_CHARS] for s, e in quotable_spans(chunk_text)]


@dataclass
class SentenceSync:
    """What :meth:`SentenceVectorStore.sync` did."""

    referenced: int = 0
    embedded: int = 0
    deleted: int = 0
    seconds: float = 0.0


class SentenceVectorStore:
    """The Chroma collection of sentence vectors that goes with one chunks collection."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    @property
    def name(self) -> str:
        return self._collection.name

    @classmethod
    def for_chunks(cls, store: ChunkStore) -> SentenceVectorStore:
        """Open (creating if needed) the sentence vectors of ``store``'s collection."""
        return cls.open(store.client, store.name + SENTENCES_SUFFIX, store.embedder_name)

    @classmethod
    def open(cls, client: ClientAPI, name: str, embedder_name: str) -> SentenceVectorStore:
        """Open collection ``name``; one built by another embedder is dropped (it is only
        derived data: the next indexing run fills it again)."""
        try:
            coll = open_collection(client, name, embedder_name)
            built_by = (coll.metadata or {}).get("embedder")
            if built_by and built_by != embedder_name:
                log.warning("sentence vectors %r built by %r: dropped", name, built_by)
                delete_collection(client, name)
                coll = open_collection(client, name, embedder_name)
        except Exception as exc:
            raise wrap_error(exc, f"cannot open collection {name!r}") from exc
        return cls(coll)

    # --- question time ---------------------------------------------------------------------

    def vectors(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each text (``None`` where there is none)."""
        keys = [sentence_key(t) for t in texts]
        if not keys:
            return []
        try:
            res = self._collection.get(ids=list(dict.fromkeys(keys)), include=["embeddings"])
        except Exception as exc:
            raise wrap_error(exc, "reading sentence vectors failed") from exc
        embeddings: Any = res.get("embeddings")
        if embeddings is None:
            embeddings = []
        found = {
            key: np.asarray(vec, dtype=np.float32)
            for key, vec in zip(res["ids"], embeddings, strict=True)
        }
        return [found.get(k) for k in keys]

    # --- indexing --------------------------------------------------------------------------

    def keys(self) -> set[str]:
        """Ids of every stored vector."""
        out: set[str] = set()
        offset = 0
        while True:
            try:
                page = self._collection.get(include=[], limit=_PAGE, offset=offset)
            except Exception as exc:
                raise wrap_error(exc, "reading sentence vectors failed") from exc
            if not page["ids"]:
                return out
            out.update(page["ids"])
            offset += len(page["ids"])

    def sync(
        self,
        chunk_texts: Iterable[str],
        embed: Callable[[], EmbedDocuments],
        *,
        progress: bool = False,
    ) -> SentenceSync:
        """Store the vectors of every sentence of ``chunk_texts`` and only those.

        ``embed`` is a factory called only when a sentence needs embedding.
        """
        started = time.perf_counter()
        wanted: dict[str, str] = {}
        for text in chunk_texts:
            for sentence in sentence_texts(text):
                wanted.setdefault(sentence_key(sentence), sentence)
        stored = self.keys()
        missing = [key for key in wanted if key not in stored]
        stale = [key for key in stored if key not in wanted]
        report = SentenceSync(referenced=len(wanted))
        if missing:
            encode = embed()
            with tqdm(
                total=len(missing), desc="Sentences", unit="sentence", disable=not progress
            ) as bar:
                for start in range(0, len(missing), _BATCH):
                    batch = missing[start : start + _BATCH]
                    vectors = encode([wanted[key] for key in batch])
                    self._add(batch, vectors)
                    report.embedded += len(batch)
                    bar.update(len(batch))
        if stale:
            delete_ids(self._collection, stale, "sentence vectors")
            report.deleted = len(stale)
        report.seconds = time.perf_counter() - started
        return report

    def _add(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        try:
            self._collection.upsert(
                ids=list(keys), embeddings=np.asarray(vectors, dtype=np.float32)
            )
        except Exception as exc:
            raise wrap_error(exc, "writing sentence vectors failed") from exc
