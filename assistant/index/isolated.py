"""Chroma clients that see the index as it is now, for loading a new index version.

Embedded clients of one folder share one Chroma instance per process (chromadb keys its
instances by the path string). That instance loads a collection's vectors once and then
never sees what another process (``assistant index``) wrote: checked with chromadb 1.5,
a query through it keeps returning the old vectors, while collection metadata (the index
version) and ``get`` do see the new rows. A client opened on an *alias* of the folder
(``<folder>/.``, ``<folder>/./.``…) gets an instance of its own, which reads the folder
as it is when first queried. :func:`isolated_client` hands out the smallest free alias
and :func:`release_client` closes the client and frees its alias, so a long-running
process holds only as many instances as it has index versions in use.

Only public chromadb calls are used (``PersistentClient(path=…)``, ``Client.close``);
if chromadb ever normalised the path, clients would share one instance again and the
live-index tests (``tests/assistant/live/``) would see stale answers and fail.
HTTP clients (``chroma run``) always see the server's current state: they are simply
opened and closed.
"""

from __future__ import annotations

import itertools
import logging
import threading
from typing import TYPE_CHECKING

from assistant.index.chroma import make_client

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from assistant.config import Settings

log = logging.getLogger(__name__)

_lock = threading.Lock()
_in_use: set[int] = set()
_alias_of: dict[int, int] = {}  # id(client) -> its alias


def isolated_client(settings: Settings) -> ClientAPI:
    """A client with a Chroma instance of its own (embedded), or a new HTTP client."""
    if settings.chroma_host:
        return make_client(settings)
    with _lock:
        alias = next(n for n in itertools.count(1) if n not in _in_use)
        _in_use.add(alias)
    try:
        client = make_client(settings, location=str(settings.chroma_path) + "/." * alias)
    except BaseException:
        with _lock:
            _in_use.discard(alias)
        raise
    with _lock:
        _alias_of[id(client)] = alias
    return client


def release_client(client: ClientAPI) -> None:
    """Close ``client`` (its instance stops when it was the last user); never raises."""
    try:
        client.close()
    except Exception as exc:
        log.warning("closing a Chroma client failed: %s", exc)
    with _lock:
        _in_use.discard(_alias_of.pop(id(client), 0))
