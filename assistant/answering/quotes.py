"""Verbatim sentences of chunks, and the numbered citations built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.answer import Answer, Citation
from assistant.index.records import StoredChunk
from assistant.text.folding import fold
from assistant.text.numbers import numbers_in
from assistant.text.quotable import quotable_spans
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.catalog import Catalog

_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
#: A line that starts a list item (« - », « * », « 1. », « 2) »).
_ITEM = re.compile(r"[ \t]*(?:[-*+•–]|\d{1,3}[.)])[ \t]+\S")
#: A line break before a list item: kept when a lead-in is quoted with its list.
_ITEM_BREAK = re.compile(r"[ \t]*\n\s*(?=(?:[-*+•–]|\d{1,3}[.)])[ \t])")
#: At most this many items are quoted after a lead-in (and this many characters).
MAX_ITEMS = 12
_MAX_LIST_CHARS = 1500
_LINE = re.compile(r"[^\n]*")
#: A sentence that refers back to the one before it (« Ces outils… », « Cette somme… »).
_REFERS_BACK = re.compile(r"(Ce|Cet|Cette|Ces) [a-zéèêàâîôûç]")


@dataclass(frozen=True)
class Quote:
    """A sentence of a chunk, by offsets (``chunk.text[start:end]``)."""

    chunk: StoredChunk
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]

    @property
    def display(self) -> str:
        """The sentence as an answer shows it: the source's hard line breaks (wrapped
        paragraphs) become spaces, so no answer breaks a line in mid-sentence; a lead-in
        quoted with its list (:func:`with_list`) keeps one item per line."""
        lines = _ITEM_BREAK.split(self.text.strip())
        return "\n".join(_LINE_BREAK.sub(" ", line) for line in lines)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.chunk.id, self.start, self.end)


def in_sources_section(quote: Quote) -> bool:
    """Sentences of a « Sources » section are references, not answers; nor are those of
    an « Écarts entre sources » section, on their own: they give the figures again, with
    who gives which (:func:`source_comparisons` reads those)."""
    heading = fold(quote.chunk.meta.heading)
    return heading.endswith("sources") or quote.text.lstrip().startswith("http")


def source_comparisons(chunks: Iterable[StoredChunk]) -> list[Quote]:
    """Sentences of the sections comparing what the sources say (« Écarts entre sources »),
    kept out of the best-sentence pool by :func:`in_sources_section` though they are no
    list of references (« Sources », « Principales sources »)."""
    found: list[Quote] = []
    for chunk in chunks:
        path = chunk.meta.heading_path
        last = fold(path[-1]).split() if path else []
        if len(last) > 2 and last[-1] == "sources" and last[0] != "sources":
            found += [q for q in sentences(chunk) if not q.text.lstrip().startswith("http")]
    return found


#: A number with its unit or counted noun (« 120 M€ », « 1 800 experts »).
_FIGURE = re.compile(r"(\d[\d \u00a0\u202f]*(?:,\d+)?)\s*(Md€|M€|k€|€|%|[^\W\d_]+)?")
#: A year, not a figure.
YEAR = re.compile(r"(19|20)\d\d")
#: A sentence that already gives the figures that disagree (« 25 ou 26 partenaires selon
#: les sources », « selon France Hydrogène ; d'autres sources en citent 24 »).
TOLD_APART = re.compile(
    r"selon les sources|d'autres (sources|chiffres)|\bplutot\b|\bdiffer|\d ou \d|"
    r"\bselon\b[^;]*;"
)


def figures_in(text: str) -> set[tuple[str, str]]:
    """The numbers of ``text`` with their unit or counted noun (« 120 € » is not « 120 M€ »,
    « 1 800 experts » not « 1800 net »)."""
    return {
        (n, fold(m.group(2) or "")[:5])
        for m in _FIGURE.finditer(text)
        for n in numbers_in(m.group(1))
    }


def attributed(quote: Quote, chunks: Sequence[StoredChunk]) -> list[Quote]:
    """The sentence of ``quote``'s document (``chunks``) comparing what its sources say
    of one of ``quote``'s figures (« 2,7 M€ selon l'Université Côte d'Azur ; jusqu'à
    2,8 M€ selon Invest in Côte d'Azur », « France Hydrogène indique 16 586 665 € ; h2h24
    parle de 16 M€ »): a line of the comparison section that sets sources apart. None
    for a quote that already does (« 25 ou 26 partenaires selon les sources »)."""
    if TOLD_APART.search(fold(quote.text)):
        return []
    # Figures with their unit (« 120 M€ » is not « 120 diagnostics »), not a « 5 » of « en
    # 5 ans » nor a year.
    own = {f for f in figures_in(quote.text) if len(f[0]) > 1 and not YEAR.fullmatch(f[0])}
    return [
        other
        for other in source_comparisons(chunks)
        if (TOLD_APART.search(fold(other.text)) or ";" in other.text)
        and own & figures_in(other.text)
    ][:1]


def in_section(chunk: StoredChunk, word: str) -> bool:
    """Whether ``chunk`` is in a section whose heading holds ``word`` (folded), singular or
    plural: « Public visé et niveaux » for « public », « Territoire » for « territoire »."""
    return re.search(rf"\b{re.escape(word)}s?\b", fold(chunk.meta.heading)) is not None


def in_context(quote: Quote) -> str:
    """``quote`` with what frames it: its section's heading and the start of its line (a
    list item's lead, « **3e vague** : … », before its second sentence)."""
    line_start = quote.chunk.text.rfind("\n", 0, quote.start) + 1
    return f"{quote.chunk.meta.heading}\n{quote.chunk.text[line_start : quote.end]}"


def sentences(chunk: StoredChunk) -> list[Quote]:
    """Quotable sentences of ``chunk`` (headings, table rows and list markers left out)."""
    return [Quote(chunk, s, e) for s, e in quotable_spans(chunk.text)]


@dataclass
class CitationBuilder:
    """Numbers quotes [1], [2]… in order of first use; one number per distinct quote."""

    citations: list[Citation] = field(default_factory=list)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, quote: Quote) -> int:
        if quote.key in self._numbers:
            return self._numbers[quote.key]
        n = len(self.citations) + 1
        meta = quote.chunk.meta
        self.citations.append(
            Citation(
                n=n,
                doc_id=quote.chunk.doc_id,
                title=meta.doc_title or quote.chunk.doc_id,
                url=meta.doc_url,
                quote=quote.text,
                chunk_id=quote.chunk.id,
                start=quote.start,
                end=quote.end,
                chunk_text=quote.chunk.text,
                updated=meta.updated,
                heading=meta.heading,
                source_name=meta.short_name or "",
            )
        )
        self._numbers[quote.key] = n
        return n


def with_list(quote: Quote) -> Quote:
    """``quote`` and the list it introduces, when it is a lead-in (« Ses outils phares : »)
    followed by list items in its chunk: the lead-in alone answers nothing."""
    if not quote.text.rstrip().endswith(":"):
        return quote
    text = quote.chunk.text
    end, items, in_item = quote.end, 0, False
    for line in _LINE.finditer(text, text.find("\n", quote.end) + 1 or len(text)):
        if not line.group().strip():
            in_item = False
            continue
        if _ITEM.match(line.group()):
            items += 1
            if items > MAX_ITEMS or line.end() - quote.start > _MAX_LIST_CHARS:
                break
            in_item = True
        elif not in_item:  # a paragraph after the list (or no list at all)
            break
        end = line.start() + len(line.group().rstrip())
    return Quote(quote.chunk, quote.start, end) if end > quote.end else quote


def following(quote: Quote) -> Quote | None:
    """The sentence right after ``quote`` in its paragraph, else None."""
    after = [q for q in sentences(quote.chunk) if q.start >= quote.end]
    if not after or "\n\n" in quote.chunk.text[quote.end : after[0].start]:
        return None
    return after[0]


def preceding(quote: Quote) -> Quote | None:
    """The sentence right before ``quote`` in its paragraph, else None."""
    before = [q for q in sentences(quote.chunk) if q.end <= quote.start]
    if not before or "\n\n" in quote.chunk.text[before[-1].end : quote.start]:
        return None
    return before[-1]


def continuation(quote: Quote) -> Quote | None:
    """The sentence right after ``quote`` in its paragraph when it refers back to it
    (« Ces outils servent à… », « Ce montant… »), else None."""
    after = following(quote)
    return after if after is not None and _REFERS_BACK.match(after.text) else None


def first_quote(chunks: Sequence[StoredChunk]) -> Quote | None:
    """The first quotable sentence of the first chunk that has one."""
    for chunk in chunks:
        found = sentences(chunk)
        if found:
            return found[0]
    return None


def quotes_of(chunks: Iterable[StoredChunk]) -> list[Quote]:
    return [q for chunk in chunks for q in sentences(chunk)]


def compose(
    info: QuestionInfo,
    quotes: Sequence[Quote],
    catalog: Catalog,
    *,
    confidence: float,
    builder: CitationBuilder | None = None,
) -> Answer:
    """The answer quoting ``quotes`` with [n] markers, the programme named first when the
    quoted sentences do not name it (« Il vise… »); ``builder`` continues a numbering."""
    builder = builder or CitationBuilder()
    # « RIS3 et CyberSkills4All forment ensemble … » and « CyberSkills4All et RIS3 forment
    # ensemble … », written in two fiches, are said once.
    said: set[frozenset[str]] = set()
    unique = []
    for quote in quotes:
        words = frozenset(tokenize(quote.text))
        if words not in said:
            said.add(words)
            unique.append(quote)
    quotes = unique
    parts = [f"{q.display} [{builder.cite(q)}]" for q in quotes]
    first = quotes[0]
    names = catalog.name_forms(first.chunk.doc_id)
    if (
        names
        and not catalog.is_generic(first.chunk.doc_id)
        and not any(fold(n) in fold(" ".join(q.text for q in quotes)) for n in names)
    ):
        parts.insert(0, f"{names[0]} :")
    return Answer(
        text=" ".join(parts),
        answerable=True,
        citations=builder.citations,
        confidence=confidence,
        standalone_question=info.text,
    )


def builder_of(answer: Answer) -> CitationBuilder:
    """A citation builder that continues ``answer``'s numbering."""
    builder = CitationBuilder()
    builder.citations.extend(answer.citations)
    return builder
