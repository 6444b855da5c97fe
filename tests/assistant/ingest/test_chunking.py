"""Tests of assistant.ingest.chunking: French sentences, numbers, sections, tables, offsets."""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from pathlib import Path

import pytest

from assistant.ingest import Chunk, Document, chunk_document, load_document
from assistant.text import split_sentences


def make_doc(text: str, *, title: str = "Guide CMA", doc_id: str = "guide") -> Document:
    return Document(
        id=doc_id,
        title=title,
        text=text,
        url=None,
        metadata={},
        source_path=f"{doc_id}.md",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        format="markdown",
    )


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def assert_offsets(doc: Document, chunks: list[Chunk]) -> None:
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip() and chunk.text


# --- sentences -----------------------------------------------------------------------------


def test_split_sentences_french_passage() -> None:
    text = (
        "M. Dupont et Mme Durand (cf. art. 3, p. ex. en 52 av. J.-C.) ont reçu 14,2 M€. "
        "Le budget est de 8\u00a0000 €. Il a dit : « Bonjour. Comment allez-vous ? » "
        "Puis il est parti... Voir https://www.info.gouv.fr/france-2030. "
        "Qui peut candidater ? Les PME ! Le taux est de 2.5 %, soit 1 250 000 €. "
        "8 000 places sont ouvertes."
    )
    assert sentences(text) == [
        "M. Dupont et Mme Durand (cf. art. 3, p. ex. en 52 av. J.-C.) ont reçu 14,2 M€.",
        "Le budget est de 8\u00a0000 €.",
        "Il a dit : « Bonjour. Comment allez-vous ? »",
        "Puis il est parti...",
        "Voir https://www.info.gouv.fr/france-2030.",
        "Qui peut candidater ?",
        "Les PME !",
        "Le taux est de 2.5 %, soit 1 250 000 €.",
        "8 000 places sont ouvertes.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont est arrivé.",
        "MM. Martin et Durand, Mme Petit, Mlle Roux et Dr Blanc signent.",
        "Le projet (p. ex. Lyon) et le programme (cf. Annexe 2) avancent.",
        "En 52 av. J.-C. César conquiert la Gaule.",
        "Voir l'art. L. 123-4 du code et le n° 12 du bulletin.",
        "J. Dupont et A. B. Martin signent la convention.",
        "Le taux passe de 2.5 à 3,5 % en 2024.",
        "Le fonds de 14,2 M€ et de 1,5 Md€ est ouvert.",
        "Lisez https://www.info.gouv.fr/a.b?c=D.E et www.service-public.fr/X.",
        "Les formations (…) Durent trois ans.",
        "L'U.E. Européenne finance le projet.",
        "Les pôles sont portés par 4 ensembles franciliens (dont Hi! Paris), et SequoIA.",
        "Hi! Paris Cluster 2030 reçoit 70 M€.",
    ],
)
def test_split_sentences_does_not_split(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Formations, stages, etc. Les dossiers arrivent.", 2),
        ("Il hésite… Puis il signe.", 2),
        ("Il hésite... Puis il signe !", 2),
        ("Qui ? Quoi ? Comment ?", 3),
        ("Il a dit « Stop. » Puis il est parti.", 2),
        ("Le total est de 8 000 €. 14,2 M€ sont déjà engagés.", 2),
        ("(Voir l'annexe.) Les dossiers suivent.", 2),
    ],
)
def test_split_sentences_splits(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


def test_split_sentences_separates_blocks_and_trims() -> None:
    text = (
        "  # Titre\nIntro sans point final\n\nVoici la liste :\n- un\n- deux\n"
        "1. premier\n| a | b |\n| c | d |\nligne\ncontinuée.  \n"
    )
    assert sentences(text) == [
        "# Titre",
        "Intro sans point final",
        "Voici la liste :",
        "- un",
        "- deux",
        "1. premier",
        "| a | b |",
        "| c | d |",
        "ligne\ncontinuée.",
    ]
    assert split_sentences("") == [] and split_sentences(" \n\t") == []


# --- numbers never split (property-style) --------------------------------------------------

_SPACES = (" ", "\u00a0", "\u202f")
_UNITS = ("€", "M€", "Md€", "%", "k€", "millions", "milliards", "euros")
_WORDS = (
    *("le", "programme", "finance", "les", "formations", "aux", "métiers", "d'avenir"),
    *("pour", "les", "entreprises", "et", "établissements", "du", "territoire", "avec"),
    *("un", "budget", "de", "soit", "environ", "plus", "que"),
)
_BITS = ("M. Dupont", "Mme Durand", "cf. art. 3", "p. ex.", "n° 12", "av. J.-C.", "etc.")


def _figure(rng: random.Random) -> str:
    value = rng.choice([rng.randint(0, 999), rng.randint(1_000, 999_999), rng.randint(1, 10**10)])
    number = f"{value:,}".replace(",", rng.choice(_SPACES)) if rng.random() < 0.8 else str(value)
    if rng.random() < 0.5:
        number += rng.choice(",.") + str(rng.randint(0, 99))
    if rng.random() < 0.7:
        number += rng.choice(_SPACES) + rng.choice(_UNITS)
    return number


def _generated(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """French-looking text with figures; returns the text and the figures' spans."""
    text, figures = "", []
    for _ in range(rng.randint(3, 8)):  # paragraphs
        if text:
            text += "\n\n"
        for n in range(rng.randint(1, 6)):  # sentences
            if n:
                text += " "
            long_sentence = rng.random() < 0.2
            for w in range(rng.randint(25, 60) if long_sentence else rng.randint(3, 14)):
                if w:
                    text += " "
                roll = rng.random()
                if roll < 0.3:
                    figure = _figure(rng)
                    opening, closing = rng.choice([("", "")] * 4 + [("(", ")"), ("« ", " »")])
                    text += opening
                    figures.append((len(text), len(text) + len(figure)))
                    text += figure + closing + rng.choice(["", "", "", ",", ";", " :"])
                elif roll < 0.38:
                    text += rng.choice(_BITS)
                else:
                    word = rng.choice(_WORDS)
                    text += word.capitalize() if w == 0 else word
            text += rng.choice([".", ".", " !", " ?", "…"])
    return text, figures


def _cuts_inside(position: int, figures: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in figures)


@pytest.mark.parametrize("seed", range(300))
def test_numbers_are_never_split(seed: int) -> None:
    rng = random.Random(seed)
    text, figures = _generated(rng)
    doc = make_doc(text)
    size = rng.randint(40, 400)
    chunks = chunk_document(doc, size=size, overlap=rng.randint(0, size // 3))

    assert_offsets(doc, chunks)
    for chunk in chunks:
        assert not _cuts_inside(chunk.start, figures), text[chunk.start - 20 : chunk.start + 20]
        assert not _cuts_inside(chunk.end, figures), text[chunk.end - 20 : chunk.end + 20]
    for start, end in figures:
        assert any(c.start <= start and end <= c.end for c in chunks), text[start:end]
    for start, end in split_sentences(text):
        assert not _cuts_inside(start, figures) and not _cuts_inside(end, figures)


def test_long_sentence_is_split_at_words_keeping_figures_whole() -> None:
    figures = ["1 250 000 €", "14,2 M€", "8\u00a0000 places", "3,5 %", "2\u202f500 k€", "1,5 Md€"]
    text = " et ".join(f"une ligne de crédit de {f}" for f in figures * 5) + "."
    spans = [(m.start(), m.end()) for f in figures for m in re.finditer(re.escape(f), text)]
    doc = make_doc(text)
    chunks = chunk_document(doc, size=60, overlap=0)
    assert len(chunks) > 5
    assert_offsets(doc, chunks)
    for chunk in chunks:
        assert len(chunk.text) <= 60
        assert not _cuts_inside(chunk.start, spans) and not _cuts_inside(chunk.end, spans)
    assert "".join(c.text for c in chunks).count("14,2 M€") == 5


# --- sections and structure ----------------------------------------------------------------

STRUCTURED = """\
Préambule avant tout titre.

# Guide CMA

Introduction du guide.

## Éligibilité

Les porteurs de projet doivent être établis en France.

### Critères

Trois critères s'appliquent.

```
# pas un titre (code)
```

## Financement

Le budget total est de 14,2 M€.
"""


def test_heading_path_per_section_without_document_title() -> None:
    doc = make_doc(STRUCTURED)
    chunks = chunk_document(doc, size=900, overlap=150)
    assert_offsets(doc, chunks)
    assert [(c.heading_path, c.text.split("\n")[0]) for c in chunks] == [
        ((), "Préambule avant tout titre."),
        ((), "Introduction du guide."),
        (("Éligibilité",), "Les porteurs de projet doivent être établis en France."),
        (("Éligibilité", "Critères"), "Trois critères s'appliquent."),
        (("Financement",), "Le budget total est de 14,2 M€."),
    ]
    assert "# pas un titre" in chunks[3].text
    assert chunks[4].embed_text == "Guide CMA > Financement\nLe budget total est de 14,2 M€."
    assert chunks[0].embed_text == "Guide CMA\nPréambule avant tout titre."


def test_sole_leading_h1_is_the_title_heading() -> None:
    text = "# AMI CMA (court)\n\n## Présentation\n\nTexte.\n\n## Budget\n\n2,5 Md€."
    chunks = chunk_document(make_doc(text, title="AMI CMA : le long titre"), size=900, overlap=0)
    assert [c.heading_path for c in chunks] == [("Présentation",), ("Budget",)]
    two_h1 = "# Partie 1\n\nTexte un.\n\n# Partie 2\n\nTexte deux."
    chunks = chunk_document(make_doc(two_h1), size=900, overlap=0)
    assert [c.heading_path for c in chunks] == [("Partie 1",), ("Partie 2",)]


def test_chunks_never_span_two_sections() -> None:
    body = " ".join(f"Phrase {i} de la section." for i in range(30))
    text = f"## A\n\n{body}\n\n## B\n\n{body}\n\n### B1\n\n{body}"
    doc = make_doc(text)
    chunks = chunk_document(doc, size=200, overlap=50)
    assert_offsets(doc, chunks)
    assert {c.heading_path for c in chunks} == {("A",), ("B",), ("B", "B1")}
    for chunk in chunks:
        assert "#" not in chunk.text
        assert len(chunk.text) <= 200
    b_start = text.index("## B")
    assert all(c.end < b_start or c.start > b_start for c in chunks)


def test_paragraphs_are_packed_and_kept_whole() -> None:
    paragraphs = [f"Paragraphe {i}. " + "Une phrase courte. " * 3 for i in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    doc = make_doc(text)
    chunks = chunk_document(doc, size=250, overlap=0)
    assert_offsets(doc, chunks)
    for chunk in chunks:
        assert len(chunk.text) <= 250
        assert chunk.text.startswith("Paragraphe") and chunk.text.endswith("courte.")
    assert len(chunks) < len(paragraphs)


def test_overlap_is_whole_sentences_from_previous_chunk() -> None:
    text = " ".join(f"La phrase numéro {i} parle du budget de {i} 000 €." for i in range(60))
    doc = make_doc(text)
    chunks = chunk_document(doc, size=300, overlap=100)
    assert_offsets(doc, chunks)
    starts = {text[s:e] for s, e in split_sentences(text)}
    for previous, current in itertools.pairwise(chunks):
        shared = previous.end - current.start
        assert 0 < shared <= 200
        assert any(s.startswith(current.text[:25]) for s in starts)  # starts on a sentence
        assert previous.text.endswith(doc.text[current.start : previous.end])
    assert chunks[-1].end == len(text)


def test_no_overlap_when_zero_or_across_sections() -> None:
    body = " ".join(f"Phrase {i} du texte." for i in range(40))
    doc = make_doc(f"## A\n\n{body}\n\n## B\n\n{body}")
    for previous, current in zip(*[chunk_document(doc, size=120, overlap=0)] * 2, strict=True):
        assert previous == current  # deterministic
    chunks = chunk_document(doc, size=120, overlap=0)
    assert all(a.end < b.start for a, b in itertools.pairwise(chunks))
    chunks = chunk_document(doc, size=120, overlap=40)
    first_b = next(c for c in chunks if c.heading_path == ("B",))
    assert first_b.text.startswith("Phrase 0 du texte.")


def test_small_table_stays_whole_with_header() -> None:
    table = "| Année | Montant |\n|---|---|\n| 2023 | 8 000 € |\n| 2024 | 14,2 M€ |"
    text = "Un paragraphe d'introduction assez long pour remplir.\n\n" + table + "\n\nFin."
    doc = make_doc(text)
    chunks = chunk_document(doc, size=len(table) + 10, overlap=20)
    assert_offsets(doc, chunks)
    assert sum(table in c.text for c in chunks) == 1


def test_big_table_is_split_by_rows_repeating_header() -> None:
    header = "| Région | Places | Budget |\n|:---|---:|---:|"
    rows = [f"| Région {i} | {i} 000 | {i},5 M€ |" for i in range(40)]
    text = "## Répartition\n\n" + header + "\n" + "\n".join(rows)
    doc = make_doc(text)
    chunks = chunk_document(doc, size=200, overlap=50)
    assert_offsets(doc, chunks)
    assert len(chunks) > 3
    assert chunks[0].text.startswith(header) and chunks[0].context == ""
    for chunk in chunks[1:]:
        assert chunk.context == header
        assert chunk.embed_text.startswith(f"Guide CMA > Répartition\n{header}\n| Région")
        assert len(chunk.text) + len(chunk.context) + 1 <= 200
    for row in rows:  # every row whole, in exactly one chunk
        assert sum(row in c.text.split("\n") for c in chunks) == 1


def test_bullet_list_stays_with_its_introduction() -> None:
    filler = " ".join(f"Phrase de contexte {i}." for i in range(12))
    items = "\n".join(f"- critère {i} : être établi en France" for i in range(5))
    text = f"{filler} Les critères sont les suivants :\n{items}\n\nSuite du texte."
    doc = make_doc(text)
    chunks = chunk_document(doc, size=260, overlap=0)
    assert_offsets(doc, chunks)
    (with_list,) = (c for c in chunks if "- critère" in c.text)
    assert f"Les critères sont les suivants :\n{items}" in with_list.text


def test_long_list_is_split_between_items() -> None:
    items = [f"- Élément {i} de la liste, avec 1 500 € de budget." for i in range(30)]
    text = "Introduction :\n" + "\n".join(items)
    doc = make_doc(text)
    chunks = chunk_document(doc, size=200, overlap=0)
    assert_offsets(doc, chunks)
    assert chunks[0].text.startswith("Introduction :\n- Élément 0")
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            assert line in items or line == "Introduction :"


def test_word_longer_than_size_is_kept_whole() -> None:
    url = "https://www.info.gouv.fr/" + "tres-long-chemin/" * 10
    doc = make_doc(f"Voir {url} pour le détail du cahier des charges.")
    chunks = chunk_document(doc, size=50, overlap=0)
    assert_offsets(doc, chunks)
    assert any(url in c.text for c in chunks)


def test_ids_are_deterministic_and_formatted() -> None:
    doc = make_doc(STRUCTURED, doc_id="ami-cma")
    chunks = chunk_document(doc, size=200, overlap=50)
    assert chunks == chunk_document(doc, size=200, overlap=50)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert chunks[2].id == f"ami-cma:{doc.content_hash[:12]}:0002"
    assert all(c.doc_id == "ami-cma" for c in chunks)


@pytest.mark.parametrize(("size", "overlap"), [(0, 0), (100, 100), (100, -1)])
def test_invalid_size_or_overlap(size: int, overlap: int) -> None:
    with pytest.raises(ValueError, match="chunk"):
        chunk_document(make_doc("Texte."), size=size, overlap=overlap)


def test_loaded_html_document_chunks_by_its_headings(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<title>AMI CMA</title><h1>AMI CMA</h1><p>Présentation.</p>"
        "<h2>Calendrier</h2><p>Dépôt avant le 15 mars 2025.</p>"
        "<h2>Budget</h2><p>Enveloppe de 2,5&nbsp;Md€.</p>",
        encoding="utf-8",
    )
    doc = load_document(page)
    chunks = chunk_document(doc, size=900, overlap=150)
    assert_offsets(doc, chunks)
    assert [(c.heading_path, c.text) for c in chunks] == [
        ((), "Présentation."),
        (("Calendrier",), "Dépôt avant le 15 mars 2025."),
        (("Budget",), "Enveloppe de 2,5\u00a0Md€."),
    ]
