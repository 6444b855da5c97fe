"""The ``assistant`` command: the public JSON shape of ``ask``, ``eval`` reports, and French
errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assistant import Assistant, cli

if TYPE_CHECKING:
    from assistant import Settings

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("assistant")
DEV_SET = ROOT / "corpus" / "qa" / "tune.jsonl"

#: Keys other tools read from `assistant ask --json` (extra keys may be added, never removed).
ANSWER_KEYS = {"answer", "answerable", "citations", "confidence"}
CITATION_KEYS = {"n", "id", "title", "url", "quote", "chunk_id", "start", "end", "updated"}
METRIC_KEYS = {
    "questions",
    "answer_accuracy",
    "source_hit",
    "refusal_accuracy",
    "false_refusal_rate",
    "hit@1",
    "hit@5",
    "mrr",
    "ungrounded_answers",
    "errors",
    "latency_ms_p50",
    "latency_ms_p95",
    "by_type",
}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def cli_uses(monkeypatch: pytest.MonkeyPatch, indexed_assistant: Assistant) -> Assistant:
    """Make the in-process CLI use the already loaded assistant (same settings, same index)."""

    def from_settings(
        cls: type[Assistant], settings: Settings | None = None, **kwargs: Any
    ) -> Assistant:
        return indexed_assistant

    monkeypatch.setattr(Assistant, "from_settings", classmethod(from_settings))
    return indexed_assistant


@pytest.mark.slow
def test_ask_json_prints_one_object_with_the_public_shape(indexed_corpus: None) -> None:
    done = run_cli("ask", "--json", "Quel est le budget d'Electro'Mob ?")
    assert done.returncode == 0, done.stderr[-2000:]
    payload = json.loads(done.stdout)  # one JSON object, nothing else on stdout
    assert payload.keys() >= ANSWER_KEYS
    assert payload["answerable"] is True
    assert "25 M€" in payload["answer"]
    assert isinstance(payload["confidence"], float) and 0 <= payload["confidence"] <= 1
    (citation,) = payload["citations"]
    assert citation.keys() >= CITATION_KEYS
    assert citation["id"] == "electromob"
    assert citation["url"] == "https://www.hautsdefrance.fr/electromob/"
    assert "25 M€" in citation["quote"]
    assert citation["end"] - citation["start"] == len(citation["quote"])
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_ask_json_of_an_off_topic_question_is_a_refusal(
    cli_uses: Assistant, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["ask", "--json", "Quelle est la recette du cassoulet ?"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["answerable"] is False and payload["citations"] == []
    assert payload["answer"].startswith("Je n'ai pas trouvé cette information")


@pytest.mark.slow
def test_ask_filters_from_the_command_line(
    cli_uses: Assistant, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        ["ask", "--json", "--region", "Nouvelle-Aquitaine", "Quel programme forme aux batteries ?"]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    cited = {c["id"] for c in payload["citations"]}
    # The regional programme, and national schemes (open to every region) at most.
    assert "battena" in cited
    regions = {r.id: r.regions for r in cli_uses.catalog.records}
    assert all("Nouvelle-Aquitaine" in regions[i] or "National" in regions[i] for i in cited)


@pytest.mark.slow
def test_ask_in_text_mode_lists_the_sources(
    cli_uses: Assistant, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["ask", "Quel est le budget d'Electro'Mob ?"]) == 0
    out = capsys.readouterr().out
    assert "25 M€. [1]" in out
    assert "Sources :" in out and "[1] Electro'Mob" in out and "à jour au 2026-11-25" in out


@pytest.mark.slow
def test_eval_writes_one_detail_line_per_question_and_the_metrics(
    cli_uses: Assistant, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    questions = DEV_SET.read_text(encoding="utf-8").splitlines()
    picked = [q for q in questions if '"p1-electromob-budget"' in q or '"unanswerable"' in q][:3]
    qa = tmp_path / "qa.jsonl"
    qa.write_text("\n".join(picked) + "\n\n", encoding="utf-8")
    details = tmp_path / "out" / "details.jsonl"
    assert cli.main(["eval", "--qa", str(qa), "--json", "--details", str(details)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report.keys() >= METRIC_KEYS
    assert report["questions"] == 3 and report["file"] == str(qa)
    rows = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [json.loads(q)["id"] for q in picked]
    assert {"answer", "answerable", "correct", "source_hit", "cited_ids"} <= rows[0].keys()


@pytest.mark.slow
def test_eval_prints_a_french_report(
    cli_uses: Assistant, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text(DEV_SET.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert cli.main(["eval", "--qa", str(qa)]) == 0
    out = capsys.readouterr().out
    assert "Exactitude des réponses : 100.0 %" in out
    assert "Source citée correcte" in out


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_is_a_french_error_without_traceback(question: str) -> None:
    done = run_cli("ask", question)
    assert done.returncode != 0
    assert "Erreur : Merci de saisir une question." in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_eval_of_a_missing_file_is_a_french_error_without_traceback(tmp_path: Path) -> None:
    done = run_cli("eval", "--qa", str(tmp_path / "absent.jsonl"))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Erreur" in done.stderr


def test_an_unknown_command_is_refused() -> None:
    done = run_cli("translate")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


# --- feedback and question log (a temporary database) ----------------------------------------


@pytest.fixture
def ops_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """ASSISTANT_DATABASE_URL set to a SQLite file in ``tmp_path`` for in-process commands."""
    from assistant import get_settings
    from assistant.feedback.database import forget_engine, sqlite_url

    url = sqlite_url(tmp_path / "ops.sqlite3")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    forget_engine(url)


def test_feedback_export_as_qa_and_csv(
    ops_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.answer import NOT_FOUND, Answer
    from assistant.feedback import FeedbackStore, LoggedQuestion, QuestionLog

    log = QuestionLog(ops_database)
    log.record(LoggedQuestion.of(Answer(NOT_FOUND, False), "Recette du far breton ?", site="chat"))
    assert log.flush(10)
    log.close()
    FeedbackStore(ops_database).submit("e" * 32, -1, reason="hors_sujet", question="Et ?")
    out = tmp_path / "candidats.jsonl"
    assert cli.main(["feedback", "export", "--as-qa", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["question"], x["origin"], x["reviewed"]) for x in lines] == [
        ("Recette du far breton ?", "unanswered", False),
        ("Et ?", "thumbs_down", False),
    ]
    assert "2 questions candidates" in capsys.readouterr().err
    assert cli.main(["feedback", "export"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("id,answer_id,") and "Hors sujet" in csv_text


def test_log_purge_reports_what_it_deleted(
    ops_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["log", "purge", "--days", "30"]) == 0
    assert "Purge (30 jours) : 0 question(s) et 0 avis" in capsys.readouterr().out
    assert cli.main(["log", "purge", "--days", "0"]) == 2
    assert "--days" in capsys.readouterr().err
