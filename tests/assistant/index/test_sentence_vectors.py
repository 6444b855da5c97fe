"""Sentence vectors stored at indexing: embedded once, kept in line with the chunks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _helpers import CountingEmbedder, doc_text, open_store, run_index, temp_settings, write_corpus

from assistant import Settings
from assistant.embeddings import Embedder
from assistant.index.sentence_vectors import (
    SENTENCE_CHARS,
    SentenceVectorStore,
    sentence_key,
    sentence_texts,
)
from assistant.index.store import ChunkStore

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(model_settings: Settings, tmp_path: Path) -> Settings:
    return temp_settings(model_settings, tmp_path)


def wanted_keys(store: ChunkStore) -> set[str]:
    """Keys of every sentence of the stored chunks."""
    return {sentence_key(t) for c in store.iter_chunks() for t in sentence_texts(c.text)}


def test_sentence_texts_are_the_quotable_sentences_cut_like_the_answerer() -> None:
    long = "Le programme finance " + "des formations, " * 40 + "en région."
    text = f"# Titre\n\nPremière phrase du texte. {long}\n\n- Un élément de liste assez long."
    texts = sentence_texts(text)
    assert texts[0] == "Première phrase du texte."
    assert texts[1] == long[:SENTENCE_CHARS]
    assert texts[2] == "Un élément de liste assez long."
    assert all(not t.startswith("#") for t in texts)


def test_unchanged_corpus_embeds_no_sentence(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    store = open_store(settings, embedder)
    sentences = SentenceVectorStore.for_chunks(store)

    first = run_index([corpus], store, embedder, settings)
    keys = wanted_keys(store)
    assert first.sentences_embedded == len(keys) > 0
    assert sentences.keys() == keys
    # The stored vectors are the embedder's own (what the answerer would compute).
    texts = [t for c in store.iter_chunks() for t in sentence_texts(c.text)][:5]
    stored = np.stack(sentences.vectors(texts))  # type: ignore[arg-type]
    np.testing.assert_allclose(stored, embedder.embed_documents(texts), atol=1e-5)

    counting = CountingEmbedder(embedder)
    second = run_index([corpus], store, counting, settings)  # type: ignore[arg-type]
    assert second.sentences_embedded == second.sentences_deleted == 0
    assert counting.document_calls == 0
    assert sentences.keys() == keys


def test_changed_document_embeds_only_its_new_sentences_and_drops_stale_ones(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    store = open_store(settings, embedder)
    sentences = SentenceVectorStore.for_chunks(store)
    run_index([corpus], store, embedder, settings)
    before = sentences.keys()

    (corpus / "prog-001.md").write_text(
        doc_text(
            "prog-001", "Programme modifié", 2, extra="\nNouveau paragraphe : 42 stagiaires.\n"
        ),
        encoding="utf-8",
    )
    (corpus / "prog-002.md").unlink()
    counting = CountingEmbedder(embedder)
    report = run_index([corpus], store, counting, settings)  # type: ignore[arg-type]

    after = sentences.keys()
    assert after == wanted_keys(store)
    new, stale = after - before, before - after
    assert new and stale
    assert report.sentences_embedded == len(new)
    assert report.sentences_deleted == len(stale)
    # Chunks of the changed document, then only its sentences that were not stored yet.
    chunks = report.chunks_embedded
    assert counting.documents_embedded == chunks + len(new)
    # Sentences shared with the unchanged document are kept.
    unchanged = {
        sentence_key(t)
        for c in store.iter_chunks()
        if c.doc_id == "prog-000"
        for t in sentence_texts(c.text)
    }
    assert unchanged <= before & after


def test_reset_drops_the_sentence_vectors(
    settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1)
    store = open_store(settings, embedder)
    run_index([corpus], store, embedder, settings)
    assert SentenceVectorStore.for_chunks(store).keys()
    reset = open_store(settings, embedder, reset=True)
    assert SentenceVectorStore.for_chunks(reset).keys() == set()
