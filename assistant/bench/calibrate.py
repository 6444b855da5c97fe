"""Fitting the answerability score (``assistant tune --answerability``) on tuning data only.

The domain score of :mod:`assistant.answering.answerability` is a logistic regression on
the signals measured for each question (:data:`~assistant.answering.answerability.FEATURES`):
retrieval's best cosine similarity and best BM25 score, whether it names a programme or a
place of the catalogue, whether it names one of its sectors, and the IDF-weighted share of its
content words that the best passage holds. Its weights are fitted here on questions that
are never used to report a figure:

- France 2030 corpus, positives: the tuning split's questions and the answerable ones of
  ``corpus/qa/accuracy_dev*.jsonl``; negatives: the off-topic questions of both,
  ``corpus/qa/admin_tune.jsonl`` and ``corpus/qa/off_domain_tune.jsonl`` (the hand-written
  rows of ``off_domain.jsonl`` are a reported set, not fitted on). The generated
  missing-attribute questions are left out: they are in-domain, and refused later by their
  focus (naming what is missing), not by this score.
- Service-Public collection, positives: the tuning half of its questions and the questions
  of ``corpus/qa/spf/extra_tune.jsonl``; negatives: the France 2030 questions marked
  ``origin: tune``, the administrative questions of ``admin_tune.jsonl`` (topics no fiche
  covers), and tuning questions (those of the tuning half that are not reported probes,
  and the extra ones) asked without their fiche, the fiches holding their answer and the
  fiches most like theirs (:mod:`assistant.bench.missing_documents`).

Only the questions for which the score decides are fitted on: one naming a programme, or
asking a catalogue list, is answered whatever the score says.
Classes are weighted to count equally. Before the final fit, a cross-validation (folds by
question text, so a question never sits on both sides) measures the share of each group
the score alone decides right; it is written with the weights to
``assistant/answering/calibration.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answering.answerability import CALIBRATION_FILE, FEATURES, DomainSignals
from assistant.answering.chain import question_signals
from assistant.answering.question import analyse
from assistant.bench.evaluation import load_questions
from assistant.bench.missing_documents import Exclusions
from assistant.bench.trust import (
    ADMIN_TUNE,
    OFF_DOMAIN_TUNE,
    QA,
    SPF_FILES,
    spf_assistant,
    spf_sets,
)

#: Answerable corpus questions written for the answer-choice work (not a reported set).
ACCURACY_DEV = QA / "accuracy_dev.jsonl"
#: All the answer-choice sets: ``accuracy_dev.jsonl`` and the fresh ones written since
#: (``accuracy_dev2.jsonl``…), each scored once before it was tuned on.
ACCURACY_DEV_FILES = sorted(QA.glob("accuracy_dev*.jsonl"))
#: Questions written for fitting on the 94 distractor fiches of ``best_fiche.json`` (never
#: reported): asked with their fiche (positives) and without it, the fiches holding their
#: answer and the fiches most like it (missing documents).
SPF_EXTRA_TUNE = QA / "spf" / "extra_tune.jsonl"

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.service import Assistant


def signals_for(
    assistant: Assistant, question: str, *, exclude: Sequence[str] = ()
) -> tuple[DomainSignals, bool]:
    """The answerability step's signals for one standalone question, and whether the score
    decides for it (the chain answers a named programme or a catalogue list whatever the
    score says)."""
    from assistant.answer import Filters

    catalog = assistant.catalog
    info = analyse(question, catalog)
    retrieval = assistant.retriever.retrieve(
        question, filters=Filters(exclude=tuple(exclude)), boost_docs=info.programmes
    )
    signals = question_signals(info, retrieval, assistant.retriever.lexical, catalog)
    return signals, not (info.programmes or info.is_multi)


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


@dataclass(frozen=True)
class Example:
    """One tuning question's features, its label (1: the collection covers it) and group."""

    features: list[float]
    label: int
    group: str
    question: str
    #: Whether the score decides for this question (see :func:`signals_for`); only those
    #: are fitted on.
    decides: bool = True


def _examples(
    assistant: Assistant,
    questions: Sequence[dict[str, Any]],
    label: int,
    group: str,
    exclude: Sequence[Sequence[str]] | None = None,
) -> list[Example]:
    out = []
    for i, q in enumerate(questions):
        signals, decides = signals_for(
            assistant, q["question"], exclude=exclude[i] if exclude else ()
        )
        out.append(Example(signals.features(), label, group, q["question"], decides))
    return out


def cross_validate(
    examples: Sequence[Example], *, folds: int = 5, repeats: int = 3
) -> dict[str, float]:
    """Per group, the share of its questions the score decides right when fitted without
    them (folds drawn by question text, ``repeats`` times with fixed seeds)."""
    x = np.array([e.features for e in examples], dtype=float)
    y = np.array([e.label for e in examples], dtype=float)
    texts = sorted({e.question for e in examples})
    index = np.array([texts.index(e.question) for e in examples])
    right = np.zeros(len(examples))
    for seed in range(repeats):
        fold_of = np.random.default_rng(seed).permutation(len(texts)) % folds
        for k in range(folds):
            test = fold_of[index] == k
            w = fit_logistic(x[~test], y[~test])
            p = 1.0 / (1.0 + np.exp(-(w[0] + x[test] @ w[1:])))
            right[test] += (p >= 0.5) == (y[test] == 1)
    groups = np.array([e.group for e in examples])
    return {g: round(float(right[groups == g].mean() / repeats), 4) for g in dict.fromkeys(groups)}


def corpus_examples(assistant: Assistant) -> list[Example]:
    """The France 2030 corpus's tuning questions (see the module docstring)."""
    tune = [q for q in load_questions(QA / "tune.jsonl") if not q.get("history")]
    dev = [q for path in ACCURACY_DEV_FILES for q in load_questions(path) if not q.get("history")]
    written = [q for q in dev if q.get("answerable", True)]
    # Their unanswerable rows that name no programme are everyday questions (« Comment
    # renouveler mon passeport ? »); those naming one are decided by their focus, not fitted.
    written_off = [
        q
        for q in dev
        if not q.get("answerable", True) and not assistant.catalog.mentioned(q["question"])
    ]
    off_topic_tune = [q for q in tune if not q.get("answerable") and not q.get("sources")]
    in_domain = [q for q in tune if q.get("answerable") or q.get("sources")]
    return (
        _examples(assistant, in_domain, 1, "corpus_positive")
        + _examples(assistant, written, 1, "corpus_accuracy_dev")
        + _examples(assistant, off_topic_tune + written_off, 0, "corpus_off_domain")
        + _examples(
            assistant,
            load_questions(ADMIN_TUNE) + load_questions(OFF_DOMAIN_TUNE),
            0,
            "corpus_domain_tune",
        )
    )


def spf_examples(assistant: Assistant) -> list[Example]:
    """The Service-Public collection's tuning questions (see the module docstring)."""
    from assistant.bench.squad import load_squad

    sets = {s.name: s.questions for s in spf_sets()}
    reported = {q["question"] for q in sets["missing_document"]}
    absent = [q for q in sets["spf_tune"] if q["question"] not in reported]
    squad = load_squad(list(SPF_FILES))
    answers = {q.id: q.expected for q in squad.questions}
    exclusions = Exclusions({d.id: d.text for d in squad.documents})
    left_out = [exclusions.for_question(q["sources"], answers.get(q["id"], ())) for q in absent]
    admin = load_questions(ADMIN_TUNE)
    extra = load_questions(SPF_EXTRA_TUNE)
    extra_left_out = [exclusions.for_question(q["sources"], q["expected"]) for q in extra]
    return (
        _examples(assistant, sets["spf_tune"], 1, "spf_positive")
        + _examples(assistant, sets["reverse_off_domain_tune"], 0, "spf_off_domain")
        + _examples(assistant, admin, 0, "spf_domain_tune")
        + _examples(assistant, absent, 0, "spf_missing_document", exclude=left_out)
        + _examples(assistant, extra, 1, "spf_extra_positive")
        + _examples(assistant, extra, 0, "spf_extra_missing", exclude=extra_left_out)
    )


def tune_answerability(
    settings: Settings | None = None, *, progress: bool = True
) -> dict[str, Any]:
    """Fit the weights on the tuning data, cross-validate, and write ``calibration.json``."""
    from assistant.service import Assistant

    examples = corpus_examples(Assistant.from_settings(settings))
    with spf_assistant(settings, progress=progress) as spf:
        examples += spf_examples(spf)
    examples = [e for e in examples if e.decides]
    x = np.array([e.features for e in examples], dtype=float)
    y = np.array([e.label for e in examples], dtype=float)
    w = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))
    result = {
        "domain": {
            "features": list(FEATURES),
            "weights": [round(float(v), 4) for v in w],
            "fitted_on": {
                g: sum(e.group == g for e in examples)
                for g in dict.fromkeys(e.group for e in examples)
            },
            "train_accuracy": round(float(((p >= 0.5) == (y == 1)).mean()), 4),
            "cross_validation": cross_validate(examples),
            "date": dt.date.today().isoformat(),
        }
    }
    CALIBRATION_FILE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
