"""French BM25 (``bm25s`` + Snowball stemmer), accent- and digit-grouping-insensitive."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from assistant.glossary import fold
from assistant.numbers import normalize

_TOKEN = re.compile(r"\w+")

# Words too common in this corpus or in questions to tell documents apart.
_EXTRA_STOPWORDS = {
    "quel", "quelle", "quels", "quelles", "combien", "est", "sont", "ete", "etre", "avoir",
    "fait", "faire", "peut", "peux", "pouvez", "dont", "ou", "quoi", "comment", "pourquoi",
    "quand", "qui", "que", "qu", "il", "elle", "ils", "elles", "y", "a", "t", "on", "je",
    "j", "me", "mon", "ma", "mes", "vous", "nous", "suis", "cela", "ca", "ce", "cet",
    "cette", "ces", "d", "l", "s", "n", "c", "m",
}  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("french")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_FRENCH

    return frozenset({fold(w) for w in STOPWORDS_FRENCH} | _EXTRA_STOPWORDS)


def tokenize(text: str) -> list[str]:
    """Stemmed, folded content words of ``text`` (numbers kept, grouping removed)."""
    stop = stopwords()
    words = [w for w in _TOKEN.findall(fold(normalize(text))) if w not in stop]
    return list(_stemmer().stemWords(words))


class LexicalIndex:
    """BM25 over a fixed list of texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

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

    def known(self, query: str) -> list[str]:
        """Query tokens present in the indexed texts."""
        return [t for t in tokenize(query) if t in self._vocab]
