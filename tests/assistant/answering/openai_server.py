"""A small OpenAI-compatible chat-completions server around a LangChain chat model.

It speaks the subset of the protocol ChatOpenAI uses (``POST /v1/chat/completions``,
plain and streamed as Server-Sent Events, ``GET /v1/models``), so the ``openai`` backend
is tested over real HTTP against the same local model the ``local`` backend runs.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

_ROLES = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


def _messages(body: dict[str, Any]) -> list[BaseMessage]:
    return [_ROLES[m["role"]](m["content"]) for m in body["messages"]]


def create_app(model: BaseChatModel, name: str, seen: list[dict[str, Any]]) -> FastAPI:
    """The app; every request body is appended to ``seen``."""
    app = FastAPI()

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": name, "object": "model", "owned_by": "test"}]}

    @app.post("/v1/chat/completions", response_model=None)
    def complete(body: dict[str, Any]) -> Any:
        seen.append(body)
        messages = _messages(body)
        kwargs: dict[str, Any] = {}
        if body.get("max_tokens"):
            kwargs["pipeline_kwargs"] = {"max_new_tokens": int(body["max_tokens"])}
        created = int(time.time())
        if not body.get("stream"):
            text = str(model.invoke(messages, **kwargs).content)
            return {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": created,
                "model": name,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            }

        def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
            payload = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": created,
                "model": name,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

        def events() -> Iterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            for piece in model.stream(messages, **kwargs):
                if piece.content:
                    yield chunk({"content": str(piece.content)})
            yield chunk({}, "stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1:``port`` in a thread of this process."""

    def __init__(self, app: FastAPI, port: int) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{port}/v1"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the OpenAI-compatible test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
