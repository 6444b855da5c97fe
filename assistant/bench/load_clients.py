"""The load test's HTTP clients: a closed loop (N clients, each asks again when answered)
and an open loop (requests sent at a fixed arrival rate, whatever the server's pace).

A closed loop measures capacity: the server sets the pace, so latency grows with the number
of clients. An open loop measures what a site with steady traffic sees: requests keep
arriving at ``rate`` per second, and a server slower than that shows it as growing latency
and timeouts instead of hiding it (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
STREAM_SHARE = 0.2  # share of the requests sent to /v1/chat/stream


@dataclass
class Result:
    """One request: what was asked, how it ended, how long it took."""

    endpoint: str
    status: int  # 0: transport error or timeout
    seconds: float
    answer: str | None = None
    error: str = ""


def check_loopback(url: str) -> None:
    """Refuse any target but this machine (the load test is not a weapon)."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"the load test only targets loopback addresses, not {host!r}")


def final_answer(raw: str) -> str | None:
    """The ``answer`` of the ``final`` event of a Server-Sent Events body."""
    for block in raw.replace("\r\n", "\n").split("\n\n"):
        lines = block.split("\n")
        if "event: final" in lines:
            data = "".join(line[6:] for line in lines if line.startswith("data: "))
            return str(json.loads(data).get("answer") or "") or None
    return None


async def ask(client: httpx.AsyncClient, question: str, stream: bool) -> Result:
    """One question on /v1/chat or /v1/chat/stream, timed from send to last byte."""
    endpoint = "/v1/chat/stream" if stream else "/v1/chat"
    started = time.perf_counter()
    try:
        response = await client.post(endpoint, json={"question": question})
        seconds = time.perf_counter() - started
        answer: str | None = None
        if response.status_code == 200:
            if stream:
                answer = final_answer(response.text)
            else:
                answer = str(response.json().get("answer") or "") or None
        return Result(endpoint, response.status_code, seconds, answer)
    except (httpx.HTTPError, ValueError) as exc:
        return Result(endpoint, 0, time.perf_counter() - started, error=type(exc).__name__)


async def run_closed(
    url: str,
    questions: Sequence[str],
    *,
    clients: int,
    duration: float,
    timeout: float = 120.0,
    seed: int = 2030,
) -> tuple[list[tuple[str, Result]], float]:
    """``clients`` loops asking for ``duration`` seconds; returns (question, result) pairs."""
    check_loopback(url)
    results: list[tuple[str, Result]] = []
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.monotonic()
    stop_at = started + duration

    async def loop(client: httpx.AsyncClient, index: int) -> None:
        local = random.Random(rng.random() + index)
        while time.monotonic() < stop_at:
            question = local.choice(questions)
            result = await ask(client, question, local.random() < STREAM_SHARE)
            results.append((question, result))

    async with httpx.AsyncClient(
        base_url=url, timeout=timeout, limits=limits, trust_env=False
    ) as client:
        # Hard deadline: the duration plus one request timeout, whatever happens.
        await asyncio.wait_for(
            asyncio.gather(*(loop(client, i) for i in range(clients))),
            timeout=duration + timeout + 30,
        )
    return results, time.monotonic() - started


async def run_open(
    url: str,
    questions: Sequence[str],
    *,
    rate: float,
    duration: float,
    timeout: float = 30.0,
    seed: int = 2030,
) -> tuple[list[tuple[str, Result]], float]:
    """``rate`` requests per second for ``duration`` seconds, each sent at its scheduled
    time (evenly spaced) on its own connection slot; returns (question, result) pairs and
    the time until the last answer. A request still unanswered after ``timeout`` counts as
    an error (status 0), so an overloaded server cannot hide behind a slow pace."""
    check_loopback(url)
    rng = random.Random(seed)
    total = max(1, round(rate * duration))
    plan = [(i / rate, rng.choice(questions), rng.random() < STREAM_SHARE) for i in range(total)]
    # Enough connections for every request that may be in flight at once.
    slots = max(4, min(1000, int(rate * timeout) + 1))
    limits = httpx.Limits(max_connections=slots, max_keepalive_connections=slots)
    results: list[tuple[str, Result]] = []

    async with httpx.AsyncClient(
        base_url=url, timeout=timeout, limits=limits, trust_env=False
    ) as client:
        started = time.monotonic()

        async def fire(at: float, question: str, stream: bool) -> None:
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            results.append((question, await ask(client, question, stream)))

        await asyncio.wait_for(
            asyncio.gather(*(fire(*step) for step in plan)), timeout=duration + timeout + 30
        )
    return results, time.monotonic() - started
