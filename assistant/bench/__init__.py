"""Benchmarks: this project's chain against a plain LangChain pipeline and BM25 alone.

:func:`run_bench` (``assistant bench``, ``make bench``) measures quality and speed on the
corpus questions and on the Service-Public questions, compares chunk sizes, measures
cold start and how cost grows with the index, and writes ``docs/benchmarks/``.
:func:`evaluate_squad` (``assistant eval --squad FILE``) scores this project's chain on any
SQuAD-format file, in a throw-away collection.
"""

from assistant.bench.suite import evaluate_squad, format_squad_report, run_bench

__all__ = ["evaluate_squad", "format_squad_report", "run_bench"]
