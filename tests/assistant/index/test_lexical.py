"""French BM25: accent-, case- and digit-grouping-insensitive word matching."""

from __future__ import annotations

import numpy as np

from assistant.index import LexicalIndex
from assistant.text import tokenize


def test_tokens_ignore_accents_case_and_inflection() -> None:
    assert tokenize("Hydrogène") == tokenize("hydrogene")
    assert tokenize("formations") == tokenize("formation")


def test_numbers_match_whatever_their_grouping() -> None:
    assert tokenize("8 000 personnes") == tokenize("8000 personnes")
    assert tokenize("8\u00a0000") == tokenize("8000")


def test_question_words_are_not_search_terms() -> None:
    assert tokenize("Quel est le budget ?") == tokenize("budget")


TEXTS = [
    "BATTENA forme toute la filière batterie en Nouvelle-Aquitaine.",
    "OSMOSE forme à la cybersécurité en Occitanie.",
    "Electro'Mob vise plus de 8 000 personnes formées d'ici 2030.",
]


def test_the_text_holding_the_rare_words_ranks_first() -> None:
    index = LexicalIndex(TEXTS)
    assert int(np.argmax(index.scores("la cybersécurité en Occitanie"))) == 1
    assert int(np.argmax(index.scores("8000 personnes"))) == 2


def test_unknown_words_give_zero_scores_and_no_crash() -> None:
    index = LexicalIndex(TEXTS)
    assert not index.scores("recette du cassoulet").any()
    assert index.known("recette du cassoulet") == []
    assert index.scores("").shape == (3,)


def test_an_empty_index_answers_with_no_scores() -> None:
    assert LexicalIndex([]).scores("batterie").shape == (0,)


def test_rare_words_weigh_more_than_common_ones() -> None:
    index = LexicalIndex(TEXTS)
    (rare,) = tokenize("cybersécurité")
    (common,) = tokenize("forme")
    assert index.idf(rare) > index.idf(common)
