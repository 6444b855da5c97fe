"""Tests of assistant.ingest.documents on real files written to tmp_path."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import docx
import pytest

from assistant import DocumentError, DocumentParseError, FrontMatterError, UnsupportedFormatError
from assistant.ingest import Document, LoadFailure, iter_documents, load_document, slugify


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid one-page PDF (Helvetica, WinAnsi) showing ``lines``."""

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(literal(t) + b" '" for t in lines)
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title is not None:
        objects.append(b"<< /Title " + literal(title) + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % len(objects) if title is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- Markdown ------------------------------------------------------------------------------

FRONT_MATTER_MD = """\
---
id: ami-cma-2024
title: "AMI Compétences et métiers d'avenir"
date: 2024-03-15
updated: 2024-04-01T10:30:00
sources:
  - url: https://www.info.gouv.fr/france-2030/ami-cma
    date: 2024-03-15
  - https://example.org/autre
tags: [formation, numérique]
---
# Un autre titre

Le budget est de 14,2 M€.
"""


def test_markdown_front_matter_gives_id_title_url_and_json_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "ami.md", FRONT_MATTER_MD)
    doc = load_document(path)
    assert doc.id == "ami-cma-2024"
    assert doc.title == "AMI Compétences et métiers d'avenir"
    assert doc.url == "https://www.info.gouv.fr/france-2030/ami-cma"
    assert doc.format == "markdown"
    assert doc.text.startswith("# Un autre titre")
    assert "---" not in doc.text and "sources" not in doc.text
    assert doc.metadata["date"] == "2024-03-15"
    assert doc.metadata["updated"] == "2024-04-01T10:30:00"
    assert doc.metadata["sources"][0]["date"] == "2024-03-15"
    assert json.loads(json.dumps(doc.metadata)) == doc.metadata
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.source_path == str(path)


def test_markdown_without_front_matter_uses_heading_and_slug(tmp_path: Path) -> None:
    text = "Intro sans titre.\n\n```\n# pas un titre\n```\n\n# Guide de l'été\n\nCorps.\n"
    doc = load_document(write(tmp_path / "Appel à projets Été 2024.md", text))
    assert doc.id == "appel-a-projets-ete-2024"
    assert doc.title == "Guide de l'été"
    assert doc.url is None
    assert doc.metadata == {}


def test_markdown_url_field_wins_and_string_sources_work(tmp_path: Path) -> None:
    with_url = "---\nurl: https://a.fr\nsources: [https://b.fr]\n---\nTexte.\n"
    only_sources = "---\nsources:\n  - https://b.fr/page\n---\nTexte.\n"
    assert load_document(write(tmp_path / "a.md", with_url)).url == "https://a.fr"
    assert load_document(write(tmp_path / "b.markdown", only_sources)).url == "https://b.fr/page"


def test_title_falls_back_to_file_stem(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "notes-cma.md", "Pas de titre ici.\n"))
    assert doc.title == "notes-cma"


@pytest.mark.parametrize(
    ("front_matter", "reason"),
    [
        ("title: [non fermé\n", "invalid YAML front matter"),
        ("title: a\n  bad: indent\n", "invalid YAML front matter"),
        ("- un\n- deux\n", "front matter is a list, expected a mapping"),
        ("juste une phrase\n", "front matter is a str, expected a mapping"),
    ],
)
def test_invalid_front_matter_raises_with_precise_reason(
    tmp_path: Path, front_matter: str, reason: str
) -> None:
    path = write(tmp_path / "bad.md", f"---\n{front_matter}---\nCorps.\n")
    with pytest.raises(FrontMatterError) as info:
        load_document(path)
    assert info.value.reason.startswith(reason)
    assert info.value.path == str(path)
    assert "YAML" in info.value.user_message


def test_invalid_yaml_reason_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", "---\nid: ok\ntitle: [non fermé\n---\nCorps.\n")
    with pytest.raises(FrontMatterError, match=r"at line \d+"):
        load_document(path)


def test_unterminated_front_matter(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="unterminated front matter"):
        load_document(write(tmp_path / "bad.md", "---\ntitle: x\n\nCorps sans fin.\n"))


def test_utf8_bom_is_removed_and_front_matter_still_found(tmp_path: Path) -> None:
    raw = "\ufeff---\ntitle: Élan\n---\nCorps accentué.\r\nDeuxième ligne.\r\n".encode()
    doc = load_document(write(tmp_path / "bom.md", raw))
    assert doc.title == "Élan"
    assert doc.text == "Corps accentué.\nDeuxième ligne."


def test_cp1252_text_is_decoded_without_mojibake(tmp_path: Path) -> None:
    sentence = "Coût prévu : 14,2 M€ — « Compétences » pour l'été."
    doc = load_document(write(tmp_path / "ancien.txt", sentence.encode("cp1252")))
    assert doc.text == sentence
    assert doc.format == "text"


def test_valid_utf8_is_not_read_as_cp1252(tmp_path: Path) -> None:
    sentence = "Réservé aux élèves : 8 000 € ; coût « élevé »."
    doc = load_document(write(tmp_path / "utf8.txt", sentence.encode("utf-8")))
    assert doc.text == sentence


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "odd.txt", b"caf\xe9 \x81 fin"))
    assert doc.text == "café \x81 fin"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes((i * 37 + 11) % 256 for i in range(4096) if (i * 37 + 11) % 256),  # no NUL
    ],
    ids=["png", "random-without-nul"],
)
def test_binary_file_renamed_md_is_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(DocumentParseError) as info:
        load_document(write(tmp_path / "image.md", content))
    assert info.value.reason == "binary content"


@pytest.mark.parametrize("content", ["", "  \n\t\n", "---\ntitle: Vide\n---\n\n"])
def test_empty_document_is_refused(tmp_path: Path, content: str) -> None:
    with pytest.raises(DocumentParseError) as info:
        load_document(write(tmp_path / "vide.md", content))
    assert info.value.reason == "empty document"
    assert info.value.user_message == "Ce document est vide."


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "gros.txt", "x" * 100)
    with pytest.raises(DocumentParseError) as info:
        load_document(path, max_bytes=99)
    assert info.value.reason == "too large"
    assert load_document(path, max_bytes=100).text == "x" * 100


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"'\.jsonl'"):
        load_document(write(tmp_path / "questions.jsonl", '{"q": 1}\n'))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="file not found"):
        load_document(tmp_path / "absent.md")


def test_slugify() -> None:
    assert slugify("  Œuvre d'Été — n°3 !") == "oeuvre-d-ete-n-3"
    assert slugify("???") == ""


def test_id_falls_back_to_hash_when_stem_has_no_ascii(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "日本.txt", "Texte."))
    assert doc.id == f"doc-{doc.content_hash[:12]}"


# --- HTML ----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="fr"><head>
  <title>Appel &agrave; projets | France 2030</title>
  <link rel="canonical" href="https://www.info.gouv.fr/appel">
  <meta property="og:url" content="https://og.example/appel">
  <style>body { color: red; }</style>
  <script>var secret = "ne pas indexer";</script>
</head><body>
<nav><a href="/">Accueil</a> &gt; Menu</nav>
<h1>Compétences   et métiers</h1>
<p>Le budget atteint 14,2&nbsp;M&euro; pour 8&#8239;000 places &amp; plus.</p>
<h2>Qui peut candidater ?</h2>
<ul><li>Les établissements</li><li>Les <b>entreprises</b></li></ul>
<table><tr><th>Année</th><th>Montant</th></tr><tr><td>2024</td><td>3 M€</td></tr></table>
<footer>Mentions légales</footer>
</body></html>
"""


def test_html_keeps_structure_and_drops_chrome(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "page.html", HTML))
    assert doc.format == "html"
    assert doc.title == "Appel à projets | France 2030"
    assert doc.url == "https://www.info.gouv.fr/appel"
    assert doc.text == (
        "# Compétences et métiers\n\n"
        "Le budget atteint 14,2\u00a0M€ pour 8\u202f000 places & plus.\n\n"
        "## Qui peut candidater ?\n\n"
        "- Les établissements\n- Les entreprises\n\n"
        "| Année | Montant |\n| 2024 | 3 M€ |"
    )
    for hidden in ("secret", "color", "Accueil", "Mentions"):
        assert hidden not in doc.text


def test_html_title_and_url_fallbacks(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:url" content="https://og.example/p"></head>'
        "<body><h1>Titre de la page</h1><p>Texte.</p></body></html>"
    )
    doc = load_document(write(tmp_path / "p.htm", page))
    assert doc.title == "Titre de la page"
    assert doc.url == "https://og.example/p"


def test_html_with_only_chrome_is_empty(tmp_path: Path) -> None:
    page = "<html><head><title>T</title></head><body><nav>Menu</nav><script>x</script></body>"
    with pytest.raises(DocumentParseError, match="empty document"):
        load_document(write(tmp_path / "vide.html", page))


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_text_and_metadata_title(tmp_path: Path) -> None:
    pdf = make_pdf(["Appel à projets France 2030", "Budget : 14,2 M€ (8 000 places)."], "Guide été")
    doc = load_document(write(tmp_path / "guide.pdf", pdf))
    assert doc.format == "pdf"
    assert doc.title == "Guide été"
    assert "Appel à projets France 2030" in doc.text
    assert "14,2 M€ (8 000 places)." in doc.text
    assert doc.content_hash == hashlib.sha256(pdf).hexdigest()


def test_pdf_without_title_uses_stem(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "fiche-cma.pdf", make_pdf(["Texte."])))
    assert doc.title == "fiche-cma"


def test_corrupt_pdf_gives_library_reason(tmp_path: Path) -> None:
    with pytest.raises(DocumentParseError) as info:
        load_document(write(tmp_path / "casse.pdf", os.urandom(2048)))
    assert info.value.reason.startswith("invalid PDF: ")
    assert len(info.value.reason) > len("invalid PDF: ")


def test_truncated_pdf_is_a_parse_error(tmp_path: Path) -> None:
    pdf = make_pdf(["Texte complet."])
    with pytest.raises(DocumentParseError, match="invalid PDF"):
        load_document(write(tmp_path / "tronque.pdf", pdf[: len(pdf) // 3]))


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(DocumentParseError, match="empty document"):
        load_document(write(tmp_path / "scan.pdf", make_pdf([])))


# --- DOCX ----------------------------------------------------------------------------------


def make_docx(path: Path, *, title: str | None = None) -> Path:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading("Formations numériques", level=1)
    document.add_paragraph("Le programme finance 8 000 places.")
    document.add_heading("Critères", level=2)
    document.add_paragraph("Être établi en France", style="List Bullet")
    document.add_paragraph("Avoir un partenaire", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Année", "Montant"), ("2024", "14,2 M€")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("Fin du document.")
    document.save(str(path))
    return path


def test_docx_headings_lists_and_tables(tmp_path: Path) -> None:
    doc = load_document(make_docx(tmp_path / "formations.docx"))
    assert doc.format == "docx"
    assert doc.title == "Formations numériques"
    assert doc.text == (
        "# Formations numériques\n\n"
        "Le programme finance 8 000 places.\n\n"
        "## Critères\n\n"
        "- Être établi en France\n- Avoir un partenaire\n\n"
        "| Année | Montant |\n| 2024 | 14,2 M€ |\n\n"
        "Fin du document."
    )


def test_docx_core_title_wins(tmp_path: Path) -> None:
    doc = load_document(make_docx(tmp_path / "f.docx", title="Titre des propriétés"))
    assert doc.title == "Titre des propriétés"


@pytest.mark.parametrize(
    "content", [os.urandom(1024), b"PK\x03\x04" + os.urandom(200)], ids=["random", "bad-zip"]
)
def test_corrupt_docx_gives_library_reason(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(DocumentParseError) as info:
        load_document(write(tmp_path / "casse.docx", content))
    assert info.value.reason.startswith("invalid DOCX: ")


# --- iter_documents ------------------------------------------------------------------------


def test_iter_documents_walks_sorted_and_skips(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "b.md", "# B\n\nTexte B.")
    write(corpus / "a.txt", "Texte A.")
    write(corpus / "sous" / "c.html", "<h1>C</h1><p>Texte C.</p>")
    write(corpus / "qa" / "questions.md", "# Q\n\nNe pas indexer.")
    write(corpus / "questions.jsonl", '{"question": "?"}\n')
    write(corpus / ".cache" / "d.md", "Caché.")
    write(corpus / ".brouillon.md", "Caché.")
    write(corpus / "casse.pdf", b"%PDF-1.4 pas vraiment")
    make_docx(corpus / "sous" / "e.docx")

    items = list(iter_documents([corpus]))

    loaded = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, LoadFailure)]
    assert [Path(d.source_path).relative_to(corpus).as_posix() for d in loaded] == [
        "a.txt",
        "b.md",
        "sous/c.html",
        "sous/e.docx",
    ]
    assert [Path(f.path).name for f in failures] == ["casse.pdf"]
    assert failures[0].reason.startswith("invalid PDF")
    assert failures[0].user_message == "Ce document est endommagé ou illisible."


def test_iter_documents_reports_missing_and_loads_each_file_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    a = write(corpus / "a.md", "Texte A.")
    items = list(iter_documents([a, corpus, tmp_path / "absent.md", corpus / "." / "a.md"]))
    assert len(items) == 2
    assert isinstance(items[0], Document) and items[0].id == "a"
    assert items[1] == LoadFailure(
        str(tmp_path / "absent.md"), "file not found", "Ce fichier est introuvable."
    )


def test_iter_documents_custom_excludes_and_explicit_unsupported_file(tmp_path: Path) -> None:
    write(tmp_path / "archives" / "vieux.md", "Ancien.")
    write(tmp_path / "qa" / "q.md", "Question.")
    jsonl = write(tmp_path / "questions.jsonl", "{}\n")
    items = list(iter_documents([tmp_path, jsonl], exclude_dirs=("archives",)))
    assert [i.id for i in items if isinstance(i, Document)] == ["q"]
    (failure,) = (i for i in items if isinstance(i, LoadFailure))
    assert failure.path == str(jsonl)
    assert failure.reason == "unsupported extension '.jsonl'"


def test_iter_documents_reports_invalid_front_matter_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "1.md", "---\n- liste\n---\nCorps.")
    write(tmp_path / "2.md", "Corps valide.")
    items = list(iter_documents([tmp_path]))
    assert isinstance(items[0], LoadFailure)
    assert items[0].reason == "front matter is a list, expected a mapping"
    assert isinstance(items[1], Document) and items[1].text == "Corps valide."
