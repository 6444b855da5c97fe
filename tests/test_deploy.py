"""The reference deployment in deploy/ stays in step with the code: every setting it sets
exists, and it wires the engines the scale-out needs. (Containers cannot be pulled here:
the images come from Docker Hub, which this machine cannot reach.)"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assistant.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _setting_names(text: str) -> set[str]:
    return {m.lower() for m in re.findall(r"\bASSISTANT_([A-Z_]+)", text)}


def test_every_setting_the_deployment_uses_exists() -> None:
    known = set(Settings.model_fields)
    for name in ("compose.yaml", "Dockerfile", "processes.md"):
        used = _setting_names((DEPLOY / name).read_text(encoding="utf-8"))
        assert used, name
        assert used <= known, (name, used - known)


def test_compose_wires_replicas_to_shared_engines() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"proxy", "api", "chroma", "postgres", "redis"} <= set(services)
    api = services["api"]
    assert api["deploy"]["replicas"] >= 2
    env = api["environment"]
    assert env["ASSISTANT_CHROMA_HOST"] == "chroma"
    assert env["ASSISTANT_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert env["ASSISTANT_REDIS_URL"].startswith("redis://redis:")
