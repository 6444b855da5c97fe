"""Sentence embeddings for indexing and retrieval (multilingual-e5-small by default).

Two backends give the same passage vectors for a sentence-transformers folder (question
vectors within cosine 0.99 when the int8 graph is used):

- ONNX Runtime (:class:`OnnxEmbedder`), used when the folder has ``onnx/model.onnx``
  (``assistant model build`` exports it): no torch import, so the chat starts fast;
  questions go through its int8 copy unless ``ASSISTANT_EMBEDDING_QUERY_INT8=false``;
- sentence-transformers (:class:`SentenceTransformerEmbedder`), the reference.

``ASSISTANT_EMBEDDING_BACKEND`` (``auto``, ``onnx``, ``sentence-transformers``) chooses.
Nothing is loaded at import time: call :func:`load_embedder`. Models are only ever read
from local files; nothing is downloaded at run time.
"""

from __future__ import annotations

import logging

from assistant.config import Settings, get_settings
from assistant.embeddings.base import Embedder
from assistant.embeddings.onnx_runtime import OnnxEmbedder
from assistant.embeddings.sbert import SentenceTransformerEmbedder, force_offline
from assistant.errors import EmbeddingError
from assistant.models.build import ensure_model
from assistant.models.onnx_export import onnx_model_path
from assistant.models.quantize import query_model_path

__all__ = ["load_embedder"]

logger = logging.getLogger(__name__)


def load_embedder(settings: Settings | None = None) -> Embedder:
    """Return the configured embedder, building the offline default model if needed."""
    settings = settings or get_settings()
    force_offline()
    path = ensure_model(settings)
    options = {"batch_size": settings.embedding_batch_size, "threads": settings.embedding_threads}
    backend = settings.embedding_backend
    if backend != "sentence-transformers":
        if onnx_model_path(path).is_file():
            int8 = query_model_path(path) if settings.embedding_query_int8 else None
            try:
                return OnnxEmbedder(path, query_graph=int8, **options)
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
