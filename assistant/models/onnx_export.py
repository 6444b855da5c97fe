"""ONNX export of the embedding model, for a chat that starts in seconds.

sentence-transformers needs torch and transformers, whose imports alone take several
seconds on a small CPU machine. The transformer is therefore exported once, at build
time, to ``onnx/model.onnx`` inside the model folder (where sentence-transformers' own
ONNX backend looks for it); :mod:`assistant.embeddings.onnx_runtime` runs it with ONNX Runtime and
does the pooling and normalisation itself. Both paths give the same vectors (tested), so
an index built by one is queried by the other.

The export is atomic (written under a temporary name, renamed into place) and runs under
the model build lock. A failed export is recorded next to the model and never retried
automatically: the embedder then falls back to sentence-transformers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import time
import warnings
from pathlib import Path

from assistant.errors import ModelBuildError
from assistant.models.files import model_lock, read_build_info

logger = logging.getLogger(__name__)

ONNX_DIR = "onnx"
ONNX_FILE = "model.onnx"
EXPORT_INFO_FILE = "export_info.json"
#: Written instead of ``onnx/`` when the export failed (delete it, or rebuild, to retry).
FAILURE_FILE = "onnx-export-failed.txt"
OPSET = 18
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_model_path(folder: Path) -> Path:
    """Where the exported graph of the model in ``folder`` is (or would be)."""
    return Path(folder) / ONNX_DIR / ONNX_FILE


def export_failed(folder: Path) -> bool:
    """Whether an earlier export of this folder failed (and was recorded)."""
    return (Path(folder) / FAILURE_FILE).is_file()


def export_onnx(folder: Path) -> Path:
    """Export the transformer of the sentence-transformers model in ``folder``.

    Writes ``folder/onnx/model.onnx`` (weights in ``model.onnx.data``) with dynamic batch
    and sequence axes, inputs ``input_ids``, ``attention_mask``, ``token_type_ids`` and the
    output ``last_hidden_state``; returns the path of the graph.
    Raises :class:`ModelBuildError` when the export fails.
    """
    folder = Path(folder)
    started = time.perf_counter()
    tmp = folder / f".{ONNX_DIR}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        tmp.mkdir()
        _export(folder, tmp / ONNX_FILE)
        info = read_build_info(folder) or {}
        _write_info(tmp, info.get("weights_sha256"))
        target = folder / ONNX_DIR
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except ModelBuildError:
        raise
    except Exception as exc:  # torch.onnx raises many types; all mean "no ONNX graph"
        raise ModelBuildError(
            f"ONNX export of {folder} failed: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("Exported %s to ONNX in %.1f s", folder.name, time.perf_counter() - started)
    return onnx_model_path(folder)


def _export(folder: Path, path: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    for name in ("torch.onnx", "torch.export", "torch._dynamo", "onnxscript"):
        logging.getLogger(name).setLevel(logging.ERROR)
    model = AutoModel.from_pretrained(str(folder), local_files_only=True, dtype=torch.float32)
    model.eval()
    # Batch 2, length 8 (sizes other than 0 and 1 keep both axes symbolic), real-looking
    # ids and a padded row: tracing must not specialise on a mask without padding.
    ids = torch.arange(100, 116, dtype=torch.long).reshape(2, 8)
    mask = torch.ones_like(ids)
    mask[1, 5:] = 0
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (ids, mask, torch.zeros_like(ids)),
            str(path),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_shapes=({0: batch, 1: sequence},) * len(_INPUTS),
            opset_version=OPSET,
            dynamo=True,
            external_data=True,
            verbose=False,
        )
    if not path.is_file():
        raise ModelBuildError(f"torch.onnx.export wrote no {path.name}")


def _write_info(tmp: Path, weights_sha: object) -> None:
    import importlib.metadata as md

    versions = {}
    for dist in ("torch", "onnx", "onnxscript"):
        try:
            versions[dist] = md.version(dist)
        except md.PackageNotFoundError:
            versions[dist] = None
    info = {"weights_sha256": weights_sha, "opset": OPSET, "exporter": versions}
    (tmp / EXPORT_INFO_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def ensure_onnx(folder: Path, models_dir: Path) -> Path | None:
    """The ONNX graph of ``folder``, exported now if missing; ``None`` when the export
    failed (now or earlier: the failure is recorded in ``folder``)."""
    path = onnx_model_path(folder)
    if path.is_file():
        return path
    if export_failed(folder):
        return None
    with model_lock(models_dir):
        if path.is_file():  # exported by another process meanwhile
            return path
        if export_failed(folder):
            return None
        for stale in folder.glob(f".{ONNX_DIR}.tmp-*"):  # left by an interrupted export
            shutil.rmtree(stale, ignore_errors=True)
        logger.info("Exporting the embedding model to ONNX (once; the chat then starts faster)")
        try:
            return export_onnx(folder)
        except ModelBuildError as exc:
            logger.warning("%s; sentence-transformers will be used instead", exc)
            with contextlib.suppress(OSError):
                (folder / FAILURE_FILE).write_text(f"{exc}\n", encoding="utf-8")
            return None
