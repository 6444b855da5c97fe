"""« Pourquoi BATTENA a-t-il été suspendu ? »: a setback the question takes for granted.

A question may presuppose that a programme was suspended, cancelled, left by a partner or
delayed. When the programme's document tells no such thing, the nearest sentence (« Juin
2023 : BATTENA est retenu ») answers another question, and an advisor repeating it would
confirm the setback. The answer says the document reports none instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.folding import fold


@dataclass(frozen=True)
class Setback:
    """A kind of setback: how a question names it and how a document would tell it."""

    noun: str  # « aucune suspension », with its determiner
    ask: re.Pattern[str]  # in the folded question
    said: re.Pattern[str]  # in the folded document


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


SETBACKS: tuple[Setback, ...] = (
    Setback("aucune suspension", _re(r"\bsuspen(du|due|dus|dues|sion|dre)\b"), _re(r"\bsuspen")),
    Setback(
        "aucune annulation",
        _re(r"\bannul(e|ee|es|ees|ation|er)\b"),
        _re(r"\bannul"),
    ),
    Setback(
        "aucun abandon",
        _re(r"\babandonn(e|ee|es|ees|er)\b|\babandon (du|de la|de l')"),
        _re(r"\babandon"),
    ),
    Setback(
        # « Verkor s'est-il retiré du projet ? », not « où retirer le dossier ? ».
        "aucun retrait",
        _re(
            r"\b(s'est|se sont|se serait|se seraient|s'etait|s'etaient)(-(il|elle|ils|elles))? "
            r"retire(e|s|es)?\b|\bse retire(nt)?\b|\bretrait (de|du|d')|"
            r"\ba (quitte|claque la porte)|\bont quitte (le|la|l') (projet|consortium|programme)"
        ),
        _re(r"\bretir|\bretrait|\bquitt"),
    ),
    Setback(
        "aucun arrêt",
        _re(
            r"\bete (arrete|stoppe|interrompu)e?s?\b|\b(arret|interruption) (du|de la|de l')"
            r" ?(programme|projet|financement|formation|dispositif)"
        ),
        _re(r"\barret|\bstopp|\binterromp|\binterruption"),
    ),
    Setback(
        "aucune fermeture",
        _re(r"\bfermeture\b|\bete fermee?s?\b|\bferme(ra)? (ses|definitivement)"),
        _re(r"\bferm"),
    ),
    Setback(
        "aucun échec",
        _re(r"\bechou(e|ee|es)\b|\bson echec\b|\bl'echec (du|de la|de l')"),
        _re(r"\bechou|\bechec"),
    ),
    Setback(
        "aucune polémique",
        _re(r"\b(polemique|scandale|controverse|affaire judiciaire|fraude|detournement)s?\b"),
        _re(r"\b(polemique|scandale|controvers|judiciaire|fraude|detourn|critique)"),
    ),
    Setback(
        "aucune liquidation ni faillite",
        _re(r"\b(liquidation|faillite|redressement judiciaire|depot de bilan)\b"),
        _re(r"\b(liquidation|faillite|redressement|bilan)"),
    ),
)


def setback_asked(question: str) -> Setback | None:
    """The setback ``question`` names or takes for granted, if any."""
    folded = fold(question)
    return next((s for s in SETBACKS if s.ask.search(folded)), None)


def tells_setback(setback: Setback, document_text: str) -> bool:
    """Whether the (whole) document tells such a setback at all."""
    return bool(setback.said.search(fold(document_text)))
