"""The operators' dashboard (``/dashboard`` of the chat server; page: ui/pages/dashboard.py).

Protected by ``ASSISTANT_DASHBOARD_TOKEN`` (no token configured: the page says it is
disabled; a wrong token is refused). For one site and one period it shows questions per
day, the refusal rate, the most frequent unanswered questions (grouped lexically, see
:mod:`assistant.feedback.report`), the 👎 answers with their reasons, latency percentiles
and the most cited programmes, with CSV downloads. It reads the operators' database only:
no model, no index is loaded.
"""

from __future__ import annotations

import csv
import hmac
import io
import logging
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

import pandas as pd
import streamlit as st

from assistant import AssistantError, get_settings
from assistant.bench.stats import percentile
from assistant.feedback import database_url, open_engine, reason_label, store_for
from assistant.feedback.export import csv_safe
from assistant.feedback.report import (
    Period,
    feedback_rows,
    group_similar,
    question_rows,
    sites,
)

log = logging.getLogger("assistant.ui")

TITLE = "Tableau de bord des opérateurs"
DISABLED = (
    "Le tableau de bord est désactivé : l'administrateur doit définir "
    "ASSISTANT_DASHBOARD_TOKEN pour l'ouvrir."
)
REFUSED = "Jeton refusé."
ALL_SITES = "Tous les sites"
REFUSAL_LABELS = {
    "missing_attribute": "Information absente de la fiche",
    "false_premise": "Prémisse fausse corrigée",
    "not_found": "Aucun document",
    "other": "Autre refus",
}


# --- access ------------------------------------------------------------------------------


def _token() -> str | None:
    secret = get_settings().dashboard_token
    value = secret.get_secret_value() if secret is not None else ""
    return value or None


def _check_token() -> None:
    """The login form's callback: compares the typed token (constant time), forgets it."""
    typed = str(st.session_state.get("dashboard_token") or "")
    expected = _token() or ""
    ok = bool(expected) and hmac.compare_digest(typed.encode(), expected.encode())
    st.session_state.dashboard_token = ""
    st.session_state.dashboard_ok = ok
    st.session_state.dashboard_refused = not ok
    if not ok:
        log.warning("dashboard: wrong token")
        time.sleep(1.0)  # slows guessing down


def authorised() -> bool:
    """The token form; True once the right token was given in this session."""
    if st.session_state.get("dashboard_ok"):
        return True
    with st.form("dashboard-login"):
        st.text_input("Jeton d'accès", type="password", key="dashboard_token")
        st.form_submit_button("Ouvrir le tableau de bord", on_click=_check_token)
    if st.session_state.pop("dashboard_refused", False):
        st.error(REFUSED)
    return False


# --- tables --------------------------------------------------------------------------------


def questions_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The logged questions as shown and exported."""
    return pd.DataFrame(
        [
            {
                "date": r["asked_at"].strftime("%Y-%m-%d %H:%M"),
                "site": r["site"],
                "question": r["question"],
                "répondue": "oui" if r["answerable"] else "non",
                "refus": REFUSAL_LABELS.get(r["refusal"] or "", ""),
                "sources": ", ".join(r["cited_ids"] or []),
                "latence (ms)": r["latency_ms"],
            }
            for r in rows
        ],
        columns=["date", "site", "question", "répondue", "refus", "sources", "latence (ms)"],
    )


def feedback_frame(rows: Sequence[Any]) -> pd.DataFrame:
    """The 👎 rows with their reasons."""
    return pd.DataFrame(
        [
            {
                "date": r.created_at.strftime("%Y-%m-%d %H:%M"),
                "site": r.site,
                "question": r.question,
                "motif": reason_label(r.reason) or "—",
                "commentaire": r.comment or "",
                "sources": ", ".join(r.cited_ids),
            }
            for r in rows
            if r.rating == -1
        ],
        columns=["date", "site", "question", "motif", "commentaire", "sources"],
    )


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV for spreadsheets (UTF-8 with BOM, no formula cells)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([csv_safe(v) if isinstance(v, str) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


# --- the page ------------------------------------------------------------------------------


def _period() -> Period:
    engine = open_engine(database_url(get_settings()))
    today = datetime.now(UTC).date()
    left, right = st.columns(2)
    with left:
        chosen = st.date_input(
            "Période",
            value=(today - timedelta(days=29), today),
            max_value=today,
            format="DD/MM/YYYY",
        )
    with right:
        site = st.selectbox("Site", [ALL_SITES, *sites(engine)])
    start, end = chosen if isinstance(chosen, tuple) and len(chosen) == 2 else (today, today)
    assert isinstance(start, date) and isinstance(end, date)
    return Period(
        start=datetime.combine(start, dtime.min, UTC),
        end=datetime.combine(end + timedelta(days=1), dtime.min, UTC),
        site=None if site == ALL_SITES else site,
    )


def _overview(asked: list[dict[str, Any]], rated: list[Any]) -> None:
    refused = [r for r in asked if not r["answerable"]]
    latencies = [float(r["latency_ms"]) for r in asked]
    cols = st.columns(6)
    cols[0].metric("Questions", len(asked))
    cols[1].metric("Taux de refus", f"{len(refused) / len(asked):.0%}" if asked else "—")
    cols[2].metric("Avis négatifs", sum(1 for r in rated if r.rating == -1))
    for col, (name, q) in zip(cols[3:], (("p50", 0.5), ("p90", 0.9), ("p99", 0.99)), strict=True):
        col.metric(f"Latence {name}", f"{percentile(latencies, q):.0f} ms" if latencies else "—")
    if not asked:
        return
    days = pd.DataFrame(
        {
            "jour": [r["asked_at"].strftime("%Y-%m-%d") for r in asked],
            "répondues": [1 if r["answerable"] else 0 for r in asked],
            "refusées": [0 if r["answerable"] else 1 for r in asked],
        }
    )
    per_day = days.groupby("jour").sum()
    left, right = st.columns(2)
    with left:
        st.subheader("Questions par jour")
        st.bar_chart(per_day, color=["#000091", "#E1000F"], stack=True)
    with right:
        st.subheader("Taux de refus par jour")
        rate = per_day["refusées"] / (per_day["répondues"] + per_day["refusées"])
        st.bar_chart((rate * 100).round(1).rename("refus (%)"), color="#E1000F")


def _unanswered(asked: list[dict[str, Any]]) -> None:
    refused = [r for r in asked if not r["answerable"]]
    st.subheader("Questions sans réponse les plus fréquentes")
    st.caption("Regroupées par mots en commun (regroupement lexical : pas de synonymes).")
    if not refused:
        st.write("Aucune question sans réponse sur la période.")
        return
    kinds = Counter(REFUSAL_LABELS.get(r["refusal"] or "", "Autre refus") for r in refused)
    left, right = st.columns([2, 1])
    with left:
        groups = group_similar([r["question"] for r in refused])[:20]
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "question": g.label,
                        "fois": g.count,
                        "autres formulations": " | ".join(g.variants),
                    }
                    for g in groups
                ]
            ),
            hide_index=True,
        )
    with right:
        st.bar_chart(pd.Series(kinds, name="refus").sort_values(ascending=False), horizontal=True)


def _thumbs_down(rated: list[Any]) -> None:
    st.subheader("Réponses jugées pas utiles et leurs motifs")
    frame = feedback_frame(rated)
    if frame.empty:
        st.write("Aucun avis négatif sur la période.")
        return
    left, right = st.columns([1, 2])
    with left:
        st.bar_chart(frame["motif"].value_counts().rename("avis"), horizontal=True)
    with right:
        st.dataframe(frame, hide_index=True)
    st.download_button(
        "Télécharger les avis négatifs (CSV)",
        to_csv(frame),
        file_name="avis-negatifs.csv",
        mime="text/csv",
    )


def _sources(asked: list[dict[str, Any]]) -> None:
    cited = Counter(doc for r in asked for doc in (r["cited_ids"] or []))
    st.subheader("Programmes les plus cités")
    if not cited:
        st.write("Aucune source citée sur la période.")
        return
    top = pd.Series(dict(cited.most_common(15)), name="citations")
    st.bar_chart(top.sort_values(ascending=False), horizontal=True)


def main() -> None:
    st.set_page_config(page_title=f"{TITLE} — Assistant France 2030", page_icon="📊", layout="wide")
    st.title(TITLE)
    if _token() is None:
        st.info(DISABLED)
        return
    if not authorised():
        return
    try:
        period = _period()
        asked = question_rows(open_engine(database_url(get_settings())), period)
        rated = feedback_rows(store_for(get_settings()), period)
    except AssistantError as exc:
        log.error("dashboard: %s", exc)
        st.error("La base des questions est indisponible : réessayez plus tard.")
        return
    _overview(asked, rated)
    _unanswered(asked)
    _thumbs_down(rated)
    _sources(asked)
    st.subheader("Toutes les questions de la période")
    frame = questions_frame(asked)
    st.dataframe(frame, hide_index=True)
    st.download_button(
        "Télécharger les questions (CSV)",
        to_csv(frame),
        file_name="questions.csv",
        mime="text/csv",
    )
