"""Rate limits on the `limits` library: per process, and shared through a real Redis server
(started on loopback by the test) by several API instances, as workers and replicas are."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.api.ratelimit import RateLimiter
from assistant.bench.servers import free_port, redis_server
from assistant.config import Settings

needs_redis = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server missing (make test installs it)"
)


def test_a_limiter_refuses_past_its_limit_and_says_how_long_to_wait() -> None:
    limiter = RateLimiter(2, 60.0)
    assert limiter.hit("a").allowed and limiter.hit("a").allowed
    refused = limiter.hit("a")
    assert not refused.allowed and 1 <= refused.retry_after <= 60
    assert limiter.hit("b").allowed  # another key has its own budget
    assert RateLimiter(0).hit("x").allowed  # 0 disables
    assert limiter.status() == {"storage": "memory", "degraded": False}


def test_the_window_moves() -> None:
    limiter = RateLimiter(1, 1.0)
    assert limiter.hit("a").allowed
    assert not limiter.hit("a").allowed
    time.sleep(1.1)
    assert limiter.hit("a").allowed


@needs_redis
def test_two_limiters_on_one_redis_count_as_one(tmp_path: Path) -> None:
    with redis_server(tmp_path / "redis") as url:
        first = RateLimiter(3, 60.0, storage_url=url, namespace="t1")
        second = RateLimiter(3, 60.0, storage_url=url, namespace="t1")
        hits = [limiter.hit("ip:1").allowed for limiter in (first, second, first, second)]
        assert hits == [True, True, True, False]
        assert second.status() == {"storage": "redis", "degraded": False}


@needs_redis
def test_a_redis_outage_keeps_answering_per_process_then_recovers(tmp_path: Path) -> None:
    port = free_port()
    with redis_server(tmp_path / "redis", port) as url:
        limiter = RateLimiter(2, 60.0, storage_url=url, namespace="t2", retry_shared_after=0.2)
        assert limiter.hit("k").allowed
    # Redis is down: hits are still decided (per process), and the limiter says so.
    assert limiter.hit("k").allowed
    assert limiter.degraded
    assert limiter.status() == {"storage": "redis", "degraded": True}
    assert limiter.hit("k").allowed
    assert not limiter.hit("k").allowed  # the local counter still limits
    with redis_server(tmp_path / "redis2", port):
        time.sleep(0.3)
        assert limiter.hit("k").allowed  # a fresh Redis: counting there again
        assert not limiter.degraded


@needs_redis
def test_api_workers_sharing_redis_limit_a_client_as_one(
    tmp_path: Path, api_settings: Settings, real_assistant: Any
) -> None:
    with redis_server(tmp_path / "redis") as url:
        settings = api_settings.model_copy(update={"rate_limit_per_minute": 3, "redis_url": url})
        # Two apps stand for two worker processes: each has its own limiter objects.
        workers = [TestClient(create_app(real_assistant, settings)) for _ in range(2)]
        statuses = [workers[i % 2].get("/v1/health").status_code for i in range(2)]
        assert statuses == [200, 200]  # health is never limited
        codes = [workers[i % 2].get("/v1/programmes").status_code for i in range(4)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        health = workers[0].get("/v1/health").json()
        assert health["rate_limits"] == {"storage": "redis", "degraded": False}
