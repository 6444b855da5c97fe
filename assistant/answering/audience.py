"""Who a programme is for: the words that ask it and the words that say it.

« À qui s'adresse X ? », « quel public ? », « quels niveaux ? » are answered by a sentence
naming a public (« étudiants et professionnels »), a level (« du CAP au doctorat ») or
saying « s'adresse aux… »; « quelles filières sont éligibles ? » asks fields, not people.
"""

from __future__ import annotations

import re

from assistant.text.folding import fold

#: « Quel niveau… ? », « de quel niveau à quel niveau ? »: levels of study are asked.
LEVEL_ASK = re.compile(r"\bniveaux?\b")
#: Who a question on the audience asks about (people or levels, not fields).
WHOM_ASK = re.compile(r"\b(qui|publics?|niveaux?|s'adresse\w*)\b")
#: A level of study, as documents write it.
DEGREE = re.compile(
    r"\b(cap|infra-bac|bac ?[+-] ?\d+|bac pro|bts|but|licences?|masters?|doctorat|ingenieurs?|"
    r"college|lycee|mba)\b"
)
#: Who a programme is for.
AUDIENCE = re.compile(
    r"\b(etudiants?|eleves|lyceens|collegiens|apprentis|salaries|professionnels|demandeurs "
    r"d'emploi|adultes|jeunes|enseignants|formateurs|actifs|public)\b"
)
#: « s'adresse aux acteurs… », « destiné aux… », « ouvert aux… ».
_FOR_WHOM = re.compile(r"\bs'adress\w*|\bdestine\w*|\bouverte?s? (a|aux)\b|\bpeuvent candidater\b")


def names_audience(text: str) -> bool:
    """Whether ``text`` says who a programme is for: a public, a level, or « s'adresse
    aux… »."""
    folded = fold(text)
    return bool(AUDIENCE.search(folded) or DEGREE.search(folded) or _FOR_WHOM.search(folded))
