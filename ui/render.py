"""Pure HTML/text rendering of answers for the chat page (no Streamlit import).

Every piece of document or answer text is passed through :func:`html.escape` *before*
any markup is added: documents may contain hostile HTML, and what the page shows must
be the text itself (figures included) and nothing else.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from assistant import Answer, Citation
from assistant.text import MARKERS_RE, web_url
from ui.markup import Block, Runs, parse_answer

#: Characters of chunk text shown on each side of the highlighted quote.
CONTEXT_CHARS = 280

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

#: Styles of the rendered blocks: explicit colours (text and background) so that the
#: contrast holds in light and dark themes (all pairs are at least 4.5:1, WCAG AA).
CSS = """
<style>
.f2030-answer { line-height: 1.6; }
.f2030-answer p { margin: 0 0 0.6rem 0; }
.f2030-answer ul { margin: 0 0 0.6rem 0; }
a.f2030-cite { font-weight: 600; text-decoration: underline; padding: 0 1px; }
a.f2030-cite:focus-visible, .f2030-card a:focus-visible {
  outline: 3px solid #000091; outline-offset: 2px; }
.f2030-sources h2 { font-size: 1rem; font-weight: 700; margin: 0.8rem 0 0.4rem 0;
  padding: 0; line-height: 1.4; }
.f2030-card { border: 1px solid #929292; border-left: 4px solid #000091; border-radius: 6px;
  padding: 0.6rem 0.8rem; margin: 0 0 0.6rem 0; background: #ffffff; color: #161616; }
.f2030-card:target { box-shadow: 0 0 0 3px #000091; }
.f2030-card .f2030-title { font-weight: 700; margin: 0 0 0.2rem 0; }
.f2030-card .f2030-heading { color: #3a3a3a; font-size: 0.9rem; margin: 0 0 0.3rem 0; }
.f2030-card blockquote { margin: 0.3rem 0; padding: 0.4rem 0.6rem; background: #f6f6f6;
  color: #161616; border-left: 3px solid #929292; white-space: pre-wrap; font-size: 0.92rem; }
.f2030-card mark { background: #ffe552; color: #161616; padding: 0 2px; }
.f2030-card .f2030-meta { font-size: 0.9rem; color: #3a3a3a; margin: 0.2rem 0 0 0; }
.f2030-card a { color: #000091; }
.f2030-table { border-collapse: collapse; margin: 0.4rem 0 0.8rem 0; font-size: 0.92rem;
  background: #ffffff; color: #161616; }
.f2030-table caption { text-align: left; font-weight: 600; padding: 0 0 0.3rem 0; }
.f2030-table th, .f2030-table td { border: 1px solid #929292; padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; }
.f2030-table th { background: #e3e3fd; }
.f2030-notice { font-size: 0.9rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.f2030-answer strong { font-weight: 700; }
.f2030-scroll { overflow-x: auto; }
/* The scroll scripts' containers (ui.components.scroll_into_view) take no room. */
[class*="st-key-scroll-"] { display: none !important; }
/* Page layout. The header is an overlay: a message scrolled to the top stays below it. */
[data-testid="stChatMessage"] { scroll-margin-top: 4.5rem; }
/* Example questions wrap instead of ending in « … ». */
.stButton .stMarkdownEllipsis, .stButton .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
.stButton button { height: auto; padding-top: 0.4rem; padding-bottom: 0.4rem; }
@media (max-width: 640px) {
  h1 { font-size: 1.75rem !important; line-height: 1.25 !important; padding-top: 0.5rem !important; }
  /* The placeholder wraps on two lines instead of being cut. */
  [data-testid="stChatInputTextArea"]:placeholder-shown { min-height: 3.6rem; }
}
</style>
"""


def esc(text: object) -> str:
    """Escape text for HTML; ``$`` too, so that no math renderer touches figures."""
    return html.escape(str(text), quote=True).replace("$", "&#36;")


def format_date_fr(value: str | None) -> str | None:
    """``2026-11-25`` -> ``25 novembre 2026``; ``2023-04`` -> ``avril 2023``; else as is."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if not match:
        return value.strip()
    year, month, day = match.group(1), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return value.strip()
    name = _MONTHS[month - 1]
    if day is None:
        return f"{name} {year}"
    day_n = int(day)
    return f"{'1er' if day_n == 1 else day_n} {name} {year}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address, else None (no ``javascript:`` links)."""
    return web_url(url)


def anchor_id(message_id: str, n: int) -> str:
    """HTML id of the source card ``n`` of one message."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", message_id) or "m"
    return f"src-{safe}-{n}"


def marker_numbers(text: str) -> list[int]:
    """The citation numbers used in ``text``, in order of first use."""
    seen: dict[int, None] = {}
    for match in MARKERS_RE.finditer(text):
        for part in re.split(r"\s*[,;]\s*", match.group(1)):
            seen.setdefault(int(part), None)
    return list(seen)


def cited_citations(answer: Answer) -> list[Citation]:
    """The citations whose marker appears in the answer (all of them if none does)."""
    used = set(marker_numbers(answer.text))
    cited = [c for c in answer.citations if c.n in used]
    return cited or list(answer.citations)


def _runs_html(runs: Runs, message_id: str) -> str:
    parts: list[str] = []
    for run in runs:
        if "cite" in run:
            n = int(run["cite"])
            parts.append(
                f'<a class="f2030-cite" href="#{anchor_id(message_id, n)}" '
                f'aria-label="Source {n}" title="Voir la source {n}">[{n}]</a>'
            )
        elif "link" in run:
            url = safe_url(str(run["link"]))
            host = urlsplit(str(run["link"])).netloc or str(run["link"])
            parts.append(
                f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer" '
                f'title="{esc(run["link"])}">{esc(host)}</a>'
                if url
                else esc(run["link"])
            )
        elif "bold" in run:
            parts.append(f"<strong>{esc(run['bold'])}</strong>")
        else:
            parts.append(esc(run["text"]))
    return "".join(parts)


def _block_html(block: Block, message_id: str) -> str:
    if block["type"] == "list":
        items = "".join(f"<li>{_runs_html(item, message_id)}</li>" for item in block["items"])
        return f"<ul>{items}</ul>"
    if block["type"] == "table":
        head = "".join(f'<th scope="col">{_runs_html(c, message_id)}</th>' for c in block["head"])
        body = "".join(
            "<tr>" + "".join(f"<td>{_runs_html(c, message_id)}</td>" for c in row) + "</tr>"
            for row in block["rows"]
        )
        return (
            f'<div class="f2030-scroll"><table class="f2030-table">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )
    return "<p>" + "<br>".join(_runs_html(line, message_id) for line in block["lines"]) + "</p>"


def blocks_html(blocks: list[Block], message_id: str) -> str:
    """The blocks as HTML: only escaped text inside the renderer's own tags."""
    return "".join(_block_html(block, message_id) for block in blocks)


def answer_html(text: str, message_id: str, citation_numbers: Iterable[int]) -> str:
    """The answer as HTML: paragraphs, lists, tables, bold, linked [n] markers."""
    blocks = parse_answer(text.strip(), citation_numbers)
    answer_id = "answer-" + (re.sub(r"[^A-Za-z0-9_-]", "", message_id) or "m")
    return (
        f'<div class="f2030-answer" id="{answer_id}" lang="fr">'
        f"{blocks_html(blocks, message_id)}</div>"
    )


def quote_span(citation: Citation) -> tuple[int, int] | None:
    """Offsets of the quote inside the chunk text (checked, or searched), or None."""
    chunk, quote = citation.chunk_text or "", (citation.quote or "").strip()
    start, end = citation.start, citation.end
    if 0 <= start < end <= len(chunk):
        span = chunk[start:end]
        if not quote or _squash(span) == _squash(quote) or _squash(quote) in _squash(span):
            return start, end
    if quote:
        found = chunk.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def highlighted_chunk(citation: Citation, context: int = CONTEXT_CHARS) -> str:
    """The chunk text around the quote, escaped, with the quote in ``<mark>``."""
    chunk = citation.chunk_text or ""
    span = quote_span(citation)
    if span is None:
        quote = citation.quote or chunk[: 2 * context]
        return f"<mark>{esc(quote)}</mark>"
    start, end = span
    left_from = max(0, start - context)
    right_to = min(len(chunk), end + context)
    # cut at a word boundary, marking the cuts
    if left_from > 0:
        space = chunk.find(" ", left_from, start)
        left_from = space + 1 if space >= 0 else left_from
    if right_to < len(chunk):
        space = chunk.rfind(" ", end, right_to)
        right_to = space if space >= 0 else right_to
    before = ("…" if left_from > 0 else "") + chunk[left_from:start]
    after = chunk[end:right_to] + ("…" if right_to < len(chunk) else "")
    return f"{esc(before)}<mark>{esc(chunk[start:end])}</mark>{esc(after)}"


def source_card_html(citation: Citation, message_id: str, context: int = CONTEXT_CHARS) -> str:
    """One source card: number and title, heading, highlighted passage, link and date."""
    anchor = anchor_id(message_id, citation.n)
    parts = [
        f'<div class="f2030-card" id="{anchor}" tabindex="-1" role="group" '
        f'aria-label="Source {citation.n}">',
        f'<p class="f2030-title">[{citation.n}] {esc(citation.title or citation.doc_id)}</p>',
    ]
    if citation.heading:
        parts.append(f'<p class="f2030-heading">Section : {esc(citation.heading)}</p>')
    parts.append(
        f'<blockquote aria-label="Passage cité">{highlighted_chunk(citation, context)}</blockquote>'
    )
    meta: list[str] = []
    url = safe_url(citation.url)
    if url:
        meta.append(
            f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
            f'Page officielle<span class="sr-only"> (nouvel onglet)</span></a>'
        )
    updated = format_date_fr(citation.updated)
    if updated:
        meta.append(f"à jour au {esc(updated)}")
    if meta:
        parts.append(f'<p class="f2030-meta">{" · ".join(meta)}</p>')
    parts.append("</div>")
    return "".join(parts)


def sources_html(
    citations: Sequence[Citation], message_id: str, context: int = CONTEXT_CHARS
) -> str:
    """The list of source cards of one answer (empty string when there is none)."""
    if not citations:
        return ""
    cards = "".join(source_card_html(c, message_id, context) for c in citations)
    return (
        f'<section class="f2030-sources" lang="fr" aria-label="Sources de la réponse">'
        f"<h2>Sources</h2>{cards}</section>"
    )


def table_html(rows: Sequence[Mapping[str, object]], caption: str = "Comparaison") -> str:
    """A comparison as an accessible HTML table; values shown verbatim (escaped)."""
    if not rows:
        return ""
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(str(key))
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(row.get(c, '') or '')}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return (
        f'<table class="f2030-table" lang="fr"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def copy_text(answer: Answer) -> str:
    """Plain text of an answer with its sources (what the copy button copies)."""
    lines = [answer.text.strip()]
    if answer.table:
        columns: list[str] = []
        for row in answer.table:
            columns.extend(str(k) for k in row if str(k) not in columns)
        lines += ["", " | ".join(columns)]
        lines += [" | ".join(str(row.get(c, "") or "") for c in columns) for row in answer.table]
    cited = cited_citations(answer)
    if cited:
        lines += ["", "Sources :"]
        for c in cited:
            updated = format_date_fr(c.updated)
            suffix = f" (à jour au {updated})" if updated else ""
            lines.append(f"[{c.n}] {c.title}{suffix}")
            if c.url:
                lines.append(f"    {c.url}")
            lines.append(f"    « {c.quote.strip()} »")
    return "\n".join(lines)
