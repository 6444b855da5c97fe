"""Sentence embeddings for indexing and retrieval (multilingual-e5-small by default).

Two backends give the same vectors for a sentence-transformers folder:

- ONNX Runtime (:class:`OnnxEmbedder`), used when the folder has ``onnx/model.onnx``
  (``assistant model build`` exports it): no torch import, so the chat starts fast;
- sentence-transformers (:class:`SentenceTransformerEmbedder`), the reference.

``ASSISTANT_EMBEDDING_BACKEND`` (``auto``, ``onnx``, ``sentence-transformers``) chooses.
Nothing is loaded at import time: call :func:`load_embedder`. Models are only ever read
from local files; nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from assistant._embed_common import PROGRESS_MIN_TEXTS, Vectors
from assistant._embed_onnx import OnnxEmbedder
from assistant._embed_st import SentenceTransformerEmbedder, force_offline
from assistant.config import Settings, get_settings
from assistant.errors import EmbeddingError
from assistant.model_build import ensure_model, read_build_info
from assistant.onnx_export import onnx_model_path

__all__ = [
    "PROGRESS_MIN_TEXTS",
    "E5Embedder",
    "Embedder",
    "OnnxEmbedder",
    "SentenceTransformerEmbedder",
    "Vectors",
    "load_embedder",
    "model_identity",
]

logger = logging.getLogger(__name__)

#: Former name of the sentence-transformers embedder.
E5Embedder = SentenceTransformerEmbedder


@runtime_checkable
class Embedder(Protocol):
    """What the store and the retriever need from an embedding model."""

    @property
    def name(self) -> str:
        """Identity of the model (recorded by the vector store to detect mismatches)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    @property
    def max_seq_length(self) -> int:
        """Token limit; longer texts are truncated."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embed passages: float32 array ``[len(texts), dimension]``, L2-normalised rows."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Embed one query: float32 vector ``[dimension]``, L2-normalised."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed several queries: float32 array ``[len(texts), dimension]``."""
        ...


def model_identity(path: Path) -> str:
    """Stable name of the model in ``path``: ``<model>@<weights sha256[:12]>`` when known.

    The name depends on the weights only, not on the backend that runs them.
    """
    info = read_build_info(path)
    if info and isinstance(info.get("weights_sha256"), str):
        return f"{info.get('model') or path.name}@{info['weights_sha256'][:12]}"
    if path.parent.name == "snapshots" and path.parent.parent.name.startswith("models--"):
        repo = path.parent.parent.name.removeprefix("models--").replace("--", "/")
        return f"{repo}@{path.name[:12]}"  # Hugging Face cache: repo id and commit
    return path.name or str(path)


def load_embedder(settings: Settings | None = None) -> Embedder:
    """Return the configured embedder, building the offline default model if needed."""
    settings = settings or get_settings()
    force_offline()
    path = ensure_model(settings)
    options = {"batch_size": settings.embedding_batch_size, "threads": settings.embedding_threads}
    backend = settings.embedding_backend
    if backend != "sentence-transformers":
        if onnx_model_path(path).is_file():
            try:
                return OnnxEmbedder(path, **options)
            except EmbeddingError as exc:
                if backend == "onnx":
                    raise
                logger.warning("%s; using sentence-transformers instead", exc)
        elif backend == "onnx":
            raise EmbeddingError(
                f"ASSISTANT_EMBEDDING_BACKEND is onnx but {path} has no onnx/model.onnx: "
                "run `assistant model build`, or set the backend to auto"
            )
    return SentenceTransformerEmbedder(path, **options)
