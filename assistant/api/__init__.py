"""The HTTP API (FastAPI, SSE) and the embeddable widget it serves."""

from assistant.api.app import API_VERSION, create_app
from assistant.api.server import app_factory, serve
from assistant.api.static import WIDGET_DIR

__all__ = ["API_VERSION", "WIDGET_DIR", "app_factory", "create_app", "serve"]
