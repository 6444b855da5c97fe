"""Answer text parsed into blocks (paragraphs, bullet lists, pipe tables) of inline runs.

The chat page renders these blocks as HTML (:mod:`ui.render`); the widget's JavaScript
renderer follows the same rules, checked by both on the cases of ``tests/ui/render_cases.json``.
Parsing is kept apart from rendering so that the rules have one home: docs/ui.md, "Answer text".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, TypedDict

from assistant.text import MARKERS_RE, WEB_URL_IN_TEXT

_BULLET = re.compile(r"^\s*[-•*]\s+")

# The specification (shared with the widget's JavaScript renderer, checked by both on the
# cases of tests/ui/render_cases.json) is in docs/ui.md, "Answer text".

#: One inline run: ``{"text": str}``, ``{"bold": str}``, ``{"cite": int}`` or ``{"link": str}``.
Run = dict[str, str | int]
#: The runs of one line, list item or table cell.
Runs = list[Run]


class Paragraph(TypedDict):
    """Lines of text shown together, separated by line breaks."""

    type: Literal["paragraph"]
    lines: list[Runs]


class BulletList(TypedDict):
    """A bullet list (``- ``, ``* `` or ``• `` lines)."""

    type: Literal["list"]
    items: list[Runs]


class Table(TypedDict):
    """A pipe table: header cells and rows of cells, all rows as wide as the widest."""

    type: Literal["table"]
    head: list[Runs]
    rows: list[list[Runs]]


Block = Paragraph | BulletList | Table

_BOLD = re.compile(r"\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*")
_TABLE_ROW = re.compile(r"^\s*\|[^\n]*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _citation_runs(text: str, known: set[int], kind: str) -> Runs:
    """``text`` as runs of ``kind`` ("text" or "bold"), its known markers as cite runs."""
    runs: Runs = []
    last = 0
    for match in MARKERS_RE.finditer(text):
        numbers = [int(p) for p in re.split(r"\s*[,;]\s*", match.group(1))]
        if not all(n in known for n in numbers):
            continue  # a marker of an unknown source stays text
        if match.start() > last:
            runs += _link_runs(text[last : match.start()], kind)
        runs.extend({"cite": n} for n in numbers)
        last = match.end()
    if last < len(text):
        runs += _link_runs(text[last:], kind)
    return runs


def _link_runs(text: str, kind: str) -> Runs:
    """``text`` as runs of ``kind``, its web addresses as link runs."""
    runs: Runs = []
    last = 0
    for match in WEB_URL_IN_TEXT.finditer(text):
        if match.start() > last:
            runs.append({kind: text[last : match.start()]})
        runs.append({"link": match.group(0)})
        last = match.end()
    if last < len(text):
        runs.append({kind: text[last:]})
    return runs


def parse_inline(text: str, known: Iterable[int]) -> Runs:
    """One line of answer text as inline runs (adjacent runs of one kind merged)."""
    numbers = set(known)
    runs: Runs = []
    last = 0
    for match in _BOLD.finditer(text):
        runs += _citation_runs(text[last : match.start()], numbers, "text")
        runs += _citation_runs(match.group(1), numbers, "bold")
        last = match.end()
    runs += _citation_runs(text[last:], numbers, "text")
    merged: Runs = []
    for run in runs:
        kind = next(iter(run))
        if kind not in ("cite", "link") and merged and kind in merged[-1]:
            merged[-1] = {kind: f"{merged[-1][kind]}{run[kind]}"}
        else:
            merged.append(run)
    return merged


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def _table(lines: list[str], known: set[int]) -> Table | None:
    """A pipe table (header, rule, rows), or None when the second line is not a rule."""
    if len(lines) < 2 or not _TABLE_RULE.match(lines[1]):
        return None
    head = _cells(lines[0])
    rows = [_cells(line) for line in lines[2:] if not _TABLE_RULE.match(line)]
    width = max(len(row) for row in [head, *rows])
    return {
        "type": "table",
        "head": [parse_inline(cell, known) for cell in head + [""] * (width - len(head))],
        "rows": [
            [parse_inline(cell, known) for cell in row + [""] * (width - len(row))] for row in rows
        ],
    }


def _kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _BULLET.match(line):
        return "list"
    if _TABLE_ROW.match(line):
        return "table"
    return "paragraph"


def parse_answer(text: str, known: Iterable[int]) -> list[Block]:
    """Answer text as blocks of inline runs (the rules are in docs/ui.md)."""
    numbers = set(known)
    groups: list[tuple[str, list[str]]] = []
    previous = "blank"
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        kind = _kind(line)
        same_block = kind == previous or (kind == "list" and previous == "blank")
        if kind != "blank":
            if groups and groups[-1][0] == kind and same_block:
                groups[-1][1].append(line)
            else:
                groups.append((kind, [line]))
        previous = kind
    blocks: list[Block] = []
    for kind, lines in groups:
        if kind == "list":
            items = [parse_inline(_BULLET.sub("", line).strip(), numbers) for line in lines]
            blocks.append({"type": "list", "items": items})
            continue
        table = _table(lines, numbers) if kind == "table" else None
        if table is not None:
            blocks.append(table)
        else:
            paragraph = [parse_inline(line.strip(), numbers) for line in lines]
            blocks.append({"type": "paragraph", "lines": paragraph})
    return blocks
