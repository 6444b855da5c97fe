"""The load test in its CI size: 10 clients for 10 s against `assistant serve --workers 2`
and a real `chroma run` server (the full 50 clients x 60 s run is `make loadtest`)."""

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
    summary = run(
        clients=10, duration=10, workers=2, out=out, corpus=corpus, work=tmp_path / "stack"
    )
    assert summary.requests >= 10
    assert not any(code.startswith("5") for code in summary.status), summary.status
    assert summary.status == {"200": summary.requests}, summary.errors
    assert summary.lost == 0 and summary.mismatched == 0
    assert summary.ok == summary.requests
    assert summary.latency_ms["p50"] <= summary.latency_ms["p95"] <= summary.latency_ms["p99"]
    report = json.loads((out / "load.json").read_text())
    assert report["summary"]["ok"] == summary.ok
    assert "| 10 |" in (out / "load.md").read_text()
