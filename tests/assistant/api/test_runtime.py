"""Server-Sent Events frames as the chat stream sends them."""

from __future__ import annotations

import json

from assistant.api.runtime import sse_comment, sse_event


def test_a_frame_is_one_event_with_its_json_on_one_line() -> None:
    frame = sse_event("final", {"text": "Ligne 1\nLigne 2 « € »"}).decode("utf-8")
    assert frame.endswith("\n\n")
    lines = frame.strip("\n").split("\n")
    assert lines[0] == "event: final"
    assert len(lines) == 2 and lines[1].startswith("data: ")
    assert json.loads(lines[1].removeprefix("data: "))["text"] == "Ligne 1\nLigne 2 « € »"


def test_a_comment_is_ignored_by_clients() -> None:
    assert sse_comment("début de la réponse") == ": début de la réponse\n\n".encode()
