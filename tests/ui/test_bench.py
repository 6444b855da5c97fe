"""`python -m ui.bench`: one short real run (fresh server, Chromium) and its report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui import bench


def test_summary_takes_median_and_worst() -> None:
    runs = [
        bench.Run(2.0, 3.0, [0.2, 0.4], 900.0),
        bench.Run(2.5, 5.0, [0.1], None),
        bench.Run(1.9, 4.0, [0.3], 950.5),
    ]
    summary = bench.summarise(runs)
    assert summary["first_answer_median_s"] == 4.0
    assert summary["first_answer_max_s"] == 5.0
    assert summary["later_answer_median_s"] == 0.25
    assert summary["later_answer_max_s"] == 0.4
    assert summary["server_rss_max_mb"] == 950.5


@pytest.mark.browser
@pytest.mark.slow
def test_one_real_run_writes_the_report(indexed: None, tmp_path: Path) -> None:
    if not bench.CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (`make browser` installs it)")
    pytest.importorskip("playwright.sync_api")

    log = tmp_path / "streamlit.log"
    assert (
        bench.main(["--runs", "1", "--later", "1", "--out", str(tmp_path), "--log", str(log)]) == 0
    )
    assert log.exists()

    result = json.loads((tmp_path / "chat.json").read_text())
    (run,) = result["runs"]
    assert 0 < run["page_ready_s"] <= run["first_answer_s"]
    assert len(run["later_answers_s"]) == 1
    assert run["server_rss_mb"] and run["server_rss_mb"] > 100
    report = (tmp_path / "chat.md").read_text()
    assert "First answer: median" in report
    assert bench.FIRST_QUESTION in report
