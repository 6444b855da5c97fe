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
from assistant.text.numbers import amount_eur

if TYPE_CHECKING:
    from assistant.answering.quotes import Quote

#: The question asks for the figure of several together.
_JOINT_ASK = re.compile(
    r"\b(a eux deux|a elles deux|a eux (trois|quatre|cinq|six)|ensemble|au total|en tout|"
    r"cumule\w*|tous les deux|toutes les deux|les deux projets|ces (deux|trois) projets|duo|"
    r"binome|tandem)\b"
)
#: The sentence gives the figure of several together.
_JOINT_SAID = re.compile(
    r"\b(ensemble|totalis\w*|au total|cumul\w*|a eux (deux|trois|quatre|cinq)|"
    r"ces (deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+) (projets|laureats|poles|programmes)|"
    r"les \d+ (projets|laureats|poles)|l'ensemble des)\b"
)
#: Names in an enumeration (« (COMETES, Biospace, PEGASE, eOLE et C2A) »).
_ENUMERATION = re.compile(r"[\w'’@.-]+(?:\s*,\s*[\w'’@.-]+)+\s+et\s+[\w'’@.-]+")


def asks_joint(question: str) -> bool:
    """Whether ``question`` asks for a figure of several together (« à eux deux »)."""
    return bool(_JOINT_ASK.search(fold(question)))


def is_collective(sentence: str, name: str) -> bool:
    """Whether ``sentence`` gives the figure of a group ``name`` is one of, not its own."""
    if _JOINT_SAID.search(fold(sentence)):
        return True
    folded_name = fold(name)
    return any(folded_name in fold(m.group()) for m in _ENUMERATION.finditer(sentence))


def compare_parts(
    question: str, parts: Sequence[str], quotes: Sequence[Quote], *, largest: bool = True
) -> list[Quote] | None:
    """The amount of each side of « A ou B ? » (``parts`` of one programme, folded), the
    largest first (or the smallest); None unless each side has a sentence of its own, with
    an amount, among ``quotes`` (« le duo Orimob + FARE » is one side)."""
    sides = [
        [p for p in parts if p in side]
        for side in re.split(r"\bou\b|\bvs\b|\bcontre\b", fold(question))
    ]
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
