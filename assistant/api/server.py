"""Running the API: the uvicorn entry point (one app per worker) and ``assistant serve``."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from assistant.api.app import create_app
from assistant.api.sites import Sites
from assistant.config import get_settings


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn assistant.api.server:app_factory --factory`` (one per worker)."""
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

    from assistant.index.chroma import ensure_writable

    settings = get_settings()
    host, port = host or settings.api_host, port or settings.api_port
    shown = f"[{host}]" if ":" in host else host
    print(
        f"API : http://{shown}:{port}/v1 (documentation : /docs) — "
        f"démonstration du widget : http://{shown}:{port}/demo",
        flush=True,
    )
    Sites.from_settings(settings)  # a bad sites file fails now, not in each worker
    if not settings.chroma_host:
        # Fail now, with a French message, rather than in each worker's warm-up.
        ensure_writable(settings.chroma_path)
    uvicorn.run(
        "assistant.api.server:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=max(1, workers),
        access_log=False,  # uvicorn's access log holds client IPs: ours does not
        server_header=False,
        proxy_headers=True,  # trusted only from --forwarded-allow-ips (default 127.0.0.1)
        log_level=settings.log_level.lower(),
    )
