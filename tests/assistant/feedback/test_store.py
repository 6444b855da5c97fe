"""Feedback rows: one per answer, replaced by a second rating, scrubbed, exported as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from assistant import FeedbackError
from assistant.feedback import CSV_COLUMNS, FeedbackStore, export_csv

A1, A2 = "a" * 32, "0123456789abcdef" * 2


def test_chat_feedback_is_stored_with_its_question_and_sources(store: FeedbackStore) -> None:
    row_id = store.submit(
        A1,
        1,
        site="chat",
        question="Budget ?",
        answer="25 M€ [1]",
        cited_ids=["electromob", "electromob", "ami-cma"],
    )
    row = store.get(A1)
    assert row is not None and row.id == row_id
    assert (row.rating, row.site, row.question, row.answer) == (1, "chat", "Budget ?", "25 M€ [1]")
    assert row.cited_ids == ("electromob", "ami-cma")
    assert row.created_at.tzinfo is not None and row.updated_at is None


def test_a_second_rating_replaces_the_first(store: FeedbackStore) -> None:
    first = store.submit(A1, 1, site="chat", question="Q", answer="A")
    second = store.submit(A1, -1, reason="chiffre_faux", comment="  le budget est faux  ")
    assert first == second
    [row] = store.rows()
    assert (row.rating, row.reason, row.comment) == (-1, "chiffre_faux", "le budget est faux")
    assert row.question == "Q" and row.updated_at is not None  # kept from the chat's row
    store.submit(A1, 1, reason="incomplet")
    assert store.get(A1).reason is None  # type: ignore[union-attr]  # a 👍 has no reason
    assert store.withdraw(A1) and store.get(A1) is None and not store.withdraw(A1)


@pytest.mark.parametrize(
    ("answer_id", "rating", "reason"),
    [("x" * 32, 1, None), (A1[:31], 1, None), (A1, 0, None), (A1, -1, "mauvais")],
)
def test_invalid_values_are_refused(
    store: FeedbackStore, answer_id: str, rating: int, reason: str | None
) -> None:
    with pytest.raises(ValueError):
        store.submit(answer_id, rating, reason=reason)
    assert store.rows() == []


def test_no_personal_data_is_stored(store: FeedbackStore) -> None:
    store.submit(
        A1,
        -1,
        reason="autre",
        site="chat",
        question="Je suis marie.dupont@example.org, tél. 06 12 34 56 78 : quelle formation ?",
        answer="A",
        comment="Je m'appelle Marie Dupont, rappelez-moi au +33 6 12 34 56 78 " + "x" * 600,
    )
    row = store.rows()[0]
    assert "@" not in row.question and "06 12" not in row.question
    assert "[courriel masqué]" in row.question and "[téléphone masqué]" in row.question
    assert row.comment is not None and len(row.comment) == 500
    assert row.comment.startswith("Je m'appelle [nom masqué], rappelez-moi au [téléphone masqué]")


def test_export_csv(store: FeedbackStore, tmp_path: Path) -> None:
    store.submit(A1, 1, site="chat", question="Budget d'Electro'Mob ?", answer="25 M€ [1]",
                 cited_ids=["electromob"])  # fmt: skip
    store.submit(
        A2,
        -1,
        reason="information_perimee",
        site="chat",
        question='=HYPERLINK("http://x")',
        answer="A",
        cited_ids=["a", "b"],
        comment="-1 point",
    )
    out = io.StringIO()
    assert export_csv(store, out) == 2
    rows = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in csv.reader(io.StringIO(out.getvalue()))]
    assert tuple(rows[0].values()) == CSV_COLUMNS
    assert (rows[1]["rating"], rows[1]["question"], rows[1]["cited_ids"]) == (
        "1",
        "Budget d'Electro'Mob ?",
        "electromob",
    )
    assert rows[2]["question"] == '\'=HYPERLINK("http://x")'  # no formula in a spreadsheet
    assert (rows[2]["reason"], rows[2]["cited_ids"], rows[2]["comment"]) == (
        "Information périmée",
        "a;b",
        "'-1 point",
    )
    empty = io.StringIO()
    assert export_csv(FeedbackStore(tmp_path / "empty.sqlite3"), empty) == 0
    assert empty.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_unwritable_database_is_a_feedback_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = FeedbackStore(blocker / "feedback.sqlite3")  # parent is a file
    with pytest.raises(FeedbackError) as info:
        store.submit(A1, 1)
    assert "avis" in info.value.user_message
