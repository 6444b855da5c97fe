"""Probe sets and the tune / held-out split: deterministic, committed, and sound (no model)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from assistant.bench import probes
from assistant.bench.split_qa import split

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
QA = CORPUS / "qa"
PROBES = QA / "probes"

REQUIRED_KEYS = {"id", "question", "expected", "sources", "answerable", "type", "history", "kind"}
#: Minimum row count of every committed probe file.
MINIMUMS = {
    "missing_attribute.jsonl": 200,
    "off_domain.jsonl": 100,
    "reverse_off_domain.jsonl": 50,
    "missing_document.jsonl": 60,
    "false_premise.jsonl": 40,
    "answerable_places.jsonl": 30,
    "superlatives.jsonl": 15,
}
KINDS = {
    "missing_attribute.jsonl": "missing_attribute",
    "off_domain.jsonl": "off_domain",
    "reverse_off_domain.jsonl": "off_domain_reverse",
    "missing_document.jsonl": "missing_document",
    "false_premise.jsonl": "false_premise",
    "answerable_places.jsonl": "place_listing",
    "superlatives.jsonl": "superlative",
}


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def generated() -> dict[str, list[dict[str, Any]]]:
    return probes.generate_all(CORPUS)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return probes.load_records(CORPUS)


# --- generator ---------------------------------------------------------------------------------


def test_generator_is_deterministic(generated: dict[str, list[dict[str, Any]]]) -> None:
    assert probes.generate_all(CORPUS) == generated


@pytest.mark.parametrize("name", sorted(MINIMUMS))
def test_committed_file_equals_generator_output(
    name: str, generated: dict[str, list[dict[str, Any]]]
) -> None:
    committed = (PROBES / name).read_text(encoding="utf-8")
    assert committed == probes.dumps_jsonl(generated[name]), (
        f"{name} is stale: run `python -m assistant.bench.probes --out corpus/qa/probes`"
    )


@pytest.mark.parametrize("name", sorted(MINIMUMS))
def test_rows_have_required_keys_and_counts(name: str) -> None:
    rows = _read(PROBES / name)
    assert len(rows) >= MINIMUMS[name]
    assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"
    for row in rows:
        assert row.keys() >= REQUIRED_KEYS, row["id"]
        assert row["kind"] == KINDS[name]
        assert isinstance(row["question"], str) and row["question"].strip()
        assert row["history"] == []
        if not row["answerable"] and row["kind"] != "false_premise":
            assert row["expected"] == []


def test_missing_attribute_targets_only_absent_attributes(
    generated: dict[str, list[dict[str, Any]]], records: list[dict[str, Any]]
) -> None:
    by_id = {r["id"]: r for r in records}
    rows = generated["missing_attribute.jsonl"]
    for row in rows:
        (doc_id,) = row["sources"]
        assert row["id"] == f"gen-missing-{doc_id}-{row['focus']}"
        assert row["answerable"] is False and row["type"] == "unanswerable"
        text = probes.evidence_text(by_id[doc_id], records)
        assert probes.attribute_evidence(row["focus"], text) == [], row["id"]
    assert len({r["focus"] for r in rows}) >= 8


@pytest.mark.parametrize(
    ("attribute", "text"),
    [
        ("salaire", "Un technicien débute à 2 000 € brut par mois."),
        ("duree_formation", "Le parcours dure 400 heures."),
        ("age_minimum", "Les formations sont ouvertes dès 16 ans."),
        ("cout_apprenant", "Les formations sont gratuites pour les demandeurs d'emploi."),
        ("dates_inscription", "Les inscriptions ouvrent en mars."),
        ("contact", "Renseignements au 03 20 12 34 56 ou à contact@exemple.fr."),
        ("hebergement", "Un internat accueille les apprenants."),
    ],
)
def test_detector_finds_given_attributes(attribute: str, text: str) -> None:
    assert probes.attribute_evidence(attribute, text)


def test_project_horizon_is_not_a_course_length() -> None:
    text = "Le projet dispose de 20 M€ sur 5 ans et vise 8 000 personnes d'ici 2030."
    assert probes.attribute_evidence("duree_formation", text) == []


def test_off_domain_has_spf_and_tricky_handwritten_questions() -> None:
    rows = _read(PROBES / "off_domain.jsonl")
    sources = Counter(r["source"] for r in rows)
    assert sources["spf_qr_test"] >= 100
    assert sources["handwritten"] >= 25
    questions = {r["question"] for r in rows}
    assert "Quel est le salaire d'un pilote de ligne ?" in questions
    assert all(r["sources"] == [] and r["answerable"] is False for r in rows)


def test_reverse_off_domain_comes_from_answerable_split_questions() -> None:
    split_rows = _read(QA / "tune.jsonl") + _read(QA / "heldout.jsonl")
    answerable = {r["question"] for r in split_rows if r["answerable"] and not r["history"]}
    rows = _read(PROBES / "reverse_off_domain.jsonl")
    assert {r["question"] for r in rows} == answerable
    assert all(r["collection"] == "spf" and r["answerable"] is False for r in rows)


def test_missing_document_removes_the_answering_fiche() -> None:
    spf = json.loads((QA / "spf" / "spf_qr_test.json").read_text(encoding="utf-8"))
    fiche_of = {
        qa["question"].strip(): article["title"]
        for article in spf["data"]
        for paragraph in article["paragraphs"]
        for qa in paragraph["qas"]
    }
    rows = _read(PROBES / "missing_document.jsonl")
    for row in rows:
        assert row["removed"] == [fiche_of[row["question"]]]
        assert row["removed"][0] not in probes.SPF_RELATED_FICHES


def test_false_premise_names_the_true_region(records: list[dict[str, Any]]) -> None:
    by_id = {r["id"]: r for r in records}
    for row in _read(PROBES / "false_premise.jsonl"):
        (doc_id,) = row["sources"]
        record = by_id[doc_id]
        assert row["expected"] == record["regions"] and len(record["regions"]) == 1
        assert row["expected"][0] in record["body"]
        assert row["premise"] not in record["body"]
        assert row["answerable"] is False


def test_place_listing_expected_matches_front_matter(records: list[dict[str, Any]]) -> None:
    for row in _read(PROBES / "answerable_places.jsonl"):
        region = probes.CITY_REGIONS[row["city"]]
        assert row["region"] == region and row["answerable"] is True
        wanted = sorted(
            str(r["short_name"])
            for r in records
            if r.get("kind") in probes.PLACE_KINDS
            and region in (r.get("regions") or [])
            and row["sector"] in (r.get("sectors") or [])
        )
        assert row["expected"] == wanted and wanted


def test_superlatives_expect_a_single_programme(records: list[dict[str, Any]]) -> None:
    names = {r["short_name"] for r in records}
    rows = _read(PROBES / "superlatives.jsonl")
    for row in rows:
        assert len(row["expected"]) == 1 and row["expected"][0] in names
    by_id = {r["id"]: r for r in rows}
    assert by_id["superlative-aid-max-1"]["expected"] == ["3NC"]


def test_questions_are_french_with_accents() -> None:
    rows = [r for name in MINIMUMS for r in _read(PROBES / name)]
    generated_text = " ".join(r["question"] for r in rows)
    assert re.search(r"[éèàç]", generated_text)
    assert all(r["question"].rstrip().endswith(("?", ".")) for r in rows)


# --- split ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        *sorted(p.name for p in QA.glob("accuracy_dev*.jsonl")),
        "admin_tune.jsonl",
        "off_domain_tune.jsonl",
    ],
)
def test_written_tuning_questions_ask_nothing_the_heldout_split_asks(name: str) -> None:
    """Questions written for tuning (fitted on, developed against) must not ask a fact a
    held-out question asks (same document, same expected value), nor reuse its id."""
    heldout = _read(QA / "heldout.jsonl")
    facts = {(s, str(e)) for h in heldout for s in h["sources"] for e in h["expected"]}
    topics = {h["id"].split("-", 1)[1] for h in heldout}
    for row in _read(QA / name):
        asked = {(s, str(e)) for s in row.get("sources", []) for e in row.get("expected", [])}
        assert not asked & facts, (row["id"], asked & facts)
        assert row["id"].split("-", 1)[1] not in topics, row["id"]


def test_split_is_deterministic_stratified_and_complete() -> None:
    dev = _read(QA / "tune.jsonl") + _read(QA / "heldout.jsonl")
    tune, heldout = split(dev, "france2030")
    assert (tune, heldout) == split(dev, "france2030")
    assert tune == _read(QA / "tune.jsonl") and heldout == _read(QA / "heldout.jsonl")
    assert sorted(r["id"] for r in tune + heldout) == sorted(r["id"] for r in dev)
    assert not {r["id"] for r in tune} & {r["id"] for r in heldout}
    assert 0.5 <= len(tune) / len(dev) <= 0.7
    by_type = Counter(r["type"] for r in dev)
    tune_types = Counter(r["type"] for r in tune)
    for qtype, total in by_type.items():
        assert abs(tune_types[qtype] - 0.6 * total) <= 1, qtype


def test_split_keeps_conversations_whole() -> None:
    rows = [
        {"id": "a", "question": "Qui porte X ?", "type": "lookup", "history": []},
        {
            "id": "b",
            "question": "Et son budget ?",
            "type": "followup",
            "history": [
                {"role": "user", "content": "Qui porte X ?"},
                {"role": "assistant", "content": "Y."},
            ],
        },
        *(
            {"id": f"c{i}", "question": f"Q{i} ?", "type": "figure", "history": []}
            for i in range(9)
        ),
    ]
    for seed in ("s1", "s2", "s3", "s4"):
        tune, heldout = split(rows, seed)
        in_tune = {r["id"] for r in tune}
        assert ("a" in in_tune) == ("b" in in_tune)
        assert len(tune) + len(heldout) == len(rows)
