"""Figures of a group and figures of one of its members, and members compared.

« Combien de personnes C2A doit-il former ? » is not answered by « Ces cinq projets
(COMETES, Biospace, PEGASE, eOLE et C2A) visent à former plus de 60 000 personnes »: that
is the group's figure. The other way round, « RIS3 et CyberSkills4All reçoivent ensemble
près de 15 M€ ; la part propre à RIS3 n'est pas publiée » answers « combien reçoivent-ils
à eux deux ? », even though it says a share is not published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.text.folding import fold
from assistant.text.numbers import NUMBER_WORDS, amount_eur

if TYPE_CHECKING:
    from assistant.answering.quotes import Quote

#: The question asks for the figure of several together (« à eux deux », « le duo »).
_JOINT_ASK = re.compile(
    r"\b(a eux deux|a elles deux|a eux (trois|quatre|cinq|six)|ensemble|tous les deux|"
    r"toutes les deux|les deux projets|ces (deux|trois) projets|duo|binome|tandem|reuni(e)?s)\b"
)
#: « Au total », « en tout »: several together only when the question names several.
_TOTAL_ASK = re.compile(r"\b(au total|en tout|cumule\w*)\b")
#: Several, in words (« cinq ») or digits, and what several laureates are called.
_SEVERAL = "|".join(NUMBER_WORDS)
_LAUREATES = r"(projets|laureats|poles|programmes)"
#: The sentence gives a group's figure, whatever it names (« ces cinq projets »).
_GROUP_SAID = re.compile(
    rf"\b(totalis\w*|a eux (deux|trois|quatre|cinq)|ces ({_SEVERAL}|\d+) {_LAUREATES}|"
    r"les \d+ (projets|laureats|poles))\b"
)
#: « 2 nouveaux lauréats CMA … ont été annoncés pour 11 M€ »: an amount of several
#: laureates together, not of one of them.
_GROUP_FIGURE = re.compile(
    rf"\b({_SEVERAL}|[2-9]|\d\d+)\s+((nouveaux|premiers|autres)\s+)?{_LAUREATES}\b[^.;]{{0,120}}"
    r"\b(pour|totalis\w*|recoiv\w*|se\s+partag\w*|obtien\w*|beneficie\w*)\s+"
    r"((au total|ensemble)\s+)?((environ|pres de|plus de)\s+)?\d"
)
#: « … cumulent les cinq projets »: the figure of several laureates is asked.
_GROUP_ASK = re.compile(rf"\bcumul\w*|\b({_SEVERAL}|\d+) (nouveaux |premiers )?{_LAUREATES}\b")
#: « … reçoivent ensemble », or a name in an enumeration: a group's figure when the
#: sentence also names another member.
_TOGETHER = re.compile(r"\bensemble\b")
_ENUMERATION = re.compile(r"[\w'’@.-]+(?:\s*,\s*[\w'’@.-]+)+\s+et\s+[\w'’@.-]+")


def asks_joint(question: str, named: int) -> bool:
    """Whether ``question``, naming ``named`` programmes or parts, asks for a figure of
    several together (« à eux deux »; « au total » only when it names several)."""
    folded = fold(question)
    return bool(_JOINT_ASK.search(folded)) or (named >= 2 and bool(_TOTAL_ASK.search(folded)))


def asks_group_figure(question: str) -> bool:
    """Whether ``question`` asks for the figure of several laureates together (« à eux
    deux », « au total », « … cumulent les cinq projets »)."""
    folded = fold(question)
    return any(p.search(folded) for p in (_JOINT_ASK, _TOTAL_ASK, _GROUP_ASK))


def asks_several_laureates(question: str) -> bool:
    """Whether ``question`` asks for the figure of several laureates, worded as such
    (« pour ses deux projets », « à eux deux »), not only « au total »."""
    folded = fold(question)
    return bool(_JOINT_ASK.search(folded) or _GROUP_ASK.search(folded))


def gives_group_figure(sentence: str) -> bool:
    """Whether ``sentence`` gives an amount of several laureates together (« 2 nouveaux
    lauréats … annoncés pour 11 M€ »), not of one of them."""
    return bool(_GROUP_FIGURE.search(fold(sentence)))


def gives_joint_figure(sentence: str) -> bool:
    """Whether ``sentence`` gives a figure of several together (« reçoivent ensemble près
    de 15 M€ »)."""
    return bool(re.search(r"\bensemble\b.{0,40}\d|\d.{0,40}\bensemble\b", fold(sentence)))


def is_collective(sentence: str, name: str, others: Sequence[str]) -> bool:
    """Whether ``sentence`` gives the figure of a group ``name`` is one of, not its own:
    it says so (« ces cinq projets »), or it names ``name`` with one of ``others`` (other
    members, other programmes; folded) together or in an enumeration. « Au sein de C2A,
    l'IUT, l'ENSAM et le CESI formeront 500 techniciens » is C2A's own."""
    folded = fold(sentence)
    if _GROUP_SAID.search(folded):
        return True
    with_other = any(o and o != name and o in folded for o in others)
    if not with_other:
        return False
    return bool(_TOGETHER.search(folded)) or any(
        name in fold(m.group()) for m in _ENUMERATION.finditer(sentence)
    )


def compare_parts(
    question: str, parts: Sequence[str], quotes: Sequence[Quote], *, largest: bool = True
) -> list[Quote] | None:
    """The amount of each side of « A ou B ? », « entre A et B » (``parts`` of one
    programme, folded), the
    largest first (or the smallest); None unless each side has a sentence of its own, with
    an amount, among ``quotes`` (« le duo Orimob + FARE » is one side)."""
    folded = fold(question)
    between = re.search(r"\bentre (.+?) et (.+)", folded)  # « entre A et B, lequel… ? »
    pieces = list(between.groups()) if between else re.split(r"\bou\b|\bvs\b|\bcontre\b", folded)
    sides = [[p for p in parts if p in side] for side in pieces]
    sides = [side for side in sides if side]
    if len(sides) < 2:
        return None
    picks: list[tuple[float, Quote]] = []
    for side in sides:
        others = [p for p in parts if p not in side]
        for quote in quotes:
            text = fold(quote.text)
            value = amount_eur(quote.text)
            if value and all(p in text for p in side) and not any(o in text for o in others):
                picks.append((value, quote))
                break
        else:
            return None
    picks.sort(key=lambda pick: pick[0], reverse=largest)
    return [quote for _, quote in picks]
