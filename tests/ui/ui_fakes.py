"""A scripted fake assistant and test data for the chat-page tests."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `ui` is a folder of the project, not an installed package
    sys.path.insert(0, str(ROOT))

from assistant import (  # noqa: E402
    Answer,
    Citation,
    Filters,
    QuestionError,
)
from assistant.catalog import ProgrammeRecord  # noqa: E402

APP = ROOT / "ui" / "app.py"

#: Hostile document text: must be shown as text, never run or rendered as markup.
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'

CHUNK = (
    "## Chiffres clés\n\nElectro'Mob dispose d'un budget total de 25 M€, dont 14,2 M€ "
    f"d'aide de l'État au titre de France 2030. {HOSTILE} Le projet vise 8 000 personnes."
)
QUOTE = "budget total de 25 M€, dont 14,2 M€ d'aide de l'État"

RECORDS = [
    ProgrammeRecord(
        id="electromob",
        title="Electro'Mob : former aux métiers de l'automobile électrique",
        short_name="Electro'Mob",
        regions=("Hauts-de-France",),
        sectors=("automobile électrique", "batteries"),
        budget_total_eur=25_000_000,
        state_aid_eur=14_200_000,
        url="https://www.hautsdefrance.fr/electromob/",
        updated="2026-11-25",
    ),
    ProgrammeRecord(
        id="battena",
        title="BATTENA : les batteries en Nouvelle-Aquitaine",
        short_name="BATTENA",
        regions=("Nouvelle-Aquitaine",),
        sectors=("batteries",),
        updated="2026-11-20",
    ),
]


def electromob_citation(n: int = 1) -> Citation:
    start = CHUNK.index(QUOTE)
    return Citation(
        n=n,
        doc_id="electromob",
        title="Electro'Mob : former aux métiers de l'automobile électrique",
        url="https://www.hautsdefrance.fr/electromob/",
        quote=QUOTE,
        chunk_id="electromob-3",
        start=start,
        end=start + len(QUOTE),
        chunk_text=CHUNK,
        updated="2026-11-25",
        heading="Chiffres clés",
    )


@dataclass
class FakeAssistant:
    """Scripted stand-in for :class:`assistant.service.Assistant` (same interface)."""

    #: The French message of a question over ``MAX_CHARS`` (as the real assistant words it).
    MAX_CHARS = 2000
    TOO_LONG = "Votre question est trop longue : 2000 caractères au maximum."

    calls: list[dict[str, Any]] = field(default_factory=list)
    settings: Any = field(default_factory=lambda: SimpleNamespace(max_history_turns=20))

    @property
    def catalog(self) -> Any:
        return SimpleNamespace(
            regions=lambda: sorted({r for rec in RECORDS for r in rec.regions}),
            sectors=lambda: sorted({s for rec in RECORDS for s in rec.sectors}),
        )

    def programmes(self, filters: Filters | None = None) -> list[ProgrammeRecord]:
        return list(RECORDS)

    def index_status(self) -> dict[str, Any]:
        return {"index_version": 3, "index_updated": "2026-11-26T08:00:00+00:00"}

    def answer_for(self, question: str) -> Answer:
        if "boom" in question:
            raise RuntimeError("simulated crash")
        if "compare" in question.lower():
            return Answer(
                text="Voici la comparaison des budgets [1].",
                answerable=True,
                citations=[electromob_citation()],
                table=[
                    {"Programme": "Electro'Mob", "Budget total": "25 M€"},
                    {"Programme": "BATTENA", "Budget total": "n.c."},
                ],
            )
        if "inconnu" in question:
            return Answer(
                text="Je n'ai pas trouvé cette information dans les documents dont je dispose.",
                answerable=False,
            )
        return Answer(
            text=f"Le budget total d'Electro'Mob est de 25 M€, dont 14,2 M€ d'aide de l'État [1]. "
            f"{HOSTILE} $5 et 8 000 personnes.",
            answerable=True,
            citations=[electromob_citation()],
            confidence=0.9,
        )

    def stream(
        self,
        question: str,
        *,
        history: Sequence[dict[str, str]] = (),
        filters: Filters | None = None,
    ) -> Iterator[str | Answer]:
        if not question.strip():
            raise QuestionError("empty", user_message="Merci de saisir une question.")
        if len(question) > self.MAX_CHARS:
            raise QuestionError("too long", user_message=self.TOO_LONG)
        self.calls.append({"question": question, "history": list(history), "filters": filters})
        answer = self.answer_for(question)
        yield from re.findall(r"\S+\s*|\s+", answer.text)
        yield answer
