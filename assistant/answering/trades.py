"""The trade or field a list question asks about when no sector label names it.

« Quel projet forme aux métiers du textile dans les Hauts-de-France ? » asks about textile:
listing the region's programmes would answer another question. The words after « les
métiers du », « le secteur de », « former à la » name it; the structured answerer lists only
the programmes whose document speaks of it, or says none does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.catalog import SECTOR_HINTS
from assistant.text.folding import as_written
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.catalog import Catalog

#: « les métiers du textile », « le secteur de la construction bois »: the words after it
#: name the trade or field asked about. « Des formations en X » is left alone: X is as
#: often a way of learning or a level as a trade.
_TRADE = re.compile(
    r"\b(?:metiers?|secteurs?|filieres?|domaines?|industries?)\s+"
    r"(?:du |de la |de l'|des |d'|de |dans (?:le |la |les |l'))(?P<trade>[a-z][\w'-]*(?: [a-z][\w'-]*)?)"
)
#: « un programme pour la viticulture », « former des guides de haute montagne »: the words
#: after it name the trade when no « métiers de » does (an audience is no trade: below).
_FOR_TRADE = re.compile(
    r"\b(?:programmes?|formations?|projets?|dispositifs?|cursus|ecoles?)\s+(?:france 2030\s+)?"
    r"(?:pour|sur)\s+(?:la |le |l'|les )?(?!former\b)(?P<trade>[a-z][\w'-]*(?: [a-z][\w'-]*)?)|"
    r"\bformer (?:des |aux |au |a la |a l'|les )(?P<trained>[a-z][\w'-]*(?: [a-z][\w'-]*)?)"
)
#: Who a course is for, not what it teaches (« une formation pour les adultes »).
_AUDIENCE = re.compile(
    r"(adultes?|jeunes?|salaries?|demandeurs?|femmes?|lyceens?|etudiants?|apprentis?|eleves?|"
    r"seniors?|personnes?|handicap\w*|tous|toutes|moi|mon|ma|mes|enfants?|filles?|fils|"
    r"debutants?|chomeurs?|actifs?|professionnels?|particuliers?|decrocheurs?|mineurs?|"
    r"un|une|des|ce|cette|ces|son|sa|ses|leur|leurs|quoi|qui|quel\w*|combien|devenir|"
    r"travailler|se|s'|reconvertir)\b"
)
#: « en lien avec », « en matière de »: the trade comes later, in a sector label or not;
#: « métiers de demain », « formations en ligne, en alternance, de niveau bac+3 »: a way of
#: learning or a level, not a trade.
_NOT_A_TRADE = re.compile(
    r"(lien|rapport|relation|matiere|lie|liee|lies|liees|demain|avenir|niveau|ligne|sein|"
    r"alternance|apprentissage|presentiel|distance|courte|longue|duree|superieur|cap|bts|bac|"
    r"qualite|pointe|excellence|france|region|proximite|reconversion|initiale|continue|"
    r"entreprise|interne|externe|cours|priorite|general|particulier)\b"
)


def trade_asked(
    question: str, residual: Sequence[str], catalog: Catalog, *, loose: bool = False
) -> tuple[str, list[str]]:
    """The trade as the question writes it (« textile ») and its search tokens, or
    ``("", [])``. Only words left once places, sectors and generic words are removed
    (``residual``) count: « les métiers du recyclage » is a sector label. ``loose``: also
    « un programme pour X », « former des X » (for a question naming no sector)."""
    text = catalog.without_names(question)
    match = _TRADE.search(text)
    if match is None:
        if not loose:
            return "", []
        # « un programme pour la viticulture », with no sector named (« … sur la
        # biothérapie » is a sector's word and its programme answers).
        match = _FOR_TRADE.search(text)
        if match is None or _AUDIENCE.match(match.group("trade") or match.group("trained")):
            return "", []
    phrase = match.group("trade") or match.group("trained")
    if _NOT_A_TRADE.match(phrase) or any(
        re.search(rf"(?<!\w){re.escape(hint)}", phrase) for hint in SECTOR_HINTS
    ):
        return "", []
    tokens = [t for t in tokenize(phrase) if t in residual]
    if not tokens:
        return "", []
    words = phrase.split()
    kept = [w for w in words if set(tokenize(w)) & set(tokens)]
    return as_written(question, " ".join(words[: words.index(kept[-1]) + 1])), tokens
