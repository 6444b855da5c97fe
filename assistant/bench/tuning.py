"""Tuning the fusion weights and the refusal threshold on a question file.

``assistant tune --qa corpus/qa/tune.jsonl`` tries each dense/lexical weight pair of the
grid on the same loaded assistant and prints one row per pair; the chosen defaults and
the table are recorded in ``docs/tuning.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assistant.bench.evaluation import evaluate

if TYPE_CHECKING:
    from assistant.service import Assistant

#: (dense weight, lexical weight) pairs tried by default.
GRID: tuple[tuple[float, float], ...] = (
    (1.0, 0.0),
    (0.7, 0.3),
    (0.6, 0.4),
    (0.5, 0.5),
    (0.4, 0.6),
    (0.3, 0.7),
    (0.0, 1.0),
)
_KEYS = ("hit@1", "hit@5", "mrr", "answer_accuracy", "source_hit", "refusal_accuracy")


def tune_fusion(
    assistant: Assistant,
    questions: Sequence[dict[str, Any]],
    grid: Iterable[tuple[float, float]] = GRID,
) -> list[dict[str, Any]]:
    """Evaluate ``questions`` once per weight pair; the assistant is restored afterwards."""
    retriever = assistant.retriever
    saved = (retriever.dense_weight, retriever.lexical_weight)
    rows = []
    try:
        for dense, lexical in grid:
            retriever.dense_weight, retriever.lexical_weight = dense, lexical
            report = evaluate(assistant, questions, progress=False)
            rows.append({"dense": dense, "lexical": lexical} | {k: report[k] for k in _KEYS})
    finally:
        retriever.dense_weight, retriever.lexical_weight = saved
    return rows


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """Markdown table of :func:`tune_fusion`'s rows."""
    head = "| dense | lexical | " + " | ".join(_KEYS) + " |"
    lines = [head, "|" + "---|" * (len(_KEYS) + 2)]
    for row in rows:
        values = " | ".join(f"{row[k]:.3f}" if row[k] is not None else "n/a" for k in _KEYS)
        lines.append(f"| {row['dense']} | {row['lexical']} | {values} |")
    return "\n".join(lines)
