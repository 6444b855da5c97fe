"""Questions typed on a phone are written out before anything reads them."""

from __future__ import annotations

import pytest

from assistant.text.informal import spell_out


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (
            "BATTENA ca a ete lancé qd ? et c porté par qui",
            "BATTENA ça a été lancé quand ? et c'est porté par qui ?",
        ),
        ("MACMIA c koi en gros", "MACMIA c'est quoi en gros ?"),
        ("ca forme combien detudiants par an", "ça forme combien d'étudiants par an ?"),
        ("ca coute combien l inscription ?", "ça coute combien l'inscription ?"),
        ("jai 17 ans, ya quoi dans lindustrie ?", "j'ai 17 ans, il y a quoi dans l'industrie ?"),
        ("Qd est-ce que ça commence ?", "Quand est-ce que ça commence ?"),
        (
            "le projet porte par verkor ca demarre qd",
            "le projet porté par verkor ça démarre quand ?",
        ),
        ("cest pour qui ?", "c'est pour qui ?"),
    ],
)
def test_texting_abbreviations_and_left_out_apostrophes_are_written_out(
    typed: str, written: str
) -> None:
    assert spell_out(typed) == written


@pytest.mark.parametrize(
    "question",
    [
        "Quel est le budget d'Electro'Mob ?",
        "Le langage C et D sont-ils enseignés ?",
        "Combien de formations dans les Hauts-de-France ?",
        "Qui porte CyberSkills4All à Rennes ?",
    ],
)
def test_a_question_written_out_already_is_left_as_it_is(question: str) -> None:
    assert spell_out(question) == question


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (
            "Le volet doit former combien d'étudiants ? Réponds seulement avec le nombre.",
            "Le volet doit former combien d'étudiants ?",
        ),
        ("Lesquels sont-ils ? Une liste suffit.", "Lesquels sont-ils ?"),
        (
            "Combien de projets venaient des Antilles ? Juste le nombre.",
            "Combien de projets venaient des Antilles ?",
        ),
        ("Quel est le budget, réponds juste avec le chiffre ?", "Quel est le budget ?"),
        ("Il a reçu des prix, non ? Lesquels ?", "Il a reçu des prix ?"),
        ("Y a-t-il des partenaires ? Si oui, lesquels ?", "Y a-t-il des partenaires ?"),
        # A question that is only « lesquels » or a context sentence before it is kept.
        ("Lesquels ?", "Lesquels ?"),
        ("Je prépare une réunion. Quel budget ?", "Je prépare une réunion. Quel budget ?"),
        ("Juste le nombre de places ?", "Juste le nombre de places ?"),
    ],
)
def test_sentences_telling_how_to_answer_are_dropped(typed: str, read: str) -> None:
    assert spell_out(typed) == read
