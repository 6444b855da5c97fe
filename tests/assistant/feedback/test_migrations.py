"""The chat's feedback database of before (made exactly as assistant/feedback.py made it)
is migrated in place, without losing a row, and a fresh database gets the same schema."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from assistant.feedback import FeedbackStore
from assistant.feedback.database import forget_engine, sqlite_url

# The schema and the writes of assistant/feedback.py before the migrations (commit 53e5340).
LEGACY_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    cited_ids TEXT NOT NULL,
    comment TEXT
)
"""
LEGACY_ROWS = [
    ("2025-11-02T09:15:00+00:00", None, 1, "Budget d'Electro'Mob ?", "25 M€ [1]",
     '["electromob"]', None),
    ("2025-11-03T10:00:00+00:00", "2025-11-03T10:05:30+00:00", -1, "Et BATTENA ?",
     "Je n'ai pas trouvé.", "[]", "incomplet"),
    ("2025-11-04T11:00:00+00:00", None, -1, "Durée ?", "6 mois [1] [2]",
     '["ferrocampus", "ami-cma"]', "Écrivez-moi : [courriel masqué]"),
]  # fmt: skip


def make_legacy_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute(LEGACY_SCHEMA)
        conn.executemany(
            "INSERT INTO feedback (created_at, updated_at, rating, question, answer, cited_ids,"
            " comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
            LEGACY_ROWS,
        )
        conn.execute("DELETE FROM feedback WHERE id = 2")  # a gap in the ids, as in real use
        conn.execute(
            "INSERT INTO feedback (created_at, updated_at, rating, question, answer, cited_ids,"
            " comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
            LEGACY_ROWS[1],
        )
    # closed: sqlite3's context manager only commits


def test_legacy_feedback_is_migrated_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    make_legacy_database(path)
    store = FeedbackStore(path)
    try:
        rows = store.rows()
        assert [r.id for r in rows] == [1, 3, 4]
        first, third, second = rows
        assert first.created_at == datetime(2025, 11, 2, 9, 15, tzinfo=UTC)
        assert (first.rating, first.question, first.answer, first.cited_ids) == (
            1,
            "Budget d'Electro'Mob ?",
            "25 M€ [1]",
            ("electromob",),
        )
        assert third.cited_ids == ("ferrocampus", "ami-cma")
        assert third.comment == "Écrivez-moi : [courriel masqué]"
        assert second.updated_at == datetime(2025, 11, 3, 10, 5, 30, tzinfo=UTC)
        assert {r.site for r in rows} == {"chat"} and {r.answer_id for r in rows} == {None}
        # and the migrated database takes new rows, after the old ids
        new_id = store.submit("f" * 32, -1, reason="hors_sujet", site="region.example")
        assert new_id > 4 and len(store.rows()) == 4
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"feedback", "questions"} <= tables and "feedback_v2" not in tables
    finally:
        forget_engine(sqlite_url(path))


def _columns(path: Path) -> dict[str, list[tuple[str, str, int]]]:
    with sqlite3.connect(path) as conn:
        return {
            table: [(r[1], r[2], r[3]) for r in conn.execute(f"PRAGMA table_info({table})")]
            for table in ("feedback", "questions")
        }


def test_fresh_and_migrated_databases_have_the_same_schema(tmp_path: Path) -> None:
    legacy, fresh = tmp_path / "legacy.sqlite3", tmp_path / "fresh.sqlite3"
    make_legacy_database(legacy)
    for path in (legacy, fresh):
        FeedbackStore(path).rows()
        forget_engine(sqlite_url(path))
    assert _columns(legacy) == _columns(fresh)
    names = [c[0] for c in _columns(fresh)["questions"]]
    assert "ip" not in " ".join(names) and "user" not in " ".join(names)


def test_replicas_starting_together_on_postgresql_migrate_once_and_share_rows(
    new_postgres_database: str,
) -> None:
    """Three processes open one new PostgreSQL database at the same time (as API replicas
    do when they start): the schema is migrated once, and each one's feedback lands there."""
    import subprocess
    import sys

    url = new_postgres_database
    script = (
        "import sys; from assistant.feedback import FeedbackStore; "
        "FeedbackStore(sys.argv[1]).submit(sys.argv[2], -1, reason='incomplet', site='api')"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, url, f"{i:032x}"]) for i in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    rows = FeedbackStore(url).rows()
    assert sorted(r.answer_id for r in rows) == [f"{i:032x}" for i in range(3)]  # type: ignore[type-var]
