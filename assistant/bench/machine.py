"""What the benchmark ran on: CPU count, Python, load and a quick CPU speed reference.

The same 2-core machine is not equally fast every day (shared hosts): two reference
workloads, timed at the start and the end of a run, tell whether two reports differ because
of the code or because of the machine.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from typing import Any


def describe() -> dict[str, Any]:
    """Machine facts and CPU reference timings at the start of a run."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d"),
        "load_average_start": load_average(),
        "cpu_reference_start": cpu_reference(),
    }


def finish(machine: dict[str, Any]) -> None:
    """Add the end-of-run load and CPU reference to ``machine``."""
    machine["load_average_end"] = load_average()
    machine["cpu_reference_end"] = cpu_reference()


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages (other work on the machine slows every figure)."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


def cpu_reference(repeats: int = 5) -> dict[str, float]:
    """Best of ``repeats``: a pure-Python loop (ms; interpreter-bound work) and a float32
    matrix product (GFLOPS; what the embedding model spends its time on)."""
    import numpy as np

    loop_s = min(_timed(_python_loop) for _ in range(repeats))
    size = 512
    a = np.random.default_rng(0).random((size, size), dtype=np.float32)
    matmul_s = min(_timed(lambda: [a @ a for _ in range(10)]) for _ in range(repeats))
    return {
        "python_loop_ms": round(loop_s * 1000, 1),
        "matmul_gflops": round(10 * 2 * size**3 / matmul_s / 1e9, 1),
    }


def _python_loop() -> int:
    total = 0
    for i in range(1_000_000):
        total += i
    return total


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
