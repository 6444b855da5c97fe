"""The benchmark suite: :func:`run_bench` (``make bench``) and :func:`evaluate_squad`.

Re-exported by :mod:`assistant.bench`, whose docstring says what they measure.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.bench.squad import BenchQuestion
    from assistant.config import Settings
    from assistant.embeddings.base import Embedder
    from assistant.ingest.documents import Document

log = logging.getLogger(__name__)

#: The external French benchmark (see its README): questions, then distractor fiches.
SPF_DIR = Path(__file__).resolve().parents[2] / "corpus" / "qa" / "spf"
SPF_FILES = ("spf_qr_test.json", "best_fiche.json")
#: Chunk sizes compared on the corpus retrieval check (overlap kept at 1/6 of the size).
CHUNK_SIZES = (500, 900, 1400)
SCALE_SIZES = (1_000, 10_000, 100_000)
#: Wall-clock budget of ``make bench`` (seconds); the scale part gets what is left.
TOTAL_BUDGET_S = 14 * 60


def evaluate_squad(
    files: Sequence[Path],
    *,
    settings: Settings | None = None,
    progress: bool = True,
    details: Path | None = None,
) -> dict[str, Any]:
    """Index every article of ``files`` in a throw-away collection and ask their questions."""
    from assistant.bench.runner import (
        AssistantSystem,
        ask_all,
        index_documents,
        our_system,
        summarize,
        throwaway_settings,
    )
    from assistant.bench.squad import load_squad
    from assistant.embeddings.cache import cached_embedder
    from assistant.embeddings.loading import load_embedder
    from assistant.index.store import ChunkStore

    squad = load_squad(files)
    with throwaway_settings(settings) as tmp:
        embedder = cached_embedder(
            load_embedder(tmp), tmp.cache_dir, size_limit_mb=tmp.embedding_cache_mb
        )
        store = ChunkStore.open(tmp, embedder.name, collection="bench-squad")
        stats = index_documents(
            squad.documents,
            store,
            embedder,
            chunk_size=tmp.chunk_size,
            chunk_overlap=tmp.chunk_overlap,
            progress=progress,
        )
        system = AssistantSystem("ours", our_system(tmp, "bench-squad", embedder))
        rows = ask_all(system, squad.questions, progress=progress, desc="Évaluation SQuAD")
    if details is not None:
        details.parent.mkdir(parents=True, exist_ok=True)
        with details.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {
        "files": squad.files,
        "documents": len(squad.documents),
        "indexing": stats.to_dict(),
        **summarize(rows),
    }


def format_squad_report(report: dict[str, Any]) -> str:
    """French summary of :func:`evaluate_squad`'s report."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f} %"

    idx = report["indexing"]
    return "\n".join(
        [
            f"Fichiers : {', '.join(report['files'])}",
            f"Documents indexés : {report['documents']} ({idx['chunks']} passages, "
            f"{idx['chunks_per_second']} passages/s)",
            f"Questions : {report['questions']} (dont {report['answerable']} avec réponse)",
            f"Recherche : hit@1 {pct(report['hit@1'])}, hit@5 {pct(report['hit@5'])}, "
            f"MRR {report['mrr']}",
            f"Réponse contenant la réponse attendue : {pct(report['containment'])}",
            f"F1 (mots) : {report['f1'] if report['f1'] is not None else 'n/a'}",
            f"Source attendue citée : {pct(report['source_cited'])}",
            f"Refus corrects (questions sans réponse) : {pct(report['refusal_accuracy'])}",
            f"Refus à tort : {pct(report['false_refusal_rate'])}",
            f"Latence : p50 {report['latency_ms_p50']} ms, p95 {report['latency_ms_p95']} ms",
        ]
    )


# --- the full benchmark ----------------------------------------------------------------------


def _compare(
    name: str,
    documents: Sequence[Document],
    questions: Sequence[BenchQuestion],
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool,
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], Any]:
    """Index ``documents`` for the three systems and ask them ``questions``."""
    from assistant.bench.baselines import Bm25Only, LangChainPipeline
    from assistant.bench.runner import (
        AssistantSystem,
        IndexStats,
        ask_all,
        index_documents,
        our_system,
        summarize,
    )
    from assistant.index.lexical import LexicalIndex
    from assistant.index.store import ChunkStore

    collection = f"bench-{name}"
    store = ChunkStore.open(settings, embedder.name, collection=collection)
    ours_index = index_documents(
        documents,
        store,
        embedder,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        progress=progress,
        desc=f"{name} : indexation ({settings.chunk_size} car.)",
    )
    assistant = our_system(settings, collection, embedder)
    ours = AssistantSystem("ours", assistant)
    _ = assistant.chain
    texts = [c.index_text for c in store.iter_chunks()]
    started = time.perf_counter()
    LexicalIndex(texts)
    bm25_index = IndexStats(len(documents), len(texts), time.perf_counter() - started)

    lc = LangChainPipeline(settings, embedder, assistant.catalog, collection=f"{collection}-lc")
    lc_index = lc.index(documents, progress=progress)
    bm25 = Bm25Only(assistant)

    systems: dict[str, Any] = {"ours": ours, "langchain": lc, "bm25": bm25}
    indexing = {"ours": ours_index, "langchain": lc_index, "bm25": bm25_index}
    rows: dict[str, list[dict[str, Any]]] = {}
    metrics: dict[str, Any] = {}
    for key, system in systems.items():
        rows[key] = ask_all(system, questions, progress=progress, desc=f"{name} : {key}")
        metrics[key] = {**summarize(rows[key]), "indexing": indexing[key].to_dict()}
    return metrics, rows, assistant


def _cold_start(settings: Settings, collection: str, question: str) -> dict[str, Any]:
    """Seconds from ``assistant ask`` process start to its answer on stdout."""
    from assistant.bench.runner import subprocess_env

    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", question, "--collection", collection],
        env=subprocess_env(settings),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        log.warning("cold start run failed: %s", proc.stderr[-500:])
    return {
        "collection": collection,
        "question": question,
        "seconds": round(seconds, 2),
        "ok": proc.returncode == 0,
    }


def _export_pool(settings: Settings, collections: Sequence[str], folder: Path) -> tuple[Path, Path]:
    """Real chunks (vectors, texts, metadata) of ``collections``, for the scale run."""
    import numpy as np

    from assistant.index.chroma import make_client

    client = make_client(settings)
    vectors: list[Any] = []
    chunks: list[dict[str, Any]] = []
    for name in collections:
        coll = client.get_collection(name)
        offset = 0
        while True:
            page = coll.get(
                include=["embeddings", "documents", "metadatas"], limit=2000, offset=offset
            )
            if not page["ids"]:
                break
            vectors.extend(page["embeddings"])
            for text, meta in zip(page["documents"], page["metadatas"], strict=True):
                meta = meta or {}
                keep = ("doc_id", "doc_title", "chunk_index", "n_chunks", "embed_text")
                chunks.append(
                    {"text": text or "", "metadata": {k: meta[k] for k in keep if k in meta}}
                )
            offset += len(page["ids"])
    vectors_path = folder / "pool.npy"
    chunks_path = folder / "pool.json"
    np.save(vectors_path, np.asarray(vectors, dtype=np.float32))
    chunks_path.write_text(json.dumps(chunks, ensure_ascii=False), encoding="utf-8")
    return vectors_path, chunks_path


def run_bench(
    out: Path = Path("docs/benchmarks"),
    *,
    quick: bool = False,
    progress: bool = True,
    settings: Settings | None = None,
    spf_dir: Path = SPF_DIR,
    qa_file: Path | None = None,
) -> dict[str, Any]:
    """Run every benchmark and write ``out``/README.md, results.json and charts."""
    from assistant.bench import machine
    from assistant.bench.report import write_report
    from assistant.bench.runner import (
        AssistantSystem,
        ask_all,
        index_documents,
        our_system,
        rss_mb,
        summarize,
        throwaway_settings,
    )
    from assistant.bench.squad import load_qa_jsonl, load_squad
    from assistant.config import get_settings
    from assistant.embeddings.cache import cached_embedder
    from assistant.embeddings.loading import load_embedder
    from assistant.index.store import ChunkStore
    from assistant.ingest.documents import Document, iter_documents

    begun = time.perf_counter()
    for noisy in ("assistant.service", "bm25s", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)  # the progress bars say enough
    base = settings or get_settings()
    qa_file = qa_file or base.corpus_dir / "qa" / "heldout.jsonl"
    timings: dict[str, float] = {}
    results: dict[str, Any] = {
        "quick": quick,
        "machine": machine.describe(),
        "settings": {
            "chunk_size": base.chunk_size,
            "chunk_overlap": base.chunk_overlap,
            "top_k": base.top_k,
            "candidates_k": base.candidates_k,
            "dense_weight": base.dense_weight,
            "lexical_weight": base.lexical_weight,
        },
    }
    with throwaway_settings(base) as tmp:
        started = time.perf_counter()
        # Passages already embedded by an earlier run are read back (queries never are).
        embedder = cached_embedder(
            load_embedder(tmp), tmp.cache_dir, size_limit_mb=tmp.embedding_cache_mb
        )
        embedder.embed_query("échauffement")
        results["model"] = {
            "name": embedder.name,
            "load_s": round(time.perf_counter() - started, 2),
        }

        # 1. The corpus and its question file.
        corpus_docs = [d for d in iter_documents([tmp.corpus_dir]) if isinstance(d, Document)]
        dev = load_qa_jsonl(qa_file)
        if quick:  # a handful of questions and the documents they need, plus distractors
            dev = dev[::12]
            wanted_docs = {s for q in dev for s in q.sources}
            others = [d for d in corpus_docs if d.id not in wanted_docs][:6]
            corpus_docs = [d for d in corpus_docs if d.id in wanted_docs] + others
        started = time.perf_counter()
        corpus_metrics, _, corpus_assistant = _compare(
            "corpus", corpus_docs, dev, tmp, embedder, progress=progress
        )
        timings["corpus"] = time.perf_counter() - started
        results["corpus"] = {
            "file": str(qa_file),
            "documents": len(corpus_docs),
            "questions": len(dev),
            "systems": corpus_metrics,
        }

        # 2. Service-Public questions (written by nobody here).
        spf = load_squad([spf_dir / f for f in SPF_FILES])
        # The 105 questions of spf_qr_test.json; best_fiche.json is there as distractors
        # (its few real questions are not part of the benchmark, see its README).
        spf_docs = spf.documents
        spf_questions = load_squad([spf_dir / SPF_FILES[0]]).questions
        if quick:
            spf_questions = spf_questions[:5]
            wanted = {s for q in spf_questions for s in q.sources}
            distractors = [d for d in spf_docs if d.id not in wanted][:5]
            spf_docs = [d for d in spf_docs if d.id in wanted] + distractors
        started = time.perf_counter()
        spf_metrics, _, spf_assistant = _compare(
            "spf", spf_docs, spf_questions, tmp, embedder, progress=progress
        )
        timings["spf"] = time.perf_counter() - started
        results["spf"] = {
            "files": spf.files,
            "documents": len(spf_docs),
            "questions": len(spf_questions),
            "systems": spf_metrics,
        }

        # 3. Chunk sizes, on the corpus retrieval check.
        started = time.perf_counter()
        sizes: list[dict[str, Any]] = []
        for size in CHUNK_SIZES if not quick else (500, base.chunk_size):
            overlap = round(size * base.chunk_overlap / base.chunk_size)
            if size == base.chunk_size:
                metrics = dict(corpus_metrics["ours"])
            else:
                sized = tmp.model_copy(update={"chunk_size": size, "chunk_overlap": overlap})
                name = f"bench-corpus-c{size}"
                store = ChunkStore.open(sized, embedder.name, collection=name)
                stats = index_documents(
                    corpus_docs,
                    store,
                    embedder,
                    chunk_size=size,
                    chunk_overlap=overlap,
                    progress=progress,
                    desc=f"corpus : indexation ({size} car.)",
                )
                system = AssistantSystem(f"c{size}", our_system(sized, name, embedder))
                rows = ask_all(system, dev, progress=progress, desc=f"corpus : {size} car.")
                metrics = {**summarize(rows), "indexing": stats.to_dict()}
            sizes.append({"chunk_size": size, "chunk_overlap": overlap, **metrics})
        results["chunk_sizes"] = sizes
        timings["chunk_sizes"] = time.perf_counter() - started

        # 4. Cold start: a new `assistant ask` process, up to its first answer.
        started = time.perf_counter()
        results["cold_start"] = [
            _cold_start(tmp, "bench-corpus", "Quel est le budget total du projet Electro'Mob ?")
        ]
        if not quick:
            results["cold_start"].append(_cold_start(tmp, "bench-spf", spf_questions[0].question))
        timings["cold_start"] = time.perf_counter() - started
        results["rss_mb_bench_process"] = round(rss_mb(), 1)
        del corpus_assistant, spf_assistant

        # 5. Scale, in a child process, with what is left of the time budget.
        started = time.perf_counter()
        vectors_path, chunks_path = _export_pool(tmp, ["bench-spf", "bench-corpus"], tmp.data_dir)
        spec = {
            "data_dir": str(tmp.data_dir),
            "pool_vectors": str(vectors_path),
            "pool_chunks": str(chunks_path),
            "sizes": [300, 1_000] if quick else list(SCALE_SIZES),
            "queries": [q.question for q in spf.questions[: 10 if quick else 40]],
            "answer_queries": 3 if quick else 20,
            "budget_s": max(240.0, TOTAL_BUDGET_S - (time.perf_counter() - begun) - 30),
            "progress": progress,
        }
        spec_path = tmp.data_dir / "scale-spec.json"
        out_path = tmp.data_dir / "scale-out.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "assistant.bench.scale", str(spec_path), str(out_path)],
            check=False,
        )
        if proc.returncode == 0 and out_path.exists():
            results["scale"] = json.loads(out_path.read_text(encoding="utf-8"))
        else:
            results["scale"] = {"error": f"scale run exited with code {proc.returncode}"}
        timings["scale"] = time.perf_counter() - started

    timings["total"] = time.perf_counter() - begun
    machine.finish(results["machine"])
    results["timings_s"] = {k: round(v, 1) for k, v in timings.items()}
    write_report(results, Path(out))
    return results
