"""Format readers behind :func:`assistant.ingest.documents.load_document`.

Each reader turns raw bytes into a :class:`Parsed` body (plain text where
headings are Markdown ``#`` lines and table rows are ``| a | b |`` lines) plus
the title and URL the format itself carries. Readers raise
:class:`~assistant.errors.ReadError` with a short English reason; the loader turns it into
a :class:`~assistant.errors.DocumentError`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import yaml

from assistant.errors import ReadError

__all__ = [
    "Parsed",
    "decode_text",
    "first_markdown_heading",
    "read_docx",
    "read_html",
    "read_markdown",
    "read_pdf",
    "read_text",
]

#: Share of control characters above which decoded text is deemed binary.
_MAX_CONTROL_RATIO = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace: no-break spaces are kept


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip()


@dataclass
class Parsed:
    """What a reader extracted from a file."""

    text: str
    title: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


# --- plain text ----------------------------------------------------------------------------


def decode_text(raw: bytes) -> str:
    """Decode bytes as UTF-8 (BOM allowed), else cp1252, else latin-1.

    UTF-16 is accepted when it has a BOM. Newlines are normalised to ``\\n``.
    Raises :class:`ReadError` (``binary``) on NUL bytes or control characters.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("binary", "binary content") from exc
    elif b"\x00" in raw:
        raise ReadError("binary", "binary content")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_RATIO:
        raise ReadError("binary", "binary content")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(raw: bytes) -> Parsed:
    """Read a ``.txt`` file."""
    return Parsed(decode_text(raw).strip())


# --- Markdown ------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Make YAML values JSON-serialisable (dates become ISO strings)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            break
    else:
        raise ReadError("front_matter", "unterminated front matter (no closing '---' line)")
    source = "\n".join(lines[1:i])
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ReadError("front_matter", f"invalid YAML front matter: {problem}{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ReadError("front_matter", f"front matter is a {kind}, expected a mapping")
    return _jsonable(data), "\n".join(lines[i + 1 :])


def first_markdown_heading(text: str) -> str | None:
    """Return the text of the first ``# `` heading outside code fences."""
    in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and (m := _HEADING.match(line)):
            return m.group(1)
    return None


def read_markdown(raw: bytes) -> Parsed:
    """Read Markdown with an optional YAML front matter."""
    metadata, body = _split_front_matter(decode_text(raw))
    body = body.strip()
    return Parsed(body, title=first_markdown_heading(body), metadata=metadata)


# --- HTML ----------------------------------------------------------------------------------

_SKIPPED = frozenset({"script", "style", "nav", "footer", "head", "noscript", "template", "svg"})
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre",
        "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "figure", "figcaption",
        "form", "address", "hr", "br", "body", "html",
    }
)  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _HTMLText(HTMLParser):
    """Collect visible text as blocks, plus <title>, first <h1> and canonical URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.title: str | None = None
        self.h1: str | None = None
        self.url: str | None = None
        self._og_url: str | None = None
        self._skip = 0
        self._in_title = False
        self._title_parts: list[str] = []
        self._parts: list[str] = []
        self._kind = "p"
        self._cells: list[str] | None = None
        self._pre = 0

    # block handling
    def _flush(self) -> None:
        text = "".join(self._parts)
        if not self._pre:
            text = _collapse(text)
        text = text.strip("\n")
        self._parts = []
        if text.strip():
            self.blocks.append((self._kind, text))
            if self._kind == "h1" and self.h1 is None:
                self.h1 = text
        self._kind = "p"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.url = self.url or attr.get("href") or None
        elif tag == "meta" and attr.get("property", "").lower() == "og:url":
            self._og_url = self._og_url or attr.get("content") or None
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIPPED:
            self._skip += 1
            return
        if self._skip:
            return
        if tag in _HEADINGS or tag in _BLOCKS or tag == "li":
            self._flush()
            self._kind = f"h{_HEADINGS[tag]}" if tag in _HEADINGS else tag
            if tag == "pre":
                self._pre += 1
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._flush_cell()

    def _flush_cell(self) -> None:
        if self._cells is not None and self._parts:
            self._cells.append(_collapse("".join(self._parts)))
            self._parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in ("td", "th"):
            self._flush_cell()
        elif tag == "tr" and self._cells is not None:
            self._flush_cell()
            if any(self._cells):
                self.blocks.append(("tr", "| " + " | ".join(self._cells) + " |"))
            self._cells = None
        elif tag in _HEADINGS or tag in _BLOCKS or tag == "li":
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif not self._skip:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush_cell()
        self._flush()
        title = _collapse("".join(self._title_parts))
        self.title = title or None
        self.url = self.url or self._og_url

    def text(self) -> str:
        out: list[str] = []
        prev = ""
        for kind, text in self.blocks:
            if kind.startswith("h") and kind[1:].isdigit():
                text = "#" * int(kind[1:]) + " " + text
            elif kind == "li":
                text = "- " + text
            if out:
                out.append("\n" if kind == prev and kind in ("li", "tr") else "\n\n")
            out.append(text)
            prev = kind
        return "".join(out)


def read_html(raw: bytes) -> Parsed:
    """Read HTML: visible text only, headings as ``#`` lines, rows as ``| a | b |``."""
    parser = _HTMLText()
    try:
        parser.feed(decode_text(raw))
        parser.close()
    except ReadError:
        raise
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise ReadError("parse", f"invalid HTML: {exc}") from exc
    return Parsed(parser.text().strip(), title=parser.title or parser.h1, url=parser.url)


# --- PDF -----------------------------------------------------------------------------------


def read_pdf(raw: bytes) -> Parsed:
    """Read a PDF with pypdf: page texts joined by blank lines."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("parse", "encrypted PDF")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = reader.metadata
        title = meta.title if meta is not None else None
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many error types on corrupt files
        raise ReadError("parse", f"invalid PDF: {exc or type(exc).__name__}") from exc
    text = "\n\n".join(p for p in pages if p).replace("\r\n", "\n").replace("\r", "\n")
    return Parsed(text, title=str(title).strip() or None if title is not None else None)


# --- DOCX ----------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*([1-6])$", re.IGNORECASE)


def read_docx(raw: bytes) -> Parsed:
    """Read a DOCX: ``Heading N`` paragraphs become ``#``*N lines, table rows ``| a | b |``."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(raw))
        blocks: list[tuple[str, str]] = []
        first_h1: str | None = None
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    cells: list[str] = []
                    seen: set[int] = set()
                    # Merged cells come back repeated; python-docx exposes no public
                    # identity for the underlying <w:tc> element, hence ``cell._tc``.
                    for cell in row.cells:
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            cells.append(_collapse(cell.text))
                    if any(cells):
                        blocks.append(("tr", "| " + " | ".join(cells) + " |"))
                continue
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if m := _HEADING_STYLE.match(style.strip()):
                level = int(m.group(1))
                first_h1 = first_h1 or (text if level == 1 else None)
                blocks.append(("h", "#" * level + " " + text))
            elif style.lower().startswith(("list", "liste")):
                blocks.append(("li", "- " + text))
            else:
                blocks.append(("p", text))
        title = (document.core_properties.title or "").strip() or first_h1
    except Exception as exc:  # zipfile, lxml and KeyError on broken packages
        raise ReadError("parse", f"invalid DOCX: {exc or type(exc).__name__}") from exc
    out: list[str] = []
    prev = ""
    for kind, text in blocks:
        if out:
            out.append("\n" if kind == prev and kind in ("li", "tr") else "\n\n")
        out.append(text)
        prev = kind
    return Parsed("".join(out).strip(), title=title)
