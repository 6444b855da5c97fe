"""The load test in its CI size: 10 clients for 10 s, then 2 requests/s for 8 s, against
`assistant serve --workers 2` and a real `chroma run` server (the full run, 50 clients x 60 s
then 15 requests/s x 60 s, is `make loadtest`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _helpers import ROOT

from assistant.bench.loadtest import run

pytestmark = [pytest.mark.server, pytest.mark.slow]

DOCS = ("electromob", "battena", "3nc", "ami-cma", "osmose", "cometes")


@pytest.mark.timeout(900)
def test_load_ci_size(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc in DOCS:
        shutil.copy(ROOT / "corpus" / f"{doc}.md", corpus / f"{doc}.md")
    out = tmp_path / "report"
    closed, open_loop = run(
        clients=10,
        duration=10,
        rate=2,
        rate_duration=8,
        workers=2,
        out=out,
        corpus=corpus,
        work=tmp_path / "stack",
    )
    summary = closed
    assert closed.mode == "closed" and open_loop.mode == "open"
    # The open loop sends what its rate asks for, on time, and every answer is the same as
    # the question asked alone.
    assert open_loop.requests == 16
    assert open_loop.status == {"200": 16}, open_loop.errors
    assert open_loop.lost == 0 and open_loop.mismatched == 0
    assert summary.requests >= 10
    assert not any(code.startswith("5") for code in summary.status), summary.status
    assert summary.status == {"200": summary.requests}, summary.errors
    assert summary.lost == 0 and summary.mismatched == 0
    assert summary.ok == summary.requests
    assert summary.latency_ms["p50"] <= summary.latency_ms["p95"] <= summary.latency_ms["p99"]
    report = json.loads((out / "load.json").read_text())
    assert [s["ok"] for s in report["summaries"]] == [summary.ok, open_loop.ok]
    table = (out / "load.md").read_text()
    assert "| closed | 10 clients |" in table and "| open | 2 req/s |" in table
