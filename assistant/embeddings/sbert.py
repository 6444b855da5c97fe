"""The embedding model run by sentence-transformers (torch): the reference encoder.

Used when the model folder has no ONNX export, or when ``ASSISTANT_EMBEDDING_BACKEND`` is
``sentence-transformers``. Importing torch and sentence-transformers takes seconds, which
is why the chat prefers :mod:`assistant.embeddings.onnx_runtime`; both give the same vectors.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.embeddings.base import BaseEmbedder, Vectors, model_identity
from assistant.errors import EmbeddingError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)


def force_offline() -> None:
    """Make the Hugging Face libraries local-only unless the caller decided otherwise."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class SentenceTransformerEmbedder(BaseEmbedder):
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

        force_offline()
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
        self._set_prompts(model.prompts)
        logger.info(
            "Loaded embedding model %s (dimension %d, %d torch threads)",
            self._name,
            self._dimension,
            torch.get_num_threads(),
        )

    @property
    def model(self) -> SentenceTransformer:
        """The underlying sentence-transformers model (e.g. for its tokenizer)."""
        return self._model

    @property
    def max_seq_length(self) -> int:
        """Token limit; longer texts are truncated."""
        return int(self._model.max_seq_length)

    def _encode_batch(self, texts: list[str], *, query: bool, show_progress: bool) -> Vectors:
        encode = self._model.encode_query if query else self._model.encode_document
        try:
            vectors = encode(
                texts,
                prompt=self._prompt(query),
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
