"""The one scrubber of personal data in free text (questions, comments, exports).

Masks what a visitor may type about themselves: e-mail addresses, French phone numbers
(``06 12 34 56 78``, ``+33 6…``, ``0033 6…``), social-security-like numbers (NIR: 13 digits
and an optional 2-digit key, spaces allowed, Corsica's ``2A``/``2B``), and the words after
« je m'appelle », « mon nom est », « je me nomme ». It errs on the side of masking: a
13-digit figure is masked too. Written here because no maintained library knows French
formats (Presidio needs a spaCy model and a server; these few patterns need neither).
"""

from __future__ import annotations

import re

EMAIL_MASK = "[courriel masqué]"
PHONE_MASK = "[téléphone masqué]"
NIR_MASK = "[numéro de sécurité sociale masqué]"
NAME_MASK = "[nom masqué]"

_EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)
# sex, year, month (or 20-99 for unknown months), département (2 digits, 2A, 2B), commune,
# order number, optional key.
_NIR = re.compile(
    r"(?<![\w])[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.-]?(?:\d{2}|2[AaBb])"
    r"[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{2})?(?!\w)"
)
_WORD = r"[^\W\d_][\w'’-]*"
# Words that end a name: the sentence goes on (« je m'appelle Léa et je cherche… »).
_STOP = r"(?:et|je|j['’]\w*|mais|ou|qui|que|donc|car|moi|mon|ma|mes|habite|suis|cherche)\b"
_NAME = re.compile(
    rf"(?i)\b(je\s+m['’]\s?appelle|mon\s+nom\s+(?:est|c['’]est)|je\s+me\s+nomme)\s+"
    rf"((?!{_STOP}){_WORD}(?:\s+(?!{_STOP}){_WORD}){{0,2}})"
)


def scrub(text: str) -> str:
    """``text`` with e-mails, phone numbers, NIR-like numbers and self-given names masked."""
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _NIR.sub(NIR_MASK, text)
    text = _PHONE.sub(PHONE_MASK, text)
    return _NAME.sub(lambda m: f"{m.group(1)} {NAME_MASK}", text)


def scrub_short(text: str | None, limit: int) -> str | None:
    """Stripped, scrubbed and cut to ``limit`` characters; None when nothing is left."""
    if text is None:
        return None
    cleaned = scrub(text.strip())[:limit].strip()
    return cleaned or None
