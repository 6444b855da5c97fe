"""Load the assistant in the background while the Streamlit server starts.

`make run` starts the chat through :mod:`ui.serve`, which calls :func:`start` before the
server: the model and the index load while the server boots and the browser opens, so the
first question does not wait for them. Without the launcher (plain `streamlit run`),
nothing is preloaded and the page loads the assistant on first use.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant import Assistant

log = logging.getLogger(__name__)

_done = threading.Event()
_thread: threading.Thread | None = None
_assistant: Assistant | None = None
_error: BaseException | None = None


def _load() -> None:
    global _assistant, _error
    started = time.perf_counter()
    try:
        from assistant import Assistant

        assistant = Assistant.from_settings()
        assistant.warm_up()
        _assistant = assistant
        log.info("assistant preloaded in %.1f s", time.perf_counter() - started)
    except BaseException as exc:  # reported by the page, in French, on first use
        _error = exc
        log.warning("preloading the assistant failed: %s", exc)
    finally:
        _done.set()


def start() -> None:
    """Start loading the assistant in a background thread (once)."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_load, name="assistant-preload", daemon=True)
        _thread.start()


def result() -> Assistant | None:
    """The preloaded assistant (waiting for it if it is still loading), or None when
    nothing was preloaded or preloading failed (the caller then loads it itself)."""
    if _thread is None:
        return None
    _done.wait()
    return _assistant
