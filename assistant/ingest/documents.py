"""Load source documents (Markdown, text, HTML, PDF, DOCX) into :class:`Document`.

:func:`load_document` reads one file and raises a :class:`DocumentError`
subclass on failure; :func:`iter_documents` walks files and folders and yields
a :class:`LoadFailure` for each file that fails, so callers report it and go on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import (
    DocumentError,
    DocumentParseError,
    FrontMatterError,
    ReadError,
    UnsupportedFormatError,
)
from assistant.ingest import readers as _readers
from assistant.text.patterns import web_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "Document",
    "LoadFailure",
    "iter_documents",
    "load_document",
    "slugify",
]

logger = logging.getLogger(__name__)

#: Files bigger than this are refused (bytes).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Extension -> (format name, reader).
_FORMATS: dict[str, tuple[str, Callable[[bytes], _readers.Parsed]]] = {
    ".md": ("markdown", _readers.read_markdown),
    ".markdown": ("markdown", _readers.read_markdown),
    ".txt": ("text", _readers.read_text),
    ".html": ("html", _readers.read_html),
    ".htm": ("html", _readers.read_html),
    ".pdf": ("pdf", _readers.read_pdf),
    ".docx": ("docx", _readers.read_docx),
}

#: Extensions :func:`load_document` accepts (lowercase, with the dot).
SUPPORTED_EXTENSIONS = frozenset(_FORMATS)

# French messages for end users, by failure.
_USER_MESSAGES = {
    "not found": "Ce fichier est introuvable.",
    "unreadable": "Ce fichier ne peut pas être ouvert (droits d'accès ?).",
    "unsupported": "Ce format de fichier n'est pas pris en charge "
    "(formats acceptés : Markdown, texte, HTML, PDF, DOCX).",
    "too large": "Ce document est trop volumineux pour être indexé.",
    "binary": "Ce fichier ne contient pas de texte lisible.",
    "empty": "Ce document est vide.",
    "parse": "Ce document est endommagé ou illisible.",
    "front_matter": "L'en-tête YAML (front matter) de ce document est invalide.",
}


@dataclass(frozen=True)
class Document:
    """A source document, ready to be chunked."""

    id: str
    title: str
    text: str
    url: str | None
    metadata: dict[str, Any]
    source_path: str
    content_hash: str
    format: str


@dataclass(frozen=True)
class LoadFailure:
    """A file :func:`iter_documents` could not load."""

    path: str
    reason: str
    user_message: str


_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss"})


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents stripped, other non-alphanumerics become ``-``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def _first_url(metadata: dict[str, Any]) -> str | None:
    url = web_url(metadata.get("url"))
    if url:
        return url
    sources = metadata.get("sources")
    if isinstance(sources, str | dict):
        sources = [sources]
    if isinstance(sources, list) and sources:
        first = sources[0]
        if isinstance(first, dict):
            first = first.get("url")
        return web_url(first)
    return None


def _text_field(metadata: dict[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


def load_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`.

    Raises :class:`UnsupportedFormatError` for an unknown extension,
    :class:`FrontMatterError` for a bad Markdown front matter and
    :class:`DocumentParseError` for a file that is too large, binary, corrupt
    or empty (``reason`` is then ``"too large"``, ``"binary content"``,
    ``"empty document"`` or the parser's own message).
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise UnsupportedFormatError(
            name,
            f"unsupported extension {suffix or '(none)'!r}",
            user_message=_USER_MESSAGES["unsupported"],
        )
    fmt, reader = _FORMATS[suffix]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            logger.info("%s: %d bytes, limit %d", name, size, max_bytes)
            raise DocumentParseError(name, "too large", user_message=_USER_MESSAGES["too large"])
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(
            name, "file not found", user_message=_USER_MESSAGES["not found"]
        ) from exc
    except IsADirectoryError as exc:
        raise DocumentError(
            name, "is a directory", user_message=_USER_MESSAGES["unreadable"]
        ) from exc
    except OSError as exc:
        raise DocumentError(
            name, f"cannot read: {exc.strerror or exc}", user_message=_USER_MESSAGES["unreadable"]
        ) from exc

    try:
        parsed = reader(raw)
    except ReadError as exc:
        error = FrontMatterError if exc.kind == "front_matter" else DocumentParseError
        raise error(name, exc.reason, user_message=_USER_MESSAGES[exc.kind]) from exc
    if not parsed.text.strip():
        raise DocumentParseError(name, "empty document", user_message=_USER_MESSAGES["empty"])

    content_hash = hashlib.sha256(raw).hexdigest()
    meta = parsed.metadata
    doc_id = _text_field(meta, "id") or slugify(path.stem) or f"doc-{content_hash[:12]}"
    title = _text_field(meta, "title") or (parsed.title or "").strip() or path.stem
    return Document(
        id=doc_id,
        title=title,
        text=parsed.text,
        url=_first_url(meta) or web_url(parsed.url),
        metadata=meta,
        source_path=name,
        content_hash=content_hash,
        format=fmt,
    )


def _walk(root: Path, exclude_dirs: frozenset[str]) -> Iterator[Path]:
    """Yield supported files under ``root`` in sorted order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in exclude_dirs)
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            file = Path(dirpath, filename)
            if file.suffix.lower() not in SUPPORTED_EXTENSIONS:
                logger.debug("skipping %s: unsupported extension", file)
                continue
            yield file


def iter_documents(
    paths: Iterable[Path],
    *,
    exclude_dirs: Iterable[str] = ("qa",),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | LoadFailure]:
    """Load files and folders (walked recursively, in sorted order).

    Hidden files and folders, folders named in ``exclude_dirs`` and files with
    an unsupported extension found while walking are skipped. A path given
    explicitly is always attempted: if it is missing or unsupported, that is a
    :class:`LoadFailure`. Each file is loaded once even if listed twice
    (duplicate document ids are left to the caller).
    """
    excluded = frozenset(exclude_dirs)
    seen_files: set[Path] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files: Iterable[Path] = _walk(given, excluded)
        elif given.exists():
            files = [given]
        else:
            yield LoadFailure(str(given), "file not found", _USER_MESSAGES["not found"])
            continue
        for file in files:
            key = file.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            try:
                document = load_document(file, max_bytes=max_bytes)
            except DocumentError as exc:
                logger.warning("cannot load %s: %s", file, exc.reason)
                yield LoadFailure(str(file), exc.reason, exc.user_message)
                continue
            yield document
