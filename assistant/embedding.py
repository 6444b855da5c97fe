"""Sentence embeddings for indexing and retrieval (multilingual-e5-small by default).

Nothing is loaded at import time: call :func:`load_embedder`. Models are only ever read
from local files; nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from assistant.config import Settings, get_settings
from assistant.errors import EmbeddingError
from assistant.model_build import ensure_model, read_build_info

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

#: Number of texts from which ``embed_documents`` shows a progress bar by default.
PROGRESS_MIN_TEXTS = 256
_E5_NAME = re.compile(r"(^|[/_\-])e5([_\-]|$)", re.IGNORECASE)
_E5_PROMPTS = ("query: ", "passage: ")


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

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embed passages: float32 array ``[len(texts), dimension]``, L2-normalised rows."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Embed one query: float32 vector ``[dimension]``, L2-normalised."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed several queries: float32 array ``[len(texts), dimension]``."""
        ...


def _force_offline() -> None:
    """Make the Hugging Face libraries local-only unless the caller decided otherwise."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def model_identity(path: Path) -> str:
    """Stable name of the model in ``path``: ``<model>@<weights sha256[:12]>`` when known."""
    info = read_build_info(path)
    if info and isinstance(info.get("weights_sha256"), str):
        return f"{info.get('model') or path.name}@{info['weights_sha256'][:12]}"
    if path.parent.name == "snapshots" and path.parent.parent.name.startswith("models--"):
        repo = path.parent.parent.name.removeprefix("models--").replace("--", "/")
        return f"{repo}@{path.name[:12]}"  # Hugging Face cache: repo id and commit
    return path.name or str(path)


def _as_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("expected a sequence of strings, got a single string")
    items = list(texts)
    if not all(isinstance(t, str) for t in items):
        raise TypeError("every text to embed must be a string")
    return items


class E5Embedder:
    """sentence-transformers model on CPU applying the E5 prefixes to queries and passages."""

    def __init__(
        self,
        model_path: Path,
        *,
        name: str | None = None,
        batch_size: int = 32,
        threads: int = 0,
    ) -> None:
        """Load the model in ``model_path`` (a sentence-transformers or HF model folder)."""
        _force_offline()
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if threads > 0:
            torch.set_num_threads(threads)
        self.model_path = Path(model_path)
        self.batch_size = max(1, batch_size)
        bar = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # no "Loading weights" bar in logs
        try:
            model = SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            raise EmbeddingError(f"cannot load embedding model {self.model_path}: {exc}") from exc
        finally:
            if bar:
                hf_logging.enable_progress_bar()
        if any(p.dtype != torch.float32 for p in model.parameters()):
            model = model.to(torch.float32)  # half precision is slow and lossy on CPU
        self._model: SentenceTransformer = model
        self._name = name or model_identity(self.model_path)
        get_dim = getattr(model, "get_embedding_dimension", None)
        dimension = get_dim() if get_dim else model.get_sentence_embedding_dimension()
        if not dimension:
            raise EmbeddingError(f"{self.model_path}: cannot tell the embedding dimension")
        self._dimension = int(dimension)
        prompts = dict(model.prompts or {})
        self.query_prompt: str = prompts.get("query") or ""
        self.passage_prompt: str = prompts.get("passage") or prompts.get("document") or ""
        if not (self.query_prompt or self.passage_prompt) and _E5_NAME.search(self._name):
            self.query_prompt, self.passage_prompt = _E5_PROMPTS
            logger.info("%s defines no prompts: using the E5 prefixes", self._name)
        logger.info(
            "Loaded embedding model %s (dimension %d, %d torch threads)",
            self._name,
            self._dimension,
            torch.get_num_threads(),
        )

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def model(self) -> SentenceTransformer:
        """The underlying sentence-transformers model (e.g. for its tokenizer)."""
        return self._model

    @property
    def max_seq_length(self) -> int:
        """Token limit; longer texts are truncated."""
        return int(self._model.max_seq_length)

    def embed_documents(
        self, texts: Sequence[str], *, show_progress: bool | None = None
    ) -> Vectors:
        """Embed passages (``passage: `` prefix); a progress bar shows for long lists."""
        return self._encode(_as_texts(texts), query=False, show_progress=show_progress)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed queries (``query: `` prefix)."""
        return self._encode(_as_texts(texts), query=True, show_progress=False)

    def embed_query(self, text: str) -> Vectors:
        """Embed a single query."""
        if not isinstance(text, str):
            raise TypeError("the query must be a string")
        return self._encode([text], query=True, show_progress=False)[0]

    def _encode(self, texts: list[str], *, query: bool, show_progress: bool | None) -> Vectors:
        if not texts:
            return np.empty((0, self._dimension), dtype=np.float32)
        if show_progress is None:
            show_progress = len(texts) >= PROGRESS_MIN_TEXTS
        encode = self._model.encode_query if query else self._model.encode_document
        try:
            vectors = encode(
                texts,
                prompt=self.query_prompt if query else self.passage_prompt,
                batch_size=self.batch_size,
                show_progress_bar=show_progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        except (RuntimeError, ValueError) as exc:
            raise EmbeddingError(
                f"embedding {len(texts)} texts with {self._name} failed: {exc}"
            ) from exc
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"E5Embedder(name={self._name!r}, dimension={self._dimension})"


def load_embedder(settings: Settings | None = None) -> E5Embedder:
    """Return the configured embedder, building the offline default model if needed."""
    settings = settings or get_settings()
    _force_offline()
    path = ensure_model(settings)
    return E5Embedder(
        path,
        batch_size=settings.embedding_batch_size,
        threads=settings.embedding_threads,
    )
