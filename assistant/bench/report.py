"""Benchmark report: ``README.md`` (tables and notes), ``results.json`` and PNG charts.

Longer than most modules on purpose: it is the layout of one document, one function per
section in reading order, and splitting it would scatter that layout across files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SYSTEMS = {
    "ours": "this project (hybrid chain)",
    "langchain": "plain LangChain (1000/200, Chroma top-4)",
    "bm25": "BM25 alone",
}
_COLORS = {"ours": "#1f77b4", "langchain": "#ff7f0e", "bm25": "#7f7f7f"}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _quality_table(systems: dict[str, Any], *, squad: bool) -> list[str]:
    head = "| system | hit@1 | hit@5 | MRR | hit@5 of the ranking (k=20) | answer containment |"
    sep = "|---|---:|---:|---:|---:|---:|"
    if squad:
        head += " token F1 |"
        sep += "---:|"
    head += " expected source cited | refusal accuracy | false refusals | p50 ms | p95 ms |"
    sep += "---:|---:|---:|---:|---:|"
    lines = [head, sep]
    for key, m in systems.items():
        row = (
            f"| {SYSTEMS.get(key, key)} | {_pct(m['hit@1'])} | **{_pct(m['hit@5'])}** | "
            f"{_num(m['mrr'])} | {_pct(m['ranking_hit@5'])} | **{_pct(m['containment'])}** |"
        )
        if squad:
            row += f" {_num(m['f1'])} |"
        row += (
            f" {_pct(m['source_cited'])} | {_pct(m['refusal_accuracy'])} | "
            f"{_pct(m['false_refusal_rate'])} | {m['latency_ms_p50']} | {m['latency_ms_p95']} |"
        )
        lines.append(row)
    return lines


def _indexing_table(results: dict[str, Any]) -> list[str]:
    lines = [
        "| dataset | system | documents | chunks | sentence vectors | embedded in this run "
        "| seconds | chunks/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for dataset in ("corpus", "spf"):
        for key, m in results[dataset]["systems"].items():
            idx = m["indexing"]
            sentences = idx.get("sentences")
            embedded = idx.get("embedded")
            lines.append(
                f"| {dataset} | {SYSTEMS.get(key, key)} | {idx['documents']} | {idx['chunks']} | "
                f"{'—' if sentences is None else sentences} | "
                f"{'—' if embedded is None else embedded} | "
                f"{idx['seconds']} | {idx['chunks_per_second']} |"
            )
    lines += [
        "",
        "Texts already embedded by an earlier run come from the passage-vector cache "
        "(`<cache_dir>/embeddings`, `ASSISTANT_EMBEDDING_CACHE_MB`): the time and the rate "
        "above are those of this run; they measure embedding only where *embedded in this "
        "run* equals the chunks plus the sentence vectors.",
    ]
    return lines


def _chunk_table(sizes: Sequence[dict[str, Any]]) -> list[str]:
    lines = [
        "| chunk size (overlap) | chunks | hit@1 | hit@5 | MRR | answer containment | p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        lines.append(
            f"| {s['chunk_size']} ({s['chunk_overlap']}) | {s['indexing']['chunks']} | "
            f"{_pct(s['hit@1'])} | {_pct(s['hit@5'])} | {_num(s['mrr'])} | "
            f"{_pct(s['containment'])} | {s['latency_ms_p50']} |"
        )
    return lines


def _scale_table(scale: dict[str, Any]) -> list[str]:
    if "sizes" not in scale:
        return [f"Scale run failed: {scale.get('error', 'unknown error')}."]
    lines = [
        "| chunks (real + synthetic) | insert chunks/s | snapshot write s | load index s | "
        "retrieval p50 / p95 ms | answer p50 / p95 ms | RSS MB after load (index share) "
        "/ after queries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scale["sizes"]:
        if "skipped" in s:
            lines.append(f"| {s['chunks']:,} | skipped: {s['skipped']} | | | | | |")
            continue
        lines.append(
            f"| {s['chunks']:,} ({s['real_chunks']:,} + {s['synthetic_chunks']:,}) | "
            f"{s['insert_chunks_per_s']} | {s.get('snapshot_write_s', '–')} | "
            f"{s['load_index_s']} | "
            f"{s['retrieval_ms_p50']} / {s['retrieval_ms_p95']} | "
            f"{s['answer_ms_p50']} / {s['answer_ms_p95']} | {s['rss_mb']} ({s['index_rss_mb']}) "
            f"/ {s.get('rss_mb_after_queries', '–')} |"
        )
    return [line.replace(",", " ") if line.startswith("| 1") else line for line in lines]


# --- charts ----------------------------------------------------------------------------------


def _charts(results: dict[str, Any], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    datasets = [("corpus", "Corpus (heldout.jsonl)"), ("spf", "Service-Public (PIAF)")]

    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    metrics = [
        ("hit@1", "hit@1"),
        ("hit@5", "hit@5"),
        ("mrr", "MRR"),
        ("containment", "contains answer"),
    ]
    for ax, (dataset, title) in zip(axes, datasets, strict=True):
        systems = results[dataset]["systems"]
        width = 0.8 / len(systems)
        for i, (key, m) in enumerate(systems.items()):
            xs = [j + i * width for j in range(len(metrics))]
            values = [m[k] or 0.0 for k, _ in metrics]
            bars = ax.bar(xs, values, width, label=SYSTEMS.get(key, key), color=_COLORS.get(key))
            ax.bar_label(bars, labels=[f"{100 * v:.0f}" for v in values], fontsize=7)
        ax.set_xticks([j + width * (len(systems) - 1) / 2 for j in range(len(metrics))])
        ax.set_xticklabels([label for _, label in metrics])
        ax.set_title(title)
        ax.set_ylim(0, 1.08)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("share of questions")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=len(labels))
    fig.suptitle("Retrieval and answer quality (same embedder, same answer step)")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(out / "quality.png", dpi=110)
    plt.close(fig)
    written.append("quality.png")

    fig, ax = plt.subplots(figsize=(8, 3.8))
    labels, p50, p95, colors = [], [], [], []
    for dataset, title in datasets:
        for key, m in results[dataset]["systems"].items():
            labels.append(f"{title.split(' ')[0]}\n{key}")
            p50.append(m["latency_ms_p50"])
            p95.append(m["latency_ms_p95"])
            colors.append(_COLORS.get(key, "#333"))
    xs = range(len(labels))
    ax.bar(xs, p95, color=colors, alpha=0.35, label="p95")
    bars = ax.bar(xs, p50, color=colors, label="p50")
    ax.bar_label(bars, labels=[f"{v:.0f}" for v in p50], fontsize=7)
    ax.axhline(300, color="red", linestyle="--", linewidth=1, label="300 ms target (p50)")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel("ms per question (warm)")
    ax.set_title("Answer latency per question, p50 (solid) and p95 (light)")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)
    written.append("latency.png")

    sizes = results.get("chunk_sizes") or []
    if sizes:
        fig, ax = plt.subplots(figsize=(6.5, 3.6))
        names = [f"{s['chunk_size']}/{s['chunk_overlap']}" for s in sizes]
        for i, (k, label) in enumerate(
            [("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr", "MRR"), ("containment", "contains")]
        ):
            xs2 = [j + i * 0.2 for j in range(len(sizes))]
            bars = ax.bar(xs2, [s[k] or 0.0 for s in sizes], 0.2, label=label)
            ax.bar_label(bars, labels=[f"{100 * (s[k] or 0):.0f}" for s in sizes], fontsize=7)
        ax.set_xticks([j + 0.3 for j in range(len(sizes))])
        ax.set_xticklabels([f"{n} chars" for n in names])
        ax.set_ylim(0, 1.1)
        ax.set_title("Chunk size (size/overlap) on the corpus questions")
        ax.legend(fontsize=8, ncol=4, loc="lower center")
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / "chunk_sizes.png", dpi=110)
        plt.close(fig)
        written.append("chunk_sizes.png")

    done = [s for s in (results.get("scale") or {}).get("sizes", []) if "skipped" not in s]
    if done:
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
        xs3 = [s["chunks"] for s in done]
        ax1.plot(xs3, [s["retrieval_ms_p50"] for s in done], "o-", label="retrieval p50")
        ax1.plot(xs3, [s["retrieval_ms_p95"] for s in done], "o--", label="retrieval p95")
        ax1.plot(xs3, [s["answer_ms_p50"] for s in done], "s-", label="full answer p50")
        ax1.plot(xs3, [s["answer_ms_p95"] for s in done], "s--", label="full answer p95")
        ax1.set_xscale("log")
        ax1.set_xlabel("chunks in the index (log)")
        ax1.set_ylabel("ms per question")
        ax1.set_title("Query latency vs index size")
        ax1.legend(fontsize=8)
        ax1.grid(alpha=0.3)
        ax2.plot(xs3, [s["rss_mb"] for s in done], "o-", label="process RSS")
        ax2.plot(
            xs3, [s["load_index_s"] * 100 for s in done], "s--", label="index load time ×100 s"
        )
        ax2.set_xscale("log")
        ax2.set_xlabel("chunks in the index (log)")
        ax2.set_ylabel("MB (or s × 100)")
        ax2.set_title("Memory and load time vs index size")
        ax2.legend(fontsize=8)
        ax2.grid(alpha=0.3)
        fig.suptitle("Scale (vectors above the real chunks are synthetic: see README)")
        fig.tight_layout()
        fig.savefig(out / "scale.png", dpi=110)
        plt.close(fig)
        written.append("scale.png")
    return written


# --- notes -----------------------------------------------------------------------------------


def _gap(dataset: dict[str, Any], metric: str) -> float:
    s = dataset["systems"]
    return (s["ours"][metric] or 0.0) - (s["langchain"][metric] or 0.0)


def _notes(results: dict[str, Any]) -> list[str]:
    """Comparison statements computed from the figures (the why is in the analysis)."""
    lines = []
    for dataset, title in (("corpus", "corpus"), ("spf", "Service-Public")):
        for metric, label in (("hit@5", "hit@5"), ("containment", "answer containment")):
            gap = _gap(results[dataset], metric)
            verdict = "ahead of" if gap > 0 else "level with" if gap == 0 else "**behind**"
            lines.append(
                f"- {title}, {label}: this project is {verdict} the plain pipeline "
                f"({100 * gap:+.1f} points)."
            )
    ours = [results[d]["systems"]["ours"]["latency_ms_p50"] for d in ("corpus", "spf")]
    lines.append(
        f"- Warm median answer time of this project: {ours[0]} ms (corpus), {ours[1]} ms "
        f"(Service-Public): {'under' if max(ours) < 300 else '**over**'} the 300 ms target."
    )
    return lines


def _cpu_reference_line(machine: dict[str, Any]) -> list[str]:
    """How fast the CPU was (the same machine is slower on some days): compare reports
    from different runs with these, not only with their timings."""
    start, end = machine.get("cpu_reference_start"), machine.get("cpu_reference_end")
    if not start:
        return []
    line = (
        f"CPU speed reference at the start: pure-Python loop {start['python_loop_ms']} ms, "
        f"float32 matrix product {start['matmul_gflops']} GFLOPS"
    )
    if end:
        line += f" (at the end: {end['python_loop_ms']} ms, {end['matmul_gflops']} GFLOPS)"
    return ["", line + "; lower ms and higher GFLOPS mean a faster machine."]


def render_markdown(results: dict[str, Any], charts: Sequence[str], analysis: str = "") -> str:
    """The README of ``docs/benchmarks``."""
    corpus, spf = results["corpus"], results["spf"]
    scale = results.get("scale") or {}
    timings = results.get("timings_s", {})
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`assistant bench`"
        + (" --quick" if results.get("quick") else "")
        + f") on {results['machine']['date']}, {results['machine']['cpus']} CPU cores, "
        f"Python {results['machine']['python']}; embedder `{results['model']['name']}` for every "
        f"system. Whole run: {timings.get('total', '?')} s. All figures: "
        "[`results.json`](results.json). Do not edit by hand: re-run `make bench`.",
        *_cpu_reference_line(results["machine"]),
        "",
        "## Summary",
        "",
        *_notes(results),
        "",
        "## Systems compared",
        "",
        "| system | chunks | retrieval | answer step |",
        "|---|---|---|---|",
        f"| {SYSTEMS['ours']} | this project's chunker, {results['settings']['chunk_size']} chars "
        f"/ {results['settings']['chunk_overlap']} overlap, title and headings embedded with the "
        "text | Chroma dense (e5) + French BM25, fused "
        f"{results['settings']['dense_weight']}/{results['settings']['lexical_weight']}, "
        f"{results['settings']['candidates_k']} candidates, programme boosts, max 2 chunks per "
        f"document, top {results['settings']['top_k']} | extractive answerer, answerability "
        "step (calibrated score) |",
        f"| {SYSTEMS['langchain']} | `RecursiveCharacterTextSplitter(1000, 200)` on the same "
        "document text | langchain-chroma `Chroma` (default settings), "
        "`similarity_search` top-4 | the same extractive answerer, no refusal gate |",
        f"| {SYSTEMS['bm25']} | this project's chunks | this project's BM25 (French stemmer, "
        "glossary expansion), max 2 chunks per document, top "
        f"{results['settings']['top_k']} | the same extractive answerer, no refusal gate |",
        "",
        "The answer step (condense → analyse → `ExtractiveAnswerer` → verify, wired by "
        "`assistant.answering.chain.compose`) is the same object for the three systems, so only "
        "retrieval differs. The baselines run without the refusal gate because it needs both "
        "the dense and the BM25 confidence signals (with one missing it would refuse almost "
        "everything); they answer every question, as a tutorial pipeline does.",
        "",
        "Metrics: **hit@k / MRR** — rank of the first chunk of the expected document among "
        "the passages the answer step received (at most 4 for the plain pipeline, 8 for the "
        "others); *hit@5 of the ranking (k=20)* — the same on each retriever's first 20 chunks "
        "(distinct documents), to separate ranking quality from the pipeline's own k. "
        "**Answer containment** — the answer holds every expected string (corpus) or a SQuAD "
        "gold span (normalised: case, spaces, digit grouping, citation markers); a refusal "
        "counts as a miss. **Token F1** — SQuAD's official F1 with French articles removed. "
        "Latencies are per question, warm process, one question at a time.",
        "",
        f"## Corpus questions (`{corpus['file']}`: {corpus['questions']} questions, "
        f"{corpus['documents']} documents)",
        "",
        *_quality_table(corpus["systems"], squad=False),
        "",
        f"## Service-Public questions ({spf['questions']} questions, {spf['documents']} fiches)",
        "",
        "Questions asked by service-public.fr users (PIAF, etalab-ia/piaf-ml, MIT; fiches under "
        "the Licence Ouverte), in SQuAD format: `spf_qr_test.json` (fiches with a question "
        "each) and `best_fiche.json` (distractor fiches), indexed together. Nobody in this "
        "project wrote or tuned on them. Same run: `assistant eval --squad "
        "corpus/qa/spf/spf_qr_test.json --squad "
        "corpus/qa/spf/best_fiche.json`.",
        "",
        *_quality_table(spf["systems"], squad=True),
        "",
    ]
    if "quality.png" in charts:
        lines += ["![Quality](quality.png)", ""]
    if "latency.png" in charts:
        lines += ["![Latency](latency.png)", ""]
    if analysis:
        lines += ["## Analysis", "", analysis.strip(), ""]
    lines += [
        "## Indexing throughput",
        "",
        "Whole path: chunking, embedding on CPU, writing to Chroma (BM25 alone: building the "
        "index over this project's chunks, no embedding).",
        "",
        *_indexing_table(results),
        "",
        "## Chunk size",
        "",
        "This project's chain on the corpus questions, the corpus indexed at each size "
        "(overlap 1/6 of the size, as the default 900/150).",
        "",
        *_chunk_table(results.get("chunk_sizes") or []),
        "",
    ]
    if "chunk_sizes.png" in charts:
        lines += ["![Chunk sizes](chunk_sizes.png)", ""]
    lines += [
        "## Cold start",
        "",
        "A new `assistant ask` process (interpreter start, imports, model load, index load, "
        "BM25 build, first answer), timed from the outside.",
        "",
        "| collection | seconds | ok |",
        "|---|---:|---|",
        *[
            f"| {c['collection']} | {c['seconds']} | {'yes' if c['ok'] else 'no'} |"
            for c in results.get("cold_start") or []
        ],
        "",
        "## Scale",
        "",
        f"**The vectors above the {scale.get('pool_chunks', '?')} real chunks are synthetic.** "
        "Embedding 100k passages on 2 CPU cores would take about an hour (≈ 30 chunks/s), so "
        "the index is grown with variants of the real chunks (the Service-Public fiches and "
        "the corpus, embedded once above): each is a real vector plus Gaussian noise "
        f"(σ = {scale.get('noise_sigma', '?')} per dimension, renormalised; cosine ≈ 0.93 to "
        "its source) with a perturbed copy of its text (20 % of the words dropped, a few "
        "swapped) for BM25. They cost what real chunks cost to store, search and score, "
        "which is what is measured here; quality is not. Queries: "
        f"{scale.get('queries', '?')} real Service-Public questions through "
        "`HybridRetriever.retrieve` (query embedding, Chroma search, BM25, fusion), then "
        f"{scale.get('answer_queries', '?')} through the whole chain. RSS is that of a child "
        f"process holding the model and the index ({scale.get('rss_mb_with_model', '?')} MB "
        "with the model alone). *Snapshot write* is what `assistant index` adds at its end "
        "(read every chunk once, build BM25 and the chunk table, save them; in a process of "
        "its own); *load index* is `HybridRetriever.build` in the serving process (list the "
        "chunk ids from Chroma, load the saved snapshot, BM25 arrays memory-mapped), the "
        "part of a cold start that grows with the index. These collections hold no sentence "
        "vectors (the synthetic chunks' sentences would take hours to embed), so *answer* "
        "times include embedding up to 12 candidate sentences per question, as with an index "
        "built before sentence vectors were stored: they overstate the product's answer time "
        "(the tables above give it); *retrieval* is the part that grows with the index.",
        "",
        *_scale_table(scale),
        "",
    ]
    if "scale.png" in charts:
        lines += ["![Scale](scale.png)", ""]
    lines += [
        "## Reproduce",
        "",
        "```",
        "make bench                      # or: assistant bench [--quick] [--out docs/benchmarks]",
        "assistant eval --squad FILE.json [--squad FILE2.json …] [--json]",
        "```",
        "",
        "Every collection of the run lives in a temporary Chroma folder deleted at the end; "
        "the main index is never opened. Time spent per part (s): "
        + ", ".join(f"{k} {v}" for k, v in timings.items())
        + ".",
        "",
    ]
    return "\n".join(lines)


def write_report(results: dict[str, Any], out: Path, analysis: str | None = None) -> None:
    """Write ``results.json``, the charts and ``README.md`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    charts = _charts(results, out)
    if analysis is None:
        from assistant.bench.analysis import analysis_text

        analysis = analysis_text(results)
    (out / "README.md").write_text(render_markdown(results, charts, analysis), encoding="utf-8")
