"""Why the figures are what they are: text of the report's « Analysis » section.

The statements are computed from the figures of the run (who is ahead, by how much, what
the k=4 cap or the refusal gate costs); the explanations are the mechanisms measured in
this project (see ``docs/architecture.md``).
"""

from __future__ import annotations

from typing import Any


def _p(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _pts(a: float | None, b: float | None) -> str:
    return f"{100 * ((a or 0.0) - (b or 0.0)):+.1f} points"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _answered_containment(m: dict[str, Any]) -> float | None:
    """Containment among the answerable questions the system did not refuse."""
    answered = 1.0 - (m.get("false_refusal_rate") or 0.0)
    return (m["containment"] or 0.0) / answered if answered > 0 else None


def _dataset(name: str, title: str, data: dict[str, Any]) -> list[str]:
    s = data["systems"]
    ours, lc, bm = s["ours"], s["langchain"], s["bm25"]
    out = [f"**{title}.**"]
    hit_gap = (ours["hit@5"] or 0) - (lc["hit@5"] or 0)
    cap = (lc["ranking_hit@5"] or 0) - (lc["hit@5"] or 0)
    text = (
        f"hit@5: this project {_p(ours['hit@5'])}, plain pipeline {_p(lc['hit@5'])} "
        f"({_pts(ours['hit@5'], lc['hit@5'])}), BM25 alone {_p(bm['hit@5'])}. "
    )
    if hit_gap > 0:
        text += (
            "The plain pipeline hands the answer step 4 chunks of 1000 characters ranked by "
            "one cosine similarity, and overlapping pieces of one document can take several "
            "of those places. This project fuses the dense "
            "ranking with French BM25 (names, figures and rare words that e5 blurs), embeds "
            "each chunk with its document title and headings (the chunk saying « le "
            "projet vise… » is still found for the programme's name), keeps at most 2 "
            "chunks per document and 8 in all. "
        )
    elif hit_gap == 0:
        text += "Both find the expected document for the same share of questions. "
    else:
        text += (
            "**This project is behind here.** Its fused score normalises each side over "
            "the candidates (min-max for dense, divided by the best for BM25), so a chunk "
            "that BM25 scores highly on common words can push the dense favourite down. "
        )
    if cap > 0:
        text += (
            f"Over its first 20 chunks the plain pipeline's ranking would reach "
            f"{_p(lc['ranking_hit@5'])} hit@5: {100 * cap:.1f} points of the gap are its "
            "top-4 cap, the rest is ranking. "
        )
    elif hit_gap != 0:
        text += (
            f"Its hit@5 over the first 20 chunks is {_p(lc['ranking_hit@5'])}: the gap is "
            "ranking, not its top-4 cap. "
        )
    out.append(text)

    c_gap = (ours["containment"] or 0) - (lc["containment"] or 0)
    text = (
        f"Answer containment: this project {_p(ours['containment'])}, plain pipeline "
        f"{_p(lc['containment'])} ({_pts(ours['containment'], lc['containment'])}), BM25 "
        f"alone {_p(bm['containment'])}. The answer step is the same object for all three, "
        "so the difference comes from the passages it is given"
    )
    refused = ours.get("false_refusal_rate") or 0.0
    if refused:
        text += (
            f", and from this project's refusal gate: it declined {_p(refused)} of the "
            "answerable questions (a refusal counts as a miss; the baselines have no gate and "
            "answer everything). Among the questions it did answer, its containment is "
            f"{_p(_answered_containment(ours))}"
        )
    text += ". "
    if c_gap < 0:
        text += (
            "**This project is behind the plain pipeline here.** Likely cause (not yet "
            "measured question by question): the extractive answerer picks among the "
            "sentences of the passages it receives and of the whole text of the two best "
            "documents; with 8 passages from 4 or more documents its sentence pool is wider, "
            "so the best-scoring sentence is more often a near-miss from a neighbouring "
            "fiche, while the plain pipeline's 4 chunks keep it on fewer fiches. What would "
            "fix it: restrict the sentence pool to the top document "
            "when its fused score clearly leads, re-rank the sentences of the top documents "
            "only, and for unseen texts lower the refusal threshold or calibrate it on them "
            "(it was calibrated on the corpus's off-topic questions). "
        )
    elif c_gap == 0:
        text += "Both contain the expected answer for the same share of questions. "
    if name == "spf":
        text += (
            f"Token F1 is low for every system ({ours['f1']} for this project, {lc['f1']} "
            f"for the plain pipeline) because the answer is one or two verbatim sentences "
            "with a citation and the Service-Public gold spans are long fragments cut "
            "across sentences and list items: containment fails when a span runs over two "
            "sentences the answer did not both quote, and F1 divides by the answer length. "
            "No figure-slot, programme-boost or catalogue logic applies to these fiches "
            "(they have no front matter): only the hybrid retrieval and the chunking "
            "differ from the plain pipeline."
        )
    out.append(text)
    return out


def analysis_text(results: dict[str, Any]) -> str:
    """The analysis paragraphs, with the figures of ``results`` filled in."""
    parts: list[str] = []
    for name, title in (("corpus", "Corpus questions"), ("spf", "Service-Public questions")):
        if name in results:
            parts.append(" ".join(_dataset(name, title, results[name])))

    ours_lat = [
        results[d]["systems"]["ours"]["latency_ms_p50"] for d in ("corpus", "spf") if d in results
    ]
    load = results.get("machine", {}).get("load_average_start")
    text = (
        f"**Latency.** Warm median answer time of this project: {ours_lat[0]} ms on the corpus"
        + (f", {ours_lat[1]} ms on the Service-Public fiches" if len(ours_lat) > 1 else "")
        + ". Most of it is the answer step, shared by the three systems: "
        "`SentenceRanker._rerank` embeds up to 12 candidate sentences per question "
        "(their first 300 characters: Service-Public fiches have long list-like « sentences »). "
        "Questions answered from the catalogue (figures of one programme) skip it and take "
        "tens of milliseconds. Embedding sentences once at indexing time would remove most "
        "of the rest. Retrieval itself (query embedding, Chroma, BM25, fusion) is a small "
        "share: see the scale table."
    )
    if load:
        text += (
            f" The machine was shared during this run (load average {load[0]} at the start, "
            f"{(results['machine'].get('load_average_end') or ['?'])[0]} at the end, for 2 "
            "cores): absolute times are inflated by that, the comparisons between systems, "
            "measured in the same run, much less."
        )
    parts.append(text)

    sizes = results.get("chunk_sizes") or []
    if sizes:
        best = max(sizes, key=lambda s: (s["hit@5"] or 0, s["mrr"] or 0, s["containment"] or 0))
        default = results.get("settings", {}).get("chunk_size")
        text = (
            "**Chunk size.** Measured on the corpus questions with this project's chain: "
            + "; ".join(
                f"{s['chunk_size']} chars → hit@1 {_p(s['hit@1'])}, hit@5 {_p(s['hit@5'])}, "
                f"MRR {s['mrr']}, containment {_p(s['containment'])}"
                for s in sizes
            )
            + f". Best on hit@5 then MRR: {best['chunk_size']} characters. "
        )
        if best["chunk_size"] == default:
            text += f"The default ({default}) is kept."
        else:
            text += (
                f"The default is {default}: the difference is "
                f"{_pts(best['hit@5'], next((s['hit@5'] for s in sizes if s['chunk_size'] == default), None))} "
                "of hit@5 on this run; change `ASSISTANT_CHUNK_SIZE` only if it holds on a "
                "second run, since a few questions move these figures."
            )
        parts.append(text)

    scale = [s for s in (results.get("scale") or {}).get("sizes", []) if "skipped" not in s]
    if len(scale) >= 2:
        first, last = scale[0], scale[-1]
        ratio = last["chunks"] / first["chunks"]
        parts.append(
            f"**Growth with the index.** From {_n(first['chunks'])} to {_n(last['chunks'])} chunks "
            f"(×{ratio:.0f}): retrieval p50 {first['retrieval_ms_p50']} → "
            f"{last['retrieval_ms_p50']} ms, full answer p50 {first['answer_ms_p50']} → "
            f"{last['answer_ms_p50']} ms, RSS {first['rss_mb']} → {last['rss_mb']} MB, index "
            f"load {first['load_index_s']} → {last['load_index_s']} s. Chroma's HNSW search is "
            "sub-linear; what grows linearly is what this project keeps in memory and scans: "
            "the BM25 scores of every chunk for each query (`LexicalIndex.scores` returns a "
            "dense array, then a partial sort), and the compact chunk table and BM25 arrays "
            "loaded at start-up (the snapshot `assistant index` saves; chunk texts stay in "
            "Chroma and are read only for a question's candidates)."
        )
    return "\n\n".join(parts)
