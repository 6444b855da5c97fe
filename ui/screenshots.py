"""`python -m ui.screenshots` (`make screenshots`): the PNGs of docs/screenshots/, redone.

Starts the chat as `make run` does (``python -m ui.serve``), the API (``assistant serve``)
and a static server for the widget's demo page, all on free loopback ports, over the
project's index (`make index`), then takes each picture in headless Debian Chromium:

- ``chat.png``: the chat at 1280x900 with a cited answer (a list of programmes);
- ``chat-phone.png``: the chat at 390x844 with an answer;
- ``chat-embed.png``: the embed mode (``?embed=true``) at 480x820 with an answer;
- ``widget.png``: the widget open on its demo page at 1280x820, with an answer;
- ``widget-mobile.png``: the widget full screen at 390x760, with an answer;
- ``widget-inline.png``: the widget inline in the demo page (``?mode=inline``) at 1280x900;
- ``widget-feedback.png``: the same after 👎: the reasons and the optional comment;
- ``dashboard.png``: the operators' dashboard at 1280x2050 (the whole page), over a temporary
  database filled by real questions asked to the API from a demonstration site, and two
  👎 ratings sent to ``POST /v1/feedback``.

``--only chat``, ``--only widget`` or ``--only dashboard`` takes one part of them.

Server logs go to a temporary folder; only the PNGs are written in the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.feedback.database import sqlite_url
from ui.bench import ROOT, ask, chat_server, chromium, wait_until_idle, wait_until_ready
from ui.servers import WIDGET_DIR, api_server, dashboard_server, static_site

OUT = ROOT / "docs" / "screenshots"
LISTING = "Quelles formations aux batteries existent dans les Hauts-de-France ?"
BUDGET = "Quel est le budget d'Electro'Mob ?"
#: The demonstration site and the questions its visitors ask (dashboard.png), with the
#: 👎 reasons some of the answers get.
DEMO_SITE = "https://www.region-demo.fr"
DEMO_QUESTIONS: tuple[tuple[str, str | None], ...] = (
    (BUDGET, "information_perimee"),
    (LISTING, None),
    ("Quelle est la recette du far breton ?", None),
    ("Recette du far breton ?", None),
    ("Quel est le salaire d'un technicien formé par BATTENA ?", None),
    ("Electro'Mob est-il mené en Bretagne ?", None),
    ("Combien de personnes seront formées par Electro'Mob ?", "incomplet"),
    ("Quels programmes de formation en Occitanie ?", None),
)
DASHBOARD_TOKEN = "jeton-des-captures"

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


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "origin": DEMO_SITE},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return dict(json.loads(response.read()))


def _dashboard(browser: Any, path: Path, logs: Path) -> None:
    """Ask the demonstration questions to a fresh API, then photograph the dashboard."""
    env = {"ASSISTANT_DATABASE_URL": sqlite_url(logs / "ops.sqlite3")}
    with api_server([DEMO_SITE], logs / "api-dashboard.log", **env) as api:
        for question, reason in DEMO_QUESTIONS:
            answer = _post(f"{api}/v1/chat", {"question": question})
            if reason:
                feedback = {"answer_id": answer["answer_id"], "rating": -1, "reason": reason}
                _post(f"{api}/v1/feedback", feedback)
    # The API writes its question log when it stops (at the latest): now it is complete.
    env["ASSISTANT_DASHBOARD_TOKEN"] = DASHBOARD_TOKEN
    with dashboard_server(logs / "dashboard.log", **env) as dashboard:
        # Tall enough for the whole page: Streamlit scrolls inside its own container.
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 2050})
        page = context.new_page()
        page.goto(dashboard)
        page.get_by_label("Jeton d'accès").fill(DASHBOARD_TOKEN)
        page.get_by_role("button", name="Ouvrir le tableau de bord").click()
        page.get_by_text("Toutes les questions de la période").wait_for(timeout=60_000)
        wait_until_idle(page)
        page.wait_for_timeout(1500)  # charts and grids finish drawing
        page.screenshot(path=str(path))
        context.close()


def take(out: Path, logs: Path, only: str | None = None) -> list[Path]:
    """Start the servers, take every screenshot (or ``only`` the chat's, the widget's or
    the dashboard's) into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    phone = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
    with chromium() as browser:
        if only in (None, "chat"):
            written += _chat_shots(browser, out, logs, phone)
        if only not in ("chat", "dashboard"):
            written += _widget_shots(browser, out, logs, phone)
        if only in (None, "dashboard"):
            _dashboard(browser, out / "dashboard.png", logs)
            written.append(out / "dashboard.png")
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
            if extra:  # the feedback form: 👎 opens the reasons and the comment
                answer = page.locator("france2030-assistant .bot[data-state=done]").last
                answer.get_by_role("button", name="Non, réponse pas utile").click()
                answer.get_by_label("Information périmée").check()
                page.wait_for_timeout(300)
                answer.scroll_into_view_if_needed()
                page.screenshot(path=str(out / "widget-feedback.png"))
                written.append(out / "widget-feedback.png")
            context.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: take the screenshots, print the files written."""
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNGs")
    parser.add_argument(
        "--only", choices=["chat", "widget", "dashboard"], help="take only these PNGs"
    )
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
