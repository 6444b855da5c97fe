"""French error bodies of the HTTP API: validation problems, HTTP errors, assistant errors."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.middleware import error_response
from assistant.config import Settings
from assistant.errors import AssistantError, FilterError, QuestionError, SiteError
from assistant.feedback.reasons import REASONS

if TYPE_CHECKING:
    pass

log = logging.getLogger("assistant.api")

INTERNAL_MESSAGE = "Une erreur interne est survenue. Merci de réessayer dans un instant."


# --- errors ----------------------------------------------------------------------------------

_FIELD_NAMES = {
    "question": "question",
    "history": "historique",
    "filters": "filtres",
    "role": "rôle",
    "content": "contenu",
    "regions": "régions",
    "sectors": "secteurs",
    "programmes": "programmes",
    "region": "région",
    "sector": "secteur",
    "programme": "programme",
    "answer_id": "answer_id",
    "rating": "rating",
    "reason": "reason",
    "comment": "commentaire",
}


def _validation_message(errors: Sequence[Any], settings: Settings) -> tuple[str, list[dict]]:
    """A French sentence for the first validation error, and a value-free list of all."""
    details = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query")]
        if err.get("type") == "json_invalid":
            loc = []  # the location is a character offset, not a field
        details.append({"field": ".".join(loc), "type": str(err.get("type", ""))})
    if not errors:
        return "Requête invalide.", details
    first = errors[0]
    kind = str(first.get("type", ""))
    loc = [p for p in first.get("loc", ()) if p not in ("body", "query")]
    names = [p for p in loc if isinstance(p, str)]
    field = _FIELD_NAMES.get(names[-1], names[-1]) if names else ""
    ctx = first.get("ctx") or {}
    limit = ctx.get("max_length")
    in_history = bool(names) and names[0] == "history"

    if kind == "json_invalid":
        message = "Le corps de la requête n'est pas un JSON valide."
    elif not names and kind in ("model_attributes_type", "dict_type", "model_type"):
        message = (
            "Le corps de la requête doit être un objet JSON (Content-Type : application/json)."
        )
    elif kind == "missing":
        message = f"Le champ « {field} » est obligatoire."
    elif kind == "extra_forbidden":
        message = f"Champ inconnu : « {names[-1] if names else '?'} »."
    elif kind == "string_too_long" and names == ["question"]:
        message = (
            f"Votre question est trop longue : {settings.max_question_chars} caractères au maximum."
        )
    elif kind == "string_too_long" and names == ["comment"]:
        message = f"Votre commentaire est trop long : {limit} caractères au maximum."
    elif kind == "string_too_long" and in_history:
        message = f"Un message de l'historique dépasse {limit} caractères."
    elif kind == "string_too_long":
        message = f"La valeur du champ « {field} » dépasse {limit} caractères."
    elif kind == "too_long" and names == ["history"]:
        message = (
            f"La conversation est trop longue ({limit} messages au maximum) : "
            "merci d'en commencer une nouvelle."
        )
    elif kind == "too_long":
        message = f"Trop de valeurs pour le champ « {field} » ({limit} au maximum)."
    elif kind == "literal_error" and names[-1:] == ["role"]:
        message = "Le rôle d'un message de l'historique doit être « user » ou « assistant »."
    elif kind == "literal_error" and names == ["rating"]:
        message = "La note (« rating ») doit valoir 1 (utile) ou -1 (pas utile)."
    elif kind == "literal_error" and names == ["reason"]:
        message = "Motif (« reason ») inconnu : " + ", ".join(REASONS) + "."
    elif kind == "string_pattern_mismatch" and names == ["answer_id"]:
        message = "Identifiant de réponse (« answer_id ») invalide : 32 caractères hexadécimaux."
    elif kind == "string_unicode":
        message = f"Le champ « {field} » contient des caractères invalides (Unicode mal formé)."
    elif kind == "string_type":
        message = f"Le champ « {field} » doit être une chaîne de caractères."
    elif kind == "list_type":
        message = f"Le champ « {field} » doit être une liste."
    elif kind in ("model_attributes_type", "dict_type", "model_type"):
        message = f"Le champ « {field} » doit être un objet JSON."
    else:
        message = f"Valeur invalide pour le champ « {field or 'requête'} »."
    return message, details


_HTTP_MESSAGES = {
    400: ("bad_request", "La requête est illisible."),
    404: ("not_found", "Cette adresse n'existe pas."),
    405: ("method_not_allowed", "Méthode non autorisée pour cette adresse."),
}


def _assistant_error(exc: AssistantError) -> JSONResponse:
    if isinstance(exc, FilterError):
        return error_response(400, "unknown_filter", exc.user_message)
    if isinstance(exc, QuestionError):
        return error_response(400, "invalid_question", exc.user_message)
    if isinstance(exc, SiteError):
        log.warning("site refused: %s", exc)
        return error_response(exc.status, exc.code, exc.user_message)
    log.error("assistant unavailable: %s", exc)
    return error_response(503, "unavailable", exc.user_message, headers={"retry-after": "30"})


def install_error_handlers(app: FastAPI, settings: Settings) -> None:
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc.errors(), settings)
        return error_response(422, "invalid_request", message, details=details)

    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", "Requête refusée."))
        return error_response(exc.status_code, code, message, headers=exc.headers)

    async def on_assistant(request: Request, exc: AssistantError) -> JSONResponse:
        return _assistant_error(exc)

    async def on_exception(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "internal_error", INTERNAL_MESSAGE)

    app.add_exception_handler(RequestValidationError, on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, on_http)  # type: ignore[arg-type]
    app.add_exception_handler(AssistantError, on_assistant)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, on_exception)
