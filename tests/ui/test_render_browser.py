"""The widget's JavaScript renderer in Chromium, on the cases shared with ui/render.py.

widget.js is loaded in a blank page (it exposes its renderer before it needs an API): each
case of tests/ui/render_cases.json must parse to the same blocks as in Python, and the DOM
built from them must read back as exactly those blocks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser]

HERE = Path(__file__).resolve().parent
WIDGET = HERE.parents[1] / "assistant" / "api" / "widget" / "widget.js"
CASES: list[dict[str, Any]] = json.loads((HERE / "render_cases.json").read_text("utf-8"))

# The DOM built by renderBlocks, read back into blocks (and the tags it is made of).
READ_BACK = """([text, citations]) => {
  const r = window.__france2030Assistant;
  const box = document.createElement("div");
  box.appendChild(r.renderBlocks(r.parseAnswer(text, citations), "src-"));
  document.body.replaceChildren(box);
  const tags = new Set();
  function runs(el) {
    const out = [];
    function add(kind, value) {
      const last = out[out.length - 1];
      if (kind !== "cite" && kind !== "link" && last && kind in last) last[kind] += value;
      else out.push({ [kind]: value });
    }
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) add("text", node.data);
      else if (node.tagName === "STRONG") add("bold", node.textContent);
      else if (node.tagName === "A" && !node.classList.contains("cite")) {
        if (node.target !== "_blank" || node.textContent !== new URL(node.title).host)
          throw new Error("bad link " + node.outerHTML);
        add("link", node.title);
      }
      else if (node.tagName === "A") {
        const n = Number(node.getAttribute("href").replace("#src-", ""));
        if (node.textContent !== "[" + n + "]") throw new Error("bad marker " + node.outerHTML);
        add("cite", n);
      }
    }
    return out;
  }
  for (const el of box.querySelectorAll("*")) tags.add(el.tagName.toLowerCase());
  const blocks = [...box.children].map((b) => {
    if (b.tagName === "UL") return { type: "list", items: [...b.children].map(runs) };
    if (b.tagName === "DIV") {
      const t = b.querySelector("table");
      return {
        type: "table",
        head: [...t.tHead.rows[0].cells].map(runs),
        rows: [...t.tBodies[0].rows].map((row) => [...row.cells].map(runs)),
      };
    }
    const lines = [[]];
    const p = document.createElement("p");
    for (const node of [...b.childNodes]) {
      if (node.nodeName === "BR") lines.push([]);
      else lines[lines.length - 1].push(node);
    }
    return {
      type: "paragraph",
      lines: lines.map((nodes) => { p.replaceChildren(...nodes.map((n) => n.cloneNode(true))); return runs(p); }),
    };
  });
  return { blocks, tags: [...tags].sort() };
}"""


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content("<!doctype html><html lang='fr'><body></body></html>")
    page.add_script_tag(content=WIDGET.read_text(encoding="utf-8"))
    assert page.evaluate("() => typeof window.__france2030Assistant.parseAnswer") == "function"
    yield page
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_widget_parses_the_shared_cases_like_python(page: Any, case: dict[str, Any]) -> None:
    parsed = page.evaluate(
        "([t, c]) => window.__france2030Assistant.parseAnswer(t, c)",
        [case["text"], case["citations"]],
    )
    assert parsed == case["blocks"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_widget_dom_holds_exactly_the_parsed_blocks(page: Any, case: dict[str, Any]) -> None:
    shown = page.evaluate(READ_BACK, [case["text"], case["citations"]])
    assert shown["blocks"] == case["blocks"]
    allowed = {"p", "br", "ul", "li", "strong", "a", "div", "table", "thead", "tbody", "tr"}
    assert set(shown["tags"]) <= allowed | {"th", "td"}


def test_hostile_answer_text_stays_text_in_the_widget(page: Any) -> None:
    text = "<img src=x onerror=alert(1)> **<script>alert(2)</script>** [1]\n- <b>x</b>"
    shown = page.evaluate(READ_BACK, [text, [1]])
    assert shown["tags"] == ["a", "li", "p", "strong", "ul"]
    page.wait_for_timeout(200)  # a would-be onerror handler would have run by now
    assert page.evaluate("() => document.body.querySelectorAll('img, script, b').length") == 0
    assert "<script>alert(2)</script>" in page.evaluate("() => document.body.textContent")
