"""Per-site settings of the widget, held by the server (``ASSISTANT_SITES_FILE``).

A sites file (JSON or TOML) maps a site key to the origins allowed to use it, the regions
it is pinned to, and its public look (title, colour, region label)::

    [sites.hauts-de-france]
    origins = ["https://formations.hautsdefrance.fr"]
    regions = ["Hauts-de-France"]
    title = "Assistant Formations d'avenir"
    color = "#004a99"

The file is validated when the API starts (:class:`~assistant.errors.ConfigError`, in
English, for operators). For each chat request, :meth:`Sites.enforce` finds the request's
site (its ``site`` key, or the site its ``Origin`` belongs to), checks the ``Origin``, and
pins the region filter: the regions asked for are intersected with the site's, never
widened. Without a sites file nothing changes.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from assistant.answer import Filters
from assistant.api.schemas import SITE_KEY_PATTERN
from assistant.catalog import Catalog, resolve_filters
from assistant.config import Settings
from assistant.errors import ConfigError, FilterError, SiteError

log = logging.getLogger("assistant.api")

SiteKey = Annotated[str, StringConstraints(pattern=SITE_KEY_PATTERN, max_length=40)]
_COLOR_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"


def normalize_origin(value: str) -> str:
    """``scheme://host[:port]`` in lower case, as browsers send it in ``Origin``.

    Raises ValueError for anything else (a path, a query, a scheme other than http(s)).
    """
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) origin: {value!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"an origin has no path, query, fragment or user: {value!r}")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


class _SiteEntry(BaseModel):
    """One site as written in the file (validated)."""

    model_config = ConfigDict(extra="forbid")

    origins: list[str] = Field(min_length=1, max_length=50)
    regions: list[Annotated[str, StringConstraints(min_length=1, max_length=120)]] = Field(
        default_factory=list, max_length=20
    )
    title: str = Field("Assistant France 2030", min_length=1, max_length=80)
    color: str = Field("#000091", pattern=_COLOR_PATTERN)
    region_label: str | None = Field(None, max_length=120)

    @field_validator("origins")
    @classmethod
    def _origins(cls, values: list[str]) -> list[str]:
        return [normalize_origin(v) for v in values]


class _SitesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: dict[SiteKey, _SiteEntry]


@dataclass(frozen=True)
class Site:
    """A site allowed to embed the widget, with the rules the server applies to it."""

    key: str
    origins: tuple[str, ...]
    regions: tuple[str, ...] = ()
    title: str = "Assistant France 2030"
    color: str = "#000091"
    region_label: str = ""

    def public(self) -> dict[str, str]:
        """What the widget may know (``GET /v1/sites/{key}``): never the origins."""
        return {
            "key": self.key,
            "title": self.title,
            "color": self.color,
            "region_label": self.region_label,
        }


def _read(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"sites file {path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        if path.suffix.lower() == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
        return json.loads(raw)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise ConfigError(f"sites file {path}: not valid {kind} ({exc})") from exc


class Sites:
    """The sites of the sites file, by key and by origin (empty: no per-site rules)."""

    def __init__(self, sites: Iterable[Site] = ()) -> None:
        self._by_key = {site.key: site for site in sites}
        self._by_origin: dict[str, list[Site]] = {}
        for site in self._by_key.values():
            for origin in site.origins:
                self._by_origin.setdefault(origin, []).append(site)
        self._pinned: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._by_key)

    @classmethod
    def load(cls, path: Path) -> Sites:
        """Read and validate a sites file (JSON, or TOML for a ``.toml`` name)."""
        try:
            parsed = _SitesFile.model_validate(_read(path))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigError(f"sites file {path}: {problems}") from exc
        return cls(
            Site(
                key=key,
                origins=tuple(dict.fromkeys(entry.origins)),
                regions=tuple(entry.regions),
                title=entry.title,
                color=entry.color,
                region_label=entry.region_label or ", ".join(entry.regions),
            )
            for key, entry in parsed.sites.items()
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Sites:
        """The sites of ``settings.sites_file``, or none when it is not set."""
        return cls.load(settings.sites_file) if settings.sites_file else cls()

    def get(self, key: str) -> Site | None:
        return self._by_key.get(key)

    def origins(self) -> list[str]:
        """Every site's origins (the API adds them to its CORS allow-list)."""
        return list(self._by_origin)

    def site_for(self, key: str | None, origin: str | None) -> Site | None:
        """The site a request speaks for, its ``Origin`` checked (raises SiteError).

        A request without a key from a site's origin is that site's: leaving the key out
        never lifts the site's pin.
        """
        try:
            origin = normalize_origin(origin) if origin else None
        except ValueError:
            origin = None
        if key is None:
            candidates = self._by_origin.get(origin or "", [])
            if len(candidates) > 1:
                raise SiteError(
                    f"origin {origin} belongs to several sites and the request names none",
                    status=400,
                    code="site_required",
                    user_message="Le site qui intègre l'assistant doit préciser sa clé (« site »).",
                )
            return candidates[0] if candidates else None
        site = self._by_key.get(key)
        if site is None:
            raise SiteError(
                "unknown site key in a chat request",
                status=400,
                code="unknown_site",
                user_message="Ce site n'est pas enregistré auprès de l'assistant.",
            )
        if origin not in site.origins:
            raise SiteError(
                f"site {key}: request from an origin outside the site's",
                code="origin_not_allowed",
                user_message="Ce site n'est pas autorisé à interroger l'assistant.",
            )
        return site

    def pinned_regions(self, site: Site, catalog: Catalog) -> tuple[str, ...]:
        """The site's regions as catalogue names (a name the catalogue lacks is a ConfigError)."""
        with self._lock:
            if site.key not in self._pinned:
                try:
                    resolved = resolve_filters(catalog, site.regions, [], []).regions
                except FilterError as exc:
                    raise ConfigError(
                        f"sites file, site {site.key}: a region of {list(site.regions)} "
                        "is not in the catalogue"
                    ) from exc
                self._pinned[site.key] = resolved
            return self._pinned[site.key]

    def enforce(self, catalog: Catalog, filters: Filters, site: Site | None) -> Filters:
        """``filters`` with the rules of the request's site (:meth:`site_for`) applied: the
        region pinned, never widened."""
        if site is None or not site.regions:
            return filters
        pinned = self.pinned_regions(site, catalog)
        regions = tuple(r for r in filters.regions if r in pinned) if filters.regions else pinned
        if not regions:
            raise SiteError(
                f"site {site.key}: a region outside the site's was asked for",
                code="region_not_allowed",
                user_message=f"Ce site ne couvre que : {site.region_label}.",
            )
        return dataclasses.replace(filters, regions=regions, include_national=True)

    def check(self, catalog: Catalog) -> list[str]:
        """Problems of the sites' regions against the catalogue (English, for the logs)."""
        problems = []
        for site in self._by_key.values():
            try:
                self.pinned_regions(site, catalog)
            except ConfigError as exc:
                problems.append(str(exc))
        return problems
