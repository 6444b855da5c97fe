"""The question log: scrubbed lines written by a background writer, retention, exports."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from assistant.answer import NOT_FOUND, Answer, Citation, Filters
from assistant.feedback import FeedbackStore, LoggedQuestion, QuestionLog, export_qa, purge
from assistant.feedback.database import open_engine
from assistant.feedback.questions import refusal_kind
from assistant.feedback.schema import feedback, questions


def cited(doc_id: str) -> Citation:
    return Citation(1, doc_id, doc_id, None, "q", f"{doc_id}-1", 0, 1, "q")


def answered() -> Answer:
    return Answer("25 M€ [1]", True, [cited("electromob"), cited("electromob")], 0.9)


def refused(text: str = NOT_FOUND) -> Answer:
    return Answer(text, False, [], 0.1)


def test_refusal_kinds_are_read_from_what_the_answer_says() -> None:
    assert refusal_kind(answered()) is None
    assert refusal_kind(refused(f"{NOT_FOUND}\n\nAdressez-vous à…")) == "not_found"
    assert refusal_kind(refused("La fiche « BATTENA » ne précise pas le budget total.")) == (
        "missing_attribute"
    )
    premise = "Electro'Mob est mené dans les Hauts-de-France, pas en Bretagne. Le projet…"
    assert refusal_kind(refused(premise)) == "false_premise"


def test_a_line_is_written_scrubbed_by_the_writer_thread(db_url: str) -> None:
    log = QuestionLog(db_url)
    answer = answered()
    line = LoggedQuestion.of(
        answer,
        "Je m'appelle Léa Martin (06 12 34 56 78) : budget d'Electro'Mob ?",
        site="www.hautsdefrance.fr",
        filters=Filters(regions=("Hauts-de-France",)),
        latency_ms=412.6,
        index_version="2026-01-05",
    )
    assert log.record(line)
    assert log.flush(10)
    log.close()
    with open_engine(db_url).connect() as conn:
        [row] = conn.execute(sa.select(questions)).mappings().all()
    assert (
        row["question"] == "Je m'appelle [nom masqué] ([téléphone masqué]) : budget d'Electro'Mob ?"
    )
    assert (row["site"], row["answerable"], row["refusal"]) == ("www.hautsdefrance.fr", True, None)
    assert row["cited_ids"] == ["electromob"] and row["latency_ms"] == 413
    assert row["filters"]["regions"] == ["Hauts-de-France"] and row["answer_id"] == answer.answer_id
    assert row["asked_at"].microsecond == 0 and row["index_version"] == "2026-01-05"
    assert log.counts() == {"written": 1, "dropped": 0, "pending": 0, "purged": 0}


def test_an_unreachable_database_drops_lines_and_counts_them(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    log = QuestionLog(f"sqlite:///{blocker}/feedback.sqlite3")  # parent is a file
    assert log.record(LoggedQuestion.of(refused(), "Q ?", site="api"))
    assert log.flush(20)
    assert log.counts()["dropped"] == 1 and log.counts()["written"] == 0
    log.close()  # its writer would log the failed purge after the test's output is closed


def test_a_full_queue_drops_instead_of_waiting(db_url: str) -> None:
    log = QuestionLog(db_url, max_pending=1, enabled=True)
    log._thread = object()  # type: ignore[assignment]  # no writer: the queue cannot drain
    assert log.record(LoggedQuestion.of(answered(), "Q1", site="api"))
    assert not log.record(LoggedQuestion.of(answered(), "Q2", site="api"))
    assert log.counts()["dropped"] == 1 and log.counts()["pending"] == 1


def test_retention_purges_old_rows_and_keeps_recent_ones(db_url: str) -> None:
    engine = open_engine(db_url)
    now = datetime.now(UTC)
    store = FeedbackStore(db_url)
    for days, answer_id in ((91, "a" * 32), (89, "b" * 32), (1, "c" * 32)):
        line = LoggedQuestion.of(answered(), f"Q {days}", site="api")
        row = {**line.__dict__, "answer_id": answer_id, "asked_at": now - timedelta(days=days)}
        with engine.begin() as conn:
            conn.execute(questions.insert(), [row])
        store.submit(answer_id, -1, reason="incomplet")
    with engine.begin() as conn:  # feedback made 91 days ago
        conn.execute(
            feedback.update()
            .where(feedback.c.answer_id == "a" * 32)
            .values(created_at=now - timedelta(days=91))
        )
    report = purge(engine, 90)
    assert (report.questions, report.feedback) == (1, 1)
    with engine.connect() as conn:
        kept = sorted(conn.execute(sa.select(questions.c.question)).scalars())
    assert kept == ["Q 1", "Q 89"]
    assert sorted(r.answer_id for r in store.rows()) == ["b" * 32, "c" * 32]  # type: ignore[type-var]


def test_the_writer_purges_when_it_starts(db_url: str) -> None:
    engine = open_engine(db_url)
    old = LoggedQuestion.of(answered(), "ancienne", site="api")
    with engine.begin() as conn:
        conn.execute(
            questions.insert(), [{**old.__dict__, "asked_at": old.asked_at - timedelta(days=10)}]
        )
    log = QuestionLog(db_url, retention_days=7)
    log.record(LoggedQuestion.of(answered(), "récente", site="api"))
    assert log.flush(10)
    log.close()
    with engine.connect() as conn:
        assert list(conn.execute(sa.select(questions.c.question)).scalars()) == ["récente"]
    assert log.counts()["purged"] == 1


def test_unanswered_and_thumbs_down_questions_export_as_unreviewed_qa_lines(db_url: str) -> None:
    log = QuestionLog(db_url)
    refusal = refused("La fiche « BATTENA » ne précise pas le budget total.")
    good = answered()
    for answer, question in (
        (refusal, "Quel est le budget de BATTENA ?"),
        (refused(), "quel est le budget de battena ?"),  # the same question: one line
        (good, "Quel est le budget d'Electro'Mob ? Réponse à a@b.fr"),
        (answered(), "Qui porte Electro'Mob ?"),
    ):
        log.record(LoggedQuestion.of(answer, question, site="region.example"))
    assert log.flush(10)
    log.close()
    store = FeedbackStore(db_url)
    store.submit(good.answer_id, -1, reason="chiffre_faux", site="region.example")
    out = io.StringIO()
    assert export_qa(store, out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["question"] for line in lines] == [
        "Quel est le budget de BATTENA ?",
        "Quel est le budget d'Electro'Mob ? Réponse à [courriel masqué]",
    ]
    for line in lines:
        assert {"id", "question", "expected", "sources", "answerable", "type", "history"} <= set(
            line
        )
        assert line["reviewed"] is False and line["site"] == "region.example"
    assert (lines[0]["origin"], lines[0]["refusal"]) == ("unanswered", "missing_attribute")
    assert (lines[1]["origin"], lines[1]["reason"], lines[1]["cited"]) == (
        "thumbs_down",
        "chiffre_faux",
        ["electromob"],
    )
