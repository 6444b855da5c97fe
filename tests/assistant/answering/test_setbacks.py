"""A setback the question takes for granted and the document does not tell is said so."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.setbacks import setback_asked, tells_setback

if TYPE_CHECKING:
    from assistant import Assistant


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Pourquoi BATTENA a-t-il été suspendu en 2025 ?", "aucune suspension"),
        ("Pour quelle raison Verkor s'est-il retiré de l'École de la Batterie ?", "aucun retrait"),
        ("Est-ce que le projet 3NC a été annulé ?", "aucune annulation"),
        ("Depuis l'abandon du projet, que deviennent les élèves ?", "aucun abandon"),
        ("Quand le Ferrocampus a-t-il été fermé ?", "aucune fermeture"),
        ("Le scandale autour de TalCyb, c'était quoi ?", "aucune polémique"),
        # Everyday words that take no setback for granted.
        ("Où retirer le dossier d'inscription pour REMED ?", None),
        ("La formation est-elle annuelle ?", None),
        ("Quel est l'arrêt de tram le plus proche du campus ?", None),
        ("Quel est le taux d'échec au diplôme ?", None),
    ],
)
def test_the_setback_a_question_takes_for_granted(question: str, noun: str | None) -> None:
    found = setback_asked(question)
    assert (found.noun if found else None) == noun


def test_a_document_telling_the_setback_is_not_contradicted() -> None:
    setback = setback_asked("Pourquoi le projet a-t-il été suspendu ?")
    assert setback is not None
    assert tells_setback(setback, "Le projet a été suspendu en 2024, faute de candidats.")
    assert not tells_setback(setback, "Juin 2023 : le projet est retenu comme lauréat.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Pourquoi BATTENA a-t-il été suspendu en 2025 ?",
            "« BATTENA » ne fait état d'aucune suspension",
        ),
        (
            "Pour quelle raison Verkor s'est-il retiré de l'École de la Batterie ?",
            "« École de la Batterie » ne fait état d'aucun retrait",
        ),
    ],
)
def test_a_false_setback_is_not_answered_with_another_fact(
    indexed_assistant: Assistant, question: str, said: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert not answer.answerable
    assert said in answer.text
    assert "retenu comme lauréat" not in answer.text
