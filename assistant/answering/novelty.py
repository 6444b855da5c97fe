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

from assistant.text.folding import fold
from assistant.text.numbers import NUMBER_RE

#: An explicit request for a number (a count, an amount, an area, a share).
_NUMBER_ASK = re.compile(
    r"\bcombien\b(?! de temps)|\bquel(le)? (est le |est la |etait le |etait la )?"
    r"(montant|nombre|somme|surface|superficie|effectif|pourcentage|taux)\b"
)
#: An explicit request for a name (« comment s'appelle… », « quel éditeur… »).
_NAME_ASK = re.compile(
    r"comment s'appell|\bsous quel nom\b|\bles noms\b|\bquel est (le|son) nom\b|"
    r"\bquel(le)?s? (editeurs?|marques?|entreprises?|societes?|industriels?|recteurs?|"
    r"ministres?|fournisseurs?|constructeurs?|lycees?|villes?|communes?)\b"
)
#: Capitalised words that name nothing a question could ask for.
_NOT_NAMES = frozenset(
    [
        "france",
        "etat",
        "l'etat",
        "ami",
        "cma",
        "competences",
        "metiers",
        "avenir",
        "region",
        "regions",
        "ministere",
        "universite",
        "ecole",
        "campus",
        "lycee",
        "le",
        "la",
        "les",
        "l'",
        "il",
        "elle",
        "ils",
        "elles",
        "ce",
        "cette",
        "ces",
        "un",
        "une",
        "des",
        "depuis",
        "pour",
        "dans",
        "en",
        "au",
        "aux",
        "sur",
        "avec",
        "debut",
        "fin",
        "selon",
        "sources",
        "source",
        "d'apres",
    ]
)
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][\w'’@.-]*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)$")
#: Numbers written in words (« une dizaine », « un millier », « trois sites »).
_NUMBER_WORDS = re.compile(
    r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
    r"quarante|cinquante|soixante|cent|mille|dizaines?|douzaines?|quinzaines?|vingtaines?|"
    r"trentaines?|quarantaines?|cinquantaines?|centaines?|milliers?|millions?|milliards?)\b"
)
_INNER_CAPITAL = re.compile(r".[A-ZÀ-Ý]")


def asks_number(question: str) -> bool:
    """Whether ``question`` explicitly asks for a number (not « combien de temps »)."""
    return bool(_NUMBER_ASK.search(fold(question)))


def asks_name(question: str) -> bool:
    """Whether ``question`` explicitly asks for a name (a company, a town, a person…)."""
    return bool(_NAME_ASK.search(fold(question)))


def new_numbers(question: str, text: str) -> set[str]:
    """The numbers of ``text`` that ``question`` does not hold (« France 2030 » aside)."""
    asked = {_number(n) for n in NUMBER_RE.findall(question)}
    asked |= set(_NUMBER_WORDS.findall(fold(question)))
    text = re.sub(r"France\s+2030", " ", text)
    found = {_number(n) for n in NUMBER_RE.findall(text)}
    return (found | set(_NUMBER_WORDS.findall(fold(text)))) - asked


def new_names(question: str, text: str, known: Iterable[str] = ()) -> set[str]:
    """The capitalised words of ``text`` (not opening a sentence) that are neither in
    ``question`` nor among the ``known`` words (programme names)."""
    folded = fold(question)
    asked = set(re.findall(r"[\w'’@.-]+", folded)) | set(re.findall(r"[\w@.-]+", folded))
    ignored = asked | _NOT_NAMES | {fold(k) for k in known}
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()]
        if _SENTENCE_START.search(before) and not _INNER_CAPITAL.search(match.group()):
            continue  # « Il… », « Début 2024 : » (but « Nid'AI.e (Gifod) : » names)
        if _abbreviates(match.group(), before):
            continue  # « environnements immersifs d'apprentissage (EIA) »
        word = fold(match.group()).rstrip(".")
        bare = re.sub(r"^(d|l|qu|j|n|s)['’]", "", word)  # « d'I-NovMicro »
        if word not in ignored and bare not in ignored and len(word) > 1:
            found.add(word)
    return found


def gives_asked(question: str, text: str, known: Iterable[str] = ()) -> bool:
    """Whether ``text`` gives the kind of value ``question`` explicitly asks for (a number,
    a name) beyond what the question itself says; True when it asks for neither."""
    if asks_number(question) and not new_numbers(question, text):
        return False
    return not (asks_name(question) and not new_names(question, text, known))


def _abbreviates(word: str, before: str) -> bool:
    """Whether ``word`` is written in brackets as the initials of the words before it."""
    if not (word.isupper() and before.endswith("(")):
        return False
    initials = "".join(w[0] for w in re.findall(r"\w+", fold(before))[-8:])
    letters = iter(initials)
    return all(c in letters for c in fold(word))


def _number(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", text).replace(".", ",")
