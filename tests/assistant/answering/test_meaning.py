"""What an acronym stands for, read from a programme's own names."""

from __future__ import annotations

import pytest

from assistant.answering.meaning import MEANING_ASK, expansion
from assistant.text.folding import fold


@pytest.mark.parametrize(
    ("acronym", "forms", "full"),
    [
        # Capitals that start each word spell it out.
        ("BATTENA", ["BATTeries En Nouvelle-Aquitaine"], "BATTeries En Nouvelle-Aquitaine"),
        # Initials run through it in order (« de », « l' » skipped).
        (
            "REMED",
            ["REMED : Réussir l'Efficience des Mobilités d'Excellence Décarbonées (Lyon 1)"],
            "Réussir l'Efficience des Mobilités d'Excellence Décarbonées",
        ),
        # A digit repeats the next letter.
        (
            "3NC",
            ["Normandie Nucléaire Nouvelles Compétences"],
            "Normandie Nucléaire Nouvelles Compétences",
        ),
    ],
)
def test_the_full_name_is_found(acronym: str, forms: list[str], full: str) -> None:
    assert expansion(acronym, forms) == full


@pytest.mark.parametrize(
    ("acronym", "forms"),
    [
        # Half of FPI AURA only.
        ("FPI AURA", ["Formation Pro Industrie"]),
        # A form holding the acronym is no spelling of it.
        ("OSMOSE", ["projet OSMOSE cybersécurité"]),
        # Two acronyms: each is read from its own sentence.
        ("DACSO / DECSO", ["Diagnostic Aéronautique Compétences Sud-Ouest"]),
    ],
)
def test_no_full_name(acronym: str, forms: list[str]) -> None:
    assert expansion(acronym, forms) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Que signifie FORTEIM ?", True),
        ("REMED, ça veut dire quoi ?", True),
        ("À quoi correspond DACSO ?", True),
        ("À quoi correspondent les 14 M€ de REMED ?", False),
        ("Quel est le budget de REMED ?", False),
    ],
)
def test_the_meaning_is_asked(question: str, asks: bool) -> None:
    assert bool(MEANING_ASK.search(fold(question))) is asks
