"""The HTTP API (FastAPI, SSE) and the embeddable widget it serves."""

from assistant.api.app import API_VERSION, WIDGET_DIR, create_app
from assistant.api.server import app_factory, serve

__all__ = ["API_VERSION", "WIDGET_DIR", "app_factory", "create_app", "serve"]
