"""Load test of the HTTP API: concurrent clients against ``assistant serve`` (loopback only).

``python -m assistant.bench.loadtest`` starts the whole multi-process set-up in a temp folder: a
``chroma run`` server, ``assistant index`` of the corpus into it, then ``--replicas R``
``assistant serve --workers N`` processes pointed at it (``ASSISTANT_CHROMA_HOST``/``PORT``),
each on its own port, with the rate limits disabled (one client IP sends everything). It then
runs a closed loop (``--clients`` asynchronous httpx clients for ``--duration`` seconds, each
asking the corpus's own questions in a loop) and an open loop (``--rate`` requests per second
for as long; see :mod:`assistant.bench.load_clients`), the requests spread over the replicas
round robin (no proxy), and writes ``load.json`` and ``load.md`` (throughput, p50/p95/p99
latency, status counts, one line per configuration and loop; see
:mod:`assistant.bench.load_report`). ``--replicas 1,3`` measures
each configuration in turn against the same Chroma server (indexed once).

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
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from assistant.bench.load_clients import check_loopback, run_closed, run_open
from assistant.bench.load_report import Summary, machine, summarize, write_report
from assistant.bench.servers import ROOT, Stack

__all__ = ["Summary", "baseline", "load_questions", "main", "measure", "run"]


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


# --- the loops -------------------------------------------------------------------------------


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


def run(
    *,
    clients: int,
    duration: float,
    workers: int,
    out: Path,
    rate: float = 0.0,
    rate_duration: float | None = None,
    url: str | Sequence[str] | None = None,
    replicas: int | Sequence[int] = 1,
    qa: Path = ROOT / "corpus" / "qa" / "tune.jsonl",
    work: Path | None = None,
    corpus: Path = ROOT / "corpus",
    command: str | None = None,
) -> list[Summary]:
    """The whole load test, for each count of ``replicas`` in turn: the closed loop, then the
    open loop when ``rate`` > 0 (for ``rate_duration`` seconds, ``duration`` by default);
    returns the summaries (also written to ``out``). ``url``: one or more APIs already
    running (no set-up; ``replicas`` is then their number).

    With a smaller ``corpus`` folder (CI), only the questions about its documents are asked.
    """
    ids = None if corpus == ROOT / "corpus" else {p.stem for p in corpus.glob("*.md")}
    questions = load_questions(qa, doc_ids=ids)
    counts = [replicas] if isinstance(replicas, int) else list(replicas)
    if not counts or min(counts) < 1:
        raise ValueError("replicas must be at least 1")
    meta: dict[str, Any] = {
        "command": command
        or f"python -m assistant.bench.loadtest --clients {clients} --duration {duration:g}"
        + f" --rate {rate:g} --workers {workers} --replicas {','.join(map(str, counts))}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "workers": workers,
        "replicas": counts,
        "questions": len(questions),
        "corpus": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else "subset",
        "index_seconds": 0.0,
        "startup_seconds": {},
        "memory_mb": {},
    }
    summaries = []
    with contextlib.ExitStack() as cleanup:
        running = None
        if url is None:
            folder = work or Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
            running = Stack(folder, workers, corpus, counts[0])
            cleanup.callback(running.stop)
            running.start()
            meta["index_seconds"] = round(running.index_seconds, 1)
        else:
            counts = [len([url] if isinstance(url, str) else url)]
            meta["replicas"] = counts
        for count in counts:
            if running is not None:
                if count != running.replicas:
                    running.start_replicas(count)
                meta["startup_seconds"][str(count)] = round(running.startup_seconds, 1)
                urls = running.api_urls
            else:
                urls = [url] if isinstance(url, str) else list(url or ())
            summaries += measure(
                urls,
                questions,
                clients=clients,
                duration=duration,
                rate=rate,
                rate_duration=rate_duration,
                workers=workers,
            )
            if running is not None:  # after the loops: what each process grew to
                meta["memory_mb"][str(count)] = running.memory_mb()
    meta["machine"] = machine()
    write_report(out, summaries, meta)
    return summaries


def measure(
    urls: Sequence[str],
    questions: Sequence[str],
    *,
    clients: int,
    duration: float,
    rate: float,
    rate_duration: float | None,
    workers: int,
) -> list[Summary]:
    """The closed loop, then the open loop if ``rate`` > 0, spread over ``urls``."""
    setup = {"replicas": len(urls), "workers": workers}
    reference = baseline(urls[0], questions)  # every replica must give the same answers
    results, elapsed = asyncio.run(run_closed(urls, questions, clients=clients, duration=duration))
    summaries = [
        summarize(results, reference, clients=clients, duration=duration, elapsed=elapsed, **setup)
    ]
    if rate > 0:
        span = rate_duration or duration
        results, elapsed = asyncio.run(run_open(urls, questions, rate=rate, duration=span))
        summaries.append(
            summarize(
                results,
                reference,
                clients=0,
                duration=span,
                elapsed=elapsed,
                mode="open",
                rate=rate,
                **setup,
            )
        )
    return summaries


def replica_counts(text: str) -> list[int]:
    """``--replicas``: one count or several, comma-separated (``1,3``), each 1..16."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not counts or not all(1 <= n <= 16 for n in counts):
        raise argparse.ArgumentTypeError("each count of replicas must be 1..16")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.bench.loadtest", description=__doc__, allow_abbrev=False
    )
    parser.add_argument("--clients", type=int, default=50, help="closed loop: clients")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of each loop")
    parser.add_argument(
        "--rate", type=float, default=15.0, help="open loop: requests per second (0: none)"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes per replica")
    parser.add_argument(
        "--replicas",
        type=replica_counts,
        default=[1],
        help="`assistant serve` processes sharing the Chroma server; 1,3 measures 1 then 3",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks")
    parser.add_argument(
        "--url", action="append", help="an API already running on loopback (no set-up; repeat "
        "it for replicas, requests go round robin)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 500 and 1 <= args.duration <= 3600 and 0 <= args.rate <= 200):
        parser.error("--clients must be 1..500, --duration 1..3600 s and --rate 0..200")
    summaries = run(
        command=shlex.join(["python", "-m", "assistant.bench.loadtest", *sys.argv[1:]])
        if argv is None
        else None,
        clients=args.clients,
        duration=args.duration,
        rate=args.rate,
        workers=args.workers,
        replicas=args.replicas,
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
