"""French numbers: canonical formatting, normalisation and the grounding check.

Every number an answer shows must appear in a cited source. Numbers are compared in a
normalised form, so « 8 000 », « 8 000 » (no-break space) and « 8000 » are the same
number, and « 14,2 » equals « 14.2 ».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from assistant.text.patterns import MARKERS_RE, WEB_URL

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\s]+")
# A number with optional thousands groups (plain, no-break or narrow no-break spaces)
# and an optional decimal part.
#: Counts written in words, in folded text (« un millier », « une trentaine »).
COUNT_WORDS = re.compile(
    r"\b(dizaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|millier|million)s?\b"
)
#: Small numbers written in words (« huit lauréats » are « 8 lauréats »).
NUMBER_WORDS = dict(
    zip(
        ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
         "douze", "treize", "quatorze", "quinze", "seize"),
        map(str, range(2, 17)),
        strict=True,
    )
)  # fmt: skip
NUMBER_RE = re.compile(
    r"(?<![\w,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?(?![\w])|\d+(?:[,.]\d+)?"
)

#: Put before a number of years: not an age (« 13 personnes âgées de 20 à 53 ans », « âgés
#: de 18 ans »), which is no length of time. Patterns over folded text.
NOT_AN_AGE = r"(?<!\bde \d\d a )(?<!\bages de )(?<!\bagees de )"
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def normalize(text: str) -> str:
    """Lower-case, unify spaces and drop digit grouping (« 8 000 » -> « 8000 »)."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").lower()
    text = _SPACES.sub(" ", text)
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)
    return text.strip()


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are normalised."""
    return normalize(needle) in normalize(haystack)


def _canonical(token: str) -> str:
    token = re.sub(r"[ \u00a0\u202f]", "", token).replace(",", ".")
    if "." in token:
        token = token.rstrip("0").rstrip(".")
    return token.lstrip("0") or "0"


_UNIT_AFTER = re.compile(r"(?:M€|Md€|k€|Mds?|M|K|k|h|km|%|x|e|er|re|ème|eme|nd|nde)\b")


def numbers_in(text: str) -> list[str]:
    """Canonical numbers of ``text``, ignoring citation markers [n], URLs and the digits
    of names such as « EN2R », « H2 » or « 5G »."""
    text = WEB_URL.sub(" ", MARKERS_RE.sub(" ", text))
    found = []
    for m in NUMBER_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end() :]
        if before.isalpha():
            continue
        if after[:1].isalpha() and not _UNIT_AFTER.match(after):
            continue
        found.append(_canonical(m.group(0)))
    return found


def ungrounded_numbers(answer: str, sources: Iterable[str]) -> list[str]:
    """Numbers of ``answer`` that appear in none of ``sources`` (empty list = grounded)."""
    known: set[str] = set()
    for source in sources:
        known.update(numbers_in(source))
    return [n for n in numbers_in(answer) if n not in known]


def _decimal(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_int(value: int) -> str:
    """« 8000 » -> « 8 000 » (plain space, as written in the corpus)."""
    return f"{value:,}".replace(",", " ")


def format_eur(value: int | float) -> str:
    """Canonical French amount: 25 M€, 14,2 M€, 2,5 Md€, 200 000 €."""
    if value >= 1_000_000_000:
        return f"{_decimal(value / 1_000_000_000)} Md€"
    if value >= 1_000_000:
        return f"{_decimal(value / 1_000_000)} M€"
    return f"{format_int(int(value))} €"


def format_date(iso: str) -> str:
    """« 2023-04-17 » -> « 17 avril 2023 »; « 2023-04 » -> « avril 2023 »."""
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            day = int(parts[2])
            return f"{'1er' if day == 1 else day} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


_AMOUNT = re.compile(
    r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:,(\d+))?\s*"
    r"(Md\s?€|M\s?€|k\s?€|€|milliards? d['’]euros|millions? d['’]euros|euros)"
)
_SCALE = {"md€": 1e9, "m€": 1e6, "k€": 1e3, "€": 1.0, "euros": 1.0}


def without_amounts(text: str) -> str:
    """``text`` with its sums of money blanked out (« SENS reçoit 2,5 M€ » -> « SENS reçoit  »)."""
    return _AMOUNT.sub(" ", text)


def amount_eur(text: str) -> float | None:
    """The first amount of ``text`` in euros (« plus de 12 M€ » -> 12 000 000.0), if any."""
    found = _AMOUNT.search(text)
    if found is None:
        return None
    whole = re.sub(r"\D", "", found.group(1))
    value = float(f"{whole}.{found.group(2) or 0}")
    unit = re.sub(r"\s", "", found.group(3).lower())
    scale = 1e9 if unit.startswith("milliard") else 1e6 if unit.startswith("million") else 0
    return value * (scale or _SCALE[unit])
