"""HTTP API tests, against the real assistant over the indexed corpus (no pipeline mock)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant import Settings
from assistant.answer import NOT_FOUND
from assistant.api import create_app

pytestmark = pytest.mark.slow

QUESTION = "Quel est le budget d'Electro'Mob ?"
ALLOWED_ORIGIN = "https://region-demo.example"  # the allow-list of conftest.api_settings
OTHER_ORIGIN = "https://pas-autorise.example"


def parse_sse(raw: str) -> list[tuple[str, Any]]:
    """(event, decoded JSON data) for each frame of a Server-Sent Events body."""
    events = []
    for block in raw.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


def assert_french_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# --- service ------------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    response = client.get("/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["index_size"] > 0
    assert body["index_version"] >= 0 and body["index_loaded_at"]  # 0: built before versions
    assert body["embedder"]
    assert body["limits"]["max_question_chars"] > 0


def test_openapi_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/chat", "/v1/chat/stream", "/v1/programmes", "/v1/health"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 200


def test_no_secret_reaches_clients(real_assistant: Any, api_settings: Settings) -> None:
    secret = "sk-ne-doit-jamais-sortir-0123456789"
    settings = api_settings.model_copy(update={"llm_api_key": secret})
    with TestClient(create_app(real_assistant, settings)) as test_client:
        bodies = [
            test_client.get("/v1/health").text,
            test_client.get("/openapi.json").text,
            test_client.post("/v1/chat", json={"question": QUESTION}).text,
            test_client.get("/widget.js").text,
        ]
    assert all(secret not in body for body in bodies)


def test_unknown_path_is_a_french_404(client: TestClient) -> None:
    assert_french_error(client.get("/v1/inconnu"), 404, "not_found")
    assert_french_error(client.get("/v1/chat"), 405, "method_not_allowed")


# --- chat ---------------------------------------------------------------------------------


def test_chat_answers_with_citations(client: TestClient) -> None:
    response = client.post("/v1/chat", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is True
    assert "25 M€" in body["answer"]
    assert 0 < body["confidence"] <= 1
    assert body["citations"]
    first = body["citations"][0]
    assert first["id"] == "electromob"
    assert first["url"].startswith("https://")
    assert first["quote"]
    # Same shape as Answer.to_json() (the CLI's --json output).
    assert {"answer", "answerable", "citations", "confidence", "backend", "answer_id"} <= set(body)
    assert len(body["answer_id"]) == 32


def test_chat_refuses_out_of_corpus_questions(client: TestClient) -> None:
    response = client.post(
        "/v1/chat", json={"question": "Quelle est la recette de la tarte Tatin ?"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is False
    assert NOT_FOUND in body["answer"]


def test_chat_with_history_and_filters(client: TestClient) -> None:
    response = client.post(
        "/v1/chat",
        json={
            "question": "Et combien de personnes seront formées ?",
            "history": [
                {"role": "user", "content": QUESTION},
                {"role": "assistant", "content": "Le budget total d'Electro'Mob atteint 25 M€."},
            ],
            # Accents, case and punctuation do not matter.
            "filters": {"regions": ["hauts de france"]},
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is True
    assert all(c["id"] != "" for c in body["citations"])


def test_unknown_filter_values_are_a_clear_400(client: TestClient) -> None:
    for filters, word in (
        ({"regions": ["Atlantide"]}, "Région inconnue"),
        ({"sectors": ["alchimie"]}, "Secteur inconnu"),
        ({"programmes": ["pas-un-programme"]}, "Programme inconnu"),
    ):
        response = client.post("/v1/chat", json={"question": QUESTION, "filters": filters})
        error = assert_french_error(response, 400, "unknown_filter")
        assert word in error["message"]


def test_empty_question_is_a_400(client: TestClient) -> None:
    error = assert_french_error(
        client.post("/v1/chat", json={"question": "  \n "}), 400, "invalid_question"
    )
    assert "question" in error["message"]


# --- validation (422, in French) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "headers", "expected"),
    [
        (b"{pas du json", {"content-type": "application/json"}, "JSON valide"),
        (b"question=budget", {"content-type": "text/plain"}, "objet JSON"),
        (b"[1, 2]", {"content-type": "application/json"}, "objet JSON"),
        (b'{"question": 12}', {"content-type": "application/json"}, "chaîne de caractères"),
        (b"{}", {"content-type": "application/json"}, "obligatoire"),
        (b'{"question": "ok", "history": "non"}', {"content-type": "application/json"}, "liste"),
        (
            b'{"question": "ok", "history": [{"role": "system", "content": "x"}]}',
            {"content-type": "application/json"},
            "rôle",
        ),
        (b'{"question": "ok", "filter": {}}', {"content-type": "application/json"}, "inconnu"),
        (
            b'{"question": "ok", "filters": {"regions": "Bretagne"}}',
            {"content-type": "application/json"},
            "liste",
        ),
    ],
)
def test_malformed_requests_are_french_422(
    client: TestClient, body: bytes, headers: dict[str, str], expected: str
) -> None:
    response = client.post("/v1/chat", content=body, headers=headers)
    error = assert_french_error(response, 422, "invalid_request")
    assert expected in error["message"]
    assert "input" not in json.dumps(error)  # never echo what was sent


def test_too_long_question_is_a_422(client: TestClient, api_settings: Settings) -> None:
    limit = api_settings.max_question_chars
    response = client.post("/v1/chat", json={"question": "é" * (limit + 1)})
    error = assert_french_error(response, 422, "invalid_request")
    assert str(limit) in error["message"]


def test_too_long_history_is_a_422(client: TestClient, api_settings: Settings) -> None:
    turns = 2 * api_settings.max_history_turns + 1
    history = [{"role": "user", "content": "bonjour"}] * turns
    response = client.post("/v1/chat", json={"question": QUESTION, "history": history})
    error = assert_french_error(response, 422, "invalid_request")
    assert "conversation est trop longue" in error["message"]


def test_too_long_history_message_is_a_422(client: TestClient) -> None:
    history = [{"role": "assistant", "content": "x" * 9000}]
    response = client.post("/v1/chat", json={"question": QUESTION, "history": history})
    assert "historique" in assert_french_error(response, 422)["message"]


# --- body size (413) ------------------------------------------------------------------------


def test_oversized_body_is_a_413(client: TestClient) -> None:
    body = json.dumps({"question": "x", "history": [{"role": "user", "content": "y" * 70_000}]})
    response = client.post("/v1/chat", content=body, headers={"content-type": "application/json"})
    assert "Ko" in assert_french_error(response, 413, "payload_too_large")["message"]


def test_oversized_chunked_body_is_a_413(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"x" * 1024

    response = client.post(
        "/v1/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_french_error(response, 413, "payload_too_large")


def test_bad_content_length_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/v1/chat",
        content=b'{"question": "ok"}',
        headers={"content-type": "application/json", "content-length": "-5"},
    )
    assert response.status_code in (400, 413)


def test_concurrent_questions_get_their_own_answers(client: TestClient) -> None:
    questions = {
        QUESTION: "25 M€",
        "Quel est le budget de Battena ?": "20 M€",
        "Combien de personnes Electro'Mob va-t-il former ?": "8 000",
    }
    with ThreadPoolExecutor(6) as pool:
        results = list(
            pool.map(
                lambda q: (q, client.post("/v1/chat", json={"question": q})), list(questions) * 2
            )
        )
    for question, response in results:
        assert response.status_code == 200
        assert questions[question] in response.json()["answer"]


# --- streaming --------------------------------------------------------------------------


def test_stream_sends_tokens_then_the_final_answer(client: TestClient) -> None:
    with client.stream("POST", "/v1/chat/stream", json={"question": QUESTION}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-store"
        raw = response.read().decode("utf-8")
    events = parse_sse(raw)
    names = [name for name, _ in events]
    assert names.count("final") == 1 and names[-1] == "final"
    tokens = [data["text"] for name, data in events if name == "token"]
    assert len(tokens) > 3
    final = events[-1][1]
    assert "".join(tokens) == final["answer"]
    assert final["citations"] and final["citations"][0]["url"].startswith("https://")


def test_stream_validates_before_streaming(client: TestClient) -> None:
    response = client.post("/v1/chat/stream", json={"question": ""})
    assert_french_error(response, 400, "invalid_question")
    response = client.post(
        "/v1/chat/stream", json={"question": QUESTION, "filters": {"regions": ["Mars"]}}
    )
    assert_french_error(response, 400, "unknown_filter")


# --- CORS and origins -----------------------------------------------------------------------


def test_cors_allowed_origin(client: TestClient) -> None:
    preflight = client.options(
        "/v1/chat/stream",
        headers={
            "origin": ALLOWED_ORIGIN,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "access-control-allow-credentials" not in preflight.headers

    response = client.post(
        "/v1/chat", json={"question": QUESTION}, headers={"origin": ALLOWED_ORIGIN}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "retry-after" in response.headers["access-control-expose-headers"].lower()


def test_cors_refused_origin(client: TestClient) -> None:
    preflight = client.options(
        "/v1/chat/stream",
        headers={
            "origin": OTHER_ORIGIN,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers

    # Even without a preflight (a "simple" request), the pipeline never runs for it.
    response = client.post(
        "/v1/chat", json={"question": QUESTION}, headers={"origin": OTHER_ORIGIN}
    )
    assert_french_error(response, 403, "origin_not_allowed")
    assert "access-control-allow-origin" not in response.headers


def test_no_cross_origin_access_by_default(
    make_client: Callable[..., TestClient], api_settings: Settings
) -> None:
    test_client = make_client(api_settings.model_copy(update={"cors_origins": []}))
    preflight = test_client.options(
        "/v1/chat",
        headers={"origin": ALLOWED_ORIGIN, "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    response = test_client.get("/v1/programmes", headers={"origin": ALLOWED_ORIGIN})
    assert response.status_code == 403
    # Same-origin pages (the API's own host) and servers (no Origin) are served.
    own = test_client.get("/v1/programmes", headers={"origin": "http://testserver"})
    assert own.status_code == 200
    assert test_client.get("/v1/programmes").status_code == 200


# --- rate limits ----------------------------------------------------------------------------


def test_rate_limit_per_ip(make_client: Callable[..., TestClient], api_settings: Settings) -> None:
    test_client = make_client(api_settings.model_copy(update={"rate_limit_per_minute": 3}))
    statuses = [test_client.get("/v1/programmes").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = test_client.post("/v1/chat", json={"question": QUESTION})
    error = assert_french_error(response, 429, "rate_limited")
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert "patienter" in error["message"]
    # Health checks (load balancers) are not limited.
    assert test_client.get("/v1/health").status_code == 200
    # Another client IP has its own budget.
    other = make_client(
        api_settings.model_copy(update={"rate_limit_per_minute": 3}), client=("10.0.0.2", 1234)
    )
    assert other.get("/v1/programmes").status_code == 200


def test_rate_limit_per_origin(real_assistant: Any, api_settings: Settings) -> None:
    limited_settings = api_settings.model_copy(update={"rate_limit_per_origin_per_minute": 4})
    app = create_app(real_assistant, limited_settings)
    headers = {"origin": ALLOWED_ORIGIN}
    statuses = []
    for i in range(5):  # five visitors (five IPs) of the same site
        visitor = TestClient(app, client=(f"10.0.1.{i}", 1000))
        statuses.append(visitor.get("/v1/programmes", headers=headers).status_code)
    assert statuses == [200, 200, 200, 200, 429]
    limited = visitor.get("/v1/programmes", headers=headers)
    assert limited.headers["access-control-allow-origin"] == ALLOWED_ORIGIN  # readable by JS
    assert int(limited.headers["retry-after"]) >= 1
    # Requests without Origin (servers) only count per IP.
    assert TestClient(app, client=("10.0.2.1", 1000)).get("/v1/programmes").status_code == 200


# --- failures -----------------------------------------------------------------------------


def test_unreachable_store_is_a_503(real_assistant: Any, api_settings: Settings) -> None:
    from assistant import Assistant

    settings = api_settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": 9})
    broken = Assistant.from_settings(settings)
    broken.__dict__["embedder"] = real_assistant.embedder  # skip reloading the model
    with TestClient(create_app(broken, settings)) as test_client:
        assert_french_error(test_client.get("/v1/health"), 503, "unavailable")
        response = test_client.post("/v1/chat", json={"question": QUESTION})
        error = assert_french_error(response, 503, "unavailable")
        assert "indisponible" in error["message"]
        assert response.headers["retry-after"]


# --- logs and widget ------------------------------------------------------------------------


def test_request_logs_hold_no_personal_data(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret_question = "Mon numéro est 06 12 34 56 78, quel est le budget d'Electro'Mob ?"
    with caplog.at_level(logging.INFO, logger="assistant"):
        client.post(
            "/v1/chat", json={"question": secret_question}, headers={"origin": ALLOWED_ORIGIN}
        )
        client.get("/v1/programmes?region=jean.dupont@example.org")
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.api"]
    assert any(line.startswith("POST /v1/chat 200") for line in lines)
    text = "\n".join(r.getMessage() for r in caplog.records)
    for private in ("06 12 34 56 78", "jean.dupont", "testclient", "budget d'Electro"):
        assert private not in text
