"""Rows of the dashboard tests: logged questions and feedback in a temporary database."""

from __future__ import annotations

from assistant.answer import NOT_FOUND, Answer, Citation
from assistant.feedback import FeedbackStore, LoggedQuestion, QuestionLog

SITE = "www.region-demo.example"
REFUSED_QUESTION = "Quelle est la recette du far breton ?"
THUMBS_DOWN_QUESTION = "Quel est le budget d'Electro'Mob ?"
COMMENT = "Le montant a changé en 2026."


def fill(url: str) -> None:
    """Two refusals (one group), an answer with a 👎 « Chiffre faux », a chat answer."""
    log = QuestionLog(url)
    cite = Citation(1, "electromob", "Electro'Mob", None, "q", "electromob-1", 0, 1, "q")
    answered = Answer("25 M€ [1]", True, [cite], 0.9)
    for answer, question, site in (
        (Answer(NOT_FOUND, False), REFUSED_QUESTION, SITE),
        (Answer(NOT_FOUND, False), "Recette du far breton ?", SITE),
        (answered, THUMBS_DOWN_QUESTION, SITE),
        (Answer("Oui [1]", True, [cite], 0.9), "Electro'Mob forme-t-il des adultes ?", "chat"),
    ):
        log.record(LoggedQuestion.of(answer, question, site=site, latency_ms=420))
    assert log.flush(10)
    log.close()
    FeedbackStore(url).submit(
        answered.answer_id, -1, reason="chiffre_faux", comment=COMMENT, site=SITE
    )
