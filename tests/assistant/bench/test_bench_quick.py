"""`assistant bench --quick`: the whole benchmark on small subsets, report files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import cli


@pytest.mark.slow
def test_bench_quick_writes_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], e5_model_dir: Path
) -> None:
    out = tmp_path / "benchmarks"
    assert cli.main(["bench", "--quick", "--no-progress", "--out", str(out)]) == 0
    assert "README.md" in capsys.readouterr().out
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["quick"] is True
    assert results["machine"]["cpu_reference_end"]["matmul_gflops"] > 0
    assert "CPU speed reference" in (out / "README.md").read_text(encoding="utf-8")
    for dataset in ("corpus", "spf"):
        systems = results[dataset]["systems"]
        assert set(systems) == {"ours", "langchain", "bm25"}
        for metrics in systems.values():
            assert 0.0 <= metrics["hit@5"] <= 1.0
            assert 0.0 <= metrics["containment"] <= 1.0
            assert metrics["latency_ms_p50"] > 0
            assert metrics["indexing"]["chunks_per_second"] > 0
    assert results["spf"]["systems"]["ours"]["f1"] is not None
    assert len(results["chunk_sizes"]) == 2
    assert results["cold_start"][0]["ok"]
    sizes = results["scale"]["sizes"]
    assert [s["chunks"] for s in sizes] == [300, 1000]
    assert all(s["rss_mb"] > 0 and s["retrieval_ms_p50"] > 0 for s in sizes)
    # The lexical snapshot is written as `assistant index` does, then loaded.
    assert all(s["snapshot_write_s"] > 0 and s["rss_mb_after_queries"] > 0 for s in sizes)
    readme = (out / "README.md").read_text(encoding="utf-8")
    for chart in ("quality.png", "latency.png", "chunk_sizes.png", "scale.png"):
        assert (out / chart).stat().st_size > 1000
        assert f"]({chart})" in readme
    assert "synthetic" in readme
