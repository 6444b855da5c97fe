"""`python -m ui.screenshots` (`make screenshots`): the PNGs of docs/screenshots/, redone.

Starts the chat as `make run` does (``python -m ui.serve``), the API (``assistant serve``)
and a static server for the widget's demo page, all on free loopback ports, over the
project's index (`make index`), then takes each picture in headless Debian Chromium:

- ``chat.png``: the chat at 1280x900 with a cited answer (a list of programmes);
- ``chat-phone.png``: the chat at 390x844 with an answer;
- ``chat-embed.png``: the embed mode (``?embed=true``) at 480x820 with an answer;
- ``widget.png``: the widget open on its demo page at 1280x820, with an answer;
- ``widget-mobile.png``: the widget full screen at 390x760, with an answer;
- ``widget-inline.png``: the widget inline in the demo page (``?mode=inline``) at 1280x900.

``--only chat`` or ``--only widget`` takes one half of them.

Server logs go to a temporary folder; only the PNGs are written in the project.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ui.bench import ROOT, ask, chat_server, chromium, wait_until_idle, wait_until_ready
from ui.servers import WIDGET_DIR, api_server, static_site

OUT = ROOT / "docs" / "screenshots"
LISTING = "Quelles formations aux batteries existent dans les Hauts-de-France ?"
BUDGET = "Quel est le budget d'Electro'Mob ?"

# True once the chat has not scrolled for 800 ms (its own scroll to the answer included).
_SETTLED = """() => {
  const main = document.querySelector('[data-testid="stAppScrollToBottomContainer"]');
  const w = window.__settle || (window.__settle = { top: -1, since: 0 });
  if (main.scrollTop !== w.top) { w.top = main.scrollTop; w.since = performance.now(); }
  return performance.now() - w.since > 800;
}"""


def _chat_answer(page: Any, url: str, question: str) -> None:
    page.goto(url)
    if "embed=true" in url:  # no empty-state examples there to wait for
        page.get_by_placeholder("Posez votre question").wait_for(timeout=120_000)
    else:
        wait_until_ready(page)
    ask(page, question, 0, 60_000)
    wait_until_idle(page)
    page.wait_for_function(_SETTLED, polling=100, timeout=10_000)


def _widget_answer(page: Any, demo: str, question: str) -> None:
    page.goto(demo)
    if "mode=inline" in demo:
        page.locator("#assistant-inline").scroll_into_view_if_needed()
    else:
        page.locator("france2030-assistant .launcher").click()
    page.locator("france2030-assistant textarea#f2030-q").fill(question)
    page.keyboard.press("Enter")
    page.locator("france2030-assistant .bot[data-state=done]").wait_for(timeout=60_000)
    page.wait_for_timeout(300)


def take(out: Path, logs: Path, only: str | None = None) -> list[Path]:
    """Start the servers, take every screenshot (or ``only`` the chat's or the widget's)
    into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    phone = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
    with chromium() as browser:
        if only != "widget":
            written += _chat_shots(browser, out, logs, phone)
        if only != "chat":
            written += _widget_shots(browser, out, logs, phone)
    return written


def _chat_shots(browser: Any, out: Path, logs: Path, phone: dict[str, Any]) -> list[Path]:
    written: list[Path] = []
    with chat_server(logs / "streamlit.log") as server:
        shots: list[tuple[str, dict[str, Any], str, str]] = [
            ("chat.png", {"viewport": {"width": 1280, "height": 900}}, "", LISTING),
            (
                "chat-phone.png",
                {"viewport": {"width": 390, "height": 844}, **phone},
                "",
                BUDGET,
            ),
            (
                "chat-embed.png",
                {"viewport": {"width": 480, "height": 820}},
                "/?embed=true",
                BUDGET,
            ),
        ]
        for name, options, path, question in shots:
            context = browser.new_context(locale="fr-FR", **options)
            page = context.new_page()
            _chat_answer(page, server.url + path, question)
            page.screenshot(path=str(out / name))
            written.append(out / name)
            context.close()
    return written


def _widget_shots(browser: Any, out: Path, logs: Path, phone: dict[str, Any]) -> list[Path]:
    written: list[Path] = []
    with (
        static_site(WIDGET_DIR) as origin,
        api_server([origin], logs / "api.log") as api,
    ):
        demo = f"{origin}/demo.html?api={api}"
        widget_shots: list[tuple[str, dict[str, Any], str]] = [
            ("widget.png", {"viewport": {"width": 1280, "height": 820}}, ""),
            ("widget-mobile.png", {"viewport": {"width": 390, "height": 760}, **phone}, ""),
            ("widget-inline.png", {"viewport": {"width": 1280, "height": 900}}, "&mode=inline"),
        ]
        for name, options, extra in widget_shots:
            context = browser.new_context(locale="fr-FR", **options)
            page = context.new_page()
            _widget_answer(page, demo + extra, BUDGET if extra else LISTING)
            page.screenshot(path=str(out / name))
            written.append(out / name)
            context.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: take the screenshots, print the files written."""
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNGs")
    parser.add_argument("--only", choices=["chat", "widget"], help="take only these PNGs")
    args = parser.parse_args(argv)
    from playwright.sync_api import Error as PlaywrightError

    with tempfile.TemporaryDirectory(prefix="france2030-screenshots-") as logs:
        try:
            written = take(args.out, Path(logs), args.only)
        except (FileNotFoundError, RuntimeError, TimeoutError, PlaywrightError) as exc:
            print(f"screenshots failed: {exc}", file=sys.stderr)
            return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
