"""The operators' dashboard under AppTest: disabled without a token, refused with a wrong
one, and with the right one the logged questions, their sites and the 👎 reasons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_data import COMMENT, REFUSED_QUESTION, SITE, THUMBS_DOWN_QUESTION, fill
from streamlit.testing.v1 import AppTest
from ui_fakes import ROOT

from assistant import get_settings
from assistant.feedback.database import forget_engine, sqlite_url
from ui import dashboard

PAGE = ROOT / "ui" / "pages" / "dashboard.py"
TOKEN = "jeton-de-test-0123456789"


@pytest.fixture
def ops_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = sqlite_url(tmp_path / "ops.sqlite3")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    monkeypatch.delenv("ASSISTANT_DASHBOARD_TOKEN", raising=False)
    get_settings.cache_clear()
    fill(url)
    yield url
    get_settings.cache_clear()
    forget_engine(url)


def page() -> AppTest:
    return AppTest.from_file(str(PAGE), default_timeout=30).run()


def texts(at: AppTest) -> str:
    frames = " ".join(df.value.to_csv() for df in at.dataframe)
    return " ".join([*(m.value for m in at.markdown), frames])


def test_without_a_configured_token_the_dashboard_is_disabled(ops_env: str) -> None:
    at = page()
    assert not at.exception
    assert [i.value for i in at.info] == [dashboard.DISABLED]
    assert not at.text_input and not at.dataframe


def test_a_wrong_token_is_refused(ops_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DASHBOARD_TOKEN", TOKEN)
    get_settings.cache_clear()
    at = page()
    at.text_input[0].input("mauvais-jeton")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [dashboard.REFUSED]
    assert not at.dataframe and REFUSED_QUESTION not in texts(at)


def test_the_right_token_shows_questions_sites_and_reasons(
    ops_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_DASHBOARD_TOKEN", TOKEN)
    get_settings.cache_clear()
    at = page()
    at.text_input[0].input(TOKEN)
    at.button[0].click().run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Questions"] == "4" and metrics["Taux de refus"] == "50%"
    assert metrics["Avis négatifs"] == "1" and metrics["Latence p50"] == "420 ms"
    shown = texts(at)
    assert REFUSED_QUESTION in shown and SITE in shown and "Chiffre faux" in shown
    assert THUMBS_DOWN_QUESTION in shown and COMMENT in shown
    [grouped] = [df.value for df in at.dataframe if "fois" in df.value.columns]
    assert grouped.iloc[0]["fois"] == 2  # the two far-breton wordings are one group
    at.selectbox[0].select("chat").run()  # one site only
    assert {m.label: m.value for m in at.metric}["Questions"] == "1"
    assert REFUSED_QUESTION not in texts(at)
