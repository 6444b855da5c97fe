"""The operators' dashboard in Debian's Chromium: refused without the right token, then
a logged question with its site and a 👎 reason are on the page (real Streamlit server,
real SQLite file in a temporary folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dashboard_data import COMMENT, REFUSED_QUESTION, SITE, fill

from assistant.feedback.database import forget_engine, sqlite_url
from ui.servers import dashboard_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "jeton-navigateur-9876543210"


def test_dashboard_refuses_then_shows_questions_and_reasons(browser: Any, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "ops.sqlite3")
    fill(url)
    forget_engine(url)
    env = {"ASSISTANT_DATABASE_URL": url, "ASSISTANT_DASHBOARD_TOKEN": TOKEN}
    with dashboard_server(tmp_path / "streamlit.log", **env) as dashboard:
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
        page.goto(dashboard)
        field = page.get_by_label("Jeton d'accès")
        field.wait_for(timeout=60_000)
        field.fill("pas-le-bon")
        page.get_by_role("button", name="Ouvrir le tableau de bord").click()
        page.get_by_text("Jeton refusé.").wait_for(timeout=30_000)
        assert page.get_by_text(REFUSED_QUESTION).count() == 0
        field.fill(TOKEN)
        page.get_by_role("button", name="Ouvrir le tableau de bord").click()
        page.get_by_text("Questions sans réponse les plus fréquentes").wait_for(timeout=30_000)
        # st.dataframe draws on a canvas, then fills an accessible grid with its cells.
        cell = '[data-testid="stDataFrame"] [role="gridcell"]'
        page.locator(cell, has_text=COMMENT).first.wait_for(state="attached", timeout=30_000)
        body = page.locator("body").inner_text()
        for expected in (
            "Réponses jugées pas utiles",
            "Taux de refus",
            "Programmes les plus cités",
        ):
            assert expected in body
        cells = page.locator(cell).all_text_contents()
        shown = " ".join(cells)
        assert REFUSED_QUESTION in shown and SITE in shown and "Chiffre faux" in shown
        assert COMMENT in shown
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        page.close()
