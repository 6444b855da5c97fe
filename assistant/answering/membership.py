"""« Airbus fait-il partie des partenaires d'OSMOSE ? »: is someone named part of a programme?

The question names an organisation; the answer is yes only if the programme's document
names it. A sentence on the programme's 21 partners, cited, would let an advisor repeat
"yes": when the document never names the organisation, the answer says so instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.text.folding import fold

#: A question asking whether someone takes part (« fait-il partie des partenaires »,
#: « est-il partenaire », « participe-t-il à », « est-il associé / impliqué »).
_MEMBER_ASK = re.compile(
    r"\b(fait|font)(-(il|elle|ils|elles))? partie\b|"
    r"\b(est|sont)(-(il|elle|ils|elles))? (bien |aussi |egalement )?(un |une |des )?"
    r"(partenaires?|membres?|associes?|impliques?|engages?)\b|"
    r"\bparticipe(nt)?(-t-(il|elle)|-(ils|elles))? (a|au|aux)\b|"
    r"\b(figure|figurent)(-t-(il|elle)|-(ils|elles))? (parmi|dans)\b"
)
#: « Combien de partenaires participent… ? », « Quels acteurs font partie… ? » ask a
#: count or names, not a yes or no.
_ASKS_OTHER = re.compile(r"\b(combien|quel(le)?s?|lesquel(le)?s|qui)\b")
#: A capitalised name (« Airbus », « Naval Group », « CMN »), not opening the question.
_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*")
#: Capitalised words that name no organisation asked about.
_NOT_ORGANISATIONS = frozenset(
    {"est-ce", "est", "france", "etat", "l'etat", "region", "la", "le", "les", "et", "ami", "cma"}
)


#: Capitalised words opening a question without naming anyone.
_OPENERS = frozenset(
    {"est-ce", "est", "quel", "quelle", "quels", "quelles", "qui", "le", "la", "les", "dans",
     "pour", "chez", "parmi", "a", "au", "aux", "du", "des", "un", "une", "mon", "ma", "je",
     "j'ai", "on", "il", "elle", "et", "sait-on", "savez-vous", "pouvez-vous", "peux-tu",
     "dites-moi", "bonjour", "svp", "merci", "c'est", "ce", "cette", "selon", "d'apres",
     "combien", "comment", "quand", "ou", "pourquoi", "que", "quoi", "en", "sur", "avec"}
)  # fmt: skip
#: The subject of a yes-or-no membership question typed in lower case (folded).
_LOWER_SUBJECT = re.compile(
    r"\best[- ]ce (?:que? |qu')(?:l'|le |la |les )?(?P<who>[a-z0-9&-]{2,}(?: [a-z0-9&-]{2,})?)"
    r" (?=(?:fait|font|est|sont|participe|participent|figure|figurent)\b)"
)
#: An article before a name (« L'Onera », « Le CEA »).
_ARTICLE = re.compile(r"^(l['’]|le |la |les )", re.IGNORECASE)


#: « REMED fait-il partie de l'AMI CMA ? », « est-il lauréat de l'AMI ? », « relève-t-il de
#: France 2030 ? »: whether a programme belongs to the call or the plan (« est-il financé
#: par France 2030 ? » often asks how much: not read as such).
_UMBRELLA_MEMBER = re.compile(
    r"\b(?:(?:fait|font)(?:-(?:il|elle|ils|elles))? (?:bien )?partie|"
    r"(?:est|sont)(?:-(?:il|elle|ils|elles))? (?:bien )?(?:un |une )?laureat(?:e|s|es)?|"
    r"(?:releve|relevent)(?:-t-(?:il|elle)|-(?:ils|elles))?) "
    r"(?:de |du |des |d')?(?:l'|la |le )?(?P<what>ami\b|appel\b|cma\b|france 2030\b)"
)
#: How a fiche names the call or the plan (folded).
_UMBRELLA_NAMES = {
    "plan": ("france 2030",),
    "call": ("competences et metiers d'avenir", "ami cma"),
}


def umbrella_asked(question: str) -> tuple[str, ...]:
    """The names (folded) of the call or plan ``question`` asks a programme to belong to,
    none when it asks no such thing."""
    folded = fold(question)
    found = _UMBRELLA_MEMBER.search(folded)
    if found is None or _ASKS_OTHER.search(folded):
        # « Combien de projets font partie de l'AMI ? », « quels lauréats… ? »
        return ()
    return _UMBRELLA_NAMES["plan" if found.group("what") == "france 2030" else "call"]


def member_asked(question: str, known: Iterable[str]) -> str | None:
    """The organisation a « does X take part? » question names, if it names one the
    ``known`` names (programmes, places) do not cover."""
    folded_question = fold(question)
    if not _MEMBER_ASK.search(folded_question) or _ASKS_OTHER.search(folded_question):
        return None
    skip = {fold(k) for k in known}
    if question == question.lower():
        # Typed without capitals (« est ce qu'airbus fait partie du consortium cometes ? »):
        # the subject of « est-ce que X fait partie / est partenaire ».
        found = _LOWER_SUBJECT.search(folded_question)
        if found and not any(found.group("who") in k or k in found.group("who") for k in skip):
            return found.group("who")
        return None
    # « Est-ce qu'Arkema… », « la participation d'Airbus »: the name after the elision.
    question = re.sub(r"(?<![\w-])(qu|d|l|s|j|n|jusqu)['’](?=[A-Z])", r"\1' ", question)
    for match in _NAME.finditer(question):
        name = match.group().strip()
        folded = fold(name)
        if match.start() == 0 and fold(name.split()[0]) in _OPENERS:
            # « Le CEA est-il… ? » names the CEA; « Est-ce que… », « Dans… » name no one.
            name = " ".join(name.split()[1:])
            folded = fold(name)
        name = _ARTICLE.sub("", name)
        folded = fold(name)
        if (
            not name
            or folded in _NOT_ORGANISATIONS
            or any(folded in k or k in folded for k in skip)
        ):
            continue
        return name
    return None


def names_member(name: str, text: str) -> bool:
    """Whether ``text`` names the organisation ``name``."""
    return re.search(rf"(?<![\w-]){re.escape(fold(name))}(?![\w-])", fold(text)) is not None


def member_label(name: str) -> str:
    """« la participation de « Airbus » » (quoted: « du CEA » and « d'Airbus » need an
    article the question may not have given)."""
    return f"la participation de « {name} »"
