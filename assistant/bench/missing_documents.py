"""Missing-document questions for fitting, built from tuning questions only.

A tuning question asked without its own fiche is a poor negative when another fiche
answers it too (two fiches on leasing, three on electoral lists): the score would learn to
refuse answerable questions. So the question is asked without its fiche, without every
fiche that holds one of its gold answers (8 characters or more), and without the fiches
most like its own (TF-IDF cosine of their search tokens). The reported missing-document
probes (``corpus/qa/probes``) are other questions and are never built here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from assistant.text.folding import fold
from assistant.text.tokens import tokenize

#: Fiches most like the question's own that are left out with it.
SIMILAR_LEFT_OUT = 3
#: Shortest gold answer looked for in other fiches (shorter ones are found by chance).
MIN_ANSWER_CHARS = 8


def _vectors(texts: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors (log term frequency) of every text's search tokens."""
    counts = {doc: Counter(tokenize(text)) for doc, text in texts.items()}
    df = Counter(t for c in counts.values() for t in c)
    n = len(texts)
    vectors: dict[str, dict[str, float]] = {}
    for doc, c in counts.items():
        v = {t: (1 + math.log(k)) * math.log(n / df[t]) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[doc] = {t: x / norm for t, x in v.items()}
    return vectors


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return sum(x * b.get(t, 0.0) for t, x in a.items())


class Exclusions:
    """What to leave out of the search for a question to have no document that answers."""

    def __init__(self, texts: Mapping[str, str], *, similar: int = SIMILAR_LEFT_OUT) -> None:
        self.texts = dict(texts)
        self.folded = {doc: fold(text) for doc, text in self.texts.items()}
        self.vectors = _vectors(self.texts)
        self.similar = similar

    def most_similar(self, doc: str) -> list[str]:
        """The ``similar`` documents closest to ``doc``, closest first."""
        own = self.vectors[doc]
        others = [d for d in self.texts if d != doc]
        return sorted(others, key=lambda d: (-_cosine(own, self.vectors[d]), d))[: self.similar]

    def holding(self, answers: Sequence[str]) -> list[str]:
        """Documents whose text holds one of ``answers`` (short answers ignored)."""
        spans = [fold(a) for a in answers if len(a.strip()) >= MIN_ANSWER_CHARS]
        return [d for d, text in self.folded.items() if any(s in text for s in spans)]

    def for_question(self, sources: Sequence[str], answers: Sequence[str]) -> list[str]:
        """Its own documents, those holding its answers and those most like its own."""
        left_out = set(sources) | set(self.holding(answers))
        for doc in sources:
            if doc in self.vectors:
                left_out.update(self.most_similar(doc))
        return sorted(left_out)
