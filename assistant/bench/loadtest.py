"""Load test of the HTTP API: concurrent clients against ``assistant serve`` (loopback only).

``python -m assistant.bench.loadtest`` starts the whole multi-process set-up in a temp folder: a
``chroma run`` server, ``assistant index`` of the corpus into it, then ``assistant serve
--workers N`` pointed at it (``ASSISTANT_CHROMA_HOST``/``PORT``), with the rate limits
disabled (one client IP sends everything). It then runs a closed loop (``--clients``
asynchronous httpx clients for ``--duration`` seconds, each asking the corpus's own questions
in a loop) and an open loop (``--rate`` requests per second for as long; see
:mod:`assistant.bench.load_clients`), and writes ``load.json`` and ``load.md`` (throughput,
p50/p95/p99 latency, status counts, one line per loop).

Every answer is compared with the one the same server gave the same question before the
load (the extractive pipeline is deterministic): a missing, empty or different answer is
counted as *lost*. ``--url`` runs the clients against an API that is already up instead.
Every loop is bounded: by ``--duration``, by the per-request timeout and by a hard deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from assistant.bench.load_clients import STREAM_SHARE, Result, check_loopback, run_closed, run_open
from assistant.bench.servers import ROOT, stack
from assistant.bench.stats import percentile

# --- questions -------------------------------------------------------------------------------


def load_questions(path: Path, limit: int = 24, doc_ids: set[str] | None = None) -> list[str]:
    """Standalone answerable questions of a ``corpus/qa`` file (first ``limit``), only
    those whose sources are all in ``doc_ids`` when given."""
    questions = []
    with open(path, encoding="utf-8") as qa:
        for line in qa:
            if not line.strip():
                continue
            item = json.loads(line)
            if doc_ids is not None and not set(item.get("sources") or ()) <= doc_ids:
                continue
            if item.get("answerable") and not item.get("history"):
                questions.append(str(item["question"]))
            if len(questions) >= limit:
                break
    if not questions:
        raise SystemExit(f"no standalone question in {path}")
    return questions


# --- the summaries ---------------------------------------------------------------------------


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


def baseline(url: str, questions: Sequence[str], timeout: float = 120.0) -> dict[str, str]:
    """Each question asked once, alone: the reference answers."""
    check_loopback(url)
    out = {}
    with httpx.Client(base_url=url, timeout=timeout, trust_env=False) as client:
        for question in questions:
            response = client.post("/v1/chat", json={"question": question})
            response.raise_for_status()
            out[question] = str(response.json()["answer"])
    return out


def summarize(
    results: Sequence[tuple[str, Result]],
    reference: dict[str, str],
    *,
    clients: int,
    duration: float,
    elapsed: float,
    mode: str = "closed",
    rate: float = 0.0,
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
    )


# --- the servers -----------------------------------------------------------------------------


# --- the report ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def _row(summary: Summary) -> str:
    lat = summary.latency_ms
    load = (
        f"{summary.clients} clients" if summary.mode == "closed" else f"{summary.rate_rps:g} req/s"
    )
    five = sum(v for k, v in summary.status.items() if k.startswith("5"))
    return (
        f"| {summary.mode} | {load} | {summary.elapsed_s:g} s | {summary.requests} | {summary.ok} "
        f"| {summary.lost} | {five} | {summary.throughput_rps:g} req/s | {lat['p50']:.0f} ms "
        f"| {lat['p95']:.0f} ms | {lat['p99']:.0f} ms |"
    )


def _details(summary: Summary) -> list[str]:
    lat = summary.latency_ms
    status = ", ".join(f"{k}: {v}" for k, v in summary.status.items())
    lines = [
        f"**{summary.mode} loop**: status codes {status}; answers different from the same "
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
        f"Set-up: `assistant serve --workers {meta['workers']}` and a separate `chroma run` "
        "server, both on loopback, the corpus indexed into Chroma first; extractive backend; "
        "no answer cache; rate limits disabled for the test (every request comes from one "
        f"IP); {int(STREAM_SHARE * 100)} % of the requests on `/v1/chat/stream`. The closed "
        "loop runs N clients that each ask again as soon as answered (capacity); the open "
        "loop sends requests at a fixed rate whatever the server's pace (what a site with "
        "steady traffic sees; a request unanswered after 30 s is an error).",
        "",
        "| loop | load | elapsed | requests | answered | lost | 5xx | throughput | p50 | p95 "
        "| p99 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(_row(s) for s in summaries),
        "",
    ]
    for summary in summaries:
        lines += [*_details(summary), ""]
    lines += [
        f"Machine: {meta['machine']['cpus']} CPUs shared with other jobs (1-minute load "
        f"average {meta['machine']['load_average_1m']} at the end), Python "
        f"{meta['machine']['python']}. Indexing into the Chroma server took "
        f"{meta['index_seconds']:.0f} s; the workers were ready {meta['startup_seconds']:.0f} s "
        "after `assistant serve` started.",
        "",
        "In the closed loop latency is dominated by queueing: each worker runs at most "
        "`ASSISTANT_API_MAX_CONCURRENCY` pipelines at once and the machine has few cores, so "
        "with many clients p50 ≈ clients ÷ throughput. Throughput grows with cores (more "
        "workers) and replicas (see docs/deployment.md).",
    ]
    (out / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(
    *,
    clients: int,
    duration: float,
    workers: int,
    out: Path,
    rate: float = 0.0,
    rate_duration: float | None = None,
    url: str | None = None,
    qa: Path = ROOT / "corpus" / "qa" / "tune.jsonl",
    work: Path | None = None,
    corpus: Path = ROOT / "corpus",
) -> list[Summary]:
    """The whole load test: the closed loop, then the open loop when ``rate`` > 0 (for
    ``rate_duration`` seconds, ``duration`` by default); returns the summaries (also
    written to ``out``).

    With a smaller ``corpus`` folder (CI), only the questions about its documents are asked.
    """
    ids = None if corpus == ROOT / "corpus" else {p.stem for p in corpus.glob("*.md")}
    questions = load_questions(qa, doc_ids=ids)
    command = "python -m assistant.bench.loadtest " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""
    meta: dict[str, Any] = {
        "command": command
        or f"python -m assistant.bench.loadtest --clients {clients} --duration {duration:g}"
        + (f" --rate {rate:g}" if rate else ""),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "workers": workers,
        "questions": len(questions),
        "corpus": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else "subset",
        "index_seconds": 0.0,
        "startup_seconds": 0.0,
    }
    summaries = []
    with contextlib.ExitStack() as cleanup:
        if url is None:
            folder = work or Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
            running = cleanup.enter_context(stack(folder, workers, corpus))
            url = running.api_url
            meta["index_seconds"] = round(running.index_seconds, 1)
            meta["startup_seconds"] = round(running.startup_seconds, 1)
        reference = baseline(url, questions)
        results, elapsed = asyncio.run(
            run_closed(url, questions, clients=clients, duration=duration)
        )
        summaries.append(
            summarize(results, reference, clients=clients, duration=duration, elapsed=elapsed)
        )
        if rate > 0:
            span = rate_duration or duration
            results, elapsed = asyncio.run(run_open(url, questions, rate=rate, duration=span))
            summaries.append(
                summarize(
                    results,
                    reference,
                    clients=0,
                    duration=span,
                    elapsed=elapsed,
                    mode="open",
                    rate=rate,
                )
            )
    meta["machine"] = machine()
    write_report(out, summaries, meta)
    return summaries


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.bench.loadtest", description=__doc__, allow_abbrev=False
    )
    parser.add_argument("--clients", type=int, default=50, help="closed loop: clients")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of each loop")
    parser.add_argument(
        "--rate", type=float, default=15.0, help="open loop: requests per second (0: none)"
    )
    parser.add_argument("--workers", type=int, default=2, help="API worker processes")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks")
    parser.add_argument("--url", help="an API already running on loopback (no set-up)")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 500 and 1 <= args.duration <= 3600 and 0 <= args.rate <= 200):
        parser.error("--clients must be 1..500, --duration 1..3600 s and --rate 0..200")
    summaries = run(
        clients=args.clients,
        duration=args.duration,
        rate=args.rate,
        workers=args.workers,
        out=args.out,
        url=args.url,
    )
    print(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=2))
    failed = [
        s for s in summaries if s.lost or s.mismatched or any(k.startswith("5") for k in s.status)
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
