"""The API process's assistant (built once, lazily) and the Server-Sent Events frames.

Frames are encoded by FastAPI's own SSE encoder (:func:`fastapi.sse.format_sse_event`);
the stream stays a plain :class:`~fastapi.sse.EventSourceResponse` built by the route,
so a question refused before the stream starts still gets a JSON error and a 4xx status.
"""

import json
import logging
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi.sse import format_sse_event

from assistant.config import Settings
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger("assistant.api")

T = TypeVar("T")


class AssistantHolder:
    """Builds the :class:`Assistant` lazily, once, and runs its blocking calls in threads."""

    def __init__(self, settings: Settings, assistant: "Assistant | None") -> None:
        self.settings = settings
        self._assistant = assistant
        self._owned = assistant is None  # built here: closed here (its index watcher)
        self._lock = threading.Lock()
        self._limiter: anyio.CapacityLimiter | None = None

    def get(self) -> "Assistant":
        with self._lock:
            if self._assistant is None:
                from assistant.service import Assistant

                self._assistant = Assistant.from_settings(self.settings)
            return self._assistant

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        """At most ``api_max_concurrency`` pipelines at once in this process."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(max(1, self.settings.api_max_concurrency))
        return self._limiter

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run a blocking pipeline call in a worker thread (bounded concurrency)."""
        return await anyio.to_thread.run_sync(func, *args, limiter=self.limiter)

    def close(self) -> None:
        """Stop the index watcher of an assistant built here (a given one is its owner's)."""
        with self._lock:
            assistant = self._assistant if self._owned else None
        if assistant is not None:
            assistant.close()

    def warm_up(self) -> None:
        try:
            self.get().warm_up()
            log.info("assistant ready")
        except AssistantError as exc:
            # Keep serving: /v1/health and the chat endpoints answer 503 until it works.
            log.error("warm-up failed: %s", exc)
        except Exception:
            log.exception("warm-up failed")


# --- Server-Sent Events ---------------------------------------------------------------------


def sse_event(event: str, data: Any) -> bytes:
    """One SSE frame (JSON data on one line)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return format_sse_event(event=event, data_str=payload)


def sse_comment(text: str) -> bytes:
    """An SSE comment line (ignored by clients; sent first so proxies start the stream)."""
    return format_sse_event(comment=text)


DONE = object()


def next_item(iterator: Iterator[Any]) -> Any:
    """``next(iterator)``, or :data:`DONE` (``StopIteration`` cannot cross a thread)."""
    return next(iterator, DONE)
