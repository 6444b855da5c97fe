"""A programme described, not named: a figure answered on its sentence's own evidence.

« Combien l'État met-il sur la table pour l'école de Verkor ? » names no programme and
shares few words with its answer, so the domain score (:mod:`answerability`) rates it
low. It is still answered when one sentence settles it: a sentence of retrieval's top
document, which is a catalogue programme the question describes (a word of its subject is
in the programme's record: its lead Verkor), holding a number and a word of the subject,
whose own vector is at least half-way to a sure match on retrieval's scale. No embedding
is added: the sentence vectors are the ones the ranker already compared. The bar is a
cosine: a question whose best sentence sits just under it is refused, as before this rule
(the Verkor question itself does, with int8 question vectors: docs/model.md).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answering.parts import has_number, holds_any
from assistant.answering.quotes import preceding
from assistant.retrieval.base import DENSE_FLOOR, DENSE_SPAN
from assistant.text.folding import fold
from assistant.text.glossary import expansions

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.answering.ranking import Scored, SentenceRanker
    from assistant.catalog import Catalog
    from assistant.retrieval.base import RetrievalResult

#: Similarity of a sentence to the question that counts as a sure match: half-way
#: between an unrelated passage (``DENSE_FLOOR``) and a sure one.
SURE_SIMILARITY = DENSE_FLOOR + DENSE_SPAN / 2


def sure_figure(
    info: QuestionInfo,
    best: Scored,
    retrieval: RetrievalResult,
    catalog: Catalog,
    ranker: SentenceRanker,
) -> bool:
    """Whether ``best`` answers the figure question ``info`` on its own evidence."""
    subject = ranker.subject(info)
    return (
        best.similarity is not None
        and best.similarity >= SURE_SIMILARITY
        and bool(retrieval.passages)
        and best.quote.chunk.doc_id == retrieval.passages[0].doc_id
        and has_number(best.quote.text)
        and (
            holds_any(subject, best.quote.text)
            or _holds_synonym(info.text, best.quote.text)
            # « Plus de 400 lettres d'intention avaient été reçues. » after the sentence on
            # the saison 2 it speaks of: the paragraph's previous sentence says the subject.
            or ((before := preceding(best.quote)) is not None and holds_any(subject, before.text))
        )
        and describes(subject, best.quote.chunk.doc_id, catalog)
    )


def _holds_synonym(question: str, text: str) -> bool:
    """Whether ``text`` writes a glossary term of ``question`` another way, in two steps
    (« apprentissage automatique » -> « intelligence artificielle » -> « IA »)."""
    first = expansions(question)
    forms = {*first, *expansions(f"{question} {' '.join(first)}")}
    folded = fold(text)
    return any(re.search(rf"(?<![\w-]){re.escape(fold(f))}(?![\w-])", folded) for f in forms)


def describes(subject: frozenset[str], doc_id: str, catalog: Catalog) -> bool:
    """Whether a word of ``subject`` is in the catalogue record of ``doc_id`` (its title,
    aliases, lead, partners, towns or sectors: « l'école de Verkor », « le campus
    poitevin »). A document outside the catalogue is described by nothing."""
    record = catalog.by_id.get(doc_id)
    if record is None:
        return False
    fields = [
        record.title,
        *record.aliases,
        record.lead or "",
        *record.partners,
        *record.cities,
        *record.sectors,
    ]
    return holds_any(subject, " ".join(fields))
