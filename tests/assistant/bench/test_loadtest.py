"""The load test in its CI size, as `make loadtest` runs it (1 then 3 `assistant serve`
processes of one worker against one real `chroma run` server) but short: 6 clients for 6 s,
then 2 requests/s for 5 s, on six documents (the full run, 50 clients x 60 s then 15
requests/s x 60 s, is `make loadtest`; the lead measures it on a quiet machine)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _helpers import ROOT

from assistant.bench.loadtest import main, run

pytestmark = [pytest.mark.server, pytest.mark.slow]

DOCS = ("electromob", "battena", "3nc", "ami-cma", "osmose", "cometes")


@pytest.mark.timeout(900)
def test_load_ci_size_one_then_three_replicas(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc in DOCS:
        shutil.copy(ROOT / "corpus" / f"{doc}.md", corpus / f"{doc}.md")
    out = tmp_path / "report"
    summaries = run(
        clients=6,
        duration=6,
        rate=2,
        rate_duration=5,
        workers=1,
        replicas=(1, 3),
        out=out,
        corpus=corpus,
        work=tmp_path / "stack",
    )
    assert [(s.replicas, s.mode) for s in summaries] == [
        (1, "closed"), (1, "open"), (3, "closed"), (3, "open"),
    ]  # fmt: skip
    for summary in summaries:
        # Every request answered, each the same answer as the question asked alone (of
        # the first replica): replicas behind one Chroma server answer alike.
        assert summary.status == {"200": summary.requests}, summary.errors
        assert summary.lost == 0 and summary.mismatched == 0
        assert summary.ok == summary.requests >= 6
        assert summary.latency_ms["p50"] <= summary.latency_ms["p95"] <= summary.latency_ms["p99"]
    one_closed, one_open, three_closed, three_open = summaries
    # The open loop sends what its rate asks for; requests go round robin over the replicas.
    assert one_open.requests == three_open.requests == 10
    assert one_closed.by_replica.keys() == {"0"}
    assert three_open.by_replica == {"0": 4, "1": 3, "2": 3}
    assert three_closed.by_replica.keys() == {"0", "1", "2"}

    report = json.loads((out / "load.json").read_text())
    assert [s["ok"] for s in report["summaries"]] == [s.ok for s in summaries]
    assert report["replicas"] == [1, 3] and set(report["startup_seconds"]) == {"1", "3"}
    assert [len(report["memory_mb"][n]) for n in ("1", "3")] == [1, 3]
    assert all(mb > 50 for mb in report["memory_mb"]["3"])  # each holds its own model
    table = (out / "load.md").read_text()
    assert "| 1 process × 1 worker | closed | 6 clients |" in table
    assert "| 3 processes × 1 worker | open | 2 req/s |" in table
    # The report says that every configuration shares this machine's cores.
    assert f"Every configuration runs on the same {report['machine']['cpus']} cores" in table


def test_replicas_option_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["--replicas", "0,3", "--url", "http://127.0.0.1:9"])
    assert refused.value.code == 2
    assert "each count of replicas must be 1..16" in capsys.readouterr().err
