"""Answers on the call's own rounds (« la 3e vague », « saison 2 »), the seventeenth
tuning round (docs/tuning.md): a question naming a round is about the collection though it
names no programme, and a sentence about another round does not answer it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Pour la 3e vague de la saison 1, combien de projets ont été sélectionnés ?", "41"),
        ("Des projets antillais ont-ils été retenus en saison 2 ?", "2 projets"),
        ("De quand date la feuille de route qui fixe le cadre de la saison 2 ?", "26 avril 2023"),
        (
            "Combien de nouveaux lauréats ont été annoncés en novembre 2024 pour la saison 2 ?",
            "62",
        ),
    ],
)
def test_a_round_of_the_call_is_answered_though_no_programme_is_named(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert expected in answer.text
    # Cited from the call's own fiches.
    assert answer.citations
    assert {c.doc_id for c in answer.citations} <= {"ami-cma-saisons", "ami-cma"}


def test_rounds_asked_together_are_not_answered_by_one_of_them(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "En cumulant les deux premières vagues, combien de projets ont été retenus ?"
    )
    assert "136" in answer.text
    # The 1re levée's 66 projects alone are another figure.
    assert "66 projets" not in answer.text


def test_an_everyday_season_is_not_a_round_of_the_call(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quand commence la deuxième saison de la série Lupin ?")
    assert not answer.answerable


def test_names_withheld_do_not_refuse_a_figure(indexed_assistant: Assistant) -> None:
    # « Les noms des 10 lauréats … ne sont pas publiés » withholds names, not the amount.
    answer = indexed_assistant.ask(
        "Quel montant représentent les 10 lauréats agricoles de la saison 2 ?"
    )
    assert answer.answerable
    assert "50 M€" in answer.text


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Quel élu régional a assisté au lancement officiel de BATTENA ?", "Alain Rousset"),
        (
            "Quelle personnalité politique était présente à l'inauguration de l'EN2R ?",
            "Xavier Bertrand",
        ),
        (
            "Comment s'appelle le recteur venu voir le nouveau bac pro du lycée Frédéric-Faÿs ?",
            "Olivier Dugrip",
        ),
    ],
)
def test_a_person_asked_by_their_office_is_named(
    indexed_assistant: Assistant, question: str, person: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert person in answer.citations[0].quote


def test_a_count_asked_of_a_round_comes_from_the_sentence_counting_it(
    indexed_assistant: Assistant,
) -> None:
    # Not « chacun entre 50 000 € et 200 000 € », a sentence on the same diagnostics.
    answer = indexed_assistant.ask(
        "À la première levée, combien de diagnostics figuraient parmi les lauréats ?"
    )
    assert "23 diagnostics" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Quand le premier versement de France 2030 au CMQ NFP 4.0 a-t-il eu lieu ?",
        "À quelle date France 2030 a-t-il fait son premier versement au CMQ NFP 4.0 ?",
    ],
)
def test_a_question_opening_on_when_asks_a_date(
    indexed_assistant: Assistant, question: str
) -> None:
    # The money words say which event; « L'État apporte 10 M€ » is no date.
    answer = indexed_assistant.ask(question)
    assert "Début 2024" in answer.text
    assert "10 M€" not in answer.text


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (
            [
                ("user", "Quel programme forme aux métiers de la batterie en Nouvelle-Aquitaine ?"),
                ("assistant", "BATTENA, porté par le Conseil régional de Nouvelle-Aquitaine."),
            ],
            "Côté Région, quelle élue est la référente chargée du dossier ?",
            "Karine Desroses",
        ),
        (
            [
                ("user", "Quant4CVL, c'est quoi ?"),
                ("assistant", "Quant4CVL est un cursus master en ingénierie quantique."),
            ],
            "Quelle académie a aussi signé la convention avec l'université ?",
            "Orléans-Tours",
        ),
    ],
)
def test_the_file_or_the_agreement_discussed_points_back(
    indexed_assistant: Assistant,
    history: list[tuple[str, str]],
    question: str,
    expected: str,
) -> None:
    turns = [{"role": role, "content": content} for role, content in history]
    answer = indexed_assistant.ask(question, history=turns)
    assert expected in answer.text


def test_a_partner_of_one_kind_is_named_not_counted(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quel CMQ est partenaire du projet GENHYO ?")
    assert "CMQ d'excellence Aéronautique et Spatial" in answer.text


def test_certifying_courses_counted_ask_no_diploma(indexed_assistant: Assistant) -> None:
    # « formations diplômantes ou certifiantes » says which places are counted.
    answer = indexed_assistant.ask(
        "Selon l'ANR, combien de places en formations certifiantes ou diplômantes "
        "ont été ouvertes en 2022 et 2023 ?"
    )
    assert "34 000" in answer.text


def test_a_follow_up_on_the_call_keeps_the_round_discussed(indexed_assistant: Assistant) -> None:
    history = [
        {
            "role": "user",
            "content": "Combien de projets la 1re levée de l'AMI CMA a-t-elle retenus ?",
        },
        {"role": "assistant", "content": "La 1re levée a retenu 66 projets."},
    ]
    answer = indexed_assistant.ask(
        "Et combien de ces projets portaient sur l'hydrogène ?", history=history
    )
    assert "1re levée" in answer.standalone_question
    assert "quatre" in answer.text or "4 " in answer.text


def test_a_programme_described_by_its_carrier_beside_the_call(
    indexed_assistant: Assistant,
) -> None:
    # « par l'AMI CMA » says who selected it; « le projet de Verkor » is the programme.
    answer = indexed_assistant.ask("Quand l'AMI CMA a-t-il retenu le projet porté par Verkor ?")
    assert "été 2022" in answer.text
    assert answer.citations[0].doc_id == "ecole-de-la-batterie"


def test_a_count_nearly_tied_between_two_fiches_comes_from_the_one_retrieval_ranks_first(
    indexed_assistant: Assistant,
) -> None:
    # « 14 projets … rendus publics » (one group's fiche) is not how many were selected.
    answer = indexed_assistant.ask(
        "Combien de projets ont été sélectionnés lors de la troisième vague ?"
    )
    assert "41 projets" in answer.text
    assert "14 projets retenus" not in answer.text
