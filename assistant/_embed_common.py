"""Helpers shared by the embedding backends."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

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
