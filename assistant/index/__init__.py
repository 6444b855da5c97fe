"""The index: chunk records, the Chroma store (embedded or ``chroma run``), the stored
sentence vectors and French BM25."""

from assistant.index.lexical import LexicalIndex
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.index.sentence_vectors import SentenceVectorStore
from assistant.index.store import ChunkStore, DocState, ensure_writable, make_client

__all__ = [
    "ChunkMeta",
    "ChunkStore",
    "DocState",
    "LexicalIndex",
    "SentenceVectorStore",
    "StoredChunk",
    "ensure_writable",
    "make_client",
]
