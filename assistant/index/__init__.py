"""The index: chunk records, the Chroma store (embedded or ``chroma run``), the stored
sentence vectors, French BM25 and the lexical snapshot (chunk table + BM25, saved)."""

from assistant.index.chroma import ensure_writable, make_client
from assistant.index.chunk_table import ChunkTable
from assistant.index.lexical import LexicalIndex
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.index.sentence_vectors import SentenceVectorStore
from assistant.index.snapshot import Snapshot, load_snapshot, refresh_snapshot
from assistant.index.store import ChunkStore, DocState

__all__ = [
    "ChunkMeta",
    "ChunkStore",
    "ChunkTable",
    "DocState",
    "LexicalIndex",
    "SentenceVectorStore",
    "Snapshot",
    "StoredChunk",
    "ensure_writable",
    "load_snapshot",
    "make_client",
    "refresh_snapshot",
]
