"""Servers for the browser tests and `make screenshots`: the API and a static demo site.

``api_server`` starts ``assistant serve`` on a free loopback port (the widget's API);
``static_site`` serves a folder (the widget's demo page) from another origin;
``dashboard_server`` starts the Streamlit app without preloading the assistant (the
operators' dashboard reads only its database).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from assistant.api import WIDGET_DIR
from assistant.bench.servers import free_port, stop, wait_http

__all__ = ["ROOT", "WIDGET_DIR", "api_server", "dashboard_server", "static_site"]
from ui.bench import ROOT


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: Mapping[str, str] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def static_site(directory: Path, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port, with ``headers`` on every response (e.g.
    a Content-Security-Policy; read at each response, so the caller may change them while
    the site runs); yields the origin."""
    handler_class = type("_Handler", (_QuietHandler,), {"extra_headers": headers or {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def api_server(allowed: list[str], log: Path, timeout: float = 180, **env: str) -> Iterator[str]:
    """``assistant serve`` on a free port, ``allowed`` as its CORS origins; yields its base
    URL once healthy. Raises RuntimeError (with the end of its log) if it never gets there."""
    port = free_port()
    environ = {
        **os.environ,
        "ASSISTANT_CORS_ORIGINS": json.dumps(allowed),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "120",
        **env,
    }
    cmd = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*cmd, "--port", str(port)], cwd=ROOT, env=environ, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_http(f"{base}/v1/health", timeout, process)
        except (RuntimeError, TimeoutError) as exc:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the API never got healthy ({exc}):\n{tail}") from exc
        yield base
    finally:
        stop(process, 15)


@contextlib.contextmanager
def dashboard_server(log: Path, timeout: float = 60, **env: str) -> Iterator[str]:
    """``streamlit run ui/app.py`` on a free port with ``env`` added (e.g. the database URL
    and the dashboard token); yields the dashboard's URL once the server is up."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py")]
    options = ["--server.headless", "true", "--server.address", "127.0.0.1"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*cmd, *options, "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
            stdout=out,
            stderr=out,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/_stcore/health", timeout, process)
        yield f"{base}/dashboard"
    finally:
        stop(process, 15)
