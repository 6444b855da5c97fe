"""A record's value found in a sentence as written, numbers whole."""

from __future__ import annotations

import pytest

from assistant.answering.slots import holds_value


@pytest.mark.parametrize(
    ("sentence", "value", "held"),
    [
        ("L'École de la Batterie doit qualifier plus de 8 000 personnes.", "8 000", True),
        ("L'industrie aurait besoin de 800 000 personnes.", "8 000", False),
        ("Il reçoit 12,2 M€ de l'État.", "2,2 M€", False),
        ("Le second projet obtient 2,2 M€.", "2,2 M€", True),
        ("Le projet a été lancé le lundi 17 avril 2023.", "17 avril 2023", True),
        ("Un total de 1 318 M€.", "318 M€", False),
    ],
)
def test_a_value_is_held_only_as_a_whole_number(sentence: str, value: str, held: bool) -> None:
    assert holds_value(sentence, value) is held


def test_a_target_is_no_result() -> None:
    from assistant.answering.slots import target_for_result

    question = "Combien de personnes ont déjà été formées ?"
    assert target_for_result(question, "Le projet vise 8 000 personnes formées d'ici 2030.")
    assert not target_for_result(question, "Le projet a déjà formé 500 personnes.")
    assert not target_for_result("Combien de personnes ?", "Le projet vise 8 000 personnes.")
    # « Réellement », « à mi-parcours » ask a result too; a target saying one answers.
    really = "Au bout de 5 ans, combien de personnes a-t-il réellement formées ?"
    assert target_for_result(really, "PERF Henri-Fabre vise 1 500 personnes formées en 5 ans.")
    midway = "Combien de modules vise-t-il et combien étaient en place à mi-parcours ?"
    assert not target_for_result(midway, "Il vise 60 modules, dont 20 en place à mi-parcours.")
    assert not target_for_result("Au final, ils veulent former combien ?", "Il vise 15 000.")
    ended = "Combien de personnes PERF Henri-Fabre a-t-il formées à la fin du programme ?"
    assert target_for_result(ended, "PERF Henri-Fabre vise 1 500 personnes formées en 5 ans.")


def test_who_launched_a_scheme_is_its_lead() -> None:
    from assistant.answering.slots import SLOT_WORDS
    from assistant.text.folding import fold

    lead = SLOT_WORDS["lead"]
    assert lead.search(fold("Un appel lancé par l'État et la Banque des Territoires."))
    assert not lead.search(fold("Le programme a été lancé le 17 avril 2023."))


def test_hours_given_since_the_launch_are_an_achievement() -> None:
    from assistant.answering.slots import SLOT_WORDS
    from assistant.text.folding import fold

    done = SLOT_WORDS["achievements"]
    assert done.search(
        fold("GENHYO avait dispensé 3 650 heures de formation depuis son lancement.")
    )
    assert not done.search(fold("Toute la région Occitanie, avec un pilotage depuis Toulouse."))
