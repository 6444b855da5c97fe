"""What a programme's acronym stands for: « Que signifie FORTEIM ? ».

The full name is one of the programme's name forms (an alias or its title) whose words'
initials run through the acronym in order (« FORmation à la Transition Écoénergétique des
Industries de la Mer » for FORTEIM). The answer quotes the sentence writing it out, or, when
only the fiche's title does, the fiche's first sentence (its card shows the title).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.answering.quotes import CitationBuilder, Quote, in_sources_section, sentences
from assistant.text.folding import fold

if TYPE_CHECKING:
    from collections.abc import Sequence

    from assistant.answering.question import QuestionInfo
    from assistant.catalog import ProgrammeRecord
    from assistant.index.store import StoredChunk

#: The question asks what a name stands for (folded text).
MEANING_ASK = re.compile(
    r"\b(que|qu'est-ce que) (signifie|veut dire|designe|recouvre)\b"
    r"|\b(veut|veulent) dire quoi\b|\bsignifie(nt)? quoi\b|\bsignification\b"
    r"|\bsigle\b|\bacronyme\b|\babreviation\b"
    # « À quoi correspond DACSO ? » (not « à quoi correspondent ses 14 M€ ? »)
    r"|\ba quoi correspond(ent)? (le sigle |l'acronyme |le nom )?[\w'’-]+ ?\?"
)

#: Words an acronym skips (« de la », « des », « pour une »…).
_SKIPPED = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour"}
    | {"sur", "un", "une"}
)

#: An acronym as a question writes it (« ATRVD », « DEF'Hy » is the programme's own).
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: The confidence of an answer read from a programme's own name forms.
MEANING_CONFIDENCE = 0.9


def _letters(name: str) -> str:
    """The letters of an acronym, a digit repeating the next one (« EN2R » → enrr)."""
    letters = "".join(ch for ch in fold(name) if ch.isalnum())
    return re.sub(r"([2-4])([a-z])", lambda m: m.group(2) * int(m.group(1)), letters)


def _initials(phrase: str) -> str:
    words = [w for w in _WORD.findall(fold(phrase).replace("'", " ")) if w not in _SKIPPED]
    return "".join(w[0] for w in words)


def _capitals(phrase: str) -> str:
    """The capitals each word starts with: « BATTeries En Nouvelle-Aquitaine » → battena."""
    words = re.split(r"[\s'’-]+", phrase)
    return fold("".join(re.match(r"[^\W\d_a-zà-ÿ]*", w).group() for w in words))


def _runs_through(initials: str, letters: str) -> bool:
    """Whether ``initials`` start like ``letters``, occur in it in order and spell at least
    half of it (« Formation Pro Industrie » does not spell FPI AURA out)."""
    if len(initials) < 2 or initials[0] != letters[0] or 2 * len(initials) < len(letters):
        return False
    rest = iter(letters)
    return all(ch in rest for ch in initials)


def expansion(acronym: str, forms: Sequence[str]) -> str | None:
    """The form among ``forms`` that spells ``acronym`` out, if one does."""
    letters = _letters(acronym)
    if not 2 <= len(letters) <= 10 or "/" in acronym:
        return None
    for form in forms:
        # A title reads « REMED : Réussir … (Lyon 1, …) »: the part after the acronym.
        body = re.sub(r"\s*\([^)]*\)\s*$", "", form.split(" : ", 1)[-1]).strip()
        if (
            len(body.split()) >= 3
            and f" {fold(acronym)} " not in f" {fold(body)} "
            and (_capitals(body) == letters or _runs_through(_initials(body), letters))
        ):
            return body
    return None


def _written_out(token: str, quotes: Sequence[Quote]) -> tuple[str, Quote] | None:
    """« DACSO (Diagnostic Aéronautique Compétences Sud-Ouest) », « DEF'Hy (« Développer
    l'emploi … ») »: the full name a sentence gives in brackets right after ``token``."""
    letters = _letters(token)
    pattern = re.compile(rf"(?<![\w-]){re.escape(token)}\s*\((« ?)?([^()«»]{{8,}}?)( ?»)?\)")
    for quote in quotes:
        for match in pattern.finditer(quote.display):
            full = match.group(2).strip()
            if match.group(1) or _runs_through(_initials(full), letters):
                return full, quote
    return None


def meaning_answer(
    info: QuestionInfo, record: ProgrammeRecord, chunks: Sequence[StoredChunk]
) -> Answer | None:
    """« FORTEIM signifie … » when ``info`` asks what ``record``'s acronym stands for."""
    if not MEANING_ASK.search(fold(info.text)):
        return None
    # « Que signifie le sigle ATRVD dans le catalogue de l'EN2R ? » asks another acronym.
    own = {_letters(w) for form in (record.short_name, *record.aliases) for w in form.split()}
    if any(_letters(w) not in own for w in _ACRONYM.findall(info.text)):
        return None
    quotes = [q for c in chunks for q in sentences(c) if not in_sources_section(q)]
    if not quotes:
        return None
    name = record.short_name
    # The full name as a sentence writes it after the name (« L'EN2R (École nationale du
    # recyclage et de la ressource) »), else as the fiche's names spell it.
    found = None if "/" in name else _written_out(name, quotes)
    if found is not None:
        full, quote = found
    elif (full := expansion(name, [*record.aliases, record.title])) is not None:
        quote = next((q for q in quotes if fold(full) in fold(q.display)), None)
    else:
        # « À quoi correspond DACSO ? » of « DACSO / DECSO »: the half the question names.
        folded = fold(info.text)
        halves = [w for w in re.split(r"\s*/\s*|\s+", name) if _letters(w) and fold(w) in folded]
        for half in halves or [name]:
            if (found := _written_out(half, quotes)) is not None:
                name, (full, quote) = half, found
                break
        else:
            return None
    builder = CitationBuilder()
    where = "" if quote is not None else ", l'intitulé complet de sa fiche"
    cited = builder.cite(quote or quotes[0])
    return Answer(
        text=f"« {name} » signifie « {full} »{where}. [{cited}]",
        answerable=True,
        citations=builder.citations,
        confidence=MEANING_CONFIDENCE,
        standalone_question=info.text,
    )


__all__ = ["MEANING_ASK", "expansion", "meaning_answer"]
