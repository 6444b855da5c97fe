"""One thread-and-queue pump: run a producer in a worker thread, iterate what it emits.

Used where a blocking call must be consumed piece by piece from another thread: a
language model's tokens under a deadline (:mod:`assistant.answering.llm`) and an answer
streamed to the chat or the API (:meth:`assistant.service.Assistant.stream`).
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_END = object()


class _Stopped(BaseException):  # not caught by producers' ``except Exception``
    """Raised by ``emit`` once the consumer has stopped listening."""


@dataclass(frozen=True)
class _Failure:
    error: BaseException


def pump(
    produce: Callable[[Callable[[T], None]], object],
    *,
    timeout_s: float | None = None,
    name: str = "pump",
) -> Iterator[T]:
    """Run ``produce(emit)`` in a worker thread and yield every item it emits, in order.

    An exception raised by ``produce`` is raised here. With ``timeout_s``, :class:`TimeoutError`
    is raised once that time has passed since the start. When the consumer stops early
    (timeout, error, or it closes the iterator), the producer's next ``emit`` ends it
    quietly. The worker runs in a copy of the caller's context variables. It is not a
    daemon: a daemon thread still freeing native resources when the interpreter exits can
    make CPython abort, so producers must bound their own run time.
    """
    items: queue.Queue[object] = queue.Queue()
    stopped = threading.Event()

    def emit(item: T) -> None:
        if stopped.is_set():
            raise _Stopped
        items.put(item)

    def work() -> None:
        try:
            produce(emit)
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the consumer, never raised in the thread
            items.put(_Failure(exc))
        finally:
            items.put(_END)

    worker = threading.Thread(
        target=contextvars.copy_context().run, args=(work,), name=name, daemon=False
    )
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    worker.start()
    try:
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                # Past the deadline, what is already queued is still delivered (a slow reader
                # does not turn a finished answer into a timeout); nothing more is waited for.
                item = items.get(timeout=remaining)
            except queue.Empty:
                raise TimeoutError(f"no result within {timeout_s:g} s") from None
            if item is _END:
                worker.join(timeout=5.0 if remaining is None else max(0.0, remaining))
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stopped.set()
