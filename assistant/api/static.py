"""The widget's files and its demonstration page, served from the package."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

#: The widget's files, shipped inside the package (found wherever it is installed).
WIDGET_DIR = Path(__file__).resolve().parent / "widget"
#: The demo page runs under a strict policy, as a careful host site would (docs/widget.md).
DEMO_CSP = "default-src 'self'; base-uri 'none'; object-src 'none'"


def static_router() -> APIRouter:
    """``/widget.js``, ``/demo`` (with its stylesheet and loader) and ``/favicon.ico``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/favicon.ico")
    async def favicon() -> Response:
        """No icon, said without an error: browsers ask for one on the demo page, and a
        404 there is an error in the console of whoever tries the widget."""
        return Response(status_code=204, headers={"cache-control": "public, max-age=86400"})

    @router.get("/demo")
    async def demo() -> FileResponse:
        """A demonstration host page with the widget, talking to this API (same origin)."""
        return FileResponse(
            WIDGET_DIR / "demo.html",
            media_type="text/html; charset=utf-8",
            headers={"cache-control": "no-cache", "content-security-policy": DEMO_CSP},
        )

    @router.get("/demo.css")
    @router.get("/demo.js")
    async def demo_file(request: Request) -> FileResponse:
        """The demo page's stylesheet and loader (files: the page allows no inline code)."""
        name = request.url.path.lstrip("/")
        media = "text/css" if name.endswith(".css") else "application/javascript"
        return FileResponse(
            WIDGET_DIR / name,
            media_type=f"{media}; charset=utf-8",
            headers={"cache-control": "no-cache"},
        )

    @router.get("/widget.js")
    async def widget_js() -> FileResponse:
        return FileResponse(
            WIDGET_DIR / "widget.js",
            media_type="application/javascript; charset=utf-8",
            headers={
                "cache-control": "public, max-age=300",
                "cross-origin-resource-policy": "cross-origin",
            },
        )

    return router
