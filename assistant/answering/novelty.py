"""Whether a sentence gives what the question asks for, beyond what the question says.

« Combien PEGASE touche-t-il de l'État ? » is not answered by « PEGASE est porté par
l'Université de Toulouse » (no number), nor « Quels sont les noms des 11 partenaires ? » by
« I-NovMicro réunit 11 partenaires » (nothing the question did not already say). An
advisor repeats what the assistant says: such a sentence, cited, reads as an answer to a
different question, worse than « la fiche ne le précise pas ».
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answering.who import new_names as who_names
from assistant.text.counts import counted_noun
from assistant.text.folding import fold
from assistant.text.numbers import COUNT_WORDS, numbers_in, without_amounts

#: An explicit request for a number (a count, an amount, an area, a share).
_NUMBER_ASK = re.compile(
    r"\bcombien\b(?! de temps)|\bquel(le)? (est le |est la |etait le |etait la )?"
    r"(montant|nombre|somme|surface|superficie|effectif|pourcentage|taux|volume horaire)\b"
)
#: An explicit request for a name (« comment s'appelle… », « quel éditeur… »).
_NAME_ASK = re.compile(
    r"comment s'appell|s'appell\w* comment|\bquel nom\b|\bsous quel nom\b|\bles noms\b|\bquel est (le|son) nom\b|"
    r"\bquel(le)?s? (editeurs?|marques?|entreprises?|societes?|industriels?|recteurs?|"
    r"ministres?|fournisseurs?|constructeurs?|lycees?|villes?|communes?)\b|"
    r"\bquelle est la (\w+ )?region\b"
)
#: Capitalised words that name nothing a question could ask for (beyond those of
#: :func:`assistant.answering.who.new_names`).
_GENERIC = ("État", "Région", "Régions", "Ministère", "Université", "École", "Campus", "Lycée")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][\w'’@.-]*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)$")
#: Numbers written in words beyond :data:`~assistant.text.numbers.COUNT_WORDS` (« trois
#: sites », « une quinzaine »).
_SPELLED = re.compile(
    r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
    r"quarante|cinquante|soixante|cent|mille|douzaines?|quinzaines?|milliards?)\b"
)
#: « Combien X touche-t-il / a-t-il reçu ? »: an amount (or a share of one) is asked.
_MONEY_ASK = re.compile(r"combien .{0,80}\b(touche|recu|recoit|obtenu|obtient|percu|percoit)")
#: The number of a university's name (« Lyon 1 », « Paris 8 ») counts nothing.
_NUMBERED_NAME = re.compile(
    r"\b(?:Paris|Lyon|Lille|Toulouse|Bordeaux|Montpellier|Rennes|Grenoble|Strasbourg|Nancy|"
    r"Aix-Marseille|Clermont|Nantes|Rouen|Poitiers|Caen|Dijon|Nice|Metz) (?:1[0-3]|[1-9]|I{1,3}|IV|V|VI{1,3})\b(?![,.]\d)"
)
_PERCENT = re.compile(r"\d[\d  ]*(?:,\d+)?\s?%")
_AMOUNT = re.compile(r"€|\beuros?\b|%")
#: A year (« 2024 »), which dates and counts nothing.
_YEAR = re.compile(r"(19|20)\d\d")
#: « À quel rang… ? », « le combientième… ? »: a rank is asked, an ordinal answers.
_RANK_ASK = re.compile(
    r"\b(a )?quel rang\b|\bcombientieme\b|\ba quelle (place|position)\b(?! se trouve)"
)
_ORDINAL = re.compile(
    r"\b(premier|premiere|\d+(e|er|re|ere|eme|nde?)|deuxieme|second|seconde|troisieme|"
    r"quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme|dixieme|dernier|derniere)\b|"
    r"\ben tete\b"
)
_AREA_ASK = re.compile(r"\b(surface|superficie)\b")
_AREA = re.compile(r"\d\s?(m²|m2|km²|hectares?|ha)\b|\d\s?(m²|km²)")
_HOURS_ASK = re.compile(r"\bvolume horaire\b|\b(combien|nombre) d'heures\b")
_HOURS = re.compile(r"\d\s?(heures|h)\b")
_INNER_CAPITAL = re.compile(r".[A-ZÀ-Ý]")


def asks_unit(question: str) -> bool:
    """Whether ``question`` asks for a value in a unit of its own: an area (« quelle
    surface… ? », in m² or hectares) or a number of hours (« quel volume horaire ? »),
    which a sentence gives whatever words it shares with the question."""
    folded = fold(question)
    return bool(_AREA_ASK.search(folded) or _HOURS_ASK.search(folded))


def asks_number(question: str) -> bool:
    """Whether ``question`` explicitly asks for a number (not « combien de temps »)."""
    return bool(_NUMBER_ASK.search(fold(question)))


def asks_name(question: str) -> bool:
    """Whether ``question`` explicitly asks for a name (a company, a town, a person…)."""
    return bool(_NAME_ASK.search(fold(question)))


def new_numbers(question: str, text: str) -> set[str]:
    """The numbers of ``text`` that ``question`` does not hold: in digits (« France 2030 »,
    « 3IA », « 5G » count nothing) or in words (« une centaine »)."""
    text = _NUMBERED_NAME.sub(" ", re.sub(r"France\s+2030", " ", text))
    return _numbers(text) - _numbers(question)


def new_names(question: str, text: str, known: Iterable[str] = ()) -> set[str]:
    """The names of ``text`` (:func:`assistant.answering.who.new_names`) that ``question``
    does not hold, leaving out the ``known`` words (programme names), a plain word opening
    a sentence (« Il… », « Début 2024 : ») and initials in brackets (« (EIA) »)."""
    kept = []
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()]
        opener = _SENTENCE_START.search(before) and not _INNER_CAPITAL.search(match.group())
        if not opener and not _abbreviates(match.group(), before):
            kept.append(match.group())
    return set(who_names(" ".join(kept), question, [*known, *_GENERIC]))


def gives_asked(
    question: str, text: str, known: Iterable[str] = (), *, money: bool = False
) -> bool:
    """Whether ``text`` gives the kind of value ``question`` explicitly asks for (a rank, a
    number, an amount when ``money`` or « combien… touche », an area, a name) beyond what
    the question itself says; True when it asks for none."""
    folded = fold(question)
    if _RANK_ASK.search(folded):
        return bool(_ORDINAL.search(fold(text)))
    if _HOURS_ASK.search(folded):
        return bool(_HOURS.search(text))  # « quel est son volume horaire ? »: in hours
    if asks_number(question):
        if not new_numbers(question, text):
            return False
        if (money or _asks_amount(folded)) and not _AMOUNT.search(text):
            return False
        counted = counted_noun(folded)
        if (
            counted
            and counted not in fold(text)
            and not new_numbers(question, _PERCENT.sub(" ", text))
        ):
            # « Combien d'entreprises interrogées ? »: « 91 % des formations » counts
            # nothing asked; « accroître de 30 % le nombre de places » is about places.
            return False
        if counted and not money and not new_numbers(question, without_amounts(text)):
            # « Combien de places en apprentissage ? »: « 2,5 M€ » counts no places.
            return False
        if counted and all(_YEAR.fullmatch(n) for n in new_numbers(question, text)):
            # « Combien d'élèves compte la première promotion ? »: « en septembre 2024 »
            # dates it, counts no one.
            return False
        if _AREA_ASK.search(folded) and not _AREA.search(text):
            return False

    return not (asks_name(question) and not new_names(question, text, known))


def asked_label(question: str, *, money: bool = False) -> str:
    """What :func:`gives_asked` found missing, for « La fiche X ne précise pas … »."""
    folded = fold(question)
    if _RANK_ASK.search(folded):
        return "le rang demandé"
    if re.search(r"\bquelles (villes|communes)\b", folded):
        return "les villes demandées"
    if re.search(r"\bquelle (ville|commune)\b", folded):
        return "la ville demandée"
    if asks_number(question):
        if _AREA_ASK.search(folded):
            return "la surface demandée"
        if money or _asks_amount(folded):
            return "le montant demandé"
        written = _COUNTED_WRITTEN.search(question)
        if written and counted_noun(folded):
            # « combien d'apprentis ? »: « le nombre d'apprentis », as the question writes it
            # (« places en apprentissage » too).
            noun = written.group(1).lower()
            return f"le nombre d'{noun}" if noun[0] in _VOWELS else f"le nombre de {noun}"
        return "le nombre demandé"
    return (
        "les noms demandés"
        if re.search(r"\bquel(le)?s\b|\bnoms\b|s'appellent", folded)
        else "le nom demandé"
    )


#: « combien d'apprentis », « combien de places »: the noun counted, as written.
_COUNTED_WRITTEN = re.compile(
    r"(?i)\bcombien\s+d(?:e\s+|['’]\s*|\s+)([^\W\d_]{3,}(?:\s+en\s+[^\W\d_]{4,})?)"
)
_VOWELS = frozenset("aeiouyhéèêëàâîïôûù")


def _asks_amount(folded: str) -> bool:
    """« Combien X a-t-il reçu ? » asks an amount; « combien de lettres ont été reçues ? »
    a count."""
    return bool(_MONEY_ASK.search(folded)) and counted_noun(folded) is None


def _abbreviates(word: str, before: str) -> bool:
    """Whether ``word`` is written in brackets as the initials of the words before it."""
    if not (word.isupper() and before.endswith("(")):
        return False
    initials = "".join(w[0] for w in re.findall(r"\w+", fold(before))[-8:])
    letters = iter(initials)
    return all(c in letters for c in fold(word))


def _numbers(text: str) -> set[str]:
    folded = fold(text)
    words = {m.group() for m in (*COUNT_WORDS.finditer(folded), *_SPELLED.finditer(folded))}
    return set(numbers_in(text)) | words
