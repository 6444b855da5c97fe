"""``python -m assistant.bench.probes``: regenerate the probe files."""

from assistant.bench.probes.writer import main

main()
