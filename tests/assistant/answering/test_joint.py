"""A group's figure is not one member's, and a joint figure answers a joint question."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.joint import asks_joint, is_collective

if TYPE_CHECKING:
    from assistant import Assistant


def test_a_sentence_naming_the_member_among_others_is_the_group_s_figure() -> None:
    sentence = "Ces cinq projets (COMETES, Biospace, PEGASE, eOLE et C2A) visent 60 000 personnes."
    assert is_collective(sentence, "c2a", ["pegase"])
    together = "RIS3 et CyberSkills4All reçoivent ensemble près de 15 M€."
    assert is_collective(together, "ris3", ["cyberskills4all"])
    assert not is_collective("SequoIA, l'IA Cluster de Rennes, reçoit 20 M€.", "sequoia", [])
    assert not is_collective("SequoIA forme au total 2 000 étudiants.", "sequoia", [])


def test_a_joint_question_is_recognised() -> None:
    assert asks_joint("Combien reçoivent-ils de l'État à eux deux ?", 1)
    assert not asks_joint("Combien reçoit RIS3 de l'État ?", 1)


@pytest.mark.slow
def test_a_member_s_figure_is_refused_when_only_the_group_s_is_known(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Combien de personnes le projet C2A de l'UIMM Occitanie Adour-Pyrénées doit-il former ?"
    )
    assert not answer.answerable
    assert "ne précise pas le nombre de personnes à former propre à C2A" in answer.text
    assert "60 000" in answer.text  # what the document does say, quoted and cited
    assert answer.citations


@pytest.mark.slow
def test_two_parts_of_one_programme_are_compared_on_their_own_figures(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Côté aide de l'État, qui touche le plus : le duo Orimob Académie + FARE, ou C-CEDI ?"
    )
    assert answer.answerable
    assert "12 M€" in answer.citations[0].quote and "6 M€" in answer.citations[1].quote
    clusters = indexed_assistant.ask(
        "Quel IA Cluster a reçu le plus : Hi! Paris Cluster 2030 ou SequoIA ?"
    )
    assert clusters.citations[0].quote.startswith("Hi! Paris Cluster 2030")


def test_au_total_is_joint_only_when_several_are_named() -> None:
    assert not asks_joint("Combien CyberSkills4All reçoit-il au total de l'État ?", 1)
    assert asks_joint("Combien RIS3 et CyberSkills4All reçoivent-ils au total ?", 2)


def test_a_member_s_own_sentence_naming_its_partners_is_its_own() -> None:
    sentence = "Au sein de C2A, l'IUT, l'ENSAM et le CESI formeront 500 techniciens."
    assert not is_collective(sentence, "c2a", ["c2a", "pegase", "eole"])
