"""Bad documents while indexing, and an indexing run killed with SIGKILL then run again."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from _helpers import (
    ASSISTANT,
    assert_consistent,
    doc_text,
    open_store,
    run_index,
    subprocess_env,
    temp_settings,
    write_corpus,
)

from assistant import Settings
from assistant.embeddings import Embedder
from assistant.ingest import DEFAULT_MAX_BYTES

pytestmark = pytest.mark.slow

# A minimal one-page PDF whose cross-reference table and stream are truncated.
CORRUPT_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
    b"4 0 obj << /Length 999 >> stream\nBT /F1 12 Tf (Budget"
)


def _bad_corpus(corpus: Path) -> dict[str, str]:
    """Write the bad files next to two good ones; return {file name: expected reason part}."""
    write_corpus(corpus, 2)
    (corpus / "corrompu.pdf").write_bytes(CORRUPT_PDF)
    (corpus / "vide.md").write_bytes(b"")
    (corpus / "blancs.txt").write_text("  \n\t\n", encoding="utf-8")
    (corpus / "image.md").write_bytes(bytes(range(256)) * 64)  # binary renamed .md
    (corpus / "entete.md").write_text(
        "---\nid: entete\ntitle: [non fermé\n---\n# Titre\n\nTexte.\n", encoding="utf-8"
    )
    (corpus / "sans-fin.md").write_text("---\nid: sans-fin\n# Titre\n\nTexte.\n", encoding="utf-8")
    with open(corpus / "enorme.txt", "wb") as big:  # 50 MB, over the 20 MB limit
        line = ("Le programme forme des techniciens. " * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            big.write(line)
    # The same id as prog-000 (loaded first, in sorted order): the copy is refused.
    (corpus / "zz-copie.md").write_text(doc_text("prog-000", "Copie"), encoding="utf-8")
    # UTF-16 without a byte-order mark: NUL bytes everywhere, refused as binary.
    (corpus / "utf16.md").write_bytes("# Titre\n\nFormation à Rennes.\n".encode("utf-16-le"))
    return {
        "corrompu.pdf": "PDF",
        "vide.md": "empty",
        "blancs.txt": "empty",
        "image.md": "binary",
        "entete.md": "front matter",
        "sans-fin.md": "front matter",
        "enorme.txt": "too large",
        "zz-copie.md": "duplicate document id",
        "utf16.md": "binary",
    }


def test_bad_documents_are_reported_by_name_and_the_rest_indexed(
    model_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    expected = _bad_corpus(corpus)
    # Legacy encodings are decoded, not refused: cp1252 and latin-1 keep their accents.
    (corpus / "cp1252.md").write_bytes(
        "---\nid: cp1252\ntitle: Électricité\n---\n# Électricité\n\n"
        "Les élèves suivront 120 heures de formation « qualifiante » à Besançon.\n".encode("cp1252")
    )
    (corpus / "latin1.txt").write_bytes(
        "Formation continue à Orléans, coût : 3 500 euros par stagiaire.".encode("latin-1")
    )
    assert (corpus / "enorme.txt").stat().st_size > 2 * DEFAULT_MAX_BYTES

    settings = temp_settings(model_settings, tmp_path)
    store = open_store(settings, embedder)
    report = run_index([corpus], store, embedder, settings)

    failed = {Path(f.path).name: f for f in report.failed}
    assert set(failed) == set(expected)
    for name, reason in expected.items():
        assert reason in failed[name].reason, (name, failed[name].reason)
        assert failed[name].user_message  # a French message for the chat's admin page
    assert sorted(report.added) == ["cp1252", "latin1", "prog-000", "prog-001"]

    manifest = assert_consistent(store)
    assert set(manifest) == {"cp1252", "latin1", "prog-000", "prog-001"}
    texts = {c.doc_id: c.text for c in store.iter_chunks()}
    assert "Besançon" in texts["cp1252"] and "« qualifiante »" in texts["cp1252"]
    assert "Orléans" in texts["latin1"] and "coût" in texts["latin1"]
    assert "Copie" not in " ".join(texts.values())

    # Run again: nothing embedded, the failures are reported again, nothing pruned.
    again = run_index([corpus], store, embedder, settings)
    assert again.chunks_embedded == 0 and not again.deleted
    assert {Path(f.path).name for f in again.failed} == set(expected)


def test_a_file_that_becomes_corrupt_keeps_its_last_good_version(
    model_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    settings = temp_settings(model_settings, tmp_path)
    store = open_store(settings, embedder)
    run_index([corpus], store, embedder, settings)
    (corpus / "prog-001.md").write_text("---\nid: [cassé\n---\n# Titre\n", encoding="utf-8")
    report = run_index([corpus], store, embedder, settings)
    assert [Path(f.path).name for f in report.failed] == ["prog-001.md"]
    assert not report.deleted
    assert set(assert_consistent(store)) == {"prog-000", "prog-001"}


# --- SIGKILL in the middle of a run ---------------------------------------------------------

_PROGRESS = re.compile(r"Embedding:\s+\d+%\|[^|]*\|\s*(\d+)/(\d+)")


def _index_and_kill(corpus: Path, env: dict[str, str], timeout: float = 240.0) -> tuple[int, int]:
    """Start ``assistant index`` and SIGKILL it once some but not all chunks are embedded."""
    log = corpus.parent / "index-stderr.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [ASSISTANT, "index", str(corpus)], stdout=subprocess.DEVNULL, stderr=err, env=env
        )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"indexing finished before it could be killed:\n{log.read_text()}")
            matches = _PROGRESS.findall(log.read_text(errors="replace"))
            done, total = (int(x) for x in matches[-1]) if matches else (0, 1)
            if 0 < done < total * 0.8:
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return done, total
            time.sleep(0.05)
        pytest.fail("indexing did not start embedding in time")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    raise AssertionError("unreachable")


def _rerun(corpus: Path, env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [ASSISTANT, "index", str(corpus), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.timeout(900)
def test_killed_indexing_leaves_no_duplicate_or_half_indexed_document(
    model_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, 40, paragraphs=10)
    settings = temp_settings(model_settings, tmp_path, collection="france2030")
    env = subprocess_env(
        {
            "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_CACHE_DIR": str(settings.cache_dir),
            "ASSISTANT_COLLECTION": settings.collection,
            "ASSISTANT_CHROMA_HOST": "",
            "ASSISTANT_EMBEDDING_THREADS": "1",
        }
    )

    # 1. A first run killed halfway, then run again.
    done, total = _index_and_kill(corpus, env)
    assert 0 < done < total
    report = _rerun(corpus, env)
    assert not report["failed"]
    store = open_store(settings, embedder)
    manifest = assert_consistent(store)
    assert sorted(manifest) == ids

    # 2. Every document changed, a run killed halfway: old and new versions may coexist
    # for a moment, but the next run leaves exactly the new one.
    for i, doc_id in enumerate(ids):
        (corpus / f"{doc_id}.md").write_text(
            doc_text(doc_id, f"Programme révisé {i}", 10 + i % 3), encoding="utf-8"
        )
    _index_and_kill(corpus, env)
    report = _rerun(corpus, env)
    assert not report["failed"] and not report["deleted"]
    store = open_store(settings, embedder)
    manifest = assert_consistent(store)
    assert sorted(manifest) == ids
    for chunk in store.iter_chunks():
        assert "révisé" in chunk.meta.doc_title
    # And a third run has nothing left to do.
    assert _rerun(corpus, env)["chunks_embedded"] == 0
