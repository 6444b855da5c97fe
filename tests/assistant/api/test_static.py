"""The widget's files and its demonstration page."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import WIDGET_DIR

pytestmark = pytest.mark.slow


def test_widget_is_served_small_and_text_only(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/javascript")
    source = response.text
    assert source == (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")
    assert len(gzip.compress(response.content)) < 25 * 1024
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source
    assert "attachShadow" in source
    assert client.get("/demo.html").status_code == 404  # only the widget and its demo page


def test_the_demo_page_is_served_and_talks_to_its_own_origin(client: TestClient) -> None:
    response = client.get("/demo")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # A strict policy, which the page keeps: no inline script or style, only files.
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert "<style" not in response.text and "<script>" not in response.text
    assert 'src="demo.js"' in response.text and 'href="demo.css"' in response.text
    loader = client.get("/demo.js")
    assert loader.headers["content-type"].startswith("application/javascript")
    assert "location.origin" in loader.text  # same origin: no CORS set-up needed
    assert client.get("/demo.css").headers["content-type"].startswith("text/css")
    # The icon browsers ask for: no content, no 404 in the console of the demo page.
    assert client.get("/favicon.ico").status_code == 204


def test_widget_files_ship_inside_the_package() -> None:
    import assistant

    package = Path(assistant.__file__).parent
    assert WIDGET_DIR.is_relative_to(package)
    assert Path(WIDGET_DIR, "widget.js").is_file()
    for name in ("demo.html", "demo.css", "demo.js"):
        assert Path(WIDGET_DIR, name).is_file()
