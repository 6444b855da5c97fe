"""The structured catalogue of programmes, built from the documents' front matter.

« Which programmes in Occitanie? », « how many…? », « compare… » are answered by
filtering these records, not by hoping the right chunks were retrieved. The catalogue
also recognises programmes, regions, towns and sectors named in a question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answer import Filters
from assistant.errors import FilterError
from assistant.index.store import ChunkStore
from assistant.text.folding import fold

REGIONS: dict[str, tuple[str, ...]] = {
    "Auvergne-Rhône-Alpes": ("auvergne-rhone-alpes", "auvergne rhone alpes", "aura", "rhone-alpes"),
    "Bourgogne-Franche-Comté": ("bourgogne-franche-comte", "bourgogne franche comte", "bfc"),
    "Bretagne": ("bretagne",),
    "Centre-Val de Loire": ("centre-val de loire", "centre val de loire"),
    "Corse": ("corse",),
    "Grand Est": ("grand est", "grand-est", "alsace", "lorraine"),
    "Hauts-de-France": ("hauts-de-france", "hauts de france", "nord-pas-de-calais", "picardie"),
    "Île-de-France": ("ile-de-france", "ile de france", "idf", "region parisienne"),
    "Normandie": ("normandie",),
    "Nouvelle-Aquitaine": ("nouvelle-aquitaine", "nouvelle aquitaine", "aquitaine", "limousin"),
    "Occitanie": ("occitanie", "midi-pyrenees", "languedoc"),
    "Pays de la Loire": ("pays de la loire", "pays-de-la-loire"),
    "Provence-Alpes-Côte d'Azur": ("provence-alpes-cote d'azur", "paca", "region sud", "provence"),
    "Guadeloupe": ("guadeloupe",),
    "Martinique": ("martinique",),
    "Guyane": ("guyane",),
    "La Réunion": ("la reunion", "reunion"),
    "Mayotte": ("mayotte",),
}

#: How French says « in <region> »: « en Bretagne » but « dans les Hauts-de-France ».
_IN_REGION: dict[str, str] = {
    "Grand Est": "dans le Grand Est",
    "Hauts-de-France": "dans les Hauts-de-France",
    "Pays de la Loire": "dans les Pays de la Loire",
    "Centre-Val de Loire": "en Centre-Val de Loire",
    "La Réunion": "à La Réunion",
    "Mayotte": "à Mayotte",
    "national": "au niveau national",
}


def in_region(region: str) -> str:
    """« en Bretagne », « dans les Hauts-de-France », « à La Réunion »."""
    return _IN_REGION.get(region, f"en {region}")


#: Words that join sector words in a name (« numérique en santé »).
_LINK_WORDS = frozenset({"e", "en", "de", "du", "des", "la", "le", "les", "et"})

#: Large towns and their regions, for « je suis à … » questions (corpus towns are added).
CITIES: dict[str, str] = {
    "paris": "Île-de-France", "saclay": "Île-de-France", "versailles": "Île-de-France",
    "lyon": "Auvergne-Rhône-Alpes", "grenoble": "Auvergne-Rhône-Alpes",
    "saint-etienne": "Auvergne-Rhône-Alpes", "clermont-ferrand": "Auvergne-Rhône-Alpes",
    "annecy": "Auvergne-Rhône-Alpes", "chambery": "Auvergne-Rhône-Alpes",
    "marseille": "Provence-Alpes-Côte d'Azur", "nice": "Provence-Alpes-Côte d'Azur",
    "toulon": "Provence-Alpes-Côte d'Azur", "aix-en-provence": "Provence-Alpes-Côte d'Azur",
    "gardanne": "Provence-Alpes-Côte d'Azur", "avignon": "Provence-Alpes-Côte d'Azur",
    "toulouse": "Occitanie", "montpellier": "Occitanie", "nimes": "Occitanie",
    "perpignan": "Occitanie", "albi": "Occitanie", "tarbes": "Occitanie",
    "lille": "Hauts-de-France", "dunkerque": "Hauts-de-France", "amiens": "Hauts-de-France",
    "douai": "Hauts-de-France", "valenciennes": "Hauts-de-France", "calais": "Hauts-de-France",
    "arras": "Hauts-de-France", "lens": "Hauts-de-France", "beauvais": "Hauts-de-France",
    "bordeaux": "Nouvelle-Aquitaine", "limoges": "Nouvelle-Aquitaine",
    "poitiers": "Nouvelle-Aquitaine", "la rochelle": "Nouvelle-Aquitaine",
    "pau": "Nouvelle-Aquitaine", "bayonne": "Nouvelle-Aquitaine", "saintes": "Nouvelle-Aquitaine",
    "nantes": "Pays de la Loire", "angers": "Pays de la Loire", "le mans": "Pays de la Loire",
    "saint-nazaire": "Pays de la Loire",
    "rennes": "Bretagne", "brest": "Bretagne", "lorient": "Bretagne", "vannes": "Bretagne",
    "quimper": "Bretagne", "saint-brieuc": "Bretagne",
    "strasbourg": "Grand Est", "nancy": "Grand Est", "metz": "Grand Est", "reims": "Grand Est",
    "mulhouse": "Grand Est", "troyes": "Grand Est",
    "caen": "Normandie", "rouen": "Normandie", "le havre": "Normandie",
    "cherbourg": "Normandie", "flamanville": "Normandie", "evreux": "Normandie",
    "dijon": "Bourgogne-Franche-Comté", "besancon": "Bourgogne-Franche-Comté",
    "belfort": "Bourgogne-Franche-Comté", "chalon-sur-saone": "Bourgogne-Franche-Comté",
    "tours": "Centre-Val de Loire", "orleans": "Centre-Val de Loire", "bourges": "Centre-Val de Loire",
    "ajaccio": "Corse", "bastia": "Corse",
    # demonyms, as people say « le projet toulousain »
    "toulousain": "Occitanie", "toulousaine": "Occitanie", "montpellierain": "Occitanie",
    "occitan": "Occitanie", "occitane": "Occitanie", "lyonnais": "Auvergne-Rhône-Alpes",
    "lyonnaise": "Auvergne-Rhône-Alpes", "grenoblois": "Auvergne-Rhône-Alpes",
    "grenobloise": "Auvergne-Rhône-Alpes", "auvergnat": "Auvergne-Rhône-Alpes",
    "lillois": "Hauts-de-France", "lilloise": "Hauts-de-France", "nordiste": "Hauts-de-France",
    "dunkerquois": "Hauts-de-France", "picard": "Hauts-de-France",
    "bordelais": "Nouvelle-Aquitaine", "bordelaise": "Nouvelle-Aquitaine",
    "poitevin": "Nouvelle-Aquitaine", "poitevine": "Nouvelle-Aquitaine",
    "limougeaud": "Nouvelle-Aquitaine", "neo-aquitain": "Nouvelle-Aquitaine",
    "neo-aquitaine": "Nouvelle-Aquitaine", "nantais": "Pays de la Loire",
    "ligerien": "Pays de la Loire", "rennais": "Bretagne", "breton": "Bretagne",
    "bretonne": "Bretagne", "brestois": "Bretagne", "strasbourgeois": "Grand Est",
    "alsacien": "Grand Est", "lorrain": "Grand Est", "nanceien": "Grand Est",
    "normand": "Normandie", "normande": "Normandie", "caennais": "Normandie",
    "rouennais": "Normandie", "marseillais": "Provence-Alpes-Côte d'Azur",
    "nicois": "Provence-Alpes-Côte d'Azur", "provencal": "Provence-Alpes-Côte d'Azur",
    "azureen": "Provence-Alpes-Côte d'Azur", "parisien": "Île-de-France",
    "parisienne": "Île-de-France", "francilien": "Île-de-France",
    "francilienne": "Île-de-France", "bourguignon": "Bourgogne-Franche-Comté",
    "dijonnais": "Bourgogne-Franche-Comté", "franc-comtois": "Bourgogne-Franche-Comté",
    "tourangeau": "Centre-Val de Loire", "orleanais": "Centre-Val de Loire",
}  # fmt: skip

#: Question words that point at a sector label (folded forms -> words found in labels).
SECTOR_HINTS: dict[str, tuple[str, ...]] = {
    "batter": ("batter",), "gigafactor": ("batter",), "cyber": ("cyber",),
    "nucleair": ("nucleaire",), "atome": ("nucleaire",), "hydrogen": ("hydrogene",),
    "h2": ("hydrogene",), "spatial": ("spatial",), "espace": ("spatial",),
    "satellit": ("spatial",), "recycl": ("recyclage",), "dechet": ("recyclage",),
    "chimi": ("chimie",), "sante": ("sante",), "medic": ("sante", "biomedicament"),
    "biomedicament": ("biomedicament",), "ia": ("intelligence artificielle",),
    "intelligence artificielle": ("intelligence artificielle",), "jeu video": ("jeu video",),
    "jeux video": ("jeu video",), "ferroviaire": ("ferroviaire",), "train": ("ferroviaire",),
    "naval": ("naval", "maritime"), "mer": ("maritime", "naval"), "automobile": ("automobile",),
    "voiture": ("automobile",), "vehicule": ("automobile", "vehicule"),
    "mobilite": ("mobilite",), "aeronaut": ("aeronautique",), "avion": ("aeronautique",),
    "decarbon": ("decarbonation",), "numerique": ("numerique",),
    "electroni": ("electronique",), "agricol": ("agricole", "agriculture"),
    "agricult": ("agricole", "agriculture"), "immersi": ("immersif",),
    "realite virtuelle": ("immersif", "realite virtuelle"), "cloud": ("cloud",),
    "5g": ("5g", "telecommunications"), "bioproduction": ("bioproduction",),
    "energie": ("energie",),
}  # fmt: skip


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


_ARTICLE_TOWNS = re.compile(r"\b(?:du|au|le) (mans|havre)\b")


def _place_text(text: str) -> str:
    """Folded ``text`` with « du Mans », « au Havre » written as the town's name."""
    return _ARTICLE_TOWNS.sub(r"le \1", fold(text))


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    forms = sorted(
        {fold(n).strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True
    )
    if not forms:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


class Catalog:
    """All programme records, with look-ups by name, place and sector."""

    def __init__(self, records: Iterable[ProgrammeRecord]) -> None:
        self.records = sorted(records, key=lambda r: fold(r.short_name))
        self.by_id = {r.id: r for r in self.records}
        self._name_patterns = {
            r.id: _names_pattern((r.short_name, *r.aliases, r.id if "-" in r.id else ""))
            for r in self.records
        }
        self._cities = dict(CITIES)
        for r in self.records:
            for city in r.cities:
                if r.regions and fold(city) not in self._cities:
                    self._cities[fold(city)] = r.regions[0]

    @classmethod
    def from_store(cls, store: ChunkStore) -> Catalog:
        """Read the front matter kept on each document's first chunk."""
        records = []
        for chunk in store.iter_chunks(include_text=False, where={"chunk_index": 0}):
            front = chunk.meta.front_matter
            if not front or not front.get("id"):
                continue
            records.append(
                ProgrammeRecord.from_front_matter(
                    front, title=chunk.meta.doc_title or str(front["id"]), url=chunk.meta.doc_url
                )
            )
        return cls(records)

    def __len__(self) -> int:
        return len(self.records)

    def regions(self) -> list[str]:
        return sorted({r for rec in self.records for r in rec.regions}, key=fold)

    def sectors(self) -> list[str]:
        return sorted({s for rec in self.records for s in rec.sectors}, key=fold)

    # --- recognising things in a question ---------------------------------------------------

    @staticmethod
    def is_generic(doc_id: str) -> bool:
        """Whether ``doc_id`` documents the call for projects itself, not one programme.

        « projet CMA » names the call as context, not as the subject of the question.
        """
        return doc_id.startswith("ami-cma")

    def name_forms(self, doc_id: str) -> list[str]:
        """Names by which a programme is called (short name and aliases)."""
        record = self.by_id.get(doc_id)
        return [record.short_name, *record.aliases] if record else []

    def generic_ids(self) -> list[str]:
        return [r.id for r in self.records if self.is_generic(r.id)]

    def mentioned(self, text: str) -> list[str]:
        """Ids of the programmes named in ``text``, in order of appearance."""
        folded = fold(text)
        found: list[tuple[int, str]] = []
        for rid, pattern in self._name_patterns.items():
            if pattern and (m := pattern.search(folded)):
                found.append((m.start(), rid))
        return [rid for _, rid in sorted(found)]

    def names_in(self, doc_id: str, text: str) -> list[str]:
        """The names of ``doc_id`` found in ``text`` (folded), as :meth:`mentioned` finds them."""
        pattern = self._name_patterns.get(doc_id)
        return [m.group(0) for m in pattern.finditer(fold(text))] if pattern else []

    def without_names(self, text: str) -> str:
        """``text`` (folded) with the programme names blanked out: « BIOT2@Normandie » names
        a programme, not a place the question is about."""
        folded = fold(text)
        for pattern in self._name_patterns.values():
            if pattern is not None:
                folded = pattern.sub(" ", folded)
        return folded

    def regions_in(self, text: str) -> list[str]:
        """Regions named in ``text``, directly or through a town."""
        folded = _place_text(text)
        found: list[str] = []
        for region, forms in REGIONS.items():
            if any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", folded) for f in forms):
                found.append(region)
        for city, region in self._cities.items():
            if re.search(rf"(?<![\w-]){re.escape(city)}(?![\w-])", folded) and region not in found:
                found.append(region)
        return found

    def cities_in(self, text: str) -> list[str]:
        """Towns named in ``text`` (folded forms)."""
        folded = _place_text(text)
        return [c for c in self._cities if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", folded)]

    @staticmethod
    def is_sector_phrase(name: str) -> bool:
        """Whether ``name`` is made of sector words only (« e-santé », « numérique en
        santé »; not « Cinerg'e-santé » nor « Cyberskills »)."""
        words = re.findall(r"[a-z0-9]+", fold(name))
        return bool(words) and all(
            w in _LINK_WORDS or any(w.startswith(h) and len(w) - len(h) <= 3 for h in SECTOR_HINTS)
            for w in words
        )

    def sectors_in(self, text: str) -> list[str]:
        """Corpus sector labels that ``text`` points at."""
        folded = fold(text)
        wanted: set[str] = set()
        for hint, label_words in SECTOR_HINTS.items():
            if re.search(rf"(?<![\w]){re.escape(hint)}", folded):
                wanted.update(label_words)
        return [s for s in self.sectors() if any(w in fold(s) for w in wanted)]

    # --- filtering ----------------------------------------------------------------------------

    def filter(self, filters: Filters) -> list[ProgrammeRecord]:
        """Records matching every given filter (regions and sectors: any of the values)."""
        out = []
        regions = {fold(r) for r in filters.regions}
        sectors = {fold(s) for s in filters.sectors}
        for rec in self.records:
            if filters.programmes and rec.id not in filters.programmes:
                continue
            rec_regions = {fold(r) for r in rec.regions}
            national = filters.include_national and "national" in rec_regions
            if regions and not (regions & rec_regions or national):
                continue
            if sectors and not any(
                s in fold(label) or fold(label) in s for label in rec.sectors for s in sectors
            ):
                continue
            out.append(rec)
        return out

    def doc_ids(self, filters: Filters) -> list[str] | None:
        """Document ids allowed by ``filters`` (None when there is no filter)."""
        if not filters:
            return None
        return [r.id for r in self.filter(filters)]


# --- filters typed by users and sites -------------------------------------------------------


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
