"""Re-indexing while 10 clients ask: `chroma run` + `assistant serve --workers 2`.

A changed document is indexed into the Chroma server by the real `assistant index`
command while clients keep asking; both API workers switch to the new version in the
background, no request fails, and every answer quotes exactly one version.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from _helpers import ASSISTANT, LIVE_QUESTION, live_version_of, write_live_corpus

from assistant.bench.servers import Stack

pytestmark = [pytest.mark.server, pytest.mark.slow]

CLIENTS = 10
#: The brief: every answer asked this long after `assistant index` ends is the new one.
SWITCH_DEADLINE_S = 5.0


@pytest.mark.timeout(300)
def test_reindex_while_ten_clients_ask(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_live_corpus(corpus, 1)
    stack = Stack(tmp_path / "stack", workers=2, corpus=corpus)
    try:
        stack.start(timeout=240)
        # (start, end, HTTP status, version quoted)
        answers: list[tuple[float, float, int, int | None]] = []
        stop = threading.Event()

        def client() -> None:
            with httpx.Client(base_url=stack.api_url, timeout=60, trust_env=False) as http:
                while not stop.is_set():
                    started = time.time()
                    response = http.post("/v1/chat", json={"question": LIVE_QUESTION})
                    version = live_version_of(response.json()) if response.is_success else None
                    answers.append((started, time.time(), response.status_code, version))

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        write_live_corpus(corpus, 2)
        reindex_started = time.time()
        done = subprocess.run(
            [ASSISTANT, "index", str(corpus), "--no-progress", "--json"],
            env=stack.env(),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        indexed = time.time()
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout)
        assert report["updated"] == ["alpha"] and report["index_version"] == 2
        time.sleep(SWITCH_DEADLINE_S + 3.0)
        stop.set()
        for thread in threads:
            thread.join(60)

        assert [a for a in answers if a[2] != 200] == []  # no failed request
        assert all(version in (1, 2) for *_, version in answers)  # never mixed
        before = [v for _, end, _, v in answers if end < reindex_started]
        after = [v for start, _, _, v in answers if start > indexed + SWITCH_DEADLINE_S]
        assert before and set(before) == {1}
        assert len(after) >= CLIENTS and set(after) == {2}
        log = (stack.work / "serve.log").read_text(errors="replace")
        assert log.count("switched from index version 1") == 2  # each worker, in place
        health = httpx.get(f"{stack.api_url}/v1/health", trust_env=False).json()
        assert health["index_version"] == 2
    finally:
        stack.stop()
