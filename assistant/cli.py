"""The ``assistant`` command line: index, ask, eval, bench, model, serve, feedback, log."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

log = logging.getLogger("assistant")


def _setup_logging(verbosity: int, quiet_level: int = logging.WARNING) -> None:
    """Warnings only by default (a server: its ``log_level`` setting); ``-v`` adds the
    assistant's INFO lines, ``-vv`` DEBUG."""
    level = {0: quiet_level, 1: min(quiet_level, logging.INFO)}.get(verbosity, logging.DEBUG)
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if verbosity < 2:  # third-party chatter only when asked for everything
        for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3", "bm25s"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


# --- commands ------------------------------------------------------------------------------


def cmd_model_build(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.models.build import rebuild_model
    from assistant.models.onnx_export import onnx_model_path

    path = rebuild_model(get_settings(), force=args.force)
    runtime = "ONNX Runtime" if onnx_model_path(path).is_file() else "sentence-transformers"
    print(f"Modèle prêt : {path} (exécuté par {runtime})")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.embeddings.base import Embedder, model_identity
    from assistant.embeddings.cache import CachedEmbedder, cached_embedder
    from assistant.embeddings.loading import load_embedder
    from assistant.index.store import ChunkStore
    from assistant.ingest.indexing import index_paths
    from assistant.models.build import ensure_model

    settings = get_settings()
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    identity = model_identity(ensure_model(settings))
    store = ChunkStore.open(settings, identity, collection=args.collection, reset=args.reset)
    # Vectors are read back from the cache only for a model pinned by its weights
    # ("name@sha"), and never on --reset: the operator's way to rebuild from scratch.
    cache_mb = settings.embedding_cache_mb if "@" in identity and not args.reset else 0
    embedders: list[Embedder] = []

    def embedder() -> Embedder:  # loaded only if something needs embedding
        inner = load_embedder(settings)
        embedders.append(cached_embedder(inner, settings.cache_dir, size_limit_mb=cache_mb))
        return embedders[0]

    report = index_paths(
        paths,
        store=store,
        embedder=embedder,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        progress=not args.no_progress and not args.json,
    )
    cached = [e for e in embedders if isinstance(e, CachedEmbedder)]
    hits = sum(e.hits for e in cached)
    if args.json:
        _print_json({**report.to_dict(), "vectors_from_cache": hits})
    else:
        print(
            f"Indexation de « {store.name} » : {len(report.added)} ajouté(s), "
            f"{len(report.updated)} mis à jour, {len(report.unchanged)} inchangé(s), "
            f"{len(report.deleted)} supprimé(s), {len(report.repaired)} réparé(s) ; "
            f"{report.chunks_embedded} passages et {report.sentences_embedded} phrases "
            f"encodés en {report.seconds:.1f} s."
        )
        if hits:
            print(f"Dont {hits} vecteurs relus dans le cache (mêmes textes, même modèle).")
        if report.chunks_embedded and not hits:  # a rate only when all was really embedded
            print(f"Débit : {report.chunks_per_second:.1f} passages/s.")
        for failure in report.failed:
            print(f"Échec : {failure.path} — {failure.reason}", file=sys.stderr)
    return 0 if report.ok else 2


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.catalog import resolve_filters
    from assistant.service import Assistant

    assistant = Assistant.from_settings(collection=args.collection, llm=args.llm)
    assistant.validate(args.question)  # before loading anything
    # Same matching as the API: accents and case ignored, unknown values refused in French.
    filters = resolve_filters(
        assistant.catalog, args.region or (), args.sector or (), args.programme or ()
    )
    if args.json or assistant.llm == "extractive":
        answer = assistant.ask(args.question, filters=filters)
    else:
        answer = _ask_streaming(assistant, args.question, filters)
    if args.json:
        _print_json(answer.to_json())
    else:
        if answer.notice:
            print(f"({answer.notice})")
        print(answer.render_text())
    return 0


def _ask_streaming(assistant: Any, question: str, filters: Any) -> Any:
    """The model's tokens live on stderr, then the verified Answer (printed by the caller:
    it replaces the tokens when verification rejected them)."""
    answer = None
    for item in assistant.stream(question, filters=filters):
        if isinstance(item, str):
            sys.stderr.write(item)
            sys.stderr.flush()
        else:
            answer = item
    sys.stderr.write("\n")
    return answer


def cmd_eval(args: argparse.Namespace) -> int:
    if args.trust:
        from assistant.bench.trust import format_trust, run_trust, write_details, write_report

        results = run_trust(with_spf=not args.no_spf)
        if args.details:
            write_details(results, Path(args.details))
        if args.out:
            write_report(results, Path(args.out))
        if args.json:
            _print_json(
                {
                    k: {m: v for m, v in r.items() if m != "rows"} if isinstance(r, dict) else r
                    for k, r in results.items()
                }
            )
        else:
            print(format_trust(results))
        return 0
    if args.squad:
        from assistant.bench import evaluate_squad, format_squad_report

        squad = evaluate_squad(
            [Path(f) for f in args.squad], details=Path(args.details) if args.details else None
        )
        if args.json:
            _print_json(squad)
        else:
            print(format_squad_report(squad))
        return 0
    from assistant.bench.evaluation import evaluate_file, format_report
    from assistant.service import Assistant

    assistant = Assistant.from_settings(collection=args.collection, llm=args.llm)
    report = evaluate_file(
        assistant, Path(args.qa), details=Path(args.details) if args.details else None
    )
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.bench import run_bench

    run_bench(Path(args.out), quick=args.quick, progress=not args.no_progress)
    print(f"Rapport écrit dans {args.out}/README.md (chiffres : {args.out}/results.json).")
    return 0


def cmd_feedback_export(args: argparse.Namespace) -> int:
    from assistant.feedback import default_store, export_csv, export_qa

    store = default_store()
    if args.as_qa:  # candidate test questions, JSON lines
        if args.out:
            with open(args.out, "w", encoding="utf-8") as out:
                n = export_qa(store, out)
            print(f"{n} questions candidates exportées dans {args.out}.", file=sys.stderr)
        else:
            export_qa(store, sys.stdout)
        return 0
    if args.out:
        # BOM so that spreadsheet software detects UTF-8.
        with open(args.out, "w", encoding="utf-8-sig", newline="") as out:
            n = export_csv(store, out)
        print(f"{n} avis exportés dans {args.out}.", file=sys.stderr)
    else:
        export_csv(store, sys.stdout)
    return 0


def cmd_log_purge(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.feedback import database_url, open_engine, purge

    settings = get_settings()
    if args.days is not None and args.days < 1:
        print("Erreur : --days doit valoir au moins 1.", file=sys.stderr)
        return 2
    days = args.days or settings.retention_days
    report = purge(open_engine(database_url(settings)), days)
    print(
        f"Purge ({days} jours) : {report.questions} question(s) et {report.feedback} avis "
        f"antérieurs au {report.cutoff:%d/%m/%Y %H:%M} UTC supprimés."
    )
    return 0


def cmd_tune(args: argparse.Namespace) -> int:
    if args.answerability:
        from assistant.bench.calibrate import tune_answerability

        _print_json(tune_answerability())
        return 0
    from assistant.bench.evaluation import load_questions
    from assistant.bench.tuning import format_table, tune_fusion
    from assistant.service import Assistant

    assistant = Assistant.from_settings(collection=args.collection)
    print(format_table(tune_fusion(assistant, load_questions(Path(args.qa)))))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.api.server import serve

    serve(host=args.host, port=args.port, workers=args.workers)
    return 0


# --- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="French assistant for France 2030 training programmes.",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="-v: progress logs, -vv: debug logs"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="index documents (incremental, keyed by content hash)")
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus folder)")
    p.add_argument("--collection", help="Chroma collection (default from settings)")
    p.add_argument("--reset", action="store_true", help="drop the collection first")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="ask a question in French")
    p.add_argument("question")
    p.add_argument("--collection")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--region", action="append", help="only this region (repeatable)")
    p.add_argument("--sector", action="append", help="only this sector (repeatable)")
    p.add_argument("--programme", action="append", help="only this programme id (repeatable)")
    p.add_argument("--llm", help="answer backend (extractive, openai, ollama, local)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="score a question file (corpus/qa format)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--qa", help="JSONL question file")
    source.add_argument(
        "--trust",
        action="store_true",
        help="held-out questions and refusal probes, by kind (corpus and Service-Public)",
    )
    source.add_argument(
        "--squad",
        action="append",
        help="SQuAD-format file, indexed in a throw-away collection (repeatable)",
    )
    p.add_argument("--collection")
    p.add_argument("--json", action="store_true")
    p.add_argument("--details", help="write one JSON object per question to this file")
    p.add_argument("--llm")
    p.add_argument("--no-spf", action="store_true", help="--trust: skip the Service-Public sets")
    p.add_argument("--out", help="--trust: also write the report (Markdown) to this file")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="benchmarks against a plain LangChain pipeline")
    p.add_argument("--quick", action="store_true", help="small subsets (CI check)")
    p.add_argument("--out", default="docs/benchmarks", help="report folder")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("tune", help="tune on the tuning data only (fusion weights, answerability)")
    p.add_argument("--qa", default="corpus/qa/tune.jsonl", help="JSONL question file")
    p.add_argument(
        "--answerability",
        action="store_true",
        help="fit the answerability score (writes assistant/answering/calibration.json)",
    )
    p.add_argument("--collection")
    p.set_defaults(func=cmd_tune)

    p = sub.add_parser("model", help="embedding model")
    msub = p.add_subparsers(dest="model_command", required=True)
    pb = msub.add_parser("build", help="(re)build the offline embedding model")
    pb.add_argument("--force", action="store_true", help="rebuild even if present")
    pb.set_defaults(func=cmd_model_build)

    p = sub.add_parser("feedback", help="users' feedback (chat, API, widget)")
    fsub = p.add_subparsers(dest="feedback_command", required=True)
    pe = fsub.add_parser("export", help="export every feedback row as CSV")
    pe.add_argument("--out", help="output file (default: standard output)")
    pe.add_argument(
        "--as-qa",
        action="store_true",
        help="unanswered and thumbs-down questions as unreviewed corpus/qa JSON lines",
    )
    pe.set_defaults(func=cmd_feedback_export)

    p = sub.add_parser("log", help="the question log (docs/privacy.md)")
    lsub = p.add_subparsers(dest="log_command", required=True)
    pp = lsub.add_parser("purge", help="delete questions and feedback past the retention")
    pp.add_argument(
        "--days", type=int, help="retention in days (default: ASSISTANT_RETENTION_DAYS)"
    )
    pp.set_defaults(func=cmd_log_purge)

    p = sub.add_parser("serve", help="start the HTTP API, the widget and its demo page")
    p.add_argument("--host", help="address to listen on (default: ASSISTANT_API_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: ASSISTANT_API_PORT or 8080)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``assistant`` command."""
    args = build_parser().parse_args(argv)
    from assistant.config import get_settings

    try:
        settings = get_settings()  # invalid settings fail here, with their French message
        server_level = getattr(logging, settings.log_level.upper(), logging.INFO)
        _setup_logging(args.verbose, server_level if args.command == "serve" else logging.WARNING)
        return int(args.func(args) or 0)
    except AssistantError as exc:
        log.error("%s", exc)
        print(f"Erreur : {exc.user_message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except OSError as exc:
        log.error("%s", exc)
        name = f" : {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"Erreur : fichier introuvable ou illisible{name}.", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for users; -v logs the details
        log.error("unexpected error: %s: %s", type(exc).__name__, exc)
        log.debug("details", exc_info=True)
        print("Erreur inattendue : consultez les journaux ou réessayez.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
