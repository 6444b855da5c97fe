"""Starting and stopping the servers the benchmarks and tests run on loopback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

#: The project folder (holds ``corpus/``) and the folder of this interpreter's commands.
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nobody listens on right now (on 127.0.0.1)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen[Any] | None = None) -> None:
    """Wait until ``url`` answers 200 (or ``proc`` exits, or ``timeout`` passes)."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before {url} answered")
        try:
            response = httpx.get(url, timeout=2.0, trust_env=False)
            if response.status_code == 200:
                return
            last = response.status_code
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s (last: {last})")


def wait_log(
    path: Path, text: str, count: int, timeout: float, proc: subprocess.Popen[bytes]
) -> None:
    """Wait until ``text`` appears ``count`` times in the log (each worker warmed up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}); see {path}")
        if path.read_text(errors="replace").count(text) >= count:
            return
        time.sleep(0.5)
    raise TimeoutError(f"{count}× {text!r} not seen in {path} within {timeout:.0f} s")


def stop(proc: subprocess.Popen[Any], timeout: float = 30.0) -> None:
    """SIGTERM, then SIGKILL (to its process group when it leads one) if it does not exit."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # uvicorn's supervisor stops its workers on SIGTERM
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.getpgid(proc.pid) == proc.pid:  # its own group: only what we started
                os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        proc.wait(timeout)


@dataclass
class Stack:
    """``chroma run`` + ``assistant serve --workers N`` on loopback, in ``work``."""

    work: Path
    workers: int = 2
    corpus: Path = ROOT / "corpus"
    api_url: str = ""
    chroma_port: int = 0
    index_seconds: float = 0.0
    startup_seconds: float = 0.0
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(
            {
                "NO_PROXY": "127.0.0.1,localhost",
                "ANONYMIZED_TELEMETRY": "False",
                "ASSISTANT_DATA_DIR": str(self.work / "data"),
                "ASSISTANT_CHROMA_HOST": "127.0.0.1",
                "ASSISTANT_CHROMA_PORT": str(self.chroma_port),
                "ASSISTANT_COLLECTION": "loadtest",
                "ASSISTANT_LLM": "extractive",
                "ASSISTANT_ANSWER_CACHE_SIZE": "0",  # measure answers, not cache hits
                # One client IP sends every request: the limiter (per IP, per Origin) is off.
                "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
                "ASSISTANT_RATE_LIMIT_PER_ORIGIN_PER_MINUTE": "0",
                "ASSISTANT_LOG_LEVEL": "INFO",
            }
        )
        return env

    def _spawn(self, argv: list[str], log: Path) -> subprocess.Popen[bytes]:
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                argv, stdout=out, stderr=subprocess.STDOUT, env=self.env(), start_new_session=True
            )
        self._procs.append(proc)
        return proc

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
        done = subprocess.run(
            [str(BIN / "assistant"), "index", str(self.corpus), "--no-progress", "--json"],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode not in (0, 2):
            raise RuntimeError(f"indexing failed:\n{done.stderr[-3000:]}")
        self.index_seconds = time.monotonic() - started

        started = time.monotonic()
        port = free_port()
        log = self.work / "serve.log"
        serve = self._spawn(
            [str(BIN / "assistant"), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(self.workers)],
            log,
        )  # fmt: skip
        self.api_url = f"http://127.0.0.1:{port}"
        wait_log(log, "assistant ready", self.workers, timeout, serve)
        wait_http(f"{self.api_url}/v1/health", 60, serve)
        self.startup_seconds = time.monotonic() - started
        return self

    def stop(self) -> None:
        for proc in reversed(self._procs):
            stop(proc)
        self._procs.clear()


@contextlib.contextmanager
def stack(work: Path, workers: int = 2, corpus: Path = ROOT / "corpus") -> Iterator[Stack]:
    running = Stack(work, workers, corpus)
    try:
        yield running.start()
    finally:
        running.stop()
