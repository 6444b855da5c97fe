"""Helpers shared by the indexing, fault and server tests: small temp corpora and stores."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant import Settings
from assistant.bench.servers import free_port, stop, wait_http
from assistant.embeddings import Embedder
from assistant.index import ChunkStore
from assistant.ingest import IndexReport, index_paths

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
ASSISTANT = str(VENV_BIN / "assistant")
CHROMA = str(VENV_BIN / "chroma")


def doc_text(doc_id: str, title: str, paragraphs: int = 3, *, extra: str = "") -> str:
    """A small French Markdown document with front matter."""
    body = "\n\n".join(
        f"Le programme {title} forme des techniciens et des ingénieurs dans la région. "
        f"La phase {n} prévoit des modules de formation continue, des stages en entreprise "
        f"et un accompagnement des demandeurs d'emploi vers les métiers d'avenir."
        for n in range(1, paragraphs + 1)
    )
    return (
        f'---\nid: {doc_id}\ntitle: "{title}"\nkind: programme\n'
        f'regions: ["Bretagne"]\nsectors: ["hydrogène"]\nbudget_total_eur: 1000000\n---\n'
        f"# {title}\n\n{body}\n{extra}"
    )


def write_corpus(folder: Path, n: int, *, paragraphs: int = 3, prefix: str = "prog") -> list[str]:
    """Write ``n`` Markdown documents; return their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(n):
        doc_id = f"{prefix}-{i:03d}"
        (folder / f"{doc_id}.md").write_text(
            doc_text(doc_id, f"Programme {prefix} {i}", paragraphs), encoding="utf-8"
        )
        ids.append(doc_id)
    return ids


def temp_settings(base: Settings, tmp: Path, **update: Any) -> Settings:
    """``base`` with its data and corpus folders under ``tmp`` (never the main index)."""
    values: dict[str, Any] = {
        "data_dir": tmp / "data",
        "corpus_dir": tmp / "corpus",
        "collection": "test",
        "chroma_host": None,
        "api_warm_up": False,
    }
    values.update(update)
    return base.model_copy(update=values)


def open_store(settings: Settings, embedder: Embedder, **kwargs: Any) -> ChunkStore:
    return ChunkStore.open(settings, embedder.name, **kwargs)


def run_index(
    paths: list[Path], store: ChunkStore, embedder: Embedder, settings: Settings
) -> IndexReport:
    return index_paths(
        paths,
        store=store,
        embedder=lambda: embedder,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        progress=False,
    )


def assert_consistent(store: ChunkStore) -> dict[str, Any]:
    """Every stored document is complete, once, with unique chunk ids; return the manifest."""
    manifest = store.manifest()
    all_ids: list[str] = []
    for doc_id, state in manifest.items():
        assert state.complete, f"{doc_id} is half-indexed: {state}"
        all_ids.extend(state.chunk_ids)
    assert len(all_ids) == len(set(all_ids)) == store.count()
    return manifest


# --- subprocesses and servers ------------------------------------------------------------------


def subprocess_env(settings_env: Mapping[str, str]) -> dict[str, str]:
    """The current environment plus ``settings_env``, without a proxy for loopback calls."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(settings_env)
    return env


class ChromaServer:
    """A real ``chroma run`` server on a free loopback port, in a folder of its own."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = path.parent / f"chroma-{self.port}.log"

    @property
    def heartbeat(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v2/heartbeat"

    def start(self, timeout: float = 60.0) -> ChromaServer:
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1",
                 "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=subprocess_env({"ANONYMIZED_TELEMETRY": "False"}),
            )  # fmt: skip
        try:
            wait_http(self.heartbeat, timeout=timeout, proc=self.proc)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
            self.proc = None

    def env(self) -> dict[str, str]:
        return {"ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(self.port)}


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(path).start()
    try:
        yield server
    finally:
        server.stop()


class CountingEmbedder:
    """The real embedder, counting what ``embed_documents`` is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.document_calls = 0
        self.documents_embedded = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def max_seq_length(self) -> int:
        return self.inner.max_seq_length

    def embed_documents(self, texts: Sequence[str]) -> Any:
        self.document_calls += 1
        self.documents_embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Any:
        return self.inner.embed_query(text)

    def embed_queries(self, texts: Sequence[str]) -> Any:
        return self.inner.embed_queries(texts)


# --- live index: a corpus whose « Alpha » fact changes between index versions ---------------

LIVE_QUESTION = "Combien de stagiaires le programme Alpha accueille-t-il ?"
#: The sentence the answer quotes, per version of the Alpha document.
LIVE_FACTS = {
    1: "Le programme Alpha accueille 42 stagiaires chaque année (version 1).",
    2: "Le programme Alpha accueille 87 stagiaires chaque année (version 2).",
}


def write_live_corpus(corpus: Path, version: int) -> None:
    """Write the Alpha and Beta documents, Alpha carrying the fact of ``version``."""
    corpus.mkdir(parents=True, exist_ok=True)
    alpha = doc_text("alpha", "Alpha", 2, extra=f"\n{LIVE_FACTS[version]}\n")
    (corpus / "alpha.md").write_text(alpha, encoding="utf-8")
    (corpus / "beta.md").write_text(doc_text("beta", "Beta", 2), encoding="utf-8")


def live_version_of(answer: Mapping[str, Any]) -> int | None:
    """The one version an answer (``Answer.to_json()``) quotes; None if none or both."""
    quoted = answer["answer"] + " ".join(c["quote"] for c in answer["citations"])
    seen = {v for v, fact in LIVE_FACTS.items() if fact in quoted}
    return seen.pop() if len(seen) == 1 else None
