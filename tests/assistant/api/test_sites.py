"""Per-site settings (ASSISTANT_SITES_FILE): the file's validation, GET /v1/sites/{key}, and
the rules applied to chat requests (origin checked, region pinned), on the real assistant."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant import Settings
from assistant.api.sites import Sites
from assistant.errors import ConfigError

SITE_ORIGIN = "https://formations.hauts-de-france.example"
OTHER_SITE_ORIGIN = "https://www.occitanie.example"
ALLOWED_ORIGIN = "https://region-demo.example"  # conftest.api_settings' allow-list
BIO_OCC = "Quel est le montant global du projet Bio'Occ ?"  # an Occitanie-only programme

SITES = {
    "sites": {
        "hdf": {
            "origins": [SITE_ORIGIN + "/"],
            "regions": ["hauts de france"],  # as typed: resolved like users' filters
            "title": "Assistant Formations d'avenir",
            "color": "#004a99",
            "region_label": "Hauts-de-France",
        },
        "occitanie": {"origins": [OTHER_SITE_ORIGIN], "regions": ["Occitanie"]},
        "partout": {"origins": ["http://127.0.0.1:8765"]},
        "atlantide": {"origins": ["https://atlantide.example"], "regions": ["Atlantide"]},
    }
}

TOML = """
[sites.hdf]
origins = ["https://formations.hauts-de-france.example"]
regions = ["Hauts-de-France"]
title = "Assistant Formations d'avenir"
color = "#004a99"
"""


def write(path: Path, content: Any) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


# --- the file ------------------------------------------------------------------------------


def test_a_sites_file_is_read_as_json_or_toml(tmp_path: Path) -> None:
    from_json = Sites.load(write(tmp_path / "sites.json", SITES))
    from_toml = Sites.load(write(tmp_path / "sites.toml", TOML))
    for sites in (from_json, from_toml):
        hdf = sites.get("hdf")
        assert hdf is not None
        assert hdf.origins == (SITE_ORIGIN,)  # normalised as browsers send Origin
        assert hdf.public() == {
            "key": "hdf",
            "title": "Assistant Formations d'avenir",
            "color": "#004a99",
            "region_label": "Hauts-de-France",
        }
    assert from_json.get("occitanie").public()["region_label"] == "Occitanie"  # type: ignore[union-attr]
    assert SITE_ORIGIN in from_json.origins() and OTHER_SITE_ORIGIN in from_json.origins()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{pas du json", ["not valid JSON"]),
        ({"sites": {"hdf": {"regions": ["Occitanie"]}}}, ["sites.hdf.origins", "required"]),
        ({"sites": {"hdf": {"origins": ["formations.example"]}}}, ["origin"]),
        ({"sites": {"hdf": {"origins": ["https://a.example/page"]}}}, ["path"]),
        ({"sites": {"hdf": {"origins": [SITE_ORIGIN], "color": "red"}}}, ["color"]),
        ({"sites": {"Pas une clé": {"origins": [SITE_ORIGIN]}}}, ["Pas une clé"]),
        ({"sites": {"hdf": {"origins": [SITE_ORIGIN], "regionz": []}}}, ["regionz"]),
        ({"site": {}}, ["sites"]),
    ],
)
def test_a_bad_sites_file_is_a_clear_error_for_operators(
    tmp_path: Path, content: Any, words: list[str]
) -> None:
    path = write(tmp_path / "sites.json", content)
    with pytest.raises(ConfigError) as raised:
        Sites.load(path)
    message = str(raised.value)
    assert message.startswith(f"sites file {path}")
    assert all(word in message for word in words), message
    assert "Traceback" not in message


def test_a_missing_or_bad_toml_sites_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        Sites.load(tmp_path / "absent.json")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Sites.load(write(tmp_path / "sites.toml", "[sites.hdf\norigins = 1"))


def test_the_api_refuses_to_start_with_a_bad_sites_file(
    tmp_path: Path, api_settings: Settings
) -> None:
    from assistant.api import create_app

    bad = write(tmp_path / "sites.json", {"sites": {"hdf": {"origins": []}}})
    with pytest.raises(ConfigError, match=r"sites\.hdf\.origins"):
        create_app(settings=api_settings.model_copy(update={"sites_file": bad}))


# --- the API -----------------------------------------------------------------------------


@pytest.fixture
def site_client(
    make_client: Callable[..., TestClient], api_settings: Settings, tmp_path: Path
) -> TestClient:
    path = write(tmp_path / "sites.json", SITES)
    return make_client(api_settings.model_copy(update={"sites_file": path}))


def ask(client: TestClient, origin: str | None, **body: Any) -> Any:
    headers = {"origin": origin} if origin else {}
    return client.post("/v1/chat", json={"question": BIO_OCC, **body}, headers=headers)


def cited(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {c["id"] for c in response.json()["citations"]}


def french_error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert "Traceback" not in response.text
    return str(error["message"])


@pytest.mark.slow
def test_the_widget_reads_a_sites_public_settings(site_client: TestClient) -> None:
    response = site_client.get("/v1/sites/hdf", headers={"origin": SITE_ORIGIN})
    assert response.status_code == 200
    assert response.json() == {
        "key": "hdf",
        "title": "Assistant Formations d'avenir",
        "color": "#004a99",
        "region_label": "Hauts-de-France",
    }
    assert response.headers["access-control-allow-origin"] == SITE_ORIGIN  # CORS: allowed
    assert SITE_ORIGIN not in response.text.replace(
        response.headers["access-control-allow-origin"], ""
    )  # the origins stay on the server
    message = french_error(site_client.get("/v1/sites/inconnu"), 404, "unknown_site")
    assert "n'est pas enregistré" in message


@pytest.mark.slow
def test_a_sites_region_is_pinned_and_cannot_be_widened(site_client: TestClient) -> None:
    # Control: without a site, the Occitanie programme is found.
    assert "bio-occ" in cited(ask(site_client, ALLOWED_ORIGIN))
    assert "bio-occ" in cited(ask(site_client, OTHER_SITE_ORIGIN, site="occitanie"))
    # The Hauts-de-France site: pinned to its region, whatever the request says.
    assert "bio-occ" not in cited(ask(site_client, SITE_ORIGIN, site="hdf"))
    widened = ask(
        site_client, SITE_ORIGIN, site="hdf", filters={"regions": ["Hauts-de-France", "Occitanie"]}
    )
    assert "bio-occ" not in cited(widened)
    # Leaving the key out does not lift the pin: the origin is the site's.
    assert "bio-occ" not in cited(ask(site_client, SITE_ORIGIN))
    # Asking only for another region is refused, in French.
    message = french_error(
        ask(site_client, SITE_ORIGIN, site="hdf", filters={"regions": ["Occitanie"]}),
        403,
        "region_not_allowed",
    )
    assert message == "Ce site ne couvre que : Hauts-de-France."


@pytest.mark.slow
def test_a_sites_key_is_only_valid_from_its_origins(site_client: TestClient) -> None:
    for origin in (ALLOWED_ORIGIN, OTHER_SITE_ORIGIN, None):
        message = french_error(ask(site_client, origin, site="hdf"), 403, "origin_not_allowed")
        assert "n'est pas autorisé" in message
    message = french_error(ask(site_client, SITE_ORIGIN, site="inconnu"), 400, "unknown_site")
    assert "n'est pas enregistré" in message
    bad_key = french_error(ask(site_client, SITE_ORIGIN, site="../hdf"), 422, "invalid_request")
    assert "site" in bad_key
    # The streaming endpoint applies the same rules before streaming anything.
    stream = site_client.post(
        "/v1/chat/stream",
        json={"question": BIO_OCC, "site": "hdf", "filters": {"regions": ["Occitanie"]}},
        headers={"origin": SITE_ORIGIN},
    )
    french_error(stream, 403, "region_not_allowed")


@pytest.mark.slow
def test_a_site_without_regions_only_restricts_its_origin(site_client: TestClient) -> None:
    assert "bio-occ" in cited(ask(site_client, "http://127.0.0.1:8765", site="partout"))


@pytest.mark.slow
def test_a_region_the_catalogue_lacks_is_an_operator_error(
    site_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = ask(site_client, "https://atlantide.example", site="atlantide")
    message = french_error(response, 503, "unavailable")
    assert "mal configuré" in message
    assert "sites file, site atlantide: a region of ['Atlantide'] is not in the catalogue" in (
        caplog.text
    )


@pytest.mark.slow
def test_without_a_sites_file_nothing_changes(client: TestClient) -> None:
    assert "bio-occ" in cited(ask(client, ALLOWED_ORIGIN))
    french_error(client.get("/v1/sites/hdf"), 404, "unknown_site")
    message = french_error(ask(client, ALLOWED_ORIGIN, site="hdf"), 400, "unknown_site")
    assert "n'est pas enregistré" in message
