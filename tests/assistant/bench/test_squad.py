"""SQuAD loading and scoring, and `assistant eval --squad` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import AssistantError, SquadError, cli
from assistant.bench.squad import (
    BenchQuestion,
    best_f1,
    contains_answer,
    is_contained,
    load_squad,
    normalize_answer,
    token_f1,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "squad_fr_small.json"


# --- loading ---------------------------------------------------------------------------------


def test_load_squad_documents_and_questions() -> None:
    squad = load_squad([FIXTURE])
    ids = [d.id for d in squad.documents]
    # id when present, else the title
    assert ids == ["F-passeport", "F-conge-paternite", "Carte grise", "F-distracteur"]
    assert squad.documents[0].url == "https://example.org/F-passeport"
    assert squad.documents[0].metadata == {}
    assert "86 euros" in squad.documents[0].text
    # the empty placeholder question is skipped, the impossible one kept as unanswerable
    assert len(squad.questions) == 6
    impossible = [q for q in squad.questions if not q.answerable]
    assert [q.id for q in impossible] == ["q-impossible"]
    assert impossible[0].sources == () and impossible[0].expected == ()
    first = squad.questions[0]
    assert first.sources == ("F-passeport",) and first.expected == ("86 euros",)
    assert not first.all_expected


def test_load_squad_twice_keeps_first_article(tmp_path: Path) -> None:
    squad = load_squad([FIXTURE, FIXTURE])
    assert len(squad.documents) == 4
    assert len(squad.questions) == 6


def test_load_squad_rejects_non_squad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rows": []}), encoding="utf-8")
    with pytest.raises(SquadError) as err:
        load_squad([bad])
    assert "SQuAD" in err.value.user_message
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(AssistantError):
        load_squad([broken])


# --- scoring ---------------------------------------------------------------------------------


def test_normalize_answer_french() -> None:
    assert normalize_answer("L'acte de naissance, [1] délivré par la mairie !") == (
        "acte naissance délivré par mairie"
    )
    assert normalize_answer("8\u202f000 €") == "8000 €"


def test_token_f1_like_squad() -> None:
    assert token_f1("25 jours calendaires", "25 jours calendaires") == 1.0
    assert token_f1("", "25 jours") == 0.0
    assert token_f1("la", "le") == 1.0  # both empty once articles are dropped
    assert token_f1("la mairie", "le") == 0.0
    # partial overlap: precision 2/4, recall 2/2 -> F1 2/3
    assert token_f1("dure 25 jours environ", "25 jours") == pytest.approx(2 / 3)
    assert token_f1("Il dure 25 jours [1]", "vingt-cinq jours") == pytest.approx(2 / 7)
    assert best_f1("dure 25 jours", ["trois mois", "25 jours"]) == pytest.approx(0.8)
    assert best_f1("x", []) == 0.0


def test_containment_normalised() -> None:
    answer = "Le congé dure 25\u00a0jours [1] calendaires. Il est porté à 32 jours [2]."
    assert contains_answer(answer, "25 jours calendaires")  # markers and no-break space
    assert contains_answer("Il coûte 86 EUROS.", "86 euros,")  # case, edge punctuation
    assert contains_answer("8 000 personnes", "8000 personnes")
    assert not contains_answer("Il coûte 86 euros.", "")
    q_any = BenchQuestion("a", "?", expected=("un mois", "30 jours"))
    assert is_contained("Vous avez un mois.", q_any)
    q_all = BenchQuestion("b", "?", expected=("64 M€", "2024-2028"), all_expected=True)
    assert not is_contained("64 M€ en tout", q_all)
    assert is_contained("64 M€ sur 2024-2028", q_all)
    assert not is_contained("rien", BenchQuestion("c", "?"))


# --- the real command --------------------------------------------------------------------------


@pytest.mark.slow
def test_eval_squad_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, e5_model_dir: Path
) -> None:
    details = tmp_path / "details.jsonl"
    code = cli.main(["eval", "--squad", str(FIXTURE), "--json", "--details", str(details)])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    for key in (
        "hit@1",
        "hit@5",
        "mrr",
        "containment",
        "f1",
        "refusal_accuracy",
        "false_refusal_rate",
        "latency_ms_p50",
        "latency_ms_p95",
        "indexing",
    ):
        assert key in report, key
    assert report["documents"] == 4
    assert report["questions"] == 6 and report["answerable"] == 5
    assert report["indexing"]["chunks"] >= 4
    assert report["indexing"]["chunks_per_second"] > 0
    # the right article is found for every answerable question, mostly first
    assert report["hit@5"] == 1.0
    assert report["hit@1"] >= 0.8
    assert 0.0 <= report["containment"] <= 1.0 and 0.0 <= report["f1"] <= 1.0
    rows = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert by_id["q-paternite-duree"]["rank"] == 1
    assert by_id["q-carte-grise-delai"]["retrieved"][0] == "Carte grise"
    assert by_id["q-passeport-prix"]["contained"]


@pytest.mark.slow
def test_eval_squad_cli_french_summary(
    capsys: pytest.CaptureFixture[str], e5_model_dir: Path
) -> None:
    assert cli.main(["eval", "--squad", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "Recherche : hit@1" in out and "Questions : 6" in out


def test_eval_squad_and_qa_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["eval", "--qa", "x.jsonl", "--squad", str(FIXTURE)])
    assert "not allowed" in capsys.readouterr().err
