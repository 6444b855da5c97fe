"""The live index: the current snapshot, replaced in the background after `assistant index`.

:class:`LiveIndex` loads the first :class:`~assistant.live.snapshot.Snapshot` on first
use, then a daemon thread reads the index version every ``interval_s`` seconds (one
Chroma call, :func:`assistant.index.version.read_version`). When the version moved, it
loads a new snapshot in that thread, while questions keep being answered from the old
one, and then replaces the reference in one assignment: a question takes the current
snapshot once and keeps it to the end, so the switch fails no request and mixes no
versions. A load that fails keeps the old snapshot (logged; tried again after
:data:`RETRY_S` or at the next version). A replaced snapshot's Chroma client is closed
after ``grace_s``, once the questions that hold it are done.

Written here rather than with a scheduling library: it is one thread, one event and a
few lines, and the standard library has them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from assistant.index.version import IndexVersion, read_version
from assistant.live.snapshot import Snapshot

log = logging.getLogger(__name__)

#: Seconds before a version whose load failed is tried again.
RETRY_S = 30.0


class LiveIndex:
    """The current snapshot of one collection, following its version."""

    def __init__(
        self,
        load: Callable[[], Snapshot],
        *,
        interval_s: float,
        grace_s: float = 120.0,
        read: Callable[[Snapshot], IndexVersion] | None = None,
    ) -> None:
        self._load = load
        self._read = read or (lambda snapshot: read_version(snapshot.store))
        self.interval_s = interval_s
        self.grace_s = grace_s
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()  # first load, swaps, close
        self._retired: list[tuple[float, Snapshot]] = []
        self._failed: tuple[IndexVersion, float] | None = None  # version, retry time
        self._unreadable = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the current snapshot ---------------------------------------------------------------

    def current(self) -> Snapshot:
        """The snapshot to answer from (the first one is loaded here, on first use)."""
        snapshot = self._snapshot
        if snapshot is not None:
            return snapshot
        with self._lock:
            if self._snapshot is None:
                self._snapshot = self._load()
                log.info("index version %s loaded", self._snapshot.version)
                self._start()
            return self._snapshot

    def check(self) -> bool:
        """Read the version once; load and switch to a new one. True when switched."""
        snapshot = self._snapshot
        if snapshot is None:
            return False
        try:
            seen = self._read(snapshot)
        except Exception as exc:
            if not self._unreadable:
                log.warning("cannot read the index version (will retry): %s", exc)
                self._unreadable = True
            return False
        if self._unreadable:
            log.info("index version readable again")
            self._unreadable = False
        if seen == snapshot.version:
            return False
        if self._failed and self._failed[0] == seen and time.monotonic() < self._failed[1]:
            return False
        started = time.perf_counter()
        try:
            fresh = self._load()
        except Exception as exc:
            log.error("loading index version %s failed, still answering from %s: %s",
                      seen, snapshot.version, exc)  # fmt: skip
            self._failed = (seen, time.monotonic() + RETRY_S)
            return False
        self._failed = None
        with self._lock:
            if self._snapshot is not snapshot or self._stop.is_set():  # closed meanwhile
                fresh.close()
                return False
            self._snapshot = fresh
            self._retired.append((time.monotonic() + self.grace_s, snapshot))
        log.info("switched from index version %s to %s (loaded in %.1f s)",
                 snapshot.version, fresh.version, time.perf_counter() - started)  # fmt: skip
        return True

    # --- the watcher thread -----------------------------------------------------------------

    def _start(self) -> None:
        if self.interval_s <= 0 or (self._thread is not None and self._thread.is_alive()):
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="index-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.check()
            except Exception:  # never let the watcher die silently
                log.exception("index watcher: unexpected error")
            self._close_retired(time.monotonic())

    def _close_retired(self, now: float) -> None:
        with self._lock:
            due = [s for deadline, s in self._retired if deadline <= now]
            self._retired = [(d, s) for d, s in self._retired if d > now]
        for snapshot in due:
            snapshot.close()

    def close(self, timeout: float = 10.0) -> None:
        """Stop the watcher and release every snapshot (the next use loads afresh)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        with self._lock:
            snapshots = [s for _, s in self._retired]
            if self._snapshot is not None:
                snapshots.append(self._snapshot)
            self._snapshot, self._retired, self._failed = None, [], None
        for snapshot in snapshots:
            snapshot.close()

    @property
    def watching(self) -> bool:
        """True while the watcher thread runs."""
        return self._thread is not None and self._thread.is_alive()
