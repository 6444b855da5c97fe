"""Web addresses and citation markers, as every stage reads them."""

from __future__ import annotations

from assistant.text import markers, numbers_in, web_url


def test_only_plain_web_addresses_are_kept() -> None:
    assert (
        web_url(" https://www.info.gouv.fr/france-2030 ") == "https://www.info.gouv.fr/france-2030"
    )
    assert web_url("javascript:alert(1)") is None
    assert web_url("file:///etc/passwd") is None
    assert web_url('https://a.fr/"onmouseover=x') is None
    assert web_url(None) is None


def test_marker_groups_are_read_in_order() -> None:
    assert markers("25 M€ [1], dont 14,2 M€ d'aide [2, 3] ; voir [1; 4].") == [1, 2, 3, 1, 4]


def test_markers_and_urls_are_not_numbers_of_the_answer() -> None:
    assert numbers_in("Budget : 25 M€ [2, 3] (https://ex.fr/page-2030)") == ["25"]
