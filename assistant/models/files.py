"""The model folder on disk: build markers, build info, the build lock, atomic moves.

Shared by the e5 rebuild (:mod:`assistant.models.build`) and the ONNX export
(:mod:`assistant.models.onnx_export`), which both write into the model folder under the
same lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import ModelBuildError

#: Folder name of the rebuilt model under ``settings.models_dir``.
E5_FOLDER_NAME = "multilingual-e5-small"
BUILD_INFO_FILE = "BUILD_INFO.json"
WEIGHTS_FILE = "model.safetensors"
#: Files whose presence marks a finished build (the folder is renamed into place last).
REQUIRED_FILES = ("config.json", WEIGHTS_FILE, "tokenizer.json", "modules.json", BUILD_INFO_FILE)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sibling(target: Path, kind: str) -> Path:
    """Unique hidden path next to ``target`` (``kind`` is "tmp" or "old")."""
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def move_into_place(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` to ``target``; a previous ``target`` is moved aside then deleted."""
    old: Path | None = None
    if target.exists():
        old = sibling(target, "old")
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def is_complete(folder: Path) -> bool:
    """Whether ``folder`` holds a finished build."""
    return all((folder / name).is_file() for name in REQUIRED_FILES)


def read_build_info(folder: Path) -> dict[str, Any] | None:
    """Contents of ``BUILD_INFO.json`` in ``folder``, or ``None`` if absent or unreadable."""
    try:
        info = json.loads((folder / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


@contextlib.contextmanager
def model_lock(models_dir: Path) -> Iterator[None]:
    """Serialise builds across processes (no-op where ``fcntl`` is unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        fh = (models_dir / f".{E5_FOLDER_NAME}.lock").open("a")
    except OSError as exc:
        raise ModelBuildError(
            f"models folder {models_dir} is not writable ({exc}); set ASSISTANT_CACHE_DIR"
        ) from exc
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
