"""Answers about several programmes (lists, counts, rankings), from the catalogue.

Each row is cited with a sentence of the programme's own document: the one holding the
figure shown, or one that places the programme in the region or sector asked about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import NOT_FOUND, Answer, Filters
from assistant.answering.audience import names_audience
from assistant.answering.quotes import (
    CitationBuilder,
    Quote,
    first_quote,
    in_sources_section,
    quotes_of,
)
from assistant.answering.scope import shares_figure
from assistant.catalog import Catalog, ProgrammeRecord, in_region
from assistant.text.counts import count_in, counted_noun, counts_anyone
from assistant.text.folding import fold
from assistant.text.numbers import contains, format_eur, format_int, numbers_in
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.retrieval.hybrid import HybridRetriever

FIELDS: dict[str, tuple[str, str]] = {
    # slot: (column label, phrase used in sentences)
    "state_aid": ("Aide de l'État", "l'aide de l'État la plus élevée"),
    "budget": ("Budget total", "le budget total le plus élevé"),
    "people": ("Personnes à former", "l'objectif de formation le plus élevé"),
}
#: « le plus de formateurs », « combien d'apprentis »: the noun a ranking counts.
_COUNTED_IN_RANKING = re.compile(
    r"(?i)\b(?:le plus|le moins|davantage|plus|combien) d(?:e |['’])(\w+)"
)

#: Kinds of record that rankings compare, and how many rows they show.
RANKED_KINDS = ("programme", "diagnostic")
MAX_ROWS = 10
_MIN_PHRASES = {
    "state_aid": "l'aide de l'État la plus faible",
    "budget": "le budget total le plus faible",
    "people": "l'objectif de formation le plus faible",
}


def where_to_ask(record: ProgrammeRecord | None) -> str:
    """Where a user can get the answer the documents do not hold."""
    if record is not None and record.url:
        return (
            f"Pour en savoir plus, consultez la page du programme « {record.short_name} » "
            f"({record.url}) ou contactez directement son porteur."
        )
    return (
        "Vous pouvez vous renseigner auprès de votre conseil régional, de France Travail ou "
        "de l'opérateur de l'appel à projets (Banque des Territoires, ANR)."
    )


def _value(record: ProgrammeRecord, slot: str) -> int | None:
    if slot == "state_aid":
        return record.state_aid_eur
    if slot == "budget":
        return record.budget_total_eur
    return record.people


def _counted_written(question: str) -> str:
    """The noun a count ranking counts, as the question writes it (« formateurs »)."""
    found = _COUNTED_IN_RANKING.search(question)
    return found.group(1).lower() if found else "personnes"


def _format(slot: str, value: int) -> str:
    return format_int(value) if slot == "people" else format_eur(value)


class StructuredAnswerer:
    """Lists, counts and rankings over the catalogue records."""

    def __init__(self, retriever: HybridRetriever, catalog: Catalog) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self._doc_tokens: dict[str, set[str]] = {}

    def _scope(self, info: QuestionInfo, filters: Filters) -> tuple[Filters, list[ProgrammeRecord]]:
        """What the question scopes (places, sectors, programmes) and the records in it."""
        if len(info.programmes) >= 2:
            scope = Filters(programmes=tuple(info.programmes))
        else:
            scope = Filters(
                regions=tuple(info.regions) or filters.regions,
                sectors=tuple(info.sectors) or filters.sectors,
                programmes=filters.programmes,
                include_national=not info.regions and filters.include_national,
            )
        records = [r for r in self.catalog.filter(scope) if not self.catalog.is_generic(r.id)]
        if info.excluded_regions:
            # « En dehors de l'Île-de-France » leaves out the programmes run only there.
            left_out = {*info.excluded_regions, "National"}
            records = [r for r in records if not set(r.regions) <= left_out]
        if info.outside_ami:
            records = [r for r in records if r.ami_cma is False]
        elif re.search(r"\b(ami|cma)\b", fold(info.text)):
            records = [r for r in records if r.ami_cma is not False]
        return scope, records

    def no_trade(self, info: QuestionInfo, filters: Filters) -> Answer:
        """« Je n'ai trouvé aucun programme sur « viticulture » en Nouvelle-Aquitaine »: the
        trade a question asks about (:attr:`QuestionInfo.trade_text`) is in no document."""
        scope, records = self._scope(info, filters)
        return self._no_trade(info, scope, records)

    def answer(self, info: QuestionInfo, filters: Filters) -> Answer | None:
        scope, records = self._scope(info, filters)
        if not scope and not info.outside_ami and not info.superlative:
            return None
        slot = info.slot if info.slot in FIELDS else None
        if info.superlative and slot is None and "partners" in info.slots:
            # « Qui a le plus gros consortium, DécarboChim ou OSMOSE ? »: the count of
            # partners each document gives, not the budget.
            if not records:
                return self._nothing(info, scope)
            return self._ranking(info, records, "people", counting="partenaires")
        if (info.superlative or len(info.programmes) >= 2) and slot is None:
            slot = (
                "budget"
                if re.search(r"budget|cout|gros|cher|investissement|lourd", fold(info.text))
                else "state_aid"
            )
        if not records:
            return self._nothing(info, scope)
        if slot and (info.superlative or len(info.programmes) >= 2):
            return self._ranking(info, records, slot)
        if info.trade:
            # « les métiers du textile dans les Hauts-de-France »: only the programmes whose
            # document speaks of textile answer; none is a refusal that says so.
            about = [r for r in records if set(info.trade) <= self._tokens(r.id)]
            if not about:
                return self._no_trade(info, scope, records)
            records = about
        return self._listing(info, records, scope)

    def _tokens(self, doc_id: str) -> set[str]:
        """Search tokens of a document's quotable sentences (not its sources' addresses)."""
        if doc_id not in self._doc_tokens:
            quotes = self._content_quotes(doc_id)
            self._doc_tokens[doc_id] = set(tokenize(" ".join(q.text for q in quotes)))
        return self._doc_tokens[doc_id]

    def _content_quotes(self, doc_id: str) -> list[Quote]:
        """The document's sentences, without its sources section and addresses."""
        return [
            q
            for q in quotes_of(self.retriever.chunks_of(doc_id))
            if not in_sources_section(q) and "http" not in q.text
        ]

    # --- rankings and comparisons ---------------------------------------------------------

    def _ranking(
        self,
        info: QuestionInfo,
        records: list[ProgrammeRecord],
        slot: str,
        *,
        counting: str = "",
    ) -> Answer:
        """Rank ``records`` on ``slot``, or on the count of ``counting`` (« partenaires »)
        each document gives."""
        label, phrase = FIELDS[slot]
        noun = ""
        if len(info.programmes) < 2:
            # A ranking compares programmes: not groups of laureates nor the call itself.
            records = [r for r in records if r.kind in RANKED_KINDS or info.outside_ami]
        counted = (
            self._counted_values(info, records, asked=f"combien de {counting}" if counting else "")
            if slot == "people"
            else None
        )
        if counted is not None:
            # « Qui forme le plus de formateurs ? »: each document's count of trainers, not
            # the record's headcount of learners.
            values: dict[str, int | None] = {rid: v for rid, (v, _) in counted.items()}
            quotes: dict[str, Quote | None] = {rid: q for rid, (_, q) in counted.items()}
            noun = counting or _counted_written(info.text)
            if counting:
                label = f"Nombre de {counting}"
            phrase = f"le plus de {noun}"
        else:
            values = {r.id: _value(r, slot) for r in records}
            quotes = {}
            headless = [r for r in records if values[r.id] is None]
            if slot == "people" and headless and len(info.programmes) >= 2:
                # Two programmes compared, one with no headcount in its record: its
                # document's count of the people asked (« eOLE Campus : 1 400 jeunes par
                # an »). Not in a ranking of them all, where a group's figure (« les cinq
                # projets issus de DACSO… ») would be taken for one programme's.
                # « Comparer l'objectif de formation de X et de Y » counts no noun: people.
                asked = "" if counted_noun(info.text) else "combien de personnes"
                found = self._counted_values(info, headless, learners=True, asked=asked) or {}
                for rid, (value, quote) in found.items():
                    if value is not None:
                        values[rid], quotes[rid] = value, quote
        known = [r for r in records if values[r.id] is not None]
        unknown = [r for r in records if values[r.id] is None]
        reverse = info.superlative != "min"
        known.sort(key=lambda r: values[r.id] or 0, reverse=reverse)
        builder = CitationBuilder()
        rows: list[dict[str, str]] = []
        lines: list[str] = []
        hidden = max(0, len(known) - MAX_ROWS)
        known = known[:MAX_ROWS]
        for record in known:
            shown = _format(slot, values[record.id] or 0)
            quote = quotes.get(record.id) or self._figure_quote(record, shown)
            if counted is not None:
                shown = f"{shown} {noun}"  # « 700 formateurs »
            marker = f" [{builder.cite(quote)}]" if quote else ""
            rows.append(
                {
                    "Programme": record.short_name,
                    "Région": ", ".join(record.regions),
                    label: shown,
                    "Source": marker.strip(),
                }
            )
            lines.append(f"- {record.short_name} : {shown}{marker}")
        if hidden:
            lines.append(f"- … et {hidden} autres programmes au chiffre publié")
            answer_derived = [str(hidden)]
        else:
            answer_derived = []
        shared_said = False
        for record in unknown[: max(0, MAX_ROWS - len(known))]:
            rows.append(
                {
                    "Programme": record.short_name,
                    "Région": ", ".join(record.regions),
                    label: "non publié",
                    "Source": "",
                }
            )
            unpublished = (
                "nombre" if counted is not None else "objectif" if slot == "people" else "montant"
            )
            said = str(record.targets.get("text") or "") if slot == "people" else ""
            quote = self._shared_quote(record, said) if counted is None and said else None
            if quote is not None:
                # « CyberSkills4All et RIS3 forment ensemble plus de 10 000 personnes »: no
                # headcount of its own, a shared one the fiche does give.
                lines.append(
                    f"- {record.short_name} : pas d'objectif propre publié ; la fiche indique "
                    f"« {quote.display.rstrip('.')} » [{builder.cite(quote)}]"
                )
                shared_said = True
                continue
            lines.append(f"- {record.short_name} : {unpublished} non publié dans mes documents")
        if not known:
            return Answer(
                text="\n\n".join([NOT_FOUND, where_to_ask(None)]),
                answerable=False,
                standalone_question=info.text,
            )
        top = known[0]
        best_phrase = phrase if reverse else _MIN_PHRASES[slot]
        if counted is not None and not reverse:
            best_phrase = phrase.replace("le plus", "le moins")
        among = (
            "Parmi les programmes au chiffre propre publié"
            if shared_said
            else "Parmi les programmes comparés"
        )
        intro = (
            f"{among}, {top.short_name} a {best_phrase} : {rows[0][label]} {rows[0]['Source']}".rstrip()
            + "."
        )
        return Answer(
            text=intro + "\n\n" + "\n".join(lines),
            answerable=True,
            citations=builder.citations,
            confidence=0.9,
            standalone_question=info.text,
            table=rows,
            # Names such as « CMQ NFP 4.0 » hold digits that are not figures of the answer.
            derived_numbers=answer_derived
            + [n for row in rows for n in numbers_in(row["Programme"])],
        )

    def _counted_values(
        self,
        info: QuestionInfo,
        records: list[ProgrammeRecord],
        *,
        learners: bool = False,
        asked: str = "",
    ) -> dict[str, tuple[int | None, Quote | None]] | None:
        """For a ranking of programmes on a count of one group other than
        learners in general (« formateurs », « apprentis »), each record's count as its
        document gives it (with the sentence), or None when the records' headcounts do;
        with ``learners``, learners too (for records with no headcount)."""
        most = _COUNTED_IN_RANKING.search(info.text)
        # « le plus de formateurs » counts as « combien de formateurs ».
        asked = asked or (f"combien de {most.group(1)}" if most else info.text)
        if counted_noun(asked) is None or (counts_anyone(asked) and not learners):
            return None
        values: dict[str, tuple[int | None, Quote | None]] = {}
        for record in records:
            values[record.id] = (None, None)
            for quote in self._content_quotes(record.id):
                if shares_figure(quote.text) or any(
                    self.catalog.names_in(other, quote.text)
                    for other in info.programmes
                    if other != record.id
                ):
                    continue  # « CyberSkills4All et RIS3 forment ensemble… »: not its own
                if (value := count_in(asked, quote.text)) is not None:
                    values[record.id] = (value, quote)
                    break
        return values

    def _figure_quote(self, record: ProgrammeRecord, shown: str) -> Quote | None:
        # The figure as a whole number: « 8 000 » is not inside « 800 000 ».
        wanted = set(numbers_in(shown))
        quotes = [
            q
            for q in quotes_of(self.retriever.chunks_of(record.id))
            if contains(q.text, shown) and wanted <= set(numbers_in(q.text))
        ]
        return quotes[0] if quotes else None

    def _shared_quote(self, record: ProgrammeRecord, said: str) -> Quote | None:
        """The sentence of ``record``'s document giving its target in words (``said``, « plus
        de 10 000 personnes formées avec RIS3 ») when that figure is shared with another
        programme (« … et RIS3 forment ensemble … »); None for a target of its own."""
        wanted = set(numbers_in(said))
        if not wanted:
            return None
        quotes = [
            q
            for q in self._content_quotes(record.id)
            if wanted <= set(numbers_in(q.text)) and shares_figure(q.text)
        ]
        return quotes[0] if quotes else None

    # --- lists and counts -------------------------------------------------------------------

    def _listing(
        self, info: QuestionInfo, records: list[ProgrammeRecord], scope: Filters
    ) -> Answer:
        builder = CitationBuilder()
        lines = []
        derived: list[str] = []
        cities = self.catalog.cities_in(info.text)
        for_whom = bool(_FOR_WHOM_ASK.search(fold(info.text)))
        for record in records:
            quote = self._trade_quote(record, info.trade) or self._place_quote(
                record, scope, cities, trainings=bool(_TRAININGS_ASK.search(fold(info.text)))
            )
            details = " ; ".join(
                x for x in (", ".join(record.regions), ", ".join(record.sectors)) if x
            )
            line = f"- **{record.short_name}** ({details})"
            if record.lead:
                line += f", porté par {record.lead}"
                derived.extend(numbers_in(record.lead))
            if quote:
                line += f" : {quote.display} [{builder.cite(quote)}]"
            if for_whom:
                # « … près de Lille, et pour qui ? »: each programme's public, or that its
                # document does not name one.
                public = self._public_quote(record)
                if public is None:
                    line += " Public : non précisé dans la fiche."
                elif quote is None or public.key != quote.key:
                    line += f" Public : {public.display} [{builder.cite(public)}]"
            lines.append(line)
        what = _describe(scope) + (" hors AMI CMA" if info.outside_ami else "")
        if info.excluded_regions:
            what += " hors " + ", ".join(info.excluded_regions)
        if info.trade_text:
            what = f"sur « {info.trade_text} » {what}".replace(" correspondant", "")
        count = len(records)
        noun = "programme ou dispositif" if count == 1 else "programmes ou dispositifs"
        intro = f"J'ai trouvé {count} {noun} {what} dans les documents dont je dispose :"
        return Answer(
            text=intro + "\n\n" + "\n".join(lines),
            answerable=True,
            citations=builder.citations,
            confidence=0.9,
            standalone_question=info.text,
            derived_numbers=[str(count), *derived],
        )

    def _public_quote(self, record: ProgrammeRecord) -> Quote | None:
        """The sentence of the record's « Public visé » section saying whom it is for
        (« Il s'adresse aux jeunes, aux demandeurs d'emploi… ») before one naming levels."""
        found = [
            q
            for q in self._content_quotes(record.id)
            if "public" in fold(q.chunk.meta.heading) and names_audience(q.text)
        ]
        found.sort(key=lambda q: not _ADDRESSED.search(fold(q.text)))
        return found[0] if found else None

    def _trade_quote(self, record: ProgrammeRecord, trade: list[str]) -> Quote | None:
        """The first sentence of the record's document that speaks of the trade asked."""
        if not trade:
            return None
        for quote in self._content_quotes(record.id):
            if set(trade) <= set(tokenize(quote.text)):
                return quote
        return None

    def _place_quote(
        self, record: ProgrammeRecord, scope: Filters, cities: list[str], *, trainings: bool
    ) -> Quote | None:
        chunks = self.retriever.chunks_of(record.id)
        quotes = [q for q in quotes_of(chunks) if not q.text.lstrip().startswith("http")]
        if trainings:
            # « J'habite à Dunkerque, quelles formations… ? »: the sentence saying what it
            # offers (« propose des formations … du CAP jusqu'au bac+8 »), not its context.
            offer = [q for q in quotes if _OFFER.search(fold(q.text))]
            near = [q for q in offer if any(city in fold(q.text) for city in cities)]
            if near or offer:
                return (near or offer)[0]
        for quote in quotes:
            if any(city in fold(quote.text) for city in cities):
                return quote
        wanted = [fold(x) for x in (*scope.regions, *scope.sectors)]
        for quote in quotes:
            text = fold(quote.text)
            if wanted and all(any(_key(w) in text for w in group) for group in _groups(scope)):
                return quote
        for quote in quotes:
            if any(_key(w) in fold(quote.text) for w in wanted):
                return quote
        return first_quote(chunks)

    def _nothing(self, info: QuestionInfo, scope: Filters) -> Answer:
        text = (
            f"Je n'ai trouvé aucun programme {_describe(scope)} dans les documents dont je dispose."
        )
        return Answer(
            text=text + "\n\n" + where_to_ask(None),
            answerable=False,
            confidence=0.1,  # a refusal (answerable=False): under 0.5, as focused.MISSING_CONFIDENCE
            standalone_question=info.text,
        )

    def _no_trade(
        self, info: QuestionInfo, scope: Filters, records: list[ProgrammeRecord]
    ) -> Answer:
        """« Je n'ai trouvé aucun programme sur « textile » dans les Hauts-de-France » and
        what the place's programmes cover instead, then where to ask."""
        where = _describe(scope) if scope.regions or scope.sectors else ""
        lines = [
            f"Je n'ai trouvé aucun programme sur « {info.trade_text} » {where} dans les "
            "documents dont je dispose.".replace("  ", " ")
        ]
        shown = [r for r in records if r.sectors][:MAX_ROWS]
        if shown:
            intro = f"Les programmes de mes documents {where}" if where else "Mes documents"
            items = "\n".join(f"- {r.short_name} : {', '.join(r.sectors)}" for r in shown)
            lines.append(f"{intro.strip()} portent sur d'autres domaines :\n\n{items}")
        lines.append(where_to_ask(None))
        return Answer(
            text="\n\n".join(lines),
            answerable=False,
            confidence=0.1,  # a refusal (answerable=False): under 0.5
            standalone_question=info.text,
            derived_numbers=[
                n for r in shown for n in numbers_in(f"{r.short_name} {' '.join(r.sectors)}")
            ],
        )


#: A sentence saying whom a programme is for (« s'adresse aux… », « forme des adultes »).
_ADDRESSED = re.compile(r"\bs'adress\w*|\bdestine\w*|\bforme (des|les)\b|\bouvert\w* (aux|a)\b")
#: A listing that also asks whom each programme is for (« …, et pour qui ? »).
_FOR_WHOM_ASK = re.compile(
    r"\bpour qui\b|\ba qui s'adress|\bquels? (sont (les|leurs) )?publics?\b|"
    r"\bpour quels? (publics?|niveaux?)\b|\bquels? niveaux?\b"
)


#: A listing asking which trainings there are (« quelles formations… ? »).
_TRAININGS_ASK = re.compile(r"\bquel(le)?s? formations?\b|\b(me|se|nous) former\b")
#: A sentence telling the trainings a programme offers.
_OFFER = re.compile(
    r"\b(propose|proposent|offre|offrent|ouvre|ouvrent|cree|creent|dispense)\w*\s+"
    r"(?:(?:des|de)\s+|d')?(?:nouvelles\s+)?formations\b"
)


def _key(label: str) -> str:
    """The telling part of a region or sector label (« la reunion » -> « reunio »)."""
    return max(label.split(), key=len)[:6]


def _groups(scope: Filters) -> list[list[str]]:
    groups = []
    if scope.regions:
        groups.append([fold(r) for r in scope.regions])
    if scope.sectors:
        groups.append([fold(s) for s in scope.sectors])
    return groups


def _describe(scope: Filters) -> str:
    parts = []
    if scope.sectors:
        parts.append("dans le secteur « " + " / ".join(scope.sectors) + " »")
    if scope.regions:
        parts.append(" ou ".join(in_region(r) for r in scope.regions))
    return " ".join(parts) if parts else "correspondant"
