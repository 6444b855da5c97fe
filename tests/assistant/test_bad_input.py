"""Bad input through the service, the HTTP API and the CLI: a French message or a 4xx, never
a 500 or a traceback. Runs against the real assistant over the indexed corpus."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from _helpers import ASSISTANT, subprocess_env
from fastapi.testclient import TestClient

from assistant import QuestionError, cli

pytestmark = pytest.mark.slow

QUESTION = "Quel est le budget d'Electro'Mob ?"

#: (question, French words expected in the refusal)
REFUSED = {
    "empty": ("", "saisir une question"),
    "whitespace": (" \t\n\r\u00a0\u2003 ", "saisir une question"),
    "control-only": ("\x00\x01\x02\x1b\x7f", "saisir une question"),
    "emoji-only": ("🚀🔥😀👍🏽🇫🇷", "reconnu de mots"),
    "punctuation-only": ("?!… ¿ — «»", "reconnu de mots"),
    "20000 characters": ("Quel est le budget ? " * 953, "trop longue"),
}

#: Questions that are odd but must be answered (or politely refused) with a 200.
ANSWERED = {
    "control characters": "Quel est le budget\x00 d'Electro'Mob\x07 ?\x1b[31m",
    "english": "What is the budget of the Electro'Mob training programme?",
    "chinese": "电动汽车培训项目的预算是多少？",
    "arabic": "ما هي ميزانية برنامج التدريب؟",
    "html/script": "<script>alert('x')</script><img src=x onerror=alert(1)> budget d'Electro'Mob ?",
    "sql": "'; DROP TABLE chunks; -- budget Electro'Mob",
    "latin-1 bytes": bytes(range(32, 256)).decode("latin-1"),
    "zero-width": "Quel\u200b est\u200d le budget\ufeff d'Electro'Mob ?",
    "combining marks": "Que" + "\u0301" * 300 + "l est le budget ?",
    "right-to-left override": "\u202eQuel est le budget d'Electro'Mob ?",
}

#: Valid JSON ("\ud800" escapes) but not valid Unicode: the service cleans it, the API's
#: validation refuses it with a French 422.
LONE_SURROGATE = "Quel est le budget \ud800 d'Electro'Mob ?"


def assert_french_error(response: Any, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert isinstance(message, str) and message
    return message


# --- service ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(REFUSED))
def test_service_refuses_with_a_french_message(real_assistant: Any, case: str) -> None:
    question, words = REFUSED[case]
    with pytest.raises(QuestionError) as info:
        real_assistant.ask(question)
    assert words in info.value.user_message


@pytest.mark.parametrize("case", list(ANSWERED))
def test_service_answers_odd_questions(real_assistant: Any, case: str) -> None:
    answer = real_assistant.ask(ANSWERED[case])
    assert answer.text
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")  # serialisable, valid UTF-8


def test_service_cleans_lone_surrogates(real_assistant: Any) -> None:
    answer = real_assistant.ask(
        LONE_SURROGATE, history=[{"role": "user", "content": "Electro'Mob \udfff"}]
    )
    assert "25 M€" in answer.text
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


def test_control_characters_do_not_change_the_answer(real_assistant: Any) -> None:
    answer = real_assistant.ask(ANSWERED["control characters"])
    assert "25 M€" in answer.text


def test_service_refuses_a_too_long_history(real_assistant: Any) -> None:
    history = [{"role": "user", "content": "bonjour"}] * (
        2 * real_assistant.settings.max_history_turns + 1
    )
    with pytest.raises(QuestionError) as info:
        real_assistant.ask(QUESTION, history=history)
    assert "conversation est trop longue" in info.value.user_message


# --- HTTP API --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(REFUSED))
def test_api_refuses_with_a_4xx(client: TestClient, case: str) -> None:
    question, _ = REFUSED[case]
    response = client.post("/v1/chat", json={"question": question})
    assert response.status_code in (400, 422)
    assert_french_error(response, response.status_code)
    stream = client.post("/v1/chat/stream", json={"question": question})
    assert_french_error(stream, response.status_code)


@pytest.mark.parametrize("case", list(ANSWERED))
def test_api_answers_odd_questions(client: TestClient, case: str) -> None:
    # json.dumps escapes a lone surrogate as \ud800, which JSON parsers accept.
    body = json.dumps({"question": ANSWERED[case]})
    response = client.post("/v1/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["answer"]
    assert response.headers["content-type"].startswith("application/json")


def test_api_refuses_lone_surrogates_in_french(client: TestClient) -> None:
    for body in (
        {"question": LONE_SURROGATE},
        {"question": QUESTION, "history": [{"role": "user", "content": "\ud800"}]},
    ):
        response = client.post("/v1/chat", content=json.dumps(body), headers=JSON)
        assert "caractères invalides" in assert_french_error(response, 422, "invalid_request")


def test_api_history_with_odd_characters(client: TestClient) -> None:
    history = [
        {"role": "user", "content": "Electro'Mob \x00\x1b[2J <script>alert(1)</script>"},
        {"role": "assistant", "content": "🚀" * 50},
    ]
    body = json.dumps({"question": "Et son budget ?", "history": history})
    response = client.post("/v1/chat", content=body, headers=JSON)
    assert response.status_code == 200, response.text


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 422),
        (b"null", 422),
        (b'"juste une chaine"', 422),
        (b"{pas du json", 422),
        (b'{"question": "ok",}', 422),
        (b'{"question": "\xff\xfe invalide"}', 400),  # not UTF-8
        (b"[" * 20_000 + b"]" * 20_000, 400),  # deep nesting: parser recursion limit
        (b'{"question": null}', 422),
        (b'{"question": ["liste"]}', 422),
        (b'{"question": {"a": 1}}', 422),
        (b'{"question": true}', 422),
        (b'{"question": 1e999}', 422),
        (b'{"question": "ok", "history": [1, 2]}', 422),
        (b'{"question": "ok", "history": ["texte"]}', 422),
        (b'{"question": "ok", "history": [{"role": "user"}]}', 422),
        (b'{"question": "ok", "history": [{"role": "user", "content": 5}]}', 422),
        (b'{"question": "ok", "history": {"role": "user", "content": "x"}}', 422),
        (b'{"question": "ok", "filters": ["Bretagne"]}', 422),
        (b'{"question": "ok", "filters": {"regions": [1]}}', 422),
        (b'{"question": "ok", "filters": {"villes": ["Lille"]}}', 422),
        (b'{"question": "ok", "stream": true}', 422),
    ],
)
def test_api_malformed_bodies(client: TestClient, body: bytes, status: int) -> None:
    response = client.post("/v1/chat", content=body, headers=JSON)
    assert_french_error(response, status)
    assert "input" not in response.text  # the value sent is never echoed


def test_api_wrong_content_types(client: TestClient) -> None:
    for headers, content in (
        ({"content-type": "text/plain"}, b'{"question": "ok"}'),
        ({"content-type": "application/x-www-form-urlencoded"}, b"question=ok"),
        ({"content-type": "multipart/form-data; boundary=x"}, b"--x--"),
    ):
        response = client.post("/v1/chat", content=content, headers=headers)
        assert response.status_code in (400, 415, 422)
        assert_french_error(response, response.status_code)


def test_api_oversized_bodies_and_histories(client: TestClient, api_settings: Any) -> None:
    # A body over the byte limit, whatever its shape.
    huge = json.dumps({"question": QUESTION, "history": [], "pad": "x" * 200_000})
    assert "Ko" in assert_french_error(
        client.post("/v1/chat", content=huge, headers=JSON), 413, "payload_too_large"
    )
    # A history of maximal messages: refused by size before it is even parsed.
    limit = api_settings.max_history_message_chars
    history = [{"role": "user", "content": "a" * limit}] * 20
    response = client.post("/v1/chat", json={"question": QUESTION, "history": history})
    assert_french_error(response, 413, "payload_too_large")
    # Too many turns, each small.
    history = [{"role": "user", "content": "?"}] * (2 * api_settings.max_history_turns + 1)
    response = client.post("/v1/chat", json={"question": QUESTION, "history": history})
    assert "trop longue" in assert_french_error(response, 422, "invalid_request")
    # A 20 000-character question.
    response = client.post("/v1/chat", json={"question": "é" * 20_000})
    assert "trop longue" in assert_french_error(response, 422, "invalid_request")


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        ({"regions": ["Atlantide"]}, "Région inconnue"),
        ({"regions": ["<script>alert(1)</script>"]}, "Région inconnue"),
        ({"sectors": ["alchimie"]}, "Secteur inconnu"),
        ({"programmes": ["../../etc/passwd"]}, "Programme inconnu"),
        ({"regions": ["🚀"]}, "Région inconnue"),
    ],
)
def test_api_unknown_filters(client: TestClient, filters: dict[str, Any], words: str) -> None:
    response = client.post("/v1/chat", json={"question": QUESTION, "filters": filters})
    assert words in assert_french_error(response, 400, "unknown_filter")


def test_api_unknown_query_filters(client: TestClient) -> None:
    assert_french_error(client.get("/v1/programmes", params={"region": "Atlantide"}), 400)
    assert_french_error(client.get("/v1/programmes", params={"sector": "\x00"}), 400)
    # Unknown query parameters are ignored (documented), never a 500.
    assert client.get("/v1/programmes", params={"ville": "Lille"}).status_code == 200


def test_api_bad_methods_and_paths(client: TestClient) -> None:
    assert_french_error(client.put("/v1/chat", json={"question": QUESTION}), 405)
    assert_french_error(client.get("/v1/chat/stream"), 405)
    assert_french_error(client.get("/v1/%00"), 404)
    assert_french_error(client.get("/v1/" + "a" * 5000), 404)


# --- CLI ----------------------------------------------------------------------------------


@pytest.fixture
def cli_with_loaded_assistant(real_assistant: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``assistant ask`` reuse the module's loaded assistant (same code path after it)."""
    monkeypatch.setattr("assistant.service.Assistant.from_settings", lambda *a, **k: real_assistant)


@pytest.mark.parametrize("case", ["empty", "whitespace", "emoji-only", "20000 characters"])
def test_cli_refuses_with_a_french_message(
    cli_with_loaded_assistant: None, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    question, words = REFUSED[case]
    assert cli.main(["ask", question]) == 1
    err = capsys.readouterr().err
    assert "Erreur : " in err and words in err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", ["html/script", "english", "latin-1 bytes"])
def test_cli_answers_odd_questions(
    cli_with_loaded_assistant: None, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["ask", "--json", ANSWERED[case]]) == 0
    assert json.loads(capsys.readouterr().out)["answer"]


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--region", "Atlantide", "Région inconnue"),
        ("--sector", "alchimie", "Secteur inconnu"),
        ("--programme", "pas-un-programme", "Programme inconnu"),
    ],
)
def test_cli_unknown_filters(
    cli_with_loaded_assistant: None,
    option: str,
    value: str,
    words: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["ask", option, value, QUESTION]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_cli_subprocess_empty_question_has_no_traceback() -> None:
    result = subprocess.run(
        [ASSISTANT, "ask", "   "],
        capture_output=True,
        text=True,
        env=subprocess_env({}),
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Erreur : Merci de saisir une question." in result.stderr
    assert "Traceback" not in result.stderr
