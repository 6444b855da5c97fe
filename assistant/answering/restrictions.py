"""Whether the figure chosen meets the restrictions the question puts on it.

A figure question may ask for one part alone (« à Douai », « pour la seule année 2024 »:
:mod:`assistant.answering.scope`), for one recipient's own share (« à lui seul »), or for
what has been done rather than planned (« déjà formées »). A sentence giving the
programme's whole figure, a figure shared with others, or a target does not answer it:
the refusal says which figure is missing and quotes what the document does say.
"""

from __future__ import annotations

import re

from assistant.answering.novelty import asked_label
from assistant.answering.question import QuestionInfo
from assistant.answering.scope import (
    asks_alone,
    carrier_named,
    course_part,
    goes_to,
    shares_figure,
    written,
)
from assistant.answering.slots import target_for_result
from assistant.catalog.places import in_region
from assistant.text.folding import fold

#: An enumeration (« du Havre, de Rouen et de Caen »).
_ENUMERATION = re.compile(
    r"[\w'’@.-]+(?:\s*,\s*(?:[\w'’@.-]+\s){0,3}[\w'’@.-]+)+\s+et\s+[\w'’@.-]+(?:\s[\w'’@.-]+){0,2}"
)


def unmet_restriction(
    info: QuestionInfo, text: str, *, money: bool = False, about: str = ""
) -> str | None:
    """What ``text`` (the sentence chosen) misses of what ``info`` restricts its figure to,
    as it reads after « ne précise pas », or None when it meets it. ``about`` is what the
    sentence's document is about (its title and section), where the thing whose cost is
    asked may be named instead (« Passeport » for « 86 euros pour un adulte »)."""
    if not info.wants_number:
        return None
    if (
        not info.only
        and len(info.programmes) == 1
        and asks_alone(info.text)
        and shares_figure(text)
    ):
        return asked_label(info.text, money=money)  # « à lui seul »: not a shared figure
    if info.only and not _alone(text, info.only):
        if info.only.isdigit():
            return "le chiffre de la seule année demandée"
        region = [r for r in info.regions if fold(r) == info.only]
        if region:
            return f"le chiffre {in_region(region[0])}"  # « le chiffre en Bretagne »
        if info.only.startswith("premiere "):
            noun = _FIRST_NOUNS.get(info.only.split()[1], info.only.split()[1])
            return f"le chiffre de la première {noun}"
        if (course := course_part(info.text)) and course[1] == info.only:
            article, noun = course
            written_noun = _COURSE_NOUNS.get(noun, noun)
            where = {"la": "à la ", "l'": "à l'"}.get(article, "au ")
            return f"le chiffre propre {where}{written_noun}"
        if goes_to(info.text) == info.only:
            return f"la part revenant à « {written(info.text, info.only)} »"
        if carrier_named(fold(info.text)) == info.only:
            return f"le chiffre du membre porté par « {written(info.text, info.only)} »"
        return f"le chiffre propre à {written(info.text, info.only)}"
    if target_for_result(info.text, text):
        return "le chiffre atteint à ce jour"
    thing = cost_of_thing(info.text)
    if thing and thing[:5] not in fold(f"{about} {text}"):
        # « Combien coûte une borne de réalité virtuelle achetée par le CMQ ? » is not
        # answered by the CMQ's budget.
        return "le coût demandé"
    if (each := _EACH.search(fold(info.text))) and not _EACH_SAID.search(fold(text)):
        # « Quel montant chaque lauréat a-t-il reçu ? » is not answered by the call's budget.
        return f"le chiffre par {written(info.text, each.group(1))}"
    return None


def cost_of_thing(question: str) -> str | None:
    """The thing (folded noun) whose cost ``question`` asks, when it is not the programme
    (« combien coûte une borne de réalité virtuelle ? »: borne)."""
    cost = _COST_OF.search(fold(question))
    if cost is None or cost.group(1) in _PROGRAMME_NOUNS:
        return None
    return cost.group(1)


#: « combien coûte une borne… ? »: the cost of a thing (its noun).
_COST_OF = re.compile(
    r"\bcombien (?:coute|coutent|a coute|ont coute|coutera|couteront) "
    r"(?:un |une |le |la |les |l'|ses |son |sa |leur |leurs |ce |cet |cette |ces )(\w+)"
)
#: Nouns naming the programme itself (its cost is its budget).
_PROGRAMME_NOUNS = frozenset(
    {"projet", "programme", "dispositif", "campus", "ecole", "diagnostic", "plan", "cmq", "pole"}
)
#: « chaque lauréat », « par projet », « pour chacun »: a figure per unit is asked.
_EACH = re.compile(
    r"\b(?:chaque|par) (laureat|projet|dispositif|diagnostic|campus|ecole|etablissement|"
    r"participant|stagiaire|apprenant|eleve|etudiant|beneficiaire)\b"
)
#: A sentence giving a figure per unit (« 1,5 M€ par projet », « chacun », « en moyenne »).
_EACH_SAID = re.compile(r"\b(chaque|chacun|chacune|par (?!an\b|annee\b)\w+|en moyenne)\b")
#: Course nouns as written (« bts » -> « BTS »).
_COURSE_NOUNS = {"bts": "BTS", "but": "BUT", "dut": "DUT", "du": "DU", "diplome": "diplôme"}
#: The nouns of « la première année / rentrée… » as written.
_FIRST_NOUNS = {"annee": "année", "rentree": "rentrée"}


def _alone(text: str, target: str) -> bool:
    """Whether ``text`` names ``target`` (a town, a year; folded) on its own, not as one
    item of an enumeration (« aux universités du Havre, de Rouen et de Caen »)."""
    folded = fold(text)
    if not re.search(rf"\b{re.escape(target)}\b", folded):
        return False
    return not any(target in m.group() for m in _ENUMERATION.finditer(folded))
