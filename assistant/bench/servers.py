"""Starting and stopping the servers the benchmarks and tests run on loopback: Redis,
PostgreSQL, and the stack of ``chroma run`` + ``assistant serve`` replicas."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.bench.processes import (
    BIN,
    ROOT,
    free_port,
    rss_kb,
    stop,
    wait_http,
    wait_log,
    wait_tcp,
)

__all__ = [
    "BIN",
    "ROOT",
    "Replica",
    "Stack",
    "free_port",
    "postgres_server",
    "redis_server",
    "stack",
    "stop",
    "wait_http",
    "wait_log",
    "wait_tcp",
]


@contextlib.contextmanager
def redis_server(work: Path, port: int | None = None) -> Iterator[str]:
    """A throw-away ``redis-server`` on loopback (no persistence, files in ``work``);
    yields its URL and stops it on exit."""
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    with open(work / "redis.log", "ab") as log:
        proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(work),
             "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_tcp(port, 30, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


def _as_postgres_user(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its commands as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@contextlib.contextmanager
def postgres_server(database: str = "assistant") -> Iterator[str]:
    """A throw-away PostgreSQL cluster on loopback (``initdb`` + ``pg_ctl``, trust
    authentication, fsync off); yields a SQLAlchemy URL (``postgresql+psycopg://``), then
    stops the server and deletes the cluster. The cluster gets its own temporary folder
    (not a test's ``tmp_path``): run as root, the ``postgres`` user must be able to reach it."""
    import shutil

    work = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    data, sockets = work / "data", work / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        for path in (work, sockets):
            shutil.chown(path, "postgres")
    port = free_port()
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    try:
        subprocess.run(
            _as_postgres_user(["initdb", "-D", str(data), "-U", "postgres", "-A", "trust",
                               "--no-sync", "-E", "UTF8", "--locale", "C"]),
            check=True, **quiet,
        )  # fmt: skip
        options = f"-h 127.0.0.1 -p {port} -k {sockets} -F"
        subprocess.run(
            _as_postgres_user(["pg_ctl", "-D", str(data), "-l", str(work / "postgres.log"),
                               "-o", options, "-w", "-t", "60", "start"]),
            check=True, **quiet,
        )  # fmt: skip
        subprocess.run(
            _as_postgres_user(["createdb", "-h", "127.0.0.1", "-p", str(port),
                               "-U", "postgres", database]),
            check=True, **quiet,
        )  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}"
    finally:
        if data.exists():
            subprocess.run(
                _as_postgres_user(["pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"]),
                check=False, **quiet,
            )  # fmt: skip
        shutil.rmtree(work, ignore_errors=True)


@dataclass
class Replica:
    """One ``assistant serve`` process of a :class:`Stack`."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    data_dir: Path


@dataclass
class Stack:
    """``chroma run`` + ``replicas`` × ``assistant serve --workers N`` on loopback, in ``work``.

    Every replica gets the same settings (``settings`` over the defaults of :meth:`env`) and
    a data folder of its own: replicas share only the servers they are pointed at.
    """

    work: Path
    workers: int = 2
    corpus: Path = ROOT / "corpus"
    replicas: int = 1
    settings: dict[str, str] = field(default_factory=dict)
    chroma_port: int = 0
    index_seconds: float = 0.0
    startup_seconds: float = 0.0
    servers: list[Replica] = field(default_factory=list)
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        """The first replica's URL ("" before :meth:`start`)."""
        return self.servers[0].url if self.servers else ""

    @property
    def api_urls(self) -> list[str]:
        """Every replica's URL, in start order."""
        return [server.url for server in self.servers]

    def env(self, data_dir: Path | None = None) -> dict[str, str]:
        """The environment of every process of the stack (``data_dir``: its data folder)."""
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(
            {
                "NO_PROXY": "127.0.0.1,localhost",
                "ANONYMIZED_TELEMETRY": "False",
                "ASSISTANT_DATA_DIR": str(data_dir or self.work / "data"),
                "ASSISTANT_CHROMA_HOST": "127.0.0.1",
                "ASSISTANT_CHROMA_PORT": str(self.chroma_port),
                "ASSISTANT_COLLECTION": "loadtest",
                "ASSISTANT_LLM": "extractive",
                "ASSISTANT_ANSWER_CACHE_SIZE": "0",  # measure answers, not cache hits
                # One client IP sends every request: the limiter (per IP, per Origin) is off.
                "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
                "ASSISTANT_RATE_LIMIT_PER_ORIGIN_PER_MINUTE": "0",
                "ASSISTANT_LOG_LEVEL": "INFO",
                **self.settings,
            }
        )
        return env

    def _spawn(
        self, argv: list[str], log: Path, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                argv,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env or self.env(),
                start_new_session=True,
            )
        self._procs.append(proc)
        return proc

    def index(self, corpus: Path | None = None, timeout: float = 600.0) -> dict[str, Any]:
        """``assistant index`` of ``corpus`` (the stack's by default) into the Chroma
        server; returns its ``--json`` report."""
        done = subprocess.run(
            [str(BIN / "assistant"), "index", str(corpus or self.corpus), "--no-progress",
             "--json"],
            env=self.env(), capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        if done.returncode not in (0, 2):
            raise RuntimeError(f"indexing failed:\n{done.stderr[-3000:]}")
        report: dict[str, Any] = json.loads(done.stdout)
        return report

    def start(self, timeout: float = 600.0) -> Stack:
        self.work.mkdir(parents=True, exist_ok=True)
        self.chroma_port = free_port()
        chroma = self._spawn(
            [str(BIN / "chroma"), "run", "--path", str(self.work / "chroma"),
             "--host", "127.0.0.1", "--port", str(self.chroma_port)],
            self.work / "chroma.log",
        )  # fmt: skip
        wait_http(f"http://127.0.0.1:{self.chroma_port}/api/v2/heartbeat", 60, chroma)

        started = time.monotonic()
        self.index(timeout=timeout)
        self.index_seconds = time.monotonic() - started

        return self.start_replicas(self.replicas, timeout)

    def start_replicas(self, count: int, timeout: float = 600.0) -> Stack:
        """Replace the running replicas (if any) by ``count`` new ones, started side by side;
        returns once every worker of every replica is ready."""
        self.stop_replicas()
        self.replicas = count
        started = time.monotonic()
        for number in range(count):
            self.servers.append(self._start_replica(number))
        for server in self.servers:
            wait_log(server.log, "assistant ready", self.workers, timeout, server.proc)
            wait_http(f"{server.url}/v1/health", 60, server.proc)
        self.startup_seconds = time.monotonic() - started
        return self

    def stop_replicas(self) -> None:
        """Stop every replica (SIGTERM, then SIGKILL); Chroma keeps running."""
        for server in self.servers:
            stop(server.proc)
            self._procs.remove(server.proc)
        self.servers.clear()

    def _start_replica(self, number: int) -> Replica:
        one = self.replicas == 1  # the historical names: serve.log, data/
        data_dir = self.work / ("data" if one else f"data-{number}")
        log = self.work / ("serve.log" if one else f"serve-{self.replicas}-{number}.log")
        port = free_port()
        proc = self._spawn(
            [str(BIN / "assistant"), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(self.workers)],
            log,
            self.env(data_dir),
        )  # fmt: skip
        return Replica(f"http://127.0.0.1:{port}", proc, log, data_dir)

    def memory_mb(self) -> list[float]:
        """Resident memory of each replica, its workers included (MB; Linux ``/proc``,
        an empty list elsewhere)."""
        if not Path("/proc/self/status").exists():
            return []
        return [round(rss_kb(server.proc.pid) / 1024, 1) for server in self.servers]

    def kill(self, number: int) -> None:
        """SIGKILL replica ``number`` and its workers (a crash: no clean shutdown)."""
        proc = self.servers[number].proc
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: only what it started
        proc.wait(30)

    def stop(self) -> None:
        """Stop every process of the stack, replicas first."""
        for proc in reversed(self._procs):
            stop(proc)
        self._procs.clear()
        self.servers.clear()


@contextlib.contextmanager
def stack(
    work: Path,
    workers: int = 2,
    corpus: Path = ROOT / "corpus",
    *,
    replicas: int = 1,
    settings: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """A started :class:`Stack`, stopped on exit (also when starting it fails)."""
    running = Stack(work, workers, corpus, replicas, dict(settings or {}))
    try:
        yield running.start()
    finally:
        running.stop()
