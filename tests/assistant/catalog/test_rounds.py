"""Rounds of the call (« la 3e vague », « saison 2 »), named by the call's own aliases."""

from __future__ import annotations

import pytest

from assistant.catalog import Catalog, ProgrammeRecord
from assistant.catalog.rounds import other_round, round_nouns, rounds_in, rounds_pattern


@pytest.mark.parametrize(
    ("text", "rounds"),
    [
        ("Combien de projets lors de la troisième vague ?", {"round": {3}}),
        ("Lors de la 1re levée, combien de diagnostics ?", {"round": {1}}),
        ("En additionnant les deux premières vagues", {"round": {1, 2}}),
        ("les vagues 1 et 2 réunies", {"round": {1, 2}}),
        ("24 février et 5 juillet 2022 : 1re et 2e levées", {"round": {1, 2}}),
        ("La 3e vague de la saison 1", {"round": {3}, "saison": {1}}),
        ("Pendant la deuxième saison de l'appel", {"saison": {2}}),
        ("Y a-t-il des projets de la saison 2 aux Antilles ?", {"saison": {2}}),
        ("la dernière vague", {"round": set()}),
        # Everyday words, and years, are no rounds of the call.
        ("Quand commence la saison des soldes ?", {}),
        ("une vague de chaleur", {}),
        ("la saison 2024 des festivals", {}),
        ("le bilan 2024", {}),
    ],
)
def test_the_rounds_a_text_names(corpus_catalog: Catalog, text: str, rounds: dict) -> None:
    assert corpus_catalog.rounds_in(text) == rounds


def test_the_round_nouns_come_from_the_calls_own_aliases() -> None:
    call = ProgrammeRecord.from_front_matter(
        {
            "id": "appel-saisons",
            "short_name": "Appel XY",
            "aliases": ["tours Appel XY", "édition 3 Appel XY", "bilan Appel XY"],
        },
        title="Appel XY",
        url="",
    )
    nouns = round_nouns([call], {"appel-saisons"})
    # Plural aliases share one kind; a numbered one is its own; « bilan » is neither.
    assert nouns == {"tour": "round", "edition": "edition"}
    assert rounds_in("le 2e tour de l'édition 3", nouns, rounds_pattern(nouns)) == {
        "round": {2},
        "edition": {3},
    }
    assert round_nouns([call], set()) == {}


def test_a_sentence_about_another_round_of_the_same_kind_is_another_round() -> None:
    assert other_round({"round": {3}}, {"round": {1}})
    assert not other_round({"round": {2}}, {"round": {1, 2}})
    # Rounds asked together are not answered by one of them alone.
    assert other_round({"round": {1, 2}}, {"round": {1}})
    assert not other_round({"round": {1, 2}}, {"round": {1, 2}})
    # Another kind, or a round whose number is not said, is not told apart.
    assert not other_round({"round": {3}}, {"saison": {1}})
    assert not other_round({"round": {3}}, {"round": set()})


def test_round_phrases_are_quoted_as_written(corpus_catalog: Catalog) -> None:
    assert corpus_catalog.round_phrases("Combien lors de la 1re levée de l'AMI CMA ?") == [
        "1re levée"
    ]
    assert corpus_catalog.round_phrases("Quand la saison 2 a-t-elle ouvert ?") == ["saison 2"]
