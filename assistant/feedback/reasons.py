"""Why an answer was rated 👎: a short fixed list, offered before any free text.

Free-text feedback in public services fills with personal questions; a list of reasons
says what went wrong without inviting any. Defined once here: the API documents these
codes (OpenAPI), the chat and the dashboard show their French labels.
"""

from __future__ import annotations

from typing import Literal, get_args

#: A reason's code, as sent to ``POST /v1/feedback``.
ReasonCode = Literal["chiffre_faux", "information_perimee", "incomplet", "hors_sujet", "autre"]

#: Code -> French label, in the order they are offered.
REASONS: dict[str, str] = {
    "chiffre_faux": "Chiffre faux",
    "information_perimee": "Information périmée",
    "incomplet": "Incomplet",
    "hors_sujet": "Hors sujet",
    "autre": "Autre",
}

assert tuple(REASONS) == get_args(ReasonCode)

#: Longest comment kept (characters).
MAX_COMMENT_CHARS = 500


def reason_label(code: str | None) -> str:
    """The French label of ``code`` ("" for none, the code itself if unknown)."""
    if not code:
        return ""
    return REASONS.get(code, code)
