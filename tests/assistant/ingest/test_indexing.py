"""Incremental indexing keyed by content hash, on small temp corpora and temp data folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from _helpers import (
    assert_consistent,
    doc_text,
    open_store,
    run_index,
    temp_settings,
    write_corpus,
)

from assistant import Settings, cli, get_settings
from assistant.embeddings import Embedder

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(model_settings: Settings, tmp_path: Path) -> Settings:
    return temp_settings(model_settings, tmp_path)


def test_second_run_embeds_nothing(settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, 4)
    store = open_store(settings, embedder)

    first = run_index([corpus], store, embedder, settings)
    assert sorted(first.added) == ids and first.ok
    assert first.chunks_embedded > 0
    count = store.count()

    second = run_index([corpus], store, embedder, settings)
    assert second.chunks_embedded == 0
    assert sorted(second.unchanged) == ids
    assert not (second.added or second.updated or second.deleted or second.repaired)
    assert store.count() == count
    assert_consistent(store)


def test_changed_document_is_replaced_and_removed_one_deleted(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    store = open_store(settings, embedder)
    run_index([corpus], store, embedder, settings)
    old = store.manifest()

    (corpus / "prog-001.md").write_text(
        doc_text(
            "prog-001", "Programme modifié", 5, extra="\nNouveau paragraphe : 42 stagiaires.\n"
        ),
        encoding="utf-8",
    )
    (corpus / "prog-002.md").unlink()
    report = run_index([corpus], store, embedder, settings)

    assert report.updated == ["prog-001"]
    assert report.deleted == ["prog-002"]
    assert report.unchanged == ["prog-000"]
    manifest = assert_consistent(store)
    assert set(manifest) == {"prog-000", "prog-001"}
    assert manifest["prog-001"].content_hash != old["prog-001"].content_hash
    assert not set(manifest["prog-001"].chunk_ids) & set(old["prog-001"].chunk_ids)
    texts = " ".join(c.text for c in store.iter_chunks() if c.doc_id == "prog-001")
    assert "42 stagiaires" in texts
    # Only the changed document was embedded.
    assert report.chunks_embedded == len(manifest["prog-001"].chunk_ids)


def test_failures_are_reported_by_name_and_the_rest_indexed(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, 2)
    (corpus / "casse.pdf").write_bytes(b"%PDF-1.7\nceci n'est pas un PDF\n%%EOF")
    store = open_store(settings, embedder)
    report = run_index([corpus], store, embedder, settings)
    assert sorted(report.added) == ids
    assert [Path(f.path).name for f in report.failed] == ["casse.pdf"]
    assert "PDF" in report.failed[0].reason
    assert not report.ok


def _run_cli(monkeypatch: pytest.MonkeyPatch, embedder: Embedder, data: Path, *argv: str) -> int:
    """``assistant index`` in-process, on ``data``, with the session's embedder."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    monkeypatch.delenv("ASSISTANT_CHROMA_HOST", raising=False)
    monkeypatch.setattr(
        "assistant.embeddings.loading.load_embedder", lambda settings=None: embedder
    )
    get_settings.cache_clear()
    try:
        return cli.main(["index", "--no-progress", *argv])
    finally:
        get_settings.cache_clear()


def test_cli_exit_status_says_some_files_failed(
    monkeypatch: pytest.MonkeyPatch,
    embedder: Embedder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    (corpus / "binaire.md").write_bytes(bytes(range(256)) * 8)
    status = _run_cli(monkeypatch, embedder, tmp_path / "data", str(corpus))
    out = capsys.readouterr()
    assert status == 2
    assert "binaire.md" in out.err and "binary" in out.err
    assert "2 ajouté(s)" in out.out
    assert "Traceback" not in out.err

    (corpus / "binaire.md").unlink()
    status = _run_cli(monkeypatch, embedder, tmp_path / "data", str(corpus), "--json")
    out = capsys.readouterr()
    assert status == 0
    assert '"chunks_embedded": 0' in out.out


def test_cli_reads_vectors_already_computed_from_the_cache(
    monkeypatch: pytest.MonkeyPatch,
    embedder: Embedder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A fresh index of texts embedded before (a new data folder, a new server, --reset)
    reads their vectors back instead of embedding them again, and says so."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    assert _run_cli(monkeypatch, embedder, tmp_path / "first", str(corpus)) == 0
    capsys.readouterr()
    assert _run_cli(monkeypatch, embedder, tmp_path / "second", str(corpus)) == 0
    out = capsys.readouterr().out
    assert "2 ajouté(s)" in out and "relus dans le cache" in out

    # --reset, the operator's way to rebuild from scratch, embeds everything again.
    assert _run_cli(monkeypatch, embedder, tmp_path / "second", str(corpus), "--reset") == 0
    out = capsys.readouterr().out
    assert "2 ajouté(s)" in out and "cache" not in out and "Débit" in out

    monkeypatch.setenv("ASSISTANT_EMBEDDING_CACHE_MB", "0")
    assert _run_cli(monkeypatch, embedder, tmp_path / "third", str(corpus), "--json") == 0
    assert '"vectors_from_cache": 0' in capsys.readouterr().out
