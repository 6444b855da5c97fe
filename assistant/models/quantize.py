"""An int8 copy of the exported transformer, used to embed questions twice as fast.

A question is embedded at every answer and, once sentence vectors are stored with the
index, that is most of an answer's CPU time. ONNX Runtime's dynamic quantisation
(per-channel int8 weights of the ``MatMul`` operators, activations quantised at run time)
halves it on this machine's CPUs; the question's vector stays within cosine 0.99 of the
fp32 one (mean 0.997 on the tuning questions), and the passages keep being embedded by the
fp32 graph, so the index, its identity and its vectors do not change. The copy is written
once, next to ``onnx/model.onnx``, by ``assistant model build`` or on first use, atomically
and under the model build lock. A failed quantisation is recorded next to the model and
questions are then embedded by the fp32 graph.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from pathlib import Path

from assistant.errors import ModelBuildError
from assistant.models.files import model_lock, sibling
from assistant.models.onnx_export import onnx_model_path

logger = logging.getLogger(__name__)

QUERY_FILE = "model_qint8.onnx"
#: Written next to the fp32 graph when quantisation failed (delete it, or re-export, to retry).
QUANTIZE_FAILURE_FILE = "onnx-quantize-failed.txt"


def _quiet_advice(record: logging.LogRecord) -> bool:
    """Drop quantize_dynamic's "consider pre-processing" advice (logged on the root logger)."""
    return "pre-processing" not in record.getMessage()


def query_model_path(folder: Path) -> Path:
    """Where the int8 graph used for questions is (or would be)."""
    return onnx_model_path(folder).with_name(QUERY_FILE)


def quantize_queries(folder: Path) -> Path:
    """Write the int8 graph of ``folder``'s exported transformer; return its path.

    Raises :class:`ModelBuildError` when the fp32 graph is missing or quantisation fails.
    """
    source, target = onnx_model_path(folder), query_model_path(Path(folder))
    if not source.is_file():
        raise ModelBuildError(f"{folder} has no ONNX export to quantise")
    started = time.perf_counter()
    # Written with its weights in an external file (named after the graph, so under the
    # final names, in a temporary folder): ONNX Runtime memory-maps external weights, so
    # only the embedding rows of the words asked about become resident.
    tmp = sibling(target, "tmp")
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp.mkdir()
        root = logging.getLogger()
        root.addFilter(_quiet_advice)
        try:
            quantize_dynamic(
                str(source),
                str(tmp / target.name),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
                extra_options={"MatMulConstBOnly": True},
                use_external_data_format=True,
            )
        finally:
            root.removeFilter(_quiet_advice)
        data = tmp / f"{target.name}.data"
        if not data.is_file():
            raise ModelBuildError(f"quantize_dynamic wrote no {data.name}")
        for written in (data, tmp / target.name):  # readable like the fp32 graph
            shutil.copymode(source, written)
        os.replace(data, target.with_name(data.name))  # weights first: the graph marks it done
        os.replace(tmp / target.name, target)
    except ModelBuildError:
        raise
    except Exception as exc:  # onnxruntime.quantization raises many types
        raise ModelBuildError(
            f"int8 quantisation of {source} failed: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("Quantised the question encoder in %.1f s", time.perf_counter() - started)
    return target


def ensure_query_graph(folder: Path, models_dir: Path) -> Path | None:
    """The int8 graph of ``folder``, written now if missing; ``None`` when there is no fp32
    graph to quantise or quantisation failed (now or earlier: recorded in ``folder``)."""
    folder = Path(folder)
    path = query_model_path(folder)
    if _complete(path):
        return path
    failure = path.with_name(QUANTIZE_FAILURE_FILE)  # in onnx/: a new export is tried again
    if failure.is_file() or not onnx_model_path(folder).is_file():
        return None
    try:
        with model_lock(models_dir):
            if _complete(path):  # written by another process meanwhile
                return path
            for stale in path.parent.glob(f".{QUERY_FILE}.tmp-*"):  # an interrupted run's
                shutil.rmtree(stale, ignore_errors=True)
            try:
                return quantize_queries(folder)
            except ModelBuildError as exc:
                with contextlib.suppress(OSError):
                    failure.write_text(f"{exc}\n", encoding="utf-8")
                raise
    except ModelBuildError as exc:  # also: a models folder this process cannot write
        logger.warning("%s; questions will use the fp32 graph", exc)
        return None


def _complete(path: Path) -> bool:
    """Whether the int8 graph at ``path`` and its external weights are both there (a graph
    written with inline weights, by an earlier version, is written again)."""
    return path.is_file() and path.with_name(f"{path.name}.data").is_file()
