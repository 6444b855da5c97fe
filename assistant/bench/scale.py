"""How query cost grows with the index: 1k, 10k and 100k chunks.

Embedding 100k passages on 2 CPU cores would take about an hour, so the large indexes
are grown synthetically: the real chunks (SQuAD articles and the corpus, embedded once by
the benchmark) come first, then variants of them — each a real vector plus Gaussian noise
(σ = 0.02 per dimension, renormalised; cosine ≈ 0.93 to its source) and a perturbed text
(20 % of the words dropped, a few swapped) for BM25 — written to a throw-away Chroma
collection in batches. Latency is measured on real questions through the real code path
(:class:`~assistant.retrieval.hybrid.HybridRetriever`: query embedding, Chroma search, BM25,
fusion; then the whole chain with the extractive answerer). Quality is not measured here.

At each size the lexical snapshot is first written as ``assistant index`` writes it at its
end (:func:`~assistant.index.snapshot.refresh_snapshot`, timed, in a process of its own),
then *load index* times :meth:`HybridRetriever.build` as a serving process runs it: list
the chunk ids, load the snapshot.

Runs in a child process (``python -m assistant.bench.scale SPEC.json OUT.json``) so that its
RSS is that of a process holding only the model and the index, like the service.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.records import ChunkMeta

log = logging.getLogger(__name__)

NOISE_SIGMA = 0.02
_BATCH = 2000


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    kept = [w for w in words if rng.random() > 0.2] or words[:1]
    for _ in range(max(1, len(kept) // 20)):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    return " ".join(kept)


def _grow(
    store: Any,
    pool_vectors: np.ndarray,
    pool_texts: list[str],
    pool_meta: list[ChunkMeta],
    start: int,
    stop: int,
    rng: np.random.Generator,
    text_rng: random.Random,
    bar: Any,
) -> None:
    """Write chunks ``start..stop-1``: real ones first, then synthetic variants."""
    n_pool = len(pool_texts)
    for lo in range(start, stop, _BATCH):
        hi = min(stop, lo + _BATCH)
        ids, vectors, texts, metas = [], [], [], []
        for j in range(lo, hi):
            if j < n_pool:
                ids.append(f"real-{j:06d}")
                vectors.append(pool_vectors[j])
                texts.append(pool_texts[j])
                metas.append(pool_meta[j])
                continue
            base = int(rng.integers(n_pool))
            v = pool_vectors[base] + rng.normal(0.0, NOISE_SIGMA, pool_vectors.shape[1])
            ids.append(f"syn-{j:06d}")
            vectors.append(v / np.linalg.norm(v))
            texts.append(_perturb(pool_texts[base], text_rng))
            metas.append(
                ChunkMeta(
                    doc_id=f"syn-{j // 8:05d}",
                    doc_title=pool_meta[base].doc_title,
                    chunk_index=j % 8,
                    n_chunks=8,
                )
            )
        store.add(ids, np.asarray(vectors, dtype=np.float32), texts, metas)
        bar.update(hi - lo)


def _write_snapshot(data_dir: str, collection: str, embedder_name: str) -> None:
    """What ``assistant index`` does at its end, for a collection grown by :func:`_grow`."""
    from assistant.config import get_settings
    from assistant.index.snapshot import refresh_snapshot
    from assistant.index.store import ChunkStore

    settings = get_settings().model_copy(update={"data_dir": Path(data_dir), "chroma_host": None})
    refresh_snapshot(ChunkStore.open(settings, embedder_name, collection=collection))


def _timed_snapshot_write(settings: Any, collection: str, embedder_name: str) -> float:
    """Seconds to write the snapshot in a fresh process (its memory is not this one's)."""
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(
        target=_write_snapshot, args=(str(settings.data_dir), collection, embedder_name)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"snapshot writer exited with code {child.exitcode}")
    return time.perf_counter() - started


def run_scale(spec: dict[str, Any]) -> dict[str, Any]:
    """Measure latency and memory at each size of ``spec["sizes"]`` (see module docstring)."""
    from tqdm import tqdm

    from assistant.answer import Filters
    from assistant.answering.chain import Components, compose
    from assistant.answering.condense import RuleCondenser
    from assistant.answering.extractive import ExtractiveAnswerer
    from assistant.bench.runner import rss_mb
    from assistant.bench.stats import percentile
    from assistant.catalog import Catalog
    from assistant.config import get_settings
    from assistant.embeddings.loading import load_embedder
    from assistant.index.store import ChunkStore
    from assistant.retrieval.hybrid import HybridRetriever

    deadline = time.perf_counter() + float(spec.get("budget_s", 600))
    settings = get_settings().model_copy(
        update={"data_dir": Path(spec["data_dir"]), "chroma_host": None}
    )
    pool = np.load(spec["pool_vectors"])
    with open(spec["pool_chunks"], encoding="utf-8") as fh:
        chunks = json.load(fh)
    pool_texts = [c["text"] for c in chunks]
    pool_meta = [ChunkMeta.from_chroma(c["metadata"]) for c in chunks]
    queries: list[str] = spec["queries"]
    answer_queries = queries[: int(spec.get("answer_queries", 20))]

    rss_start = rss_mb()
    t0 = time.perf_counter()
    embedder = load_embedder(settings)
    embedder.embed_query("échauffement")
    model_s = time.perf_counter() - t0
    rss_model = rss_mb()
    store = ChunkStore.open(settings, embedder.name, collection="bench-scale", reset=True)
    rng = np.random.default_rng(2030)
    text_rng = random.Random(2030)
    catalog = Catalog([])
    results: list[dict[str, Any]] = []
    current = 0
    insert_rate = 0.0  # chunks/s, measured as we go
    for size in spec["sizes"]:
        remaining = deadline - time.perf_counter()
        need = (size - current) / insert_rate if insert_rate else 0.0
        if insert_rate and need > remaining:
            results.append(
                {"chunks": size, "skipped": f"over the time budget (≈{need:.0f} s to insert)"}
            )
            continue
        started = time.perf_counter()
        with tqdm(
            total=size - current,
            desc=f"Échelle {size:,} passages".replace(",", " "),
            unit="passage",
            disable=not spec.get("progress", True),
        ) as bar:
            _grow(store, pool, pool_texts, pool_meta, current, size, rng, text_rng, bar)
        insert_s = time.perf_counter() - started
        insert_rate = (size - current) / insert_s if insert_s else 0.0
        current = size

        snapshot_s = _timed_snapshot_write(settings, store.name, embedder.name)
        gc.collect()
        started = time.perf_counter()
        retriever = HybridRetriever.build(store, embedder, settings, None)
        build_s = time.perf_counter() - started
        rss = rss_mb()
        chain = compose(
            Components(
                catalog=catalog,
                retriever=retriever,
                condenser=RuleCondenser(catalog),
                answerer=ExtractiveAnswerer(retriever, catalog, embedder=embedder),
            )
        )
        started = time.perf_counter()
        chain.invoke({"question": queries[0], "history": [], "filters": Filters()})
        first_answer_s = time.perf_counter() - started

        retrieval_ms = []
        for q in queries:
            started = time.perf_counter()
            retriever.retrieve(q)
            retrieval_ms.append((time.perf_counter() - started) * 1000)
        answer_ms = []
        for q in answer_queries:
            started = time.perf_counter()
            chain.invoke({"question": q, "history": [], "filters": Filters()})
            answer_ms.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "chunks": size,
                "real_chunks": min(size, len(pool_texts)),
                "synthetic_chunks": max(0, size - len(pool_texts)),
                "insert_s": round(insert_s, 1),
                "insert_chunks_per_s": round(insert_rate, 1),
                "snapshot_write_s": round(snapshot_s, 1),
                "load_index_s": round(build_s, 2),
                "first_answer_after_load_s": round(first_answer_s, 3),
                "retrieval_ms_p50": round(percentile(retrieval_ms, 0.5), 1),
                "retrieval_ms_p95": round(percentile(retrieval_ms, 0.95), 1),
                "answer_ms_p50": round(percentile(answer_ms, 0.5), 1),
                "answer_ms_p95": round(percentile(answer_ms, 0.95), 1),
                "rss_mb": round(rss, 1),
                "index_rss_mb": round(rss - rss_model, 1),
                "rss_mb_after_queries": round(rss_mb(), 1),
            }
        )
        del chain, retriever
    return {
        "pool_chunks": len(pool_texts),
        "noise_sigma": NOISE_SIGMA,
        "queries": len(queries),
        "answer_queries": len(answer_queries),
        "model_load_s": round(model_s, 2),
        "rss_mb_python": round(rss_start, 1),
        "rss_mb_with_model": round(rss_model, 1),
        "sizes": results,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m assistant.bench.scale SPEC.json OUT.json``."""
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    spec = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    result = run_scale(spec)
    Path(args[1]).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
