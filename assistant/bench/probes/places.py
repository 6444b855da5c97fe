"""Place-listing probes: answerable "what exists near <city> in <sector>" questions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.bench.probes.geography import CITY_REGIONS, REGION_IN, _a_city, _de_city
from assistant.bench.probes.records import PLACE_KINDS, Record, Row, _fold, _h, _pick, _row

#: Sectors asked about in place questions, with their article.
SECTOR_PHRASES: dict[str, str] = {
    "batteries": "les batteries",
    "automobile électrique": "l'automobile électrique",
    "cybersécurité": "la cybersécurité",
    "hydrogène": "l'hydrogène",
    "nucléaire": "le nucléaire",
    "numérique": "le numérique",
    "intelligence artificielle": "l'intelligence artificielle",
    "aéronautique": "l'aéronautique",
    "spatial": "le spatial",
    "santé numérique": "la santé numérique",
    "biomédicaments": "les biomédicaments",
    "bioproduction": "la bioproduction",
    "microélectronique": "la microélectronique",
    "électronique": "l'électronique",
    "recyclage": "le recyclage",
    "5G": "la 5G",
    "ferroviaire": "le ferroviaire",
    "industrie du futur": "l'industrie du futur",
    "décarbonation industrielle": "la décarbonation industrielle",
    "technologies quantiques": "les technologies quantiques",
    "naval": "le naval",
}

_PLACE_TEMPLATES = (
    "Quels projets France 2030 forment {a_sector} près {de_city} ?",
    "J'habite {a_city} : quelles formations France 2030 existe-t-il dans ma région pour {sector} ?",
    "Y a-t-il des programmes de formation France 2030 sur {sector} autour {de_city} ?",
    "Que propose France 2030 pour se former {a_sector} dans la région {de_city} ?",
)


def _a(phrase: str) -> str:
    """``à`` + a noun phrase with its article contracted (au, aux, à l', à la)."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def generate_place_listing(records: Sequence[Record]) -> list[Row]:
    """Questions "what exists near <city> in <sector>".

    Expected: every programme of the city's region (National-only schemes and diagnostics
    excluded) whose sectors include it. For each (region, sector), one city named by the
    documents and one that is not.
    """
    programmes = [r for r in records if r.get("kind") in PLACE_KINDS]
    doc_cities = {_fold(str(c)) for r in records for c in r.get("cities") or []}
    rows: list[Row] = []
    for region in REGION_IN:
        cities = [c for c, r in CITY_REGIONS.items() if r == region]
        for sector, phrase in SECTOR_PHRASES.items():
            matches = [
                r
                for r in programmes
                if region in (r.get("regions") or []) and sector in (r.get("sectors") or [])
            ]
            if not matches:
                continue
            named = sorted((c for c in cities if _fold(c) in doc_cities), key=lambda c: _h(c))
            unnamed = sorted((c for c in cities if _fold(c) not in doc_cities), key=lambda c: _h(c))
            for city in ([named[_h(region, sector) % len(named)]] if named else []) + (
                [unnamed[_h(sector, region) % len(unnamed)]] if unnamed else []
            ):
                template = _pick(_PLACE_TEMPLATES, city, sector)
                slug = re.sub(r"[^a-z0-9]+", "-", _fold(f"{city}-{sector}")).strip("-")
                rows.append(
                    _row(
                        f"place-{slug}",
                        template.format(
                            city=city,
                            a_city=_a_city(city),
                            de_city=_de_city(city),
                            sector=phrase,
                            a_sector=_a(phrase),
                        ),
                        kind="place_listing",
                        answerable=True,
                        expected=sorted(str(r["short_name"]) for r in matches),
                        sources=sorted(str(r["id"]) for r in matches),
                        qtype="list",
                        city=city,
                        region=region,
                        sector=sector,
                    )
                )
    return rows
