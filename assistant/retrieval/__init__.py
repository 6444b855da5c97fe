"""Retrieval: dense and lexical search fused, behind the :class:`Retriever` protocol."""

from assistant.retrieval.base import RetrievalResult, Retriever
from assistant.retrieval.hybrid import HybridRetriever

__all__ = ["HybridRetriever", "RetrievalResult", "Retriever"]
