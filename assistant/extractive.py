"""The default answerer: verbatim source sentences with [n] markers, no language model.

A question about one programme's figure (budget, State aid, people to train) is
answered from the structured record: the sentence of the document that holds that exact
figure is quoted. Other questions get the sentences of the retrieved passages that best
match them. Questions about several programmes are delegated to :mod:`structured`.
When nothing answers, the assistant says so and where to ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer import NOT_FOUND, Answer, Filters
from assistant.catalog import Catalog, ProgrammeRecord
from assistant.glossary import expansions, fold
from assistant.lexical import tokenize
from assistant.numbers import NUMBER_RE, contains, format_date, format_eur, format_int
from assistant.question import QuestionInfo, Slot
from assistant.quotes import CitationBuilder, Quote, quotes_of, sentences
from assistant.retrieval import HybridRetriever, RetrievalResult
from assistant.structured import StructuredAnswerer, where_to_ask

_NOT_PUBLISHED = re.compile(
    r"n'(est|a) pas (ete )?(publie|communique|connu|precise|rendu public|indique|trouve)|"
    r"non (publie|communique|precise)|aucun(e)? (montant|chiffre|source)|pas de (montant|chiffre)|"
    r"ne (sont|est) pas (publie|communique|connu|precise)"
)
_DATE_RE = re.compile(
    r"\b(19|20)\d{2}\b|\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)\b"
)
_LEVELS_RE = re.compile(
    r"\b(cap|bac|bts|but|licence|master|doctorat|ingenieur|lyceens?|etudiants?|salaries?|"
    r"demandeurs d'emploi|apprentis?|collegiens?|enseignants|formateurs|niveau)\b"
)
_SLOT_WORDS: dict[str, re.Pattern[str]] = {
    "state_aid": re.compile(r"etat|france 2030|subvention|aide|financ"),
    "budget": re.compile(r"budget|cout|total|montant"),
    "people": re.compile(r"personnes|former|formes|apprenants|jeunes|etudiants|objectif"),
    "date": _DATE_RE,
    "lead": re.compile(r"porte|pilote|coordonne|chef de file|porteur"),
    "partners": re.compile(r"partenaire|consortium|reunit|associe"),
    "audience": _LEVELS_RE,
}


@dataclass
class Scored:
    quote: Quote
    score: float
    lexical: float


class ExtractiveAnswerer:
    """Composes answers from verbatim sentences of the sources."""

    def __init__(
        self, retriever: HybridRetriever, catalog: Catalog, *, refusal_threshold: float = 0.35
    ) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self.refusal_threshold = refusal_threshold
        self.structured = StructuredAnswerer(retriever, catalog)

    # --- entry point ------------------------------------------------------------------------

    def answer(
        self, info: QuestionInfo, retrieval: RetrievalResult, filters: Filters
    ) -> Answer:
        """Answer the analysed (standalone) question from ``retrieval``."""
        if info.is_multi:
            structured = self.structured.answer(info, filters)
            if structured is not None:
                return structured
        if len(info.programmes) == 1 and info.slot:
            record = self.catalog.by_id.get(info.programmes[0])
            if record is not None:
                slotted = self._slot_answer(info, record, info.slot)
                if slotted is not None:
                    return slotted
        return self._sentence_answer(info, retrieval)

    # --- one programme, one figure --------------------------------------------------------

    def _slot_answer(self, info: QuestionInfo, record: ProgrammeRecord, slot: Slot) -> Answer | None:
        chunks = self.retriever.chunks_of(record.id)
        if not chunks:
            return None
        needles = _slot_values(record, slot)
        quotes = quotes_of(chunks)
        if needles:
            hits = [q for q in quotes if any(contains(q.text, n) for n in needles)]
            words = _SLOT_WORDS.get(slot)
            hits.sort(key=lambda q: (not (words and words.search(fold(q.text))), q.chunk.metadata.get("chunk_index", 0), q.start))
            if hits:
                return self._compose(info, [hits[0]], confidence=0.95)
            return None
        if slot in ("state_aid", "budget", "people"):
            # The record has no such figure: say so, quoting the document if it says so.
            unpublished = [q for q in quotes if _NOT_PUBLISHED.search(fold(q.text))]
            words = _SLOT_WORDS[slot]
            unpublished.sort(key=lambda q: not words.search(fold(q.text)))
            return self._refusal(info, record, unpublished[:1])
        return None

    # --- general case -------------------------------------------------------------------------

    def _sentence_answer(self, info: QuestionInfo, retrieval: RetrievalResult) -> Answer:
        passages = retrieval.passages
        if not passages:
            return self._refusal(info, None, [])
        q_tokens = set(tokenize(info.text))
        extra_tokens = set(tokenize(" ".join(expansions(info.text)))) - q_tokens
        max_score = max(p.score for p in passages) or 1.0
        scored: list[Scored] = []
        seen: set[tuple[str, int, int]] = set()
        candidates = [(p.chunk, p.score / max_score) for p in passages]
        for doc_id in info.programmes[:1]:
            candidates += [(c, 0.6) for c in self.retriever.chunks_of(doc_id)]
        for chunk, rel in candidates:
            for quote in sentences(chunk):
                if quote.key in seen:
                    continue
                seen.add(quote.key)
                scored.append(self._score(info, quote, rel, q_tokens, extra_tokens))
        scored.sort(key=lambda s: -s.score)
        if not scored:
            return self._refusal(info, None, [])
        best = scored[0]
        confidence = _confidence(retrieval, best)
        if confidence < self.refusal_threshold:
            return self._refusal(info, None, [], confidence=confidence)
        chosen = [best.quote]
        for other in scored[1:4]:
            if (
                other.score >= 0.85 * best.score
                and other.quote.chunk.doc_id == best.quote.chunk.doc_id
                and other.lexical > 0
                and not _overlaps(other.quote, chosen)
            ):
                chosen.append(other.quote)
                break
        return self._compose(info, chosen, confidence=confidence)

    def _score(
        self,
        info: QuestionInfo,
        quote: Quote,
        rel: float,
        q_tokens: set[str],
        extra_tokens: set[str],
    ) -> Scored:
        text = fold(quote.text)
        s_tokens = set(tokenize(quote.text))
        heading_tokens = set(tokenize(str(quote.chunk.metadata.get("heading_path", ""))))
        matched = len(q_tokens & s_tokens) + 0.5 * len(extra_tokens & s_tokens)
        lexical = matched / max(1, len(q_tokens))
        heading = 0.5 * len(q_tokens & heading_tokens) / max(1, len(q_tokens))
        score = 0.45 * rel + lexical + heading
        has_number = bool(NUMBER_RE.search(quote.text))
        if info.wants_number:
            score += 0.35 if has_number else -0.3
            if info.slot in ("state_aid", "budget") and "€" in quote.text:
                score += 0.25
        words = _SLOT_WORDS.get(info.slot or "")
        if words is not None and words.search(text):
            score += 0.25
        if info.slot == "region" and any(fold(r) in text for r in self.catalog.regions()):
            score += 0.3
        if info.programmes:
            score += 0.3 if quote.chunk.doc_id in info.programmes else -0.3
        if info.regions and any(fold(r) in text for r in info.regions):
            score += 0.15
        score -= 0.001 * quote.start  # earlier sentences first, all else equal
        return Scored(quote, score, lexical)

    # --- composing --------------------------------------------------------------------------

    def _compose(self, info: QuestionInfo, quotes: Sequence[Quote], *, confidence: float) -> Answer:
        builder = CitationBuilder()
        parts = [f"{q.text.strip()} [{builder.cite(q)}]" for q in quotes]
        return Answer(
            text=" ".join(parts),
            answerable=True,
            citations=builder.citations,
            confidence=confidence,
            standalone_question=info.text,
        )

    def _refusal(
        self,
        info: QuestionInfo,
        record: ProgrammeRecord | None,
        quotes: Sequence[Quote],
        *,
        confidence: float = 0.0,
    ) -> Answer:
        builder = CitationBuilder()
        lines = [NOT_FOUND]
        for quote in quotes:
            lines.append(f"La fiche « {record.short_name if record else quote.chunk.doc_id} » précise : {quote.text.strip()} [{builder.cite(quote)}]")
        lines.append(where_to_ask(record))
        return Answer(
            text="\n\n".join(lines),
            answerable=False,
            citations=builder.citations,
            confidence=confidence,
            standalone_question=info.text,
        )


def _slot_values(record: ProgrammeRecord, slot: Slot) -> list[str]:
    if slot == "state_aid" and record.state_aid_eur is not None:
        return [format_eur(record.state_aid_eur)]
    if slot == "budget" and record.budget_total_eur is not None:
        return [format_eur(record.budget_total_eur)]
    if slot == "people" and record.people is not None:
        return [format_int(record.people)]
    if slot == "date" and record.status_date:
        return [format_date(record.status_date)]
    if slot == "region" and record.regions:
        return list(record.regions) + list(record.cities)
    if slot == "lead" and record.lead:
        return [record.lead]
    return []


def _overlaps(quote: Quote, chosen: Sequence[Quote]) -> bool:
    return any(
        q.chunk.id == quote.chunk.id and q.start < quote.end and quote.start < q.end for q in chosen
    ) or any(q.text == quote.text for q in chosen)


def _confidence(retrieval: RetrievalResult, best: Scored) -> float:
    """A 0-1 estimate that the best sentence answers the question."""
    dense = min(1.0, max(0.0, (retrieval.dense_top - 0.75) / 0.15))
    return round(0.4 * dense + 0.35 * min(1.0, best.lexical) + 0.25 * retrieval.lexical_coverage, 4)
