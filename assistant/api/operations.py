"""The API's side of the operators' loop: ``POST /v1/feedback`` and the question-log hook.

Both only see what docs/privacy.md lists: the site a request comes from is the host of its
``Origin`` header (the site embedding the widget) or ``api``; never an IP, a cookie or a
user agent.
"""

# No ``from __future__ import annotations``: FastAPI must see the request model as a class.

import logging
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.api.schemas import ERRORS, ErrorResponse, FeedbackRequest, FeedbackResponse
from assistant.feedback import FeedbackStore, LoggedQuestion, QuestionLog

if TYPE_CHECKING:
    from assistant.answer import Answer, Filters

log = logging.getLogger("assistant.api")

#: What ``POST /v1/feedback`` answers.
FEEDBACK_THANKS = "Merci pour votre avis."


def request_site(request: Request) -> str:
    """Where a question or a rating comes from: the host of its ``Origin`` (the site that
    embeds the widget), else ``api`` (a server, curl)."""
    origin = request.headers.get("origin")
    host = urlsplit(origin).hostname if origin else None
    return (host or "api").lower()[:255]


class AnswerLogger:
    """Queues one question-log line per answer; never delays or fails the answer."""

    def __init__(self, question_log: QuestionLog) -> None:
        self.question_log = question_log

    def __call__(
        self,
        assistant: Any,
        answer: "Answer",
        question: str,
        filters: "Filters",
        site: str,
        started: float,
    ) -> None:
        """Log ``answer`` to ``question``; ``started`` is the ``perf_counter`` at its start."""
        try:
            self.question_log.record(
                LoggedQuestion.of(
                    answer,
                    question,
                    site=site,
                    filters=filters,
                    latency_ms=(time.perf_counter() - started) * 1000,
                    index_version=getattr(assistant, "index_version", None),
                )
            )
        except Exception:
            log.exception("question log line not queued")


def feedback_router(store: FeedbackStore) -> APIRouter:
    """The ``POST /v1/feedback`` route, writing to ``store``."""
    router = APIRouter()

    @router.post(
        "/v1/feedback",
        status_code=201,
        response_model=FeedbackResponse,
        responses={**ERRORS, 503: {"model": ErrorResponse, "description": "Database down"}},
        tags=["feedback"],
    )
    async def feedback(body: FeedbackRequest, request: Request) -> JSONResponse:
        """Rate one answer (👍 1 / 👎 -1), with a reason from the list and an optional
        comment; a second rating of the same `answer_id` replaces the first."""
        site = request_site(request)

        def work() -> int:
            return store.submit(
                body.answer_id, body.rating, reason=body.reason, comment=body.comment, site=site
            )

        # Not behind the pipeline's limiter: a rating must not wait for answers.
        row_id = await anyio.to_thread.run_sync(work)
        return JSONResponse(
            {"id": row_id, "message": FEEDBACK_THANKS},
            status_code=201,
            headers={"cache-control": "no-store"},
        )

    return router
