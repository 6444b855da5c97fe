"""The HTTP API (``assistant serve``) and the embeddable widget's static files.

Endpoints: ``POST /v1/chat``, ``POST /v1/chat/stream`` (Server-Sent Events), ``GET
/v1/programmes``, ``GET /v1/sources/{id}``, ``GET /v1/health``, ``GET /widget.js`` and
``/widget.css``, OpenAPI docs under ``/docs``. The API is stateless (clients send the conversation history), so
several workers or servers can run behind a load balancer.

Nothing is loaded at import time: :func:`create_app` builds the application, and the
:class:`~assistant.service.Assistant` is created once per process and warmed up by the
lifespan handler. Every error reaches clients as ``{"error": {"code", "message"}}`` with
a French message, never as a traceback.
"""

# No ``from __future__ import annotations`` here: FastAPI and pydantic must see the request
# models built inside create_app() (their limits come from the settings) as real objects.

import json
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Query
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant._api_helpers import (
    INTERNAL_MESSAGE,
    MAX_FILTER_CHARS,
    MAX_FILTER_VALUES,
    install_error_handlers,
    resolve_filters,
)
from assistant._http import (
    BodySizeLimitMiddleware,
    GuardMiddleware,
    RequestLogMiddleware,
    error_response,
)
from assistant._ratelimit import SlidingWindowLimiter
from assistant.config import Settings, get_settings
from assistant.errors import AssistantError, QuestionError

if TYPE_CHECKING:
    from assistant.answer import Filters
    from assistant.service import Assistant

log = logging.getLogger("assistant.api")

T = TypeVar("T")

API_VERSION = "1.0"
WIDGET_DIR = Path(__file__).resolve().parent.parent / "ui" / "widget"
_WIDGET_FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}

FilterValue = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_FILTER_CHARS)]


def _setting(settings: Settings, name: str, default: T) -> T:
    """A setting not (yet) declared in :class:`Settings`, with a safe default."""
    value = getattr(settings, name, None)
    return default if value is None else value


# --- response models (documentation of the JSON shapes) -------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable code, e.g. `rate_limited`.")
    message: str = Field(description="Message for end users, in French.")
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class CitationOut(BaseModel):
    n: int
    id: str
    title: str
    url: str | None
    quote: str
    chunk_id: str
    start: int
    end: int
    updated: str | None = None
    heading: str = ""


class ChatResponse(BaseModel):
    """The shape of :meth:`assistant.answer.Answer.to_json` (keys may be added)."""

    model_config = ConfigDict(extra="allow")

    answer: str
    answerable: bool
    citations: list[CitationOut]
    confidence: float
    standalone_question: str = ""
    table: list[dict[str, str]] | None = None
    notice: str | None = None
    backend: str = "extractive"


class HealthResponse(BaseModel):
    status: Literal["ok"]
    version: str
    index_size: int
    embedder: str
    collection: str
    backend: str
    limits: dict[str, int]


class ProgrammesResponse(BaseModel):
    count: int
    filters: dict[str, list[str]]
    programmes: list[dict[str, Any]]
    available: dict[str, list[str]]


class SourceResponse(BaseModel):
    id: str
    title: str
    url: str | None
    updated: str | None
    text: str = Field(description="Plain text (Markdown-like), never HTML to render.")


#: Document ids as :func:`assistant.documents.slugify` or a front matter makes them.
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,119}")

_WEB_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


def _web_url(value: Any) -> str | None:
    """``value`` if it is a plain http(s) URL, else None: an index built before documents
    filtered their URLs may still hold a ``javascript:`` one, and API clients may render
    citation links as they come."""
    return value if isinstance(value, str) and _WEB_URL.fullmatch(value) else None


def _safe_urls(answer: dict[str, Any]) -> dict[str, Any]:
    for citation in answer.get("citations") or []:
        if isinstance(citation, dict) and "url" in citation:
            citation["url"] = _web_url(citation["url"])
    return answer


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in (
        (400, "Question or filter refused"),
        (403, "Origin not in the allow-list"),
        (413, "Body too large"),
        (422, "Malformed JSON or invalid field"),
        (429, "Rate limit reached (see Retry-After)"),
        (503, "Index or model unavailable"),
    )
}


# --- the assistant, built once per process ---------------------------------------------------


class _AssistantHolder:
    """Builds the :class:`Assistant` lazily, once, and runs its blocking calls in threads."""

    def __init__(self, settings: Settings, assistant: "Assistant | None") -> None:
        self.settings = settings
        self._assistant = assistant
        self._lock = threading.Lock()
        self._limiter: anyio.CapacityLimiter | None = None

    def get(self) -> "Assistant":
        with self._lock:
            if self._assistant is None:
                from assistant.service import Assistant

                self._assistant = Assistant.from_settings(self.settings)
            return self._assistant

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        """At most ``api_max_concurrency`` pipelines at once in this process."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(
                max(1, int(_setting(self.settings, "api_max_concurrency", 4)))
            )
        return self._limiter

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run a blocking pipeline call in a worker thread (bounded concurrency)."""
        return await anyio.to_thread.run_sync(func, *args, limiter=self.limiter)

    def warm_up(self) -> None:
        try:
            self.get().warm_up()
            log.info("assistant ready")
        except AssistantError as exc:
            # Keep serving: /v1/health and the chat endpoints answer 503 until it works.
            log.error("warm-up failed: %s", exc)
        except Exception:
            log.exception("warm-up failed")


# --- Server-Sent Events ---------------------------------------------------------------------


def sse_event(event: str, data: Any) -> str:
    """One SSE frame (JSON data on one line)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n"


_DONE = object()


def _next(iterator: Iterator[Any]) -> Any:
    return next(iterator, _DONE)


# --- the application ---------------------------------------------------------------------


def create_app(assistant: "Assistant | None" = None, settings: Settings | None = None) -> FastAPI:
    """Build the FastAPI application (cheap: the assistant is loaded by the lifespan)."""
    if settings is None:
        settings = assistant.settings if assistant is not None else get_settings()
    holder = _AssistantHolder(settings, assistant)

    max_question = settings.max_question_chars
    max_messages = 2 * settings.max_history_turns
    max_message_chars = int(_setting(settings, "max_history_message_chars", 8000))
    max_body = int(_setting(settings, "api_max_body_bytes", 64 * 1024))

    class Turn(BaseModel):
        """One previous message of the conversation."""

        model_config = ConfigDict(extra="ignore")
        role: Literal["user", "assistant"]
        content: str = Field(max_length=max_message_chars)

    class ChatFilters(BaseModel):
        """Restrict the answer to these regions, sectors or programme ids (see /v1/programmes)."""

        model_config = ConfigDict(extra="forbid")
        regions: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
        sectors: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
        programmes: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)

    class ChatRequest(BaseModel):
        """A question, the previous turns (the API keeps no state) and optional filters."""

        model_config = ConfigDict(
            extra="forbid",
            json_schema_extra={
                "examples": [
                    {
                        "question": "Quel est le budget d'Electro'Mob ?",
                        "history": [],
                        "filters": {"regions": ["Hauts-de-France"]},
                    }
                ]
            },
        )
        question: str = Field(max_length=max_question)
        history: list[Turn] = Field(default_factory=list, max_length=max_messages)
        filters: ChatFilters = Field(default_factory=ChatFilters)

    def prepare(body: ChatRequest) -> tuple[str, list[dict[str, str]], "Filters"]:
        """Validate the question and resolve the filters (raises AssistantError -> 4xx)."""
        current = holder.get()
        history = [{"role": t.role, "content": t.content} for t in body.history]
        question = current.validate(body.question, history)
        filters = resolve_filters(
            current, body.filters.regions, body.filters.sectors, body.filters.programmes
        )
        return question, history, filters

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if _setting(settings, "api_warm_up", True):
            await anyio.to_thread.run_sync(holder.warm_up)
        yield

    app = FastAPI(
        title="Assistant France 2030 — formations d'avenir",
        version=API_VERSION,
        description=(
            "Answers French questions about France 2030 training programmes, with cited "
            "sources. Stateless: send the previous turns in `history`. Errors are "
            '`{"error": {"code", "message"}}` with a French message.'
        ),
        lifespan=lifespan,
    )
    install_error_handlers(app, settings)

    @app.post("/v1/chat", response_model=ChatResponse, responses=_ERRORS, tags=["chat"])
    async def chat(body: ChatRequest) -> JSONResponse:
        """Answer one question, with its citations."""

        def work() -> dict[str, Any]:
            question, history, filters = prepare(body)
            return _safe_urls(
                holder.get().ask(question, history=history, filters=filters).to_json()
            )

        result = await holder.run(work)
        return JSONResponse(result, headers={"cache-control": "no-store"})

    @app.post(
        "/v1/chat/stream",
        responses={
            200: {
                "content": {"text/event-stream": {}},
                "description": "Events `token` ({text}), then `final` (the /v1/chat object) "
                "or `error` ({code, message}).",
            },
            **_ERRORS,
        },
        response_class=StreamingResponse,
        tags=["chat"],
    )
    async def chat_stream(body: ChatRequest) -> StreamingResponse:
        """Answer one question as Server-Sent Events."""
        question, history, filters = await holder.run(prepare, body)

        async def events() -> AsyncIterator[str]:
            yield ": début de la réponse\n\n"
            # One pipeline slot for the whole stream, taken once: taking it again for each
            # token made streams queue behind every waiting request, token after token
            # (p99 over a minute in the load test). Borrowed on behalf of a token object,
            # so it is released whichever task closes this generator.
            slot = object()
            await holder.limiter.acquire_on_behalf_of(slot)
            try:
                current = holder.get()
                iterator = iter(current.stream(question, history=history, filters=filters))
                while (item := await anyio.to_thread.run_sync(_next, iterator)) is not _DONE:
                    if isinstance(item, str):
                        yield sse_event("token", {"text": item})
                    else:
                        yield sse_event("final", _safe_urls(item.to_json()))
            except AssistantError as exc:
                code = "invalid_question" if isinstance(exc, QuestionError) else "unavailable"
                log.error("stream failed: %s", exc)
                yield sse_event("error", {"code": code, "message": exc.user_message})
            except Exception:
                log.exception("stream failed")
                yield sse_event("error", {"code": "internal_error", "message": INTERNAL_MESSAGE})
            finally:
                holder.limiter.release_on_behalf_of(slot)

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )

    @app.get(
        "/v1/programmes", response_model=ProgrammesResponse, responses=_ERRORS, tags=["catalogue"]
    )
    async def programmes(
        region: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
        sector: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
        programme: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
    ) -> JSONResponse:
        """The structured programme records of the corpus (repeat a parameter for OR)."""

        def work() -> dict[str, Any]:
            current = holder.get()
            filters = resolve_filters(current, region, sector, programme)
            records = current.programmes(filters)
            catalog = current.catalog
            return {
                "count": len(records),
                "filters": filters.to_dict(),
                "programmes": [r.to_json() for r in records],
                "available": {
                    "regions": sorted(str(r) for r in catalog.regions()),
                    "sectors": sorted(str(s) for s in catalog.sectors()),
                },
            }

        return JSONResponse(await holder.run(work), headers={"cache-control": "no-store"})

    @app.get(
        "/v1/sources/{doc_id}",
        response_model=SourceResponse,
        responses={**_ERRORS, 404: {"model": ErrorResponse, "description": "Unknown document"}},
        tags=["catalogue"],
    )
    async def source(doc_id: str) -> JSONResponse:
        """The text of one indexed document, by its id (as in `citations[].id`).

        Served from the index, never from the file system: the id is only a lookup key, so
        no path (``../``, absolute, encoded) can reach a file.
        """
        if not _DOC_ID.fullmatch(doc_id):
            return error_response(400, "invalid_id", "Identifiant de document invalide.")

        def work() -> dict[str, Any] | None:
            return holder.get().document(doc_id)

        found = await holder.run(work)
        if found is None:
            return error_response(404, "not_found", "Ce document n'est pas dans la base.")
        found["url"] = _web_url(found.get("url"))
        return JSONResponse(found, headers={"cache-control": "no-store"})

    @app.get(
        "/v1/health",
        response_model=HealthResponse,
        responses={503: {"model": ErrorResponse}},
        tags=["service"],
    )
    async def health() -> JSONResponse:
        """Service status, index size and embedding model (for load balancers)."""

        def work() -> dict[str, Any]:
            current = holder.get()
            return {
                "status": "ok",
                "version": API_VERSION,
                "index_size": int(current.retriever.size),
                "embedder": str(current.embedder.name),
                "collection": str(current.collection),
                "backend": str(current.llm),
                "limits": {
                    "max_question_chars": max_question,
                    "max_history_messages": max_messages,
                    "max_history_message_chars": max_message_chars,
                    "max_body_bytes": max_body,
                },
            }

        # Not behind the pipeline's concurrency limiter: health must answer when busy.
        return JSONResponse(
            await anyio.to_thread.run_sync(work), headers={"cache-control": "no-store"}
        )

    widget_dir = Path(_setting(settings, "widget_dir", WIDGET_DIR))

    def widget_file(name: str) -> FileResponse:
        path = widget_dir / name
        if not path.is_file():
            raise StarletteHTTPException(404)
        return FileResponse(
            path,
            media_type=_WIDGET_FILES[name],
            headers={
                "cache-control": "public, max-age=300",
                "cross-origin-resource-policy": "cross-origin",
            },
        )

    @app.get("/widget.js", include_in_schema=False)
    async def widget_js() -> FileResponse:
        return widget_file("widget.js")

    @app.get("/widget.css", include_in_schema=False)
    async def widget_css() -> FileResponse:
        return widget_file("widget.css")

    # Middlewares: the last added is the outermost. Order of a request:
    # log -> CORS -> origin check + rate limits -> body size -> routes.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body)
    app.add_middleware(
        GuardMiddleware,
        allowed_origins=list(settings.cors_origins),
        per_ip=SlidingWindowLimiter(settings.rate_limit_per_minute, 60.0),
        per_origin=SlidingWindowLimiter(
            int(
                _setting(
                    settings,
                    "rate_limit_per_origin_per_minute",
                    10 * settings.rate_limit_per_minute,
                )
            ),
            60.0,
        ),
        enforce_origin=bool(_setting(settings, "api_enforce_origin", True)),
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Accept"],
        expose_headers=["Retry-After"],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(RequestLogMiddleware)
    app.state.assistant_holder = holder
    return app


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn assistant.api:app_factory --factory`` (one per worker)."""
    settings = get_settings()
    if not logging.getLogger().handlers:  # worker processes start without logging
        logging.basicConfig(
            level=getattr(logging, settings.log_level.upper(), logging.INFO),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    return create_app(settings=settings)


def serve(host: str | None = None, port: int | None = None, workers: int = 1) -> None:
    """Run the API with uvicorn (each worker builds its own app and assistant)."""
    import uvicorn

    from assistant.store import ensure_writable

    settings = get_settings()
    if not settings.chroma_host:
        # Fail now, with a French message, rather than in each worker's warm-up.
        ensure_writable(settings.chroma_path)
    uvicorn.run(
        "assistant.api:app_factory",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        workers=max(1, workers),
        access_log=False,  # uvicorn's access log holds client IPs: ours does not
        server_header=False,
        proxy_headers=True,  # trusted only from --forwarded-allow-ips (default 127.0.0.1)
        log_level=settings.log_level.lower(),
    )
