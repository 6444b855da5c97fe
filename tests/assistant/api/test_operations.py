"""POST /v1/feedback and the question log of the API, with real SQLite files in temporary
folders (the chat routes run the real assistant: those tests are slow)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from assistant import Settings, get_settings
from assistant.api import create_app
from assistant.feedback import REASONS, FeedbackStore
from assistant.feedback.database import forget_engine, open_engine, sqlite_url
from assistant.feedback.schema import questions

ALLOWED_ORIGIN = "https://region-demo.example"
ANSWER_ID = "3f2b6c1e9a7d4e0f8b5c2a1d6e9f0a3b"
VISITOR_IP = "203.0.113.77"


@pytest.fixture
def ops_settings(tmp_path: Path) -> Iterator[Settings]:
    url = sqlite_url(tmp_path / "ops.sqlite3")
    yield get_settings().model_copy(
        update={
            "database_url": url,
            "cors_origins": [ALLOWED_ORIGIN],
            "rate_limit_per_minute": 1000,
            "api_warm_up": False,
        }
    )
    forget_engine(url)


@pytest.fixture
def feedback_client(ops_settings: Settings) -> Iterator[TestClient]:
    """The API without any assistant loaded: the feedback route does not need one."""
    with TestClient(create_app(None, ops_settings), client=(VISITOR_IP, 5000)) as client:
        yield client


def french_error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert "Traceback" not in response.text and "input" not in json.dumps(error)
    return str(error["message"])


# --- POST /v1/feedback ---------------------------------------------------------------------


def test_feedback_is_stored_and_a_second_one_replaces_it(
    feedback_client: TestClient, ops_settings: Settings
) -> None:
    headers = {"origin": ALLOWED_ORIGIN}
    first = feedback_client.post(
        "/v1/feedback", json={"answer_id": ANSWER_ID, "rating": 1}, headers=headers
    )
    assert first.status_code == 201, first.text
    assert first.json()["message"] == "Merci pour votre avis."
    second = feedback_client.post(
        "/v1/feedback",
        json={
            "answer_id": ANSWER_ID,
            "rating": -1,
            "reason": "information_perimee",
            "comment": "La date a changé, écrivez-moi à paul@exemple.fr",
        },
        headers=headers,
    )
    assert second.status_code == 201 and second.json()["id"] == first.json()["id"]
    [row] = FeedbackStore(ops_settings.database_url or "").rows()
    assert (row.rating, row.reason, row.site) == (-1, "information_perimee", "region-demo.example")
    assert row.comment == "La date a changé, écrivez-moi à [courriel masqué]"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"answer_id": "pas-un-id", "rating": 1}, "answer_id"),
        ({"answer_id": ANSWER_ID.upper(), "rating": 1}, "hexadécimaux"),
        ({"answer_id": ANSWER_ID, "rating": 0}, "1 (utile) ou -1"),
        ({"answer_id": ANSWER_ID, "rating": "bien"}, "1 (utile) ou -1"),
        ({"answer_id": ANSWER_ID, "rating": -1, "reason": "nul"}, "chiffre_faux"),
        ({"answer_id": ANSWER_ID, "rating": -1, "comment": "x" * 501}, "500 caractères"),
        ({"answer_id": ANSWER_ID, "rating": -1, "ip": "1.2.3.4"}, "Champ inconnu"),
        ({"rating": -1}, "obligatoire"),
    ],
)
def test_bad_feedback_is_a_french_422(
    feedback_client: TestClient, ops_settings: Settings, body: dict[str, Any], expected: str
) -> None:
    message = french_error(feedback_client.post("/v1/feedback", json=body), 422)
    assert expected in message
    assert FeedbackStore(ops_settings.database_url or "").rows() == []


def test_feedback_with_the_database_down_is_a_french_503(
    ops_settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    broken = ops_settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path}/file/ops.sqlite3"}
    )
    with TestClient(create_app(None, broken)) as client:
        response = client.post("/v1/feedback", json={"answer_id": ANSWER_ID, "rating": 1})
    assert "avis n'a pas pu être enregistré" in french_error(response, 503)


def test_the_reasons_are_in_the_openapi_schema(feedback_client: TestClient) -> None:
    schema = feedback_client.get("/openapi.json").json()
    assert "/v1/feedback" in schema["paths"]
    request = schema["components"]["schemas"]["FeedbackRequest"]
    reason = request["properties"]["reason"]["anyOf"][0]
    assert reason["enum"] == list(REASONS)
    assert request["x-reason-labels"]["information_perimee"] == "Information périmée"


# --- the question log (real assistant) -----------------------------------------------------


def logged_rows(settings: Settings) -> list[dict[str, Any]]:
    with open_engine(settings.database_url or "").connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(questions)).mappings()]


@pytest.mark.slow
def test_an_api_question_is_logged_with_its_site_and_never_the_ip(
    real_assistant: Any, ops_settings: Settings
) -> None:
    app = create_app(real_assistant, ops_settings)
    with TestClient(app, client=(VISITOR_IP, 5000)) as client:
        answer = client.post(
            "/v1/chat",
            json={"question": "Je m'appelle Léa Martin : quel est le budget d'Electro'Mob ?"},
            headers={"origin": ALLOWED_ORIGIN, "user-agent": "Mozilla/5.0 LeaPhone"},
        ).json()
        client.post("/v1/chat/stream", json={"question": "Quelle est la recette du far breton ?"})
        assert app.state.question_log.flush(20)
        health = client.get("/v1/health").json()
    assert health["question_log"]["written"] == 2 and health["question_log"]["dropped"] == 0
    first, second = logged_rows(ops_settings)
    assert first["answer_id"] == answer["answer_id"] and first["site"] == "region-demo.example"
    assert first["question"] == "Je m'appelle [nom masqué] : quel est le budget d'Electro'Mob ?"
    assert first["answerable"] is True and "electromob" in first["cited_ids"]
    assert first["latency_ms"] > 0 and first["asked_at"].microsecond == 0
    assert (second["site"], second["answerable"], second["refusal"]) == ("api", False, "not_found")
    raw = Path((ops_settings.database_url or "").removeprefix("sqlite:///")).read_bytes()
    assert VISITOR_IP.encode() not in raw and b"LeaPhone" not in raw and "Léa".encode() not in raw


@pytest.mark.slow
def test_answers_are_served_when_the_log_database_is_down(
    real_assistant: Any, ops_settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    broken = ops_settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path}/file/ops.sqlite3"}
    )
    app = create_app(real_assistant, broken)
    with TestClient(app) as client:
        response = client.post("/v1/chat", json={"question": "Quel est le budget d'Electro'Mob ?"})
        assert response.status_code == 200 and "25" in response.json()["answer"]
        assert app.state.question_log.flush(30)
        assert client.get("/v1/health").json()["question_log"]["dropped"] == 1
