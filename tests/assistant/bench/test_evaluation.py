"""Quality gate on the dev set, and the evaluation report itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assistant.bench.evaluation import format_report, load_questions, summarize

if TYPE_CHECKING:
    from conftest import DevRun

#: Minimum share of answerable dev questions whose answer holds every expected value.
#: The lead is raising it towards 0.85 as the answerer improves.
MIN_ANSWER_ACCURACY = 0.80
MIN_SOURCE_HIT = 0.90
MIN_REFUSAL_ACCURACY = 0.85
MAX_FALSE_REFUSALS = 0.10


@pytest.mark.slow
def test_dev_set_quality_gate(dev_run: DevRun) -> None:
    report = dev_run.report
    failed = [
        (r["id"], r["expected"], r["answer"][:120])
        for r in dev_run.rows
        if r["answerable_expected"] and not r["correct"]
    ]
    assert report["questions"] == 133
    assert report["errors"] == 0
    assert report["source_hit"] >= MIN_SOURCE_HIT
    assert report["refusal_accuracy"] >= MIN_REFUSAL_ACCURACY
    assert report["false_refusal_rate"] <= MAX_FALSE_REFUSALS
    assert report["ungrounded_answers"] == 0
    assert report["answer_accuracy"] >= MIN_ANSWER_ACCURACY, failed


@pytest.mark.slow
def test_every_dev_question_has_a_detail_row(dev_run: DevRun) -> None:
    ids = [q["id"] for q, _ in dev_run.answers]
    assert [r["id"] for r in dev_run.rows] == ids
    assert len(set(ids)) == len(ids)


def row(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "figure",
        "answerable_expected": True,
        "answerable": True,
        "correct": True,
        "source_hit": True,
        "sources": ["electromob"],
        "rank": 1,
        "ungrounded_numbers": [],
        "error": None,
        "latency_ms": 10.0,
    }
    return {**base, **values}


def test_summarize_counts_what_the_user_would_notice() -> None:
    rows = [
        row(),
        row(correct=False, source_hit=False, rank=3),
        row(answerable=False, correct=False, source_hit=False, rank=None),
        row(
            type="unanswerable", answerable_expected=False, answerable=False, sources=[], rank=None
        ),
        row(type="unanswerable", answerable_expected=False, sources=[], rank=None),
        row(ungrounded_numbers=["30"], latency_ms=50.0),
    ]
    report = summarize(rows)
    assert report["questions"] == 6
    assert report["answer_accuracy"] == 0.5  # 2 of the 4 answerable
    assert report["source_hit"] == 0.5
    assert report["refusal_accuracy"] == 0.5  # 1 of the 2 unanswerable refused
    assert report["false_refusal_rate"] == 0.25
    assert report["hit@1"] == 0.5 and report["hit@5"] == 0.75
    assert report["ungrounded_answers"] == 1
    assert report["by_type"]["unanswerable"] == {"n": 2, "accuracy": 0.5}


def test_format_report_is_french_and_handles_missing_metrics() -> None:
    text = format_report(summarize([row()]))
    assert "Exactitude des réponses : 100.0 %" in text
    assert "Refus corrects (questions sans réponse) : n/a" in text


def test_load_questions_ignores_blank_lines(tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text('{"id": "a", "question": "Q ?"}\n\n   \n{"id": "b", "question": "R ?"}\n')
    assert [q["id"] for q in load_questions(qa)] == ["a", "b"]
