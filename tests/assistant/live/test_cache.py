"""The answer cache: bounded, keyed by index version, question, history and filters."""

from __future__ import annotations

from assistant.answer import Answer, Filters
from assistant.index.version import IndexVersion
from assistant.live import AnswerCache, CacheKey

V1 = IndexVersion(1, "2026-01-01T00:00:00+00:00")
V2 = IndexVersion(2, "2026-01-02T00:00:00+00:00")


def key(question: str, version: IndexVersion = V1, **kwargs: object) -> CacheKey:
    history = kwargs.get("history", ())
    filters = kwargs.get("filters", Filters())
    return CacheKey.of(version, question, history, filters)  # type: ignore[arg-type]


def test_the_same_question_written_differently_is_one_entry() -> None:
    cache = AnswerCache(4)
    cache.put(key("Quel est le budget d'Electro'Mob ?"), Answer("25 M€ [1]", True))
    hit = cache.get(key("  quel est le   BUDGET d'Electro'Mob ? "))
    assert hit is not None and hit.text == "25 M€ [1]"


def test_a_hit_is_a_copy_with_its_own_answer_id() -> None:
    cache = AnswerCache(4)
    original = Answer("25 M€ [1]", True)
    cache.put(key("Budget ?"), original)
    first, second = cache.get(key("Budget ?")), cache.get(key("Budget ?"))
    assert first is not None and second is not None
    assert len({original.answer_id, first.answer_id, second.answer_id}) == 3


def test_version_history_and_filters_are_part_of_the_key() -> None:
    cache = AnswerCache(8)
    cache.put(key("Budget ?"), Answer("v1", True))
    assert cache.get(key("Budget ?", V2)) is None  # a re-index: never the old answer
    assert cache.get(key("Budget ?", filters=Filters(regions=("Bretagne",)))) is None
    turns = [{"role": "user", "content": "Et BATTENA ?"}]
    assert cache.get(key("Budget ?", history=turns)) is None
    assert cache.get(key("Budget ?")) is not None


def test_least_recently_used_answers_are_dropped_first() -> None:
    cache = AnswerCache(2)
    cache.put(key("a ?"), Answer("a", True))
    cache.put(key("b ?"), Answer("b", True))
    assert cache.get(key("a ?")) is not None  # a is now the most recent
    cache.put(key("c ?"), Answer("c", True))
    assert len(cache) == 2
    assert cache.get(key("b ?")) is None
    assert cache.get(key("a ?")) is not None and cache.get(key("c ?")) is not None


def test_degraded_answers_are_not_kept() -> None:
    cache = AnswerCache(2)
    cache.put(key("a ?"), Answer("a", True, notice="Réponse extractive (délai dépassé)."))
    assert cache.get(key("a ?")) is None
