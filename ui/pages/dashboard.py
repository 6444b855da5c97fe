"""`/dashboard` of the chat server: the operators' dashboard (ui/dashboard.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# Streamlit runs this file as a script: the project root (which holds `ui`) is put on the path.
_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from ui.dashboard import main  # noqa: E402

main()
