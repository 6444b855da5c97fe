"""The running chat page in Debian's Chromium (Playwright's sync API, no browser download).

Starts `streamlit run ui/app.py` on a free port (data folder: the tests' temporary index),
asks French questions and checks what a reader sees: the answer with its source cards,
a listing rendered as a list with bold names, the start of each new answer in view, a
too-long question answered by its error alone, and the phone layout. Screenshots and the
server log go to pytest's temporary folders only (`make screenshots` updates the docs').
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ui.bench import (
    FIRST_QUESTION,
    LATER_QUESTIONS,
    ChatServer,
    ask,
    chat_server,
    wait_until_idle,
    wait_until_ready,
)
from ui.components import EXAMPLES, TITLE

QUESTION = FIRST_QUESTION
FOLLOW_UP = LATER_QUESTIONS[0]
LISTING = "Quelles formations aux batteries existent dans les Hauts-de-France ?"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Where the last answer's message is (its top, bottom) and the viewport's height.
LAST_ANSWER_BOX = """() => {
  const answers = document.querySelectorAll('.f2030-answer');
  const message = answers[answers.length - 1].closest('[data-testid="stChatMessage"]');
  const r = message.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: innerHeight };
}"""

# True once the page has not scrolled for 800 ms (the page's own scroll script included).
SCROLL_SETTLED = """() => {
  const main = document.querySelector('[data-testid="stAppScrollToBottomContainer"]');
  const w = window.__settle || (window.__settle = { top: -1, since: 0 });
  if (main.scrollTop !== w.top) { w.top = main.scrollTop; w.since = performance.now(); }
  return performance.now() - w.since > 800;
}"""


@pytest.fixture(scope="module")
def server(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChatServer]:
    """A freshly started chat, as `make run` starts it (``python -m ui.serve``).

    Starts after the browser: a user's browser is already open when `make run` starts,
    and launching Chromium would otherwise compete with the server for the two cores.
    """
    log = tmp_path_factory.mktemp("chat") / "streamlit.log"
    with chat_server(log) as running:
        yield running


def settle(page: Any) -> None:
    """Wait for the end of the script run, then for the page to stop scrolling."""
    wait_until_idle(page)
    page.wait_for_function(SCROLL_SETTLED, polling=100, timeout=10_000)
    page.evaluate("() => { window.__settle = undefined; }")


def assert_answer_start_in_view(page: Any) -> None:
    box = page.evaluate(LAST_ANSWER_BOX)
    assert 0 <= box["top"] < box["height"] - 150, f"the new answer starts off screen: {box}"


def test_chat_in_chromium(server: ChatServer, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    page.goto(server.url)
    wait_until_ready(page)  # question box and empty state
    ask(page, QUESTION, 0, 60_000)
    first = time.perf_counter() - server.started
    # A reader asks the next question once the answer is complete: wait for the end of the
    # script run (feedback and copy widgets included), not only for the answer text.
    settle(page)
    assert_answer_start_in_view(page)
    later = ask(page, FOLLOW_UP, 1, 30_000)
    settle(page)
    assert_answer_start_in_view(page)

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
    page.screenshot(path=str(tmp_path / "chat.png"))
    assert first < 30, f"first answer took {first:.1f} s"
    assert later < 5, f"later answer took {later:.1f} s"
    page.close()


def test_listing_is_a_list_with_bold_names_and_its_start_in_view(
    server: ChatServer, browser: Any
) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    page.goto(server.url)
    wait_until_ready(page)
    ask(page, LISTING, 0, 60_000)
    settle(page)
    assert_answer_start_in_view(page)  # a long answer: Streamlit alone leaves it scrolled off
    answer = page.locator(".f2030-answer").last
    items = answer.locator("ul > li")
    assert items.count() >= 2
    assert items.first.locator("strong").count() == 1  # the programme's name, in bold
    assert "**" not in answer.inner_text()
    assert items.first.locator("a.f2030-cite").count() >= 1
    # the page let go of its bottom to show that answer: the next one is still followed
    ask(page, QUESTION, 1, 30_000)
    settle(page)
    assert_answer_start_in_view(page)
    assert "25 M€" in page.locator(".f2030-answer").last.inner_text()
    page.close()


def test_too_long_question_gets_its_error_in_place_of_an_answer(
    server: ChatServer, browser: Any
) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    page.goto(server.url)
    wait_until_ready(page)
    ask(page, LISTING, 0, 60_000)  # a long answer, its sources below the screen
    settle(page)
    # From Enter to the end of the run: is anything from an answer ever drawn after the
    # error message (sources, answer text, feedback)?
    page.evaluate(
        """() => {
          window.__afterError = [];
          const check = () => {
            const alerts = document.querySelectorAll('[data-testid="stAlert"]');
            if (!alerts.length) return;
            const alert = alerts[alerts.length - 1];
            for (const el of document.querySelectorAll(
                '.f2030-card, .f2030-answer, [data-testid="stFeedback"]')) {
              if (alert.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
                window.__afterError.push(el.className || el.dataset.testid);
            }
          };
          new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
        }"""
    )
    box = page.get_by_placeholder("Posez votre question")
    box.fill("Quel est le budget ? " * 110)  # 2,310 characters: over the 2,000 allowed
    box.press("Enter")
    error = page.locator('[data-testid="stChatMessage"]').last.locator('[data-testid="stAlert"]')
    error.wait_for(timeout=30_000)
    settle(page)
    assert "trop longue" in error.inner_text()
    last = page.locator('[data-testid="stChatMessage"]').last
    assert last.locator(".f2030-answer, .f2030-card, [data-testid='stFeedback']").count() == 0
    assert page.evaluate("() => window.__afterError") == []
    assert page.locator(".f2030-answer").count() == 1  # the first answer is still there
    # the view follows the new question down to its error (not left on the previous sources)
    top = error.bounding_box()
    assert top is not None and top["y"] >= 0 and top["y"] + top["height"] <= DESKTOP["height"]
    page.close()


def test_phone_layout(server: ChatServer, browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, locale="fr-FR"
    )
    page = context.new_page()
    page.goto(server.url)
    wait_until_ready(page)
    settle(page)
    # The title is whole, on screen and not under the header.
    title = page.locator("h1")
    assert title.inner_text().strip() == TITLE
    shown = title.evaluate(
        """h => { const r = h.getBoundingClientRect();
                  const at = (x, y) => h.contains(document.elementFromPoint(x, y));
                  return { top: r.top, bottom: r.bottom, wide: h.scrollWidth <= h.clientWidth,
                           covered: !at(r.left + 4, r.top + 6) || !at(r.left + 4, r.bottom - 6) }; }"""
    )
    assert shown["top"] >= 0 and shown["bottom"] <= PHONE["height"], shown
    assert shown["wide"] and not shown["covered"], shown
    # Example questions wrap: no « … », nothing cut.
    for _, _, questions in EXAMPLES:
        for question in questions:
            text = page.get_by_role("button", name=question).locator("p")
            fits = text.evaluate(
                """p => { const box = p.parentElement; const s = getComputedStyle(box);
                          return p.scrollWidth <= p.clientWidth + 1
                              && box.scrollWidth <= box.clientWidth + 1
                              && (s.textOverflow !== 'ellipsis' || s.whiteSpace === 'normal'); }"""
            )
            assert fits, f"example cut: {question}"
    # The placeholder has room for all its lines.
    room = page.locator("textarea").evaluate(
        """t => { const s = getComputedStyle(t); const probe = document.createElement('div');
                  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre-wrap;'
                    + 'overflow-wrap:break-word;font:' + s.font + ';line-height:' + s.lineHeight
                    + ';letter-spacing:' + s.letterSpacing + ';width:'
                    + (t.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) + 'px';
                  probe.textContent = t.placeholder; document.body.appendChild(probe);
                  const need = probe.scrollHeight; probe.remove();
                  return { need: need,
                           have: t.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) }; }"""
    )
    assert room["have"] + 1 >= room["need"], f"placeholder cut: {room}"
    page.screenshot(path=str(tmp_path / "chat-phone.png"))
    context.close()


def test_embed_mode_in_chromium(server: ChatServer, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 480, "height": 820}, locale="fr-FR")
    page.goto(f"{server.url}/?embed=true")
    page.get_by_placeholder("Posez votre question").wait_for(timeout=120_000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    page.get_by_text("Filtres et nouvelle conversation").wait_for()
    ask(page, QUESTION, 0, 60_000)
    page.screenshot(path=str(tmp_path / "chat-embed.png"))
    page.close()
