"""The SQLite feedback store: record, update, export, no personal data."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from assistant import FeedbackError
from assistant.feedback import CSV_COLUMNS, FeedbackStore, scrub


def test_record_and_read_back(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    first = store.record("Budget ?", "25 M€ [1]", ["electromob", "electromob", "ami-cma"], 1)
    second = store.record("Et ?", "Je n'ai pas trouvé.", [], -1, comment="  incomplet  ")
    assert (first, second) == (1, 2)
    rows = store.rows()
    assert [r.rating for r in rows] == [1, -1]
    assert rows[0].cited_ids == ("electromob", "ami-cma")
    assert rows[1].comment == "incomplet" and rows[1].created_at.endswith("+00:00")


def test_update_and_delete(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    row_id = store.record("Q", "A", ["x"], 1)
    assert store.update(row_id, rating=-1, comment="faux")
    row = store.get(row_id)
    assert row is not None and (row.rating, row.comment) == (-1, "faux") and row.updated_at
    assert not store.update(999, rating=1)
    assert store.delete([row_id]) == 1 and store.get(row_id) is None


def test_rating_is_plus_or_minus_one(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    with pytest.raises(ValueError):
        store.record("Q", "A", [], 0)


def test_no_personal_data_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    store.record(
        "Je suis marie.dupont@example.org, tél. 06 12 34 56 78 : quelle formation ?",
        "A",
        [],
        1,
        comment="Rappelez-moi au +33 6 12 34 56 78",
    )
    row = store.rows()[0]
    assert "@" not in row.question and "06 12" not in row.question
    assert "[courriel masqué]" in row.question and "[téléphone masqué]" in row.question
    assert row.comment == "Rappelez-moi au [téléphone masqué]"
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(feedback)")}
    assert columns == {
        "id",
        "created_at",
        "updated_at",
        "rating",
        "question",
        "answer",
        "cited_ids",
        "comment",
    }
    assert scrub("budget de 25 000 000 € en 2030") == "budget de 25 000 000 € en 2030"


def test_export_csv(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record("Budget d'Electro'Mob ?", "25 M€, « cité » [1]", ["electromob"], 1)
    store.record('=HYPERLINK("http://x")', "A", ["a", "b"], -1, comment="-1 point")
    out = io.StringIO()
    assert store.export_csv(out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][3:7] == ["1", "Budget d'Electro'Mob ?", "25 M€, « cité » [1]", "electromob"]
    assert rows[2][4] == '\'=HYPERLINK("http://x")'  # no formula in a spreadsheet
    assert rows[2][6:8] == ["a;b", "'-1 point"]
    empty = io.StringIO()
    assert FeedbackStore(tmp_path / "empty.sqlite3").export_csv(empty) == 0
    assert empty.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_unwritable_database_is_a_feedback_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = FeedbackStore(blocker / "feedback.sqlite3")  # parent is a file
    with pytest.raises(FeedbackError) as info:
        store.record("Q", "A", [], 1)
    assert "avis" in info.value.user_message
