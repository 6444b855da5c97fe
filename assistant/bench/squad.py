"""SQuAD-format question sets: loading, conversion to documents, and answer scoring.

A SQuAD file is ``{"data": [{"title", "id"?, "paragraphs": [{"context", "qas": [...]}]}]}``.
Every article becomes one :class:`~assistant.ingest.documents.Document` (id = article ``id``, else
its ``title``; paragraphs joined by blank lines), and every question with a non-empty text
becomes a :class:`BenchQuestion` whose expected source is its article. Questions marked
``is_impossible`` with a real text are unanswerable (the right behaviour is a refusal);
placeholders with an empty text (``best_fiche.json``) are skipped.

Scoring follows SQuAD's official script, adapted to French: answers are normalised with
:func:`assistant.text.numbers.normalize` (case, spaces, digit grouping), punctuation and French
articles/elisions are dropped, then token F1 is computed against each gold span (best one
kept). Containment is whether a gold span occurs in the answer once both are normalised.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import SquadError
from assistant.ingest.documents import Document, slugify
from assistant.text.numbers import normalize
from assistant.text.patterns import MARKERS_RE

#: French articles and elided forms removed before token F1 (SQuAD drops a/an/the).
_FR_ARTICLES = re.compile(r"\b(le|la|les|l|un|une|des|du|de|d|au|aux)\b")
_PUNCT = re.compile(rf"[{re.escape(string.punctuation)}«»“”‘’…–—•]")


@dataclass(frozen=True)
class BenchQuestion:
    """One question of a benchmark, whatever its source format.

    ``expected``: answer strings; with ``all_expected`` every one must be in the answer
    (corpus QA files), otherwise any one is enough (SQuAD gold spans).
    """

    id: str
    question: str
    sources: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    answerable: bool = True
    type: str = "squad"
    history: tuple[dict[str, str], ...] = ()
    all_expected: bool = False


@dataclass
class SquadSet:
    """Documents and questions read from one or more SQuAD files."""

    documents: list[Document] = field(default_factory=list)
    questions: list[BenchQuestion] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# --- loading ---------------------------------------------------------------------------------


def _article_id(article: dict[str, Any], index: int) -> str:
    for key in ("id", "title"):
        value = article.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return f"article-{index:04d}"


def load_squad(paths: Sequence[Path]) -> SquadSet:
    """Read SQuAD files into documents and questions (see the module docstring).

    Raises :class:`SquadError` (French user message) on an unreadable file or one that
    is not SQuAD-shaped. An article id seen in two files keeps its first version.
    """
    result = SquadSet()
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SquadError(
                f"cannot read SQuAD file {path}: {exc}",
                user_message=f"Le fichier SQuAD {path} est illisible : {exc}",
            ) from exc
        data = raw.get("data") if isinstance(raw, dict) else None
        if not isinstance(data, list):
            raise SquadError(
                f"{path}: no 'data' list (not a SQuAD file)",
                user_message=f"Le fichier {path} n'est pas au format SQuAD (clé « data » absente).",
            )
        result.files.append(str(path))
        for index, article in enumerate(data):
            if not isinstance(article, dict):
                continue
            doc_id = _article_id(article, index)
            paragraphs = [p for p in article.get("paragraphs") or [] if isinstance(p, dict)]
            text = "\n\n".join(str(p.get("context") or "").strip() for p in paragraphs).strip()
            if doc_id in seen or not text:
                continue
            seen.add(doc_id)
            result.documents.append(_document(article, doc_id, text, path))
            for p_index, paragraph in enumerate(paragraphs):
                for q_index, qa in enumerate(paragraph.get("qas") or []):
                    question = str(qa.get("question") or "").strip()
                    if not question:
                        continue  # placeholder (e.g. best_fiche.json's distractors)
                    answers = tuple(
                        dict.fromkeys(
                            str(a.get("text") or "").strip()
                            for a in qa.get("answers") or []
                            if str(a.get("text") or "").strip()
                        )
                    )
                    impossible = bool(qa.get("is_impossible")) or not answers
                    result.questions.append(
                        BenchQuestion(
                            id=str(qa.get("id") or f"{doc_id}-{p_index}-{q_index}"),
                            question=question,
                            sources=() if impossible else (doc_id,),
                            expected=() if impossible else answers,
                            answerable=not impossible,
                        )
                    )
    return result


def _document(article: dict[str, Any], doc_id: str, text: str, path: Path) -> Document:
    title = str(article.get("title") or doc_id).strip()
    link = article.get("link") or article.get("url")
    return Document(
        id=doc_id,
        title=title,
        text=text,
        url=str(link) if isinstance(link, str) and link.strip() else None,
        # No front matter: SQuAD articles are not programmes of the catalogue.
        metadata={},
        source_path=f"{path}#{slugify(doc_id) or doc_id}",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format="text",
    )


def load_qa_jsonl(path: Path) -> list[BenchQuestion]:
    """Read a corpus question file (``corpus/qa/*.jsonl``) as benchmark questions."""
    questions = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            q = json.loads(line)
            questions.append(
                BenchQuestion(
                    id=str(q.get("id") or n),
                    question=q["question"],
                    sources=tuple(q.get("sources") or ()),
                    expected=tuple(q.get("expected") or ()),
                    answerable=bool(q.get("answerable", True)),
                    type=str(q.get("type") or "?"),
                    history=tuple(q.get("history") or ()),
                    all_expected=True,
                )
            )
    return questions


# --- scoring ---------------------------------------------------------------------------------


def strip_markers(text: str) -> str:
    """The answer text without its citation markers « [1] »."""
    return re.sub(r"\s*" + MARKERS_RE.pattern, "", text)


def normalize_answer(text: str) -> str:
    """SQuAD's answer normalisation, for French: case, punctuation, articles, spaces."""
    text = unicodedata.normalize("NFC", strip_markers(text))
    text = normalize(text)
    text = _PUNCT.sub(" ", text)
    text = _FR_ARTICLES.sub(" ", text)
    return " ".join(text.split())


def token_f1(prediction: str, gold: str) -> float:
    """Token-overlap F1 of SQuAD's official script (on :func:`normalize_answer` tokens)."""
    pred = normalize_answer(prediction).split()
    ref = normalize_answer(gold).split()
    if not pred or not ref:
        return float(pred == ref)
    common = Counter(pred) & Counter(ref)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision = same / len(pred)
    recall = same / len(ref)
    return 2 * precision * recall / (precision + recall)


def _span_key(text: str) -> str:
    """Normalised span for containment (edges' punctuation ignored, e.g. a trailing comma)."""
    return normalize(strip_markers(text)).strip(" \t" + string.punctuation + "«»…")


def contains_answer(answer: str, gold: str) -> bool:
    """Whether the gold span occurs in the answer (normalised, markers removed)."""
    needle = _span_key(gold)
    return bool(needle) and needle in normalize(strip_markers(answer))


def best_f1(answer: str, golds: Iterable[str]) -> float:
    """Best token F1 of ``answer`` against any gold span (0 when there is none)."""
    return max((token_f1(answer, g) for g in golds), default=0.0)


def is_contained(answer: str, question: BenchQuestion) -> bool:
    """Containment under the question's rule (all expected strings, or any gold span)."""
    if not question.expected:
        return False
    if question.all_expected:
        return all(contains_answer(answer, e) for e in question.expected)
    return any(contains_answer(answer, e) for e in question.expected)
