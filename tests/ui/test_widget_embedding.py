"""The widget on real host sites, in Debian's Chromium, against the real API and assistant.

The host site is a small loopback server (another origin than the API's) serving pages that
run under a strict ``Content-Security-Policy: default-src 'self' <api-origin>`` (no inline
code or style allowed). The API has a sites file with one site for that origin, pinned to
Hauts-de-France. Checked here: no CSP violation, the site's settings from the server, inline
mode, the conversation surviving a page change, « Nouvelle conversation », the DOM events
for the host's analytics, and feedback: sent to ``POST /v1/feedback``, a failure said
politely and retried, then the 👎 and its reason read by an operator on the dashboard (a
third origin, the Streamlit server, behind its token).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.feedback.database import sqlite_url
from ui.servers import api_server, dashboard_server, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Quel est le budget d'Electro'Mob ?"
SITE_TITLE = "Assistant Région test"
SITE_COLOR = "#18753c"  # rgb(24, 117, 60)
WIDGET = "france2030-assistant"

# Recorded by the host page: every france2030:* event, as the host's analytics would see it.
HOST_JS = """window.__events = [];
["open", "close", "question", "answer", "error", "feedback", "reset"].forEach(function (name) {
  document.addEventListener("france2030:" + name, function (e) {
    window.__events.push({ type: e.type, detail: e.detail, target: e.target.tagName });
  });
});
"""

PAGE = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
  <header><nav aria-label="Menu"><a href="page1.html">Accueil</a>
    <a id="next" href="page2.html">Nos formations</a></nav></header>
  <main><h1>{title}</h1>{body}</main>
  <script src="host.js"></script>
  <script src="{api}/widget.js" data-api="{api}" data-site="hdf" data-title="Titre ignoré"
          {attrs} async></script>
</body>
</html>
"""

PAGES = {
    "page1.html": ("Accueil", "<p>Bienvenue sur le site de la région.</p>", ""),
    "page2.html": ("Nos formations", "<p>Des formations près de chez vous.</p>", ""),
    "share.html": ("Partage", "<p>Page qui choisit de recevoir les questions.</p>",
                   'data-share-question="true"'),
    "inline.html": ("L'assistant dans la page",
                    '<section aria-label="Assistant"><div id="assistant"></div></section>',
                    'data-mode="inline" data-target="#assistant" data-height="560"'),
}  # fmt: skip

# Collected from the first script run in each document (Playwright's init scripts are not
# subject to the page's CSP): every violation the browser reports.
WATCH_CSP = """window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
}, true);"""

SHADOW = f'document.querySelector("{WIDGET}").shadowRoot'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """The host site's origin, folder and headers (its pages and its CSP, which names the
    API, are written once the API is up)."""
    folder = tmp_path_factory.mktemp("host-site")
    headers = {"Content-Security-Policy": "default-src 'self'"}
    with static_site(folder, headers=headers) as origin:
        yield origin, folder, headers


@pytest.fixture(scope="module")
def ops_db(tmp_path_factory: Any) -> str:
    """The operators' database (question log, feedback) the API writes."""
    return sqlite_url(tmp_path_factory.mktemp("ops") / "ops.sqlite3")


@pytest.fixture(scope="module")
def api(
    site: tuple[str, Path, dict[str, str]], tmp_path_factory: Any, ops_db: str
) -> Iterator[str]:
    origin, folder, headers = site
    work = tmp_path_factory.mktemp("api")
    sites = {
        "sites": {
            "hdf": {
                "origins": [origin],
                "regions": ["Hauts-de-France"],
                "title": SITE_TITLE,
                "color": SITE_COLOR,
                "region_label": "Hauts-de-France",
            }
        }
    }
    (work / "sites.json").write_text(json.dumps(sites), "utf-8")
    env = {"ASSISTANT_SITES_FILE": str(work / "sites.json"), "ASSISTANT_DATABASE_URL": ops_db}
    with api_server([], work / "api.log", **env) as base:
        headers["Content-Security-Policy"] = f"default-src 'self' {base}"
        (folder / "host.js").write_text(HOST_JS, "utf-8")
        for name, (title, body, attrs) in PAGES.items():
            page = PAGE.format(title=title, body=body, api=base, attrs=attrs)
            (folder / name).write_text(page, "utf-8")
        yield base


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 820}, locale="fr-FR")
    context.add_init_script(WATCH_CSP)
    # Source links point at real public sites: answer them locally (no network in tests).
    context.route(
        re.compile(r"^https://"),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Source</p>"),
    )
    yield context
    context.close()


class Console:
    """What the browser said: console messages, uncaught errors, CSP violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.messages: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.messages.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def violations(self) -> list[str]:
        reported = self.page.evaluate("() => window.__csp")
        logged = [m for m in self.messages if "Content Security Policy" in m]
        return reported + logged + self.errors


def open_page(context: Any, url: str) -> tuple[Any, Console]:
    page = context.new_page()
    console = Console(page)
    page.goto(url)
    page.locator(f"{WIDGET} .panel").wait_for(state="attached")
    return page, console


def ask(page: Any, question: str, nth: int = 0) -> Any:
    page.locator(f"{WIDGET} textarea#f2030-q").fill(question)
    page.keyboard.press("Enter")
    answer = page.locator(f"{WIDGET} .bot[data-state=done]").nth(nth)
    answer.wait_for(timeout=60_000)
    return answer


def events(page: Any, kind: str | None = None) -> list[dict[str, Any]]:
    found = page.evaluate("() => window.__events")
    return [e for e in found if kind is None or e["type"] == f"france2030:{kind}"]


def stored(page: Any) -> str | None:
    """The widget's sessionStorage entry (None when there is none)."""
    return page.evaluate(
        """() => { const k = Object.keys(sessionStorage).find((k) => k.startsWith("france2030-assistant:"));
                   return k ? sessionStorage.getItem(k) : null; }"""
    )


# --- tests --------------------------------------------------------------------------------


def test_widget_runs_on_a_strict_csp_page_with_the_sites_settings(
    context: Any, site: tuple[str, Path, dict[str, str]], api: str, tmp_path: Path
) -> None:
    page, console = open_page(context, f"{site[0]}/page1.html")
    launcher = page.locator(f"{WIDGET} .launcher")
    # The site's look comes from the server (GET /v1/sites/hdf), not from data-title.
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(24, 117, 60)"
    launcher.click()
    assert page.locator(f"{WIDGET} h2").text_content() == SITE_TITLE
    assert "Hauts-de-France" in page.locator(f"{WIDGET} .notice").text_content()
    with page.expect_request(lambda r: r.url.endswith("/v1/chat/stream")) as sent:
        answer = ask(page, QUESTION)
    assert json.loads(sent.value.post_data)["site"] == "hdf"
    assert "25 M€" in answer.locator(".text").text_content()
    assert answer.locator("a.source").count() >= 1
    page.screenshot(path=str(tmp_path / "widget-csp.png"))

    # Nothing inline: no <style>, no style attribute, in the page or the shadow root
    # (Chromium's autofill leaves an empty style="" on form fields: not the widget's).
    inline = page.evaluate(
        f"""() => [document, {SHADOW}].flatMap((root) =>
              [...root.querySelectorAll("style, [style]:not([style=''])")]
                .map((e) => e.outerHTML.slice(0, 120)))"""
    )
    assert inline == []
    assert console.violations() == []

    # The policy is really in force (and violations are seen): a style attribute is refused.
    page.evaluate("() => document.body.setAttribute('style', 'background: red')")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != (
        "rgb(255, 0, 0)"
    )


def test_the_demo_page_served_by_the_api_is_csp_clean(context: Any, api: str) -> None:
    page = context.new_page()
    console = Console(page)
    response = page.goto(f"{api}/demo")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.locator(f"{WIDGET} .launcher").click()
    assert "25 M€" in ask(page, QUESTION).locator(".text").text_content()
    assert page.locator("#snippet").text_content().startswith(f'<script src="{api}/widget.js"')
    assert page.evaluate("() => document.querySelectorAll('style, [style]').length") == 0
    assert console.violations() == []


def test_inline_mode_renders_in_the_host_element(
    context: Any, site: tuple[str, Path, dict[str, str]], api: str, tmp_path: Path
) -> None:
    page, console = open_page(context, f"{site[0]}/inline.html")
    assert page.locator(f"{WIDGET} .launcher").count() == 0
    panel = page.locator(f"{WIDGET} .panel")
    assert panel.is_visible()
    assert panel.get_attribute("role") == "region"  # part of the page, not a dialog
    assert page.locator(f"#assistant > {WIDGET}").count() == 1
    holder = page.locator("#assistant").bounding_box()
    box = panel.bounding_box()
    assert box["x"] >= holder["x"] - 1 and box["width"] <= holder["width"] + 1
    assert box["height"] == pytest.approx(560, abs=1)  # data-height
    assert "25 M€" in ask(page, QUESTION).locator(".text").text_content()
    page.keyboard.press("Escape")
    assert panel.is_visible()  # nothing to close
    page.screenshot(path=str(tmp_path / "widget-inline.png"), full_page=True)
    assert console.violations() == []


def test_the_conversation_survives_a_page_change_until_a_new_conversation(
    context: Any, site: tuple[str, Path, dict[str, str]], api: str
) -> None:
    page, console = open_page(context, f"{site[0]}/page1.html")
    page.locator(f"{WIDGET} .launcher").click()
    ask(page, QUESTION)

    page.click("#next")  # another page of the same site, same tab
    page.wait_for_url("**/page2.html")
    page.locator(f"{WIDGET} .panel").wait_for()  # open again, as it was left
    assert page.locator(f"{WIDGET} .msg.user p").all_text_contents() == [QUESTION]
    answer = page.locator(f"{WIDGET} .bot[data-state=done]")
    assert "25 M€" in answer.locator(".text").text_content()
    assert answer.locator("a.source").count() >= 1
    assert answer.locator("a.cite").count() >= 1  # markers still lead to their sources
    assert page.locator(f"{WIDGET} .chips").count() == 0
    # The restored turns are the history of the next question (the API is stateless).
    with page.expect_request(lambda r: r.url.endswith("/v1/chat/stream")) as sent:
        ask(page, "Et combien de personnes seront formées ?", nth=1)
    history = json.loads(sent.value.post_data)["history"]
    assert [turn["role"] for turn in history] == ["user", "assistant"]
    assert history[0]["content"] == QUESTION

    # « Nouvelle conversation » empties the panel and the tab's storage.
    page.locator(f"{WIDGET} button[title='Nouvelle conversation']").click()
    assert page.locator(f"{WIDGET} .msg.user").count() == 0
    assert json.loads(stored(page) or "{}").get("turns", []) == []
    page.reload()
    page.locator(f"{WIDGET} .panel").wait_for()
    assert page.locator(f"{WIDGET} .msg.user").count() == 0
    assert page.locator(f"{WIDGET} .chips").is_visible()
    assert console.violations() == []

    # A new tab has its own conversation (sessionStorage is per tab).
    other, _ = open_page(context, f"{site[0]}/page1.html")
    assert stored(other) is None


def test_stored_conversations_are_bounded_and_bad_ones_ignored(
    context: Any, site: tuple[str, Path, dict[str, str]], api: str
) -> None:
    page, console = open_page(context, f"{site[0]}/page1.html")
    key = f"france2030-assistant:{api}#hdf"

    def reload_with(value: str) -> None:
        page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [key, value])
        page.reload()
        page.locator(f"{WIDGET} .panel").wait_for(state="attached")

    reload_with("{pas du json")
    assert page.locator(f"{WIDGET} .chips").count() == 1  # the welcome, no error
    assert stored(page) is None  # the unreadable entry is dropped
    kept = {
        "q": "Question gardée ?",
        "a": {
            "answer": "Réponse gardée [1].",
            "citations": [{"n": 1, "id": "x", "title": "Source", "url": "javascript:alert(1)"}],
        },
    }
    reload_with(json.dumps({"v": 1, "open": True, "turns": [{"q": 1}, "x", None, kept]}))
    assert page.locator(f"{WIDGET} .msg.user p").all_text_contents() == ["Question gardée ?"]
    assert page.locator(f"{WIDGET} a[href^='javascript']").count() == 0

    big = {"q": "Ancienne question ?", "a": {"answer": "Longue réponse. " * 500}}
    reload_with(json.dumps({"v": 1, "open": True, "turns": [big] * 14}))
    assert page.locator(f"{WIDGET} .msg.user").count() == 10  # at most 10 exchanges kept
    ask(page, QUESTION, nth=10)
    raw = stored(page)
    assert raw is not None and len(raw) <= 60_000
    turns = json.loads(raw)["turns"]
    assert turns[-1]["q"] == QUESTION and len(turns) < 10
    assert console.violations() == []


def test_dom_events_carry_no_question_text_unless_the_host_opts_in(
    context: Any, site: tuple[str, Path, dict[str, str]], api: str
) -> None:
    page, _ = open_page(context, f"{site[0]}/page1.html")
    page.locator(f"{WIDGET} .launcher").click()
    ask(page, QUESTION)
    page.locator(f"{WIDGET} button[title='Nouvelle conversation']").click()
    seen = events(page)
    assert [e["type"].split(":")[1] for e in seen] == ["open", "question", "answer", "reset"]
    assert all(e["target"] == "SCRIPT" for e in seen)  # dispatched on the script, bubbling
    question, answer = seen[1]["detail"], seen[2]["detail"]
    assert question == {"length": len(QUESTION), "turn": 1, "site": "hdf"}
    assert re.fullmatch(r"[0-9a-f]{32}", answer["answer_id"])
    assert answer["answerable"] is True and answer["citations"] >= 1
    assert "electromob" in answer["sources"]
    assert "Electro'Mob" not in json.dumps(seen, ensure_ascii=False)

    shared, _ = open_page(context, f"{site[0]}/share.html")  # data-share-question="true"
    shared.locator(f"{WIDGET} .launcher").click()
    ask(shared, QUESTION)
    assert events(shared, "question")[0]["detail"]["question"] == QUESTION
    assert events(shared, "answer")[0]["detail"]["question"] == QUESTION


def test_feedback_is_sent_then_read_on_the_dashboard(
    browser: Any,
    context: Any,
    site: tuple[str, Path, dict[str, str]],
    api: str,
    ops_db: str,
    tmp_path: Path,
) -> None:
    page, console = open_page(context, f"{site[0]}/page1.html")
    page.locator(f"{WIDGET} .launcher").click()
    answer = ask(page, QUESTION)
    answer_id = events(page, "answer")[0]["detail"]["answer_id"]
    up = answer.get_by_role("button", name="Oui, réponse utile")
    down = answer.get_by_role("button", name="Non, réponse pas utile")
    assert up.get_attribute("aria-pressed") == down.get_attribute("aria-pressed") == "false"
    status = answer.locator(".fb-status")

    def is_feedback(request: Any) -> bool:
        return request.url == f"{api}/v1/feedback" and request.method == "POST"

    def status_says(text: str) -> None:
        page.wait_for_function(
            f"""() => {SHADOW}.querySelector(".fb-status").textContent.includes({text!r})"""
        )

    # The network drops the first rating (the only simulated fault: a real lost request):
    # said politely, the conversation stays, « Réessayer » sends it again.
    page.route(f"{api}/v1/feedback", lambda route: route.abort())
    with page.expect_request(is_feedback) as sent:
        up.click()
    assert json.loads(sent.value.post_data) == {"answer_id": answer_id, "rating": 1}
    assert up.get_attribute("aria-pressed") == "true"
    status_says("pas pu")
    assert status.text_content() == "Votre avis n'a pas pu être envoyé."
    assert "25 M€" in answer.locator(".text").text_content()
    page.unroute(f"{api}/v1/feedback")
    with page.expect_request(is_feedback) as again:
        answer.get_by_role("button", name="Réessayer").click()
    assert json.loads(again.value.post_data) == {"answer_id": answer_id, "rating": 1}
    status_says("Merci")
    assert status.text_content() == "Merci pour votre avis."

    down.click()
    assert down.get_attribute("aria-pressed") == "true"
    assert up.get_attribute("aria-pressed") == "false"
    reasons = answer.get_by_role("group", name="Qu'est-ce qui n'allait pas ?")
    labels = [r.get_attribute("value") for r in reasons.get_by_role("radio").all()]
    assert labels == ["chiffre_faux", "information_perimee", "incomplet", "hors_sujet", "autre"]
    send = answer.get_by_role("button", name="Envoyer mon avis")
    send.click()  # no reason chosen yet
    assert status.text_content() == "Choisissez une raison."
    reasons.get_by_label("Information périmée").check()
    comment = answer.get_by_label("Commentaire (facultatif, 500 caractères au plus)")
    assert comment.get_attribute("maxlength") == "500"
    comment.fill("La date limite a changé, écrivez-moi à jean.dupont@example.fr")
    with page.expect_request(is_feedback) as sent_down:
        send.click()
    assert json.loads(sent_down.value.post_data) == {
        "answer_id": answer_id,
        "rating": -1,
        "reason": "information_perimee",
        "comment": "La date limite a changé, écrivez-moi à jean.dupont@example.fr",
    }
    status_says("Merci")
    sent_events = events(page, "feedback")
    assert [e["detail"]["rating"] for e in sent_events] == [1, 1, -1]
    assert [e["detail"]["sent"] for e in sent_events] == [False, True, True]
    assert "La date limite" not in json.dumps(sent_events, ensure_ascii=False)
    # The conversation goes on.
    ask(page, "Et combien de personnes seront formées ?", nth=1)
    assert console.violations() == []

    # The operator's side: the dashboard (its own origin) refuses without the token, then
    # shows the question, the site it came from and the reason; the e-mail is masked.
    token = "jeton-du-service-formation-2030"
    env = {"ASSISTANT_DATABASE_URL": ops_db, "ASSISTANT_DASHBOARD_TOKEN": token}
    with dashboard_server(tmp_path / "dashboard.log", **env) as dashboard:
        board = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="fr-FR")
        board.goto(dashboard)
        field = board.get_by_label("Jeton d'accès")
        field.wait_for(timeout=60_000)
        board.get_by_role("button", name="Ouvrir le tableau de bord").click()
        board.get_by_text("Jeton refusé.").wait_for(timeout=30_000)
        assert QUESTION not in board.locator("body").inner_text()
        field.fill(token)
        board.get_by_role("button", name="Ouvrir le tableau de bord").click()
        board.get_by_text("Réponses jugées pas utiles").wait_for(timeout=30_000)
        cell = '[data-testid="stDataFrame"] [role="gridcell"]'
        board.locator(cell, has_text="Information périmée").first.wait_for(
            state="attached", timeout=30_000
        )
        shown = " ".join(board.locator(cell).all_text_contents())
        assert QUESTION in shown and "hdf" in shown and "Information périmée" in shown
        assert "jean.dupont@example.fr" not in board.locator("body").inner_text() + shown
        board.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        board.close()
