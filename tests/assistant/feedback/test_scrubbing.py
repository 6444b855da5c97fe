"""The one scrubber: what French visitors type about themselves never reaches the database."""

from __future__ import annotations

import pytest

from assistant.feedback.scrubbing import scrub, scrub_short


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Je suis marie.dupont@example.org, quelle formation ?",
            "Je suis [courriel masqué], quelle formation ?",
        ),
        ("Écrivez à jean-luc.o'neil+cma@région-sud.fr.", "Écrivez à [courriel masqué]."),
        ("tél. 06 12 34 56 78 svp", "tél. [téléphone masqué] svp"),
        ("appelez le 0612345678", "appelez le [téléphone masqué]"),
        ("ou le 01.23.45.67.89", "ou le [téléphone masqué]"),
        ("Rappelez-moi au +33 6 12 34 56 78", "Rappelez-moi au [téléphone masqué]"),
        ("+33612345678 ou 0033 6 12 34 56 78", "[téléphone masqué] ou [téléphone masqué]"),
        ("+33 (0)6 12 34 56 78", "[téléphone masqué]"),
        (
            "mon numéro de sécu est 1 85 05 78 006 084 36, merci",
            "mon numéro de sécu est [numéro de sécurité sociale masqué], merci",
        ),
        ("NIR 2690599350123", "NIR [numéro de sécurité sociale masqué]"),
        (
            "né en Corse : 1 72 03 2A 123 456 78",
            "né en Corse : [numéro de sécurité sociale masqué]",
        ),
        (
            "Bonjour, je m'appelle Jean Dupont et je cherche une formation",
            "Bonjour, je m'appelle [nom masqué] et je cherche une formation",
        ),
        ("je m’appelle léa martin, je veux", "je m’appelle [nom masqué], je veux"),
        ("Mon nom est Durand.", "Mon nom est [nom masqué]."),
        ("Je m'appelle Paul j'habite à Lille", "Je m'appelle [nom masqué] j'habite à Lille"),
    ],
)
def test_personal_data_is_masked(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Quel est le budget d'Electro'Mob ? 25 000 000 € en 2030",
        "14,2 M€ d'aide de l'État pour 8 000 personnes, lancé le 17 avril 2023",
        "Formations BAC+2 à BAC+5 en Hauts-de-France (code ROME H1206)",
        "Comment s'appelle le programme de Normandie ?",
    ],
)
def test_programme_figures_and_dates_are_kept(text: str) -> None:
    assert scrub(text) == text


def test_short_text_is_stripped_scrubbed_and_cut() -> None:
    assert scrub_short("  Écrivez-moi : a@b.fr  ", 500) == "Écrivez-moi : [courriel masqué]"
    assert scrub_short("x" * 600, 500) == "x" * 500
    assert scrub_short("   ", 500) is None and scrub_short(None, 500) is None
