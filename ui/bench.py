"""`python -m ui.bench`: how fast the chat page answers, in a real browser.

Each run starts the chat as `make run` does (``python -m ui.serve``) on a free port, opens it
in Debian's Chromium (Playwright, no browser download), asks a first question, then a few
later ones, and stops the server. It records the time from server start to the first
answer, each later answer, and the server's memory. Results go to
``docs/benchmarks/chat.md`` and ``chat.json``.

The browser test (tests/ui/test_browser.py) drives the page with the same helpers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.bench.servers import free_port, stop, wait_http

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIRST_QUESTION = "Quel est le budget d'Electro'Mob ?"
LATER_QUESTIONS = (
    "Combien de personnes seront formées par Electro'Mob ?",
    "Quelles formations existent dans les batteries en Hauts-de-France ?",
    "Quels programmes de formation en Occitanie ?",
    "Quelle est l'aide de l'État accordée à Electro'Mob ?",
    "Quelles formations au nucléaire en Normandie ?",
    "Qui peut suivre les formations d'Electro'Mob ?",
)
PLACEHOLDER = "Posez votre question"


@dataclass
class ChatServer:
    """A running ``python -m ui.serve``: its URL, process and start time (perf_counter)."""

    url: str
    process: subprocess.Popen[bytes]
    started: float

    def rss_mb(self) -> float | None:
        """Resident memory of the server process, in MB (None where /proc is missing)."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None


@contextmanager
def chat_server(log_path: Path) -> Iterator[ChatServer]:
    """Start the chat exactly as `make run` does, on a free loopback port; stop it after."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.serve",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_http(f"{url}/_stcore/health", 60, process)
            yield ChatServer(url, process, started)
        finally:
            stop(process, 15)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (raises if either is missing)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: `make browser` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def wait_until_ready(page: Any, timeout_ms: int = 120_000) -> None:
    """Wait for the question box and the empty state's example questions."""
    page.get_by_placeholder(PLACEHOLDER).wait_for(timeout=timeout_ms)
    page.get_by_text("Vous êtes conseiller").wait_for(timeout=timeout_ms)


def wait_until_idle(page: Any, timeout_ms: int = 30_000) -> None:
    """Wait for the end of the script run (answer, feedback and copy widgets all drawn)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=timeout_ms
    )


def ask(page: Any, question: str, answers_before: int, timeout_ms: int) -> float:
    """Type a question, wait for one more answer with its source card; return seconds.

    The answer is watched on every animation frame (~16 ms): a locator's ``wait_for``
    re-checks on a backoff that reaches 500 ms, which would add up to half a second.
    """
    box = page.get_by_placeholder(PLACEHOLDER)
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(
        """n => { const a = document.querySelectorAll('.f2030-answer')[n];
                  return !!a && a.getClientRects().length > 0; }""",
        arg=answers_before,
        polling="raf",
        timeout=timeout_ms,
    )
    seconds = time.perf_counter() - started
    page.locator(".f2030-card").nth(answers_before).wait_for(timeout=timeout_ms)
    return seconds


@dataclass
class Run:
    """One fresh server: page ready, first answer (both from server start), later answers."""

    page_ready_s: float
    first_answer_s: float
    later_answers_s: list[float] = field(default_factory=list)
    server_rss_mb: float | None = None


def measure_run(browser: Any, later_questions: Sequence[str], log_path: Path) -> Run:
    """Start a fresh chat server, ask the first then the later questions, stop it."""
    with chat_server(log_path) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="fr-FR")
        try:
            page.goto(server.url)
            wait_until_ready(page)
            ready = time.perf_counter() - server.started
            ask(page, FIRST_QUESTION, 0, 60_000)
            run = Run(round(ready, 2), round(time.perf_counter() - server.started, 2))
            for n, question in enumerate(later_questions, start=1):
                wait_until_idle(page)
                run.later_answers_s.append(round(ask(page, question, n, 30_000), 3))
            run.server_rss_mb = server.rss_mb()
        finally:
            page.close()
    return run


def summarise(runs: Sequence[Run]) -> dict[str, Any]:
    """Median and worst of the first answers and of all later answers."""
    firsts = [r.first_answer_s for r in runs]
    laters = [s for r in runs for s in r.later_answers_s]
    rss = [r.server_rss_mb for r in runs if r.server_rss_mb is not None]
    return {
        "first_answer_median_s": round(statistics.median(firsts), 2),
        "first_answer_max_s": max(firsts),
        "later_answer_median_s": round(statistics.median(laters), 3) if laters else None,
        "later_answer_max_s": max(laters) if laters else None,
        "server_rss_max_mb": max(rss) if rss else None,
    }


def write_report(result: dict[str, Any], out: Path) -> None:
    """``chat.json`` (everything) and ``chat.md`` (the table the docs quote)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "chat.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    s, m = result["summary"], result["machine"]
    ref = m["cpu_reference_start"]
    lines = [
        "# The chat page in a browser",
        "",
        f"Command: `python -m ui.bench --runs {len(result['runs'])}` ({result['when']}).",
        "",
        "Each run starts the chat as `make run` does (`python -m ui.serve`, the corpus already "
        "indexed), opens it in headless Debian Chromium, asks "
        f"« {result['first_question']} », then {len(result['later_questions'])} later "
        "questions, each once the previous answer is complete. *First answer* is timed from "
        "server start to the answer on screen; *later answer* from Enter to the answer on "
        "screen. Default (extractive) answerer.",
        "",
        "| run | page ready | first answer | later answers | server memory |",
        "|---|---|---|---|---|",
    ]
    for i, run in enumerate(result["runs"], start=1):
        laters = ", ".join(f"{x:.2f}" for x in run["later_answers_s"])
        lines.append(
            f"| {i} | {run['page_ready_s']:.1f} s | {run['first_answer_s']:.1f} s "
            f"| {laters} s | {run['server_rss_mb']} MB |"
        )
    lines += [
        "",
        f"First answer: median {s['first_answer_median_s']:.1f} s, worst "
        f"{s['first_answer_max_s']:.1f} s (target: under 10 s). Later answers: median "
        f"{s['later_answer_median_s']:.2f} s, worst {s['later_answer_max_s']:.2f} s "
        f"(target: under 1 s). Server memory at most {s['server_rss_max_mb']} MB.",
        "",
        f"Machine: {m['cpus']} CPUs, Python {m['python']}; CPU reference at the start "
        f"{ref['python_loop_ms']} ms loop, {ref['matmul_gflops']} GFLOPS (see "
        "assistant/bench/machine.py); 1-minute load average "
        f"{m['load_average_start'][0] if m['load_average_start'] else '?'} at the start. "
        "Where the first answer's time goes: docs/ui.md.",
        "",
    ]
    (out / "chat.md").write_text("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the benchmark, print a summary, write the report."""
    parser = argparse.ArgumentParser(prog="python -m ui.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh servers (default 5)")
    parser.add_argument(
        "--later", type=int, default=len(LATER_QUESTIONS), help="later questions per run"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks")
    parser.add_argument(
        "--log",
        type=Path,
        default=ROOT / ".data" / "logs" / "ui-bench-streamlit.log",
        help="the chat server's log",
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import Error as PlaywrightError

    from assistant.bench import machine

    facts = machine.describe()
    later = LATER_QUESTIONS[: max(0, min(args.later, len(LATER_QUESTIONS)))]
    log_path: Path = args.log
    runs: list[Run] = []
    try:
        with chromium() as browser:
            for i in range(1, args.runs + 1):
                run = measure_run(browser, later, log_path)
                runs.append(run)
                print(
                    f"run {i}/{args.runs}: first answer {run.first_answer_s:.1f} s, later "
                    f"{', '.join(f'{x:.2f}' for x in run.later_answers_s)} s, "
                    f"server {run.server_rss_mb} MB",
                    flush=True,
                )
    except (FileNotFoundError, RuntimeError, TimeoutError, PlaywrightError) as exc:
        print(f"chat benchmark failed: {exc} (server log: {log_path})", file=sys.stderr)
        return 1
    machine.finish(facts)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "first_question": FIRST_QUESTION,
        "later_questions": list(later),
        "runs": [asdict(r) for r in runs],
        "summary": summarise(runs),
        "machine": facts,
    }
    write_report(result, args.out)
    print(f"wrote {args.out / 'chat.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
