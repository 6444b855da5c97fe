"""Which programme a question describes without naming it.

« l'école de Verkor », « le projet spatial toulousain », « le projet d'IA de l'Institut
Mines-Télécom » name no programme, yet each points at one record of the catalogue. Three
kinds of evidence are read from the record, never from a word list of this corpus:

- *organisation*: a capitalised word of the question (not its first word, not a place, not
  a sector word, not a generic institution word such as « Université » or « État ») that is
  in the record's lead, aliases or title; or the lead's name written in full (« le Campus
  des industries navales »);
- *place*: a town of the question (a demonym counts as its town) among the record's towns;
  without a town, a region of the question among the record's regions;
- *sector*: a sector of the question among the record's sectors, or one of the record's
  sector labels written in the question (« le cursus quantique »);
- *season*: the call's season the question names (« le projet de saison 2 »);
- *date*: the month the question names is the one of the record's status (« lancé en avril
  2023 »).

A record is described when it alone holds the most evidence, with an organisation, or a
place and a sector. A place alone (« la météo à Toulouse ») or a sector alone describes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Protocol

from assistant.catalog.places import CITIES, DEMONYMS, REGIONS, SECTOR_HINTS
from assistant.catalog.records import ProgrammeRecord
from assistant.text.folding import fold
from assistant.text.numbers import MONTHS
from assistant.text.tokens import tokenize


class Records(Protocol):
    """What this module reads of the catalogue (:class:`~assistant.catalog.Catalog`)."""

    records: list[ProgrammeRecord]

    def cities_in(self, text: str) -> list[str]: ...

    def sectors(self) -> list[str]: ...


#: Institution words that name no one organisation in particular.
_GENERIC_INSTITUTIONS = (
    "État France Région Régional Université Universités Institut Campus École Écoles Conseil "
    "Ministère Agence National Nationale Banque Territoires Maison Grand Sud Nord Est Ouest "
    "Centre Pôle Réseau Projet Programme Formation Lycée Lycées Académie Campus Bourse AMI CMA "
    "Compétences Métiers Avenir Plan Saison Vague"
)

_WORD = re.compile(r"[^\W\d_][\w]*", re.UNICODE)


@lru_cache(maxsize=1)
def _generic_tokens() -> frozenset[str]:
    return frozenset(tokenize(_GENERIC_INSTITUTIONS))


@lru_cache(maxsize=1)
def _place_tokens() -> frozenset[str]:
    words = [*CITIES, *DEMONYMS, *(f for forms in REGIONS.values() for f in forms)]
    return frozenset(tokenize(" ".join(words)))


def with_towns(text: str) -> str:
    """``text`` folded, with town demonyms written as their town (« toulousain » ->
    « toulouse »)."""
    folded = fold(text)
    for demonym, town in DEMONYMS.items():
        folded = re.sub(rf"\b{demonym}(?:n?e)?s?\b", town, folded)
    return folded


def _organisation_tokens(text: str, skip: Iterable[str]) -> set[str]:
    """Tokens of the capitalised words of ``text`` after its first word."""
    words = _WORD.findall(text)
    capitalised = " ".join(w for w in words[1:] if w[:1].isupper())
    return set(tokenize(capitalised)) - _generic_tokens() - _place_tokens() - set(skip)


@cache
def _distinctive_lead_tokens(leads: tuple[str, ...]) -> frozenset[str]:
    """Tokens of carriers' own names that one record alone holds: an acronym (« CINav »,
    « ENSIACET ») or a one-word carrier (« Verkor », « Federec »); not the common nouns
    of « Maison de l'Emploi » or « Université Claude Bernard ». Cached per set of leads
    (once per catalogue, not once per question)."""
    seen: dict[str, int] = {}
    for written in leads:
        lead = re.sub(r"\s*\([^)]*\)", "", written).strip()
        words = [w for w in re.split(r"[\s-]+", lead) if sum(c.isupper() for c in w) >= 2]
        if lead and " " not in lead:
            words.append(lead)
        for token in set(tokenize(" ".join(words))):
            seen[token] = seen.get(token, 0) + 1
    # « cmq » names every campus of trades and qualifications, not one carrier.
    common = _generic_tokens() | _place_tokens() | {"cmq"}
    return frozenset(t for t, n in seen.items() if n == 1 and len(t) >= 3 and t not in common)


#: Words of sector labels that tell no sector apart (« technologies quantiques »).
_LABEL_FILLER = (
    "technologies industrie industries enseignement formation professionnelle compétences "
    "transition systèmes économie supérieur durable verte futur"
)


def _label_tokens(labels: Iterable[str]) -> set[str]:
    """Tokens of a record's sector labels that name a sector (« quantiqu »)."""
    return set(tokenize(" ".join(labels))) - set(tokenize(_LABEL_FILLER))


#: Words sharing a sector label's stem that name no sector.
_NOT_A_SECTOR = re.compile(r"\bintelligente?s?\b")

#: « le projet de saison 2 »: the call's season a programme was chosen in.
_SEASON = re.compile(r"\bsaison (\d)\b")


def _lead_written(lead: str | None, folded: str) -> bool:
    """Whether the question writes the lead's name, or its name in brackets, in full
    (« le Campus des industries navales » for « CINav (Campus des industries navales) »);
    words of it scattered in the question (« France … hydrogène ») do not count."""
    if not lead:
        return False
    brackets = re.findall(r"\(([^)]*)\)", lead)
    forms = [lead, *brackets, re.sub(r"\s*\([^)]*\)", "", lead)]
    # « (aujourd'hui Université de Toulouse) »: the carrier's present name.
    forms += [re.sub(r"^(aujourd'hui|desormais|anciennement) ", "", fold(b)) for b in brackets]
    # A numbered university is named by its town and number (« Lyon 1 », « Paris 8 »).
    forms += re.findall(r"\b[A-Z][\w-]+ (?:1[0-3]|[1-9])\b(?![,.]?\d)", lead)
    for form in forms:
        phrase = fold(form).strip()
        if len(phrase.split()) >= 2 and re.search(
            rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", folded
        ):
            return True
    return False


_MONTH_NUMBERS = {fold(name): n for n, name in enumerate(MONTHS, start=1)}
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTH_NUMBERS)}) (20\d\d)\b")


def _months_in(folded: str) -> set[str]:
    """The months a (folded) question names with their year, as « 2023-04 »."""
    return {f"{y}-{_MONTH_NUMBERS[m]:02d}" for m, y in _MONTH_YEAR.findall(folded)}


def says_diagnostic(text: str) -> bool:
    """Whether ``text`` (folded) describes its subject as « le diagnostic … »."""
    return bool(re.search(r"\ble diagnostic\b", text))


def described_in(
    catalog: Records,
    text: str,
    *,
    regions: Iterable[str] = (),
    sectors: Iterable[str] = (),
    asks_attribute: bool = True,
) -> str | None:
    """The id of the one programme ``text`` describes, or None (see the module docstring).

    ``regions`` and ``sectors`` are the ones the question names (as the catalogue finds
    them). An organisation alone describes a programme only in a question that asks for
    one of its attributes (``asks_attribute``): « le cours de l'action Verkor » is about
    the company, « l'aide de l'État à l'école de Verkor » about its programme."""
    folded = with_towns(text)
    # Towns of the catalogue's records only: « normand » is a region's demonym, and a town
    # no record names (« Marseille ») falls back to its region.
    known = {fold(c) for record in catalog.records for c in record.cities}
    towns = set(catalog.cities_in(folded)) & known
    words = set(tokenize(folded))
    # « le textile intelligent » is no artificial intelligence (same stem as its label).
    sector_words = set(tokenize(_NOT_A_SECTOR.sub(" ", folded)))
    regions, sectors = set(regions), set(sectors)
    sector_tokens = set(tokenize(" ".join([*catalog.sectors(), *SECTOR_HINTS])))
    organisation = _organisation_tokens(text, sector_tokens)
    # Typed without capitals too (« le projet porte par verkor »): a carrier's acronym or
    # one-word name that only one record holds.
    organisation |= _distinctive_lead_tokens(tuple(r.lead or "" for r in catalog.records)) & words
    months = _months_in(folded)
    # Evidence first, then how many of the question's sectors it covers (« véhicules
    # électriques et hydrogène » at Lyon is REMED, not the École de la Batterie).
    scored: list[tuple[int, int, str]] = []
    for record in catalog.records:
        evidence = set()
        if (
            organisation
            and organisation
            & set(tokenize(" ".join([record.lead or "", *record.aliases, record.title])))
        ) or _lead_written(record.lead, folded):
            evidence.add("organisation")
        if towns:
            if towns & {fold(c) for c in record.cities}:
                evidence.add("place")
        elif regions & set(record.regions):
            evidence.add("place")
        if sectors & set(record.sectors) or sector_words & _label_tokens(record.sectors):
            evidence.add("sector")
        if (
            record.season
            and (season := _SEASON.search(folded))
            and season.group(1) in fold(record.season)
        ):
            evidence.add("season")
        if record.kind == "diagnostic" and says_diagnostic(folded):
            evidence.add("kind")  # « le diagnostic aéronautique du Sud-Ouest »
        if record.status_date and record.status_date[:7] in months:
            evidence.add("date")  # « le projet lancé à Lille en avril 2023 »
        if len(evidence) >= 2 or (evidence == {"organisation"} and asks_attribute):
            scored.append((len(evidence), len(sectors & set(record.sectors)), record.id))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][:2] == scored[0][:2]):
        return None
    return scored[0][2]
