"""Fitting the domain score: the logistic fit and its cross-validation by question."""

from __future__ import annotations

import numpy as np

from assistant.bench.calibrate import Example, cross_validate, fit_logistic


def test_the_fit_separates_what_the_signals_separate() -> None:
    x = np.array([[0.1], [0.2], [0.3], [0.7], [0.8], [0.9]])
    y = np.array([0, 0, 0, 1, 1, 1], dtype=float)
    w = fit_logistic(x, y, steps=3000)
    p = 1.0 / (1.0 + np.exp(-(w[0] + x[:, 0] * w[1])))
    assert list(p >= 0.5) == [False, False, False, True, True, True]


def test_cross_validation_reports_each_group_on_questions_left_out() -> None:
    examples = [
        Example([0.8 + 0.01 * i], 1, "covered", f"question couverte {i}") for i in range(10)
    ] + [Example([0.1 + 0.01 * i], 0, "off_domain", f"hors sujet {i}") for i in range(10)]
    # One ambiguous question asked twice (with and without its document): both copies
    # always fall in the same fold, so one of them is always wrong.
    examples += [
        Example([0.45], 1, "covered", "question ambiguë"),
        Example([0.45], 0, "missing", "question ambiguë"),
    ]
    result = cross_validate(examples, folds=4, repeats=2)
    assert set(result) == {"covered", "off_domain", "missing"}
    assert result["off_domain"] == 1.0
    assert result["covered"] + result["missing"] < 2.0


def test_the_extra_service_public_questions_are_tuning_data_with_their_answer() -> None:
    """Each question written for fitting names a distractor fiche that holds its answer,
    and none is a question of a reported set."""
    import json

    from assistant.bench.calibrate import SPF_EXTRA_TUNE
    from assistant.bench.evaluation import load_questions
    from assistant.bench.trust import PROBES, SPF_FILES, spf_sets

    fiches = json.loads(SPF_FILES[1].read_text(encoding="utf-8"))["data"]
    text = {f["id"]: " ".join(f["paragraphs"][0]["context"].split()) for f in fiches}
    extra = load_questions(SPF_EXTRA_TUNE)
    assert len(extra) >= 40
    for q in extra:
        assert all(span in text[q["sources"][0]] for span in q["expected"]), q["id"]
    reported = {q["question"] for s in spf_sets() if s.reported for q in s.questions}
    reported |= {q["question"] for q in load_questions(PROBES / "off_domain.jsonl")}
    assert not reported & {q["question"] for q in extra}
