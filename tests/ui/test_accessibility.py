"""axe-core on the chat page and the widget, in Chromium, at desktop and phone sizes.

axe-core comes with the PyPI package ``axe-playwright-python`` (its axe.min.js is run in
the page; nothing is downloaded). Every page state must have no serious or critical
violation: the chat (empty, then with a cited answer) and the widget's demo page (widget
closed, open, with an answer, then with its 👎 feedback form open), each at 1280x900 and
390x844, and the inline widget (empty, then with an answer) at 1280x900.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ui.bench import ChatServer, ask, chat_server, wait_until_idle, wait_until_ready
from ui.servers import WIDGET_DIR, api_server, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
QUESTION = "Quelles formations aux batteries existent dans les Hauts-de-France ?"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Any:
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


@pytest.fixture(scope="module")
def chat(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChatServer]:
    with chat_server(tmp_path_factory.mktemp("chat") / "streamlit.log") as running:
        yield running


@pytest.fixture(scope="module")
def widget_demo(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo page's URL, pointed at a running API that allows its origin."""
    log = tmp_path_factory.mktemp("api") / "api.log"
    with static_site(WIDGET_DIR) as origin, api_server([origin], log) as api:
        yield f"{origin}/demo.html?api={api}"


def violations(axe: Any, page: Any, where: str) -> list[str]:
    """axe's serious and critical violations, one line each (all of them are printed).

    A page still laying out on a loaded machine (CI, 2 cores) can show a transient
    scrollable box for a frame; a violation must still be there a second later to count.
    """
    found = _blocking(axe, page, where)
    if found:
        page.wait_for_timeout(1_000)
        found = _blocking(axe, page, f"{where} (again)")
    return found


def _blocking(axe: Any, page: Any, where: str) -> list[str]:
    """One axe pass: every violation printed, the serious and critical ones returned."""
    found = axe.run(page).response["violations"]
    for v in found:
        print(f"{where}: {v['impact']} {v['id']} ({len(v['nodes'])}) {v['help']}")
    return [
        f"{where}: {v['id']} {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_chat_page_has_no_serious_violation(
    axe: Any, chat: ChatServer, browser: Any, size: str
) -> None:
    context = browser.new_context(locale="fr-FR", **VIEWPORTS[size])
    page = context.new_page()
    page.goto(chat.url)
    wait_until_ready(page)
    wait_until_idle(page)
    found = violations(axe, page, f"chat, empty, {size}")
    ask(page, QUESTION, 0, 60_000)
    wait_until_idle(page)
    found += violations(axe, page, f"chat, answer, {size}")
    context.close()
    assert found == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_widget_has_no_serious_violation(
    axe: Any, widget_demo: str, browser: Any, size: str
) -> None:
    context = browser.new_context(locale="fr-FR", **VIEWPORTS[size])
    page = context.new_page()
    page.goto(widget_demo)
    launcher = page.locator("france2030-assistant .launcher")
    launcher.wait_for()
    found = violations(axe, page, f"widget, closed, {size}")
    launcher.click()
    page.locator("france2030-assistant [role=dialog]").wait_for()
    found += violations(axe, page, f"widget, open, {size}")
    page.locator("france2030-assistant textarea#f2030-q").fill(QUESTION)
    page.keyboard.press("Enter")
    page.locator("france2030-assistant .bot[data-state=done]").wait_for(timeout=60_000)
    found += violations(axe, page, f"widget, answer, {size}")
    # 👎 opens the reasons and the comment field.
    page.get_by_role("button", name="Non, réponse pas utile").click()
    page.locator("france2030-assistant .fb-form").wait_for()
    found += violations(axe, page, f"widget, feedback form, {size}")
    context.close()
    assert found == []


def test_inline_widget_has_no_serious_violation(axe: Any, widget_demo: str, browser: Any) -> None:
    context = browser.new_context(locale="fr-FR", **VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(widget_demo + "&mode=inline")
    page.locator("#assistant france2030-assistant .panel").wait_for()
    found = violations(axe, page, "widget inline, empty")
    page.locator("france2030-assistant textarea#f2030-q").fill(QUESTION)
    page.keyboard.press("Enter")
    page.locator("france2030-assistant .bot[data-state=done]").wait_for(timeout=60_000)
    found += violations(axe, page, "widget inline, answer")
    context.close()
    assert found == []
