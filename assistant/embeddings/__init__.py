"""Embeddings: the :class:`Embedder` protocol and its two backends (ONNX Runtime, the
default, and sentence-transformers, the reference), chosen by :func:`load_embedder`."""

from assistant.embeddings.base import BaseEmbedder, Embedder, Vectors, model_identity
from assistant.embeddings.loading import load_embedder
from assistant.embeddings.onnx_runtime import OnnxEmbedder
from assistant.embeddings.sbert import SentenceTransformerEmbedder

__all__ = [
    "BaseEmbedder",
    "Embedder",
    "OnnxEmbedder",
    "SentenceTransformerEmbedder",
    "Vectors",
    "load_embedder",
    "model_identity",
]
