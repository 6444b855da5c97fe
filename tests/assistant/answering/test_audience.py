"""Who a programme is for: the words asking it and the words saying it."""

from __future__ import annotations

import pytest

from assistant.answering.audience import WHOM_ASK, names_audience
from assistant.text.folding import fold


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Étudiants et professionnels de la microélectronique.", True),
        ("REMED couvre les niveaux bac-3 à bac+8, du CAP au doctorat.", True),
        ("DEF'Hy s'adresse aux acteurs de l'emploi et de la formation.", True),
        ("MACMIA est un projet national de l'Institut Mines-Télécom.", False),
        ("Le montant de l'aide de l'État n'est pas publié.", False),
    ],
)
def test_a_sentence_saying_who_a_programme_is_for(sentence: str, named: bool) -> None:
    assert names_audience(sentence) is named


def test_fields_are_not_people() -> None:
    assert WHOM_ASK.search(fold("À qui s'adresse OSMOSE ?"))
    assert WHOM_ASK.search(fold("Pour quel public ?"))
    assert not WHOM_ASK.search(fold("Quelles filières sont éligibles ?"))
