"""Rounds of the call for projects: « la 3e vague », « la 1re levée », « saison 2 ».

The call's own records name its rounds in their aliases, in the plural (« vagues AMI CMA »,
« levées AMI CMA ») or numbered (« saison 2 AMI CMA »). Those nouns, with an ordinal or a
number, name one round of the call: a question asking « combien de projets lors de la
troisième vague ? » is about the collection though it names no programme, and a sentence
about another round of the same kind (« la 1re levée a retenu 66 projets ») does not answer
it. Plural nouns are one kind of round (the document says « levées (ou vagues) »); each
numbered noun (« saison ») is its own, larger kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.catalog.records import ProgrammeRecord
from assistant.text.folding import fold

#: The kind shared by the rounds named in the plural (« vagues », « levées »).
ROUND = "round"

#: Ordinal words and their numbers (folded).
_ORDINAL_WORDS = {
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
}
#: Cardinal words used with a noun (« les deux premières vagues », « vague un »).
_CARDINALS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}
#: An ordinal: « 3e », « 1re », « 2nde », « troisième ».
_ORDINAL = r"\d{1,2} ?(?:e|er|re|ere|eme|nd|nde)|" + "|".join(_ORDINAL_WORDS)
#: The ordinal before the noun (« dernière »: a round, not which one).
_BEFORE = rf"(?P<before>{_ORDINAL}|dernier|derniere)s?"
#: « 1re et 2e levées », « première et deuxième vagues »: another ordinal before it.
_ALSO = rf"(?:(?P<also>{_ORDINAL}) (?:et|ou) (?:la |le |de la |du )?)?"
#: « les deux premières vagues »: the first rounds, counted.
_FIRST_N = r"(?:(?P<count>" + "|".join(_CARDINALS) + r"|\d) )?"
#: Numbers after the noun: « saison 2 », « vagues 1 et 2 », « vagues 1, 2 et 3 ».
_AFTER = (
    r"(?P<after>(?:\d{1,2}|un|une|deux|trois|quatre)(?:(?:, ?| et | ou )(?:\d{1,2}))*)"
    r"(?![\d,]?\d)(?! ?(?:%|m€|millions?|euros?|projets?|laureats?)\b)"
)


def round_nouns(records: Iterable[ProgrammeRecord], call_ids: set[str]) -> dict[str, str]:
    """Folded singular noun of each round the call's records name, with its kind: the
    alias « vagues AMI CMA » gives ``vague`` (kind :data:`ROUND`), « saison 2 AMI CMA »
    gives ``saison`` (its own kind)."""
    calls = [r for r in records if r.id in call_ids]
    call_words = {w for r in calls for w in re.findall(r"\w+", fold(r.short_name))}
    nouns: dict[str, str] = {}
    for alias in (a for r in calls for a in r.aliases):
        words = [w for w in re.findall(r"\w+", fold(alias)) if w not in call_words]
        if len(words) == 2 and words[1].isdigit() and words[0].isalpha():
            nouns[words[0]] = words[0]
        elif len(words) == 1 and words[0].isalpha() and words[0].endswith(("s", "x")):
            nouns.setdefault(words[0][:-1], ROUND)
    return nouns


def rounds_pattern(nouns: Mapping[str, str]) -> re.Pattern[str] | None:
    """A pattern finding a round of ``nouns`` with its ordinal or number in folded text."""
    if not nouns:
        return None
    words = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    return re.compile(
        rf"\b(?:{_FIRST_N}{_ALSO}{_BEFORE} (?P<noun>{words})s?\b|(?P<noun_after>{words})s? {_AFTER})"
    )


def rounds_in(
    text: str, nouns: Mapping[str, str], pattern: re.Pattern[str] | None = None
) -> dict[str, set[int]]:
    """The rounds ``text`` names, by kind: « la 3e vague de la saison 1 » gives
    ``{"round": {3}, "saison": {1}}``. A round without a number (« la dernière vague »)
    counts with no number: it names the kind, not which one."""
    pattern = pattern or rounds_pattern(nouns)
    found: dict[str, set[int]] = {}
    if pattern is None:
        return found
    for m in pattern.finditer(fold(text)):
        kind = nouns[m.group("noun") or m.group("noun_after")]
        numbers = found.setdefault(kind, set())
        if m.group("before"):
            first = _ordinal(m.group("before"))
            count = m.group("count")
            if first == 1 and count:  # « les deux premières vagues »
                n = _CARDINALS.get(count) or int(count)
                numbers.update(range(1, n + 1))
            elif first:
                numbers.add(first)
            if m.group("also") and (also := _ordinal(m.group("also"))):
                numbers.add(also)
        else:
            for part in re.split(r", ?| et | ou ", m.group("after")):
                numbers.add(_CARDINALS.get(part) or int(part))
    return found


def round_phrases(text: str, pattern: re.Pattern[str] | None) -> list[str]:
    """The words of ``text`` naming rounds, as written (« la 1re levée » gives « 1re
    levée »); ``text`` must fold to the same length (it does unless it holds ligatures)."""
    if pattern is None or len(fold(text)) != len(text):
        return []
    return [text[m.start() : m.end()] for m in pattern.finditer(fold(text))]


def other_round(asked: Mapping[str, set[int]], said: Mapping[str, set[int]]) -> bool:
    """Whether ``said`` (a sentence's rounds) is about other rounds than ``asked`` (the
    question's) of the same kind: « 1re levée » for « la 3e vague », or one round alone
    for « les vagues 1 et 2 » together."""
    for kind in asked.keys() & said.keys():
        if not (asked[kind] and said[kind]):
            continue  # « la dernière vague »: which one is not said
        if not asked[kind] & said[kind] or (len(asked[kind]) > 1 and asked[kind] - said[kind]):
            return True
    return False


def _ordinal(word: str) -> int | None:
    word = word.rstrip("s").replace(" ", "")
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None
