"""Shared ground of the probe generators: corpus records, paths and row helpers.

Records are the front matter of ``corpus/*.md`` plus their ``body``, read with PyYAML and
pathlib only (independent of :mod:`assistant.ingest.documents`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
CORPUS_DIR = REPO / "corpus"
QA_DIR = CORPUS_DIR / "qa"

#: Front-matter kinds that describe one programme (not a scheme or a group of laureates).
PROGRAMME_KINDS = ("programme", "diagnostic", "autre-dispositif")
#: Kinds that train people (diagnostics only study needs): missing-attribute and place
#: questions are asked about these.
PLACE_KINDS = ("programme", "autre-dispositif")
#: The noun used in questions, by kind.
_NOUN = {"programme": "programme", "diagnostic": "projet", "autre-dispositif": "dispositif"}

Row = dict[str, Any]
Record = dict[str, Any]


# --- helpers -------------------------------------------------------------------------------


def _h(*parts: str) -> int:
    """A stable integer from ``parts`` (sha256), for deterministic choices."""
    return int(hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12], 16)


def _pick(options: Sequence[str], *key: str) -> str:
    return options[_h(*key) % len(options)]


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Lowercase, accents removed, typographic apostrophes and spaces unified."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("\u202f", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).lower()


def _row(
    row_id: str,
    question: str,
    *,
    kind: str,
    answerable: bool,
    expected: Sequence[str] = (),
    sources: Sequence[str] = (),
    qtype: str = "unanswerable",
    **extra: Any,
) -> Row:
    return {
        "id": row_id,
        "question": question,
        "expected": list(expected),
        "sources": list(sources),
        "answerable": answerable,
        "type": qtype,
        "history": [],
        "kind": kind,
        **extra,
    }


# --- corpus ----------------------------------------------------------------------------------


def load_records(corpus_dir: Path = CORPUS_DIR) -> list[Record]:
    """Front matter of every ``corpus_dir/*.md``, plus ``body`` (the Markdown after it)."""
    records: list[Record] = []
    for path in sorted(corpus_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            continue
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        meta["body"] = "\n".join(lines[end + 1 :])
        records.append(meta)
    return records


def _names(record: Record) -> list[str]:
    names = [str(record.get("short_name") or ""), *map(str, record.get("aliases") or [])]
    return [n for n in names if len(n) >= 3]


def _mentions(text: str, names: Iterable[str]) -> bool:
    return _names_pattern(tuple(names)).search(_fold(text)) is not None


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(_fold(n)) for n in names) or r"(?!)"
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def evidence_text(record: Record, records: Sequence[Record]) -> str:
    """Everything the corpus says about ``record``: its title and body, and every
    paragraph or list item of another document that names it."""
    parts = [str(record.get("title") or ""), str(record.get("body") or "")]
    names = _names(record)
    for other in records:
        if other.get("id") == record.get("id"):
            continue
        for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", str(other.get("body") or "")):
            if _mentions(block, names):
                parts.append(block)
    return "\n\n".join(parts)
