"""The live index on the embedded store: a running Assistant follows `assistant index`.

The re-index runs in another process (the real `assistant index` command) on the same
data folder, as when an administrator re-indexes while the chat runs.
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _helpers import (
    ASSISTANT,
    LIVE_FACTS,
    LIVE_QUESTION,
    live_version_of,
    open_store,
    run_index,
    subprocess_env,
    temp_settings,
    write_live_corpus,
)
from fastapi.testclient import TestClient

from assistant import Assistant, Settings
from assistant.api import create_app
from assistant.embeddings import Embedder

pytestmark = pytest.mark.slow

#: The brief: a new version is answered from within 5 s of the end of `assistant index`.
SWITCH_DEADLINE_S = 5.0


@pytest.fixture
def settings(model_settings: Settings, tmp_path: Path) -> Settings:
    return temp_settings(model_settings, tmp_path, index_watch_interval_s=0.5)


@pytest.fixture
def corpus(settings: Settings, embedder: Embedder, tmp_path: Path) -> Path:
    """Version 1 of the corpus, indexed in this process."""
    folder = tmp_path / "corpus"
    write_live_corpus(folder, 1)
    report = run_index([folder], open_store(settings, embedder), embedder, settings)
    assert report.ok and report.version == 1
    return folder


@pytest.fixture
def assistant(settings: Settings, embedder: Embedder, corpus: Path) -> Iterator[Assistant]:
    current = Assistant.from_settings(settings)
    current.embedder = embedder  # type: ignore[misc]  # reuse the session's model
    yield current
    current.close()


def _index_in_another_process(corpus: Path, settings: Settings) -> dict[str, Any]:
    import json

    env = subprocess_env(
        {
            "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_COLLECTION": settings.collection,
            "ASSISTANT_EMBEDDING_MODEL": settings.embedding_model,
        }
    )
    env.pop("ASSISTANT_CHROMA_HOST", None)  # the embedded store
    done = subprocess.run(
        [ASSISTANT, "index", str(corpus), "--no-progress", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


def _watchers() -> int:
    return sum(t.name == "index-watcher" and t.is_alive() for t in threading.enumerate())


def test_answers_follow_a_reindex_made_by_another_process(
    assistant: Assistant, settings: Settings, corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert live_version_of(assistant.ask(LIVE_QUESTION).to_json()) == 1
    assert assistant.index_status()["index_version"] == 1

    # Two users keep asking while the document changes and is re-indexed.
    answers: list[tuple[float, float, int | None]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_again_and_again() -> None:
        while not stop.is_set():
            started = time.time()
            try:
                answer = assistant.ask(LIVE_QUESTION).to_json()
            except BaseException as exc:
                errors.append(exc)
                return
            answers.append((started, time.time(), live_version_of(answer)))

    askers = [threading.Thread(target=ask_again_and_again) for _ in range(2)]
    with caplog.at_level(logging.INFO, logger="assistant.live"):
        for thread in askers:
            thread.start()
        write_live_corpus(corpus, 2)
        report = _index_in_another_process(corpus, settings)
        indexed = time.time()
        assert report["updated"] == ["alpha"] and report["index_version"] == 2
        while assistant.index_status()["index_version"] != 2:
            assert time.time() - indexed < SWITCH_DEADLINE_S, "new version not loaded in time"
            time.sleep(0.1)
        time.sleep(1.0)  # answers after the switch
        stop.set()
        for thread in askers:
            thread.join(60)

    assert not errors
    switches = [r.created for r in caplog.records if r.getMessage().startswith("switched")]
    assert len(switches) == 1
    switched = switches[0]
    # Every answer quotes exactly one version: none mixes them, none fails.
    assert all(version in (1, 2) for _, _, version in answers), answers
    assert all(version == 1 for _, end, version in answers if end < switched)
    after = [version for start, _, version in answers if start > switched]
    assert after and set(after) == {2}
    # Some question was in flight during the switch, and it too quotes one version.
    assert any(start < switched < end for start, end, _ in answers)

    final = assistant.ask(LIVE_QUESTION)
    assert LIVE_FACTS[2] in final.text and LIVE_FACTS[1] not in final.text
    assert any(LIVE_FACTS[2] in c.quote for c in final.citations)
    # Dense search sees the new chunks too, not only BM25 (a Chroma instance opened before
    # the other process wrote would still return the old vectors' ids).
    snapshot = assistant.snapshot()
    chunk_ids = {str(cid) for cid in snapshot.retriever.table.ids}
    query = assistant.embedder.embed_query(LIVE_QUESTION)
    assert {cid for cid, _ in snapshot.store.nearest(query, 20)} == chunk_ids


def test_a_failed_load_keeps_answering_from_the_old_version(
    settings: Settings,
    embedder: Embedder,
    corpus: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    manual = Assistant.from_settings(settings.model_copy(update={"index_watch_interval_s": 0}))
    manual.embedder = embedder  # type: ignore[misc]
    watchers = _watchers()
    try:
        assert live_version_of(manual.ask(LIVE_QUESTION).to_json()) == 1
        assert _watchers() == watchers  # 0 s: no watcher thread, checks on demand only

        # Every document removed: version 2 is an empty index, which cannot be loaded.
        for path in corpus.iterdir():
            path.unlink()
        store = open_store(settings, embedder)
        assert run_index([corpus], store, embedder, settings).version == 2
        with caplog.at_level(logging.ERROR, logger="assistant.live"):
            assert not manual.check_index()
        assert any("still answering from 1" in r.getMessage() for r in caplog.records)
        assert manual.index_status()["index_version"] == 1
        assert live_version_of(manual.ask(LIVE_QUESTION).to_json()) == 1

        # The documents are back: version 3 loads.
        write_live_corpus(corpus, 2)
        assert run_index([corpus], store, embedder, settings).version == 3
        assert manual.check_index()
        assert live_version_of(manual.ask(LIVE_QUESTION).to_json()) == 2
    finally:
        manual.close()


def test_cached_answers_never_outlive_their_index_version(
    settings: Settings, embedder: Embedder, corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cached = Assistant.from_settings(
        settings.model_copy(update={"index_watch_interval_s": 0, "answer_cache_size": 8})
    )
    cached.embedder = embedder  # type: ignore[misc]
    try:
        first = cached.ask(LIVE_QUESTION)
        with caplog.at_level(logging.INFO, logger="assistant.service"):
            again = cached.ask(" combien de stagiaires le programme alpha accueille-t-il ?")
        assert any("from the cache" in r.getMessage() for r in caplog.records)
        assert again.text == first.text and again.answer_id != first.answer_id

        write_live_corpus(corpus, 2)
        run_index([corpus], open_store(settings, embedder), embedder, settings)
        assert cached.check_index()
        assert live_version_of(cached.ask(LIVE_QUESTION).to_json()) == 2
    finally:
        cached.close()


def test_the_api_reports_the_version_and_stops_its_watcher(
    settings: Settings, corpus: Path
) -> None:
    before = _watchers()
    app = create_app(settings=settings.model_copy(update={"api_warm_up": True}))
    with TestClient(app) as client:
        health = client.get("/v1/health").json()
        assert health["index_version"] == 1
        assert health["index_updated"] and health["index_loaded_at"]
        assert _watchers() == before + 1
    assert _watchers() == before  # the lifespan's shutdown stopped it
