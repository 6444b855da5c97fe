"""The running chat page in Debian's Chromium (Playwright's sync API, no browser download).

Starts `streamlit run ui/app.py` on a free port, asks a French question, waits for the
answer and its source card, saves docs/screenshots/chat.png and chat-embed.png, and
measures the time from server start to the first answer and of a later answer.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from ui_fakes import ROOT

SCREENSHOTS = ROOT / "docs" / "screenshots"
QUESTION = "Quel est le budget d'Electro'Mob ?"
FOLLOW_UP = "Combien de personnes seront formées par Electro'Mob ?"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_health(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def server(browser: object) -> Iterator[tuple[str, float]]:
    """A freshly started `streamlit run ui/app.py`; yields (url, start time).

    Starts after the browser: a user's browser is already open when `make run` starts,
    and launching Chromium would otherwise compete with the server for the two cores.
    """
    port = free_port()
    log_path = ROOT / ".pytest_cache" / "streamlit-browser-test.log"
    log_path.parent.mkdir(exist_ok=True)
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.serve",  # what `make run` starts: streamlit run ui/app.py, preloading
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for_health(url, process)
            yield url, started
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def ask(page: object, question: str, answers_before: int, timeout_ms: int) -> float:
    """Type a question, wait for one more answer with a source card; return seconds."""
    box = page.get_by_placeholder("Posez votre question")  # type: ignore[attr-defined]
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    answers = page.locator(".f2030-answer")  # type: ignore[attr-defined]
    answers.nth(answers_before).wait_for(state="visible", timeout=timeout_ms)
    seconds = time.perf_counter() - started
    page.locator(".f2030-card").nth(answers_before).wait_for(timeout=timeout_ms)  # type: ignore[attr-defined]
    return seconds


def test_chat_in_chromium(server: tuple[str, float], browser: object) -> None:
    url, started = server
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="fr-FR")  # type: ignore[attr-defined]
    page.goto(url)
    box = page.get_by_placeholder("Posez votre question")
    box.wait_for(timeout=120_000)
    page.get_by_text("Vous êtes conseiller").wait_for(timeout=120_000)  # empty state, loaded
    ask(page, QUESTION, 0, 60_000)
    first = time.perf_counter() - started
    # A reader asks the next question once the answer is complete: wait for the end of the
    # script run (feedback and copy widgets included), not only for the answer text.
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=30_000
    )
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


def test_embed_mode_in_chromium(server: tuple[str, float], browser: object) -> None:
    url, _ = server
    page = browser.new_page(viewport={"width": 480, "height": 820}, locale="fr-FR")  # type: ignore[attr-defined]
    page.goto(f"{url}/?embed=true")
    page.get_by_placeholder("Posez votre question").wait_for(timeout=120_000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    page.get_by_text("Filtres et nouvelle conversation").wait_for()
    ask(page, QUESTION, 0, 60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-embed.png"), full_page=False)
    page.close()
