"""HTML rendering of answers: escaping, citation links, highlighted quotes, tables."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from ui_fakes import CHUNK, HOSTILE, QUOTE, electromob_citation

from assistant import Answer
from ui import render


def test_document_text_is_escaped_before_any_markup() -> None:
    citation = dataclasses.replace(electromob_citation(), title=HOSTILE, heading=HOSTILE)
    html = render.sources_html([citation], "m1")
    assert "<script>" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") == 3  # title, heading, chunk
    answer = render.answer_html(f"{HOSTILE} [1]", "m1", [1])
    assert "<script>" not in answer and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in answer


def test_markers_link_to_their_source_cards() -> None:
    html = render.answer_html("A [1]. B [1, 2]. C [9].", "abc", [1, 2])
    assert html.count('href="#src-abc-1"') == 2 and 'href="#src-abc-2"' in html
    assert "[9]" in html and "#src-abc-9" not in html  # unknown source: left as text
    card = render.source_card_html(electromob_citation(2), "abc")
    assert 'id="src-abc-2"' in card


def test_quote_is_highlighted_inside_its_chunk() -> None:
    html = render.highlighted_chunk(electromob_citation())
    assert "<mark>budget total de 25 M€, dont 14,2 M€ d&#x27;aide de l&#x27;État</mark>" in html
    assert html.startswith("## Chiffres clés")
    # wrong offsets: the quote is searched in the chunk instead
    shifted = dataclasses.replace(electromob_citation(), start=0, end=10)
    assert f"<mark>{render.esc(QUOTE)}</mark>" in render.highlighted_chunk(shifted)
    # long chunks are cut around the quote, at word boundaries
    long = dataclasses.replace(
        electromob_citation(),
        chunk_text="mot " * 200 + CHUNK,
        start=800 + CHUNK.index(QUOTE),
        end=800 + CHUNK.index(QUOTE) + len(QUOTE),
    )
    cut = render.highlighted_chunk(long, context=40)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>" in cut
    assert "mot mot" not in cut and len(cut) < 300


def test_figures_are_kept_verbatim() -> None:
    html = render.answer_html(
        "Budget : 25 M€, dont 14,2 M€ ; 8\u202f000 personnes ; $5 *x*", "m", []
    )
    assert "25 M€" in html and "14,2 M€" in html and "8\u202f000" in html
    assert "&#36;5 *x*" in html  # no math, no emphasis


def test_only_http_links_and_french_dates() -> None:
    assert render.safe_url("javascript:alert(1)") is None
    assert render.safe_url("https://www.info.gouv.fr/x") == "https://www.info.gouv.fr/x"
    card = render.source_card_html(
        dataclasses.replace(electromob_citation(), url="javascript:alert(1)"), "m"
    )
    assert "javascript" not in card
    assert render.format_date_fr("2026-11-25") == "25 novembre 2026"
    assert render.format_date_fr("2023-04-01") == "1er avril 2023"
    assert render.format_date_fr("2023-04") == "avril 2023"
    assert render.format_date_fr(None) is None


def test_table_and_copy_text() -> None:
    rows = [{"Programme": "<b>A</b>", "Budget": "25 M€"}, {"Programme": "B", "Lead": "X"}]
    table = render.table_html(rows)
    assert '<th scope="col">Lead</th>' in table and "&lt;b&gt;A&lt;/b&gt;" in table
    answer = Answer(
        text="Le budget est de 25 M€ [1].",
        answerable=True,
        citations=[electromob_citation()],
        table=rows,
    )
    text = render.copy_text(answer)
    assert text.startswith("Le budget est de 25 M€ [1].")
    assert "Programme | Budget | Lead" in text
    assert "[1] Electro'Mob" in text and "(à jour au 25 novembre 2026)" in text
    assert "https://www.hautsdefrance.fr/electromob/" in text and f"« {QUOTE} »" in text


def test_cited_citations_are_the_ones_in_the_text() -> None:
    one, two = electromob_citation(1), electromob_citation(2)
    answer = Answer(text="Voir [2].", answerable=True, citations=[one, two])
    assert render.cited_citations(answer) == [two]
    answer.text = "Sans marqueur."
    assert render.cited_citations(answer) == [one, two]


# --- the answer text renderer, on the cases shared with the widget ------------------------------

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("render_cases.json")).read_text(encoding="utf-8")
)


class _BlockReader(HTMLParser):
    """Reads :func:`render.answer_html` output back into blocks (the renderer's only tags)."""

    ALLOWED = frozenset({"div", "p", "br", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"})

    def __init__(self, message_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.message_id = message_id
        self.blocks: list[dict[str, Any]] = []
        self.runs: list[dict[str, Any]] | None = None  # the line, item or cell being read
        self.bold = False
        self.cite: int | None = None
        self.link: str | None = None
        self.section = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attr = dict(attrs)
        if tag == "p":
            self.blocks.append({"type": "paragraph", "lines": []})
            self._new_runs("lines")
        elif tag == "br":
            self._new_runs("lines")
        elif tag == "ul":
            self.blocks.append({"type": "list", "items": []})
        elif tag == "li":
            self._new_runs("items")
        elif tag == "table":
            self.blocks.append({"type": "table", "head": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.blocks[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.runs = []
            cells = self.blocks[-1]["head"] if tag == "th" else self.blocks[-1]["rows"][-1]
            cells.append(self.runs)
        elif tag == "strong":
            self.bold = True
        elif tag == "a" and attr.get("class") is None:
            # A web address: opens in a new tab, shows its host, holds the address in title.
            assert attr.get("target") == "_blank" and "noopener" in (attr.get("rel") or "")
            assert attr.get("href") == attr.get("title"), attrs
            self.link = attr["href"]
        elif tag == "a":
            assert attr.get("class") == "f2030-cite", attrs
            prefix = f"#src-{self.message_id}-"
            assert (attr.get("href") or "").startswith(prefix), attrs
            self.cite = int((attr["href"] or "")[len(prefix) :])
        else:
            assert tag in self.ALLOWED, f"unexpected tag <{tag}>"

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self.bold = False
        elif tag == "a":
            self.cite = None
            self.link = None

    def _new_runs(self, key: str) -> None:
        self.runs = []
        self.blocks[-1][key].append(self.runs)

    def handle_data(self, data: str) -> None:
        assert self.runs is not None, f"text outside a block: {data!r}"
        if self.cite is not None:
            assert data == f"[{self.cite}]"
            self.runs.append({"cite": self.cite})
            return
        if self.link is not None:
            assert self.link.split("/")[2] == data, (self.link, data)
            self.runs.append({"link": self.link})
            return
        kind = "bold" if self.bold else "text"
        if self.runs and kind in self.runs[-1]:
            self.runs[-1][kind] += data
        else:
            self.runs.append({kind: data})


def read_blocks(html_text: str, message_id: str) -> list[dict[str, Any]]:
    reader = _BlockReader(message_id)
    reader.feed(html_text)
    reader.close()
    return reader.blocks


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rendered_html_holds_exactly_the_parsed_blocks(case: dict[str, Any]) -> None:
    html_text = render.answer_html(case["text"], "m1", case["citations"])
    assert read_blocks(html_text, "m1") == case["blocks"]


def test_hostile_answer_text_never_becomes_markup() -> None:
    text = "<img src=x onerror=alert(1)> **<script>alert(2)</script>** [1]\n- <b>x</b>"
    html_text = render.answer_html(text, "m1", [1])
    assert "<img" not in html_text and "<script" not in html_text and "<b>" not in html_text
    assert "<strong>&lt;script&gt;alert(2)&lt;/script&gt;</strong>" in html_text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_text


def test_only_web_addresses_become_links_and_quotes_end_them() -> None:
    html_text = render.answer_html(
        'Voir javascript:alert(1) ou http://x.fr/"onmouseover=1', "m1", []
    )
    assert html_text.count("<a ") == 1
    assert 'href="http://x.fr/"' in html_text
    assert '"onmouseover' not in html_text
