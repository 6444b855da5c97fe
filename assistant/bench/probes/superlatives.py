"""Superlative probes: answerable ranking questions on AMI CMA amounts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.bench.probes.records import Record, Row, _row


def _state_aid(r: Record) -> int | None:
    return r.get("state_aid_eur")


def _budget(r: Record) -> int | None:
    return r.get("budget_total_eur")


def _people(r: Record) -> int | None:
    return (r.get("targets") or {}).get("people")


#: (id, question, metric, highest?, region or None).
SUPERLATIVE_QUESTIONS: tuple[tuple[str, str, str, bool, str | None], ...] = (
    (
        "aid-max-1",
        "Parmi les projets lauréats de l'AMI CMA, lequel est le mieux financé par l'État ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-2",
        "Quel projet de formation de l'AMI CMA reçoit le plus d'argent de l'État ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-3",
        "Quel lauréat de l'AMI « Compétences et métiers d'avenir » a obtenu la plus grosse "
        "subvention France 2030 ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-4",
        "Quels sont les projets AMI CMA les mieux dotés par l'État ? Donne le premier.",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-5",
        "À quel projet lauréat de l'AMI CMA l'État a-t-il versé l'aide la plus élevée ?",
        "state_aid",
        True,
        None,
    ),
    (
        "budget-max-1",
        "Quel projet lauréat de l'AMI CMA a le plus gros budget ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-2",
        "Parmi les lauréats de l'AMI CMA, quel projet coûte le plus cher au total ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-3",
        "Quel est le projet AMI CMA au budget total le plus élevé ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-4",
        "Classe les lauréats de l'AMI CMA par budget total : lequel arrive en tête ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-min-1",
        "Quel lauréat de l'AMI CMA a le plus petit budget total connu ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-min-2",
        "Parmi les projets AMI CMA dont le budget est publié, lequel est le moins coûteux ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-max-aura",
        "Quel est le projet AMI CMA d'Auvergne-Rhône-Alpes qui a le plus gros budget ?",
        "budget",
        True,
        "Auvergne-Rhône-Alpes",
    ),
    (
        "budget-min-aura",
        "En Auvergne-Rhône-Alpes, quel lauréat de l'AMI CMA a le plus petit budget connu ?",
        "budget",
        False,
        "Auvergne-Rhône-Alpes",
    ),
    (
        "budget-max-na",
        "En Nouvelle-Aquitaine, quel lauréat de l'AMI CMA dispose du budget le plus important ?",
        "budget",
        True,
        "Nouvelle-Aquitaine",
    ),
    (
        "people-max-na",
        "Quel projet AMI CMA de Nouvelle-Aquitaine veut former le plus de personnes ?",
        "people",
        True,
        "Nouvelle-Aquitaine",
    ),
    (
        "budget-max-occ",
        "En Occitanie, quel projet AMI CMA a le budget total le plus élevé ?",
        "budget",
        True,
        "Occitanie",
    ),
    (
        "aid-max-6",
        "Quel est le projet AMI CMA le plus subventionné par France 2030 ?",
        "state_aid",
        True,
        None,
    ),
    (
        "budget-max-5",
        "De tous les lauréats de l'AMI CMA, lequel représente l'investissement total le plus "
        "lourd ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-min-3",
        "Quel projet lauréat de l'AMI CMA a le budget le plus modeste parmi ceux qui sont "
        "chiffrés ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-max-occ-2",
        "Quel projet de formation France 2030 en Occitanie a le plus gros budget total ?",
        "budget",
        True,
        "Occitanie",
    ),
    (
        "budget-max-na-2",
        "Quel projet AMI CMA néo-aquitain a l'enveloppe totale la plus importante ?",
        "budget",
        True,
        "Nouvelle-Aquitaine",
    ),
)

_METRICS: dict[str, Callable[[Record], int | None]] = {
    "state_aid": _state_aid,
    "budget": _budget,
    "people": _people,
}


def _ranked(
    pool: Sequence[Record],
    value: Callable[[Record], int | None],
    highest: bool,
    region: str | None,
    *,
    strict: bool,
) -> list[Record]:
    """Records of ``pool`` with a ``value``, best first; for a region, those that list it
    (``strict``: those that list no other region besides National)."""

    def regions(r: Record) -> list[str]:
        return [str(x) for x in r.get("regions") or [] if x != "National"]

    chosen = [
        r
        for r in pool
        if value(r) is not None
        and (region is None or (regions(r) == [region] if strict else region in regions(r)))
    ]
    return sorted(chosen, key=lambda r: value(r) or 0, reverse=highest)


def generate_superlatives(records: Sequence[Record]) -> list[Row]:
    """Ranking questions answered from the front matter of AMI CMA programmes and
    diagnostics, optionally of one region.

    A question is skipped when its top is tied, or, for a region, when the top differs
    between programmes of that region only and programmes that also list other regions.
    """
    pool = [r for r in records if r.get("kind") in ("programme", "diagnostic") and r.get("ami_cma")]
    rows: list[Row] = []
    for key, question, metric, highest, region in SUPERLATIVE_QUESTIONS:
        value = _METRICS[metric]

        wide = _ranked(pool, value, highest, region, strict=False)
        if len(wide) < 2 or value(wide[0]) == value(wide[1]):
            continue
        top = wide[0]
        if region is not None and _ranked(pool, value, highest, region, strict=True)[:1] != [top]:
            continue
        rows.append(
            _row(
                f"superlative-{key}",
                question,
                kind="superlative",
                answerable=True,
                expected=[str(top["short_name"])],
                sources=[str(top["id"])],
                qtype="comparison",
                metric=metric,
                order="max" if highest else "min",
                region=region,
            )
        )
    return rows
