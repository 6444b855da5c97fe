"""The embeddable widget in Debian's Chromium, against the real API and assistant.

The API runs in its own process (``assistant serve``) on one port; the demo page is served
by a small static server on other ports, i.e. from other origins. Only the first demo
origin is in the API's allow-list. Screenshots go to pytest's temporary folders.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ui.servers import ROOT, WIDGET_DIR, api_server, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Quel est le budget d'Electro'Mob ?"
PAYLOAD = "<img src=x onerror=alert(1)>"

XSS_DOC = f"""---
id: formation-piege
title: "Formation Piège {PAYLOAD}"
short_name: "Formation Piège"
aliases: []
kind: programme
regions: ["Hauts-de-France"]
cities: []
sectors: ["numérique"]
ami_cma: true
season: null
status: null
status_date: null
budget_total_eur: 3000000
state_aid_eur: null
targets: {{people: null, places: null, horizon: null, text: null}}
lead: null
partners: []
sources:
  - url: "javascript:alert(2)"
    date: null
updated: "2026-11-25"
---

# Formation Piège

## Chiffres clés

Le budget total de la Formation Piège atteint 3 M€ {PAYLOAD} <script>alert(3)</script> pour former des techniciens.
"""


@pytest.fixture(scope="module")
def demo_origin() -> Iterator[str]:
    with static_site(WIDGET_DIR) as origin:
        yield origin


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    with static_site(WIDGET_DIR) as origin:
        yield origin


@pytest.fixture(scope="module")
def api(demo_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("api") / "api.log"
    with api_server([demo_origin], log) as base:
        yield base


@pytest.fixture(scope="module")
def xss_api(demo_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An API over a throw-away index holding one booby-trapped document."""
    work = tmp_path_factory.mktemp("xss")
    (work / "docs").mkdir()
    (work / "docs" / "formation-piege.md").write_text(XSS_DOC, encoding="utf-8")
    env = {"ASSISTANT_DATA_DIR": str(work / "data")}
    indexed = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "index", str(work / "docs"), "--no-progress"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert indexed.returncode == 0, indexed.stderr[-3000:]
    with api_server([demo_origin], work / "api.log", **env) as base:
        yield base


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 820}, locale="fr-FR")
    # Source links point at real public sites: answer them locally (no network in tests).
    context.route(
        re.compile(r"^https://"),
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Source</title><p>Source</p>"
        ),
    )
    yield context
    context.close()


# --- helpers ------------------------------------------------------------------------------

WATCH_STREAM = """() => {
  const root = document.querySelector("france2030-assistant").shadowRoot;
  window.__widget = { states: [], textSteps: 0 };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") window.__widget.states.push(r.target.getAttribute("data-state"));
      // the answer's blocks are drawn again as each piece of text arrives
      if (r.type === "childList" && r.target.classList && r.target.classList.contains("text"))
        window.__widget.textSteps += 1;
    }
  }).observe(root, { subtree: true, attributes: true, attributeFilter: ["data-state"],
                     childList: true });
}"""

SHADOW_ACTIVE = """() => {
  const el = document.querySelector("france2030-assistant").shadowRoot.activeElement;
  return el ? el.tagName.toLowerCase() + "." + (el.className || "") : null;
}"""


def open_demo(page: Any, origin: str, api: str) -> list[str]:
    """Load the demo page; returns the list that collects JavaScript dialogs."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{origin}/demo.html?api={api}")
    page.locator("france2030-assistant .launcher").wait_for()
    return dialogs


def ask(page: Any, question: str) -> None:
    page.locator("france2030-assistant textarea#f2030-q").fill(question)
    page.keyboard.press("Enter")


# --- tests --------------------------------------------------------------------------------


def test_widget_streams_an_answer_with_sources(
    context: Any, demo_origin: str, api: str, tmp_path: Path
) -> None:
    page = context.new_page()
    dialogs = open_demo(page, demo_origin, api)
    launcher = page.locator("france2030-assistant .launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    # Host page styles (pink uppercase buttons, 10px root font) do not leak in.
    assert launcher.evaluate("b => getComputedStyle(b).textTransform") == "none"

    launcher.focus()
    page.keyboard.press("Enter")
    panel = page.locator("france2030-assistant [role=dialog]")
    panel.wait_for()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert page.evaluate(SHADOW_ACTIVE).startswith("textarea")  # focus moved into the panel
    label = page.locator("france2030-assistant label[for=f2030-q]")
    assert label.text_content() == "Votre question"

    page.evaluate(WATCH_STREAM)
    with page.expect_response(lambda r: r.url.endswith("/v1/chat/stream")) as streamed:
        ask(page, QUESTION)
    response = streamed.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/event-stream")

    answer = page.locator("france2030-assistant .bot[data-state=done]")
    answer.wait_for(timeout=60_000)
    text = answer.locator(".text").text_content()
    assert "25 M€" in text
    state = page.evaluate("() => window.__widget")
    assert state["states"][-1] == "done"
    assert state["textSteps"] > 3, "the answer did not arrive in several pieces"

    link = answer.locator("a.source").first
    href = link.get_attribute("href")
    assert href.startswith("https://")
    assert link.get_attribute("target") == "_blank"
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert "nouvelle fenêtre" in link.text_content()
    live = page.locator("france2030-assistant [aria-live=polite]")
    page.wait_for_function(
        """() => document.querySelector("france2030-assistant").shadowRoot
             .querySelector("[aria-live=polite]").textContent.includes("25 M€")"""
    )
    assert "Réponse de l'assistant" in live.text_content()

    page.screenshot(path=str(tmp_path / "widget.png"))

    with context.expect_page() as popup_info:
        link.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.url == href
    assert popup.evaluate("() => window.opener") is None
    popup.close()

    # A follow-up question sends the history (stateless API) and still gets an answer.
    with page.expect_request(lambda r: r.url.endswith("/v1/chat/stream")) as sent:
        ask(page, "Et combien de personnes seront formées ?")
    body = json.loads(sent.value.post_data)
    assert [turn["role"] for turn in body["history"]] == ["user", "assistant"]
    assert body["filters"]["regions"] == ["Hauts-de-France"]
    page.locator("france2030-assistant .bot[data-state=done]").nth(1).wait_for(timeout=60_000)

    # Keyboard: Tab stays inside the dialog, Escape closes it and focus returns to the launcher.
    page.locator("france2030-assistant textarea#f2030-q").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate(SHADOW_ACTIVE) is not None
        assert page.evaluate(
            """() => { const r = document.querySelector("france2030-assistant").shadowRoot;
                        return r.querySelector("[role=dialog]").contains(r.activeElement); }"""
        )
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate(SHADOW_ACTIVE).startswith("button.launcher")
    assert dialogs == []


def test_widget_renders_a_listing_with_bold_names_and_linked_markers(
    context: Any, demo_origin: str, api: str
) -> None:
    page = context.new_page()
    open_demo(page, demo_origin, api)
    page.locator("france2030-assistant .launcher").click()
    ask(page, "Quelles formations aux batteries existent dans les Hauts-de-France ?")
    answer = page.locator("france2030-assistant .bot[data-state=done]")
    answer.wait_for(timeout=60_000)
    text = answer.locator(".text")
    items = text.locator("ul > li")
    assert items.count() >= 2
    assert items.first.locator("strong").count() == 1
    assert "**" not in text.inner_text()
    assert not re.search(r"^\s*- ", text.inner_text(), re.MULTILINE)
    # [n] is a link to its source, which gets the focus and comes into view
    marker = items.first.locator("a.cite").first
    n = marker.get_attribute("data-cite")
    assert marker.inner_text() == f"[{n}]"
    marker.click()
    source = answer.locator(f"li#{marker.get_attribute('href')[1:]}")
    assert source.inner_text().startswith(f"[{n}]")
    assert source.evaluate("li => li.getRootNode().activeElement === li")
    assert source.is_visible()
    # the live region reads the rendered text, not its stars
    live = page.locator("france2030-assistant [aria-live=polite]")
    page.wait_for_function(
        """() => document.querySelector("france2030-assistant").shadowRoot
             .querySelector("[aria-live=polite]").textContent.includes("Réponse de")"""
    )
    assert "**" not in live.text_content()


def test_widget_is_full_screen_on_a_phone(
    browser: Any, demo_origin: str, api: str, tmp_path: Path
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 760}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    try:
        page = context.new_page()
        open_demo(page, demo_origin, api)
        page.locator("france2030-assistant .launcher").tap()
        panel = page.locator("france2030-assistant [role=dialog]")
        panel.wait_for()
        box = panel.bounding_box()
        assert box["width"] == pytest.approx(390, abs=1)
        assert box["height"] == pytest.approx(760, abs=1)
        ask(page, QUESTION)
        page.locator("france2030-assistant .bot[data-state=done]").wait_for(timeout=60_000)
        font = page.locator("france2030-assistant textarea#f2030-q").evaluate(
            "t => parseFloat(getComputedStyle(t).fontSize)"
        )
        assert font >= 16  # no zoom-on-focus on phones
        page.screenshot(path=str(tmp_path / "widget-mobile.png"))
    finally:
        context.close()


def test_origin_not_in_the_allow_list_gets_no_answer(
    context: Any, other_origin: str, api: str
) -> None:
    page = context.new_page()
    open_demo(page, other_origin, api)
    page.locator("france2030-assistant .launcher").click()
    ask(page, QUESTION)
    failed = page.locator("france2030-assistant .bot[data-state=error]")
    failed.wait_for(timeout=30_000)
    assert "Impossible de joindre l'assistant" in failed.text_content()
    assert page.locator("france2030-assistant .bot[data-state=done]").count() == 0
    assert page.locator("france2030-assistant a.source").count() == 0


def test_document_html_is_rendered_as_inert_text(
    context: Any, demo_origin: str, xss_api: str
) -> None:
    page = context.new_page()
    dialogs = open_demo(page, demo_origin, xss_api)
    page.locator("france2030-assistant .launcher").click()
    ask(page, "Quel est le budget de la Formation Piège ?")
    answer = page.locator("france2030-assistant .bot[data-state=done]")
    answer.wait_for(timeout=60_000)
    page.wait_for_timeout(300)  # give a would-be onerror handler time to fire

    shown = answer.text_content()
    assert PAYLOAD in shown  # the markup is visible as text...
    counts = page.evaluate(
        """() => { const r = document.querySelector("france2030-assistant").shadowRoot;
                    return { img: r.querySelectorAll("img").length,
                             script: r.querySelectorAll("script").length,
                             links: [...r.querySelectorAll("a")].map(a => a.getAttribute("href")) }; }"""
    )
    assert counts["img"] == 0 and counts["script"] == 0  # ...and never becomes elements
    assert PAYLOAD in answer.locator(".text").text_content()
    # the document's only source URL is javascript: (not linked); the [n] markers are links
    # inside the widget, to the source items
    assert counts["links"] and all(h.startswith("#f2030-a") for h in counts["links"])
    assert page.locator("img").count() == 0
    assert dialogs == []
