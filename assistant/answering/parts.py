"""Two-part questions: every part gets its sentence.

« Combien de temps dure FPI AURA et combien coûte-t-il ? », « combien de sites et combien
de partenaires… ? », « … par an et au total ? »: the sentence that best answers the whole
question often answers one part only. Each part (the question cut at « et », « ainsi
que ») is checked against the quoted sentences; a part they do not answer gets the
sentence of the same document that holds its words and a value of the kind it asks for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answering.answerability import content_tokens
from assistant.answering.question import (
    FIGURE_SLOTS,
    SHARE_ASK,
    Slot,
    asks_who,
    slots_of,
    without_slot_phrases,
)
from assistant.answering.quotes import Quote
from assistant.answering.slots import MONEY_RE, NOT_PUBLISHED, SLOT_WORDS
from assistant.answering.who import new_names
from assistant.text.folding import fold
from assistant.text.numbers import COUNT_WORDS, NUMBER_RE
from assistant.text.sentences import split_sentences
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.catalog import Catalog

#: Where a question is cut into parts (« … et combien coûte-t-il ? »).
_JOIN = re.compile(r"(?<!\d)\s(?:et|ainsi que)\s(?!\d)")
#: A part that asks a question of its own (else it shares the previous part's slots).
_ASKS = re.compile(r"\b(combien|quel(le)?s?|qui|quand|ou|comment|pourquoi|lesquel(le)?s)\b")
_COUNT_ASK = re.compile(r"\bcombien d(e |')")
#: A first-person statement (« je suis au chômage », « j'habite à Lille »).
_ABOUT_ME = re.compile(r"^\W*(je|j'|jsuis|chuis|moi)\b")
_TIME_ASK = re.compile(r"\bcombien d(e |')(annees|ans|mois|semaines|jours|heures)\b")
#: Words that ask for an amount of money without naming a slot (« et pour quel montant ? »).
_MONEY_ASK = re.compile(r"\b(montant|somme|combien d'argent|enveloppe|financement|cout)s?\b")
_YEAR = re.compile(r"(19|20)\d\d")
#: Amounts and shares (« 50 M€ », « 2,5 millions d'euros », « 91 % »).
_AMOUNTS = re.compile(
    r"\d[\d  ]*(?:,\d+)?\s?(?:M€|Md€|k€|€|%|(?:millions?|milliards?) d(?:'|e )euros|euros)"
)
#: A share (« 50 % », « la moitié »): what « quelle part… ? » may be answered with.
_SHARE = re.compile(r"\d ?%|\bmoitie\b|\btiers\b|\bquart\b")
#: « Où » (folded away with its accent: « ou » is « or »).
_WHERE = re.compile(r"(?<!d')(?<!d’)\boù\b")
#: A named place: « à Caen », « au salon VivaTech », « sur le campus de Rennes ».
_NAMED_PLACE = re.compile(
    r"\b(?:[àÀ]|[Aa]ux?|[Ee]n|[Dd]ans|[Ss]ur)\s+(?:l[ae] |l'|les )?"
    r"(?:(?:salon|campus|site|siège|lycée|forum|congrès|sommet|ville|parc|centre|palais|maison)\s+"
    r"(?:de |du |des |d')?)?[A-ZÉÈÎ]"
)
#: Verb endings a short stem may take (« port » / « portent »).
_ENDINGS = frozenset({"ent", "ee", "ees", "er", "ez", "ons", "ais", "ait"})
#: Noun endings derived from a verb's stem (« signée » / « signature »).
_DERIVED = frozenset({"atur", "ation", "ement"})
#: The slots that ask a sum of money.
_MONEY_SLOTS = frozenset({"state_aid", "budget"})
#: The slots a name or a phrase answers, not a number.
_WORD_SLOTS = frozenset({"lead", "partners", "audience", "topics", "achievements"})
#: At most this many sentences are added for the parts left unanswered.
MAX_ADDED = 2


@dataclass(frozen=True)
class Part:
    """One part of a question: the slots it asks for and the words of its subject."""

    slots: tuple[Slot, ...]
    #: The words of what it is about (names, filler and the slot's own phrase left out).
    words: frozenset[str]
    #: All its content words, the slot's phrase included (« dure »): they rank sentences.
    terms: frozenset[str]
    #: « … et par qui ? »: a sentence must name someone the question does not (``skip``:
    #: the question and the programme's names).
    who: bool = False
    skip: tuple[str, ...] = ()
    #: « … et où ? »: a named place (« au salon VivaTech ») answers it, not only a region.
    where: bool = False


#: A leading clause naming what the question is about (« pour X, », « concernant X, »,
#: « J'ai lu un article sur X : »).
_CONTEXT_CLAUSE = re.compile(
    r"^\s*(?:(pour|concernant|à propos de|au sujet de|s'agissant de|quant à)\b[^,?]{3,120},"
    r"|[^:?]{3,200}:)\s*(?=(quel|quelle|quels|quelles|combien|qui|quand|où|comment|est-ce)\b)"
)


def _without_context(question: str) -> str:
    """``question`` from its first sentence that asks: « Une famille s'intéresse au nouveau
    cursus … de Tours. Combien d'étudiants …, et quand … ? » opens on context whose words
    are no part's; « Donnez-moi le budget de SENS. Et combien … ? » opens on a part."""
    spans = split_sentences(question)
    for start, end in spans[:-1]:
        sentence = question[start:end]
        if sentence.rstrip().endswith("?") or slots_of(sentence):
            return question[start:]
    return question[spans[-1][0] :] if spans else question


def parts_of(question: str, names: Sequence[str]) -> list[Part]:
    """The parts of ``question`` that ask something (a slot or words of their own);
    a single-part question gives one part or none."""
    parts: list[Part] = []
    text = unicodedata.normalize("NFC", _without_context(question)).lower()
    pieces = _JOIN.split(text)
    if len(pieces) > 1:
        # « Pour l'école que la Région veut créer à Montbéliard, quelle aide… ? », « Pour
        # le projet du Nord et du Pas-de-Calais, combien… ? »: the clause before the comma
        # says which programme, it asks nothing (its « et » cuts no question).
        pieces = _JOIN.split(_CONTEXT_CLAUSE.sub("", text))
    for i, raw in enumerate(pieces):
        piece = fold(raw)
        if i < len(pieces) - 1 and _ABOUT_ME.search(piece) and not _ASKS.search(piece):
            # « Je suis au chômage vers Poitiers et … combien ? »: the asker's situation
            # is context, not a part to answer.
            continue
        slots = tuple(slots_of(piece))
        where = bool(_WHERE.search(raw))
        if where and "region" not in slots:  # « quand et où… ? »: a place
            slots = (*slots, "region")
        if not slots and _MONEY_ASK.search(piece):
            slots = ("budget",)
        elif not slots and _TIME_ASK.search(piece):  # « sur combien d'années ? »
            slots = ("duration",)
        elif not slots and _COUNT_ASK.search(piece):  # « combien de sites… ? »: a count
            slots = ("people",)
        elif not slots and parts and not _ASKS.search(piece):
            slots = parts[-1].slots  # « … par an et au total ? »: the same figure, twice
        words = frozenset(content_tokens(without_slot_phrases(piece), list(names)))
        if slots:  # « le budget total »: a figure's words; « … et au total ? »: a part
            words -= figure_tokens() | _part_filler()
        who = asks_who(piece)
        if slots or words or who:
            terms = frozenset(content_tokens(piece, list(names))) | words
            if who and not words and parts:  # « signée… et par qui ? »: the same subject
                terms |= parts[-1].terms
            parts.append(Part(slots, words, terms, who, (question, *names), where))
    return parts


def fits(
    slots: Sequence[Slot],
    text: str,
    regions: Sequence[str] = (),
    *,
    named_place: bool = False,
    counts_only: bool = False,
) -> bool:
    """Whether ``text`` holds a value of the kind one of ``slots`` wants (an amount in
    euros, a count that is not a year, a date, a duration, a place, a name…); a region
    slot takes any named place (« à Caen ») only when ``named_place`` (an « où » part).
    ``counts_only``: a people slot wants a count, not the day of a date (« le 26 mars »)
    nor a digit inside a name (« Quant4CVL », « 3D »)."""
    folded = fold(text)
    counts = [n for n in NUMBER_RE.findall(text) if not _YEAR.fullmatch(n)]
    counts += COUNT_WORDS.findall(folded)
    for slot in slots:
        if slot in ("state_aid", "budget"):
            ok = bool(counts and MONEY_RE.search(text))
        elif slot == "people":
            # « 50 M€ », « 91 % » count no one.
            rest = _AMOUNTS.sub(" ", text)
            if counts_only:  # nor « le 26 mars », « Quant4CVL »
                ok = has_quantity(_MIXED.sub(" ", fold(rest)))
            else:
                ok = bool(
                    [n for n in NUMBER_RE.findall(rest) if not _YEAR.fullmatch(n)]
                    or COUNT_WORDS.findall(folded)
                )
        elif slot == "region":
            ok = any(fold(r) in folded for r in regions) or (
                named_place and bool(_NAMED_PLACE.search(text))
            )
        else:
            ok = bool(SLOT_WORDS[slot].search(folded))
        if ok:
            return True
    return False


def has_number(text: str) -> bool:
    """Whether ``text`` holds a number, in digits or in words (« une dizaine »)."""
    return bool(NUMBER_RE.search(text) or COUNT_WORDS.search(fold(text)))


#: A word of letters and digits (« Quant4CVL », « 1re »): no count.
_MIXED = re.compile(r"\b(?=\w*\d)(?=\w*[a-z])\w+\b")
#: A day of a month (« 3 avril », « 1er juin »): a date, not a quantity.
_DAY_OF_MONTH = re.compile(
    r"\b\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre)\b"
)


def has_quantity(text: str) -> bool:
    """Whether ``text`` holds a quantity: a number that is neither a year nor the day of
    a date (« le 3 avril 2023 » answers no « combien ? »), or a count in words."""
    folded = fold(text)
    rest = _DAY_OF_MONTH.sub(" ", folded)
    return bool(
        [n for n in NUMBER_RE.findall(rest) if not _YEAR.fullmatch(n)] or COUNT_WORDS.search(folded)
    )


def gives_share(question: str, text: str) -> bool:
    """Whether ``question`` asks for a share (« quelle part… ? ») and ``text`` gives one
    (« près de 50 % »): then an amount left unpublished beside it is no refusal."""
    return bool(SHARE_ASK.search(fold(question)) and _SHARE.search(fold(text)))


def holds_share(text: str) -> bool:
    """Whether ``text`` gives a share (« 91 % », « la moitié »)."""
    return bool(_SHARE.search(fold(text)))


def holds_any(tokens: frozenset[str], text: str, *, derived: bool = False) -> bool:
    """Whether ``text`` holds one of ``tokens`` (or a form of it: « reçus », « reçu »;
    with ``derived``, « signature » for « signée »)."""
    words = set(tokenize(text))
    return any(variant(t, w, derived=derived) for t in tokens for w in words)


def subject_weight(tokens: frozenset[str], text: str, idf: Callable[[str], float]) -> float:
    """The IDF weight of the ``tokens`` that ``text`` holds (in any of their forms)."""
    words = set(tokenize(text))
    return sum(idf(t) for t in tokens if any(variant(t, w) for w in words))


def variant(a: str, b: str, *, derived: bool = False) -> bool:
    """Whether two stems are forms of one word: equal, or one extends the other by a
    short inflection (« propos » / « propose », « recu » / « recus », « couvr » /
    « couvrent », « port » / « portent »), or a plural in -x (« jeu » / « jeux »); other
    stems shorter than 4 letters only match themselves. ``derived``: a noun made from the
    verb counts too (« signée » / « signature »), to tell whether a part is answered only
    (ranking with it weighed « formés » as « formation »)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long == short + "x" and short.endswith(("eu", "au")):
        return True
    root = short[:-1] if short.endswith("e") else short
    if derived and len(root) >= 4 and long.startswith(root) and long[len(root) :] in _DERIVED:
        return True
    return (
        len(short) >= 4
        and long.startswith(short)
        and (len(short) >= 5 or len(long) - len(short) <= 1 or long[len(short) :] in _ENDINGS)
    )


def answered(
    part: Part, quotes: Sequence[Quote], regions: Sequence[str], *, which_money: bool = False
) -> bool:
    """Whether ``quotes`` answer ``part``: one holds its words (« dans le secondaire » is
    not answered by the total; one word of three may be missing: « compte » for « réunit »)
    and a value of the kind it asks for (if it asks for a slot). ``which_money``: the parts
    ask different sums (« combien coûte… et combien d'aide… ? »), so an amount answers a
    part only beside the words of its kind (« coûte », « aide »)."""
    need = len(part.words) - len(part.words) // 3
    money = [s for s in part.slots if s in _MONEY_SLOTS] if which_money else []
    return any(
        sum(holds_any(frozenset([t]), q.text, derived=True) for t in part.words) >= need
        and (
            not part.slots
            or fits(part.slots, q.text, regions, named_place=part.where, counts_only=True)
        )
        and (not money or any(SLOT_WORDS[s].search(fold(q.text)) for s in money))
        and (not part.who or bool(new_names(q.text, part.skip[0], [*part.skip[1:], *regions])))
        for q in quotes
    )


def other_parts(
    info: QuestionInfo,
    quotes: Sequence[Quote],
    candidates: Sequence[Quote],
    catalog: Catalog,
    idf: Callable[[str], float],
) -> list[Quote]:
    """:func:`missing_parts` of an analysed question about the programmes it names."""
    return missing_parts(
        info.text,
        quotes,
        candidates,
        # A programme's town says which programme, not what a part asks (« …de Saintes »).
        names=[
            *catalog.names_of(info.programmes),
            *(c for p in info.programmes if (r := catalog.by_id.get(p)) for c in r.cities),
        ],
        regions=catalog.regions(),
        idf=idf,
        wants_number=info.wants_number,
    )


def missing_parts(
    question: str,
    quotes: Sequence[Quote],
    candidates: Sequence[Quote],
    *,
    names: Sequence[str],
    regions: Sequence[str],
    idf: Callable[[str], float],
    wants_number: bool = False,
) -> list[Quote]:
    """Sentences of ``candidates`` (best first) for the parts of ``question`` that
    ``quotes`` leave unanswered; none for a one-part question."""
    parts = parts_of(question, names)
    if len(parts) < 2:
        return []
    sums = {frozenset(s for s in p.slots if s in _MONEY_SLOTS) for p in parts} - {frozenset()}
    which_money = len(sums) > 1
    whole = frozenset().union(*(p.terms for p in parts))
    chosen = list(quotes)
    added: list[Quote] = []
    for part in parts:
        if len(added) >= MAX_ADDED or answered(part, chosen, regions, which_money=which_money):
            continue
        best: tuple[float, Quote] | None = None
        # « … et pour quel montant ? » has no subject of its own: the question's is its.
        terms = part.terms if part.words else whole
        for quote in candidates:
            if quote in chosen or NOT_PUBLISHED.search(fold(quote.text)):
                continue
            if not answered(part, [quote], regions, which_money=which_money):
                continue
            if (
                (wants_number and not part.who and not _asks_words(part)) or _asks_figure(part)
            ) and not NUMBER_RE.search(quote.text):
                continue
            words = set(tokenize(quote.text))
            weight = sum(idf(t) for t in terms if any(variant(t, w) for w in words))
            if best is None or weight > best[0]:
                best = (weight, quote)
        if best is not None:
            chosen.append(best[1])
            added.append(best[1])
    return added


@lru_cache(maxsize=1)
def figure_tokens() -> frozenset[str]:
    """Words of a figure question that say which figure, not what it is about."""
    words = (
        "budget montant aide etat subvention financement financer finance cout couter total "
        "somme argent enveloppe dotation personnes former formees nombre objectif millions "
        "euros recu accorde apporte verse combien public part proportion pourcentage hauteur"
    )
    return frozenset(tokenize(words))


@lru_cache(maxsize=1)
def _part_filler() -> frozenset[str]:
    """Words of a figure's part that qualify the figure (« prévu », « au plus », « chaque
    année »), not what the part is about."""
    return frozenset(tokenize("prevu estime chaque annee an par plus maximum"))


def _asks_figure(part: Part) -> bool:
    return any(slot in FIGURE_SLOTS for slot in part.slots)


def _asks_words(part: Part) -> bool:
    """Whether ``part`` asks only what words give (« qui le porte », « avec quels
    partenaires »): no number is wanted of it though another part asks one."""
    return bool(part.slots) and all(slot in _WORD_SLOTS for slot in part.slots)
