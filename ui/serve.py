"""`python -m ui.serve [streamlit options]`: the chat, with the assistant preloaded.

Same as ``streamlit run ui/app.py``, but the model and the index start loading before the
server does (see :mod:`ui.preload`), so the first answer comes sooner.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    """Preload the assistant, then hand over to Streamlit's own command line."""
    from ui import preload

    preload.start()  # first: importing Streamlit below already overlaps with it
    from streamlit.web import cli as streamlit_cli

    app = Path(__file__).with_name("app.py")
    sys.argv = ["streamlit", "run", str(app), *(sys.argv[1:] if argv is None else argv)]
    sys.exit(streamlit_cli.main())


if __name__ == "__main__":
    main()
