"""ASGI building blocks of the HTTP API: French error bodies and protective middlewares.

Every middleware here is plain ASGI (no ``BaseHTTPMiddleware``), so Server-Sent Events
stream through untouched. None of them logs or stores a client IP or a question.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.ratelimit import RateLimiter

log = logging.getLogger("assistant.api")

#: Headers added to every response.
_COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    headers: dict[str, str] | None = None,
    details: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    """``{"error": {"code": ..., "message": <French>}}`` with the given status."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    all_headers = {"cache-control": "no-store"}
    all_headers.update(headers or {})
    return JSONResponse({"error": error}, status_code=status, headers=all_headers)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


# --- request log ----------------------------------------------------------------------------


class RequestLogMiddleware:
    """One log line per request: method, route, status, duration (no IP, no query, no body).

    The route template (``/v1/chat``) is logged rather than the raw path, and unknown paths
    are logged as ``-``, so nothing a visitor typed ends up in the logs.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", [])
                existing = {k.lower() for k, _ in message["headers"]}
                message["headers"] = list(message["headers"]) + [
                    (k, v) for k, v in _COMMON_HEADERS if k not in existing
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or (
                scope["path"] if scope["path"] in ("/", "/favicon.ico") else "-"
            )
            log.info(
                "%s %s %d %.0f ms",
                scope.get("method", "?"),
                path,
                status,
                (time.perf_counter() - started) * 1000,
            )


# --- body size ------------------------------------------------------------------------------


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with a French ``413``.

    ``Content-Length`` is checked first; bodies sent in chunks are read (at most
    ``max_bytes`` + one chunk are buffered) and replayed to the application.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> JSONResponse:
        kib = max(1, self.max_bytes // 1024)
        return error_response(
            413,
            "payload_too_large",
            f"La requête est trop volumineuse ({kib} Ko au maximum) : "
            "raccourcissez la question ou commencez une nouvelle conversation.",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                response = error_response(
                    400, "bad_request", "L'en-tête Content-Length de la requête est invalide."
                )
                await response(scope, receive, send)
                return
            if length > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return

        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# --- origin allow-list and rate limits ---------------------------------------------------


def origin_allowed(origin: str, allowed: Iterable[str], host: str | None) -> bool:
    """True when ``origin`` is in the allow-list, or is the API's own host."""
    allowed = list(allowed)
    if "*" in allowed or origin in allowed:
        return True
    if host:
        # Same-origin page (e.g. the API's own docs): browsers send Origin on POST too.
        # Only the host is compared: a TLS-terminating proxy may change the scheme.
        return urlsplit(origin).netloc.lower() == host.lower()
    return False


class GuardMiddleware:
    """For the paths under ``prefixes``: origin allow-list, then per-IP and per-Origin limits.

    Requests with an ``Origin`` outside the allow-list get a French ``403`` (CORS alone would
    only hide the response from the browser, after the work is done). Requests without
    ``Origin`` (servers, curl) are limited by IP only. The client IP is the one uvicorn
    resolved (set ``--forwarded-allow-ips`` behind a trusted proxy); it is never logged.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_origins: Sequence[str],
        per_ip: RateLimiter,
        per_origin: RateLimiter,
        prefixes: Sequence[str] = ("/v1/",),
        exempt: Sequence[str] = ("/v1/health",),
        enforce_origin: bool = True,
    ) -> None:
        self.app = app
        self.allowed_origins = list(allowed_origins)
        self.per_ip = per_ip
        self.per_origin = per_origin
        self.prefixes = tuple(prefixes)
        self.exempt = frozenset(exempt)
        self.enforce_origin = enforce_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") == "OPTIONS"  # CORS preflights: answered by CORS
            or not path.startswith(self.prefixes)
            or path in self.exempt
        ):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if (
            origin is not None
            and self.enforce_origin
            and not origin_allowed(origin, self.allowed_origins, _header(scope, b"host"))
        ):
            response = error_response(
                403,
                "origin_not_allowed",
                "Ce site n'est pas autorisé à interroger l'assistant.",
            )
            await response(scope, receive, send)
            return
        client = scope.get("client")
        ip = client[0] if client else "unknown"
        decision = self.per_ip.hit(f"ip:{ip}")
        if decision.allowed and origin is not None:
            decision = self.per_origin.hit(f"origin:{origin}")
        if not decision.allowed:
            wait = decision.retry_after
            response = error_response(
                429,
                "rate_limited",
                f"Trop de questions en peu de temps : merci de patienter {wait} seconde"
                f"{'s' if wait > 1 else ''} avant de réessayer.",
                headers={"retry-after": str(wait)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
