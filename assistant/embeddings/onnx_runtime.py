"""The embedding model run by ONNX Runtime: the chat's fast-starting encoder.

Reads a sentence-transformers folder whose transformer was exported to ``onnx/model.onnx``
(:mod:`assistant.models.onnx_export`) and reproduces the sentence-transformers pipeline around it:
prompt prefix, tokenisation truncated at ``max_seq_length``, mean (or CLS) pooling over
the attention mask, L2 normalisation. Imports neither torch nor transformers.

Given the int8 copy of the graph (:mod:`assistant.models.quantize`), questions run through
it, one at a time (its activations are quantised per call, so a question's vector never
depends on what it is batched with), and the fp32 graph is only loaded when passages are
first embedded: a chat or API process that reads stored vectors never holds it.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embeddings.base import BaseEmbedder, Vectors, model_identity, progress_bar
from assistant.errors import EmbeddingError
from assistant.models.onnx_export import onnx_model_path
from assistant.models.tokenizer import SpmTokenizer, spm_path

logger = logging.getLogger(__name__)

_SUPPORTED_POOLING = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise EmbeddingError(f"cannot read {path}: {exc}") from exc


def _pipeline(folder: Path) -> tuple[str, bool, int]:
    """(pooling, normalise, dimension) of the sentence-transformers folder; raise when the
    folder uses modules this encoder does not reproduce."""
    modules = _read_json(folder / "modules.json")
    if not isinstance(modules, list):
        raise EmbeddingError(f"{folder} is not a sentence-transformers folder (no modules.json)")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
        raise EmbeddingError(f"{folder}: modules {kinds} are not supported by the ONNX encoder")
    pooling_dir = next(m.get("path", "") for m in modules if str(m.get("type")).endswith("Pooling"))
    config = _read_json(folder / pooling_dir / "config.json") or {}
    modes = [name for key, name in _SUPPORTED_POOLING.items() if config.get(key)]
    others = [k for k, v in config.items() if k.startswith("pooling_mode_") and v]
    if len(modes) != 1 or len(others) != 1 or config.get("include_prompt", True) is not True:
        raise EmbeddingError(f"{folder}: pooling {config} is not supported by the ONNX encoder")
    dimension = int(config.get("word_embedding_dimension") or 0)
    if dimension <= 0:
        raise EmbeddingError(f"{folder}: the pooling config gives no embedding dimension")
    return modes[0], "Normalize" in kinds, dimension


class _HfTokenizer:
    """``tokenizers``' Tokenizer, answering ids like :class:`SpmTokenizer`."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self._tokenizer.encode_batch(texts)]


class OnnxEmbedder(BaseEmbedder):
    """A sentence-transformers model whose transformer runs in ONNX Runtime (CPU)."""

    def __init__(
        self,
        model_path: Path,
        *,
        name: str | None = None,
        batch_size: int = 32,
        threads: int = 0,
        query_graph: Path | None = None,
    ) -> None:
        """Load ``model_path`` (a sentence-transformers folder with ``onnx/model.onnx``);
        questions use ``query_graph`` (an int8 copy) when given and loadable."""

        self.model_path = Path(model_path)
        self.batch_size = max(1, batch_size)
        graph = onnx_model_path(self.model_path)
        if not graph.is_file():
            raise EmbeddingError(f"{self.model_path} has no {graph.relative_to(self.model_path)}")
        self._graph, self._threads = graph, threads
        self._passage_lock = threading.Lock()
        self._pooling, self._normalise, self._dimension = _pipeline(self.model_path)
        st_config = _read_json(self.model_path / "sentence_bert_config.json") or {}
        self._max_len = int(st_config.get("max_seq_length") or 512)
        config = _read_json(self.model_path / "config.json") or {}
        self._pad_id = int(config.get("pad_token_id") or 0)
        # Parsing tokenizer.json (17 MB for e5) takes seconds and releases the GIL: it runs
        # in a thread while the session loads and the caller goes on (e.g. opening Chroma).
        self._tokenizer_result: list[Any] = []
        self._tokenizer_thread = threading.Thread(
            target=self._load_tokenizer, name="onnx-tokenizer-load"
        )
        self._tokenizer_thread.start()
        try:
            self._query_session = self._load_query_session(query_graph)
            self._passage_session: Any = None
            if self._query_session is None:
                self._passage_session = self._query_session = self._load_session(graph, threads)
        except BaseException:
            self._tokenizer_thread.join()
            raise
        self.query_int8 = self._passage_session is None
        self._inputs = {i.name for i in self._query_session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= self._inputs:
            raise EmbeddingError(f"{graph}: unexpected inputs {sorted(self._inputs)}")
        self._name = name or model_identity(self.model_path)
        st_meta = _read_json(self.model_path / "config_sentence_transformers.json") or {}
        self._set_prompts(st_meta.get("prompts"))
        logger.info(
            "Loaded embedding model %s with ONNX Runtime (dimension %d, %s pooling, %s questions)",
            self._name,
            self._dimension,
            self._pooling,
            "int8" if self.query_int8 else "fp32",
        )

    def _load_tokenizer(self) -> None:
        """Thread target: store the tokenizer, or the error, in ``_tokenizer_result``."""
        try:
            spm = spm_path(self.model_path)
            if spm.is_file():
                try:
                    self._tokenizer_result.append(SpmTokenizer(spm, max_length=self._max_len))
                    return
                except (ImportError, OSError, RuntimeError) as exc:
                    logger.warning("Cannot load %s (%s); using tokenizer.json", spm, exc)
            from tokenizers import Tokenizer

            path = self.model_path / "tokenizer.json"
            try:
                tokenizer = Tokenizer.from_file(str(path))
            except Exception as exc:  # tokenizers raises a bare Exception on bad files
                raise EmbeddingError(f"cannot load the tokenizer {path}: {exc}") from exc
            tokenizer.no_padding()  # batches are padded here, after sorting by length
            tokenizer.enable_truncation(max_length=self._max_len)
            self._tokenizer_result.append(_HfTokenizer(tokenizer))
        except BaseException as exc:
            self._tokenizer_result.append(exc)

    @property
    def _tokenizer(self) -> Any:
        """The tokenizer, waiting for its loading thread the first time."""
        self._tokenizer_thread.join()
        result = self._tokenizer_result[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def _load_query_session(self, query_graph: Path | None) -> Any:
        """The int8 session for questions, or ``None`` (questions then use the fp32 one)."""
        if query_graph is None or not Path(query_graph).is_file():
            return None
        try:
            return self._load_session(Path(query_graph), self._threads)
        except EmbeddingError as exc:
            logger.warning("%s; questions will use the fp32 graph", exc)
            return None

    def _passages(self) -> Any:
        """The fp32 session, loaded on first use when questions have their own."""
        if self._passage_session is None:
            with self._passage_lock:
                if self._passage_session is None:
                    self._passage_session = self._load_session(self._graph, self._threads)
        return self._passage_session

    @staticmethod
    def _load_session(graph: Path, threads: int) -> Any:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise EmbeddingError("onnxruntime is not installed") from exc
        options = ort.SessionOptions()
        options.log_severity_level = 3  # errors only
        options.inter_op_num_threads = 1
        if threads > 0:
            options.intra_op_num_threads = threads
        try:
            return ort.InferenceSession(
                str(graph), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime's own exception types are not exported
            raise EmbeddingError(f"cannot load {graph}: {exc}") from exc

    @property
    def max_seq_length(self) -> int:
        """Token limit; longer texts are truncated."""
        return self._max_len

    def _encode_batch(self, texts: list[str], *, query: bool, show_progress: bool) -> Vectors:
        prompt = self._prompt(query)
        tokenizer = self._tokenizer
        try:
            # Stripped like sentence-transformers does (a trailing space is a token here).
            encodings = tokenizer.encode_batch([(prompt + t).strip() for t in texts])
        except Exception as exc:  # e.g. text the tokenizer cannot encode
            raise EmbeddingError(f"tokenising {len(texts)} texts failed: {exc}") from exc
        int8 = query and self.query_int8
        session = self._query_session if query else self._passages()
        batch_size = 1 if int8 else self.batch_size
        # Longest first, as sentence-transformers does: little padding inside a batch.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i]))
        out = np.empty((len(texts), self._dimension), dtype=np.float32)
        with progress_bar(len(texts), show_progress) as bar:
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                out[rows] = self._run(session, [encodings[i] for i in rows])
                bar.update(len(rows))
        return out

    def _run(self, session: Any, ids: list[list[int]]) -> Vectors:
        length = max(len(x) for x in ids)
        input_ids = np.full((len(ids), length), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.int64)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(input_ids)
        try:
            hidden = session.run(None, feed)[0]
            if hidden.ndim != 3 or hidden.shape[-1] != self._dimension:
                raise ValueError(f"output of shape {hidden.shape}, expected [batch, tokens, dim]")
        except Exception as exc:
            raise EmbeddingError(
                f"embedding {len(ids)} texts with {self._name} failed: {exc}"
            ) from exc
        if self._pooling == "cls":
            vectors = hidden[:, 0]
        else:
            weights = mask[..., None].astype(np.float32)
            vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        if self._normalise:
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.maximum(norms, 1e-12)
        return np.ascontiguousarray(vectors, dtype=np.float32)
