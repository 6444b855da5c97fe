"""The catalogue routes: programme records and the text of one indexed document."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from assistant.api.middleware import error_response
from assistant.api.runtime import AssistantHolder
from assistant.api.schemas import (
    ERRORS,
    MAX_FILTER_VALUES,
    ErrorResponse,
    FilterValue,
    ProgrammesResponse,
    SourceResponse,
)
from assistant.catalog import resolve_filters
from assistant.text.patterns import web_url

#: Document ids as :func:`assistant.ingest.documents.slugify` or a front matter makes them.
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,119}")


def catalogue_router(holder: AssistantHolder) -> APIRouter:
    """``GET /v1/programmes`` and ``GET /v1/sources/{doc_id}``."""
    router = APIRouter()

    @router.get(
        "/v1/programmes", response_model=ProgrammesResponse, responses=ERRORS, tags=["catalogue"]
    )
    async def programmes(
        region: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
        sector: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
        programme: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES)] = [],  # noqa: B006
    ) -> JSONResponse:
        """The structured programme records of the corpus (repeat a parameter for OR)."""

        def work() -> dict[str, Any]:
            current = holder.get()
            filters = resolve_filters(current.catalog, region, sector, programme)
            records = current.programmes(filters)
            catalog = current.catalog
            return {
                "count": len(records),
                "filters": filters.to_dict(),
                "programmes": [r.to_json() for r in records],
                "available": {
                    "regions": sorted(str(r) for r in catalog.regions()),
                    "sectors": sorted(str(s) for s in catalog.sectors()),
                },
            }

        return JSONResponse(await holder.run(work), headers={"cache-control": "no-store"})

    @router.get(
        "/v1/sources/{doc_id}",
        response_model=SourceResponse,
        responses={**ERRORS, 404: {"model": ErrorResponse, "description": "Unknown document"}},
        tags=["catalogue"],
    )
    async def source(doc_id: str) -> JSONResponse:
        """The text of one indexed document, by its id (as in `citations[].id`).

        Served from the index, never from the file system: the id is only a lookup key, so
        no path (``../``, absolute, encoded) can reach a file.
        """
        if not _DOC_ID.fullmatch(doc_id):
            return error_response(400, "invalid_id", "Identifiant de document invalide.")

        def work() -> dict[str, Any] | None:
            return holder.get().document(doc_id)

        found = await holder.run(work)
        if found is None:
            return error_response(404, "not_found", "Ce document n'est pas dans la base.")
        found["url"] = web_url(found.get("url"))
        return JSONResponse(found, headers={"cache-control": "no-store"})

    return router
