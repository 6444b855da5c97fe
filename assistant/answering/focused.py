"""Answers about one focus (salary, enrolment dates…), false premises, and the refusals
that say exactly what the documents do not give.

A focus question is answered only by sentences that hold the focus
(:func:`~assistant.answering.answerability.holds`); otherwise the answer names what is
missing, in which document, shows what the document does say when it is close (a project
horizon for a course length), and says where to ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.answer import NOT_FOUND, Answer
from assistant.answering.answerability import Focus, holds, is_related
from assistant.answering.quotes import (
    CitationBuilder,
    Quote,
    in_sources_section,
    sentences,
    with_list,
)
from assistant.answering.slots import NOT_PUBLISHED
from assistant.answering.structured import where_to_ask
from assistant.catalog import in_region
from assistant.text.folding import fold
from assistant.text.numbers import numbers_in
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.catalog import Catalog, ProgrammeRecord
    from assistant.retrieval.base import RetrievalResult
    from assistant.retrieval.hybrid import HybridRetriever

#: What a slot asks, as it reads after « ne précise pas ».
SLOT_LABELS = {
    "state_aid": "le montant de l'aide de l'État",
    "budget": "le budget total",
    "people": "le nombre de personnes à former",
    "date": "la date de lancement",
    "duration": "la durée du projet",
    "region": "le territoire du projet",
    "lead": "le porteur du projet",
    "partners": "les partenaires",
    "audience": "le public visé",
    "achievements": "ce qui a déjà été réalisé",
    "topics": "les thèmes ou les métiers enseignés",
}
#: Confidence of a refusal whose reason is certain (the focus is in no sentence).
MISSING_CONFIDENCE = 0.1


#: A sentence that says what something is *not* (« à ne pas confondre », « ne fait pas partie
#: de »): it holds a value of another scheme, never the answer about this one.
_DISCLAIMER = re.compile(
    r"a ne pas confondre|pas presente comme faisant partie|ne fait pas partie|ne releve pas d"
)


class FocusedAnswerer:
    """Focus answers, premise corrections and refusals that name what is missing."""

    def __init__(self, retriever: HybridRetriever, catalog: Catalog) -> None:
        self.retriever = retriever
        self.catalog = catalog

    # --- one focus ---------------------------------------------------------------------

    def answer(
        self,
        info: QuestionInfo,
        retrieval: RetrievalResult,
        focus: Focus,
        *,
        before: Answer | None = None,
    ) -> Answer:
        """Quote the sentences holding ``focus``, or say that the documents do not give it.

        ``before`` is the answer to the question's other part, if it has one: it comes first.
        """
        record = self.catalog.by_id.get(info.programmes[0]) if info.programmes else None
        candidates = self._candidates(info, retrieval)
        found = [q for q in candidates if holds(focus, q.text)]
        # « À ne pas confondre : … un parcours de 400 heures … n'est pas présenté comme
        # faisant partie d'Electro'Mob »: what the document says is not this programme's.
        # « Les niveaux précis des diplômes ne sont pas détaillés » holds the focus's words
        # but says it is not given: quoted with the refusal, not as the answer.
        hits = [
            q
            for q in found
            if not _DISCLAIMER.search(fold(q.text)) and not _only_unpublished(focus, q.text)
        ]
        builder = CitationBuilder()
        if before is not None:
            builder.citations.extend(before.citations)
        if hits:
            best = with_list(max(hits, key=lambda q: (_overlap(info.text, q.text), -q.start)))
            text = f"{self._name_prefix(best, info)}{best.display} [{builder.cite(best)}]"
            answerable = before is None or before.answerable
            return Answer(
                text=f"{before.text}\n\n{text}" if before is not None else text,
                answerable=answerable,
                citations=builder.citations,
                confidence=max(0.5, info.domain_probability) if answerable else MISSING_CONFIDENCE,
                standalone_question=info.text,
                derived_numbers=before.derived_numbers if before is not None else [],
            )
        related = [q for q in found if q not in hits] or [
            q for q in candidates if is_related(focus, q.text)
        ]
        return self.missing(
            info,
            record,
            [focus.label],
            related[:1],
            answered=before.text if before is not None else "",
            builder=builder,
        )

    def _candidates(self, info: QuestionInfo, retrieval: RetrievalResult) -> list[Quote]:
        if info.programmes:
            docs = info.programmes[:1]
        else:
            docs = list(dict.fromkeys(p.doc_id for p in retrieval.passages))[:2]
        quotes = [q for d in docs for c in self.retriever.chunks_of(d) for q in sentences(c)]
        if not info.programmes:
            quotes += [q for p in retrieval.passages[:5] for q in sentences(p.chunk)]
        seen: set[tuple[str, int, int]] = set()
        out = []
        for quote in quotes:
            if quote.key not in seen and not in_sources_section(quote):
                seen.add(quote.key)
                out.append(quote)
        return out

    def _name_prefix(self, quote: Quote, info: QuestionInfo) -> str:
        names = self.catalog.name_forms(quote.chunk.doc_id)
        if names and not any(fold(n) in fold(quote.text) for n in names):
            return f"{names[0]} : "
        return ""

    # --- refusals ------------------------------------------------------------------------

    def missing(
        self,
        info: QuestionInfo,
        record: ProgrammeRecord | None,
        labels: Sequence[str],
        related: Sequence[Quote] = (),
        *,
        answered: str = "",
        builder: CitationBuilder | None = None,
    ) -> Answer:
        """« La fiche X ne précise pas … » (+ what it does say, + where to ask).

        With no ``labels`` (nothing precise to name), the refusal is the generic one."""
        builder = builder or CitationBuilder()
        what = _join(labels)
        if not labels:
            lines = [NOT_FOUND]
        elif record is not None:
            lines = [f"La fiche « {record.short_name} » ne précise pas {what}."]
        else:
            lines = [f"Les documents dont je dispose ne précisent pas {what}."]
        if answered:
            lines.insert(0, answered)
        for quote in related:
            name = record.short_name if record else quote.chunk.meta.doc_title
            lines.append(f"La fiche « {name} » indique : {quote.display} [{builder.cite(quote)}]")
        if record is None and related:
            record = self.catalog.by_id.get(related[0].chunk.doc_id)
        lines.append(where_to_ask(record))
        return Answer(
            text="\n\n".join(lines),
            answerable=False,
            citations=builder.citations,
            confidence=MISSING_CONFIDENCE,
            standalone_question=info.text,
            derived_numbers=numbers_in(record.short_name) if record else [],
        )

    def unknown(self, info: QuestionInfo, name: str) -> Answer:
        """The question names an institution no document names (« L'École du nucléaire de
        Brive »): say so rather than answer about another one."""
        return _not_said(info, f"Je ne trouve pas « {name} » dans les documents dont je dispose.")

    def no_setback(self, info: QuestionInfo, record: ProgrammeRecord, noun: str) -> Answer:
        """The question takes a setback for granted (« pourquoi X a-t-il été suspendu ? »)
        that ``record``'s document does not tell: say so, not answer another question."""
        return _not_said(info, f"La fiche « {record.short_name} » ne fait état d'{noun}.", record)

    def off_domain(self, info: QuestionInfo) -> Answer:
        """The question is not about the indexed documents."""
        return Answer(
            text="\n\n".join([NOT_FOUND, where_to_ask(None)]),
            answerable=False,
            confidence=min(info.domain_probability, 0.49),
            standalone_question=info.text,
        )

    # --- false premises ------------------------------------------------------------------

    def premise(
        self,
        info: QuestionInfo,
        *,
        programme: str | None = None,
        regions: Sequence[str] = (),
        cite: bool = True,
    ) -> Answer | None:
        """Correct a question that places a programme in a region where it does not run.

        ``programme`` and ``regions``: a programme the question names and the regions the
        user's filters (or the site embedding the widget) restrict answers to, when these
        filters leave it out; then ``cite`` is False, as the filters bind citations too.
        """
        programme = programme or (info.programmes[0] if info.programmes else None)
        regions = regions or info.regions
        if programme is None or not regions or info.is_multi:
            return None
        record = self.catalog.by_id.get(programme)
        if record is None or not record.regions:
            return None
        own = {fold(r) for r in record.regions}
        if "national" in own or own & {fold(r) for r in regions}:
            return None
        builder = CitationBuilder()
        where = ", ".join(in_region(r) for r in record.regions)
        asked = " ni ".join(in_region(r) for r in regions)
        lines = [f"{record.short_name} est mené {where}, pas {asked}."]
        quote = self._place_quote(record) if cite else None
        if quote is not None:
            lines[0] += f" {quote.display} [{builder.cite(quote)}]"
        lines.append(where_to_ask(record))
        return Answer(
            text="\n\n".join(lines),
            answerable=False,
            citations=builder.citations,
            confidence=MISSING_CONFIDENCE,
            standalone_question=info.text,
            derived_numbers=numbers_in(record.short_name),
        )

    def _place_quote(self, record: ProgrammeRecord) -> Quote | None:
        places = [fold(p) for p in (*record.regions, *record.cities)]
        for chunk in self.retriever.chunks_of(record.id):
            for quote in sentences(chunk):
                text = fold(quote.text)
                if not in_sources_section(quote) and any(p in text for p in places):
                    return quote
        return None


def _not_said(info: QuestionInfo, line: str, record: ProgrammeRecord | None = None) -> Answer:
    """A refusal of one line (what the documents do not hold) and where to ask."""
    return Answer(
        text="\n\n".join([line, where_to_ask(record)]),
        answerable=False,
        confidence=MISSING_CONFIDENCE,
        standalone_question=info.text,
        derived_numbers=numbers_in(record.short_name) if record else [],
    )


def _overlap(question: str, sentence: str) -> int:
    return len(set(tokenize(question)) & set(tokenize(sentence)))


def _join(labels: Sequence[str]) -> str:
    labels = list(dict.fromkeys(labels))
    if len(labels) <= 1:
        return labels[0] if labels else "cette information"
    return ", ".join(labels[:-1]) + " ni " + labels[-1]


def _only_unpublished(focus: Focus, text: str) -> bool:
    """Whether every clause of ``text`` holding ``focus`` says it is not published."""
    flat = re.sub(r"\s+", " ", fold(text))  # a sentence may run over a line break
    clauses = [c for c in re.split(r"[;:]", flat) if focus.evidence.search(c)]
    return bool(clauses) and all(NOT_PUBLISHED.search(c) for c in clauses)
