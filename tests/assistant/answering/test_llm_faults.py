"""The language-model backend slow, failing or down: the extractive answer comes instead,
within the time limit, with a French notice. The ``openai`` backend is pointed at a fake
OpenAI-compatible server on loopback (or at a closed port)."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _helpers import ROOT, free_port, open_store, run_index, temp_settings
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from openai_server import ServerThread

from assistant import Assistant, Settings
from assistant.api import create_app
from assistant.embeddings import Embedder

pytestmark = pytest.mark.slow

QUESTION = "Quel est le budget d'Electro'Mob ?"
TIMEOUT_S = 2.0


def _misbehaving_llm() -> FastAPI:
    """``/slow/v1`` never answers in time; ``/broken/v1`` answers 500 or garbage."""
    app = FastAPI()

    @app.post("/slow/v1/chat/completions")
    async def slow() -> JSONResponse:
        for _ in range(40):  # at most 20 s, so that the server can shut down
            await asyncio.sleep(0.5)
        return JSONResponse({"error": "too late"}, status_code=504)

    @app.post("/broken/v1/chat/completions")
    async def broken() -> JSONResponse:
        return JSONResponse({"error": {"message": "boom"}}, status_code=500)

    @app.post("/garbage/v1/chat/completions")
    async def garbage() -> JSONResponse:
        return JSONResponse({"pas": "une réponse OpenAI"})

    return app


@pytest.fixture(scope="module")
def fake_llm() -> Iterator[str]:
    with ServerThread(_misbehaving_llm(), free_port()) as server:
        yield server.url.removesuffix("/v1")


@pytest.fixture(scope="module")
def base_settings(model_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return temp_settings(
        model_settings,
        tmp_path_factory.mktemp("llm-faults"),
        llm_model="fake-model",
        llm_timeout_s=TIMEOUT_S,
        rate_limit_per_minute=10_000,
    )


@pytest.fixture(scope="module")
def indexed(base_settings: Settings, embedder: Embedder) -> Path:
    corpus = base_settings.corpus_dir
    corpus.mkdir(parents=True)
    for name in ("electromob.md", "battena.md"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    report = run_index([corpus], open_store(base_settings, embedder), embedder, base_settings)
    assert report.ok
    return corpus


def _assistant(settings: Settings, embedder: Embedder) -> Assistant:
    current = Assistant.from_settings(settings, llm="openai")
    current.embedder = embedder  # type: ignore[misc]  # reuse the session's model
    return current


@pytest.mark.parametrize(
    ("where", "reason"),
    [("slow", "timeout"), ("broken", "error"), ("garbage", "error"), ("down", "error")],
)
def test_extractive_fallback_within_the_time_limit(
    base_settings: Settings,
    embedder: Embedder,
    indexed: Path,
    fake_llm: str,
    where: str,
    reason: str,
) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1" if where == "down" else f"{fake_llm}/{where}/v1"
    assistant = _assistant(base_settings.model_copy(update={"llm_base_url": url}), embedder)
    assistant.chain  # noqa: B018  # load outside the timed part
    started = time.monotonic()
    answer = assistant.ask(QUESTION)
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT_S + 6, elapsed
    assert "25 M€" in answer.text and answer.citations
    assert answer.backend == f"openai->extractive:{reason}", answer.backend
    assert answer.notice and "voici les extraits des sources" in answer.notice


def test_api_answers_while_the_model_is_slow(
    base_settings: Settings, embedder: Embedder, indexed: Path, fake_llm: str
) -> None:
    settings = base_settings.model_copy(update={"llm_base_url": f"{fake_llm}/slow/v1"})
    assistant = _assistant(settings, embedder)
    with TestClient(create_app(assistant, settings)) as client:
        started = time.monotonic()
        response = client.post("/v1/chat", json={"question": QUESTION})
        assert response.status_code == 200
        body = response.json()
        assert "25 M€" in body["answer"] and body["notice"]
        assert body["backend"] == "openai->extractive:timeout"
        stream = client.post("/v1/chat/stream", json={"question": QUESTION})
        assert stream.status_code == 200 and "event: final" in stream.text
        assert "25 M€" in stream.text
        # A follow-up also condenses with the model: two bounded waits at most.
        follow = client.post(
            "/v1/chat",
            json={
                "question": "Et combien de personnes seront formées ?",
                "history": [
                    {"role": "user", "content": QUESTION},
                    {"role": "assistant", "content": body["answer"]},
                ],
            },
        )
        assert follow.status_code == 200
        assert time.monotonic() - started < 3 * (2 * TIMEOUT_S + 6)
