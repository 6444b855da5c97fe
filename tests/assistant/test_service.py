"""The Assistant facade: French messages for bad questions, streaming, programme records."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant import Answer, Assistant, Filters, QuestionError, get_settings

if TYPE_CHECKING:
    from assistant import Settings


@pytest.fixture
def lazy_assistant() -> Assistant:
    """An assistant that loads nothing until a question passes validation."""
    settings: Settings = get_settings().model_copy(
        update={"max_question_chars": 50, "max_history_turns": 1}
    )
    return Assistant.from_settings(settings)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Merci de saisir une question."),
        ("  \x00\x07 ", "Merci de saisir une question."),
        ("?!… ", "Je n'ai pas reconnu de mots dans votre question"),
        ("x" * 51, "Votre question est trop longue (51 caractères) : 50 caractères au maximum."),
    ],
)
def test_bad_questions_get_a_french_message(
    lazy_assistant: Assistant, question: str, message: str
) -> None:
    with pytest.raises(QuestionError) as caught:
        lazy_assistant.ask(question)
    assert caught.value.user_message.startswith(message)


def test_a_too_long_conversation_asks_for_a_new_one(lazy_assistant: Assistant) -> None:
    history = [{"role": "user", "content": "Bonjour"}] * 3
    with pytest.raises(QuestionError) as caught:
        lazy_assistant.ask("Et pour FPI AURA ?", history=history)
    assert "nouvelle" in caught.value.user_message


def test_validation_strips_control_characters(lazy_assistant: Assistant) -> None:
    assert lazy_assistant.validate("  Budget\x00 de BATTENA ?\n") == "Budget  de BATTENA ?"


@pytest.mark.slow
def test_stream_yields_the_text_then_the_answer(indexed_assistant: Assistant) -> None:
    pieces = list(indexed_assistant.stream("Quel est le budget d'Electro'Mob ?"))
    final = pieces[-1]
    assert isinstance(final, Answer)
    assert all(isinstance(p, str) for p in pieces[:-1])
    assert "".join(pieces[:-1]) == final.text  # type: ignore[arg-type]


@pytest.mark.slow
def test_programmes_are_the_filtered_records(indexed_assistant: Assistant) -> None:
    assert len(indexed_assistant.programmes()) == 49
    records = indexed_assistant.programmes(Filters(regions=("Hauts-de-France",)))
    assert "electromob" in {r.id for r in records}
    assert all("Hauts-de-France" in r.regions for r in records)
