"""The catalogue: every programme record, with look-ups by name, place and sector, and the
filtering of records by a question's or a site's filters."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answer import Filters
from assistant.catalog.describe import described_in
from assistant.catalog.gazetteer import TOWNS, department_regions, former_regions
from assistant.catalog.places import CITIES, DEMONYMS, REGIONS, SECTOR_HINTS
from assistant.catalog.records import ProgrammeRecord
from assistant.catalog.rounds import round_nouns, round_phrases, rounds_in, rounds_pattern
from assistant.index.store import ChunkStore
from assistant.text.folding import fold
from assistant.text.glossary import expansions
from assistant.text.informal import pro_written_out
from assistant.text.tokens import tokenize

#: Words that join sector words in a name (« numérique en santé »).
_LINK_WORDS = frozenset({"e", "en", "de", "du", "des", "la", "le", "les", "et"})

_ARTICLE_TOWNS = re.compile(r"\b(?:du|au|le) (mans|havre)\b")


#: A town demonym in any form (« dunkerquoise », « rennaises »): its masculine singular
#: is the one the place tables hold.
_DEMONYM_FORMS = re.compile(rf"\b({'|'.join(DEMONYMS)})(?:n?e)?s?\b")


def _place_text(text: str) -> str:
    """Folded ``text`` with « du Mans », « au Havre » written as the town's name and town
    demonyms in their masculine singular (« l'académie dunkerquoise »)."""
    folded = _DEMONYM_FORMS.sub(r"\1", fold(text))
    folded = _MEETING.sub(" ", folded)  # « je prépare une réunion » is no La Réunion
    return _ARTICLE_TOWNS.sub(r"le \1", folded)


_MEETING = re.compile(
    r"\b(une|cette|ma|mon|notre|votre|leur|prochaine|des|en|ces|nos|vos) reunions?\b|"
    r"\breunions? (avec|de travail|d'equipe|publique)\b"
)


def _names_pattern(names: Iterable[str], ids: Iterable[str] = ()) -> re.Pattern[str] | None:
    """A pattern finding any of ``names`` (a hyphen or an apostrophe also typed as a
    space: « c decide », « cinerg e-sante ») or of ``ids`` (as written) in folded text."""
    # « Carte des formations des lycées pro » also as questions are read once written out
    # (« … des lycées professionnels »: `text.informal`).
    forms = sorted(
        {
            fold(f).strip()
            for n in names
            if n and len(n.strip()) >= 2
            for f in (n, pro_written_out(n))
        },
        key=len,
        reverse=True,
    )
    written = [_name_form(f) for f in forms]
    written += [re.escape(i) for i in ids if i]
    if not written:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(written) + r")(?![\w])")


def _name_form(name: str) -> str:
    """The pattern of one folded name; a name of three words or more lets articles and
    « de » in between its words: the alias « fonds compétences enseignement agricole » is
    written « le fonds compétences de l'enseignement agricole »."""
    words = [re.escape(w).replace(r"\-", "[- ]").replace("'", "['’ ]") for w in name.split(" ")]
    spaced = len(words) >= 3 and not any(c.isdigit() for c in name)  # not « saison 2 ami cma »
    glue = r" (?:(?:de|du|des|la|le|les) |[dl]['’ ])*" if spaced else " "
    return glue.join(words)


#: The endings of the demonyms in :data:`CITIES` (« breton », « lilloise », « tourangeau »).
_DEMONYM = re.compile(
    r"(ain|aine|ais|aise|ois|oise|ien|ienne|on|onne|and|ande|ard|aud|eau|an|in|ite|al|een|iste)$"
)


class Catalog:
    """All programme records, with look-ups by name, place and sector."""

    def __init__(self, records: Iterable[ProgrammeRecord]) -> None:
        self.records = sorted(records, key=lambda r: fold(r.short_name))
        self.by_id = {r.id: r for r in self.records}
        self._name_patterns = {
            r.id: _names_pattern((r.short_name, *r.aliases), (r.id if "-" in r.id else "",))
            for r in self.records
        }
        calls = [r for r in self.records if self.is_generic(r.id)]
        self._round_nouns = round_nouns(calls, {r.id for r in calls})
        self._rounds_pattern = rounds_pattern(self._round_nouns)
        self._cities = {**TOWNS, **CITIES}
        # « lesquels sont bretons ? »: a demonym in the plural.
        self._cities.update(
            {
                f"{k}{'x' if k.endswith('eau') else 's'}": v
                for k, v in CITIES.items()
                if _DEMONYM.search(k)
            }
        )
        for r in self.records:
            for city in r.cities:
                if r.regions and fold(city) not in self._cities:
                    self._cities[fold(city)] = r.regions[0]
        forms = sorted(self._cities, key=len, reverse=True)
        self._city_pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in forms) + r")(?![\w-])"
        )

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

    def names_of(self, doc_ids: Iterable[str]) -> list[str]:
        """The :meth:`name_forms` of every programme in ``doc_ids``."""
        return [name for doc_id in doc_ids for name in self.name_forms(doc_id)]

    def generic_ids(self) -> list[str]:
        return [r.id for r in self.records if self.is_generic(r.id)]

    def rounds_in(self, text: str) -> dict[str, set[int]]:
        """Rounds of the call that ``text`` names (« la troisième vague », « la 1re levée »,
        « saison 2 »), by kind (:func:`~assistant.catalog.rounds.rounds_in`)."""
        return rounds_in(text, self._round_nouns, self._rounds_pattern)

    def round_phrases(self, text: str) -> list[str]:
        """The words of ``text`` naming rounds of the call, as written (« saison 2 »)."""
        return round_phrases(text, self._rounds_pattern)

    def mentioned(self, text: str) -> list[str]:
        """Ids of the programmes named in ``text``, in order of appearance."""
        folded = fold(text)
        spans: dict[str, list[tuple[int, int]]] = {}
        for rid, pattern in self._name_patterns.items():
            if pattern and (matches := [m.span() for m in pattern.finditer(folded)]):
                spans[rid] = matches

        # « e-santé » inside « Cinerg'e-santé » names no other programme.
        def inside(rid: str) -> bool:
            others = [span for o, theirs in spans.items() if o != rid for span in theirs]
            return all(
                any(s <= start and end <= e and (s, e) != (start, end) for s, e in others)
                for start, end in spans[rid]
            )

        found = [(own[0][0], rid) for rid, own in spans.items() if not inside(rid)]
        return [rid for _, rid in sorted(found)]

    def names_in(self, doc_id: str, text: str) -> list[str]:
        """The names of ``doc_id`` found in ``text`` (folded), as :meth:`mentioned` finds them."""
        pattern = self._name_patterns.get(doc_id)
        return [m.group(0) for m in pattern.finditer(fold(text))] if pattern else []

    def described_in(
        self,
        text: str,
        *,
        regions: Iterable[str] = (),
        sectors: Iterable[str] = (),
        asks_attribute: bool = True,
    ) -> str | None:
        """The programme ``text`` describes without naming it (« l'école de Verkor »), if
        exactly one (:mod:`assistant.catalog.describe`)."""
        return described_in(
            self, text, regions=regions, sectors=sectors, asks_attribute=asks_attribute
        )

    def part_names_in(self, doc_id: str, text: str) -> list[str]:
        """Aliases of ``doc_id`` written in ``text`` (folded) that do not hold its short name
        and add words to its short name and title: « SequoIA » names one of the IA
        Clusters, not all of them (« Clusters IA », or « École nationale du recyclage » in
        EN2R's title, are the programme itself)."""
        record = self.by_id.get(doc_id)
        if record is None:
            return []
        short = fold(record.short_name)
        # « DEF'Hy : … (et le diagnostic FH2-PDL) »: a title's « (et …) » names another one.
        title = re.sub(r"\(et [^)]*\)", " ", record.title)
        # « Campus NFP 4.0 » is CMQ NFP 4.0 (« CMQ » is a campus), not a part of it.
        own = set(tokenize(" ".join([record.short_name, title, *expansions(record.short_name)])))
        # A group named by its members (« eOLE Campus, C2A, PEGASE »), or a programme named
        # by its two halves (« DACSO / DECSO »): each is a part.
        members = [fold(m) for m in re.split(r",\s*|\s+et\s+|\s*/\s*", record.short_name)]
        halves = "/" in record.short_name
        members = members if (record.kind == "groupe" or halves) and len(members) >= 2 else []
        listed: list[str] = []
        if record.kind == "groupe" and ":" in title:
            # « Les lauréats hydrogène … : COMED, LMA, GENHYO et AMHY »: its title lists them.
            listed = re.split(r",\s*|\s+et\s+", title.split(":", 1)[1].strip())
            listed = [fold(m) for m in listed if len(m.split()) <= 3]  # names, not a phrase
            listed = listed if len(listed) >= 2 else []
        bare = re.sub(r"[\W_]", "", short)
        parts = [
            written
            for written in self.names_in(doc_id, text)
            if short not in written
            and re.sub(r"[\W_]", "", written) != bare  # « Electromob » is Electro'Mob
            # « e-santé » is the group's own word « santé », not a part of it
            and (
                {t for t in tokenize(written.replace("-", " ")) if len(t) > 1} - own
                or any(written in m for m in [*members, *listed])
            )
        ]
        # « Les quatre lauréats (COMED, LMA, GENHYO, AMHY) » name the group, not one of them.
        if sum(any(p in m for m in listed) for p in parts) >= 2:
            return [p for p in parts if not any(p in m for m in listed)]
        return parts + _one_of_plural(short, fold(text))

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
        for city in self.cities_in(text):
            if self._cities[city] not in found:
                found.append(self._cities[city])
        for region in [*department_regions(folded), *former_regions(folded)]:
            if region not in found:
                found.append(region)
        return found

    def cities_in(self, text: str) -> list[str]:
        """Towns named in ``text`` (folded forms)."""
        named = set(self._city_pattern.findall(_place_text(text)))
        return [c for c in self._cities if c in named]

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
        found = [
            (m.span(), label_words)
            for hint, label_words in SECTOR_HINTS.items()
            for m in re.finditer(rf"(?<![\w]){re.escape(hint)}", folded)
        ]
        wanted: set[str] = set()
        for (start, end), label_words in found:
            # « santé numérique » is one sector, not all of « santé » and « numérique ».
            if not any(s <= start and end <= e and (s, e) != (start, end) for (s, e), _ in found):
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
                # « santé numérique » asked is not every « numérique » programme.
                s in fold(label) or (fold(label) in s and " " not in s)
                for label in rec.sectors
                for s in sectors
            ):
                continue
            out.append(rec)
        return out

    def doc_ids(self, filters: Filters) -> list[str] | None:
        """Document ids allowed by ``filters`` (None when there is no filter)."""
        if not filters:
            return None
        return [r.id for r in self.filter(filters)]


def _one_of_plural(short: str, folded: str) -> list[str]:
    """« l'IA Cluster de l'Université de Lorraine »: one member of a programme whose name
    is plural (« IA Clusters »), written in the singular with whose it is."""
    if not short.endswith("s") or len(short) < 5:
        return []
    found = re.search(
        rf"(?<![\w-])(?:l')?{re.escape(short[:-1])}(?!s)\s+(?:de |du |d')[^,;:?!.]{{2,50}}",
        folded,
    )
    if not found:
        return []
    # « … de l'Université de Lorraine a-t-il obtenu » ends before its verb.
    words: list[str] = []
    for word in found.group().split():
        if word in _VERBS or "-t-" in word or re.search(r"-(il|elle|ils|elles)$", word):
            break
        words.append(word)
    return [" ".join(words)]


#: Verbs that end a name written in a question (« … de Lorraine reçoit combien ? »).
_VERBS = frozenset(
    {"a", "ont", "est", "sont", "recoit", "recoivent", "obtient", "touche", "percoit", "dispose",
     "compte", "vise", "doit", "forme", "va", "peut", "beneficie"}
)  # fmt: skip
