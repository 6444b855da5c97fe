"""Fitting the answerability score (``assistant tune answerability``) on tuning data only.

The domain score of :mod:`assistant.answering.answerability` is a logistic regression on
three signals measured for each question: retrieval's confidence, whether it names
something of the catalogue, and the IDF-weighted share of its content words that the best
passage holds. Its weights are fitted here on questions that are never used to report a figure:

- France 2030 corpus, positives: the tuning split's questions; negatives: the hand-written
  off-topic questions. The generated missing-attribute questions are left out: they are
  in-domain, and refused later by their focus (naming what is missing), not by this score.
- Service-Public collection, positives: the tuning half of its questions; negatives: the
  France 2030 questions marked ``origin: tune``, and the same tuning questions asked with
  their own fiche left out of the search (a missing document).

Classes are weighted to count equally, and the result is written to
``assistant/answering/calibration.json`` (weights, data sizes, date).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answering.answerability import CALIBRATION_FILE, DomainSignals
from assistant.answering.chain import question_signals
from assistant.answering.question import analyse
from assistant.bench.evaluation import load_questions
from assistant.bench.trust import PROBES, QA, half, spf_assistant, spf_sets

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.service import Assistant


def signals_for(
    assistant: Assistant, question: str, *, exclude: Sequence[str] = ()
) -> DomainSignals:
    """The answerability step's signals for one standalone question."""
    from assistant.answer import Filters

    catalog = assistant.catalog
    info = analyse(question, catalog)
    retrieval = assistant.retriever.retrieve(
        question, filters=Filters(exclude=tuple(exclude)), boost_docs=info.programmes
    )
    return question_signals(info, retrieval, assistant.retriever.lexical, catalog)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, *, l2: float = 0.001, steps: int = 20000, lr: float = 2.0
) -> np.ndarray:
    """Intercept and weights of a class-balanced, L2-regularised logistic regression."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    pos = max(1, int(y.sum()))
    neg = max(1, len(y) - pos)
    sample = np.where(y == 1, 0.5 / pos, 0.5 / neg)
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (sample * (p - y)) + l2 * np.r_[0.0, w[1:]]
        w -= lr * grad
    return w


def _rows(
    assistant: Assistant, questions: Sequence[dict[str, Any]], label: int
) -> list[tuple[list[float], int]]:
    return [(signals_for(assistant, q["question"]).features(), label) for q in questions]


def tune_answerability(
    settings: Settings | None = None, *, progress: bool = True
) -> dict[str, Any]:
    """Fit the weights on the tuning data and write ``calibration.json``."""
    from assistant.service import Assistant

    corpus = Assistant.from_settings(settings)
    tune = [q for q in load_questions(QA / "tune.jsonl") if not q.get("history")]
    missing = [
        q
        for q in load_questions(PROBES / "missing_attribute.jsonl")
        if half(q["sources"][0]) == "tune"
    ]
    off = [
        q for q in load_questions(PROBES / "off_domain.jsonl") if q.get("source") == "handwritten"
    ]
    off_topic_tune = [q for q in tune if not q.get("answerable") and not q.get("sources")]
    in_domain = [q for q in tune if q.get("answerable") or q.get("sources")]
    # The generated missing-attribute questions are not fitted here: they are about the
    # collection, and refused by their focus (with a message that names what is missing).
    del missing
    data = _rows(corpus, in_domain, 1) + _rows(corpus, off + off_topic_tune, 0)
    sizes = {
        "corpus_positive": len(in_domain),
        "corpus_negative": len(off) + len(off_topic_tune),
    }
    sets = {s.name: s.questions for s in spf_sets()}
    # Missing documents for fitting: tuning questions asked without their own fiche (the
    # reported missing-document probes are other questions).
    reported = {q["question"] for q in sets["missing_document"]}
    absent = [q for q in sets["spf_tune"] if q["question"] not in reported]
    with spf_assistant(settings, progress=progress) as spf:
        spf_pos, spf_neg = sets["spf_tune"], sets["reverse_off_domain_tune"]
        data += _rows(spf, spf_pos, 1) + _rows(spf, spf_neg, 0)
        data += [
            (signals_for(spf, q["question"], exclude=q["sources"]).features(), 0) for q in absent
        ]
        sizes |= {
            "spf_positive": len(spf_pos),
            "spf_negative": len(spf_neg),
            "spf_missing_document": len(absent),
        }
    x = np.array([row for row, _ in data], dtype=float)
    y = np.array([label for _, label in data], dtype=float)
    w = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))
    result = {
        "domain": {
            "features": ["retrieval_confidence", "named", "coverage"],
            "weights": [round(float(v), 4) for v in w],
            "fitted_on": sizes,
            "train_accuracy": round(float(((p >= 0.5) == (y == 1)).mean()), 4),
            "date": dt.date.today().isoformat(),
        }
    }
    CALIBRATION_FILE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
