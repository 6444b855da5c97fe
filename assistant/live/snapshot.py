"""One loaded state of the index: everything an answer needs that depends on the index.

An :class:`~assistant.service.Assistant` answers each question from one
:class:`Snapshot`, taken once when the question starts: the catalogue, the retriever
(its chunks and BM25), the stored sentence vectors and the chain wired over them all come
from the same index version, so no answer mixes two versions. A new version gives a new
snapshot (:mod:`assistant.live.watcher`); the embedding model, which does not depend on
the index, is shared by all of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from assistant.errors import EmptyIndexError
from assistant.index.isolated import isolated_client, release_client
from assistant.index.store import ChunkStore
from assistant.index.version import IndexVersion, read_version

if TYPE_CHECKING:
    from assistant.catalog import Catalog
    from assistant.config import Settings
    from assistant.embeddings.base import Embedder
    from assistant.index.sentence_vectors import SentenceVectorStore
    from assistant.retrieval.hybrid import HybridRetriever

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """The components built from one index version (immutable; shared by threads)."""

    version: IndexVersion
    loaded_at: datetime
    store: ChunkStore
    catalog: Catalog
    retriever: HybridRetriever
    sentence_vectors: SentenceVectorStore
    chain: Any  # Runnable[dict, Answer], built by assistant.answering.chain.build_chain

    def describe(self) -> dict[str, Any]:
        """The version, when it was written and when this process loaded it."""
        return {
            "index_version": self.version.number,
            "index_updated": self.version.updated,
            "index_loaded_at": self.loaded_at.isoformat(timespec="seconds"),
        }

    def close(self) -> None:
        """Release the snapshot's Chroma client (call only when no question uses it)."""
        release_client(self.store.client)


def load_snapshot(settings: Settings, embedder: Embedder, *, collection: str, llm: str) -> Snapshot:
    """Open the collection through a client of its own and build every component.

    The version is read first, so a snapshot is never labelled newer than its content
    (a version written during the load is loaded again at the next check).
    """
    from assistant.answering.chain import build_chain
    from assistant.catalog import Catalog
    from assistant.index.sentence_vectors import SentenceVectorStore
    from assistant.retrieval.hybrid import HybridRetriever

    client = isolated_client(settings)
    try:
        store = ChunkStore.open(settings, embedder.name, collection=collection, client=client)
        version = read_version(store)
        catalog = Catalog.from_store(store)
        retriever = HybridRetriever.build(store, embedder, settings, catalog)
        if retriever.size == 0:
            raise EmptyIndexError(f"collection {collection!r} is empty: run `assistant index`")
        sentence_vectors = SentenceVectorStore.for_chunks(store)
        chain = build_chain(
            settings,
            catalog=catalog,
            retriever=retriever,
            embedder=embedder,
            sentence_vectors=sentence_vectors,
            llm=llm,
        )
    except BaseException:
        release_client(client)
        raise
    return Snapshot(
        version=version,
        loaded_at=datetime.now(UTC),
        store=store,
        catalog=catalog,
        retriever=retriever,
        sentence_vectors=sentence_vectors,
        chain=chain,
    )
