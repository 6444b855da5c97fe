"""Chroma clients and collections: the embedded database or a ``chroma run`` server,
opening, deleting, and chromadb's errors turned into the project's error tree."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from assistant.config import Settings

log = logging.getLogger(__name__)

#: Ids deleted per call.
_PAGE = 2000


def make_client(settings: Settings, *, location: str | None = None) -> ClientAPI:
    """Return a Chroma client: HTTP when ``chroma_host`` is set, else embedded.

    ``location``: the path string the embedded database is opened with (an alias of
    ``settings.chroma_path``, see :mod:`assistant.index.isolated`)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host,
                port=settings.chroma_port,
                ssl=settings.chroma_ssl,
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
            raise StoreUnavailableError(
                f"Chroma server {settings.chroma_host}:{settings.chroma_port} unreachable: {exc}"
            ) from exc
        _set_http_timeout(client, settings.chroma_timeout_s)
        return client
    path = settings.chroma_path
    ensure_writable(path)
    try:
        return chromadb.PersistentClient(path=location or str(path), settings=chroma_settings)
    except PermissionError as exc:
        raise StoreError(f"data folder {path} is not writable: {exc}", user_message=_RO) from exc
    except Exception as exc:
        raise StoreError(f"cannot open the Chroma database in {path}: {exc}") from exc


def _set_http_timeout(client: ClientAPI, seconds: float) -> None:
    """Bound every request of an HTTP client (chromadb's own session never times out).

    Without it, a Chroma server that hangs (overloaded, paused, half-open connection)
    blocks API workers forever; with it, the call fails with StoreUnavailableError.
    chromadb (1.5) creates that session with ``timeout=None`` in ``chromadb/api/fastapi.py``
    and has no public setting or argument for it, so the session is reached defensively
    (a warning is logged if the attribute ever disappears).
    """
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds, connect=min(seconds, 5.0))
    else:
        log.warning("cannot set a timeout on the Chroma HTTP client (chromadb changed?)")


_RO = (
    "Le dossier de données de l'assistant n'est pas accessible en écriture "
    "(ou n'est pas un dossier) : vérifiez ASSISTANT_DATA_DIR et ses droits."
)


def ensure_writable(folder: Path) -> None:
    """Create ``folder`` if needed and check a file can be written in it (else StoreError).

    Chroma opens a read-only database without complaint and only fails on the first write
    (or even on a query, for its write-ahead log), so the check is made up front.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StoreError(
            f"data folder {folder} is not writable: {exc.strerror or exc}", user_message=_RO
        ) from exc


def local_dir(settings: Settings, collection: str) -> Path:
    """Folder of the local files derived from ``collection`` (under the data folder; one
    per Chroma server, since two servers may hold collections of the same name)."""
    server = (
        f"{settings.chroma_host}-{settings.chroma_port}" if settings.chroma_host else "embedded"
    )
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in server)
    return settings.data_dir / "derived" / safe / collection


def open_collection(client: ClientAPI, name: str, embedder_name: str) -> Collection:
    """Get or create cosine collection ``name``, recording ``embedder_name`` (no embedding
    function: vectors are always given)."""
    return client.get_or_create_collection(
        name,
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"embedder": embedder_name},
        embedding_function=None,
    )


def delete_ids(collection: Collection, ids: Sequence[str], what: str) -> None:
    """Delete ``ids`` from ``collection`` page by page (``what``: for the error message)."""
    try:
        for start in range(0, len(ids), _PAGE):
            collection.delete(ids=list(ids[start : start + _PAGE]))
    except Exception as exc:
        raise wrap_error(exc, f"deleting {what} failed") from exc


def delete_collection(client: ClientAPI, name: str) -> None:
    """Drop collection ``name`` if it exists."""
    try:
        client.delete_collection(name)
    except Exception as exc:  # NotFoundError's import path moved across chromadb versions
        if "does not exist" not in str(exc) and "not found" not in str(exc).lower():
            raise


def wrap_error(exc: Exception, what: str) -> StoreError:
    """Turn a chromadb/transport exception into a StoreError subclass."""
    if isinstance(exc, StoreError):
        return exc
    text = f"{type(exc).__name__}: {exc}"
    lowered = text.lower()
    words = ("connect", "timeout", "timed out", "unreachable", "refused", "disconnected")
    if any(word in lowered for word in words):
        return StoreUnavailableError(f"Chroma unavailable ({what}): {text}")
    return StoreError(f"Chroma error ({what}): {text}")
