"""Deterministic tune / held-out split of the corpus questions (once ``corpus/qa/dev.jsonl``).

Rows are grouped into conversations (a follow-up row goes with any row whose question is
one of its earlier user turns), stratified by ``type``, and each group is placed by a hash
of its key and the seed, never by a random state: the same file and seed always give the
same split. About 60 % of every type goes to ``tune.jsonl``, the rest to ``heldout.jsonl``.
The split was made once; ``main`` re-splits the union of both files, which must give
them back unchanged. The held-out file is never edited to make a figure pass.

Usage: ``python -m assistant.bench.split_qa [--qa-dir corpus/qa] [--seed france2030]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["TUNE_SHARE", "load_jsonl", "main", "split", "write_jsonl"]

#: Share of every ``type`` stratum that goes to the tuning set.
TUNE_SHARE = 0.6
DEFAULT_SEED = "france2030"


def _hash(seed: str, key: str) -> str:
    return hashlib.sha256(f"{seed}\x00{key}".encode()).hexdigest()


def _groups(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Conversations: every follow-up with the rows that ask one of its user turns."""
    by_question: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_question[row["question"].strip()].append(i)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, row in enumerate(rows):
        for turn in row.get("history") or []:
            if turn.get("role") == "user":
                for j in by_question.get(str(turn.get("content", "")).strip(), []):
                    parent[find(j)] = find(i)
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, row in enumerate(rows):
        grouped[find(i)].append(row)
    return list(grouped.values())


def _stratum(group: Sequence[dict[str, Any]]) -> str:
    """A group's type: ``followup`` when it holds a follow-up, else its first row's type."""
    types = [str(r.get("type", "")) for r in group]
    return "followup" if "followup" in types else types[0]


def split(
    rows: Sequence[dict[str, Any]], seed: str = DEFAULT_SEED
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split ``rows`` into ``(tune, heldout)``, stratified by type, conversations kept whole.

    Within a stratum, groups are ordered by ``sha256(seed, ids)`` and the first
    ``round(TUNE_SHARE * n)`` go to tune. Both outputs keep the input order.
    """
    strata: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
    for group in _groups(rows):
        strata[_stratum(group)].append(group)
    tune_ids: set[str] = set()
    for groups in strata.values():
        ordered = sorted(groups, key=lambda g: _hash(seed, "|".join(sorted(r["id"] for r in g))))
        for group in ordered[: round(TUNE_SHARE * len(ordered))]:
            tune_ids.update(r["id"] for r in group)
    tune = [r for r in rows if r["id"] in tune_ids]
    heldout = [r for r in rows if r["id"] not in tune_ids]
    return tune, heldout


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` one JSON object a line, UTF-8, non-ASCII kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Re-split ``tune.jsonl`` + ``heldout.jsonl`` (a check: the files must not change)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa-dir", type=Path, default=Path("corpus/qa"))
    parser.add_argument("--seed", default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    rows = load_jsonl(args.qa_dir / "tune.jsonl") + load_jsonl(args.qa_dir / "heldout.jsonl")
    tune, heldout = split(rows, args.seed)
    write_jsonl(args.qa_dir / "tune.jsonl", tune)
    write_jsonl(args.qa_dir / "heldout.jsonl", heldout)
    print(f"tune: {len(tune)} rows, heldout: {len(heldout)} rows")


if __name__ == "__main__":
    main()
