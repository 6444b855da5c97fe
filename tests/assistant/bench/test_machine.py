"""The machine description that makes benchmark reports from different days comparable."""

from __future__ import annotations

from assistant.bench import machine
from assistant.bench.report import _cpu_reference_line


def test_describe_then_finish_records_cpu_speed_at_both_ends() -> None:
    facts = machine.describe()
    machine.finish(facts)
    for key in ("cpu_reference_start", "cpu_reference_end"):
        assert facts[key]["python_loop_ms"] > 0
        assert facts[key]["matmul_gflops"] > 0
    assert facts["cpus"] >= 1


def test_report_states_the_cpu_reference() -> None:
    facts = {
        "cpu_reference_start": {"python_loop_ms": 40.0, "matmul_gflops": 80.0},
        "cpu_reference_end": {"python_loop_ms": 42.5, "matmul_gflops": 78.1},
    }
    line = " ".join(_cpu_reference_line(facts))
    assert "40.0 ms" in line and "80.0 GFLOPS" in line and "42.5 ms" in line
    assert _cpu_reference_line({}) == []  # reports written before the reference existed
