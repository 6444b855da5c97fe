"""Trust evaluation: answers on questions nobody tuned on, refusals by kind.

``assistant eval --trust`` asks, on the France 2030 corpus: the held-out split (reported)
and the tuning split, the generated in-domain unanswerable questions (the held-out half:
programmes whose id hashes odd; the even half may be used for fitting), the off-domain
probes (and the hand-written tuning ones of ``admin_tune.jsonl`` and
``off_domain_tune.jsonl``), the false premises, the place listings and the superlatives. On the Service-Public collection (indexed in a
throw-away folder): its own questions (false refusals, hit@5), the France 2030 questions
and the administrative tuning questions no fiche covers (must be refused) and the
missing-document probes (the fiche that answers is excluded from the search).

Every set is a JSONL file of ``corpus/qa/`` (``corpus/qa/probes/README.md``).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.bench.evaluation import evaluate_rows, load_questions, summarize

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.service import Assistant

ROOT = Path(__file__).resolve().parents[2]
QA = ROOT / "corpus" / "qa"
PROBES = QA / "probes"
#: Hand-written off-domain questions for fitting the domain score (never reported):
#: administrative ones on topics no Service-Public fiche of the benchmark covers (refused
#: by both collections), and everyday ones (refused by the corpus).
ADMIN_TUNE = QA / "admin_tune.jsonl"
OFF_DOMAIN_TUNE = QA / "off_domain_tune.jsonl"
SPF_FILES = (QA / "spf" / "spf_qr_test.json", QA / "spf" / "best_fiche.json")


def half(doc_id: str) -> str:
    """``tune`` or ``heldout``: the fixed half of the generated probes a programme is in."""
    return "tune" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


@dataclass(frozen=True)
class ProbeSet:
    """A named question set, the collection it is asked of, and what it measures."""

    name: str
    collection: str  # "corpus" or "spf"
    questions: list[dict[str, Any]]
    reported: bool = True  # False for the sets used for tuning


def corpus_sets() -> list[ProbeSet]:
    """The sets asked of the France 2030 corpus."""
    missing = load_questions(PROBES / "missing_attribute.jsonl")
    return [
        ProbeSet("heldout", "corpus", load_questions(QA / "heldout.jsonl")),
        ProbeSet("tune", "corpus", load_questions(QA / "tune.jsonl"), reported=False),
        ProbeSet(
            "missing_attribute",
            "corpus",
            [q for q in missing if half(q["sources"][0]) == "heldout"],
        ),
        ProbeSet(
            "missing_attribute_tune",
            "corpus",
            [q for q in missing if half(q["sources"][0]) == "tune"],
            reported=False,
        ),
        ProbeSet("off_domain", "corpus", load_questions(PROBES / "off_domain.jsonl")),
        ProbeSet(
            "domain_tune",
            "corpus",
            load_questions(ADMIN_TUNE) + load_questions(OFF_DOMAIN_TUNE),
            reported=False,
        ),
        ProbeSet("false_premise", "corpus", load_questions(PROBES / "false_premise.jsonl")),
        ProbeSet("places", "corpus", load_questions(PROBES / "answerable_places.jsonl")),
        ProbeSet("superlatives", "corpus", load_questions(PROBES / "superlatives.jsonl")),
    ]


def spf_sets() -> list[ProbeSet]:
    """The sets asked of the Service-Public collection."""
    from assistant.bench.squad import load_squad

    squad = load_squad(list(SPF_FILES[:1]))
    answerable = [
        {
            "id": q.id,
            "question": q.question,
            "expected": [],
            "sources": list(q.sources),
            "answerable": True,
            "type": "spf",
            "kind": "spf",
        }
        for q in squad.questions
    ]
    reverse = load_questions(PROBES / "reverse_off_domain.jsonl")
    return [
        ProbeSet("spf", "spf", [q for q in answerable if half(q["id"]) == "heldout"]),
        ProbeSet(
            "spf_tune", "spf", [q for q in answerable if half(q["id"]) == "tune"], reported=False
        ),
        ProbeSet("reverse_off_domain", "spf", [q for q in reverse if q.get("origin") != "tune"]),
        ProbeSet(
            "reverse_off_domain_tune",
            "spf",
            [q for q in reverse if q.get("origin") == "tune"],
            reported=False,
        ),
        ProbeSet("domain_tune_spf", "spf", load_questions(ADMIN_TUNE), reported=False),
        ProbeSet("missing_document", "spf", load_questions(PROBES / "missing_document.jsonl")),
    ]


@contextmanager
def spf_assistant(
    settings: Settings | None = None, *, progress: bool = True
) -> Iterator[Assistant]:
    """An assistant over the Service-Public fiches, in their own embedded database under
    the data folder (``bench-spf/``), indexed once and reused while the fiches and the
    embedding model are unchanged."""
    from assistant.bench.runner import index_documents, our_system, sync_sentences
    from assistant.bench.squad import load_squad
    from assistant.config import get_settings
    from assistant.embeddings import load_embedder
    from assistant.embeddings.cache import cached_embedder
    from assistant.index import ChunkStore

    base = settings or get_settings()
    squad = load_squad(list(SPF_FILES))
    digest = hashlib.sha256("".join(d.content_hash for d in squad.documents).encode())
    spf = base.model_copy(update={"data_dir": base.data_dir / "bench-spf", "chroma_host": None})
    embedder = cached_embedder(
        load_embedder(spf), spf.cache_dir, size_limit_mb=spf.embedding_cache_mb
    )
    name = f"spf-{digest.hexdigest()[:12]}"
    # Written once indexing ends: an index left half-built by an interrupted run is redone.
    done = spf.data_dir / f"{name}.complete"
    store = ChunkStore.open(spf, embedder.name, collection=name, reset=not done.exists())
    if store.count() == 0:
        index_documents(
            squad.documents,
            store,
            embedder,
            chunk_size=spf.chunk_size,
            chunk_overlap=spf.chunk_overlap,
            progress=progress,
        )
        done.write_text("indexed\n", encoding="utf-8")
    else:  # an index of an earlier run: bring its sentence vectors in (a no-op once done)
        sync_sentences(store, embedder, progress=progress)
    yield our_system(spf, name, embedder)


def run_sets(
    assistant: Assistant, sets: Sequence[ProbeSet], *, progress: bool = True
) -> dict[str, Any]:
    """Ask every set; per set the report of :func:`~assistant.bench.evaluation.summarize`."""
    out: dict[str, Any] = {}
    for probe in sets:
        rows = evaluate_rows(assistant, probe.questions, progress=progress, desc=probe.name)
        out[probe.name] = {"reported": probe.reported, **summarize(rows), "rows": rows}
    return out


def run_trust(
    settings: Settings | None = None, *, progress: bool = True, with_spf: bool = True
) -> dict[str, Any]:
    """Every set of this module; rows kept for the details file."""
    from assistant.service import Assistant

    started = time.perf_counter()
    corpus = Assistant.from_settings(settings)
    corpus.warm_up()
    results = run_sets(corpus, corpus_sets(), progress=progress)
    if with_spf:
        with spf_assistant(settings, progress=progress) as spf:
            spf.warm_up()
            results.update(run_sets(spf, spf_sets(), progress=progress))
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def format_trust(results: dict[str, Any]) -> str:
    """One French line per set: answers, refusals, false refusals, hit@5."""

    def pct(value: float | None) -> str:
        return "   n/a" if value is None else f"{100 * value:5.1f} %"

    lines = [
        "jeu                     n   exactitude  refus corrects  refus à tort  hit@5  nombres hors source"
    ]
    for name, r in results.items():
        if not isinstance(r, dict):
            continue
        tag = "" if r["reported"] else " (réglage)"
        lines.append(
            f"{(name + tag):<22} {r['questions']:>4}   {pct(r['answer_accuracy'])}     "
            f"{pct(r['refusal_accuracy'])}       {pct(r['false_refusal_rate'])}   "
            f"{pct(r['hit@5'])}  {r['ungrounded_answers']}"
        )
    return "\n".join(lines)


def write_details(results: dict[str, Any], path: Path) -> None:
    """Every answer of every set, one JSON line each (for reading failures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for name, r in results.items():
            if isinstance(r, dict):
                for row in r["rows"]:
                    fh.write(json.dumps({"set": name, **row}, ensure_ascii=False) + "\n")


def write_report(results: dict[str, Any], path: Path) -> None:
    """The figures as a Markdown page (``docs/benchmarks/answerability.md``)."""
    from assistant.bench.machine import cpu_reference

    ref = ", ".join(f"{k} {v}" for k, v in cpu_reference().items())
    lines = [
        "# Answerability: answers and refusals on questions nobody tuned on",
        "",
        "Written by `assistant eval --trust --out docs/benchmarks/answerability.md`. Sets marked",
        "*(tuning)* were used to fit the answerability score (`assistant tune --answerability`);",
        "the others are reported and never edited to pass (`corpus/qa/probes/README.md`).",
        "",
        "| set | questions | answer accuracy | refusals when expected | false refusals | hit@5 | numbers absent from sources | p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{100 * value:.1f} %"

    for name, r in results.items():
        if not isinstance(r, dict):
            continue
        tag = " *(tuning)*" if not r["reported"] else ""
        lines.append(
            f"| {name}{tag} | {r['questions']} | {pct(r['answer_accuracy'])} | "
            f"{pct(r['refusal_accuracy'])} | {pct(r['false_refusal_rate'])} | {pct(r['hit@5'])} | "
            f"{r['ungrounded_answers']} | {r['latency_ms_p50']} |"
        )
    lines += [
        "",
        f"Run: {results.get('seconds', 0)} s on this machine (CPU reference: {ref}).",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
