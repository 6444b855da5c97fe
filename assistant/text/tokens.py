"""Search tokens of French text: folded, stemmed (Snowball), stop words and digit grouping removed."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.folding import fold
from assistant.text.numbers import normalize

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
