"""The answer-text parser, on the cases shared with the widget's JavaScript renderer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ui.markup import parse_answer, parse_inline

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("render_cases.json")).read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_answer_text_is_parsed_as_the_shared_cases_say(case: dict[str, Any]) -> None:
    assert parse_answer(case["text"], case["citations"]) == case["blocks"]


def test_a_marker_of_an_unknown_source_stays_text() -> None:
    assert parse_inline("Budget de 25 M€ [1] [7].", [1]) == [
        {"text": "Budget de 25 M€ "},
        {"cite": 1},
        {"text": " [7]."},
    ]
