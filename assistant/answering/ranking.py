"""Sentences of the retrieved passages, scored for a question.

What picks a sentence: the question's words it holds (IDF-weighted, the programme's own name
left out), its passage's rank, its heading, what the question asks for (an amount, a date,
a duration, a place: :meth:`SentenceRanker._bonus`), then the cosine similarity of the
question to the sentence's own vector for the best few (paraphrases share few words with
the sentence that answers them).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.answering.answerability import content_tokens
from assistant.answering.parts import figure_tokens, has_number, has_quantity, variant
from assistant.answering.protocols import SentenceVectors
from assistant.answering.question import QuestionInfo, dislocated, without_slot_phrases
from assistant.answering.quotes import Quote, in_sources_section, preceding, sentences, with_list
from assistant.answering.slots import MONEY_RE, SLOT_WORDS
from assistant.catalog import Catalog, with_towns
from assistant.embeddings.base import Embedder
from assistant.errors import StoreError
from assistant.index.sentence_vectors import SENTENCE_CHARS
from assistant.retrieval.base import RetrievalResult
from assistant.retrieval.hybrid import HybridRetriever
from assistant.text.counts import counted_noun
from assistant.text.folding import fold
from assistant.text.glossary import expansions
from assistant.text.numbers import NUMBER_WORDS
from assistant.text.patterns import FULL_DATE
from assistant.text.sentences import questions_in
from assistant.text.tokens import tokenize

#: Passages whose sentences are considered (more than are shown, fewer than all).
_SENTENCE_POOL = 10
#: A sentence whose object is what the one before it spoke of: an object pronoun before
#: a verb of visiting or showing (« venu le découvrir », « pour la visiter »). A subject
#: pronoun (« Il ») is the programme itself, whose name says nothing of what is asked.
_OBJECT_PRONOUN = re.compile(
    r"\b(?:le|la|les|l')\s?(?:découvrir|visiter|voir|inaugurer|présenter|lancer|"
    r"accompagner|rejoindre|financer|soutenir)\b"
)
#: The share of a question word's weight that a sentence pointing back gets when only
#: the sentence before it holds the word.
_INHERITED = 0.5
#: Sentences re-ranked by their own embedding, and the weight of that similarity.
_RERANK_TOP = 12
_RERANK_WEIGHT = 0.5

#: Bonus of a sentence that enumerates, for a question asking « quels X ? ».
_LIST_BONUS = 0.3
#: « Quels / quelles / lesquels X ? », « quels sont les X ? », « qui sont les X ? ».
_WHICH = re.compile(
    r"\b(quel(le)?s|lesquel(le)?s|qui sont|que (fait|font|propose|proposent|offre|offrent)|"
    r"c'est quoi (les|ses|leurs)|lister|listez|la liste (des|de ces))\b"
)
#: Bonus of a sentence that counts what « combien de X ? » asks about (« 38 partenaires »).
_COUNT_BONUS = 0.25
#: A sentence holding a word of the asking sentence, after sentences of context.
_ASKING_BONUS = 0.2
#: What separates the items of an enumeration in a sentence.
_SEPARATOR = re.compile(r", | et | ainsi que |;")
#: Weight of a question word found in another form (« propose » for « proposées »).
_FORM_WEIGHT = 0.8
#: The programmes a follow-up was given from the conversation (:mod:`condense`).
_APPENDED = re.compile(r"\(([^()]+)\)\s*\?\s*$")


log = logging.getLogger(__name__)


@dataclass
class Scored:
    """A sentence, its score, and the share of the question's words it holds."""

    quote: Quote
    score: float
    lexical: float
    #: Cosine similarity of the question to the sentence's own vector (the re-ranked
    #: best few only; None for the others).
    similarity: float | None = None


class SentenceRanker:
    """Scores the sentences of the retrieved passages (and of the named programme)."""

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
        self.embedder = embedder
        #: Sentence vectors stored at indexing; sentences without one are embedded here.
        self.sentence_vectors = sentence_vectors
        self._told_missing = False

    def _part_name_tokens(self, info: QuestionInfo) -> set[str]:
        """Words of an alias the question writes that names a part of its programme
        (« SequoIA », one of the IA Clusters): they pick the sentences about that part."""
        return {
            t
            for doc_id in info.programmes
            for written in self.catalog.part_names_in(doc_id, info.text)
            for t in tokenize(written)
        }

    def _written_forms(self, doc_id: str, question: str) -> list[str]:
        """The names of the programme whose words pick its document, not a sentence: all
        of them, but only the short name and the names ``question`` writes of a group."""
        record = self.catalog.by_id.get(doc_id)
        if record is None:
            return []
        written = self.catalog.names_in(doc_id, question)
        if not written or record.kind != "groupe":
            # A programme's other names describe it as a name would (« le projet normand
            # … du nucléaire » is 3NC); a group's may name one of its laureates.
            return self.catalog.name_forms(doc_id)
        return [
            record.short_name,
            *(f for f in record.aliases if any(fold(f) in w or w in fold(f) for w in written)),
        ]

    def rank(self, info: QuestionInfo, retrieval: RetrievalResult) -> list[Scored]:
        passages = retrieval.passages
        if not passages:
            return []
        lexical = self.retriever.lexical
        # Words of the programme's name pick the document (retrieval did that); what
        # picks the sentence is the rest of the question.
        # Forms the question does not write are not its words' source: « la fac de
        # médecine de la Sorbonne » asks about one laureate of the e-santé group, whose
        # alias « Sorbonne santé numérique » it does not write.
        named = {
            t
            for doc_id in [*info.programmes, *info.generic]
            for form in self._written_forms(doc_id, info.text)
            for t in tokenize(form)
        }
        named -= self._part_name_tokens(info)
        # « Il a reçu des prix (Décarbo Industrie Académie) ? »: the programme a follow-up
        # was given from the conversation picks the document, never the sentence.
        if (appended := _APPENDED.search(info.text)) and self.catalog.mentioned(appended[1]):
            named |= set(tokenize(appended[1]))
        q_tokens = {t: lexical.idf(t) for t in _with_digits(tokenize(info.text)) if t not in named}
        # « le grand projet normand de formation au nucléaire »: a programme described, not
        # named. Every sentence of the best document holds the words of its title that
        # describe it (as a name would be left out): the rest of the question picks one.
        described = passages[0].doc_id if not named else None
        title = set(tokenize(passages[0].chunk.meta.doc_title)) if described else set()
        if (
            info.described
            and (record := self.catalog.by_id.get(info.described)) is not None
            and not self.catalog.names_in(info.described, info.text)
        ):
            # « le projet de l'université lyonnaise … véhicules électriques et hydrogène »
            # describes REMED by its sectors, carrier and towns: those words are in every
            # one of its sentences; « avec quelles régions italiennes » picks one.
            described = info.described
            title = set(
                tokenize(
                    " ".join([record.title, *record.sectors, record.lead or "", *record.cities])
                )
            )
        # « Le campus … installé au LP2i, près du Futuroscope : qui le dirige ? »: every
        # sentence of the programme described holds the description (as a name would be
        # left out); « qui le dirige » picks one.
        topic_doc = info.programmes[0] if info.programmes else passages[0].doc_id
        # (Not a group or the call: « Le projet … retenu en saison 2 de l'AMI CMA, il
        # coûte combien ? » describes one laureate with the words of the call's document.)
        topic = (
            _topic_tokens(info.text) & set(q_tokens)
            if not (info.generic or self.catalog.is_generic(topic_doc))
            else set()
        )
        # Expansions of the question's own words, not of the names in it (« AURA » names
        # FPI AURA, it does not ask about Auvergne-Rhône-Alpes).
        unnamed = self.catalog.without_names(info.text)
        extra = {t: 0.5 * lexical.idf(t) for t in tokenize(" ".join(expansions(unnamed)))}
        extra = {t: w for t, w in extra.items() if t not in q_tokens}
        total = sum(q_tokens.values()) or 1.0
        max_score = max(p.score for p in passages) or 1.0
        candidates = [(p.chunk, p.score / max_score) for p in passages[:_SENTENCE_POOL]]
        top_docs = list(dict.fromkeys(p.doc_id for p in passages))[:2]
        for doc_id in list(dict.fromkeys([*info.programmes[:1], *top_docs])):
            rel = 0.5 if doc_id in info.programmes else 0.3
            candidates += [(c, rel) for c in self.retriever.chunks_of(doc_id)]
        pool: list[tuple[Quote, float, set[str], set[str]]] = []
        seen: set[tuple[str, int, int]] = set()
        for chunk, rel in candidates:
            heading = set(tokenize(chunk.meta.heading))
            for quote in sentences(chunk):
                if quote.key in seen or in_sources_section(quote):
                    continue
                seen.add(quote.key)
                words = set(tokenize(quote.text))
                if chunk.doc_id == topic_doc:
                    words |= topic
                pool.append(
                    (quote, rel, words | title if chunk.doc_id == described else words, heading)
                )
        dated = self._dated_documents(info, {q.chunk.doc_id for q, _, _, _ in pool})
        forms = _forms(q_tokens, {w for _, _, words, _ in pool for w in words})
        what_is = self.what_it_is(info)
        scored: list[Scored] = []
        for quote, rel, words, heading in pool:
            matched = sum(
                w if t in words else _FORM_WEIGHT * w
                for t, w in q_tokens.items()
                if t in words or forms[t] & words
            )
            matched += sum(w for t, w in extra.items() if t in words)
            if _OBJECT_PRONOUN.search(quote.text) and (before := preceding(quote)) is not None:
                # « Le recteur est venu le découvrir le 10 janvier » after the sentence on the
                # new bac pro of the lycée Frédéric-Faÿs: what « le » stands for is asked too.
                said = set(tokenize(before.text)) - words
                matched += _INHERITED * sum(w for t, w in q_tokens.items() if t in said)
            overlap = matched / total
            heading_overlap = sum(w for t, w in q_tokens.items() if t in heading) / total
            score = 0.4 * rel + overlap + 0.3 * heading_overlap + self._bonus(info, quote)
            if dated and quote.chunk.doc_id not in dated:
                score -= _UNDATED_PENALTY
            if what_is is not None and _opens(quote, what_is):
                score += _WHAT_IS_BONUS
            scored.append(Scored(quote, score, overlap))
        scored.sort(key=lambda s: -s.score)
        return self._rerank(scored, retrieval)

    def _dated_documents(self, info: QuestionInfo, doc_ids: set[str]) -> set[str]:
        """« Les lauréats annoncés le 7 juin 2023 … ? »: the documents (of ``doc_ids``)
        writing every full date of a question naming no programme, when some do; empty
        when none do (a date the documents do not give is no constraint)."""
        dates = FULL_DATE.findall(fold(info.text))
        if not dates or info.programmes:
            return set()
        return {
            doc_id
            for doc_id in doc_ids
            for text in [fold(" ".join(c.text for c in self.retriever.chunks_of(doc_id)))]
            if all(d in text for d in dates)
        }

    def _rerank(self, scored: list[Scored], retrieval: RetrievalResult) -> list[Scored]:
        """Add the cosine similarity of the question to each of the best sentences.

        Paraphrases share few words with the sentence that answers them; the embedding of
        the sentence itself (not of its whole chunk) tells them apart.
        """
        if self.embedder is None or retrieval.query_vector is None or len(scored) < 2:
            return scored
        head = scored[:_RERANK_TOP]
        # Long list-like "sentences" would dominate the cost: their start is enough.
        vectors = self._sentence_vectors(
            self.embedder, [s.quote.text[:SENTENCE_CHARS] for s in head]
        )
        sims = vectors @ retrieval.query_vector
        for item, sim in zip(head, sims, strict=True):
            item.similarity = float(sim)
            item.score += _RERANK_WEIGHT * (float(sim) - 0.8) / 0.1
        head.sort(key=lambda s: -s.score)
        return head + scored[_RERANK_TOP:]

    def _sentence_vectors(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Vectors of ``texts``: stored at indexing, else embedded now (an index built
        before sentence vectors were stored, or a store that cannot be read)."""
        found: list[np.ndarray | None] = [None] * len(texts)
        if self.sentence_vectors is not None:
            try:
                found = self.sentence_vectors.vectors(texts)
            except StoreError as exc:
                log.warning("sentence vectors unreadable, embedding them: %s", exc)
        missing = [i for i, vec in enumerate(found) if vec is None]
        if missing:
            if self.sentence_vectors is not None and not self._told_missing:
                self._told_missing = True
                log.info(
                    "sentence vectors missing from the index: embedding them at question "
                    "time (run `assistant index` to store them)"
                )
            embedded = embedder.embed_documents([texts[i] for i in missing])
            for i, vec in zip(missing, embedded, strict=True):
                found[i] = vec
        return np.stack([np.asarray(vec, dtype=np.float32) for vec in found])

    def _bonus(self, info: QuestionInfo, quote: Quote) -> float:
        text = fold(quote.text)
        bonus = 0.0
        if asks_which(info.text) and enumerates(quote):
            bonus += _LIST_BONUS
        if names_which(info.text, quote.text):
            bonus += _LIST_BONUS  # « quelles académies ? »: « académies de Lyon, Grenoble et… »
        elif asks_which(info.text) and _NAMED_LIST.search(quote.text):
            bonus += _LIST_BONUS  # « quels projets ? »: « … : COMED, LMA, GENHYO et AMHY »
        counted = counted_noun(info.text)
        if counted and re.search(rf"\d\s(?:\w+\s)?{re.escape(counted)}", text):
            bonus += _COUNT_BONUS  # « combien de partenaires ? »: « 38 partenaires »
        if info.wants_number:
            # « … ils étaient combien ? » asks a quantity: a sentence whose only numbers
            # are a date (« 3 avril 2023 : accueil de la première promotion ») gives none.
            bare = info.slot is None and counted is None
            found = has_quantity(quote.text) if bare else has_number(quote.text)
            bonus += 0.3 if found else -0.3
        if (info.slot in ("state_aid", "budget") or info.wants_money) and MONEY_RE.search(
            quote.text
        ):
            bonus += 0.2
        words = SLOT_WORDS.get(info.slot or "")
        if words is not None:
            if words.search(text):
                bonus += 0.3 if info.slot in ("date", "duration", "audience") else 0.25
            elif info.slot in ("date", "duration"):
                bonus -= 0.2
        if info.generic and not info.programmes:
            bonus += 0.15 if self.catalog.is_generic(quote.chunk.doc_id) else -0.15
        if info.slot == "region" and any(fold(r) in text for r in self.catalog.regions()):
            bonus += 0.3
        asking = _asking_words(info.text)
        if asking and asking & set(tokenize(quote.text)):
            bonus += _ASKING_BONUS  # « …un module pour les élèves-ingénieurs. Sa durée ? »
        if info.programmes:
            bonus += 0.5 if quote.chunk.doc_id in info.programmes else -0.5
        if info.regions and any(fold(r) in text for r in info.regions):
            bonus += 0.15
        return bonus - 0.0005 * quote.start  # earlier sentences first, all else equal

    def what_it_is(self, info: QuestionInfo) -> str | None:
        """The programme whose presentation the question asks for (« C'est quoi BATTENA ? »,
        « Présente-moi le projet SENS à Strasbourg »), when it asks nothing else: no slot,
        no focus, no count, and no word beyond the programme's own names, places, sectors
        and carrier."""
        doc_ids = info.programmes or ([info.described] if info.described else [])
        if len(doc_ids) != 1 or info.slots or info.focus is not None:
            return None
        if info.wants_list or info.wants_count or info.wants_number or info.superlative:
            return None
        folded = fold(info.text)
        if _WHAT_IS.search(folded) is None:
            return None
        record = self.catalog.by_id.get(doc_ids[0])
        if record is None:
            return None
        own = [
            *self.catalog.name_forms(record.id),
            record.title,
            record.lead or "",
            *record.cities,
            *record.regions,
            *record.sectors,
            _WHAT_IS_FILLER,
        ]
        left = content_tokens(_WHAT_IS.sub(" ", folded), own)
        return record.id if not left else None

    def subject(self, info: QuestionInfo) -> frozenset[str]:
        """The words of what the question is about, beyond the programme it names and the
        slot it asks for: « l'équipe » in « combien de personnes compte l'équipe de X ? »."""
        names = self.catalog.names_of(info.programmes)
        text = info.text
        record = self.catalog.by_id.get(info.described) if info.described else None
        if record is not None:
            # « le projet strasbourgeois de numérique en santé » describes SENS: its town and
            # sector words name it, they are not what is asked about it (its lead may be:
            # « selon Federec »).
            text = with_towns(text)
            names = [*names, *record.cities, *record.sectors]
        # « le volet azuréen »: a part named by an adjective the documents write as a
        # place (« le volet Côte d'Azur »).
        parts = [m.group(1) for m in _PART_ADJECTIVE.finditer(fold(text))]
        text = " ".join([text, *(e for part in parts for e in expansions(part))])
        tokens = content_tokens(without_slot_phrases(text), names)
        return frozenset(_with_digits(tokens)) - figure_tokens()


#: A part of a programme named by an adjective (« le volet azuréen »), folded.
_PART_ADJECTIVE = re.compile(r"\b(?:volet|site|antenne|partie|pole) (\w+)")
#: What a sentence loses when its document does not write the question's date.
_UNDATED_PENALTY = 0.3


def _with_digits(tokens: list[str]) -> list[str]:
    """``tokens`` with the small numbers in words as digits: « aux huit lauréats » is
    written « 8 nouveaux lauréats » in the document."""
    digits = _number_tokens()
    return [digits.get(t, t) for t in tokens]


@lru_cache(maxsize=1)
def _number_tokens() -> dict[str, str]:
    """Search tokens of the small numbers in words, to their digits (« quatorz » -> 14)."""
    return {tokenize(word)[0]: digits for word, digits in NUMBER_WORDS.items()}


#: « C'est quoi X ? », « Qu'est-ce que X ? », « Présente-moi X », « En quoi consiste X ? »,
#: « Tu connais X ? »: what a programme is (folded text).
_WHAT_IS = re.compile(
    r"\b(c'?est quoi|qu'est[- ]ce que( c'est)?|qu'est[- ]ce qu'|quesaco|kesako|"
    r"present(e|ez|er)\b(-| )?(moi|nous)?|parle[rz]?(-| )(moi|nous)|en quoi consiste|"
    r"consiste en quoi|de quoi s'agit-il|il s'agit de quoi|c'est quel (genre de )?(projet|"
    r"programme)|a quoi sert|sert a quoi|que fait|tu connais|vous connaissez|connaissez-vous|"
    r"connais-tu|dis[- ]m'en plus( sur)?|decri(s|vez|re))"
)
#: Words that say nothing more than « this programme » in such a question.
_WHAT_IS_FILLER = (
    "projet programme dispositif formation formations plan France 2030 AMI CMA "
    # « C'est quoi en gros ? », « en bref », « concrètement », « en quelques mots »
    "gros bref résumé concrètement exactement simplement rapidement quelques mots"
)
#: Enough to put the presentation's first sentence first, whatever else scores.
_WHAT_IS_BONUS = 1.0


def _opens(quote: Quote, doc_id: str) -> bool:
    """Whether ``quote`` is the first sentence of ``doc_id``'s first chunk."""
    chunk = quote.chunk
    if chunk.doc_id != doc_id or chunk.meta.chunk_index != 0:
        return False
    first = sentences(chunk)
    return bool(first) and first[0].key == quote.key


def asks_which(question: str) -> bool:
    """Whether ``question`` asks for several things (« quelles filières… ? »): its answer is
    a list, not a general sentence."""
    return bool(_WHICH.search(fold(question)))


#: « Quelles académies… ? »: the plural noun asked for.
_WHICH_NOUN = re.compile(
    r"\bquel(?:le)?s (?:sont les |sont ses |sont leurs )?"
    r"(?:(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+) )?([a-z]{4,}s)\b"
)


#: A name: a capital first (« COMETES », « Biospace »), or after a lowercase prefix (« eOLE »).
_NAME = r"(?:[A-ZÀ-Ý]|[a-z]+[A-Z])[\w'’@-]*(?: [A-ZÀ-Ý][\w'’-]*)?"
_NAMED_LIST = re.compile(rf"{_NAME}(?:, {_NAME})+,? et (?:l'|le |la )?(?:[A-ZÀ-Ý]|[a-z]+[A-Z])")
#: Names enumerated right after a noun (« de Lyon, Grenoble et Clermont-Ferrand »).
_NAMES_AFTER = re.compile(
    r"\s*(?:de |d'|des |du |: )?[A-ZÀ-Ý][\w'’-]*(?: [\w'’-]+)?"
    r"(?:, [A-ZÀ-Ý][\w'’-]*(?: [\w'’-]+)?)*,? et [A-ZÀ-Ý]"
)


def names_which(question: str, sentence: str) -> bool:
    """Whether ``sentence`` names the things « quelles X ? » asks for, in a list right after
    the noun X (« académies de Lyon, Grenoble et Clermont-Ferrand »)."""
    found = _WHICH_NOUN.search(fold(question))
    if found is None:
        return False
    folded = fold(sentence)
    for match in re.finditer(rf"\b{found.group(1)}\b", folded):
        if len(folded) == len(sentence) and _NAMES_AFTER.match(sentence, match.end()):
            return True
    return False


#: « Quels projets… ? », « donne-moi les noms »: named things are asked.
_NAMES_ASK = re.compile(
    r"\b(quel(le)?s (sont (les|ses|leurs) )?(grands )?|c'est quoi (les|ses|leurs) (grands )?)"
    # « Quels sont les quatre projets… ? »: their number may be said.
    r"((deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+) )?(projets|laureats|programmes|dispositifs)\b|\bles noms\b|"
    # « Pourriez-vous me lister les projets… », « la liste des lauréats »
    r"\b(lister|listez|liste|enumerer|enumerez|citer|citez|nommer|nommez)(-moi| moi)? (les|des) "
    r"(projets|laureats|programmes|dispositifs)\b|\bla liste (des|de ces) (projets|laureats|programmes)\b|"
    # « Parmi les lauréats annoncés à VivaTech, lesquels sont à Rennes ? »
    r"\bparmi (les|ces) .{0,80}\blesquel(le)?s\b"
)


def asks_names(question: str) -> bool:
    """Whether ``question`` asks for the names of projects (« quels projets ? »)."""
    return _NAMES_ASK.search(fold(question)) is not None


def names_list(text: str) -> bool:
    """Whether ``text`` names three things or more (« … : COMED, LMA, GENHYO et AMHY »)."""
    return _NAMED_LIST.search(text) is not None


def enumerates(quote: Quote) -> bool:
    """Whether ``quote`` lists things: three items or more, or a lead-in and its list."""
    text = quote.text
    return len(_SEPARATOR.findall(text)) >= 2 or with_list(quote).end > quote.end


def _forms(tokens: dict[str, float], vocabulary: set[str]) -> dict[str, set[str]]:
    """The other forms (:func:`variant`) of each of ``tokens`` among ``vocabulary``."""
    by_start: dict[str, set[str]] = {}
    for word in vocabulary:
        by_start.setdefault(word[:4], set()).add(word)
    return {t: {w for w in by_start.get(t[:4], ()) if w != t and variant(t, w)} for t in tokens}


def _topic_tokens(question: str) -> set[str]:
    """Words of the description a dislocated question opens with, not asked again after it."""
    match = dislocated(question)
    if match is None:
        return set()
    # « …, à part les serious games, il repose sur quel autre outil ? »: what is set
    # aside is no description.
    topic = re.split(r",\s*(?:a part|sauf|hormis|outre|en plus d|autre qu)", match["topic"])[0]
    return set(tokenize(topic)) - set(tokenize(match["rest"]))


@lru_cache(maxsize=256)
def _asking_words(question: str) -> frozenset[str]:
    """The words of the sentence that asks, when sentences of context come before it
    (« Le projet … comprend un module pour les élèves-ingénieurs. Quelle est sa durée ? »:
    « durée »); none for a question of one sentence."""
    asking = questions_in(question)
    if asking == question:
        return frozenset()
    # Filler (« projet », « appeler », « comment ») tells nothing of what is asked.
    return frozenset(content_tokens(asking))
