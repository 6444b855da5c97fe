"""« Does X take part in P? »: yes only if P's document names X."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.answering.membership import member_asked, names_member, umbrella_asked

if TYPE_CHECKING:
    from assistant import Assistant


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Airbus fait-il partie des partenaires d'OSMOSE ?", "Airbus"),
        ("Le CEA est-il partenaire de COMETES ?", "CEA"),
        ("Est-ce que Naval Group participe à FORTEIM ?", "Naval Group"),
        ("Est-ce qu'Arkema fait partie du consortium DécarboChim ?", "Arkema"),
        ("Quels partenaires participent à OSMOSE ?", None),
        ("Combien de partenaires participent à OSMOSE ?", None),
        ("Qui porte OSMOSE ?", None),
    ],
)
def test_the_organisation_a_membership_question_names(question: str, name: str | None) -> None:
    assert member_asked(question, ["OSMOSE", "COMETES", "FORTEIM", "DécarboChim"]) == name


def test_a_name_is_found_as_a_whole_word() -> None:
    assert names_member("Naval Group", "des industriels comme CMN et Naval Group.")
    assert not names_member("CMN", "la CMNA")


@pytest.mark.slow
def test_an_organisation_the_document_never_names_is_said_so(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Airbus fait-il partie des partenaires du projet OSMOSE ?")
    assert not answer.answerable
    assert "ne précise pas la participation de « Airbus »" in answer.text
    assert "21 partenaires" not in answer.text
    named = indexed_assistant.ask("Naval Group fait-il partie de FORTEIM ?")
    assert named.answerable and "Naval Group" in named.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("est ce qu'airbus fait partie du consortium cometes ?", "airbus"),
        ("est-ce que naval group est partenaire de forteim", "naval group"),
        # The programme itself typed in lower case is no organisation asked about.
        ("est ce que cometes fait partie de l'ami cma ?", None),
    ],
)
def test_an_organisation_typed_without_capitals(question: str, name: str | None) -> None:
    assert member_asked(question, ["COMETES", "FORTEIM"]) == name


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("REMED fait-il partie de l'AMI CMA ?", ("competences et metiers d'avenir", "ami cma")),
        ("PERF Henri-Fabre relève-t-il de France 2030 ?", ("france 2030",)),
        ("De combien MACMIA est-il financé par France 2030 ?", ()),
        ("Combien de projets font partie de l'AMI CMA ?", ()),
        ("Airbus fait-il partie des partenaires d'OSMOSE ?", ()),
    ],
)
def test_the_call_or_plan_asked(question: str, names: tuple[str, ...]) -> None:
    assert umbrella_asked(question) == names
