"""The load test's figures: one :class:`Summary` per configuration and loop, and the report
(``load.json`` with every figure, ``load.md`` with a table line per configuration and loop)."""

from __future__ import annotations

import json
import os
import platform
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.bench.load_clients import STREAM_SHARE, Result
from assistant.bench.stats import percentile


@dataclass
class Summary:
    """One load run: ``mode`` is "closed" (``clients`` loops) or "open" (``rate`` req/s)."""

    clients: int
    duration_s: float
    elapsed_s: float
    requests: int
    ok: int
    lost: int
    mismatched: int
    status: dict[str, int]
    throughput_rps: float
    latency_ms: dict[str, float]
    by_endpoint: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    mode: str = "closed"
    rate_rps: float = 0.0
    replicas: int = 1
    workers: int = 1
    #: Requests answered (200) by each replica, by its number.
    by_replica: dict[str, int] = field(default_factory=dict)


def summarize(
    results: Sequence[tuple[str, Result]],
    reference: dict[str, str],
    *,
    clients: int,
    duration: float,
    elapsed: float,
    mode: str = "closed",
    rate: float = 0.0,
    replicas: int = 1,
    workers: int = 1,
) -> Summary:
    status = Counter(str(r.status) for _, r in results)
    ok = [r for q, r in results if r.status == 200 and r.answer and r.answer == reference.get(q)]
    mismatched = sum(
        1 for q, r in results if r.status == 200 and r.answer and r.answer != reference.get(q)
    )
    lost = sum(1 for _, r in results if r.status != 200 or not r.answer)
    latencies = [r.seconds * 1000 for _, r in results if r.status == 200]
    errors = sorted(
        {f"{r.endpoint} {r.status} {r.error}".strip() for _, r in results if r.status != 200}
    )
    return Summary(
        clients=clients,
        duration_s=duration,
        elapsed_s=round(elapsed, 2),
        requests=len(results),
        ok=len(ok),
        lost=lost,
        mismatched=mismatched,
        status=dict(sorted(status.items())),
        throughput_rps=round(len(ok) / elapsed, 2) if elapsed else 0.0,
        latency_ms={
            "p50": round(percentile(latencies, 0.5), 1),
            "p95": round(percentile(latencies, 0.95), 1),
            "p99": round(percentile(latencies, 0.99), 1),
            "mean": round(statistics.fmean(latencies), 1) if latencies else 0.0,
            "max": round(max(latencies), 1) if latencies else 0.0,
        },
        by_endpoint={
            endpoint: {
                "requests": float(len(values)),
                "p50": round(percentile(values, 0.5), 1),
                "p95": round(percentile(values, 0.95), 1),
                "p99": round(percentile(values, 0.99), 1),
            }
            for endpoint in sorted({r.endpoint for _, r in results})
            if (
                values := [
                    r.seconds * 1000
                    for _, r in results
                    if r.endpoint == endpoint and r.status == 200
                ]
            )
        },
        errors=errors[:20],
        mode=mode,
        rate_rps=rate,
        replicas=replicas,
        workers=workers,
        by_replica={
            str(n): count
            for n, count in sorted(
                Counter(r.replica for _, r in results if r.status == 200).items()
            )
        },
    )


# --- the report ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def setup(summary: Summary) -> str:
    """The configuration of a summary, as the table shows it."""
    processes = f"{summary.replicas} process{'es' if summary.replicas > 1 else ''}"
    return f"{processes} × {summary.workers} worker{'s' if summary.workers > 1 else ''}"


def _row(summary: Summary) -> str:
    lat = summary.latency_ms
    load = (
        f"{summary.clients} clients" if summary.mode == "closed" else f"{summary.rate_rps:g} req/s"
    )
    five = sum(v for k, v in summary.status.items() if k.startswith("5"))
    return (
        f"| {setup(summary)} | {summary.mode} | {load} | {summary.elapsed_s:g} s "
        f"| {summary.requests} | {summary.ok} "
        f"| {summary.lost} | {five} | {summary.throughput_rps:g} | {lat['p50']:.0f} ms "
        f"| {lat['p95']:.0f} ms | {lat['p99']:.0f} ms |"
    )


def _details(summary: Summary) -> list[str]:
    lat = summary.latency_ms
    status = ", ".join(f"{k}: {v}" for k, v in summary.status.items())
    spread = ", ".join(f"#{n}: {count}" for n, count in summary.by_replica.items())
    lines = [
        f"**{setup(summary)}, {summary.mode} loop**: status codes {status}; answered by "
        f"replica {spread}; answers different from the same "
        f"question asked alone: {summary.mismatched}; mean latency {lat['mean']:.0f} ms, max "
        f"{lat['max']:.0f} ms. By endpoint: "
        + "; ".join(
            f"`{name}` {int(v['requests'])} requests, p50 {v['p50']:.0f} ms, "
            f"p95 {v['p95']:.0f} ms, p99 {v['p99']:.0f} ms"
            for name, v in summary.by_endpoint.items()
        )
        + "."
    ]
    if summary.errors:
        lines += ["", "Failures: " + "; ".join(summary.errors)]
    return lines


def write_report(out: Path, summaries: Sequence[Summary], meta: dict[str, Any]) -> None:
    """``load.json`` (every figure) and ``load.md`` (one table, a line per loop)."""
    out.mkdir(parents=True, exist_ok=True)
    payload = {"summaries": [asdict(s) for s in summaries], **meta}
    (out / "load.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    lines = [
        "# Load test of the HTTP API",
        "",
        f"Command: `{meta['command']}` ({meta['date']}).",
        "",
        "Set-up: for each configuration, R `assistant serve --workers W` processes (R × W "
        "in the table), each on its own port, and one `chroma run` server, all on loopback, "
        "the corpus indexed into Chroma once; the clients spread their requests over the R "
        "processes round robin (no proxy); extractive backend; no answer cache; rate limits "
        "disabled for the test (every request comes from one IP); "
        f"{int(STREAM_SHARE * 100)} % of the requests on `/v1/chat/stream`. The closed "
        "loop runs N clients that each ask again as soon as answered (capacity); the open "
        "loop sends requests at a fixed rate whatever the server's pace (what a site with "
        "steady traffic sees; a request unanswered after 30 s is an error).",
        "",
        "| processes | loop | load | elapsed | requests | answered | lost | 5xx | answers/s "
        "| p50 | p95 | p99 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_row(s) for s in summaries),
        "",
    ]
    for summary in summaries:
        lines += [*_details(summary), ""]
    cpus = meta["machine"]["cpus"]
    ready = "; ".join(
        f"{n} process{'es' if int(n) > 1 else ''}: ready {s:.0f} s after starting"
        + (
            f", resident memory {', '.join(f'{mb:.0f}' for mb in memory)} MB after the loops"
            if (memory := meta.get("memory_mb", {}).get(n))
            else ""
        )
        for n, s in meta["startup_seconds"].items()
    )
    lines += [
        f"Machine: {cpus} CPUs shared by every process of the test, the load clients "
        f"included, and by other jobs (1-minute load average "
        f"{meta['machine']['load_average_1m']} at the end), Python "
        f"{meta['machine']['python']}. Indexing into the Chroma server took "
        f"{meta['index_seconds']:.0f} s; {ready}.",
        "",
        f"Every configuration runs on the same {cpus} cores: each answer is CPU-bound, so "
        f"more processes than cores add no capacity here (they add memory, one model per "
        f"process); a configuration of R processes measures R machines only when each "
        "process has cores of its own. The lines show that replicas behind one Chroma "
        "server answer the same answers under load, and what they cost on one machine.",
        "",
        "In the closed loop latency is dominated by queueing: each worker runs at most "
        "`ASSISTANT_API_MAX_CONCURRENCY` pipelines at once and the machine has few cores, so "
        "with many clients p50 ≈ clients ÷ throughput. Throughput grows with cores (more "
        "workers) and replicas on more machines (see docs/deployment.md).",
    ]
    (out / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
