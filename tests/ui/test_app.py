"""The chat page under Streamlit's AppTest.

The first group drives the page with a scripted fake assistant (fast, deterministic);
the `slow` group drives it with the real assistant and index (ask, filter, follow-up,
feedback stored in the data folder's SQLite database).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from ui_fakes import APP, HOSTILE, FakeAssistant

from assistant import EmptyIndexError
from assistant.feedback import REASONS, FeedbackStore, QuestionLog
from ui import components as c

QUESTION = "Quel est le budget d'Electro'Mob ?"


#: The page's own scroll script (ui.components.scroll_into_view), with any element id.
SCROLL_SCRIPT = re.compile(re.escape(c.SCROLL_SCRIPT).replace("%s", "[A-Za-z0-9_-]*"))


def html_bodies(at: AppTest) -> list[str]:
    """The st.html blocks of the page, without the style sheet and the scroll scripts."""
    bodies = [el.proto.body for el in at.get("html")]
    return [
        b for b in bodies if not b.lstrip().startswith("<style>") and not SCROLL_SCRIPT.fullmatch(b)
    ]


def answer_html(at: AppTest) -> str:
    blocks = html_bodies(at)
    return "\n".join(b for b in blocks if "f2030-answer" in b or "f2030-sources" in b)


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


# --- with the fake assistant -------------------------------------------------------------------


def test_empty_state_offers_examples_for_both_audiences(fake_app: AppTest) -> None:
    at = fake_app.run()
    assert not at.exception
    assert at.title[0].value == c.TITLE
    labels = [b.label for b in at.button]
    for _, _, questions in c.EXAMPLES:
        assert set(questions) <= set(labels)
    markdown = " ".join(m.value for m in at.markdown)
    assert "stagiaire" in markdown and "conseill" in markdown
    assert any("assistant automatisé" in cap.value for cap in at.caption)
    sidebar = at.sidebar
    assert [m.label for m in sidebar.multiselect] == ["Région", "Secteur", "Programme"]
    assert sidebar.multiselect[0].options == ["Hauts-de-France", "Nouvelle-Aquitaine"]
    assert "Nouvelle conversation" in [b.label for b in sidebar.button]
    assert any("25 novembre 2026" in cap.value for cap in sidebar.caption)
    assert any("Index : version 3 du 26 novembre 2026." in cap.value for cap in sidebar.caption)


def test_ask_shows_a_cited_answer_with_linked_source_cards(
    fake_app: AppTest, fake_assistant: FakeAssistant
) -> None:
    at = ask(fake_app.run(), QUESTION)
    body = answer_html(at)
    assert "25 M€" in body and "14,2 M€" in body and "8 000" in body
    link = re.search(r'<a class="f2030-cite" href="#(src-[\w-]+-1)"', body)
    assert link, body
    assert f'id="{link.group(1)}"' in body  # the marker points at its source card
    assert "<mark>budget total de 25 M€, dont 14,2 M€ d&#x27;aide de l&#x27;État</mark>" in body
    assert 'href="https://www.hautsdefrance.fr/electromob/"' in body
    assert "à jour au 25 novembre 2026" in body
    # document text is escaped, never injected; "$" cannot start a formula
    assert "<script>" not in body and "<img" not in body
    assert "&lt;script&gt;" in body and "&#36;5" in body
    assert fake_assistant.calls[0]["question"] == QUESTION
    assert "Sources :" in at.code[0].value and "electromob" in at.code[0].value


def test_example_question_is_asked_when_clicked(
    fake_app: AppTest, fake_assistant: FakeAssistant
) -> None:
    at = fake_app.run()
    example = c.EXAMPLES[1][2][0]
    next(b for b in at.button if b.label == example).click().run()
    assert fake_assistant.calls[0]["question"] == example
    assert "f2030-answer" in answer_html(at)
    assert example not in [b.label for b in at.button]  # the empty state is gone


def test_filters_reach_the_assistant_and_are_shown(
    fake_app: AppTest, fake_assistant: FakeAssistant
) -> None:
    at = fake_app.run()
    at.sidebar.multiselect[0].select("Hauts-de-France").run()
    at.sidebar.multiselect[2].select("battena").run()
    ask(at, QUESTION)
    filters = fake_assistant.calls[-1]["filters"]
    assert filters.regions == ("Hauts-de-France",)
    assert filters.programmes == ("battena",)
    assert any(
        "région : Hauts-de-France" in cap.value and "BATTENA" in cap.value for cap in at.caption
    )


def test_follow_up_sends_the_conversation_history(
    fake_app: AppTest, fake_assistant: FakeAssistant
) -> None:
    at = ask(fake_app.run(), QUESTION)
    ask(at, "Et combien de personnes seront formées ?")
    history = fake_assistant.calls[-1]["history"]
    assert [t["role"] for t in history] == ["user", "assistant"]
    assert history[0]["content"] == QUESTION
    assert "25 M€" in history[1]["content"]
    assert len(at.chat_message) == 4


def test_feedback_reasons_and_comment_are_stored(
    fake_app: AppTest, feedback_store: FeedbackStore
) -> None:
    at = ask(fake_app.run(), QUESTION)
    at.feedback[0].set_value(1).run()  # 👍: stored at once, nothing more asked
    [row] = feedback_store.rows()
    assert (row.rating, row.question, row.cited_ids, row.site) == (
        1,
        QUESTION,
        ("electromob",),
        "chat",
    )
    assert "25 M€" in row.answer and row.comment is None and not at.radio
    at.feedback[0].set_value(0).run()  # changed to 👎: the reasons come first
    assert [r.rating for r in feedback_store.rows()] == [-1]
    [reasons] = at.radio
    assert list(reasons.options) == list(REASONS.values())  # the French labels
    reasons.set_value("chiffre_faux")
    at.text_input[0].input("Le budget a changé. Écrivez-moi : jean@exemple.fr")
    next(b for b in at.button if b.label == "Envoyer").click().run()
    [row] = feedback_store.rows()
    assert (row.rating, row.reason) == (-1, "chiffre_faux")
    assert row.comment == "Le budget a changé. Écrivez-moi : [courriel masqué]"
    assert any("Merci pour votre avis" in cap.value for cap in at.caption) and not at.radio
    at.feedback[0].set_value(None).run()  # rating cleared: the row goes
    assert feedback_store.rows() == []


def test_chat_answers_are_in_the_question_log(fake_app: AppTest, question_log: QuestionLog) -> None:
    import sqlalchemy as sa

    from assistant.feedback.database import open_engine
    from assistant.feedback.schema import questions

    ask(fake_app.run(), "Je m'appelle Jean Dupont : quel est le budget d'Electro'Mob ?")
    ask(fake_app, "Un programme inconnu ?")
    assert question_log.flush(10)
    with open_engine(question_log.url).connect() as conn:
        rows = conn.execute(sa.select(questions).order_by(questions.c.id)).mappings().all()
    assert [(r["site"], r["answerable"], r["refusal"]) for r in rows] == [
        ("chat", True, None),
        ("chat", False, "not_found"),
    ]
    assert rows[0]["question"] == "Je m'appelle [nom masqué] : quel est le budget d'Electro'Mob ?"
    assert rows[0]["cited_ids"] == ["electromob"]


def test_comparison_is_shown_as_a_table(fake_app: AppTest) -> None:
    at = ask(fake_app.run(), "Compare les budgets d'Electro'Mob et de BATTENA")
    table = next(b for b in html_bodies(at) if "f2030-table" in b)
    assert '<th scope="col">Budget total</th>' in table
    assert "<td>25 M€</td>" in table and "<td>n.c.</td>" in table


def test_unanswerable_question_has_no_sources(fake_app: AppTest) -> None:
    at = ask(fake_app.run(), "Un programme inconnu ?")
    assert "Je n&#x27;ai pas trouvé" in answer_html(at)
    assert "f2030-sources" not in answer_html(at)


def test_unexpected_error_is_a_french_message_without_traceback(
    fake_app: AppTest, caplog: pytest.LogCaptureFixture
) -> None:
    at = ask(fake_app.run(), "boom")
    assert [e.value for e in at.error] == [c.GENERIC_ERROR]
    assert not at.exception
    assert "unexpected error" in caplog.text
    ask(at, QUESTION)  # the conversation goes on
    assert "25 M€" in answer_html(at)


def test_loading_error_is_shown_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import services

    def broken() -> Any:
        raise EmptyIndexError("collection 'france2030' is empty")

    monkeypatch.setattr(services, "get_assistant", broken)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [EmptyIndexError.default_user_message]


def test_new_conversation_clears_the_history(fake_app: AppTest) -> None:
    at = ask(fake_app.run(), QUESTION)
    assert len(at.chat_message) == 2
    at.sidebar.button(key="new_conversation").click().run()
    assert len(at.chat_message) == 0
    assert c.EXAMPLES[0][2][0] in [b.label for b in at.button]


def test_embed_mode_is_compact(fake_app: AppTest, fake_assistant: FakeAssistant) -> None:
    fake_app.context = {"is_embedded": True}  # what `?embed=true` sets
    at = fake_app.run()
    assert not at.exception
    assert len(at.sidebar.multiselect) == 0 and len(at.title) == 0
    assert at.expander[0].label == "Filtres et nouvelle conversation"
    assert any("stHeader" in el.proto.body for el in at.get("html"))  # the hiding CSS
    at.multiselect[0].select("Hauts-de-France").run()
    ask(at, QUESTION)
    assert fake_assistant.calls[-1]["filters"].regions == ("Hauts-de-France",)
    assert "f2030-card" in answer_html(at)


def test_hostile_question_is_escaped(fake_app: AppTest) -> None:
    at = ask(fake_app.run(), HOSTILE)
    assert all("<script>" not in body for body in html_bodies(at))
    # the only scripts are the page's constant scroll script, run once per new answer
    scripts = [el.proto for el in at.get("html") if el.proto.unsafe_allow_javascript]
    assert scripts and all(SCROLL_SCRIPT.fullmatch(s.body) for s in scripts)


def test_a_too_long_question_gets_only_its_error(fake_app: AppTest) -> None:
    at = ask(fake_app.run(), QUESTION)
    at = ask(at, "x" * 2500)
    last = at.chat_message[-1]
    assert [e.value for e in last.error] == [FakeAssistant.TOO_LONG]
    shown = [h.proto.body for h in last.get("html") if not SCROLL_SCRIPT.fullmatch(h.proto.body)]
    assert shown == [] and not last.get("feedback")  # no answer, sources, rating


# --- with the real assistant and index -----------------------------------------------------


@pytest.fixture
def real_app(indexed: None) -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=180)


@pytest.mark.slow
def test_real_ask_gives_a_cited_answer(real_app: AppTest) -> None:
    at = ask(real_app.run(), QUESTION)
    assert not at.error, [e.value for e in at.error]
    body = answer_html(at)
    assert "25 M€" in body
    assert re.search(r'href="#src-[\w-]+-\d+"', body) and "f2030-card" in body
    assert "<mark>" in body and "à jour au" in body


@pytest.mark.slow
def test_real_filter_restricts_the_sources(real_app: AppTest) -> None:
    at = real_app.run()
    at.sidebar.multiselect[0].select("Nouvelle-Aquitaine").run()
    ask(at, "Quel programme forme aux batteries ?")
    body = answer_html(at)
    assert not at.error, [e.value for e in at.error]
    assert "BATTENA" in body or "f2030-card" not in body
    assert "Electro&#x27;Mob" not in body


@pytest.mark.slow
def test_real_follow_up_uses_the_history(real_app: AppTest) -> None:
    at = ask(real_app.run(), "Qu'est-ce que le projet Electro'Mob ?")
    ask(at, "Quel est son budget ?")
    assert not at.error, [e.value for e in at.error]
    last = [b for b in html_bodies(at) if "f2030-answer" in b][-1]
    assert "25 M€" in last, last


@pytest.mark.slow
def test_real_feedback_is_stored_in_the_data_folder(real_app: AppTest) -> None:
    from assistant.feedback import default_store

    store = default_store()
    before = {r.id for r in store.rows()}
    at = ask(real_app.run(), QUESTION)
    at.feedback[0].set_value(0).run()  # 👎
    created = [r for r in store.rows() if r.id not in before]
    try:
        assert len(created) == 1
        row = created[0]
        assert (row.rating, row.question) == (-1, QUESTION)
        assert "electromob" in row.cited_ids and "25 M€" in row.answer
    finally:
        store.delete([r.id for r in created])
