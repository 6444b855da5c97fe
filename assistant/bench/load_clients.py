"""The load test's HTTP clients: a closed loop (N clients, each asks again when answered)
and an open loop (requests sent at a fixed arrival rate, whatever the server's pace).

A closed loop measures capacity: the server sets the pace, so latency grows with the number
of clients. An open loop measures what a site with steady traffic sees: requests keep
arriving at ``rate`` per second, and a server slower than that shows it as growing latency
and timeouts instead of hiding it (no coordinated omission).

Both loops take one URL or several (replicas of the API): requests are then spread over
them round robin (closed loop: client ``i`` asks replica ``i mod n``; open loop: request
``i`` goes to replica ``i mod n``), as a load balancer would, with no proxy in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import AsyncIterator, Sequence
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
    replica: int = 0  # which of the URLs answered (their order)


def check_loopback(url: str) -> None:
    """Refuse any target but this machine (the load test is not a weapon)."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"the load test only targets loopback addresses, not {host!r}")


def as_urls(urls: str | Sequence[str]) -> list[str]:
    """One URL or several, as a list; each checked to be on loopback."""
    found = [urls] if isinstance(urls, str) else list(urls)
    if not found:
        raise ValueError("no URL to send requests to")
    for url in found:
        check_loopback(url)
    return found


@contextlib.asynccontextmanager
async def clients_for(
    urls: Sequence[str], timeout: float, connections: int
) -> AsyncIterator[list[httpx.AsyncClient]]:
    """One HTTP client per URL, ``connections`` shared out among them; closed on exit."""
    share = max(1, -(-connections // len(urls)))
    limits = httpx.Limits(max_connections=share, max_keepalive_connections=share)
    async with contextlib.AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits, trust_env=False)
            )
            for url in urls
        ]


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
    urls: str | Sequence[str],
    questions: Sequence[str],
    *,
    clients: int,
    duration: float,
    timeout: float = 120.0,
    seed: int = 2030,
) -> tuple[list[tuple[str, Result]], float]:
    """``clients`` loops asking for ``duration`` seconds (client ``i`` on replica ``i mod
    n``); returns (question, result) pairs."""
    targets = as_urls(urls)
    results: list[tuple[str, Result]] = []
    rng = random.Random(seed)
    started = time.monotonic()
    stop_at = started + duration

    async def loop(http: list[httpx.AsyncClient], index: int) -> None:
        replica = index % len(http)
        local = random.Random(rng.random() + index)
        while time.monotonic() < stop_at:
            question = local.choice(questions)
            result = await ask(http[replica], question, local.random() < STREAM_SHARE)
            result.replica = replica
            results.append((question, result))

    async with clients_for(targets, timeout, clients) as http:
        # Hard deadline: the duration plus one request timeout, whatever happens.
        await asyncio.wait_for(
            asyncio.gather(*(loop(http, i) for i in range(clients))),
            timeout=duration + timeout + 30,
        )
    return results, time.monotonic() - started


async def run_open(
    urls: str | Sequence[str],
    questions: Sequence[str],
    *,
    rate: float,
    duration: float,
    timeout: float = 30.0,
    seed: int = 2030,
) -> tuple[list[tuple[str, Result]], float]:
    """``rate`` requests per second for ``duration`` seconds, each sent at its scheduled
    time (evenly spaced; request ``i`` on replica ``i mod n``) on its own connection slot;
    returns (question, result) pairs and
    the time until the last answer. A request still unanswered after ``timeout`` counts as
    an error (status 0), so an overloaded server cannot hide behind a slow pace."""
    targets = as_urls(urls)
    rng = random.Random(seed)
    total = max(1, round(rate * duration))
    plan = [(i / rate, rng.choice(questions), rng.random() < STREAM_SHARE) for i in range(total)]
    # Enough connections for every request that may be in flight at once.
    slots = max(4, min(1000, int(rate * timeout) + 1))
    results: list[tuple[str, Result]] = []

    async with clients_for(targets, timeout, slots * len(targets)) as http:
        started = time.monotonic()

        async def fire(i: int, at: float, question: str, stream: bool) -> None:
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            result = await ask(http[i % len(http)], question, stream)
            result.replica = i % len(http)
            results.append((question, result))

        await asyncio.wait_for(
            asyncio.gather(*(fire(i, *step) for i, step in enumerate(plan))),
            timeout=duration + timeout + 30,
        )
    return results, time.monotonic() - started
