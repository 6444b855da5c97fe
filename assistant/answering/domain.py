"""Is the question about the indexed collection at all? The calibrated domain score.

Signals that hold on any collection (no word list of this corpus): retrieval's best dense
and lexical scores, whether the question names a programme or place of the catalogue,
whether it names one of its sectors, how much of its content words (weighted by IDF) the
best passage holds, how far the best document stands above the next one, and whether the
best document lacks the question's rarest word. One logistic score,
:func:`domain_probability`, combines them; its weights are fitted on the tuning data only
(``assistant tune --answerability``, ``docs/answerability.md``).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.retrieval.base import DENSE_FLOOR, DENSE_SPAN, LEXICAL_FULL
from assistant.text.folding import fold
from assistant.text.patterns import FULL_DATE
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.index.lexical import LexicalIndex
    from assistant.retrieval.base import RetrievalResult

#: Fitted weights of :func:`domain_probability` (``assistant tune --answerability``).
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")

#: Words that carry no subject: question words, politeness, « formation », « programme »…
_FILLER = (
    "bonjour merci svp stp plait pourriez pourrais voudrais aimerais souhaite souhaiterais "
    "savoir dire donner expliquer indiquer connaitre existe existent possible peux pouvez "
    "faut falloir dois doit doivent devra devront devrait devraient peut peuvent pourra "
    "pourront pourrait pourraient quoi comment pourquoi quand combien quel quelle quels quelles "
    "lequel laquelle lesquels lesquelles est sont etre avoir fait faire ya t il elle ils "
    "programme programmes projet projets formation formations dispositif dispositifs diagnostic diagnostics "
    "france 2030 ami cma chose choses info infos information informations question"
)

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _filler_tokens() -> frozenset[str]:
    return frozenset(tokenize(_FILLER))


def content_tokens(question: str, names: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Search tokens of ``question`` that carry its subject (names and filler removed)."""
    skip = set(_filler_tokens())
    for name in names:
        skip.update(tokenize(name))
    return [t for t in dict.fromkeys(tokenize(question)) if t not in skip and not t.isdigit()]


@dataclass(frozen=True)
class DomainSignals:
    """What tells whether a question is about the indexed collection."""

    #: IDF-weighted share of the content words that no indexed chunk holds (for logs: the
    #: fit gives it no weight once ``coverage`` is known, as unseen words are in no passage).
    unknown_share: float
    #: Retrieval's own 0-1 confidence (best cosine similarity and best BM25 score, each
    #: clipped to 0-1), for logs.
    retrieval: float
    #: Whether the question names a programme of the catalogue, a generic scheme, or a
    #: region where the catalogue has programmes.
    named: bool
    #: IDF-weighted share of the content words that the best passage holds (with its title
    #: and headings): low when the document that would answer is not in the collection.
    coverage: float = 1.0
    #: The content words the index has never seen.
    unknown: tuple[str, ...] = field(default_factory=tuple)
    #: Best cosine similarity on retrieval's scale (0 at ``DENSE_FLOOR``, 1 at
    #: ``DENSE_FLOOR + DENSE_SPAN``), not clipped: above 1 still tells a closer match.
    dense: float = 0.0
    #: Best BM25 score over ``LEXICAL_FULL``, not clipped.
    lexical: float = 0.0
    #: Whether the question names a sector of the catalogue (« voiture électrique »,
    #: « hydrogène »): weaker evidence than a name, as everyday questions share it.
    sector: bool = False
    #: How far the best document's cosine stands above the next document's, on the same
    #: scale as ``dense``: small when several neighbours of a missing document tie.
    margin: float = 0.0
    #: The IDF of the rarest content word (known to the index) that the best document's
    #: retrieved passages lack, over the IDF of the question's rarest word; 0 when they
    #: hold every known word. High when the question's telling word is elsewhere only.
    rarest_missing: float = 0.0

    def features(self) -> list[float]:
        """What the score is fitted on (:data:`FEATURES`, in this order)."""
        return [
            self.dense,
            self.lexical,
            float(self.named),
            float(self.sector),
            self.coverage,
            self.margin,
            self.rarest_missing,
        ]


#: Names of :meth:`DomainSignals.features`, as written in ``calibration.json``.
FEATURES = ("dense", "lexical", "named", "sector", "coverage", "margin", "rarest_missing")


#: A name written in the question that at most this many indexed passages hold is
#: telling: « la Doua », « Gen-Hy », « AgroParisTech », « SNJV ».
RARE_NAME_PASSAGES = 2
#: A word written with a capital (a proper name or an acronym: « Frédéric-Faÿs », « CIEL »).
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀÂÉÈÊÎÔÛÇ][\w'’.-]*")
#: What comes before a capital that only starts a sentence (« Combien… », « Et quand… »).
_SENTENCE_START = re.compile(r"(?:^|[.?!:;«])\s*$")


def names_rare_word(question: str, retrieval: RetrievalResult, lexical: LexicalIndex) -> bool:
    """Whether ``question`` writes a proper name that few passages of the collection hold
    (:data:`RARE_NAME_PASSAGES`), among them the best document's retrieved ones.

    Such a name points at one document as surely as a programme's name does (« le campus
    de la Doua », « la visite chez Gen-Hy »), though no catalogue record lists it. The
    collection's own word counts decide: no word list. A capital that only starts a
    sentence is no name. :func:`domain_signals` counts it as naming the collection.
    """
    return _names_rare_word(question, _top_document_tokens(retrieval)[1], lexical)


def _names_rare_word(question: str, held: set[str], lexical: LexicalIndex) -> bool:
    """:func:`names_rare_word`, with the best document's passage tokens already read."""
    for m in _CAPITALISED.finditer(question):
        if _SENTENCE_START.search(question, 0, m.start()):
            continue
        for token in tokenize(m.group(0)):
            if len(token) >= 3 and token in held and lexical.df(token) <= RARE_NAME_PASSAGES:
                return True
    return False


def _dates_of_top(question: str, retrieval: RetrievalResult) -> bool:
    """Whether a full date of ``question`` is written in the best document's retrieved
    passages (« L'appel lancé … le 26 novembre 2021 … ? »): a day, month and year that
    document gives are as specific as a name of it."""
    dates = FULL_DATE.findall(fold(question))
    if not dates or not retrieval.passages:
        return False
    top = retrieval.passages[0].doc_id
    text = fold(" ".join(p.chunk.text for p in retrieval.passages if p.doc_id == top))
    return any(date in text for date in dates)


def _top_document_tokens(retrieval: RetrievalResult) -> tuple[set[str], set[str]]:
    """Tokens of the best passage (title and headings included), and of all the retrieved
    passages of its document."""
    passages = retrieval.passages
    if not passages:
        return set(), set()
    best = set(tokenize(passages[0].chunk.index_text))
    top_doc = passages[0].doc_id
    held = best.union(*(tokenize(p.chunk.index_text) for p in passages[1:] if p.doc_id == top_doc))
    return best, held


def _margin(retrieval: RetrievalResult) -> float:
    """Best document's cosine minus the second document's, over ``DENSE_SPAN``."""
    best: dict[str, float] = {}
    for p in retrieval.passages:
        best[p.doc_id] = max(best.get(p.doc_id, p.dense), p.dense)
    top = sorted(best.values(), reverse=True)
    return round((top[0] - top[1]) / DENSE_SPAN, 4) if len(top) > 1 else 0.0


def domain_signals(
    question: str,
    retrieval: RetrievalResult,
    lexical: LexicalIndex,
    *,
    names: list[str] | tuple[str, ...] = (),
    named: bool = False,
    sector: bool = False,
) -> DomainSignals:
    """Measure :class:`DomainSignals` for ``question`` against the index; a rare proper
    name of the best document (:func:`names_rare_word`), or a full date its passages
    write, names the collection too."""
    best, held = _top_document_tokens(retrieval)
    named = named or _names_rare_word(question, held, lexical) or _dates_of_top(question, retrieval)
    scores = {
        "dense": round((retrieval.dense_top - DENSE_FLOOR) / DENSE_SPAN, 4),
        "lexical": round(retrieval.lexical_top / LEXICAL_FULL, 4),
        "sector": sector,
        "margin": _margin(retrieval),
    }
    tokens = content_tokens(question, names)
    if not tokens:
        return DomainSignals(0.0, retrieval.confidence, named, **scores)
    weights = {t: lexical.idf(t) for t in tokens}
    total = sum(weights.values()) or 1.0
    unknown = tuple(t for t in tokens if not lexical.knows(t))
    share = sum(weights[t] for t in unknown) / total
    coverage = sum(w for t, w in weights.items() if t in best) / total
    lacking = [weights[t] for t in tokens if t not in held and t not in unknown]
    rarest = max(weights.values())
    missing = max(lacking) / rarest if lacking and rarest > 0 else 0.0
    return DomainSignals(
        round(share, 4),
        retrieval.confidence,
        named,
        round(coverage, 4),
        unknown,
        rarest_missing=round(missing, 4),
        **scores,
    )


@lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    """Intercept then one weight per feature of :meth:`DomainSignals.features`."""
    why = "fitted on other features"
    try:
        data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        weights = tuple(float(w) for w in data["domain"]["weights"])
        if tuple(data["domain"]["features"]) == FEATURES and len(weights) == len(FEATURES) + 1:
            return weights
    except (OSError, ValueError, KeyError, TypeError) as exc:
        why = f"unreadable: {exc}"
    log.warning(
        "%s %s; rough default weights until `assistant tune --answerability`",
        CALIBRATION_FILE,
        why,
    )
    return (-6.0, 3.0, 1.0, 2.5, 0.5, 2.5, 1.0, -1.0)


def domain_probability(signals: DomainSignals) -> float:
    """Calibrated probability that the collection covers the question's subject."""
    w = _weights()
    z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], signals.features(), strict=True))
    return 1.0 / (1.0 + math.exp(-z))
