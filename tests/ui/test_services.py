"""Glue between the page and the assistant: history, streamed pieces, corpus info."""

from __future__ import annotations

from ui_fakes import FakeAssistant

from assistant import Answer
from ui import services


def test_history_pairs_questions_with_answers_and_skips_errors() -> None:
    answer = Answer(text="25 M€ [1]", answerable=True)
    messages = [
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "25 M€ [1]", "answer": answer},
        {"role": "user", "content": "Q2"},
        {"role": "assistant", "content": "Erreur", "error": "Erreur"},
        {"role": "user", "content": "Q3"},
        {"role": "assistant", "content": "25 M€ [1]", "answer": answer},
    ]
    history = services.build_history(messages, max_turns=20)
    assert [t["content"] for t in history] == ["Q1", "25 M€ [1]", "Q3", "25 M€ [1]"]
    assert services.build_history(messages, max_turns=1) == history[-2:]


def test_text_pieces_keep_the_answer_and_the_raw_text() -> None:
    sink: dict[str, Answer] = {}
    stream = FakeAssistant().stream("Quel est le budget ?")
    text = "".join(services.text_pieces(stream, sink))
    assert sink["answer"].citations[0].doc_id == "electromob"
    # raw text: the page escapes it in ui.render.answer_html (no Markdown renderer involved)
    assert text == sink["answer"].text


def test_corpus_info_from_the_catalogue() -> None:
    info = services.corpus_info(FakeAssistant())
    assert info.regions == ["Hauts-de-France", "Nouvelle-Aquitaine"]
    assert info.programmes == {"battena": "BATTENA", "electromob": "Electro'Mob"}
    assert (info.updated, info.count) == ("2026-11-25", 2)
    assert (info.index_version, info.index_updated) == (3, "2026-11-26T08:00:00+00:00")
