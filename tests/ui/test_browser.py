"""The running chat page in Debian's Chromium (Playwright's sync API, no browser download).

Starts `streamlit run ui/app.py` on a free port, asks a French question, waits for the
answer and its source card, saves docs/screenshots/chat.png and chat-embed.png, and
measures the time from server start to the first answer and of a later answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from ui_fakes import ROOT

from ui.bench import (
    FIRST_QUESTION,
    LATER_QUESTIONS,
    ChatServer,
    ask,
    chat_server,
    wait_until_idle,
    wait_until_ready,
)

SCREENSHOTS = ROOT / "docs" / "screenshots"
QUESTION = FIRST_QUESTION
FOLLOW_UP = LATER_QUESTIONS[0]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(browser: object) -> Iterator[ChatServer]:
    """A freshly started chat, as `make run` starts it (``python -m ui.serve``).

    Starts after the browser: a user's browser is already open when `make run` starts,
    and launching Chromium would otherwise compete with the server for the two cores.
    """
    with chat_server(ROOT / ".pytest_cache" / "streamlit-browser-test.log") as running:
        yield running


def test_chat_in_chromium(server: ChatServer, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="fr-FR")  # type: ignore[attr-defined]
    page.goto(server.url)
    wait_until_ready(page)  # question box and empty state
    ask(page, QUESTION, 0, 60_000)
    first = time.perf_counter() - server.started
    # A reader asks the next question once the answer is complete: wait for the end of the
    # script run (feedback and copy widgets included), not only for the answer text.
    wait_until_idle(page)
    later = ask(page, FOLLOW_UP, 1, 30_000)

    first_answer = page.locator(".f2030-answer").first
    assert "25 M€" in first_answer.inner_text()
    card = page.locator(".f2030-card").first
    assert card.locator("mark").count() >= 1
    assert "à jour au" in card.inner_text()
    assert card.get_by_role("link", name="Page officielle").count() == 1
    # a citation marker leads to its card
    marker = first_answer.locator("a.f2030-cite").first
    target = marker.get_attribute("href")
    assert target and target.startswith("#src-")
    assert page.locator(target).count() == 1
    marker.focus()
    page.keyboard.press("Enter")  # keyboard: the marker leads to its card
    page.wait_for_function(f"location.hash === '{target}'", timeout=5_000)
    assert page.locator(target).is_visible()
    # no document markup ran, no traceback shown
    assert page.locator("[data-testid='stException']").count() == 0

    print(f"\nfirst answer {first:.1f} s after `streamlit run`; later answer {later:.2f} s")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".f2030-answer").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "chat.png"), full_page=False)
    assert first < 30, f"first answer took {first:.1f} s"
    assert later < 5, f"later answer took {later:.1f} s"
    page.close()


def test_embed_mode_in_chromium(server: ChatServer, browser: object) -> None:
    page = browser.new_page(viewport={"width": 480, "height": 820}, locale="fr-FR")  # type: ignore[attr-defined]
    page.goto(f"{server.url}/?embed=true")
    page.get_by_placeholder("Posez votre question").wait_for(timeout=120_000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    page.get_by_text("Filtres et nouvelle conversation").wait_for()
    ask(page, QUESTION, 0, 60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-embed.png"), full_page=False)
    page.close()
