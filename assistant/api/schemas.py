"""Request and response bodies of the HTTP API (what the OpenAPI page documents)."""

# No ``from __future__ import annotations``: pydantic must see the request models built by
# chat_request_model() (their limits come from the settings) as real objects.

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.config import Settings
from assistant.feedback.reasons import MAX_COMMENT_CHARS, REASONS, ReasonCode

#: Site keys of the sites file (lower-case letters, digits, ``-`` and ``_``).
SITE_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"

#: At most this many values per filter, of at most this many characters.
MAX_FILTER_VALUES = 20
MAX_FILTER_CHARS = 120

FilterValue = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_FILTER_CHARS)]


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable code, e.g. `rate_limited`.")
    message: str = Field(description="Message for end users, in French.")
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class CitationOut(BaseModel):
    n: int
    id: str
    title: str
    url: str | None
    quote: str
    chunk_id: str
    start: int
    end: int
    updated: str | None = None
    heading: str = ""


class ChatResponse(BaseModel):
    """The shape of :meth:`assistant.answer.Answer.to_json` (keys may be added)."""

    model_config = ConfigDict(extra="allow")

    answer: str
    answerable: bool
    citations: list[CitationOut]
    confidence: float
    standalone_question: str = ""
    table: list[dict[str, str]] | None = None
    notice: str | None = None
    backend: str = "extractive"
    answer_id: str = Field(description="Stable id of this answer (for `POST /v1/feedback`).")


class SiteResponse(BaseModel):
    """The public settings of a site embedding the widget."""

    key: str
    title: str
    color: str
    region_label: str


class HealthResponse(BaseModel):
    status: Literal["ok"]
    version: str
    index_size: int
    index_version: int = Field(description="Bumped by every `assistant index` that changes it.")
    index_updated: str | None = Field(description="When that version was written (UTC).")
    index_loaded_at: str = Field(description="When this worker loaded it (UTC).")
    embedder: str
    collection: str
    backend: str
    rate_limits: dict[str, str | bool] = Field(
        description="`storage` (memory or redis) and `degraded` (Redis unreachable: "
        "counting per process)."
    )
    limits: dict[str, int]
    question_log: dict[str, int] | None = Field(
        None, description="Lines written, dropped (database down or queue full), pending."
    )


_REASON_LIST = ", ".join(f"`{code}` ({label})" for code, label in REASONS.items())


class FeedbackRequest(BaseModel):
    """A rating of one answer; a second one for the same `answer_id` replaces the first."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "answer_id": "3f2b6c1e9a7d4e0f8b5c2a1d6e9f0a3b",
                    "rating": -1,
                    "reason": "incomplet",
                }
            ],
            "x-reason-labels": REASONS,
        },
    )
    answer_id: str = Field(
        pattern=r"^[0-9a-f]{32}$", description="`answer_id` of the answer (32 hex digits)."
    )
    rating: Literal[1, -1] = Field(description="1: useful (👍), -1: not useful (👎).")
    reason: ReasonCode | None = Field(
        None, description=f"Why not useful (meant for -1): {_REASON_LIST}."
    )
    comment: str | None = Field(
        None,
        max_length=MAX_COMMENT_CHARS,
        description="Optional short text; e-mails, phone numbers and names are masked.",
    )


class FeedbackResponse(BaseModel):
    id: int
    message: str = Field(description="Thanks, in French.")


class ProgrammesResponse(BaseModel):
    count: int
    filters: dict[str, list[str]]
    programmes: list[dict[str, Any]]
    available: dict[str, list[str]]


class SourceResponse(BaseModel):
    id: str
    title: str
    url: str | None
    updated: str | None
    text: str = Field(description="Plain text (Markdown-like), never HTML to render.")


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in (
        (400, "Question or filter refused"),
        (403, "Origin not in the allow-list"),
        (413, "Body too large"),
        (422, "Malformed JSON or invalid field"),
        (429, "Rate limit reached (see Retry-After)"),
        (503, "Index or model unavailable"),
    )
}


def chat_request_model(settings: Settings) -> type[BaseModel]:
    """The chat request body, its limits taken from ``settings``."""
    max_question = settings.max_question_chars
    max_messages = 2 * settings.max_history_turns
    max_message_chars = settings.max_history_message_chars

    class Turn(BaseModel):
        """One previous message of the conversation."""

        model_config = ConfigDict(extra="ignore")
        role: Literal["user", "assistant"]
        content: str = Field(max_length=max_message_chars)

    class ChatFilters(BaseModel):
        """Restrict the answer to these regions, sectors or programme ids (see /v1/programmes)."""

        model_config = ConfigDict(extra="forbid")
        regions: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
        sectors: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
        programmes: list[FilterValue] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)

    class ChatRequest(BaseModel):
        """A question, the previous turns (the API keeps no state) and optional filters."""

        model_config = ConfigDict(
            extra="forbid",
            json_schema_extra={
                "examples": [
                    {
                        "question": "Quel est le budget d'Electro'Mob ?",
                        "history": [],
                        "filters": {"regions": ["Hauts-de-France"]},
                    }
                ]
            },
        )
        question: str = Field(max_length=max_question)
        history: list[Turn] = Field(default_factory=list, max_length=max_messages)
        filters: ChatFilters = Field(default_factory=ChatFilters)
        site: str | None = Field(
            None,
            max_length=40,
            pattern=SITE_KEY_PATTERN,
            description="Key of the embedding site (sites file): its origin is checked and "
            "its regions pinned (a region filter is intersected with them, never widened).",
        )

    return ChatRequest
