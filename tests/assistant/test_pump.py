"""The thread-and-queue pump: order, errors, deadline, early stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from assistant.pump import pump


def test_items_come_in_order_then_the_worker_ends() -> None:
    def produce(emit: Callable[[int], None]) -> None:
        for i in range(5):
            emit(i)

    assert list(pump(produce, name="test-pump")) == [0, 1, 2, 3, 4]
    assert not [t for t in threading.enumerate() if t.name == "test-pump"]


def test_the_producers_error_is_raised_in_the_consumer() -> None:
    def produce(emit: Callable[[str], None]) -> None:
        emit("a")
        raise ValueError("boom")

    items = pump(produce)
    assert next(items) == "a"
    with pytest.raises(ValueError, match="boom"):
        next(items)


def test_a_slow_producer_times_out_and_stops_at_its_next_item() -> None:
    stopped = threading.Event()

    def produce(emit: Callable[[str], None]) -> None:
        try:
            while True:
                time.sleep(0.05)
                emit("x")
                time.sleep(0.3)
        finally:
            stopped.set()

    items = pump(produce, timeout_s=0.2)
    assert next(items) == "x"
    with pytest.raises(TimeoutError):
        next(items)
    assert stopped.wait(2.0)


def test_closing_the_iterator_stops_the_producer() -> None:
    stopped = threading.Event()

    def produce(emit: Callable[[int], None]) -> None:
        try:
            for i in range(1000):
                emit(i)
                time.sleep(0.01)
        finally:
            stopped.set()

    items = pump(produce)
    assert next(items) == 0
    items.close()
    assert stopped.wait(2.0)


def test_a_slow_reader_still_gets_what_was_produced_in_time() -> None:
    def produce(emit: Callable[[int], None]) -> None:
        for i in range(3):
            emit(i)

    items = pump(produce, timeout_s=0.2)
    first = next(items)
    time.sleep(0.4)  # the reader dawdles past the deadline; the answer was already complete
    assert [first, *items] == [0, 1, 2]
