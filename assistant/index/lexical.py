"""French BM25 over the chunks (``bm25s``), on the tokens of :mod:`assistant.text.tokens`."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import numpy as np

from assistant.text.tokens import tokenize


class LexicalIndex:
    """BM25 over a fixed list of texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG when imported: keep it to warnings.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus_tokens = [tokenize(t) or ["∅"] for t in texts]
        if corpus_tokens:  # bm25s cannot index an empty corpus
            self._bm25.index(corpus_tokens, show_progress=False)
        df: dict[str, int] = {}
        for toks in corpus_tokens:
            for tok in set(toks):
                df[tok] = df.get(tok, 0) + 1
        self._df = df
        self._vocab: set[str] = set(df)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for ``query`` (zeros when no word is known)."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a stemmed token (unknown tokens weigh the most)."""
        return math.log(1 + (self.size + 1) / (self._df.get(token, 0) + 0.5))

    def knows(self, token: str) -> bool:
        """Whether a stemmed token occurs in at least one indexed text."""
        return token in self._vocab

    def known(self, query: str) -> list[str]:
        """Query tokens present in the indexed texts."""
        return [t for t in tokenize(query) if t in self._vocab]
