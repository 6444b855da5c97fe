"""Query expansion with the domain glossary (acronyms and synonyms)."""

from __future__ import annotations

from assistant.text import expand_query, expansions, fold


def test_an_acronym_is_also_searched_in_full() -> None:
    assert "campus des métiers et des qualifications" in expansions("Quels CMQ existent ?")


def test_the_full_form_is_also_searched_as_the_acronym() -> None:
    assert "CMQ" in expansions("un campus des métiers et des qualifications")


def test_matching_ignores_case_and_accents() -> None:
    assert "hydrogène" in expansions("les formations h2")
    assert "H2" in expansions("formations a l'HYDROGENE")


def test_forms_already_in_the_query_are_not_repeated() -> None:
    extra = expansions("CMQ ou campus des métiers et des qualifications ?")
    assert "CMQ" not in extra
    assert "campus des métiers et des qualifications" not in extra


def test_acronyms_match_whole_words_only() -> None:
    # « IA » must not fire inside « Occitanie », nor « CAP » inside « capacité ».
    assert expansions("Occitanie, capacité") == []


def test_expand_query_keeps_the_question_and_appends_the_equivalents() -> None:
    expanded = expand_query("Quel est le budget de BATTENA ?")
    assert expanded.startswith("Quel est le budget de BATTENA ?")
    assert "coût total" in expanded and "montant total" in expanded
    assert expand_query("Bonjour") == "Bonjour"


def test_fold_strips_accents_and_typographic_apostrophes() -> None:
    assert fold("L’École Hydrogène") == "l'ecole hydrogene"
