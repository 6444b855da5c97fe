"""The French chat page: `streamlit run ui/app.py` (started by `make run`).

Add ``?embed=true`` to the URL for the compact layout meant for an iframe (no sidebar,
no header; filters in an expander).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ on sys.path, not the project root that holds `ui`.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from assistant import Answer, Filters  # noqa: E402
from ui import components as c  # noqa: E402
from ui import render, services  # noqa: E402

log = logging.getLogger("assistant.ui")

_EMBED_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding-top: 0.75rem !important; padding-bottom: 5rem !important;
  padding-left: 0.75rem !important; padding-right: 0.75rem !important; }
</style>
"""


def is_embed() -> bool:
    """True for ``?embed=true`` (Streamlit keeps that parameter out of ``st.query_params``)."""
    return bool(st.context.is_embedded)


def answer_question(assistant: object, question: str, filters: Filters, *, embed: bool) -> None:
    """Stream the answer of the last user message into an assistant message."""
    messages = st.session_state.messages
    settings = getattr(assistant, "settings", None)
    max_turns = getattr(settings, "max_history_turns", 20)
    history = services.build_history(messages[:-1], max_turns)
    with st.chat_message("assistant"):
        started = time.perf_counter()
        sink: dict[str, Answer] = {}
        streamed = st.empty()

        def run() -> None:
            stream = assistant.stream(question, history=history, filters=filters)  # type: ignore[attr-defined]
            # Not st.write_stream: it checks every piece for dataframes, which imports
            # pandas and pyarrow on the first answer (over a second on this machine). The
            # text goes through the page's own renderer, as the final answer does.
            text = ""
            for piece in services.text_pieces(stream, sink):
                text += piece
                streamed.html(render.answer_html(text + " ▌", "streaming", []))

        _, error = c.run_safely(run)
        streamed.empty()
        seconds = time.perf_counter() - started
        answer = sink.get("answer")
        if error is None and answer is None:
            log.error("the answer stream ended without an Answer object")
            error = c.GENERIC_ERROR
        if error is not None:
            message = c.new_message("assistant", error, error=error, question=question)
        else:
            assert answer is not None
            log.info("answer shown in %.2f s (%d citations)", seconds, len(answer.citations))
            services.log_answer(assistant, answer, question, filters, seconds)
            message = c.new_message(
                "assistant", answer.text, answer=answer, question=question, seconds=seconds
            )
        messages.append(message)
        c.render_answer_body(message, embed=embed)
        c.scroll_into_view(f"answer-{message['id']}" if error is None else message["id"])


def main() -> None:
    embed = is_embed()
    st.set_page_config(
        page_title="Assistant formations France 2030",
        page_icon="🎓",
        layout="centered",
        initial_sidebar_state="collapsed" if embed else "auto",
        menu_items={"Get help": None, "Report a bug": None, "About": c.NOTICE},
    )
    c.init_state()
    st.html(render.CSS + (_EMBED_CSS if embed else ""))

    if embed:
        st.caption(c.SHORT_NOTICE)
    else:
        st.title(c.TITLE)
        st.caption(c.NOTICE)

    # The input comes first: it is usable (pinned at the bottom) while the assistant loads.
    prompt = st.chat_input(c.PLACEHOLDER, key="chat_input")
    assistant, load_error = c.run_safely(services.get_assistant)  # loaded once per process
    info, _ = c.run_safely(lambda: services.corpus_info(assistant)) if assistant else (None, None)
    info = info or services.CorpusInfo()
    filters = c.render_controls(info, embed=embed)
    if load_error:
        st.error(load_error)
    active = c.describe_filters(filters, info)
    if active:
        st.caption(active)

    question = prompt or st.session_state.pop("pending_prompt", None)
    st.session_state.pending_prompt = None
    messages = st.session_state.messages

    # A run interrupted mid-answer (e.g. a filter changed) leaves a question unanswered:
    # answer it now, or close it if a new question replaces it.
    unanswered = bool(messages) and messages[-1]["role"] == "user"
    if unanswered and question:
        note = "Réponse interrompue par une nouvelle question."
        messages.append(c.new_message("assistant", note, error=note))
    elif unanswered:
        question = messages.pop()["content"]

    for message in messages:
        c.render_message(message, embed=embed)
    if not messages and not question:
        c.render_empty_state(embed=embed)
    if not question:
        return

    messages.append(c.new_message("user", question))
    c.render_message(messages[-1], embed=embed)
    c.follow_new_messages(messages[-1]["id"])  # the answer or error is drawn below
    if assistant is None:
        assistant, load_error = c.run_safely(services.get_assistant)
    if assistant is None:
        error = load_error or c.GENERIC_ERROR
        messages.append(c.new_message("assistant", error, error=error, question=question))
        c.render_message(messages[-1], embed=embed)
        return
    answer_question(assistant, question, filters, embed=embed)


main()
