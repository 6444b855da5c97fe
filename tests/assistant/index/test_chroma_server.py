"""Client/server mode against a real ``chroma run`` server, and faults: the server stopped or
frozen during queries, the data folder read-only at start."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from _helpers import (
    ASSISTANT,
    ROOT,
    ChromaServer,
    open_store,
    run_index,
    subprocess_env,
    temp_settings,
)
from fastapi.testclient import TestClient

from assistant import Assistant, Settings, StoreError, StoreUnavailableError
from assistant.api import create_app
from assistant.embeddings import Embedder
from assistant.index import (
    ChunkStore,
    SentenceVectorStore,
    ensure_writable,
    load_snapshot,
    make_client,
)
from assistant.index.sentence_vectors import sentence_texts

QUESTION = "Quel est le budget d'Electro'Mob ?"
DOCS = ("electromob.md", "battena.md", "ami-cma.md")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    chroma = ChromaServer(tmp_path_factory.mktemp("chroma") / "db").start()
    yield chroma
    chroma.stop()


@pytest.fixture(scope="module")
def server_settings(
    model_settings: Settings, server: ChromaServer, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return temp_settings(
        model_settings,
        tmp_path_factory.mktemp("client"),
        chroma_host="127.0.0.1",
        chroma_port=server.port,
        chroma_timeout_s=3.0,
        rate_limit_per_minute=10_000,
    )


@pytest.fixture(scope="module")
def indexed(server_settings: Settings, embedder: Embedder) -> ChunkStore:
    store = open_store(server_settings, embedder, reset=True)
    report = run_index([ROOT / "corpus" / d for d in DOCS], store, embedder, server_settings)
    assert report.ok and len(report.added) == len(DOCS)
    return store


@pytest.fixture(scope="module")
def assistant(server_settings: Settings, embedder: Embedder, indexed: ChunkStore) -> Assistant:
    current = Assistant.from_settings(server_settings)
    current.embedder = embedder  # type: ignore[misc]  # reuse the session's model
    return current


pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_settings_select_the_http_client(server_settings: Settings, indexed: ChunkStore) -> None:
    client = make_client(server_settings)
    assert type(client).__name__ == "Client" and hasattr(client, "_server")
    assert type(client._server).__name__ == "FastAPI"  # chromadb's HTTP implementation
    assert indexed.count() > 0
    assert not server_settings.chroma_path.exists()  # nothing written locally


def test_index_and_answer_through_the_server(
    server_settings: Settings, embedder: Embedder, indexed: ChunkStore, assistant: Assistant
) -> None:
    # A second run against the server does no embedding work.
    report = run_index([ROOT / "corpus" / d for d in DOCS], indexed, embedder, server_settings)
    assert report.chunks_embedded == report.sentences_embedded == 0
    answer = assistant.ask(QUESTION)
    assert "25 M€" in answer.text


def test_sentence_vectors_are_served_to_another_client(
    server_settings: Settings, embedder: Embedder, indexed: ChunkStore
) -> None:
    # What an API replica does: open the collection through its own HTTP client.
    replica = SentenceVectorStore.for_chunks(open_store(server_settings, embedder))
    texts = [t for c in indexed.iter_chunks() for t in sentence_texts(c.text)]
    vectors = replica.vectors(texts)
    assert texts and all(v is not None and v.shape == (embedder.dimension,) for v in vectors)


def test_a_replica_without_a_local_copy_builds_the_snapshot_once(
    server_settings: Settings,
    embedder: Embedder,
    indexed: ChunkStore,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # An API replica with an empty data folder: the snapshot is built from the server once,
    # cached under its data folder, then loaded by the next process.
    replica = server_settings.model_copy(update={"data_dir": tmp_path / "replica"})
    with caplog.at_level(logging.INFO, logger="assistant.index.snapshot"):
        built = load_snapshot(open_store(replica, embedder))
    assert "building it" in caplog.text
    assert list(
        (tmp_path / "replica" / "derived").glob(f"127.0.0.1-{server_settings.chroma_port}/*/*")
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="assistant.index.snapshot"):
        loaded = load_snapshot(open_store(replica, embedder))
    assert caplog.text == ""  # loaded, not rebuilt
    assert loaded.fingerprint == built.fingerprint and loaded.size == indexed.count()
    assert np.array_equal(loaded.lexical.scores(QUESTION), built.lexical.scores(QUESTION))
    replica_assistant = Assistant.from_settings(replica)
    replica_assistant.embedder = embedder  # type: ignore[misc]
    assert "25 M€" in replica_assistant.ask(QUESTION).text


def _wait_until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise TimeoutError("condition not met in time")


def test_server_stopped_during_queries_then_back(
    server: ChromaServer, server_settings: Settings, assistant: Assistant
) -> None:
    with TestClient(create_app(assistant, server_settings)) as client:
        assert client.post("/v1/chat", json={"question": QUESTION}).status_code == 200

        server.stop()
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError) as info:
            assistant.ask(QUESTION)
        assert "indisponible" in info.value.user_message
        for _ in range(3):
            response = client.post("/v1/chat", json={"question": QUESTION})
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "unavailable"
            assert "indisponible" in response.json()["error"]["message"]
            assert response.headers["retry-after"]
        stream = client.post("/v1/chat/stream", json={"question": QUESTION})
        assert stream.status_code == 200 and "event: error" in stream.text
        assert "Traceback" not in stream.text
        assert time.monotonic() - started < 30  # fails fast, no hang

        server.start()  # same folder, same port: the data is back
        _wait_until(lambda: client.post("/v1/chat", json={"question": QUESTION}).status_code == 200)
        body = client.post("/v1/chat", json={"question": QUESTION}).json()
        assert "25 M€" in body["answer"]


def test_frozen_server_times_out(
    server: ChromaServer, server_settings: Settings, assistant: Assistant
) -> None:
    """A server that accepts connections but never answers (SIGSTOP): bounded wait."""
    assert server.proc is not None
    assistant.ask(QUESTION)
    os.kill(server.proc.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError):
            assistant.ask(QUESTION)
        assert time.monotonic() - started < 4 * server_settings.chroma_timeout_s
    finally:
        os.kill(server.proc.pid, signal.SIGCONT)
    _wait_until(lambda: "25 M€" in assistant.ask(QUESTION).text)


def test_server_down_at_start_is_a_clear_error(
    server_settings: Settings, embedder: Embedder
) -> None:
    from _helpers import free_port

    settings = server_settings.model_copy(update={"chroma_port": free_port()})
    with pytest.raises(StoreUnavailableError) as info:
        ChunkStore.open(settings, embedder.name)
    assert "indisponible" in info.value.user_message
    # The API starts anyway (so it recovers without a restart) and answers 503 meanwhile.
    current = Assistant.from_settings(settings)
    current.embedder = embedder  # type: ignore[misc]
    with TestClient(create_app(current, settings)) as client:
        response = client.post("/v1/chat", json={"question": QUESTION})
        assert response.status_code == 503
        assert client.get("/v1/health").status_code == 503


# --- read-only data folder ---------------------------------------------------------------


@contextlib.contextmanager
def read_only_data_dir(tmp: Path) -> Iterator[tuple[Path, str]]:
    """A data folder that really refuses writes, even to root; yields (folder, how).

    A read-only bind mount (what a container's ``:ro`` volume is) when the test may mount;
    otherwise a path below a regular file (ENOTDIR), which no user can write either. A
    chmod'ed folder would not do: tests run as root, which ignores permission bits.
    """
    source = tmp / "rw-data"
    (source / "chroma").mkdir(parents=True)
    (source / "chroma" / "existing.txt").write_text("index")
    target = tmp / "ro-data"
    target.mkdir()
    mounted = False
    if shutil.which("mount") and os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "--bind", "-o", "ro", str(source), str(target)],
            capture_output=True,
            check=False,
        )
        mounted = done.returncode == 0
    try:
        if mounted:
            yield target, "read-only bind mount"
        else:
            blocker = tmp / "a-file"
            blocker.write_text("not a folder")
            yield blocker / "data", "path below a file"
    finally:
        if mounted:
            subprocess.run(["umount", str(target)], check=False)


def test_ensure_writable_detects_the_read_only_folder(tmp_path: Path) -> None:
    with read_only_data_dir(tmp_path) as (folder, how):
        with pytest.raises(StoreError) as info:
            ensure_writable(folder / "chroma")
        assert "écriture" in info.value.user_message, how


@pytest.mark.parametrize(
    "argv",
    [
        ["index", "--no-progress", "corpus/electromob.md"],
        ["ask", QUESTION],
        ["serve", "--port", "0"],
    ],
    ids=["index", "ask", "serve"],
)
def test_commands_fail_at_start_on_a_read_only_data_folder(tmp_path: Path, argv: list[str]) -> None:
    with read_only_data_dir(tmp_path) as (folder, how):
        result = subprocess.run(
            [ASSISTANT, *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=subprocess_env({"ASSISTANT_DATA_DIR": str(folder), "ASSISTANT_CHROMA_HOST": ""}),
            timeout=180,
            check=False,
        )
    assert result.returncode == 1, (how, result.stdout, result.stderr[-2000:])
    assert "Erreur : Le dossier de données de l'assistant n'est pas accessible en écriture" in (
        result.stderr
    ), how
    assert "Traceback" not in result.stderr


def test_chat_page_shows_the_read_only_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: Embedder
) -> None:
    from assistant import get_settings
    from ui import components, services

    with read_only_data_dir(tmp_path) as (folder, how):
        monkeypatch.setenv("ASSISTANT_DATA_DIR", str(folder))
        monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "")
        monkeypatch.setattr(
            "assistant.embeddings.loading.load_embedder", lambda settings=None: embedder
        )
        get_settings.cache_clear()
        services._load_assistant.clear()
        try:
            assistant, message = components.run_safely(services.get_assistant)
        finally:
            services._load_assistant.clear()
            get_settings.cache_clear()
    assert assistant is None
    assert message is not None and "accessible en écriture" in message, how
