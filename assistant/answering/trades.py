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
#: « en lien avec », « en matière de »: the trade comes later, in a sector label or not;
#: « métiers de demain », « formations en ligne, en alternance, de niveau bac+3 »: a way of
#: learning or a level, not a trade.
_NOT_A_TRADE = re.compile(
    r"(lien|rapport|relation|matiere|lie|liee|lies|liees|demain|avenir|niveau|ligne|sein|"
    r"alternance|apprentissage|presentiel|distance|courte|longue|duree|superieur|cap|bts|bac|"
    r"qualite|pointe|excellence|france|region|proximite|reconversion|initiale|continue|"
    r"entreprise|interne|externe|cours|priorite|general|particulier)\b"
)


def trade_asked(question: str, residual: Sequence[str], catalog: Catalog) -> tuple[str, list[str]]:
    """The trade as the question writes it (« textile ») and its search tokens, or
    ``("", [])``. Only words left once places, sectors and generic words are removed
    (``residual``) count: « les métiers du recyclage » is a sector label."""
    match = _TRADE.search(catalog.without_names(question))
    if match is None:
        return "", []
    phrase = match.group("trade")
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
