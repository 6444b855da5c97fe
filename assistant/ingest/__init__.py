"""Ingest stage: files → documents → chunks → the index (incremental, keyed by content hash)."""

from assistant.ingest.chunking import Chunk, chunk_document
from assistant.ingest.documents import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    Document,
    LoadFailure,
    iter_documents,
    load_document,
    slugify,
)
from assistant.ingest.indexing import IndexReport, chunk_metadata, index_paths

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "Chunk",
    "Document",
    "IndexReport",
    "LoadFailure",
    "chunk_document",
    "chunk_metadata",
    "index_paths",
    "iter_documents",
    "load_document",
    "slugify",
]
