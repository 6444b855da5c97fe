"""The systems this project is compared with, sharing its answer step.

* :class:`LangChainPipeline` — a plain LangChain RAG pipeline as tutorials build it:
  ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` over the raw
  document text, langchain-chroma's ``Chroma`` vector store (default settings) with the
  same e5 embedder, similarity search top-4. No BM25, no title/heading prefix, no
  boosts, no diversity, no filters.
* :class:`Bm25Only` — this project's French BM25 index (with its glossary expansion)
  over this project's chunks, alone.

Both feed the SAME answer step as this project's chain (condense → analyse →
:class:`~assistant.answering.extractive.ExtractiveAnswerer` → verify, wired by
:func:`assistant.answering.chain.compose`), so only retrieval differs. One difference is forced:
the answerability step's domain score needs this project's BM25 statistics and retrieval
confidence, which neither baseline has, so both skip it (focus refusals still apply) and
answer every other question, as a tutorial pipeline does.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from assistant.answer import Answer, Filters, Passage
from assistant.answering.chain import Components, compose
from assistant.answering.condense import RuleCondenser
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.bench.runner import IndexStats, cache_misses
from assistant.index.chroma import make_client
from assistant.index.records import ChunkMeta, StoredChunk
from assistant.index.store import ChunkStore
from assistant.retrieval.base import RetrievalResult
from assistant.retrieval.hybrid import HybridRetriever, top_positions
from assistant.text.glossary import expand_query

if TYPE_CHECKING:
    from assistant.catalog import Catalog
    from assistant.config import Settings
    from assistant.embeddings.base import Embedder
    from assistant.ingest.documents import Document
    from assistant.service import Assistant

#: Chunks shown when diagnosing the ranking (hit@5 whatever the pipeline's own k).
RANKING_DEPTH = 20
_ADD_BATCH = 64


class E5Embeddings(Embeddings):
    """LangChain ``Embeddings`` over this project's embedder (same model, same prefixes)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()


def _chain(retriever: Any, helper: HybridRetriever, catalog: Catalog, embedder: Embedder) -> Any:
    """This project's chain with another retrieval step (and no refusal gate)."""
    answerer = ExtractiveAnswerer(helper, catalog, embedder=embedder)
    return compose(
        Components(
            catalog=catalog,
            retriever=retriever,
            condenser=RuleCondenser(catalog),
            answerer=answerer,
        )
    )


def _invoke(chain: Any, question: str, history: Sequence[dict[str, str]]) -> Answer:
    answer: Answer = chain.invoke(
        {"question": question.strip(), "history": list(history), "filters": Filters()}
    )
    return answer


@dataclass
class LangChainPipeline:
    """Tutorial RAG: recursive splitter 1000/200, Chroma similarity top-4."""

    settings: Settings
    embedder: Embedder
    catalog: Catalog
    collection: str = "bench-langchain"
    chunk_size: int = 1000
    chunk_overlap: int = 200
    k: int = 4
    name: str = "langchain"
    last_ranking: list[str] = field(default_factory=list)

    def index(self, documents: Sequence[Document], *, progress: bool = True) -> IndexStats:
        """Split, embed and store ``documents`` through langchain-chroma's ``Chroma``."""
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        started = time.perf_counter()
        misses_before = cache_misses(self.embedder)
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap, add_start_index=True
        )
        splits = splitter.create_documents(
            [d.text for d in documents],
            metadatas=[
                {"doc_id": d.id, "doc_title": d.title, "doc_url": d.url or ""} for d in documents
            ],
        )
        ids: list[str] = []
        count: dict[str, int] = {}
        chunks: list[StoredChunk] = []
        for split in splits:
            doc_id = str(split.metadata["doc_id"])
            index = count.get(doc_id, 0)
            count[doc_id] = index + 1
            ids.append(f"{doc_id}:{index:04d}")
            start = int(split.metadata.get("start_index", 0))
            meta = ChunkMeta(
                doc_id=doc_id,
                doc_title=str(split.metadata.get("doc_title", "")),
                doc_url=str(split.metadata.get("doc_url") or "") or None,
                chunk_index=index,
                start=start,
                end=start + len(split.page_content),
            )
            chunks.append(StoredChunk(ids[-1], split.page_content, meta))
        client = make_client(self.settings)
        self.vectorstore = Chroma(
            collection_name=self.collection,
            embedding_function=E5Embeddings(self.embedder),
            client=client,
        )
        with tqdm(
            total=len(splits), desc="LangChain 1000/200", unit="passage", disable=not progress
        ) as bar:
            for start in range(0, len(splits), _ADD_BATCH):
                batch = splits[start : start + _ADD_BATCH]
                self.vectorstore.add_documents(batch, ids=ids[start : start + _ADD_BATCH])
                bar.update(len(batch))
        seconds = time.perf_counter() - started
        self.chunks = {c.id: c for c in chunks}
        # The answer step reads whole documents' chunks and word weights from a
        # HybridRetriever; this one is never asked to retrieve.
        store = ChunkStore(
            client.get_collection(self.collection), self.embedder.name, client=client
        )
        helper = HybridRetriever.from_chunks(store, self.embedder, chunks, catalog=self.catalog)
        self._chain = _chain(self, helper, self.catalog, self.embedder)
        misses_after = cache_misses(self.embedder)
        embedded = (
            len(chunks)
            if misses_before is None or misses_after is None
            else misses_after - misses_before
        )
        return IndexStats(len(documents), len(chunks), seconds, embedded)

    def retrieve(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        boost_docs: Sequence[str] = (),
        weak_boost_docs: Sequence[str] = (),
        diversify: bool = True,
    ) -> RetrievalResult:
        """Similarity search top-``k`` (filters, boosts and diversity ignored: plain RAG)."""
        vector = E5Embeddings(self.embedder).embed_query(query)
        hits = self.vectorstore.similarity_search_by_vector_with_relevance_scores(
            vector, k=max(self.k, RANKING_DEPTH)
        )
        ranking: list[str] = []
        for doc, _ in hits:
            if doc.metadata.get("doc_id") not in ranking:
                ranking.append(str(doc.metadata.get("doc_id")))
        self.last_ranking = ranking
        passages = []
        for doc, distance in hits[: self.k]:
            cosine = 1.0 - float(distance) / 2  # squared L2 of unit vectors
            passages.append(Passage(self.chunks[str(doc.id)], cosine, dense=cosine))
        return RetrievalResult(
            passages,
            dense_top=passages[0].dense if passages else 0.0,
            query_vector=np.asarray(vector, dtype=np.float32),
        )

    def ask(self, question: str, history: Sequence[dict[str, str]] = ()) -> Answer:
        return _invoke(self._chain, question, history)


class Bm25Only:
    """This project's lexical index alone (same chunks, same answer step)."""

    name = "bm25"

    def __init__(self, assistant: Assistant) -> None:
        self.helper = assistant.retriever
        self.embedder = assistant.embedder
        self.top_k = assistant.settings.top_k
        self.per_doc = assistant.settings.max_chunks_per_doc
        self.last_ranking: list[str] = []
        self._chain = _chain(self, self.helper, assistant.catalog, assistant.embedder)

    def retrieve(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        boost_docs: Sequence[str] = (),
        weak_boost_docs: Sequence[str] = (),
        diversify: bool = True,
    ) -> RetrievalResult:
        """Top BM25 chunks of the expanded query, at most ``per_doc`` per document."""
        scores = self.helper.lexical.scores(expand_query(query))
        order = top_positions(scores, max(RANKING_DEPTH * 3, self.top_k * 3))
        found = self.helper.chunks_at(i for i in order if scores[i] > 0)
        ranked = [
            Passage(found[i], float(scores[i]), lexical=float(scores[i]))
            for i in order
            if i in found
        ]
        self.last_ranking = list(dict.fromkeys(p.doc_id for p in ranked))
        kept: list[Passage] = []
        per_doc: dict[str, int] = {}
        for p in ranked:
            if per_doc.get(p.doc_id, 0) < self.per_doc:
                per_doc[p.doc_id] = per_doc.get(p.doc_id, 0) + 1
                kept.append(p)
            if len(kept) == self.top_k:
                break
        return RetrievalResult(
            kept,
            lexical_top=kept[0].lexical if kept else 0.0,
            # For the answer step's sentence re-ranking, as in the other systems.
            query_vector=self.embedder.embed_query(query),
        )

    def ask(self, question: str, history: Sequence[dict[str, str]] = ()) -> Answer:
        return _invoke(self._chain, question, history)
