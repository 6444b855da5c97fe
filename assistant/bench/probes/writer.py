"""Every probe file: generate, serialise as JSONL and write (the CLI entry point)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.bench.probes.attributes import generate_missing_attribute
from assistant.bench.probes.places import generate_place_listing
from assistant.bench.probes.premises import generate_false_premise
from assistant.bench.probes.records import CORPUS_DIR, QA_DIR, Row, load_records
from assistant.bench.probes.service_public import (
    generate_missing_document,
    generate_off_domain,
    generate_reverse_off_domain,
    load_spf,
)
from assistant.bench.probes.superlatives import generate_superlatives


def generate_all(corpus_dir: Path = CORPUS_DIR) -> dict[str, list[Row]]:
    """Every probe file's rows, by file name."""
    records = load_records(corpus_dir)
    qa_dir = corpus_dir / "qa"
    spf_questions, fiches, titles = load_spf(qa_dir / "spf")
    splits = {name: _load_jsonl(qa_dir / f"{name}.jsonl") for name in ("heldout", "tune")}
    return {
        "missing_attribute.jsonl": generate_missing_attribute(records),
        "off_domain.jsonl": generate_off_domain(spf_questions),
        "reverse_off_domain.jsonl": generate_reverse_off_domain(splits),
        "missing_document.jsonl": generate_missing_document(spf_questions, fiches, titles),
        "false_premise.jsonl": generate_false_premise(records),
        "answerable_places.jsonl": generate_place_listing(records),
        "superlatives.jsonl": generate_superlatives(records),
    }


def _load_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dumps_jsonl(rows: Iterable[Row]) -> str:
    """Rows as JSONL text (UTF-8 characters kept, one object a line)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_all(out: Path, corpus_dir: Path = CORPUS_DIR) -> dict[str, int]:
    """Write every probe file into ``out``; return the row count of each."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in generate_all(corpus_dir).items():
        (out / name).write_text(dumps_jsonl(rows), encoding="utf-8")
        counts[name] = len(rows)
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m assistant.bench.probes [--out DIR] [--corpus DIR]``."""
    parser = argparse.ArgumentParser(description="Regenerate the probe question files.")
    parser.add_argument("--out", type=Path, default=QA_DIR / "probes")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    for name, count in write_all(args.out, args.corpus).items():
        print(f"{name}: {count}")
