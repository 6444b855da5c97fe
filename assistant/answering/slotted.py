"""Answers that quote a programme's own record value for the slots asked (budget, State
aid, people to train, launch date, lead, place).

The sentence of the programme's document that holds the value is quoted, unless the
question is about something else of the programme (its team, its second site, an updated
goal) that another sentence gives with a value of the kind asked: the sentence path then
decides. The other part of a two-part question gets its own sentence
(:mod:`assistant.answering.parts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answering.events import events_asked, tells
from assistant.answering.focused import SLOT_LABELS
from assistant.answering.joint import asks_several_laureates
from assistant.answering.parts import fits, other_parts, subject_weight
from assistant.answering.question import CARRIED_BY, FIGURE_SLOTS, QuestionInfo, Slot
from assistant.answering.quotes import (
    CitationBuilder,
    Quote,
    attributed,
    builder_of,
    compose,
    in_section,
    in_sources_section,
    sentences,
)
from assistant.answering.slots import (
    PER_YEAR,
    SITE_ASK,
    SLOT_WORDS,
    TOWN_ASK,
    holds_value,
    slot_values,
    target_for_result,
)
from assistant.text.counts import counts_jobs, counts_other_people, counts_reach
from assistant.text.folding import fold
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.answering.focused import FocusedAnswerer
    from assistant.answering.ranking import SentenceRanker
    from assistant.catalog import Catalog, ProgrammeRecord
    from assistant.retrieval.hybrid import HybridRetriever

#: « Celui de Rennes », « celle de Lille »: one member of a programme, by its town.
ONE_OF = re.compile(r"\b(celui|celle|ceux|celles) (de|du|d')")
#: Confidence of an answer quoting the record's own value (budget, aid, lead…).
SLOT_CONFIDENCE = 0.95


#: « Quel territoire couvre… ? », « régional ou national ? »: its territory is asked.
_TERRITORY_ASK = re.compile(r"\bterritoire\b|\bnational\b|\bregional\b")
#: « Dans quelle région… ? »: a region is asked, not a town.
_REGION_ASK = re.compile(r"\bquelles? regions?\b")


class SlotAnswerer:
    """Quotes the record's values for the slots a question about one programme asks."""

    def __init__(
        self,
        retriever: HybridRetriever,
        catalog: Catalog,
        ranker: SentenceRanker,
        focused: FocusedAnswerer,
    ) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self.ranker = ranker
        self.focused = focused

    def answer(self, info: QuestionInfo, record: ProgrammeRecord) -> Answer | None:
        """Quote the sentences holding the record's values for the slots asked about."""
        found = self._quotes(info, record)
        if found is None:
            return None  # unknown figure: the sentence path decides (and may refuse)
        quotes, missing, all_quotes = found
        if len(quotes) == 1 and info.slot in FIGURE_SLOTS:
            # « l'aide de l'État pour GENHYO ? »: the line saying which source gives which
            # figure goes with the one the fiche keeps (« 16 586 665 € » or « 16 M€ »).
            quotes += attributed(quotes[0], self.retriever.chunks_of(record.id))
        added = other_parts(info, quotes, all_quotes, self.catalog, self.retriever.lexical.idf)
        quotes += added
        # « … et combien d'étudiants au plus par an ? »: a part the record keeps no value
        # for may be told by a sentence of the document (« 15 étudiants au maximum par an »).
        regions = self.catalog.regions()
        missing = [
            s
            for s in missing
            if not any(fits([s], q.text, regions, counts_only=True) for q in added)
        ]
        answer = compose(info, quotes, self.catalog, confidence=SLOT_CONFIDENCE)
        if missing:  # a two-part question with one part the record does not give
            labels = [SLOT_LABELS[s] for s in missing]
            return self.focused.missing(
                info, record, labels, answered=answer.text, builder=builder_of(answer)
            )
        return answer

    def each(self, info: QuestionInfo, records: Sequence[ProgrammeRecord]) -> Answer | None:
        """« Quel établissement porte chacun des deux projets ? »: the record's value of each
        programme named, quoted one after the other; None unless every one has it."""
        builder = CitationBuilder()
        answers: list[Answer] = []
        for record in records:
            found = self._quotes(replace(info, programmes=[record.id]), record)
            if found is None or found[1]:
                return None
            answers.append(
                compose(info, found[0], self.catalog, confidence=SLOT_CONFIDENCE, builder=builder)
            )
        return replace(
            answers[-1],
            text="\n\n".join(a.text for a in answers),
            citations=builder.citations,
        )

    def _quotes(
        self, info: QuestionInfo, record: ProgrammeRecord
    ) -> tuple[list[Quote], list[Slot], list[Quote]] | None:
        """The sentences giving the record's values for the slots asked, the slots it has
        no value for, and every sentence of its document; None when the
        record's values do not answer (the sentence path decides)."""
        if self.catalog.part_names_in(record.id, info.text):
            return None  # « SequoIA », one of the IA Clusters: the record's values are not its own
        if ONE_OF.search(fold(info.text)) and self.catalog.cities_in(
            self.catalog.without_names(info.text)
        ):
            return None  # « celui de Rennes » is one member of the programme, not all of it
        if (
            any(s in FIGURE_SLOTS for s in info.slots)
            and record.kind != "groupe"
            and asks_several_laureates(info.text)
        ):
            # « … pour ses deux projets » : the sum of several, not the record's figure.
            return None
        if info.only or info.funder:
            # « spécifiquement à Douai », « apporté par la Région »: not the record's figure
            return None
        quotes: list[Quote] = []
        missing: list[str] = []
        all_quotes = [
            q
            for c in self.retriever.chunks_of(record.id)
            for q in sentences(c)
            if not in_sources_section(q)
        ]
        for slot in info.slots:
            needles = slot_values(record, slot)
            if slot == "lead" and _INSIDE.search(fold(info.text)):
                continue  # « qui coordonne le projet chez eux ? »: a person at the carrier
            if (
                slot == "lead"
                and (kind := _CARRIER_KIND.search(fold(info.text)))
                and not any(kind.group(2) in fold(n) for n in needles)
            ):
                # « Quelles universités portent les IA Clusters ? »: not the operator the
                # record keeps (the ANR); the sentence path decides.
                continue
            # « 3nc nucléaire normandie, c'est qui qui porte ? » names a region, not the
            # Région Normandie.
            if needles and named_in(
                self.catalog.without_names(info.text),
                needles,
                ignore=[*info.regions, *info.sectors],
            ):
                # « Qui coordonne l'École de la Batterie chez Verkor ? »: the lead the
                # question names is not what it asks (the sentence path decides).
                continue
            if slot == "region" and (not needles or _TERRITORY_ASK.search(fold(info.text))):
                # « Quel territoire couvre DEF'Hy ? », « MACMIA est-il national ? »: the
                # fiche's section on its territory says it (« National, via le réseau… »).
                territory = [q for q in all_quotes if in_section(q.chunk, "territoire")]
                # « National. » is too short a sentence to quote elsewhere; here it is the answer.
                territory = territory or [
                    Quote(c, 0, len(c.text.rstrip()))
                    for c in self.retriever.chunks_of(record.id)
                    if in_section(c, "territoire") and c.text.strip()
                ]
                if territory:
                    if territory[0] not in quotes:
                        quotes.append(territory[0])
                    continue
            if not needles:
                # « Combien d'emplois ? »: jobs are no people to train, the record keeps
                # no count of them; a sentence of the document may (the other parts).
                if slot in FIGURE_SLOTS and not (slot == "people" and counts_jobs(info.text)):
                    missing.append(slot)
                continue
            words = SLOT_WORDS.get(slot)
            hits = [q for q in all_quotes if any(holds_value(q.text, n) for n in needles)]
            hits.sort(key=lambda q: (not (words and words.search(fold(q.text))), _order(q)))
            if slot == "region" and _REGION_ASK.search(fold(info.text)):
                # « Dans quelle région se trouve SENS ? »: a sentence naming its region
                # (« Grand Est, à Strasbourg »), not only its town.
                regions = [r for r in record.regions if r != "National"]
                hits.sort(
                    key=lambda q: (
                        not any(holds_value(q.text, r) for r in regions),
                        not in_section(q.chunk, "territoire"),
                    )
                )
            if slot == "region" and (
                TOWN_ASK.search(fold(info.text)) or SITE_ASK.search(fold(info.text))
            ):
                # « Dans quelle ville ? » asks a town, of what the question is about (the
                # Envision gigafactory, not the programme): the sentence path decides.
                continue
            # « Où s'est déroulé le lancement ? »: the place of that event, not the record's.
            # « Quand et où … ? » keeps the record's place beside the event's date.
            located = slot == "region" and "date" not in info.slots
            events = events_asked(info.text) if slot == "date" or located else []
            if events and hits and not tells(events, hits[0].text):
                # The record's date is of another event (« annoncé le 9 juin 2023 » for
                # « le prochain forum, c'est quand ? »): the sentence path decides.
                continue
            if (
                slot == "people"
                and hits
                and (
                    counts_other_people(info.text, hits[0].text)
                    or counts_reach(info.text, hits[0].text)
                )
            ):
                # « Combien de formateurs ? »: the people to train are not their trainers.
                continue
            if slot in FIGURE_SLOTS and hits and target_for_result(info.text, hits[0].text):
                continue  # « déjà formées ? »: the record's target is no result
            if (
                slot == "people"
                and hits
                and PER_YEAR.search(fold(info.text))
                and not PER_YEAR.search(fold(hits[0].text))
            ):
                continue  # « combien par an ? »: not the total the record keeps
            if hits and hits[0] not in quotes:
                quotes.append(hits[0])
        if not quotes or self._off_subject(info, quotes, all_quotes, record):
            return None
        return quotes, missing, all_quotes

    def _off_subject(
        self,
        info: QuestionInfo,
        quotes: list[Quote],
        others: list[Quote],
        record: ProgrammeRecord,
    ) -> bool:
        """Whether the record's value misses what the question is about (« combien de
        personnes compte l'équipe ? » is not the number of people to train) while another
        sentence of the document holds much more of it, with a value of the kind asked.
        The programme's own lead written as its carrier (« SENS, porté par l'Université de
        Strasbourg ») describes the programme; it is not what the question is about (as a
        source, « selon Federec », it is)."""
        # « porté par l'Université de Strasbourg », « le projet SENS de l'Université de
        # Strasbourg » describe the programme by its carrier; « selon Federec » quotes a
        # source, « que prépare le conseil régional » is what the question is about.
        folded = fold(info.text)
        names = "|".join(re.escape(fold(n)) for n in self.catalog.names_of([record.id]))
        after_name = re.finditer(rf"(?:{names})\s+(?:de |d'|du )[^,?;:]{{0,60}}", folded)
        described = {
            t for m in [*CARRIED_BY.finditer(folded), *after_name] for t in tokenize(m.group())
        }
        lead = set(tokenize(record.lead or "")) & described
        subject = [t for t in self.ranker.subject(info) if t not in lead]
        if "date" in info.slots:
            # « Elle a ouvert quand ? »: the start is the event dated, not a subject (« ouverture
            # annoncée d'un deuxième site » is no better answer than « inaugurée le … »).
            subject = [t for t in subject if not _START_WORD.match(t)]
        if not subject:
            return False
        idf = self.retriever.lexical.idf
        total = sum(idf(t) for t in subject)
        held = max(subject_weight(subject, q.text, idf) for q in quotes)
        regions = self.catalog.regions()
        return any(
            weight > 1.5 * held and weight - held >= 0.3 * total
            for q in others
            if q not in quotes and fits(info.slots, q.text, regions)
            for weight in [subject_weight(subject, q.text, idf)]
        )


#: Search tokens of a programme's start (« ouvert », « lancé », « démarré »).
_START_WORD = re.compile(r"(ouvr|ouvert|lanc|demarr|inaugur|commenc|debut)")
#: The kind of carrier asked (« quelle université porte… ? ») when such carriers' names
#: hold the word (an association's does not: « Push Start »).
_CARRIER_KIND = re.compile(r"\bquel(le)?s? (universite|ecole|lycee|campus)")
#: « Chez eux », « chez Verkor »: someone inside the carrier is asked, not the carrier.
_INSIDE = re.compile(r"\bchez (eux|lui|elle|elles)\b")


def _order(quote: Quote) -> tuple[int, int]:
    return (quote.chunk.meta.chunk_index, quote.start)


def named_in(question: str, values: list[str], *, ignore: Sequence[str] = ()) -> bool:
    """Whether the question itself names one of ``values`` (most of its words); pass it
    without the programme's names (« Qui porte Efalia Côte d'Azur ? » does not name the
    Université Côte d'Azur). Words of the places and sectors it names (``ignore``) do not
    name a value alone: « 3NC nucléaire Normandie » does not name the Région Normandie, nor
    « l'emploi dans l'hydrogène » France Hydrogène; « le campus des industries navales »
    names the Campus des industries navales."""
    asked = set(tokenize(question))
    ignored = set(tokenize(" ".join(ignore)))
    for value in values:
        words = set(tokenize(value))
        shared = words & asked
        if words and len(shared) >= max(1, round(2 * len(words) / 3)) and shared - ignored:
            return True
    return False
