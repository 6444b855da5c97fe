"""One programme or scheme, as its document's front matter describes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProgrammeRecord:
    """One programme or scheme, from its document's front matter."""

    id: str
    title: str
    short_name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    ami_cma: bool | None = None
    season: str | None = None
    status: str | None = None
    status_date: str | None = None
    budget_total_eur: int | None = None
    state_aid_eur: int | None = None
    targets: Mapping[str, Any] = field(default_factory=dict)
    lead: str | None = None
    partners: tuple[str, ...] = ()
    url: str | None = None
    updated: str | None = None

    @classmethod
    def from_front_matter(
        cls, meta: Mapping[str, Any], *, title: str, url: str | None
    ) -> ProgrammeRecord:
        def strings(key: str) -> tuple[str, ...]:
            value = meta.get(key) or ()
            if isinstance(value, str):
                value = (value,)
            return tuple(str(v) for v in value if v is not None)

        def integer(key: str) -> int | None:
            value = meta.get(key)
            return (
                int(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None
            )

        def text(key: str) -> str | None:
            value = meta.get(key)
            return str(value) if value not in (None, "") else None

        targets = meta.get("targets") if isinstance(meta.get("targets"), Mapping) else {}
        return cls(
            id=str(meta.get("id")),
            title=title,
            short_name=text("short_name") or title,
            kind=text("kind"),
            aliases=strings("aliases"),
            regions=strings("regions"),
            sectors=strings("sectors"),
            cities=strings("cities"),
            ami_cma=meta.get("ami_cma") if isinstance(meta.get("ami_cma"), bool) else None,
            season=text("season"),
            status=text("status"),
            status_date=text("status_date"),
            budget_total_eur=integer("budget_total_eur"),
            state_aid_eur=integer("state_aid_eur"),
            targets=dict(targets or {}),
            lead=text("lead"),
            partners=strings("partners"),
            url=url,
            updated=text("updated"),
        )

    @property
    def people(self) -> int | None:
        value = self.targets.get("people")
        return (
            int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "short_name": self.short_name,
            "kind": self.kind, "regions": list(self.regions), "sectors": list(self.sectors),
            "cities": list(self.cities), "ami_cma": self.ami_cma, "season": self.season,
            "status": self.status, "status_date": self.status_date,
            "budget_total_eur": self.budget_total_eur, "state_aid_eur": self.state_aid_eur,
            "targets": dict(self.targets), "lead": self.lead, "partners": list(self.partners),
            "url": self.url, "updated": self.updated,
        }  # fmt: skip
