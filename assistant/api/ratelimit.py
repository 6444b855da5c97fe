"""Rate limits of the HTTP API, on the ``limits`` library (moving window).

Storage is per process by default (``memory://``). With ``ASSISTANT_REDIS_URL`` set, the
counters live in Redis, so every worker and every replica counts against one limit. If Redis
cannot be reached, a limiter keeps answering with its per-process counters (each process
then allows the full limit on its own), logs it once, tells ``/v1/health`` (``degraded``)
and tries Redis again after a short pause: an outage of the shared store never refuses a
question.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger("assistant.api")

#: Seconds without trying Redis again after it failed.
RETRY_SHARED_AFTER = 10.0
#: Redis connect/read timeout (seconds): a dead Redis must not hold a request.
REDIS_TIMEOUT = 0.5


@dataclass(frozen=True)
class Decision:
    """The outcome of one :meth:`RateLimiter.hit`."""

    allowed: bool
    retry_after: int = 0  # whole seconds, 0 when allowed


class RateLimiter:
    """``limit`` hits per ``window`` seconds and per key (0 or less: no limit)."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        storage_url: str | None = None,
        namespace: str = "assistant",
        retry_shared_after: float = RETRY_SHARED_AFTER,
    ) -> None:
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self._item = RateLimitItemPerSecond(max(limit, 1), max(1, math.ceil(window)), namespace)
        self._local = MovingWindowRateLimiter(MemoryStorage())
        self._shared: MovingWindowRateLimiter | None = None
        self._url = storage_url
        if storage_url:
            storage: Storage = storage_from_string(
                storage_url,
                wrap_exceptions=True,
                socket_timeout=REDIS_TIMEOUT,
                socket_connect_timeout=REDIS_TIMEOUT,
            )
            self._shared = MovingWindowRateLimiter(storage)
        self._retry_shared_after = retry_shared_after
        self._failed_at: float | None = None
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    @property
    def shared(self) -> bool:
        """Whether a shared store (Redis) is configured."""
        return self._shared is not None

    @property
    def degraded(self) -> bool:
        """Whether the shared store failed and per-process counters are in use."""
        return self._failed_at is not None

    def status(self) -> dict[str, Any]:
        """What ``/v1/health`` says about this limiter."""
        return {
            "storage": "redis" if self.shared else "memory",
            "degraded": self.degraded,
        }

    def hit(self, key: str) -> Decision:
        """Record one hit for ``key`` unless it is over the limit."""
        if not self.enabled:
            return Decision(True)
        limiter = self._choose()
        try:
            return self._hit(limiter, key)
        except Exception as exc:  # the shared store only: memory does not fail
            self._fail(exc)
            return self._hit(self._local, key)

    def _choose(self) -> MovingWindowRateLimiter:
        if self._shared is None:
            return self._local
        with self._lock:
            if self._failed_at is None:
                return self._shared
            if time.monotonic() - self._failed_at >= self._retry_shared_after:
                self._failed_at = None  # try the shared store again
                log.info("rate limits: trying the shared store again")
                return self._shared
            return self._local

    def _hit(self, limiter: MovingWindowRateLimiter, key: str) -> Decision:
        if limiter.hit(self._item, key):
            return Decision(True)
        stats = limiter.get_window_stats(self._item, key)
        wait = max(1, math.ceil(stats.reset_time - time.time()))
        return Decision(False, min(wait, math.ceil(self.window)))

    def _fail(self, exc: Exception) -> None:
        with self._lock:
            if self._failed_at is None:
                log.warning(
                    "rate limits: shared store unreachable (%s), counting per process",
                    type(exc).__name__,
                )
            self._failed_at = time.monotonic()

    def reset(self) -> None:
        """Forget every counter (tests, configuration reloads)."""
        self._local.storage.reset()
        if self._shared is not None:
            try:
                self._shared.storage.reset()
            except Exception as exc:
                self._fail(exc)
