"""The default answerer: verbatim source sentences with [n] markers, no language model.

A question about one programme's figure (budget, State aid, people to train, date…) is
answered from the structured record (:mod:`assistant.answering.slotted`). Other questions
get the sentences of the retrieved passages that best match them
(:mod:`assistant.answering.ranking`), held to what the question asks for (an amount, a
date, a duration, who carries it), a lead-in with its list, and a sentence for each part
of a two-part question (:mod:`assistant.answering.parts`). Questions about several
programmes go to :mod:`assistant.answering.structured`. When nothing answers, the
assistant says so and where to ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answer import Answer, Filters
from assistant.answering.answerability import content_tokens
from assistant.answering.audience import AUDIENCE, DEGREE, LEVEL_ASK, WHOM_ASK, names_audience
from assistant.answering.described import sure_figure
from assistant.answering.events import (
    END,
    asks_occasion,
    asks_past,
    events_asked,
    horizon_only,
    names_gathering,
    tells,
)
from assistant.answering.focused import SLOT_LABELS, FocusedAnswerer
from assistant.answering.funders import (
    asks_all_funders,
    funder_label,
    names_a_funder,
    names_funder,
)
from assistant.answering.joint import (
    asks_group_figure,
    asks_joint,
    asks_several_laureates,
    compare_parts,
    gives_group_figure,
    gives_joint_figure,
    is_collective,
)
from assistant.answering.meaning import meaning_answer
from assistant.answering.membership import (
    member_asked,
    member_label,
    names_member,
    umbrella_asked,
)
from assistant.answering.novelty import asked_label, asks_unit, gives_asked, new_names
from assistant.answering.parts import (
    figure_tokens,
    fits,
    gives_share,
    holds_any,
    holds_share,
    other_parts,
    parts_of,
)
from assistant.answering.protocols import SentenceVectors
from assistant.answering.question import FIGURE_SLOTS, SHARE_ASK, QuestionInfo, asks_who
from assistant.answering.quotes import (
    TOLD_APART,
    YEAR,
    Quote,
    attributed,
    compose,
    continuation,
    figures_in,
    following,
    in_context,
    in_section,
    in_sources_section,
    quotes_of,
    with_list,
)
from assistant.answering.ranking import (
    Scored,
    SentenceRanker,
    asks_names,
    asks_which,
    enumerates,
    names_list,
    names_which,
)
from assistant.answering.restrictions import cost_of_thing, unmet_restriction
from assistant.answering.scope import other_kind, written
from assistant.answering.setbacks import setback_asked, tells_setback
from assistant.answering.slots import (
    MONEY_RE,
    NOT_PUBLISHED,
    PER_YEAR,
    SITE_ASK,
    SLOT_WORDS,
    TOWN_ASK,
    holds_value,
    slot_values,
)
from assistant.answering.slotted import ONE_OF, SlotAnswerer, named_in
from assistant.answering.structured import StructuredAnswerer
from assistant.answering.unknown_names import (
    unknown_institution,
    unknown_placed,
    unknown_programme,
)
from assistant.answering.who import carrier_only, naming
from assistant.catalog import Catalog, ProgrammeRecord
from assistant.catalog.places import CITIES, REGIONS
from assistant.catalog.rounds import other_round
from assistant.embeddings.base import Embedder
from assistant.retrieval.base import RetrievalResult
from assistant.retrieval.hybrid import HybridRetriever
from assistant.text.counts import counted_noun, counts_other_people, gives_count
from assistant.text.folding import as_written, fold
from assistant.text.numbers import NUMBER_RE, NUMBER_WORDS, numbers_in
from assistant.text.tokens import tokenize


class ExtractiveAnswerer:
    """Composes answers from verbatim sentences of the sources."""

    def __init__(
        self,
        retriever: HybridRetriever,
        catalog: Catalog,
        *,
        embedder: Embedder | None = None,
        sentence_vectors: SentenceVectors | None = None,
    ) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self.ranker = SentenceRanker(
            retriever, catalog, embedder=embedder, sentence_vectors=sentence_vectors
        )
        self.structured = StructuredAnswerer(retriever, catalog)
        self.focused = FocusedAnswerer(retriever, catalog)
        self.slotted = SlotAnswerer(retriever, catalog, self.ranker, self.focused)
        self._known_text: str | None = None

    def answer(self, info: QuestionInfo, retrieval: RetrievalResult, filters: Filters) -> Answer:
        """Answer the analysed (standalone) question from ``retrieval``."""
        allowed = self.catalog.doc_ids(filters)
        if allowed is not None and info.programmes:
            # The user's filters bind answers about a named programme too; one they leave
            # out because of its region is said so (« REMED est mené en Auvergne-Rhône-
            # Alpes, pas en Hauts-de-France. »), not answered with « not found ».
            outside = [p for p in info.programmes if p not in allowed]
            info.programmes = [p for p in info.programmes if p in allowed]
            if outside and not info.programmes and filters.regions:
                elsewhere = self.focused.premise(
                    info, programme=outside[0], regions=filters.regions, cite=False
                )
                if elsewhere is not None:
                    return elsewhere
        # A named programme or a catalogue question (list, ranking) is about the collection.
        if (
            info.domain_probability < 0.5
            and not info.programmes
            and not (info.is_multi and _about_catalogue(info))
        ):
            if info.wants_number and info.focus is None:
                # A paraphrase naming no programme may still be answered by one figure of
                # the top document that matches it surely (:func:`~assistant.answering.described.sure_figure`).
                figure = self._sentence_answer(info, retrieval, sure_only=True)
                if figure.answerable:
                    return figure
            quoted = self._figure_quoted(info, retrieval)
            if quoted is not None:
                return quoted
            return self.focused.off_domain(info)
        corrected = self.focused.premise(info)
        if corrected is not None:
            return corrected
        if not (info.programmes or info.is_multi) and (
            name := unknown_institution(info.text, self._collection_text())
            or unknown_programme(info.text, self._collection_text())
            or self._unknown_placed(info)
        ):
            return self.focused.unknown(info, name)
        absent = self._absent_member(info)
        if absent is not None:
            return absent
        if len(info.programmes) == 1 and (record := self.catalog.by_id.get(info.programmes[0])):
            # « Que signifie FORTEIM ? »: the full name its fiche writes out.
            meaning = meaning_answer(info, record, self.retriever.chunks_of(record.id))
            if meaning is not None:
                return meaning
            umbrella = self._umbrella_answer(info, record)
            if umbrella is not None:
                return umbrella
        asked = info.programmes or info.generic
        setback = setback_asked(info.text) if asked and not info.is_multi else None
        if setback is not None and (record := self.catalog.by_id.get(asked[0])):
            # « Pourquoi BATTENA a-t-il été suspendu ? »: no suspension in its document (nor
            # in its group's: « Cinerg'e-santé » is one of the santé numérique laureates).
            documents = " ".join(c.text for p in asked for c in self.retriever.chunks_of(p))
            if not tells_setback(setback, documents):
                return self.focused.no_setback(info, record, setback.noun)
        # « Combien CyberSkills4All et RIS3 forment-ils ensemble ? » asks one figure of
        # both (a sentence gives it), not each one's ranked.
        together = len(info.programmes) >= 2 and asks_joint(info.text, len(info.programmes))
        if info.is_multi and not together:
            structured = self.structured.answer(info, filters)
            if structured is not None:
                return structured
        if (
            info.trade
            and not info.programmes
            and info.domain is not None
            and set(info.trade) <= set(info.domain.unknown)
        ):
            # « Y a-t-il un programme pour former à la viticulture dans le Bordelais, et qui
            # le porte ? »: no document speaks of viticulture; a programme of the region on
            # something else answers another question.
            return self.structured.no_trade(info, filters)
        if info.focus is not None:
            before = None
            if info.slots and len(info.programmes) == 1:
                record = self.catalog.by_id.get(info.programmes[0])
                before = self.slotted.answer(info, record) if record is not None else None
            return self.focused.answer(info, retrieval, info.focus, before=before)
        # « Combien coûte une borne … achetée par le CMQ ? » is not the CMQ's budget: the
        # sentence path checks the thing is named.
        if len(info.programmes) == 1 and info.slots and not cost_of_thing(info.text):
            record = self.catalog.by_id.get(info.programmes[0])
            if record is not None:
                slotted = self.slotted.answer(info, record)
                if slotted is not None:
                    return slotted
        if len(info.programmes) == 2 and info.slots and info.slot not in FIGURE_SLOTS:
            # « Qui porte chacun des deux projets ? »: each programme's own value.
            records = [r for p in info.programmes if (r := self.catalog.by_id.get(p))]
            each = self.slotted.each(info, records) if len(records) == 2 else None
            if each is not None:
                return each
        return self._sentence_answer(info, retrieval)

    # --- general case -----------------------------------------------------------------------

    def _sentence_answer(
        self, info: QuestionInfo, retrieval: RetrievalResult, *, sure_only: bool = False
    ) -> Answer:
        """The best sentences for the question; with ``sure_only``, only a figure that
        :func:`~assistant.answering.described.sure_figure` accepts, else a refusal."""
        record = self.catalog.by_id.get(info.programmes[0]) if info.programmes else None
        scored = self.ranker.rank(info, retrieval)
        if info.left_out:
            # « À part GENHYO, quels autres projets… ? »: not GENHYO's own fiche.
            scored = [s for s in scored if s.quote.chunk.doc_id not in info.left_out]
        if info.regions and not (info.programmes or info.generic):
            # « Vers Lyon, il y a un truc financé par France 2030 ? » is not answered by a
            # programme of Normandie: only the region's programmes and national ones.
            scored = [s for s in scored if self._runs_in(s.quote.chunk.doc_id, info.regions)]
        if info.rounds:
            # « … lors de la troisième vague ? » is not answered by the 1re levée's figures.
            scored = [
                s
                for s in scored
                if not other_round(info.rounds, self.catalog.rounds_in(in_context(s.quote)))
            ]
        if not scored:
            return self._refusal(info, record, [])
        best = scored[0]
        confidence = _confidence(info)
        one_part = len(parts_of(info.text, self.catalog.names_of(info.programmes))) <= 1
        part_answered = False
        unpublished = [
            s
            for s in scored[:3]
            if s.quote.chunk.doc_id == best.quote.chunk.doc_id
            and self._unpublished(info, s.quote)
            and s.lexical >= 0.8 * best.lexical
            # « Quels niveaux ? » is not refused by « la part propre … n'est pas publiée ».
            and (
                info.slot in ("state_aid", "budget") or not _MONEY_WORDS.search(fold(s.quote.text))
            )
            and _about_slot(info, s.quote.text)
            and (info.slot is not None or holds_any(self.ranker.subject(info), s.quote.text))
        ]
        if unpublished:
            return self._refusal(info, record, [unpublished[0].quote])
        split = self._unpublished_split(info, record)
        if split is not None:
            return split
        top = _top_document(retrieval)
        if not info.programmes and counted_noun(info.text) and top != best.quote.chunk.doc_id:
            # Two documents' counts nearly tied, no programme named: the one of the document
            # retrieval ranks first (« 41 projets ont été sélectionnés » in the call's rounds,
            # not « 14 projets … rendus publics » in one group's fiche).
            tied = [
                s
                for s in scored[:5]
                if s.quote.chunk.doc_id == top
                and s.score >= 0.95 * best.score
                and gives_count(info.text, s.quote.text)
            ]
            best = tied[0] if tied else best
        # « Quels organismes portent les quatre projets … ? »: a group's carriers.
        carried = self._carriers_of_top_group(info, retrieval, best)
        if info.slot is None and SHARE_ASK.search(fold(info.text)):
            # « Quelle part… ? » is answered by a sentence giving a share (« 91 % »).
            doc = info.programmes[0] if info.programmes else best.quote.chunk.doc_id
            shares = [
                s for s in scored if s.quote.chunk.doc_id == doc and holds_share(s.quote.text)
            ]
            best = shares[0] if shares else best
        elif (
            info.slot in (None, "partners")
            and counted_noun(info.text)
            and not gives_count(info.text, best.quote.text)
        ):
            # « Combien de chantiers-écoles… ? », « combien de partenaires ? » are answered by
            # a sentence giving that count.
            doc = info.programmes[0] if info.programmes else best.quote.chunk.doc_id
            counts = [
                s
                for s in scored[:10]
                if s.quote.chunk.doc_id == doc and gives_count(info.text, s.quote.text)
            ]
            if not counts and not info.programmes:
                # No programme named: another document's sentence ranked close may count it
                # (« combien de diagnostics lors de la 1re levée ? »: the call's rounds).
                counts = [
                    s
                    for s in scored[:10]
                    if s.score >= 0.8 * best.score and gives_count(info.text, s.quote.text)
                ]
            best = counts[0] if counts else best
        elif asks_names(info.text) and not names_list(best.quote.text):
            # « Quels projets … ? » is not answered by « quatre projets ont été retenus »:
            # the sentence naming them is.
            named = [
                s
                for s in scored[:5]
                if s.quote.chunk.doc_id == best.quote.chunk.doc_id and names_list(s.quote.text)
            ]
            top = _top_document(retrieval)
            if not named and top != best.quote.chunk.doc_id:
                # « Quels sont les projets hydrogène primés … ? », best answered by one
                # laureate's « l'un des 4 projets primés »: the group retrieval ranks first
                # names them all.
                named = [
                    s
                    for s in scored[:5]
                    if s.quote.chunk.doc_id == top and names_list(s.quote.text)
                ]
            places = [
                *self.catalog.cities_in(self.catalog.without_names(info.text)),
                *(fold(r) for r in info.regions),
            ]
            group = self.catalog.by_id.get(best.quote.chunk.doc_id)
            if places and group is not None and len(set(group.regions) - {"National"}) >= 2:
                # « … lesquels sont à Rennes ? » of laureates in several regions: the
                # sentence naming them with the place.
                here = [
                    s
                    for s in scored[:10]
                    if s.quote.chunk.doc_id == best.quote.chunk.doc_id
                    and any(p in fold(s.quote.text) for p in places)
                    and len(new_names(info.text, s.quote.text)) >= 2
                ]
                named = here or named
            best = named[0] if named else best
        if info.slot in FIGURE_SLOTS:
            figures = [s for s in scored if self._holds_figure(info, s.quote)]
            if figures and (kind := other_kind(info.text, figures[0].quote.text)):
                # « … en formation continue ? »: not the figure of the initial training.
                kept = [s for s in figures if not other_kind(info.text, s.quote.text)]
                if not kept:
                    return self.focused.missing(
                        info, record, [f"le chiffre en {kind}"], [figures[0].quote]
                    )
                figures = kept
            if PER_YEAR.search(fold(info.text)):
                # « Combien par an ? »: a yearly figure before a total (« 8 000 au total »).
                figures.sort(key=lambda s: not PER_YEAR.search(fold(s.quote.text)))
            elif (
                record is not None and record.kind != "groupe" and asks_several_laureates(info.text)
            ):
                # « … pour ses deux projets ? » of one programme's carrier: the total first
                # (« porte à 4,7 M€ le total »), not the programme's own figure.
                figures.sort(key=lambda s: not _TOTAL_SAID.search(fold(s.quote.text)))
            towns = self.catalog.cities_in(self.catalog.without_names(info.text))
            if towns and ONE_OF.search(fold(info.text)):
                # « Et celui de Rennes, il touche combien ? »: the figure naming Rennes first.
                figures.sort(key=lambda s: not any(t in fold(s.quote.text) for t in towns))
            if not figures or self._unpublished(info, figures[0].quote):
                unpublished = [
                    s.quote
                    for s in scored[:10]
                    if NOT_PUBLISHED.search(fold(s.quote.text))
                    and (not info.programmes or s.quote.chunk.doc_id in info.programmes)
                ]
                if not unpublished and info.slot == "budget" and record is not None:
                    # The whole cost is not given: what is (the State's share) is said.
                    unpublished = _money_quotes(scored[:10], record)
                return self._refusal(info, record, unpublished[:1])
            if not info.programmes:
                # « Combien de personnes le programme batterie de Nouvelle-Aquitaine veut-il
                # former ? »: the programme described is the best sentence's document; a
                # figure of another document (its region's aerospace jobs) answers nothing.
                own = [s for s in figures if s.quote.chunk.doc_id == best.quote.chunk.doc_id]
                # Another document's figure only from retrieval's top document: « le projet
                # d'Airbus … il reçoit combien ? » is not answered by TalCyb's 18,5 M€.
                top = _top_document(retrieval)
                figures = own or [s for s in figures if s.quote.chunk.doc_id == top]
                if not figures:
                    return self._refusal(info, record, [])
            # « SequoIA », one of the IA Clusters: its own figure, not the whole programme's.
            part = [
                p for doc in info.programmes for p in self.catalog.part_names_in(doc, info.text)
            ]
            # Its sentence may not use the slot's words (« SequoIA … reçoit 20 M€ »).
            money = info.slot in ("state_aid", "budget")
            joint = asks_joint(info.text, len(info.programmes) + len(part) - 1)
            # « Ces cinq projets (…, eOLE et C2A) visent 60 000 personnes » is not C2A's own;
            # nor is the « 2 » of « C2A » a figure.
            of_part = [
                s
                for s in scored
                if any(p in fold(s.quote.text) for p in part)
                and (MONEY_RE.search(s.quote.text) if money else numbers_in(s.quote.text))
                and (joint or not any(self._collective(s.quote.text, p, part) for p in part))
            ]
            compared = (
                compare_parts(
                    info.text,
                    part,
                    [q for d in info.programmes for q in quotes_of(self.retriever.chunks_of(d))],
                    largest=info.superlative != "min",
                )
                if info.superlative
                else None
            )
            if compared:
                # « Hi! Paris Cluster 2030 ou SequoIA ? »: each side's own figure, the larger
                # (or smaller) first.
                return compose(info, compared, self.catalog, confidence=confidence)
            if part and not of_part and not joint:
                # Only the group's figure: « la fiche ne précise pas le nombre de personnes à
                # former propre à C2A », quoting the group's figure as what it does say.
                group = [
                    s.quote
                    for s in figures
                    if any(p in fold(s.quote.text) for p in part) or not info.programmes
                ]
                label = f"{SLOT_LABELS[info.slot]} propre à {as_written(info.text, part[0])}"
                return self.focused.missing(
                    info, record, [label], (group or [figures[0].quote])[:1]
                )
            best = (of_part or figures)[0]
            part_answered = bool(of_part)
            if not (info.programmes or info.generic) and not self._about_subject(info, best.quote):
                # « Quel est le budget de la France pour 2025 ? »: a figure of some programme
                # is not the answer to a figure of something the documents do not name.
                return self._refusal(info, None, [])
        elif info.slot in KIND_SLOTS:
            # « Quand… ? » is answered by a sentence holding a date, « combien de temps… ? »
            # by one holding a duration, from the document retrieval found; else refused.
            kind = _kind_pattern(info)
            doc = info.programmes[0] if info.programmes else best.quote.chunk.doc_id
            if not info.programmes and not _gives_kind(kind, best.quote.text):
                # « … Ce dispositif a été annoncé quand ? », no programme named: a sentence
                # ranked nearly as high that gives a date picks the document, not the best
                # one that gives none (« son financement vient de France 2030 »), unless one
                # of those close sentences is of the best one's document.
                close = [
                    s
                    for s in scored[:_KIND_POOL]
                    if s.score >= _KIND_CLOSE * best.score and _gives_kind(kind, s.quote.text)
                ]
                if close and all(s.quote.chunk.doc_id != doc for s in close):
                    doc = close[0].quote.chunk.doc_id
            fitting = [
                s for s in scored if s.quote.chunk.doc_id == doc and _gives_kind(kind, s.quote.text)
            ]
            if not fitting:
                return self._refusal(info, record or self.catalog.by_id.get(doc), [])
            # « Quand il a ouvert, il accueillait combien d'experts ? » asks a count.
            dated = info.slot == "date" and counted_noun(info.text) is None
            events = events_asked(info.text) if dated else []
            if events:
                # « Se termine quand ? »: the date of that event, not of another one.
                telling = [s for s in fitting if tells(events, s.quote.text)]
                if events[0] is END:
                    # « date de fin programmée des ventes de voitures thermiques » ends
                    # something else: the programme's end is in its calendar or names it.
                    telling = [s for s in telling if self._about_programme(s.quote, info)]
                if not telling and any(e.strict for e in events):
                    owner = record or self.catalog.by_id.get(doc)
                    return self.focused.missing(info, owner, [events[0].label], [])
                fitting = telling or fitting
                # « Quand les travaux ont-ils commencé ? »: the event the question names
                # precisely (the works) before a looser one (a start of any kind).
                strict = [e for e in events if e.strict]
                if strict and len(strict) < len(events):
                    fitting.sort(key=lambda s: not tells(strict, s.quote.text))
            if dated and (asks_past(info.text) or any(e.label != END.label for e in events)):
                # « Quand a-t-il été lancé ? », « ça démarre quand ? » ask an event, not an
                # end: « 10 000 postes d'ici 2030 » dates a target, no answer.
                fitting = [s for s in fitting if not horizon_only(s.quote.text)]
                if not fitting:
                    owner = record or self.catalog.by_id.get(doc)
                    label = events[0].label if events else "la date de lancement"
                    return self.focused.missing(info, owner, [label], [])
            if info.slot == "date" and _SINCE_ASK.search(fold(info.text)):
                # « Depuis quand X existe-t-il ? »: the date it was launched, not any date.
                # « … a été créé quand ? »: a sentence telling that start (« créé en
                # novembre 2017 ») before another start (« lancement officiel »).
                verb = _START_VERB.search(fold(info.text))
                stem = verb.group() if verb else None
                fitting.sort(
                    key=lambda s: (
                        stem is None or stem not in fold(s.quote.text),
                        not _LAUNCHED.search(fold(s.quote.text)),
                    )
                )
            best = fitting[0]
            if asks_who(info.text):
                # « Qui est responsable du programme, et depuis quand ? »: a dated sentence
                # naming that person, not the first date of the fiche; of the event asked,
                # when one is (« Qui a inauguré X et quand ? »).
                told = [s for s in fitting if not events or tells(events, s.quote.text)]
                best = naming(info, told or fitting, self.catalog) or best
        elif info.slot == "audience" and info.programmes and not asks_who(info.text):
            # « Pour quel niveau d'études ? »: the sentence naming the most levels (« du CAP
            # au doctorat », « de bac-3 à bac+8 »), if one names two; « à qui s'adresse… ? »:
            # the one naming the most publics (« étudiants et professionnels »); else the best.
            levels = LEVEL_ASK.search(fold(info.text))
            kind, enough = (DEGREE, 2) if levels else (AUDIENCE, 2)
            counted = [
                (len(set(kind.findall(fold(s.quote.text)))), s)
                for s in scored
                if s.quote.chunk.doc_id == info.programmes[0]
            ]
            most = max(counted, key=lambda pair: pair[0], default=(0, best))
            # « À qui s'adresse… ? », « quel public / niveau ? » (not « quelles filières
            # sont éligibles ? », which asks fields).
            whom = bool(WHOM_ASK.search(fold(info.text)))
            doc_sentences = [s for s in scored if s.quote.chunk.doc_id == info.programmes[0]]
            if whom and not any(names_audience(s.quote.text) for s in doc_sentences):
                # No sentence names a public or a level: « ne précise pas le public visé ».
                return self._refusal(info, record, [])
            # The best sentence when it names a public too, else the one naming most.
            named = names_audience(best.quote.text)
            # « À qui s'adresse… ? » is answered from the fiche's section on its public
            # (« Public visé et niveaux »), when it has one naming a public.
            section = [
                s
                for s in doc_sentences
                if in_section(s.quote.chunk, "public") and names_audience(s.quote.text)
            ]
            if whom and not levels and section and section[0] is not best:
                best = section[0]
            elif most[0] >= enough or (whom and not named and most[0]):
                best = most[1]
            elif whom and not named:
                # None names two publics: the best one naming a public or a level (« bac-3
                # à bac+8 »), not a sentence that names none (« REMED dure 5 ans »).
                best = next(s for s in doc_sentences if names_audience(s.quote.text))
        elif (
            info.slot in WORD_SLOTS
            and (
                info.programmes
                or (
                    info.slot == "lead"
                    and len(info.generic) == 1
                    and _ASKS_WHO_LEADS.search(fold(info.text))
                )
                or self._topics_of_top_document(info, retrieval, best)
                or carried
            )
            and not self._names_value(info)
        ):
            # « Qui porte X ? » is answered by a sentence about who carries X, not by X's
            # budget: else refused, quoting what the document says it does not publish.
            # A scheme too (« l'AMI CMA, c'est piloté par qui ? »). What a programme
            # described, not named, teaches: from retrieval's top document.
            doc = (
                info.programmes
                or (carried and [best.quote.chunk.doc_id])
                or info.generic
                or [best.quote.chunk.doc_id]
            )[0]
            words = SLOT_WORDS[info.slot]
            part_asked = next(iter(self.catalog.part_names_in(doc, info.text)), None)
            about = [
                s
                for s in scored
                if s.quote.chunk.doc_id == doc
                and (
                    words.search(fold(s.quote.text))
                    or (
                        info.slot == "partners"
                        and (
                            # « COMED », one laureate of a group: the group's partners
                            # are not its own.
                            (part_asked is None and _names_partners(record, s.quote.text))
                            or _WITH_NAMES.search(s.quote.text)
                        )
                    )
                )
            ]
            if part := self.catalog.part_names_in(doc, info.text):
                # « Qui porte DECSO ? »: a sentence about DECSO, not DACSO's carrier. Its
                # section or line may name it (« ### … : FH2-PDL », then « Il s'est
                # déroulé … sous le pilotage des universités du Mans et de Nantes »).
                about = [s for s in about if any(p in fold(in_context(s.quote)) for p in part)]
            fitting = [
                s
                for s in about
                if not NOT_PUBLISHED.search(fold(s.quote.text))
                or gives_count(info.text, s.quote.text)
            ]
            if not fitting and info.slot != "topics":
                said = [s.quote for s in about if NOT_PUBLISHED.search(fold(s.quote.text))]
                return self._refusal(info, record, said[:1])
            # What is taught is worded in too many ways to refuse when no sentence uses the
            # usual words (« les métiers visés », « trois filières »): a preference only.
            if fitting:
                if info.slot == "achievements":
                    # The sentence telling most of what was done (« a ouvert 7 chantiers-écoles
                    # (bilan début 2025) ») before one that only dates a bilan.
                    fitting.sort(key=lambda s: -len(words.findall(fold(s.quote.text))))
                elif info.slot == "topics":
                    # The sentence naming most of what is taught (« Il couvre la maintenance,
                    # l'exploitation, le démantèlement… »).
                    fitting.sort(
                        key=lambda s: (
                            -len(words.findall(fold(s.quote.text))),
                            -len(_SEPARATORS.findall(s.quote.text)),
                        )
                    )
                elif info.slot == "partners" and info.residual:
                    # « Pour attirer plus de filles, … avec quelle asso ? »: the partner of
                    # what is asked (« attirer des femmes, avec Women4Cyber ») first.
                    asked = set(info.residual)
                    fitting.sort(key=lambda s: -len(asked & set(tokenize(s.quote.text))))
                elif info.slot == "lead":
                    # « LMA est porté par qui ? »: a sentence naming a carrier (« le GIP
                    # Emploi Roissy CDG (LMA) ») before one that only speaks of carriers.
                    # « Qui coordonne… ? »: a sentence with that verb's stem (« en assure la
                    # coordination ») before one naming the carrier (« porté par Verkor »).
                    verb = _LEAD_VERB.search(fold(info.text))
                    fitting.sort(
                        key=lambda s: (
                            bool(verb) and verb.group(1) not in fold(s.quote.text),
                            not self._names_new(info, s.quote),
                        )
                    )
                # « Quels organismes… ? » wants them named: a list before « 25 partenaires ».
                listing = (
                    [s for s in fitting if enumerates(s.quote)] if asks_which(info.text) else []
                )
                if info.slot == "partners" and record is not None and record.partners:
                    # « Quels sont les partenaires de 3NC ? »: the list naming most of them
                    # (« Sont cités le GANIL, l'Université de Caen… »), not their kinds
                    # (« universités, écoles, laboratoires »).
                    # What the question asks besides (« quelles régions étrangères ? »,
                    # « quels membres du Gouvernement ? ») first.
                    wanted = (
                        set(info.residual)
                        - _PARTNER_TOKENS()
                        - set(tokenize(" ".join(self.catalog.names_of(info.programmes))))
                    )
                    listing.sort(
                        key=lambda s: (
                            -sum(holds_any(frozenset([t]), s.quote.text) for t in wanted),
                            -_partners_named(record, s.quote.text),
                        )
                    )
                # « Combien de départements d'IUT… ? »: the sentence counting them.
                counting = [
                    s
                    for s in scored[:12]
                    if one_part
                    and counted_noun(info.text)
                    and s.quote.chunk.doc_id == doc
                    and gives_count(info.text, s.quote.text)
                ]
                if (
                    info.slot == "partners"
                    and record is not None
                    and one_part
                    and not counting
                    and _PARTNER_NAMES_ASK.search(fold(info.text))
                    and not any(self._names_partner(record, info, s.quote) for s in fitting)
                ):
                    # « Peux-tu me citer les partenaires d'I-NovMicro ? »: « réunit 11
                    # partenaires » names none; said as what the fiche does give.
                    return self.focused.missing(
                        info, record, ["les noms des partenaires"], [fitting[0].quote]
                    )
                best = (counting or listing or fitting)[0]
                if not counting and (kind := _PARTNER_KIND.search(fold(info.text))):
                    # « Quel campus des métiers… participe à GENHYO ? »: a sentence naming
                    # one of that kind (« le CMQ d'excellence… »), not « 26 partenaires ».
                    of_kind = [
                        s
                        for s in (listing or fitting)
                        if re.search(_KIND_WRITTEN[kind.group(1)], fold(s.quote.text))
                    ]
                    best = of_kind[0] if of_kind else best
        elif asks_who(info.text):
            # « Qui a signé la convention ? »: a sentence naming someone the question does
            # not (the signatories), not the one holding its words (the date of signing).
            doc = info.programmes[0] if info.programmes else best.quote.chunk.doc_id
            own = [s for s in scored if s.quote.chunk.doc_id == doc]
            lead = carrier_only(info, own, self.catalog)
            if lead is not None:
                # The person leading is asked, the fiche names only the carrier.
                return self.focused.missing(
                    info, record, ["le nom de la personne responsable"], [lead.quote]
                )
            best = naming(info, own, self.catalog) or best
        if asks_occasion(info.text) and not names_gathering(best.quote.text):
            # « Lors de quel événement a-t-il été annoncé ? »: a sentence naming the
            # gathering (« au salon VivaTech »), not the one holding the question's words.
            gatherings = [
                s
                for s in scored[:12]
                if s.quote.chunk.doc_id == best.quote.chunk.doc_id and names_gathering(s.quote.text)
            ]
            best = gatherings[0] if gatherings else best
        if (
            one_part
            and record is not None
            and (kind := _WHICH_SCHOOLS.search(fold(info.text)))
            and not any(
                _names_of_kind(kind.group(1), c.text) for c in self.retriever.chunks_of(record.id)
            )
        ):
            # « Dans quels lycées se trouvent les places ouvertes par ATCF ? »: the fiche
            # names no lycée (« académies de Lyon, Grenoble et Clermont-Ferrand »).
            label = f"les noms des {_SCHOOL_KINDS[kind.group(1)][1]}"
            return self.focused.missing(info, record, [label], [best.quote])
        if one_part and TOWN_ASK.search(fold(info.text)):
            # « La gigafactory d'Envision, dans quelle ville ? »: of the sentences naming a
            # town, the one about what is asked (Envision), not where the launch was held.
            subject = self.ranker.subject(info) - _LOCATION_VERBS
            if record is not None:
                # « Bio'Occ, les formations aux biomédicaments, c'est dans quelles villes ? »:
                # words of the programme's own title and sectors describe it.
                subject -= set(tokenize(" ".join([record.title, *record.sectors])))
            towns = [
                s
                for s in scored[:12]
                if s.quote.chunk.doc_id == best.quote.chunk.doc_id
                and self._gives_asked(info, s.quote)
            ]
            parts = self.catalog.part_names_in(best.quote.chunk.doc_id, fold(info.text))
            if parts:
                # « … les formations d'Orimob Académie ? »: a town of that laureate, not of
                # another one of the group.
                towns = [s for s in towns if any(p in fold(s.quote.text) for p in parts)]
            shared = [(len(subject & set(tokenize(s.quote.text))), s) for s in towns]
            # A town of another thing (« Lyon 1 » for « les 6 sites ») answers nothing.
            about = [s for n, s in sorted(shared, key=lambda p: -p[0]) if n or not subject]
            if not about:
                # « Le campus qui porte FORTEIM a son siège dans quelle ville ? »: the
                # subject is named otherwise (« le CINav »), the place word is shared.
                placed = _LOCATION_VERBS & set(tokenize(info.text))
                about = [s for s in towns if placed & set(tokenize(s.quote.text))][:1]
            if not about:
                label = asked_label(info.text)
                return self.focused.missing(info, record, [label], [best.quote] if record else [])
            best = about[0]
        if asks_unit(info.text) and not self._gives_asked(info, best.quote):
            # « Quelle surface… ? », « quel volume horaire ? »: a sentence in m² (in hours)
            # answers, however few words it shares.
            unit = [
                s
                for s in scored
                if s.quote.chunk.doc_id == best.quote.chunk.doc_id
                and self._gives_asked(info, s.quote)
            ]
            best = unit[0] if unit else best
        counted = counted_noun(info.text)
        if one_part and (
            not self._gives_asked(info, best.quote)
            or (counted and not gives_count(info.text, best.quote.text))
        ):
            # « Combien PEGASE touche-t-il ? », « quel éditeur… ? »: another sentence of the
            # same document that gives a number (a name) the question does not hold, else
            # « la fiche ne précise pas » rather than a cited answer to another question.
            giving = [
                s
                for s in scored[:12]
                if s.quote.chunk.doc_id == best.quote.chunk.doc_id
                # Few shared words, but ranked close to the best: « consacre 50 M€ aux
                # formations » after « présentée en juillet 2022, … une enveloppe ».
                and (s.lexical >= 0.4 * best.lexical or s.score >= 0.85 * best.score)
                and self._gives_asked(info, s.quote)
                # « Combien de mineures… ? »: their count, not any other number.
                and (not counted or gives_count(info.text, s.quote.text))
            ]
            top = _top_document(retrieval)
            if not giving and not info.programmes and top not in (None, best.quote.chunk.doc_id):
                # A programme described, not named: the best sentence's document gives no
                # such value, the document retrieval ranks first may (« le projet du
                # rectorat lyonnais » is FPI AURA, not the AMI whose words it shares).
                giving = [
                    s
                    for s in scored[:12]
                    if s.quote.chunk.doc_id == top
                    and s.lexical >= 0.4 * best.lexical
                    and self._gives_asked(info, s.quote)
                    and (not counted or gives_count(info.text, s.quote.text))
                ]
            if not giving and info.funder and _asks_money(info):
                # « … combien apporte la Région ? »: the sentence giving that funder's amount,
                # however few of the question's words it shares (« contribue à hauteur de »).
                giving = [
                    s
                    for s in scored
                    if s.quote.chunk.doc_id == best.quote.chunk.doc_id
                    and MONEY_RE.search(s.quote.text)
                    and self._gives_asked(info, s.quote)
                ][:1]
            if (
                not giving
                and self._gives_asked(info, best.quote)
                and not counts_other_people(info.text, best.quote.text)
            ):
                # No sentence counts the noun asked: the best one, as before. Refusing when
                # its numbers count any other thing (« 81 métiers » for « combien
                # d'entreprises ? ») was measured and removed: it also refused answerable
                # held-out questions (docs/tuning.md, fifth round). Only people of another
                # group (teachers for students, jobs for learners) are refused.
                giving = [best]
            if not giving:
                # What is missing is the number or name asked (a slot label, « le porteur »,
                # could misname it); the sentence found is what the document does say.
                label = (
                    funder_label(info.funder)
                    if info.funder
                    else asked_label(info.text, money=_asks_money(info))
                )
                said = [best.quote] if record and best.quote.chunk.doc_id == record.id else []
                if info.funder and record is not None:
                    # « La Région met combien ? »: the money the fiche does give (the State's).
                    money = _money_quotes(scored[:12], record)
                    said = money[:1] or said
                return self.focused.missing(info, record, [label], said)
            best = giving[0]
        meta = best.quote.chunk.meta
        unmet = unmet_restriction(
            info, best.quote.text, money=_asks_money(info), about=f"{meta.doc_title} {meta.heading}"
        )
        if unmet is not None:
            # « … spécifiquement à Douai ? », « à lui seul ? », « déjà formées ? »: the
            # programme's whole, shared or planned figure is not the one asked.
            return self.focused.missing(info, record, [unmet], [best.quote] if record else [])
        if (unnamed := _unnamed_count(info.text, best.quote.text)) is not None:
            # « Quelles entreprises font partie du consortium ? » is not answered by « … et
            # 10 entreprises ou associations du secteur »: their names are not given.
            said = [best.quote] if record else []
            return self.focused.missing(info, record, [f"les noms des {unnamed}"], said)
        if sure_only and not sure_figure(info, best, retrieval, self.catalog, self.ranker):
            return self._refusal(info, None, [])
        chosen = [with_list(best.quote)]
        same_doc = [s.quote for s in scored if s.quote.chunk.doc_id == best.quote.chunk.doc_id]
        chosen += other_parts(info, chosen, same_doc, self.catalog, self.retriever.lexical.idf)
        chosen += self._other_named(info, scored, chosen)
        doubt = _DOUBT.search(fold(info.text)) is not None
        if (
            len(chosen) == 1
            and (doubt or info.slot in FIGURE_SLOTS or info.wants_number)
            and not TOLD_APART.search(fold(chosen[0].text))
        ):
            # « … reçoit environ 2,7 à 2,8 M€ »: the document's line saying which source
            # gives which of those figures goes with it, for an advisor who quotes them;
            # for an asker who saw figures disagree, else another figure.
            doc_chunks = self.retriever.chunks_of(chosen[0].chunk.doc_id)
            chosen += attributed(chosen[0], doc_chunks) or (
                _other_figure(chosen[0], scored) if doubt else []
            )
        follower = continuation(chosen[0])
        if len(chosen) == 1 and follower is not None and self._adds(info, chosen[0], follower):
            chosen.append(follower)  # « Il conçoit des EIA. Ces outils servent à… »
        elif (
            len(chosen) == 1
            and info.slot == "audience"
            and WHOM_ASK.search(fold(info.text))
            and not LEVEL_ASK.search(fold(info.text))
        ):
            # « Qui est visé ? »: the paragraph's next sentence naming other publics too
            # (« … des demandeurs d'emploi. Une partie de l'effort porte sur les enseignants
            # du secondaire »).
            after = following(chosen[0])
            if after is not None and set(AUDIENCE.findall(fold(after.text))) - set(
                AUDIENCE.findall(fold(chosen[0].text))
            ):
                chosen.append(after)
        # One figure asked, one figure given: a second sentence holding another value of
        # the same kind (the programme's headline target after the diagnostic's figure)
        # would leave the reader to choose.
        answered = info.slot in FIGURE_SLOTS and self._holds_figure(info, chosen[0]) and one_part
        for other in scored[1:5] if len(chosen) == 1 and not part_answered else ():
            if answered and self._holds_figure(info, other.quote):
                continue
            if info.funder and not (
                names_funder(info.funder, other.quote.text) and MONEY_RE.search(other.quote.text)
            ):
                continue  # « quelle somme EDF apporte ? »: not the State's 42 M€ beside it
            if (
                other.score >= 0.8 * best.score
                and other.quote.chunk.doc_id == best.quote.chunk.doc_id
                and other.lexical > 0.2
                and not _overlaps(other.quote, chosen)
                and not NOT_PUBLISHED.search(fold(other.quote.text))
            ):
                chosen.append(with_list(other.quote))
                break
        if all(self._unpublished(info, quote) for quote in chosen):
            # « Les niveaux précis des diplômes ne sont pas détaillés » is no answer: it is
            # said as a refusal that quotes it.
            return self._refusal(info, record, chosen[:1])
        if record is not None and (whole := self._whole_beside_funder(info, record, chosen)):
            chosen.insert(0, whole)
        return compose(info, chosen, self.catalog, confidence=confidence)

    def _figure_quoted(self, info: QuestionInfo, retrieval: RetrievalResult) -> Answer | None:
        """« 2 226 personnes formées avec plus de 5 M€ : c'est quel projet ? »: a question
        quoting a figure few share (three digits or more, no year) is answered by the
        retrieved sentence holding every number it quotes, whatever its other words."""
        asked = {f for f in figures_in(info.text) if not YEAR.fullmatch(f[0])}
        if not any(len(n.replace(",", "")) >= 3 for n, _ in asked):
            return None
        holding = [
            s for s in self.ranker.rank(info, retrieval) if asked <= figures_in(s.quote.text)
        ]
        if not holding:
            return None
        return compose(
            info,
            [with_list(holding[0].quote)],
            self.catalog,
            confidence=_confidence(info),
        )

    def _whole_beside_funder(
        self, info: QuestionInfo, record: ProgrammeRecord, chosen: Sequence[Quote]
    ) -> Quote | None:
        """« Electro'Mob coûte combien et la Région met combien ? »: the funder's part is
        answered; the sentence giving the programme's whole cost, when another part asks it
        without naming the funder and no chosen sentence gives it."""
        if not info.funder or "budget" not in info.slots:
            return None
        parts = parts_of(info.text, self.catalog.names_of(info.programmes))
        if len(parts) < 2 or not any(
            "budget" in part.slots and not any(t.startswith(info.funder[:5]) for t in part.terms)
            for part in parts
        ):
            return None
        needles = slot_values(record, "budget")
        if not needles or any(holds_value(q.text, n) for q in chosen for n in needles):
            return None
        return next(
            (
                q
                for q in quotes_of(self.retriever.chunks_of(record.id))
                if not in_sources_section(q) and any(holds_value(q.text, n) for n in needles)
            ),
            None,
        )

    def _absent_member(self, info: QuestionInfo) -> Answer | None:
        """« Airbus fait-il partie des partenaires d'OSMOSE ? » when OSMOSE's document
        never names Airbus: « la fiche ne précise pas la participation d'Airbus », not its
        count of partners."""
        if len(info.programmes) != 1:
            return None
        record = self.catalog.by_id.get(info.programmes[0])
        # « REMED fait-il partie de l'AMI CMA ? » asks whether it is a laureate of the call
        # (its fiche says so in its own words), not whether it names « AMI CMA ».
        umbrellas = self.catalog.names_of([*info.generic, *self.catalog.generic_ids()])
        known = [
            *self.catalog.names_of(info.programmes),
            *umbrellas,
            "France 2030",
            *info.regions,
            *info.sectors,
        ]
        member = member_asked(info.text, known)
        if record is None or member is None:
            return None
        text = " ".join(c.text for c in self.retriever.chunks_of(record.id))
        if names_member(member, text):
            return None
        return self.focused.missing(info, record, [member_label(member)], [])

    def _umbrella_answer(self, info: QuestionInfo, record: ProgrammeRecord) -> Answer | None:
        """« REMED fait-il partie de l'AMI CMA ? »: the fiche's first sentence naming the call
        (« lauréat de l'AMI … », « il ne relève ni de France 2030 … »), or, when its text
        never names it, that it does not say (not a sentence on its levels)."""
        umbrella = umbrella_asked(info.text)
        if not umbrella:
            return None
        said = [
            q
            for q in quotes_of(self.retriever.chunks_of(record.id))
            if not in_sources_section(q)
            and any(u in " ".join(fold(q.text).split()) for u in umbrella)
        ]
        if said:
            return compose(info, said[:1], self.catalog, confidence=_confidence(info))
        plan = (
            "France 2030"
            if "france 2030" in umbrella
            else "l'AMI « Compétences et métiers d'avenir »"
        )
        return self.focused.missing(info, record, [f"son rattachement à {plan}"])

    def _about_programme(self, quote: Quote, info: QuestionInfo) -> bool:
        """Whether ``quote`` is in its document's calendar or names a programme asked."""
        if fold(quote.chunk.meta.heading).startswith("calendrier"):
            return True
        return any(self.catalog.names_in(p, quote.text) for p in info.programmes)

    def _unknown_placed(self, info: QuestionInfo) -> str | None:
        """An institution described by a town no document names (« l'école d'ingénieurs
        de Mulhouse »), unless a programme of that town's region is in the sector asked
        (« la fac de Nice … des mineures IA » is Efalia Côte d'Azur's)."""
        name = unknown_placed(info.text, self._collection_text())
        if name is None:
            return None
        regions = set(self.catalog.regions_in(name))
        sectors = set(info.sectors)
        if any(regions & set(r.regions) and sectors & set(r.sectors) for r in self.catalog.records):
            return None
        return name

    def _collection_text(self) -> str:
        """Every chunk's text and every name form, folded (read once, when first needed)."""
        if self._known_text is None:
            chunks = self.retriever.chunks_at(range(self.retriever.size)).values()
            names = [
                n for r in self.catalog.records for n in (r.title, *self.catalog.name_forms(r.id))
            ]
            self._known_text = fold(" ".join([*(c.text for c in chunks), *names]))
        return self._known_text

    def _runs_in(self, doc_id: str, regions: Sequence[str]) -> bool:
        """Whether the programme of ``doc_id`` runs in one of ``regions`` or nationwide (a
        document the catalogue does not place is kept)."""
        record = self.catalog.by_id.get(doc_id)
        if record is None or not record.regions:
            return True
        return "National" in record.regions or any(r in record.regions for r in regions)

    def _gives_asked(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` gives the number or name ``info`` asks for, beyond the words
        of the question and the names of the programmes it mentions."""
        if info.funder and not names_funder(info.funder, quote.text):
            return False  # « la Région met combien ? »: not what the State gives
        if info.funder and _asks_money(info) and not MONEY_RE.search(quote.text):
            return False  # « la mise de la Région ? »: an amount, not its jobs target
        # « Comment s'appellent les projets des Antilles ? »: a region is no project's name.
        # « Quels projets… ? », « comment s'appelle le projet de Caen… ? »: the projects'
        # names are the answer, not known words, unless the question writes them.
        named = asks_names(info.text) or _NAME_ASK.search(fold(info.text))
        if named and info.described and not self.catalog.mentioned(info.text):
            return True  # « comment s'appelle le projet de Caen… ? »: its name, prefixed
        known = self._name_words(
            quote,
            regions=not _PLACE_ASK.search(fold(info.text)),
            mentioned=self.catalog.mentioned(info.text) if named else None,
        )
        if TOWN_ASK.search(fold(info.text)):
            # « Elle se trouve dans quelle ville ? »: a town the question does not name.
            asked = set(self.catalog.cities_in(info.text))
            return bool(set(self.catalog.cities_in(quote.text)) - asked)
        if SITE_ASK.search(fold(info.text)):
            # « Installé dans quel établissement ? »: a name the question does not hold.
            return bool(new_names(info.text, quote.text, known))
        return gives_asked(info.text, quote.text, known, money=_asks_money(info))

    def _unpublished_split(
        self, info: QuestionInfo, record: ProgrammeRecord | None
    ) -> Answer | None:
        """« Combien de places d'ATCF dans l'académie de Grenoble ? » when the document
        says its split by town is not published: that refusal, quoting it (the
        programme's total is no answer for one of its places)."""
        if record is None or len(info.programmes) != 1 or not info.wants_number:
            return None
        towns = self.catalog.cities_in(self.catalog.without_names(info.text))
        if not towns:
            return None
        for quote in quotes_of(self.retriever.chunks_of(record.id)):
            text = fold(quote.text)
            if NOT_PUBLISHED.search(text) and _SPLIT.search(text):
                label = f"le chiffre propre à {written(info.text, towns[0])}"
                return self.focused.missing(info, record, [label], [quote])
        return None

    def _carriers_of_top_group(
        self, info: QuestionInfo, retrieval: RetrievalResult, best: Scored
    ) -> bool:
        """Whether a question asking who carries laureates names none (« qui porte les
        quatre projets hydrogène de la 1re vague ? ») and its best sentence is in
        retrieval's top document, a group of laureates: their carriers are asked."""
        top = _top_document(retrieval)
        record = self.catalog.by_id.get(top) if top else None
        return (
            info.slot == "lead"
            and not (info.programmes or info.is_multi)
            and bool(_CARRIERS_ASK.search(fold(info.text)))
            and record is not None
            and record.kind == "groupe"
            and best.quote.chunk.doc_id == top
        )

    def _topics_of_top_document(
        self, info: QuestionInfo, retrieval: RetrievalResult, best: Scored
    ) -> bool:
        """Whether a question on what a programme teaches names none (« le projet de
        cybersécurité de l'université présidée par Lamri Adoui ») and its best sentence is
        in retrieval's top document, a programme of the catalogue: that one is asked."""
        top = _top_document(retrieval)
        record = self.catalog.by_id.get(top) if top else None
        return (
            info.slot == "topics"
            and not (info.programmes or info.generic or info.is_multi)
            and record is not None
            and record.kind in ("programme", "diagnostic")
            and best.quote.chunk.doc_id == top
        )

    def _names_partner(self, record: ProgrammeRecord, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` names an organisation besides the programme and its carrier."""
        known = [*self._name_words(quote), record.lead or ""]
        return bool(new_names(info.text, quote.text, known))

    def _names_new(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` names someone (an organisation, a person) the question does
        not, beyond the programmes' own names."""
        return bool(new_names(info.text, quote.text, self._name_words(quote)))

    def _name_words(
        self, quote: Quote, *, regions: bool = False, mentioned: Sequence[str] | None = None
    ) -> list[str]:
        """The words of the programme names ``quote`` mentions (only those among
        ``mentioned`` when given), and of every region with ``regions``."""
        found = self.catalog.mentioned(quote.text)
        if mentioned is not None:
            found = [p for p in found if p in mentioned]
        names = self.catalog.names_of(found)
        if regions:
            names = [*names, *self.catalog.regions()]
        return [word for name in names for word in re.findall(r"[\w'’@.-]+", name)]

    def _names_value(self, info: QuestionInfo) -> bool:
        """Whether the question names the record's own value for its slot (« Qui préside
        l'Université de Caen qui porte Cyrce ? »): it then asks something else."""
        asked = info.programmes or info.generic
        record = self.catalog.by_id.get(asked[0]) if asked else None
        values = slot_values(record, info.slot) if record and info.slot else []
        return bool(values) and named_in(self.catalog.without_names(info.text), values)

    def _about_subject(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` (with its document's title) holds a word of what the figure
        question is about, beyond the words of the figure itself (« budget », « aide »…)."""
        subject = set(content_tokens(info.text)) - figure_tokens()
        where = set(tokenize(f"{quote.text} {quote.chunk.meta.doc_title}"))
        return bool(subject & where)

    def _adds(self, info: QuestionInfo, quote: Quote, follower: Quote) -> bool:
        """Whether ``follower`` holds words of the question that ``quote`` lacks."""
        asked = frozenset(content_tokens(info.text, self.catalog.names_of(info.programmes)))
        missing = frozenset(t for t in asked if not holds_any(frozenset([t]), quote.text))
        return bool(missing) and holds_any(missing, follower.text)

    def _collective(self, text: str, name: str, parts: Sequence[str]) -> bool:
        """Whether ``text`` gives a group's figure rather than the part ``name``'s own."""
        others = [*parts, *map(fold, self.catalog.names_of(self.catalog.mentioned(text)))]
        return is_collective(text, name, others)

    def _joint_figure(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` gives the joint figure a joint question asks (« RIS3 et
        CyberSkills4All reçoivent ensemble près de 15 M€ »), of the programmes it names."""
        named = self.catalog.mentioned(quote.text)
        return (
            asks_joint(info.text, len(info.programmes))
            and gives_joint_figure(quote.text)
            and set(info.programmes) <= set(named)
        )

    def _unpublished(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` says the value asked for is not published (and gives no
        share instead: « l'État finance X à près de 50 % ; le montant n'est pas publié »)."""
        folded = fold(quote.text)
        return bool(NOT_PUBLISHED.search(folded)) and not (
            # « Les noms des 10 lauréats ne sont pas publiés » withholds no figure.
            (info.wants_number and _NAMES_WITHHELD.match(folded))
            or self._joint_figure(info, quote)
            or gives_share(info.text, quote.text)
            or gives_count(info.text, quote.text)
            or names_which(info.text, quote.text)
            or self._gives_audience(info, quote.text)
        )

    @staticmethod
    def _gives_audience(info: QuestionInfo, text: str) -> bool:
        """Whether « à qui s'adresse X ? » is answered by a clause of ``text`` other than the
        one saying something is unpublished (« Étudiants et professionnels ; le détail des
        niveaux n'est pas publié »). A question on levels is not."""
        if info.slot != "audience" or LEVEL_ASK.search(fold(info.text)):
            return False
        clauses = re.split(r"[;:]", fold(text))
        return any(AUDIENCE.search(c) and not NOT_PUBLISHED.search(c) for c in clauses)

    def _other_named(
        self, info: QuestionInfo, scored: Sequence[Scored], chosen: Sequence[Quote]
    ) -> list[Quote]:
        """« Quel projet dure le plus longtemps : FPI AURA ou Evolution Jeu Vidéo ? »: the
        best sentence of the other programme named, with a value of the kind asked, so
        that both are told (a comparison the records cannot rank)."""
        if len(info.programmes) != 2 or not info.slots:
            return []
        cited = {q.chunk.doc_id for q in chosen}
        regions = self.catalog.regions()
        added: list[Quote] = []
        for doc in info.programmes:
            if doc in cited:
                continue
            best = next(
                (
                    s.quote
                    for s in scored
                    if s.quote.chunk.doc_id == doc
                    and fits(info.slots, s.quote.text, regions, counts_only=True)
                    and not NOT_PUBLISHED.search(fold(s.quote.text))
                ),
                None,
            )
            if best is not None:
                added.append(best)
        return added

    def _holds_figure(self, info: QuestionInfo, quote: Quote) -> bool:
        """Whether ``quote`` can answer the figure slot asked about."""
        if info.programmes and quote.chunk.doc_id not in info.programmes:
            return False
        if not NUMBER_RE.search(quote.text):
            return False
        if info.funder and not names_funder(info.funder, quote.text):
            return False
        text = fold(quote.text)
        if info.slot in ("state_aid", "budget") and not MONEY_RE.search(quote.text):
            return gives_share(info.text, quote.text)
        if (
            info.slot in ("state_aid", "budget")
            and gives_group_figure(quote.text)
            and not asks_group_figure(info.text)
            and (
                (
                    len(info.programmes) == 1
                    and (
                        (own := self.catalog.by_id.get(info.programmes[0])) is None
                        or own.kind != "groupe"
                    )
                )
                # « l'avionneur … pour son projet qui … ? »: one project, described.
                or (not info.programmes and _ONE_PROJECT.search(fold(info.text)))
            )
        ):
            return False  # the amount of several laureates, not of the one asked about
        if asks_several_laureates(info.text) and _TOTAL_SAID.search(text):
            # « … pour ses deux projets ? »: « porte à 4,7 M€ le total reçu » answers it.
            return True
        if info.slot == "state_aid" and not names_a_funder(info.text):
            # « Le plan pour l'électronique met combien d'argent sur la formation ? » names
            # no funder: « consacre 50 M€ aux formations » answers it.
            return True
        words = SLOT_WORDS[info.slot or "people"]
        if info.slot == "budget" and asks_all_funders(info.text):
            # « Le coût total, toutes sources confondues ? »: the State's share (« doté de
            # 20 M€ par France 2030 ») is not the whole cost.
            return bool(words.search(text))
        if (
            info.slot == "budget"
            and not words.search(text)
            and len(info.programmes) == 1
            and _WHOLE_COST.search(fold(info.text))
        ):
            record = self.catalog.by_id.get(info.programmes[0])
            if record is not None and not slot_values(record, "budget"):
                # « Le coût total de COMETES ? »: its record keeps no budget, so an amount
                # its sentence does not call one (« doté de 20 M€ par France 2030 », « le
                # volet Côte d'Azur reçoit 2,7 M€ ») is some part of it, not the whole cost.
                return False
        return bool(words.search(text)) or info.slot == "budget"

    def _refusal(
        self,
        info: QuestionInfo,
        record: ProgrammeRecord | None,
        quotes: Sequence[Quote],
    ) -> Answer:
        """The precise refusal when the programme is known, the generic one otherwise."""
        labels = [SLOT_LABELS[info.slot]] if record and info.slot in SLOT_LABELS else []
        if record and info.funder:
            labels = [funder_label(info.funder)]
        return self.focused.missing(info, record, labels, quotes)


#: Slots whose answer is a kind of value a sentence must hold (a date, a duration).
KIND_SLOTS = ("date", "duration")
#: Slots answered by a sentence that holds their words (who carries it, with whom).
#: « Comment s'appelle le projet… ? », « sous quel nom… ? »: a name is asked.
_NAME_ASK = re.compile(
    r"\bcomment s'appell\w*|\bquel est (le|son) nom\b|\bsous quel nom\b|\ble nom (du|de ce|de la)\b"
)
#: The carriers of several are asked (« quels organismes portent… », « les porteurs »).
_CARRIERS_ASK = re.compile(
    r"\b(portent|pilotent|coordonnent|porteurs|(quel(le)?s|les) (structures|organismes|"
    r"etablissements|universites|ecoles|acteurs|organisations) (qui )?(port|pilot|coordonn))\w*"
)
#: Names of organisations asked (« quelles entreprises … ? »).
_NAMES_OF = re.compile(
    r"\bquel(?:le)?s (?:sont )?(?:les )?(?:\d+ |dix |douze )?(entreprises|etablissements|ecoles|"
    r"universites|associations|organismes|"
    r"lycees|laboratoires|industriels)\b"
)


def _top_document(retrieval: RetrievalResult) -> str | None:
    """The document of retrieval's first passage, if any."""
    return retrieval.passages[0].doc_id if retrieval.passages else None


def _unnamed_count(question: str, sentence: str) -> str | None:
    """The organisations ``question`` asks the names of (« entreprises »), when ``sentence``
    only counts them (« 10 entreprises ou associations ») without naming them after."""
    asked = _NAMES_OF.search(fold(question))
    if asked is None:
        return None
    noun = asked.group(1)
    numbers = "|".join(NUMBER_WORDS)
    folded = fold(sentence)
    counted = re.search(rf"\b(?:\d+|{numbers})\s+{noun}\b([^.;]*)", folded)
    # « 2 organismes de formation (Cnam-Enjmin et Gamaste) » names them; « ISAE-SUPAERO,
    # l'INSA Toulouse (l'un des 9 établissements …) » names some in a list around it.
    if counted is None or re.match(r"[^,(:]{0,40}[(:]", counted.group(1)):
        return None
    before = folded[: counted.start()]
    if before.count("(") > before.count(")"):
        return None
    return as_written(question, noun)


#: One project asked about (« pour son projet », « le projet de … »).
_ONE_PROJECT = re.compile(r"\b(son|le|ce|du|au) (projet|programme|dispositif|laureat)\b")
#: A sentence giving a total (« porte à 4,7 M€ le total reçu »).
_TOTAL_SAID = re.compile(r"\b(au )?total\b")
#: « L'AMI CMA, c'est piloté par qui ? » (not « X est porteur de quel projet ? »).
_ASKS_WHO_LEADS = re.compile(r"\bqui\b")
WORD_SLOTS = ("lead", "partners", "achievements", "topics")
#: Slots named by words (not by a value's shape, like a date): a sentence saying « … n'est
#: pas publié » settles the question only if it names what is asked.
_NAMED_SLOTS = ("state_aid", "budget", "people", *WORD_SLOTS)


#: A question asking a place (whose answer may be a region's name).
_PLACE_ASK = re.compile(r"\b(regions?|villes?|communes?|lieux?|territoires?|ou)\b")
#: A figure split by place (« la répartition des places par ville »).
_SPLIT = re.compile(
    r"\brepartition\b|\bpar (ville|site|etablissement|academie|departement|commune|territoire)\b"
)
#: « Depuis quand… ? », « quand a-t-il été lancé / créé ? »: its start is asked.
_SINCE_ASK = re.compile(r"depuis quand|\bexiste|\blance|\bcree|\bdemarr|\bne\b|\bouvert")
#: « Où se trouve / est implanté / installé… ? »: words that ask where, not what about.
_LOCATION_VERBS = frozenset(
    tokenize(
        "trouve trouvent situe situee situes base basee implante implantee installe installee "
        "installes localise localisee siege deroule deroulent passe"
    )
)
#: A sentence telling a start (« lancé le 16 décembre 2021 », « ouverture »).
_LAUNCHED = re.compile(r"\blance|\blancement|\bouvert|\bouverture|\bdemarr|\binaugur")

#: The verb of « qui coordonne / pilote / dirige / anime… ? », by its stem.
_LEAD_VERB = re.compile(r"\b(coord|pilot|dirig|anim)\w*")
#: The start a question names (« créé quand ? »), to find in the sentence that answers.
_START_VERB = re.compile(r"\bcree|\bfonde|\blance|\bouvert|\bdemarr|\binaugur")


#: Words of money: an unpublished amount refuses no other question.
_MONEY_WORDS = re.compile(r"\b(montant|subvention|budget|financement|aide de l'etat|cout)\b|€")
#: What separates the items of an enumeration.
_SEPARATORS = re.compile(r", | et | ainsi que |;")


#: « …, avec l'UTC de Compiègne, l'ESIEE, la SATT HUB et SESAN »: partners listed by name
#: (a laureate of a group whose record keeps no partners).
_WITH_NAMES = re.compile(
    r"\bavec (?:notamment )?(?:l['’]|la |le |les |des |du )?[A-ZÉ][^;.]*?"
    r",\s*(?:l['’]|la |le |les |des |du )?[A-ZÉ]"
)


#: « Quels sont les partenaires ? », « peux-tu me citer les partenaires ? »: their names.
_PARTNER_NAMES_ASK = re.compile(
    r"\b(quel(le)?s|cite[rz]?|nomme[rz]?|liste[rz]?|lesquel(le)?s|noms?|enumere[rz]?|qui sont)\b"
)
#: Words naming what the catalogue holds (« quel projet… », « les formations… »).
_CATALOGUE_WORD = re.compile(
    r"\b(programmes?|projets?|formations?|dispositifs?|laureats?|ecoles?|campus|diagnostics?|"
    r"consortiums?|cursus|parcours|initiatives?|france 2030|ami|cma)\b"
)


def _about_catalogue(info: QuestionInfo) -> bool:
    """Whether a list, count or ranking question is about the catalogue's programmes: it
    names a place, a sector or a scheme of it, speaks of programmes, or uses no word the
    collection has never seen (« qui reçoit le plus d'argent ? »). « Le montant journalier
    minimum de l'allocation chômage ? » or « le classement de Shanghai » rank nothing here."""
    return bool(
        info.domain is None
        or not info.domain.unknown
        or info.regions
        or info.excluded_regions
        or info.sectors
        or info.generic
        or info.outside_ami
        or _CATALOGUE_WORD.search(fold(info.text))
    )


@lru_cache(maxsize=1)
def _PARTNER_TOKENS() -> frozenset[str]:
    """Search tokens of the words that name partners in general (« partenaires »)."""
    return frozenset(
        tokenize("partenaire partenaires consortium membres etablissements organismes acteurs")
    )


def _partners_named(record: ProgrammeRecord, text: str) -> int:
    """How many of the record's partners ``text`` names."""
    folded = fold(text)
    return sum(1 for p in record.partners if fold(p) in folded)


def _names_partners(record: ProgrammeRecord | None, text: str) -> bool:
    """Whether ``text`` names the record's partners (two of them, or its only one): « avec
    Numeum, Nancy Numérique et le CESI » lists partners without the word."""
    if record is None or not record.partners:
        return False
    return _partners_named(record, text) >= min(2, len(record.partners))


#: « Quel campus des métiers… ? », « quels lycées… ? »: partners of one kind, always
#: written with the kind's noun (a school may be named alone: « l'INSA Toulouse »).
_PARTNER_KIND = re.compile(r"\bquel(?:le)?s? (campus|cmq|lycee)s?\b")
_CAMPUS_WRITTEN = r"\bcampus\b|\bcmq\b"
_KIND_WRITTEN = {"campus": _CAMPUS_WRITTEN, "cmq": _CAMPUS_WRITTEN, "lycee": r"\blycee"}

#: « Dans quels lycées … ? », « quel CFA … ? »: institutions of one kind asked by name; per
#: kind (folded, singular), how it is written and its plural.
_SCHOOL_KINDS = {
    "lycee": ("lycée", "lycées"),
    "college": ("collège", "collèges"),
    "iut": ("IUT", "IUT"),
    "cfa": ("CFA", "CFA"),
}
_WHICH_SCHOOLS = re.compile(r"\bquel(?:le)?s? (lycee|college|iut|cfa)s?\b")
#: Capitalised words after the kind that name no institution of it (« les lycées
#: professionnels de Nouvelle-Aquitaine », « des académies de Lyon »).
_NOT_SCHOOL_NAMES = frozenset(
    {"region", "academie", "academies", "france", "etat"}
    | {w for name in REGIONS for w in re.split(r"[\s-]+", fold(name))}
    | {w for forms in REGIONS.values() for f in forms for w in re.split(r"[\s-]+", f)}
    | {w for town in CITIES for w in re.split(r"[\s-]+", town)}
)


def _names_of_kind(kind: str, text: str) -> bool:
    """Whether ``text`` names one institution of ``kind`` (« le lycée Jean-Moulin », « au
    lycée d'Arsonval », « le Lycée pilote innovant »), not only the kind (« les lycées
    professionnels de Nouvelle-Aquitaine », « des lycées et des CFA »)."""
    singular = _SCHOOL_KINDS[kind][0]
    for match in re.finditer(
        rf"(?i:{singular})s?((?:\s+(?:de |du |des |d'|l'|de l')?[\w’'-]+){{1,3}})", text
    ):
        if kind in ("lycee", "college") and match.start() > 0 and match.group()[0].isupper():
            return True  # « le Lycée pilote innovant international »: its own name
        words = re.findall(r"(?<![\w’'-])(?:[dl][’'])?([A-ZÀ-Ý][\w’'-]*)", match.group(1))
        if any(
            w not in ("IUT", "CFA") and not set(re.split(r"[\s-]+", fold(w))) <= _NOT_SCHOOL_NAMES
            for w in words
        ):
            return True
    return False


#: A sentence saying names are withheld (« Les noms des lauréats ne sont pas publiés »).
_NAMES_WITHHELD = re.compile(r"\W*(les noms|le nom|la liste|l'identite)\b")


def _about_slot(info: QuestionInfo, text: str) -> bool:
    """Whether ``text`` is about the slot asked (« le détail des niveaux n'est pas publié »
    says nothing of the partners); true when no such slot is asked."""
    return info.slot not in _NAMED_SLOTS or bool(SLOT_WORDS[info.slot].search(fold(text)))


_UNIT_ASKED = re.compile(r"combien d'(heures)|combien de (jours|semaines|mois|ans|annees)")


def _kind_pattern(info: QuestionInfo) -> re.Pattern[str]:
    """What a sentence must hold to answer a date or duration question: « combien
    d'heures » wants hours (« jusqu'en 2030 » is no answer), « quand » a date."""
    unit = _UNIT_ASKED.search(fold(info.text))
    if unit:
        return re.compile(rf"\b\d[\d  ]* ?{unit.group(1) or unit.group(2)}\b")
    return SLOT_WORDS[info.slot or "date"]


def _gives_kind(kind: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` gives a value of the kind asked (a date, a duration), « France
    2030 » being no date."""
    return kind.search(fold(text).replace("france 2030", "")) is not None


#: A sentence this close to the best (share of its score), among the first few, that gives
#: the kind asked picks the document when the best gives none and no programme is named.
_KIND_POOL = 5
_KIND_CLOSE = 0.9


def _order(quote: Quote) -> tuple[int, int]:
    return (quote.chunk.meta.chunk_index, quote.start)


#: The asker has seen figures that disagree (« j'ai vu passer plusieurs chiffres »).
_DOUBT = re.compile(
    r"\b(plusieurs|deux|differents|divers|d'autres) (chiffres|montants|nombres|sommes|totaux|"
    r"dates|versions)\b|\b(chiffres|montants|nombres|sources) (differ|varient|ne concordent)|"
    r"\b(pas|plus) (le|du) meme (chiffre|montant|nombre)\b|\bchiffres? contradictoires?\b|"
    # « des chiffres très différents », « j'ai lu 16 M€ ailleurs »
    r"\b(chiffres|montants|nombres|sommes) (tres |bien |assez )?different\w*|"
    r"\b(lu|vu|entendu)\b[^?]{0,40}\bailleurs\b"
)


def _other_figure(quote: Quote, scored: Sequence[Scored]) -> list[Quote]:
    """The best other sentence of ``quote``'s document giving another value of its kind
    (another sum beside a sum), for an asker who has seen figures disagree: both are
    quoted, each with its source, for the reader to compare."""
    money = bool(MONEY_RE.search(quote.text))
    own = set(numbers_in(quote.text))
    for other in scored[1:12]:
        text = other.quote.text
        if (
            other.quote.chunk.doc_id == quote.chunk.doc_id
            and not _overlaps(other.quote, [quote])
            and (not money or MONEY_RE.search(text))
            and set(numbers_in(text)) - own
            and not NOT_PUBLISHED.search(fold(text))
        ):
            return [other.quote]
    return []


def _overlaps(quote: Quote, chosen: Sequence[Quote]) -> bool:
    return any(
        q.chunk.id == quote.chunk.id and q.start < quote.end and quote.start < q.end for q in chosen
    ) or any(q.text == quote.text for q in chosen)


#: « le coût total », « le budget global »: the whole cost is asked, not an allocation.
_WHOLE_COST = re.compile(r"\bcout\w*\b|\b(budget|montant) (total|global|complet)\b")


def _confidence(info: QuestionInfo) -> float:
    """The calibrated probability that the collection answers the question (at least 0.5
    here: the answerability step let the question through)."""
    return round(max(0.5, info.domain_probability), 4)


def _asks_money(info: QuestionInfo) -> bool:
    """Whether the question asks for an amount (its words, or a money slot)."""
    return info.wants_money or info.slot in ("state_aid", "budget")


def _money_quotes(scored: Sequence[Scored], record: ProgrammeRecord) -> list[Quote]:
    """The sentences among ``scored`` of ``record``'s document that give an amount."""
    return [
        s.quote
        for s in scored
        if s.quote.chunk.doc_id == record.id and MONEY_RE.search(s.quote.text)
    ]
