"""Filter values typed by users and sites, matched to the catalogue's names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from assistant.answer import Filters
from assistant.catalog.lookup import Catalog
from assistant.errors import FilterError


def _norm(value: str) -> str:
    """Accent-, case- and punctuation-insensitive form used to match filter values."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


_UNKNOWN = {
    "région": "Région inconnue",
    "secteur": "Secteur inconnu",
    "programme": "Programme inconnu",
}


def _match(
    values: Iterable[str], choices: dict[str, str], label: str, listing: Sequence[str]
) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        if not value:
            continue
        canonical = choices.get(_norm(value))
        if canonical is None:
            shown = value if len(value) <= 60 else value[:57] + "…"
            options = ", ".join(listing[:30])
            raise FilterError(
                f"unknown {label} filter",
                user_message=f"{_UNKNOWN[label]} : « {shown} ». Valeurs possibles : {options}.",
            )
        if canonical not in out:
            out.append(canonical)
    return tuple(out)


def resolve_filters(
    catalog: Catalog,
    regions: Iterable[str],
    sectors: Iterable[str],
    programmes: Iterable[str],
) -> Filters:
    """Map filter values typed by users or sites to the catalogue's names (accents, case and
    punctuation ignored), or raise :class:`~assistant.errors.FilterError` in French."""
    regions, sectors, programmes = list(regions), list(sectors), list(programmes)
    if not (regions or sectors or programmes):
        return Filters()
    region_names = sorted(str(r) for r in catalog.regions())
    sector_names = sorted(str(s) for s in catalog.sectors())
    programme_ids: dict[str, str] = {}
    for record in catalog.records:
        for name in (record.title, record.short_name, record.id):  # id wins on collisions
            if name:
                programme_ids[_norm(str(name))] = record.id
    return Filters(
        regions=_match(regions, {_norm(r): r for r in region_names}, "région", region_names),
        sectors=_match(sectors, {_norm(s): s for s in sector_names}, "secteur", sector_names),
        programmes=_match(
            programmes, programme_ids, "programme", sorted(set(programme_ids.values()))
        ),
        include_national=True,  # a regional site still answers about national schemes
    )
