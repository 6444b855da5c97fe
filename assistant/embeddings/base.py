"""What an embedder is (the :class:`Embedder` protocol), the base class of the backends,
and the identity of a model folder."""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from assistant.models.files import read_build_info

logger = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

#: Number of texts from which ``embed_documents`` shows a progress bar by default.
PROGRESS_MIN_TEXTS = 256
#: Model names that get the E5 prefixes when their folder defines no prompts.
E5_NAME = re.compile(r"(^|[/_\-])e5([_\-]|$)", re.IGNORECASE)
E5_PROMPTS = ("query: ", "passage: ")


def as_texts(texts: Sequence[str]) -> list[str]:
    """``texts`` as a list, refusing a bare string or non-string items (TypeError)."""
    if isinstance(texts, str):
        raise TypeError("expected a sequence of strings, got a single string")
    items = list(texts)
    if not all(isinstance(t, str) for t in items):
        raise TypeError("every text to embed must be a string")
    return items


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


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass


@contextmanager
def progress_bar(total: int, show: bool | None) -> Iterator[Any]:
    """A tqdm bar over ``total`` texts (by default only for long lists), or a no-op."""
    if show is None:
        show = total >= PROGRESS_MIN_TEXTS
    if not show:
        yield _NoBar()
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="Vectorisation", unit="texte") as bar:
        yield bar


class BaseEmbedder(ABC):
    """The public side of an embedder; backends implement :meth:`_encode_batch`."""

    _name: str
    _dimension: int
    query_prompt: str = ""
    passage_prompt: str = ""

    def _set_prompts(self, prompts: Mapping[str, str] | None) -> None:
        """Query and passage prefixes from the model's prompts (E5 ones for an e5 model
        that defines none)."""
        prompts = prompts or {}
        self.query_prompt = prompts.get("query") or ""
        self.passage_prompt = prompts.get("passage") or prompts.get("document") or ""
        if not (self.query_prompt or self.passage_prompt) and E5_NAME.search(self._name):
            self.query_prompt, self.passage_prompt = E5_PROMPTS
            logger.info("%s defines no prompts: using the E5 prefixes", self._name)

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    @abstractmethod
    def max_seq_length(self) -> int:
        """Token limit; longer texts are truncated."""

    def embed_documents(
        self, texts: Sequence[str], *, show_progress: bool | None = None
    ) -> Vectors:
        """Embed passages (``passage: `` prefix); a progress bar shows for long lists."""
        return self._encode(as_texts(texts), False, show_progress)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed queries (``query: `` prefix)."""
        return self._encode(as_texts(texts), True, False)

    def embed_query(self, text: str) -> Vectors:
        """Embed a single query."""
        if not isinstance(text, str):
            raise TypeError("the query must be a string")
        return self._encode([text], True, False)[0]

    def _encode(self, texts: list[str], query: bool, show_progress: bool | None) -> Vectors:
        if not texts:
            return np.empty((0, self._dimension), dtype=np.float32)
        if show_progress is None:
            show_progress = len(texts) >= PROGRESS_MIN_TEXTS
        return self._encode_batch(texts, query=query, show_progress=show_progress)

    def _prompt(self, query: bool) -> str:
        return self.query_prompt if query else self.passage_prompt

    @abstractmethod
    def _encode_batch(self, texts: list[str], *, query: bool, show_progress: bool) -> Vectors:
        """L2-normalised float32 vectors of non-empty ``texts``, with their prompt."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self._name!r}, dimension={self._dimension})"
