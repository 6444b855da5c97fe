"""The architecture contract of pyproject.toml holds, and catches a circle added on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(
        ROOT / "assistant", project / "assistant", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    return project


def test_the_contract_holds(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    numbers = project / "assistant" / "text" / "numbers.py"
    numbers.write_text(numbers.read_text() + "\nfrom assistant.retrieval import hybrid  # noqa\n")
    result = _lint(project)
    assert result.returncode != 0
    assert "Stages import only downwards" in result.stdout
    assert "BROKEN" in result.stdout


def test_a_circle_between_siblings_is_refused(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    # structured is imported by extractive; importing extractive back closes a circle.
    structured = project / "assistant" / "answering" / "structured.py"
    structured.write_text(
        structured.read_text() + "\nfrom assistant.answering import extractive  # noqa\n"
    )
    result = _lint(project)
    assert result.returncode != 0
    assert "No import circles" in result.stdout
