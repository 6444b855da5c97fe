"""The HTTP API (``assistant serve``) and the embeddable widget's static files.

Endpoints: ``POST /v1/chat``, ``POST /v1/chat/stream`` (Server-Sent Events), ``POST
/v1/feedback``, ``GET /v1/programmes``, ``GET /v1/sources/{id}``, ``GET /v1/sites/{key}``,
``GET /v1/health``, ``GET /widget.js``, OpenAPI docs under ``/docs``. The API is stateless
(clients send the conversation history), so several workers or servers can run behind a
load balancer. Every answer is logged, scrubbed and off the request path, in the question
log (docs/privacy.md).

Nothing is loaded at import time: :func:`create_app` builds the application, and the
:class:`~assistant.service.Assistant` is created once per process and warmed up by the
lifespan handler. Every error reaches clients as ``{"error": {"code", "message"}}`` with
a French message, never as a traceback.
"""

# No ``from __future__ import annotations`` here: FastAPI and pydantic must see the request
# models built inside create_app() (their limits come from the settings) as real objects.

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.sse import EventSourceResponse

from assistant.api.catalogue import catalogue_router
from assistant.api.errors import INTERNAL_MESSAGE, install_error_handlers
from assistant.api.middleware import (
    BodySizeLimitMiddleware,
    GuardMiddleware,
    RequestLogMiddleware,
    error_response,
)
from assistant.api.operations import AnswerLogger, feedback_router, request_site
from assistant.api.ratelimit import RateLimiter
from assistant.api.runtime import DONE, AssistantHolder, next_item, sse_comment, sse_event
from assistant.api.schemas import (
    ERRORS,
    ChatResponse,
    ErrorResponse,
    HealthResponse,
    SiteResponse,
    chat_request_model,
)
from assistant.api.sites import Sites
from assistant.api.static import static_router
from assistant.catalog import resolve_filters
from assistant.config import Settings, get_settings
from assistant.errors import AssistantError, QuestionError
from assistant.feedback import question_log_from, store_for
from assistant.text.patterns import web_url

if TYPE_CHECKING:
    from assistant.answer import Filters
    from assistant.service import Assistant

__all__ = ["API_VERSION", "create_app"]

log = logging.getLogger("assistant.api")

API_VERSION = "1.0"


def _safe_urls(answer: dict[str, Any]) -> dict[str, Any]:
    for citation in answer.get("citations") or []:
        if isinstance(citation, dict) and "url" in citation:
            citation["url"] = web_url(citation["url"])
    return answer


# --- the application ---------------------------------------------------------------------


def create_app(assistant: "Assistant | None" = None, settings: Settings | None = None) -> FastAPI:
    """Build the FastAPI application (cheap: the assistant is loaded by the lifespan)."""
    if settings is None:
        settings = assistant.settings if assistant is not None else get_settings()
    holder = AssistantHolder(settings, assistant)

    max_question = settings.max_question_chars
    max_messages = 2 * settings.max_history_turns
    max_message_chars = settings.max_history_message_chars
    max_body = settings.api_max_body_bytes

    ChatRequest = chat_request_model(settings)
    # Shared by every worker and replica through Redis when ASSISTANT_REDIS_URL is set.
    per_ip = RateLimiter(settings.rate_limit_per_minute, 60.0, storage_url=settings.redis_url)
    per_origin = RateLimiter(
        settings.rate_limit_per_origin_per_minute, 60.0, storage_url=settings.redis_url
    )

    question_log = question_log_from(settings)
    feedback_store = store_for(settings)

    log_answer = AnswerLogger(question_log)
    sites = Sites.from_settings(settings)  # a bad sites file fails here (ConfigError)

    def prepare(
        body: ChatRequest, request: Request
    ) -> tuple[str, list[dict[str, str]], "Filters", str]:
        """Validate the question and resolve the filters, pinned to the request's site
        (raises AssistantError -> 4xx); also the site for the question log: the configured
        site's key, else the host of the Origin, else ``api``."""
        current = holder.get()
        history = [{"role": t.role, "content": t.content} for t in body.history]
        question = current.validate(body.question, history)
        filters = resolve_filters(
            current.catalog, body.filters.regions, body.filters.sectors, body.filters.programmes
        )
        site = sites.site_for(body.site, request.headers.get("origin"))
        filters = sites.enforce(current.catalog, filters, site)
        return question, history, filters, site.key if site else request_site(request)

    def check_sites() -> None:
        """Log the sites whose regions the catalogue lacks (their requests will get a 503)."""
        try:
            problems = sites.check(holder.get().catalog)
        except AssistantError:
            return  # the warm-up has logged why the assistant is unavailable
        for problem in problems:
            log.error("%s", problem)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        question_log.start()  # purges expired rows, off the event loop
        if settings.api_warm_up:
            await anyio.to_thread.run_sync(holder.warm_up)
            if len(sites):
                await anyio.to_thread.run_sync(check_sites)
        yield
        await anyio.to_thread.run_sync(question_log.close)
        await anyio.to_thread.run_sync(holder.close)

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

    @app.post("/v1/chat", response_model=ChatResponse, responses=ERRORS, tags=["chat"])
    async def chat(body: ChatRequest, request: Request) -> JSONResponse:
        """Answer one question, with its citations."""

        def work() -> dict[str, Any]:
            question, history, filters, site = prepare(body, request)
            current = holder.get()
            started = time.perf_counter()
            answer = current.ask(question, history=history, filters=filters)
            log_answer(current, answer, question, filters, site, started)
            return _safe_urls(answer.to_json())

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
            **ERRORS,
        },
        # Not EventSourceResponse here: FastAPI would take the route for a generator, and a
        # question refused before the stream starts must still get a JSON 4xx.
        response_class=StreamingResponse,
        tags=["chat"],
    )
    async def chat_stream(body: ChatRequest, request: Request) -> EventSourceResponse:
        """Answer one question as Server-Sent Events."""
        question, history, filters, site = await holder.run(prepare, body, request)

        async def events() -> AsyncIterator[bytes]:
            yield sse_comment("début de la réponse")
            # One pipeline slot for the whole stream, taken once: taking it again for each
            # token made streams queue behind every waiting request, token after token
            # (p99 over a minute in the load test). Borrowed on behalf of a token object,
            # so it is released whichever task closes this generator.
            slot = object()
            await holder.limiter.acquire_on_behalf_of(slot)
            try:
                current = holder.get()
                started = time.perf_counter()
                iterator = iter(current.stream(question, history=history, filters=filters))
                while (item := await anyio.to_thread.run_sync(next_item, iterator)) is not DONE:
                    if isinstance(item, str):
                        yield sse_event("token", {"text": item})
                    else:
                        log_answer(current, item, question, filters, site, started)
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

        return EventSourceResponse(
            events(), headers={"cache-control": "no-store", "x-accel-buffering": "no"}
        )

    app.include_router(feedback_router(feedback_store))
    app.include_router(catalogue_router(holder))

    @app.get(
        "/v1/health",
        response_model=HealthResponse,
        responses={503: {"model": ErrorResponse}},
        tags=["service"],
    )
    async def health() -> JSONResponse:
        """Service status, index size and version, embedding model (for load balancers)."""

        def work() -> dict[str, Any]:
            current = holder.get()
            snapshot = current.snapshot()
            return {
                "status": "ok",
                "version": API_VERSION,
                "index_size": int(snapshot.retriever.size),
                **snapshot.describe(),
                "embedder": str(current.embedder.name),
                "collection": str(current.collection),
                "backend": str(current.llm),
                "rate_limits": {
                    **per_ip.status(),
                    "degraded": per_ip.degraded or per_origin.degraded,
                },
                "limits": {
                    "max_question_chars": max_question,
                    "max_history_messages": max_messages,
                    "max_history_message_chars": max_message_chars,
                    "max_body_bytes": max_body,
                },
                "question_log": question_log.counts(),
            }

        # Not behind the pipeline's concurrency limiter: health must answer when busy.
        return JSONResponse(
            await anyio.to_thread.run_sync(work), headers={"cache-control": "no-store"}
        )

    @app.get(
        "/v1/sites/{key}",
        response_model=SiteResponse,
        responses={**ERRORS, 404: {"model": ErrorResponse, "description": "Unknown site"}},
        tags=["widget"],
    )
    async def site(key: str) -> JSONResponse:
        """The public settings of a site embedding the widget (title, colour, region label)."""
        found = sites.get(key)
        if found is None:
            return error_response(
                404, "unknown_site", "Ce site n'est pas enregistré auprès de l'assistant."
            )
        return JSONResponse(found.public(), headers={"cache-control": "public, max-age=300"})

    app.include_router(static_router())

    # The sites' origins are allowed too (each one only for its own site: Sites.enforce).
    allowed_origins = list(dict.fromkeys([*settings.cors_origins, *sites.origins()]))
    # Middlewares: the last added is the outermost. Order of a request:
    # log -> CORS -> origin check + rate limits -> body size -> routes.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body)
    app.add_middleware(
        GuardMiddleware,
        allowed_origins=allowed_origins,
        per_ip=per_ip,
        per_origin=per_origin,
        enforce_origin=settings.api_enforce_origin,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Accept"],
        expose_headers=["Retry-After"],
        allow_credentials=False,
        max_age=600,
    )
    app.add_middleware(RequestLogMiddleware)
    app.state.assistant_holder = holder
    app.state.question_log = question_log
    app.state.feedback_store = feedback_store
    return app
