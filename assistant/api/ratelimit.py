"""In-memory sliding-window rate limiter used by the HTTP API.

Each key (a client IP, an ``Origin``) keeps the timestamps of its recent hits. A hit is
refused when the key already has ``limit`` hits inside the window; the caller then gets
the number of seconds until the oldest hit leaves the window (for ``Retry-After``).

The state lives in one process: with several workers behind a load balancer each worker
counts on its own, so the effective limit is ``limit x workers`` (a shared store such as
Redis would be needed for an exact global limit).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """The outcome of one :meth:`SlidingWindowLimiter.hit`."""

    allowed: bool
    remaining: int
    retry_after: int  # whole seconds, 0 when allowed


class SlidingWindowLimiter:
    """``limit`` hits per ``window`` seconds and per key, with a bounded number of keys."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """A limit of 0 or less disables the limiter."""
        return self.limit > 0

    def hit(self, key: str) -> Decision:
        """Record one hit for ``key`` unless it is over the limit."""
        if not self.enabled:
            return Decision(True, 0, 0)
        now = self._clock()
        horizon = now - self.window
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                hits = deque()
                self._hits[key] = hits
                self._evict(now)
            else:
                self._hits.move_to_end(key)
            while hits and hits[0] <= horizon:
                hits.popleft()
            if len(hits) >= self.limit:
                wait = hits[0] + self.window - now
                return Decision(False, 0, max(1, math.ceil(wait)))
            hits.append(now)
            return Decision(True, self.limit - len(hits), 0)

    def _evict(self, now: float) -> None:
        """Forget idle keys, then the least recently used ones if still too many."""
        if len(self._hits) <= self.max_keys:
            return
        horizon = now - self.window
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= horizon]:
            del self._hits[key]
        while len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)

    def reset(self) -> None:
        """Forget every key (tests, configuration reloads)."""
        with self._lock:
            self._hits.clear()

    def __len__(self) -> int:
        return len(self._hits)
