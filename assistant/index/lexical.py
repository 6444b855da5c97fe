"""French BM25 over the chunks (``bm25s``), on the tokens of :mod:`assistant.text.tokens`.

An index is built from texts (:class:`LexicalIndex`) or loaded from a folder it was saved
to (:meth:`LexicalIndex.save`, :meth:`LexicalIndex.load`: bm25s's own files, its score
arrays memory-mapped, so loading costs neither a tokenization pass nor the arrays' RAM).
:func:`tokenizer_identity` changes whenever the tokens could change, so a saved index is
never used with another tokenizer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from assistant.text.tokens import tokenize

#: Bumped when what is indexed for a text changes (the empty-text token, BM25 parameters).
FORMAT = 1
#: The stand-in token of a text without any content word (bm25s cannot index an empty one).
EMPTY_TOKEN = "∅"
_INFO = "lexical.json"


def _quiet_bm25s() -> None:
    # bm25s sets its own logger to DEBUG when imported: keep it to warnings.
    logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """BM25 over a fixed list of texts (text ``i`` is position ``i`` of every array)."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        _quiet_bm25s()
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        self._vocab: dict[str, int] = {}
        corpus_tokens = [tokenize(t) or [EMPTY_TOKEN] for t in texts]
        if corpus_tokens:  # bm25s cannot index an empty corpus
            self._bm25.index(corpus_tokens, show_progress=False)
            self._vocab = {t: i for t, i in self._bm25.vocab_dict.items() if t}

    def df(self, token: str) -> int:
        """Number of texts holding ``token`` (its column's length in the sparse scores)."""
        tid = self._vocab.get(token)
        if tid is None:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for ``query`` (zeros when no word is known)."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a stemmed token (unknown tokens weigh the most)."""
        return math.log(1 + (self.size + 1) / (self.df(token) + 0.5))

    def knows(self, token: str) -> bool:
        """Whether a stemmed token occurs in at least one indexed text."""
        return token in self._vocab

    def known(self, query: str) -> list[str]:
        """Query tokens present in the indexed texts."""
        return [t for t in tokenize(query) if t in self._vocab]

    # --- on disk ------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (bm25s's files and a small description)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._bm25.save(str(folder), show_progress=False)
        info = {"format": FORMAT, "size": self.size, "tokenizer": tokenizer_identity()}
        (folder / _INFO).write_text(json.dumps(info), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, mmap: bool = True) -> LexicalIndex:
        """Read an index saved by :meth:`save` (score arrays memory-mapped by default).

        Raises ``ValueError`` when it was written for another format or tokenizer, and
        ``OSError``/``ValueError`` when a file is missing or damaged.
        """
        import bm25s

        _quiet_bm25s()
        info = json.loads((folder / _INFO).read_text(encoding="utf-8"))
        if info.get("format") != FORMAT or info.get("tokenizer") != tokenizer_identity():
            raise ValueError(f"lexical index in {folder} was written by another version")
        index = cls.__new__(cls)
        index.size = int(info["size"])
        index._vocab = {}
        if index.size == 0:
            index._bm25 = bm25s.BM25()
            return index
        bm25 = bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False)
        if int(bm25.scores["num_docs"]) != index.size:
            raise ValueError(f"lexical index in {folder} does not hold {index.size} texts")
        index._bm25 = bm25
        index._vocab = {t: int(i) for t, i in bm25.vocab_dict.items() if t}
        return index


_TOKEN_MODULES = ("tokens.py", "folding.py", "numbers.py")


def _own_version() -> str:
    try:
        return metadata.version("france2030-assistant")
    except metadata.PackageNotFoundError:
        return "?"


@lru_cache(maxsize=1)
def tokenizer_identity() -> str:
    """Digest of what decides the saved index: the sources of the text modules and of this
    one, the PyStemmer and bm25s versions (stemmer, stop words), and :data:`FORMAT`."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    text_dir = Path(tokenize.__code__.co_filename).parent
    for path in [*(text_dir / name for name in _TOKEN_MODULES), Path(__file__)]:
        try:
            digest.update(path.read_bytes())
        except OSError:  # sources not shipped: the package version stands for them
            digest.update(f"{path.name} {_own_version()}\n".encode())
    for dist in ("bm25s", "PyStemmer"):
        try:
            digest.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist} ?\n".encode())
    return digest.hexdigest()[:16]
