"""Shared pytest fixtures."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assistant import Settings, get_settings
from assistant.config import DEFAULT_EMBEDDING_MODEL
from assistant.embeddings import Embedder, load_embedder
from assistant.models import ensure_model

if TYPE_CHECKING:
    from assistant import Answer, Assistant
    from assistant.catalog import Catalog

#: The project folder (the CLI resolves its default corpus folder from here).
ROOT = Path(__file__).resolve().parents[1]
#: The data folder of every test and of every process the tests start: outside the
#: project (a test never writes in the clone), one per clone, kept between sessions in the
#: machine's temporary folder since ``assistant index`` is incremental (a first build takes
#: about a minute, later checks about a second).
TEST_DATA_DIR = (
    Path(tempfile.gettempdir())
    / f"france2030-tests-{os.getuid()}-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}"
    / "data"
)
os.environ["ASSISTANT_DATA_DIR"] = str(TEST_DATA_DIR)  # before any settings are read
CORPUS = ROOT / "corpus"
#: The corpus questions: the tuning split, then the held-out one (never edited to pass).
QA_SPLITS = (CORPUS / "qa" / "tune.jsonl", CORPUS / "qa" / "heldout.jsonl")


@pytest.fixture(scope="session")
def model_settings() -> Settings:
    """Settings of the test run, forced to the offline default embedding model.

    ``cache_dir`` comes from the environment (CI sets ``ASSISTANT_CACHE_DIR`` inside the
    clone), so the model is built once per machine or CI run and then reused.
    """
    return get_settings().model_copy(update={"embedding_model": DEFAULT_EMBEDDING_MODEL})


@pytest.fixture(scope="session")
def e5_model_dir(model_settings: Settings) -> Path:
    """Folder of the rebuilt multilingual-e5-small (built on first use)."""
    return ensure_model(model_settings)


@pytest.fixture(scope="session")
def embedder(model_settings: Settings, e5_model_dir: Path) -> Embedder:
    """The real embedder, loaded once per test session."""
    return load_embedder(model_settings)


@pytest.fixture(scope="session", autouse=True)
def indexed_corpus() -> None:
    """``corpus/`` indexed in :data:`TEST_DATA_DIR`, once per session, before any test.

    Autouse and first: a test that opens the main Chroma database in this process before
    it is indexed would keep chromadb's cached view of an empty collection.

    Runs ``assistant index --no-progress`` from the project folder: incremental, so an
    up-to-date index is only checked (about a second) and a stale one is brought up to date.
    """
    cli = Path(sys.executable).with_name("assistant")
    subprocess.run([str(cli), "index", "--no-progress"], cwd=ROOT, check=True)


def _project_settings() -> Settings:
    """The process settings with relative folders resolved against the project folder,
    i.e. the same data folder ``assistant index`` (run from ``ROOT``) wrote to."""
    settings = get_settings()
    update = {
        key: ROOT / value
        for key, value in (("data_dir", settings.data_dir), ("corpus_dir", settings.corpus_dir))
        if not value.is_absolute()
    }
    return settings.model_copy(update=update)


@pytest.fixture(scope="session")
def indexed_assistant(indexed_corpus: None) -> Assistant:
    """The real assistant (e5 embedder, Chroma, catalogue, chain) over the indexed corpus.

    Loaded once per session: it keeps no per-question state.
    """
    from assistant import Assistant

    assistant = Assistant.from_settings(_project_settings())
    _ = assistant.chain  # load every component now
    return assistant


@pytest.fixture(scope="session")
def corpus_catalog() -> Catalog:
    """The programme catalogue read straight from the corpus front matter (no model, no
    Chroma): the same records :meth:`Catalog.from_store` rebuilds from the index."""
    from assistant.catalog import Catalog, ProgrammeRecord
    from assistant.ingest import Document, iter_documents

    records = [
        ProgrammeRecord.from_front_matter(doc.metadata, title=doc.title, url=doc.url)
        for doc in iter_documents([CORPUS])
        if isinstance(doc, Document) and doc.metadata.get("id")
    ]
    return Catalog(records)


@dataclass
class DevRun:
    """One pass of the assistant over the corpus questions (both splits): the metrics report, the
    per-question rows (``--details`` format) and every :class:`Answer` given."""

    report: dict[str, Any]
    rows: list[dict[str, Any]]
    answers: list[tuple[dict[str, Any], Answer]] = field(default_factory=list)


class _RecordingAssistant:
    """Passes calls through to the real assistant and keeps every answer."""

    def __init__(self, inner: Assistant) -> None:
        self.inner = inner
        self.answers: list[Answer] = []

    def warm_up(self) -> None:
        self.inner.warm_up()

    def ask(self, question: str, **kwargs: Any) -> Answer:
        answer = self.inner.ask(question, **kwargs)
        self.answers.append(answer)
        return answer


@pytest.fixture(scope="session")
def dev_run(indexed_assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> DevRun:
    """The whole dev set, asked once per session (shared by the quality-gate tests)."""
    from assistant.bench.evaluation import evaluate, load_questions

    questions = [q for path in QA_SPLITS for q in load_questions(path)]
    recorder = _RecordingAssistant(indexed_assistant)
    details = tmp_path_factory.mktemp("dev") / "details.jsonl"
    report = evaluate(recorder, questions, details=details, progress=False)  # type: ignore[arg-type]
    rows = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert len(recorder.answers) == len(questions), "a dev question raised instead of answering"
    return DevRun(report, rows, list(zip(questions, recorder.answers, strict=True)))
