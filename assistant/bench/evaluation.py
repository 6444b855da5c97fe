"""Scoring a question file of the corpus format (``corpus/qa/*.jsonl``)."""

from __future__ import annotations

import json
import logging
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from assistant.answering.verification import ungrounded
from assistant.bench.stats import percentile
from assistant.errors import AssistantError
from assistant.text.numbers import contains

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger(__name__)


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL question file (blank lines ignored)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(
    assistant: Assistant,
    questions: Iterable[dict[str, Any]],
    *,
    details: Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Ask every question and return the metrics (see README, « Évaluation »)."""
    assistant.warm_up()
    rows = evaluate_rows(assistant, questions, progress=progress)
    if details is not None:
        details.parent.mkdir(parents=True, exist_ok=True)
        with details.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return summarize(rows)


def evaluate_rows(
    assistant: Assistant,
    questions: Iterable[dict[str, Any]],
    *,
    progress: bool = True,
    desc: str = "Évaluation",
) -> list[dict[str, Any]]:
    """Ask every question; one row per question (the ``--details`` format).

    A question with ``removed`` document ids is asked with those documents excluded from
    the search, as if they were not indexed (the missing-document probes).
    """
    from assistant.answer import Filters

    rows: list[dict[str, Any]] = []
    for q in tqdm(list(questions), desc=desc, unit="question", disable=not progress):
        started = time.perf_counter()
        filters = Filters(exclude=tuple(q.get("removed") or ()))
        try:
            answer = assistant.ask(q["question"], history=q.get("history") or [], filters=filters)
            error = None
        except AssistantError as exc:
            answer, error = None, str(exc)
        latency = (time.perf_counter() - started) * 1000
        cited = [c.doc_id for c in answer.citations] if answer else []
        retrieved: list[str] = []
        for p in answer.passages if answer else []:
            if p.doc_id not in retrieved:
                retrieved.append(p.doc_id)
        expected_docs = set(q.get("sources") or [])
        rank = next((i + 1 for i, d in enumerate(retrieved) if d in expected_docs), None)
        text = answer.text if answer else ""
        rows.append(
            {
                "id": q.get("id"),
                "type": q.get("type"),
                "kind": q.get("kind") or "corpus",
                "question": q["question"],
                "answer": text,
                "answerable_expected": bool(q.get("answerable", True)),
                "answerable": bool(answer.answerable) if answer else False,
                "cited_ids": cited,
                "retrieved_ids": retrieved[:10],
                "expected": q.get("expected") or [],
                "sources": sorted(expected_docs),
                "correct": bool(answer)
                and bool(answer.answerable)
                and all(contains(text, e) for e in q.get("expected") or []),
                # A refusal that must also say something (a false premise's true region).
                "refused_ok": bool(answer)
                and not answer.answerable
                and all(contains(text, e) for e in q.get("expected") or []),
                "source_hit": bool(expected_docs & set(cited)),
                "rank": rank,
                "ungrounded_numbers": ungrounded(answer) if answer else [],
                "confidence": answer.confidence if answer else 0.0,
                "standalone_question": answer.standalone_question if answer else "",
                "latency_ms": round(latency, 1),
                "error": error,
            }
        )
    return rows


def evaluate_file(
    assistant: Assistant, path: Path, *, details: Path | None = None, progress: bool = True
) -> dict[str, Any]:
    """:func:`evaluate` over the questions of ``path``."""
    report = evaluate(assistant, load_questions(path), details=details, progress=progress)
    report["file"] = str(path)
    return report


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-question rows into the report's metrics."""
    answerable = [r for r in rows if r["answerable_expected"]]
    unanswerable = [r for r in rows if not r["answerable_expected"]]
    ranked = [r for r in rows if r["sources"]]
    latencies = [r["latency_ms"] for r in rows]

    def share(items: list[dict[str, Any]], key: str) -> float | None:
        """The share of ``items`` where ``key`` holds; None (shown « n/a ») for no items."""
        return round(sum(1 for r in items if r[key]) / len(items), 4) if items else None

    by_type: dict[str, dict[str, Any]] = defaultdict(lambda: {"n": 0, "ok": 0})
    for r in rows:
        ok = r["correct"] and r["source_hit"] if r["answerable_expected"] else not r["answerable"]
        by_type[r["type"] or "?"]["n"] += 1
        by_type[r["type"] or "?"]["ok"] += int(ok)
    return {
        "questions": len(rows),
        "answer_accuracy": share(answerable, "correct"),
        "source_hit": share(answerable, "source_hit"),
        "refusal_accuracy": round(
            sum(1 for r in unanswerable if r.get("refused_ok", not r["answerable"]))
            / len(unanswerable),
            4,
        )
        if unanswerable
        else None,
        "false_refusal_rate": round(
            sum(1 for r in answerable if not r["answerable"]) / len(answerable), 4
        )
        if answerable
        else None,
        "hit@1": round(sum(1 for r in ranked if r["rank"] == 1) / len(ranked), 4)
        if ranked
        else None,
        "hit@5": round(sum(1 for r in ranked if r["rank"] and r["rank"] <= 5) / len(ranked), 4)
        if ranked
        else None,
        "mrr": round(statistics.fmean(1 / r["rank"] if r["rank"] else 0.0 for r in ranked), 4)
        if ranked
        else None,
        "ungrounded_answers": sum(1 for r in rows if r["ungrounded_numbers"]),
        "errors": sum(1 for r in rows if r["error"]),
        "latency_ms_p50": round(percentile(latencies, 0.5), 1),
        "latency_ms_p95": round(percentile(latencies, 0.95), 1),
        "by_type": {
            k: {"n": v["n"], "accuracy": round(v["ok"] / v["n"], 3)}
            for k, v in sorted(by_type.items())
        },
    }


def format_report(report: dict[str, Any]) -> str:
    """Human-readable French summary of :func:`evaluate`'s report."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f} %"

    lines = [
        f"Questions : {report['questions']}",
        f"Exactitude des réponses : {pct(report['answer_accuracy'])}",
        f"Source citée correcte : {pct(report['source_hit'])}",
        f"Refus corrects (questions sans réponse) : {pct(report['refusal_accuracy'])}",
        f"Refus à tort : {pct(report['false_refusal_rate'])}",
        f"Recherche : hit@1 {pct(report['hit@1'])}, hit@5 {pct(report['hit@5'])}, MRR {report['mrr']}",
        f"Réponses avec un nombre absent des sources : {report['ungrounded_answers']}",
        f"Latence : p50 {report['latency_ms_p50']} ms, p95 {report['latency_ms_p95']} ms",
        "Par type :",
    ]
    for kind, stats in report["by_type"].items():
        lines.append(f"  {kind:<13} {stats['n']:>4}  {pct(stats['accuracy'])}")
    return "\n".join(lines)
