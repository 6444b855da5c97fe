"""False-premise probes: a single-region programme placed in another region or city."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.bench.probes.geography import CITY_REGIONS, REGION_IN, _a_city, _de_city
from assistant.bench.probes.records import (
    _NOUN,
    PROGRAMME_KINDS,
    Record,
    Row,
    _fold,
    _h,
    _pick,
    _row,
    evidence_text,
)

_FALSE_REGION_TEMPLATES = (
    "Le {noun} {name} forme-t-il des jeunes {in_region} ?",
    "Combien de personnes le {noun} {name} doit-il former {in_region} ?",
    "Où se trouvent les centres de formation du {noun} {name} {in_region} ?",
    "Quels établissements participent au {noun} {name} {in_region} ?",
)
_FALSE_CITY_TEMPLATES = (
    "Quelles formations le {noun} {name} propose-t-il {a_city} ?",
    "Le {noun} {name} a-t-il un site de formation {a_city} ?",
    "J'habite {a_city} : puis-je suivre une formation du {noun} {name} près de chez moi ?",
    "Quel lycée {de_city} participe au {noun} {name} ?",
)


def generate_false_premise(records: Sequence[Record]) -> list[Row]:
    """For every single-region programme, a question placing it in another region and one
    placing it in a city of another region; neither place is named in its evidence."""
    rows: list[Row] = []
    for record in records:
        regions = [str(r) for r in record.get("regions") or []]
        if record.get("kind") not in PROGRAMME_KINDS or len(regions) != 1:
            continue
        true_region = regions[0]
        if true_region == "National" or true_region not in REGION_IN:
            continue
        doc_id = str(record["id"])
        body = _fold(str(record.get("body") or ""))
        if _fold(true_region) not in body:
            continue  # the correction must be quotable from the document
        evidence = _fold(evidence_text(record, records))
        wrong_regions = sorted(
            (r for r in REGION_IN if r != true_region and _fold(r) not in evidence),
            key=lambda r: _h(doc_id, "region", r),
        )
        wrong_cities = sorted(
            (
                c
                for c, r in CITY_REGIONS.items()
                if r != true_region and _fold(c) not in evidence and _fold(r) not in evidence
            ),
            key=lambda c: _h(doc_id, "city", c),
        )
        kind = str(record.get("kind"))
        base = {"noun": _NOUN.get(kind, "projet"), "name": str(record["short_name"])}
        if wrong_regions:
            region = wrong_regions[0]
            template = _pick(_FALSE_REGION_TEMPLATES, doc_id, "region")
            rows.append(
                _row(
                    f"false-premise-{doc_id}-region",
                    template.format(**base, in_region=REGION_IN[region]),
                    kind="false_premise",
                    answerable=False,
                    expected=[true_region],
                    sources=[doc_id],
                    premise=region,
                )
            )
        if wrong_cities:
            city = wrong_cities[0]
            template = _pick(_FALSE_CITY_TEMPLATES, doc_id, "city")
            rows.append(
                _row(
                    f"false-premise-{doc_id}-city",
                    template.format(**base, a_city=_a_city(city), de_city=_de_city(city)),
                    kind="false_premise",
                    answerable=False,
                    expected=[true_region],
                    sources=[doc_id],
                    premise=city,
                )
            )
    return rows
