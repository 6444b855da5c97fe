"""Validation of the knowledge base: `corpus/*.md` documents and `corpus/qa/*.jsonl` questions.

Checks the format described in `docs/corpus-schema.md`. Uses only PyYAML and the standard
library (not the project's loaders), and parametrises per document / per question so that a
failure names the culprit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
QA_DIR = CORPUS / "qa"

MIN_DOCUMENTS = 30
MIN_QUESTIONS = 100
MIN_UNANSWERABLE = 15

REQUIRED_IDS = {
    # the AMI itself and the programmes of the facts file's summary table
    "ami-cma",
    "electromob",
    "fpi-aura",
    "atcf",
    "3nc",
    "talcyb",
    "cyrce",
    "genhyo",
    "ecole-de-la-batterie",
    "remed",
    "battena",
    "c-decide",
    "cometes",
    "osmose",
    "en2r",
    "decarbochim",
    "cmq-nfp-4-0",
    "sens",
    "bio-occ",
    "macmia",
    "evolution-jeu-video",
    # look-alike schemes that are not AMI CMA laureates
    "deffinum",
    "ia-clusters",
}
NOT_AMI_CMA = {"deffinum", "ia-clusters"}

KINDS = {"programme", "dispositif", "diagnostic", "autre-dispositif", "groupe"}
QUESTION_TYPES = {
    "figure",
    "paraphrase",
    "lookup",
    "comparison",
    "list",
    "count",
    "followup",
    "conflict",
    "unanswerable",
}
REGIONS = {
    "National",
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Guadeloupe",
    "Martinique",
    "Guyane",
    "La Réunion",
    "Mayotte",
}
SECTION_ORDER = [
    "Présentation",
    "Chiffres clés",
    "Public visé et niveaux",
    "Territoire",
    "Partenaires",
    "Calendrier",
    "Sources",
]
FRONT_MATTER_KEYS = {
    "id",
    "title",
    "short_name",
    "aliases",
    "kind",
    "regions",
    "cities",
    "sectors",
    "ami_cma",
    "season",
    "status",
    "status_date",
    "budget_total_eur",
    "state_aid_eur",
    "targets",
    "lead",
    "partners",
    "sources",
    "updated",
}
TARGET_KEYS = {"people", "places", "horizon", "text"}
EURO_FIELDS = ("budget_total_eur", "state_aid_eur")
PEOPLE_FIELDS = ("people", "places")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


# --------------------------------------------------------------------------- helpers


def normalise_spaces(text: str) -> str:
    """NBSP and narrow NBSP become plain spaces; runs of whitespace collapse to one space."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return re.sub(r"\s+", " ", text)


def normalise_for_answer(text: str) -> str:
    """Normalisation used to compare expected strings: case, spaces, apostrophes, grouping."""
    text = normalise_spaces(text).lower().replace("\u2019", "'")
    return re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", text)


def _group_digits(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _decimal_fr(value: Decimal) -> str:
    """Decimal -> French text with a decimal comma and grouped thousands (no trailing zeros)."""
    integer = int(value)
    fraction = value - integer
    text = _group_digits(integer)
    if fraction:
        digits = format(fraction.normalize(), "f").split(".")[1]
        text += "," + digits
    return text


def format_euros(amount: int) -> str:
    """Canonical French form of an amount in euros.

    25000000 -> "25 M€", 14200000 -> "14,2 M€", 2500000000 -> "2,5 Md€",
    200000 -> "200 000 €"; amounts that are not round are written in full ("16 586 665 €").
    """
    value = Decimal(amount)
    if amount >= 1_000_000_000 and amount % 10_000_000 == 0:
        return f"{_decimal_fr(value / Decimal(1_000_000_000))} Md€"
    if amount >= 1_000_000 and amount % 10_000 == 0:
        return f"{_decimal_fr(value / Decimal(1_000_000))} M€"
    return f"{_group_digits(amount)} €"


def format_count(number: int) -> str:
    """Canonical French form of a count of people or places: 8000 -> "8 000"."""
    return _group_digits(number)


def contains_figure(body: str, figure: str) -> bool:
    """True when `figure` appears in `body` as a whole number (not inside a larger one)."""
    pattern = (
        r"(?<![\d,])(?<!\d )"
        + re.escape(figure)
        + (r"" if figure.endswith("€") else r"(?!\d)(?!,\d)(?! \d{3}(?!\d))")
    )
    return re.search(pattern, normalise_spaces(body)) is not None


def parse_document(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        raise AssertionError(f"{path.name}: no YAML front matter delimited by '---' lines")
    meta = yaml.safe_load(match.group(1))
    if not isinstance(meta, dict):
        raise AssertionError(f"{path.name}: front matter is not a mapping")
    return meta, match.group(2)


def iso_text(value: object) -> object:
    """YAML may turn an unquoted date into a `date`; compare it as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def is_partial_iso_date(value: object) -> bool:
    value = iso_text(value)
    if not isinstance(value, str) or not PARTIAL_DATE_RE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    except ValueError:
        return False
    return True


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def is_opt_str(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() != "")


# --------------------------------------------------------------------------- data

DOC_PATHS = sorted(CORPUS.glob("*.md"))
DOCS: dict[str, tuple[dict, str]] = {}
PARSE_ERRORS: dict[str, str] = {}
for _path in DOC_PATHS:
    try:
        DOCS[_path.stem] = parse_document(_path)
    except (AssertionError, yaml.YAMLError) as _exc:
        PARSE_ERRORS[_path.stem] = str(_exc)

QA_FILES = sorted(QA_DIR.glob("*.jsonl"))
QUESTIONS: list[tuple[str, int, object]] = []  # (file name, line number, parsed line or error)
for _qa_path in QA_FILES:
    for _lineno, _line in enumerate(_qa_path.read_text(encoding="utf-8").splitlines(), 1):
        if not _line.strip():
            continue
        try:
            _record: object = json.loads(_line)
        except json.JSONDecodeError as _exc:
            _record = _exc
        QUESTIONS.append((_qa_path.name, _lineno, _record))


def _question_id(item: tuple[str, int, object]) -> str:
    name, lineno, record = item
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"]
    return f"{name}:{lineno}"


DOC_STEMS = [p.stem for p in DOC_PATHS]
QUESTION_IDS = [_question_id(q) for q in QUESTIONS]


def get_doc(stem: str) -> tuple[dict, str]:
    if stem in PARSE_ERRORS:
        pytest.fail(PARSE_ERRORS[stem])
    return DOCS[stem]


# --------------------------------------------------------------------------- formatter


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (25_000_000, "25 M€"),
        (14_200_000, "14,2 M€"),
        (2_500_000_000, "2,5 Md€"),
        (2_000_000_000, "2 Md€"),
        (200_000, "200 000 €"),
        (16_590_000, "16,59 M€"),
        (1_318_000_000, "1 318 M€"),
        (16_586_665, "16 586 665 €"),
        (50_000, "50 000 €"),
    ],
)
def test_format_euros(amount: int, expected: str) -> None:
    assert format_euros(amount) == expected


@pytest.mark.parametrize(
    ("number", "expected"), [(8000, "8 000"), (700, "700"), (620_000, "620 000")]
)
def test_format_count(number: int, expected: str) -> None:
    assert format_count(number) == expected


def test_contains_figure_respects_number_boundaries() -> None:
    assert contains_figure("vise 8\u202f000 personnes", "8 000")
    assert not contains_figure("vise 18 000 personnes", "8 000")
    assert not contains_figure("vise 8 000 000 personnes", "8 000")
    assert contains_figure("budget de 25 M€.", "25 M€")
    assert not contains_figure("budget de 125 M€.", "25 M€")
    assert not contains_figure("budget de 2,5 M€.", "5 M€")


# --------------------------------------------------------------------------- documents


def test_corpus_has_enough_documents() -> None:
    assert len(DOC_PATHS) >= MIN_DOCUMENTS, f"{len(DOC_PATHS)} documents, {MIN_DOCUMENTS} needed"


def test_required_ids_present() -> None:
    missing = sorted(REQUIRED_IDS - set(DOC_STEMS))
    assert not missing, f"missing documents: {missing}"


@pytest.mark.parametrize("stem", sorted(NOT_AMI_CMA))
def test_look_alike_schemes_are_not_ami_cma(stem: str) -> None:
    if stem not in DOC_STEMS:
        pytest.fail(f"{stem}.md is missing")
    meta, _ = get_doc(stem)
    assert meta.get("ami_cma") is False
    assert meta.get("kind") == "autre-dispositif"


def test_ids_unique() -> None:
    ids = [DOCS[s][0].get("id") for s in DOCS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1}, key=str)
    assert not duplicates, f"duplicate ids: {duplicates}"


@pytest.mark.parametrize("stem", DOC_STEMS)
def test_front_matter_schema(stem: str) -> None:
    meta, _ = get_doc(stem)
    errors: list[str] = []
    missing = FRONT_MATTER_KEYS - meta.keys()
    unknown = meta.keys() - FRONT_MATTER_KEYS
    if missing:
        errors.append(f"missing keys {sorted(missing)}")
    if unknown:
        errors.append(f"unknown keys {sorted(unknown)}")

    if not isinstance(meta.get("id"), str) or not SLUG_RE.match(meta.get("id", "")):
        errors.append(f"id {meta.get('id')!r} is not a lowercase ASCII slug")
    elif meta["id"] != stem:
        errors.append(f"id {meta['id']!r} differs from the file name {stem!r}")
    for key in ("title", "short_name"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            errors.append(f"{key} must be a non-empty string")
    for key in ("aliases", "cities", "partners"):
        if not is_str_list(meta.get(key)):
            errors.append(f"{key} must be a list of strings")
    if meta.get("kind") not in KINDS:
        errors.append(f"kind {meta.get('kind')!r} not in {sorted(KINDS)}")
    regions = meta.get("regions")
    if not is_str_list(regions) or not regions:
        errors.append("regions must be a non-empty list of strings")
    else:
        bad = [r for r in regions if r not in REGIONS]
        if bad:
            errors.append(f"unknown region names {bad}")
    sectors = meta.get("sectors")
    if not is_str_list(sectors):
        errors.append("sectors must be a list of strings")
    else:
        # lowercase labels; acronyms written in capitals ("5G", "IA") are allowed
        upper = [s for s in sectors if not all(w.islower() or w.upper() == w for w in s.split())]
        if upper:
            errors.append(f"sectors must be lowercase: {upper}")
    if not isinstance(meta.get("ami_cma"), bool):
        errors.append("ami_cma must be true or false")
    for key in ("season", "status", "lead"):
        if not is_opt_str(meta.get(key)):
            errors.append(f"{key} must be a string or null")
    status_date = meta.get("status_date")
    if status_date is not None and not is_partial_iso_date(status_date):
        errors.append(f"status_date {status_date!r} is not YYYY-MM-DD / YYYY-MM / null")
    for key in EURO_FIELDS:
        value = meta.get(key)
        if value is not None and not (is_int(value) and value > 0):
            errors.append(f"{key} must be a positive integer (euros) or null, got {value!r}")
    targets = meta.get("targets")
    if not isinstance(targets, dict):
        errors.append("targets must be a mapping")
    else:
        if set(targets) != TARGET_KEYS:
            errors.append(f"targets keys must be {sorted(TARGET_KEYS)}, got {sorted(targets)}")
        for key in PEOPLE_FIELDS:
            value = targets.get(key)
            if value is not None and not (is_int(value) and value > 0):
                errors.append(f"targets.{key} must be a positive integer or null, got {value!r}")
        for key in ("horizon", "text"):
            if not is_opt_str(targets.get(key)):
                errors.append(f"targets.{key} must be a string or null")
    updated = iso_text(meta.get("updated"))
    if not (isinstance(updated, str) and len(updated) == 10 and is_partial_iso_date(updated)):
        errors.append(f"updated {meta.get('updated')!r} is not an ISO date YYYY-MM-DD")
    assert not errors, f"{stem}.md: " + "; ".join(errors)


@pytest.mark.parametrize("stem", DOC_STEMS)
def test_sources_are_urls(stem: str) -> None:
    meta, _ = get_doc(stem)
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, f"{stem}.md: sources must be a non-empty list"
    for source in sources:
        assert isinstance(source, dict), f"{stem}.md: source {source!r} is not a mapping"
        assert set(source) == {"url", "date"}, f"{stem}.md: source keys must be url and date"
        url = source["url"]
        assert isinstance(url, str) and URL_RE.match(url), f"{stem}.md: bad url {url!r}"
        date = source["date"]
        assert date is None or is_partial_iso_date(date), f"{stem}.md: bad date {date!r}"


@pytest.mark.parametrize("stem", DOC_STEMS)
def test_structured_figures_appear_in_body(stem: str) -> None:
    meta, body = get_doc(stem)
    wanted: list[tuple[str, str]] = []
    for key in EURO_FIELDS:
        if is_int(meta.get(key)):
            wanted.append((key, format_euros(meta[key])))
    targets = meta.get("targets") or {}
    for key in PEOPLE_FIELDS:
        if is_int(targets.get(key)):
            wanted.append((f"targets.{key}", format_count(targets[key])))
    missing = [f"{key} -> «{text}»" for key, text in wanted if not contains_figure(body, text)]
    assert not missing, f"{stem}.md: figures absent from the body: {missing}"


@pytest.mark.parametrize("stem", DOC_STEMS)
def test_body_sections(stem: str) -> None:
    _, body = get_doc(stem)
    headings = re.findall(r"^## +(.+?)\s*$", body, flags=re.MULTILINE)
    known = [h for h in headings if h in SECTION_ORDER]
    assert "Sources" in known, f"{stem}.md: no '## Sources' section"
    positions = [SECTION_ORDER.index(h) for h in known]
    assert positions == sorted(positions), f"{stem}.md: sections out of order: {known}"
    assert len(set(known)) == len(known), f"{stem}.md: repeated section in {known}"


# --------------------------------------------------------------------------- questions


def test_question_files_exist() -> None:
    assert QA_FILES, f"no question file in {QA_DIR}"


def test_enough_questions() -> None:
    assert len(QUESTIONS) >= MIN_QUESTIONS, f"{len(QUESTIONS)} questions, {MIN_QUESTIONS} needed"


def test_enough_unanswerable_questions() -> None:
    count = sum(1 for _, _, r in QUESTIONS if isinstance(r, dict) and r.get("answerable") is False)
    assert count >= MIN_UNANSWERABLE, f"{count} unanswerable questions, {MIN_UNANSWERABLE} needed"


def test_question_ids_unique() -> None:
    duplicates = sorted({i for i in QUESTION_IDS if QUESTION_IDS.count(i) > 1})
    assert not duplicates, f"duplicate question ids: {duplicates}"


def _check_question(record: object) -> list[str]:
    if not isinstance(record, dict):
        return [f"line is not a JSON object: {record!r}"]
    errors: list[str] = []
    keys = {"id", "question", "expected", "sources", "answerable", "type", "history"}
    if set(record) != keys:
        errors.append(f"keys must be {sorted(keys)}, got {sorted(record)}")
    if not isinstance(record.get("id"), str) or not record["id"].strip():
        errors.append("id must be a non-empty string")
    if not isinstance(record.get("question"), str) or not record["question"].strip():
        errors.append("question must be a non-empty string")
    expected, sources = record.get("expected"), record.get("sources")
    if not isinstance(expected, list) or not all(isinstance(e, str) and e for e in expected):
        errors.append("expected must be a list of non-empty strings")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        errors.append("sources must be a list of strings")
    answerable, qtype = record.get("answerable"), record.get("type")
    if not isinstance(answerable, bool):
        errors.append("answerable must be true or false")
    if qtype not in QUESTION_TYPES:
        errors.append(f"type {qtype!r} not in {sorted(QUESTION_TYPES)}")
    if answerable is False and (expected or sources):
        errors.append("an unanswerable question has expected [] and sources []")
    if answerable is True and (not expected or not sources):
        errors.append("an answerable question needs expected strings and sources")
    if (qtype == "unanswerable") != (answerable is False):
        errors.append("type 'unanswerable' goes with answerable false, and only with it")
    history = record.get("history")
    if not isinstance(history, list):
        errors.append("history must be a list")
    else:
        for turn in history:
            if (
                not isinstance(turn, dict)
                or set(turn) != {"role", "content"}
                or turn["role"] not in {"user", "assistant"}
                or not isinstance(turn["content"], str)
                or not turn["content"].strip()
            ):
                errors.append(f"bad history turn {turn!r}")
        if qtype == "followup" and not history:
            errors.append("a follow-up question needs a history")
    return errors


@pytest.mark.parametrize("item", QUESTIONS, ids=QUESTION_IDS)
def test_question_schema(item: tuple[str, int, object]) -> None:
    name, lineno, record = item
    errors = _check_question(record)
    assert not errors, f"{name}:{lineno}: " + "; ".join(errors)


@pytest.mark.parametrize("item", QUESTIONS, ids=QUESTION_IDS)
def test_question_sources_exist(item: tuple[str, int, object]) -> None:
    name, lineno, record = item
    if not isinstance(record, dict) or not isinstance(record.get("sources"), list):
        pytest.skip("schema error reported by test_question_schema")
    unknown = [s for s in record["sources"] if s not in DOC_STEMS]
    assert not unknown, f"{name}:{lineno}: unknown source documents {unknown}"


@pytest.mark.parametrize("item", QUESTIONS, ids=QUESTION_IDS)
def test_expected_strings_in_sources(item: tuple[str, int, object]) -> None:
    name, lineno, record = item
    if not isinstance(record, dict):
        pytest.skip("schema error reported by test_question_schema")
    sources = [s for s in record.get("sources") or [] if s in DOCS]
    bodies = [normalise_for_answer(DOCS[s][1]) for s in sources]
    missing = [
        e
        for e in record.get("expected") or []
        if isinstance(e, str) and not any(normalise_for_answer(e) in b for b in bodies)
    ]
    assert not missing, f"{name}:{lineno}: expected strings not in {sources}: {missing}"
