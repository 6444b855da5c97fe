"""Shared machinery of the benchmarks: throw-away stores, indexing, asking, scoring.

Every benchmark collection lives in a Chroma database under a temporary folder
(:func:`throwaway_settings`), so the main collection is never opened, let alone changed.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tqdm import tqdm

from assistant.answer import Answer
from assistant.bench.squad import BenchQuestion, best_f1, is_contained
from assistant.bench.stats import percentile
from assistant.config import Settings, get_settings
from assistant.errors import AssistantError
from assistant.ingest.chunking import Chunk, chunk_document
from assistant.ingest.indexing import chunk_metadata

if TYPE_CHECKING:
    from assistant.embeddings.base import Embedder
    from assistant.index.sentence_vectors import SentenceSync
    from assistant.index.store import ChunkStore
    from assistant.ingest.documents import Document
    from assistant.service import Assistant

log = logging.getLogger(__name__)

#: Chunks embedded per call while indexing (a progress-bar step).
_EMBED_GROUP = 128


class System(Protocol):
    """A question-answering system under test."""

    name: str

    def ask(self, question: str, history: Sequence[dict[str, str]] = ()) -> Answer: ...


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux ``/proc``; peak RSS elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def throwaway_settings(base: Settings | None = None) -> Iterator[Settings]:
    """Settings whose Chroma database is an embedded one in a temporary folder.

    Deleted on exit, whatever happens; ``chroma_host`` is cleared so that a configured
    server is never written to.
    """
    base = base or get_settings()
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        settings = base.model_copy(
            update={"data_dir": Path(tmp), "chroma_host": None, "answer_cache_size": 0}
        )
        try:
            yield settings
        finally:
            try:
                from chromadb.api.client import SharedSystemClient

                SharedSystemClient.clear_system_cache()
            except Exception:  # only releases file handles before the folder goes
                log.debug("could not clear chromadb's client cache", exc_info=True)


def subprocess_env(settings: Settings) -> dict[str, str]:
    """Environment of a child ``assistant`` process using ``settings``' throw-away store."""
    env = dict(os.environ)
    env["ASSISTANT_DATA_DIR"] = str(settings.data_dir)
    env.pop("ASSISTANT_CHROMA_HOST", None)
    return env


@dataclass
class IndexStats:
    """What indexing a document set cost."""

    documents: int
    chunks: int
    seconds: float
    #: Chunks and sentences embedded by this run (the others came from the vector cache).
    embedded: int | None = None
    #: Distinct sentences whose vectors the index holds (``None``: not stored).
    sentences: int | None = None

    @property
    def chunks_per_second(self) -> float:
        return self.chunks / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 2),
            "chunks_per_second": round(self.chunks_per_second, 2),
            "embedded": self.embedded,
            "sentences": self.sentences,
        }


def index_documents(
    documents: Sequence[Document],
    store: ChunkStore,
    embedder: Embedder,
    *,
    chunk_size: int,
    chunk_overlap: int,
    progress: bool = True,
    desc: str = "Indexation",
) -> IndexStats:
    """Chunk, embed and store documents as ``assistant index`` does (same chunks, metadata,
    sentence vectors).

    Time counts the whole path: chunking, embedding and writing to Chroma; with ``embedder``
    behind the vector cache, ``embedded`` says how much was really embedded.
    """
    started = time.perf_counter()
    misses_before = cache_misses(embedder)
    planned: list[tuple[Document, list[Chunk]]] = [
        (doc, chunk_document(doc, size=chunk_size, overlap=chunk_overlap)) for doc in documents
    ]
    total = sum(len(chunks) for _, chunks in planned)
    group: list[tuple[Document, list[Chunk]]] = []
    with tqdm(total=total, desc=desc, unit="passage", disable=not progress) as bar:
        for i, item in enumerate(planned):
            group.append(item)
            if sum(len(c) for _, c in group) < _EMBED_GROUP and i < len(planned) - 1:
                continue
            chunks = [c for _, cs in group for c in cs]
            vectors = embedder.embed_documents([c.embed_text for c in chunks])
            metas = [chunk_metadata(doc, c, len(cs)) for doc, cs in group for c in cs]
            store.add([c.id for c in chunks], vectors, [c.text for c in chunks], metas)
            bar.update(len(chunks))
            group = []
    synced = sync_sentences(store, embedder, progress=progress)
    misses_after = cache_misses(embedder)
    if misses_before is None or misses_after is None:
        embedded = total + synced.embedded
    else:
        embedded = misses_after - misses_before
    return IndexStats(
        len(planned), total, time.perf_counter() - started, embedded, synced.referenced
    )


def cache_misses(embedder: Embedder) -> int | None:
    """Texts the passage-vector cache has embedded so far (``None``: no cache)."""
    from assistant.embeddings.cache import CachedEmbedder

    return embedder.misses if isinstance(embedder, CachedEmbedder) else None


def sync_sentences(store: ChunkStore, embedder: Embedder, *, progress: bool) -> SentenceSync:
    """Bring the sentence vectors of ``store`` in line with its chunks, as ``assistant
    index`` does at its end (a no-op once done)."""
    from assistant.index.sentence_vectors import SentenceVectorStore

    return SentenceVectorStore.for_chunks(store).sync(
        (chunk.text for chunk in store.iter_chunks()),
        lambda: embedder.embed_documents,
        progress=progress,
    )


def our_system(settings: Settings, collection: str, embedder: Embedder) -> Assistant:
    """This project's assistant over a throw-away collection, sharing one loaded embedder."""
    from assistant.service import Assistant

    assistant = Assistant(settings, collection=collection)
    # Pre-fill the cached property: one model in memory for every system of the run.
    assistant.__dict__["embedder"] = embedder
    return assistant


class AssistantSystem:
    """Adapter of :class:`~assistant.service.Assistant` to :class:`System`."""

    def __init__(self, name: str, assistant: Assistant) -> None:
        self.name = name
        self.assistant = assistant

    def ask(self, question: str, history: Sequence[dict[str, str]] = ()) -> Answer:
        return self.assistant.ask(question, history=history)


# --- asking and scoring ----------------------------------------------------------------------


def ask_all(
    system: System,
    questions: Sequence[BenchQuestion],
    *,
    progress: bool = True,
    desc: str | None = None,
) -> list[dict[str, Any]]:
    """Ask every question (after one warm-up question) and return one row per question."""
    if questions:  # the first answer pays for lazy loading: keep it out of the latencies
        with suppress(AssistantError):
            system.ask(questions[0].question)
    rows = []
    for q in tqdm(questions, desc=desc or system.name, unit="question", disable=not progress):
        started = time.perf_counter()
        error = None
        try:
            answer: Answer | None = system.ask(q.question, list(q.history))
        except AssistantError as exc:
            answer, error = None, str(exc)
        latency = (time.perf_counter() - started) * 1000
        retrieved: list[str] = []
        for p in answer.passages if answer else []:
            if p.doc_id not in retrieved:
                retrieved.append(p.doc_id)
        ranking = getattr(system, "last_ranking", None) or retrieved
        sources = set(q.sources)
        text = answer.text if answer else ""
        answered = bool(answer and answer.answerable)
        rows.append(
            {
                "id": q.id,
                "type": q.type,
                "answerable_expected": q.answerable,
                "answerable": answered,
                "rank": _rank(retrieved, sources),
                "ranking_rank": _rank(ranking, sources),
                "has_sources": bool(sources),
                "sources": sorted(sources),
                "contained": answered and is_contained(text, q),
                "f1": round(best_f1(text, q.expected), 4)
                if answered and q.expected and not q.all_expected
                else 0.0
                if q.expected and not q.all_expected
                else None,
                "cited": [c.doc_id for c in answer.citations] if answer else [],
                "retrieved": retrieved[:10],
                "latency_ms": round(latency, 1),
                "error": error,
            }
        )
    return rows


def _rank(ranking: Sequence[str], sources: set[str]) -> int | None:
    return next((i + 1 for i, d in enumerate(ranking) if d in sources), None)


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate :func:`ask_all` rows into the benchmark metrics."""
    ranked = [r for r in rows if r["has_sources"]]
    answerable = [r for r in rows if r["answerable_expected"]]
    unanswerable = [r for r in rows if not r["answerable_expected"]]
    f1s = [r["f1"] for r in answerable if r["f1"] is not None]
    latencies = [r["latency_ms"] for r in rows]

    def ratio(items: Sequence[dict[str, Any]], test: Any) -> float | None:
        return round(sum(1 for r in items if test(r)) / len(items), 4) if items else None

    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "hit@1": ratio(ranked, lambda r: r["rank"] == 1),
        "hit@5": ratio(ranked, lambda r: r["rank"] is not None and r["rank"] <= 5),
        "mrr": round(statistics.fmean(1 / r["rank"] if r["rank"] else 0.0 for r in ranked), 4)
        if ranked
        else None,
        "ranking_hit@5": ratio(
            ranked, lambda r: r["ranking_rank"] is not None and r["ranking_rank"] <= 5
        ),
        "containment": ratio(answerable, lambda r: r["contained"]),
        "f1": round(statistics.fmean(f1s), 4) if f1s else None,
        "source_cited": ratio(
            [r for r in answerable if r["has_sources"]],
            lambda r: bool(set(r["cited"]) & set(r["sources"])),
        ),
        "refusal_accuracy": ratio(unanswerable, lambda r: not r["answerable"]),
        "false_refusal_rate": ratio(answerable, lambda r: not r["answerable"]),
        "errors": sum(1 for r in rows if r["error"]),
        "latency_ms_p50": round(percentile(latencies, 0.5), 1),
        "latency_ms_p95": round(percentile(latencies, 0.95), 1),
    }
