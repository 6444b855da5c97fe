"""Catalogue routes (``/v1/programmes``, ``/v1/sources/{id}``) over the indexed corpus."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def assert_french_error(response: Any, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["message"] and "Traceback" not in response.text
    if code:
        assert error["code"] == code


def test_programmes_list_and_filters(client: TestClient) -> None:
    everything = client.get("/v1/programmes").json()
    assert everything["count"] == len(everything["programmes"]) > 5
    assert "Hauts-de-France" in everything["available"]["regions"]
    ids = {p["id"] for p in everything["programmes"]}
    assert "electromob" in ids

    hdf = client.get("/v1/programmes", params={"region": "hauts-de-france"}).json()
    assert hdf["filters"]["regions"] == ["Hauts-de-France"]
    assert 0 < hdf["count"] < everything["count"]
    # A region filter keeps what is open in that region: its programmes and national schemes.
    assert all(
        "Hauts-de-France" in p["regions"] or "National" in p["regions"] for p in hdf["programmes"]
    )
    assert "electromob" in {p["id"] for p in hdf["programmes"]}

    one = client.get("/v1/programmes", params={"programme": "Electro'Mob"}).json()
    assert [p["id"] for p in one["programmes"]] == ["electromob"]
    assert one["programmes"][0]["budget_total_eur"] == 25_000_000


def test_programmes_unknown_or_invalid_filters(client: TestClient) -> None:
    assert_french_error(client.get("/v1/programmes?region=Atlantide"), 400, "unknown_filter")
    too_many = "&".join(["sector=x"] * 30)
    assert_french_error(client.get(f"/v1/programmes?{too_many}"), 422, "invalid_request")
    assert_french_error(client.get(f"/v1/programmes?region={'a' * 500}"), 422)


def test_source_text_by_id_and_no_path_reaches_a_file(client: TestClient) -> None:
    found = client.get("/v1/sources/electromob")
    assert found.status_code == 200, found.text
    assert "Electro" in found.json()["text"]
    assert_french_error(client.get("/v1/sources/inconnu-123"), 404, "not_found")
    for hostile in ("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "a" * 200):
        assert client.get(f"/v1/sources/{hostile}").status_code in (400, 404)
