"""Streamlit building blocks of the chat page: controls, empty state, messages, feedback."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

from assistant import Answer, AssistantError, Filters
from assistant.feedback import MAX_COMMENT_CHARS, REASONS
from ui import render, services
from ui.services import CorpusInfo

log = logging.getLogger("assistant.ui")

TITLE = "Assistant des formations France 2030"
NOTICE = (
    "Vous échangez avec un assistant automatisé : il peut se tromper. Vérifiez toujours "
    "les informations importantes sur les pages officielles citées en source."
)
SHORT_NOTICE = "Assistant automatisé : il peut se tromper, vérifiez les sources citées."
PLACEHOLDER = "Posez votre question sur les formations France 2030…"
GENERIC_ERROR = "Une erreur inattendue est survenue. Merci de réessayer dans un instant."

#: Example questions of the empty state: (audience, intro, questions).
EXAMPLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Vous êtes stagiaire ou en recherche de formation",
        "Trouvez une formation près de chez vous :",
        (
            "Quelles formations aux batteries existent dans les Hauts-de-France ?",
            "Je veux travailler dans la cybersécurité en Normandie : quel programme existe ?",
        ),
    ),
    (
        "Vous êtes conseiller ou conseillère",
        "Retrouvez chiffres, porteurs et calendriers :",
        (
            "Quel est le budget d'Electro'Mob et le montant de l'aide de l'État ?",
            "Compare les budgets d'Electro'Mob et de BATTENA.",
        ),
    ),
)

# --- session state ---------------------------------------------------------------------------


def init_state() -> None:
    """Create the session keys used by the page."""
    st.session_state.setdefault("messages", [])
    st.session_state.setdefault("pending_prompt", None)


def new_message(role: str, content: str, **extra: Any) -> dict[str, Any]:
    """A chat message as kept in the session."""
    return {"id": uuid.uuid4().hex[:12], "role": role, "content": content, **extra}


def _find_message(message_id: str) -> dict[str, Any] | None:
    for message in st.session_state.get("messages", []):
        if message["id"] == message_id:
            return message
    return None


def _new_conversation() -> None:
    st.session_state.messages = []
    st.session_state.pending_prompt = None


def _choose_example(question: str) -> None:
    st.session_state.pending_prompt = question


# --- controls --------------------------------------------------------------------------------


def render_controls(info: CorpusInfo, *, embed: bool) -> Filters:
    """Filters, new-conversation button and « à propos »: in the sidebar, or (embed) in an
    expander above the conversation. Returns the selected filters."""
    box = st.expander("Filtres et nouvelle conversation") if embed else st.sidebar
    with box:
        if not embed:
            st.header("Filtres")
        regions = st.multiselect(
            "Région",
            info.regions,
            key="f_regions",
            placeholder="Toutes les régions",
            help="Limiter les réponses aux programmes de ces régions.",
        )
        sectors = st.multiselect(
            "Secteur",
            info.sectors,
            key="f_sectors",
            placeholder="Tous les secteurs",
            help="Limiter les réponses aux programmes de ces secteurs.",
        )
        programmes = st.multiselect(
            "Programme",
            list(info.programmes),
            key="f_programmes",
            format_func=lambda pid: info.programmes.get(pid, pid),
            placeholder="Tous les programmes",
            help="Limiter les réponses à ces programmes.",
        )
        st.button(
            "Nouvelle conversation",
            key="new_conversation",
            on_click=_new_conversation,
            icon=":material/add_comment:",
            help="Effacer l'échange en cours et repartir de zéro.",
            width="stretch",
        )
        if not embed:
            st.divider()
            st.subheader("À propos")
        about = [
            f"Cet assistant répond à partir de {info.count} fiches de programmes France 2030 "
            "consacrés à la formation (AMI « Compétences et métiers d'avenir » et dispositifs "
            "voisins), en citant ses sources."
        ]
        corpus_date = render.format_date_fr(info.updated)
        if corpus_date:
            about.append(f"Documents à jour au {corpus_date}.")
        if info.index_version:
            indexed = render.format_date_fr((info.index_updated or "")[:10])
            about.append(
                f"Index : version {info.index_version}" + (f" du {indexed}." if indexed else ".")
            )
        st.caption(" ".join(about))
        st.caption(NOTICE)
    return Filters(
        regions=tuple(regions),
        sectors=tuple(sectors),
        programmes=tuple(programmes),
        include_national=True,
    )


def describe_filters(filters: Filters, info: CorpusInfo) -> str | None:
    """One French line describing the active filters, or None."""
    parts: list[str] = []
    if filters.regions:
        parts.append("région : " + ", ".join(filters.regions))
    if filters.sectors:
        parts.append("secteur : " + ", ".join(filters.sectors))
    if filters.programmes:
        names = (info.programmes.get(p, p) for p in filters.programmes)
        parts.append("programme : " + ", ".join(names))
    return "Filtres actifs — " + " ; ".join(parts) if parts else None


# --- scrolling -------------------------------------------------------------------------------

# Streamlit keeps a chat page scrolled to its bottom while a run adds elements ("sticks" to
# it), which leaves a long answer scrolled out of view and, on a phone, the title above the
# top. This script, added to the page by the functions below, moves the view:
#   "element": once the run is over, to the start of the message holding element ``target``
#              (a new answer), or else holding the script itself (an error message), with
#              the question above it if short, unless already in the upper half of the
#              screen;
#   "top":     once the run is over, to the top of the page (the empty state);
#   "bottom":  at once, to the bottom, until the run is over (a new question: after
#              "element" let go of the bottom, the new question and its streamed answer
#              would otherwise appear below the screen).
# Streamlit sticks to the bottom, and scrolls back there, until it handles a scroll event
# that finds the content sizes of the previous one and no scroll animation under way; it
# handles scroll events at most every 100 ms and defers the others. So the position is set
# when the page has not scrolled for 150 ms, and again if Streamlit moved it, until it has
# held for 2 s (a late layout change can make Streamlit stick to the bottom again after a
# shorter hold); a wheel, touch, pointer or key event (the reader) stops it.
# Constant code: its only values are the mode and an element id of [A-Za-z0-9_-].
SCROLL_SCRIPT = """<script>
(function () {
  var mode = "%s";
  var target = "%s";
  var app = document.querySelector('[data-testid="stApp"]');
  var main = document.querySelector('[data-testid="stAppScrollToBottomContainer"]');
  if (!app || !main) return;
  var stop = false;
  ["wheel", "touchstart", "pointerdown", "keydown"].forEach(function (type) {
    main.addEventListener(type, function () { stop = true; }, { once: true, passive: true });
  });
  var lastScroll = 0;
  var mounted = Date.now();
  main.addEventListener("scroll", function () { lastScroll = Date.now(); }, { passive: true });
  function running() {
    return app.getAttribute("data-test-script-state") !== "notRunning";
  }
  function bottom() {
    return main.scrollHeight - main.clientHeight;
  }
  function targetElement() {
    return document.getElementById(target) ||
      document.querySelector(".st-key-scroll-element-" + target);
  }
  // The start of the target's message, decided once (null: already in view).
  function messageTop() {
    var el = targetElement();
    var message = el.closest('[data-testid="stChatMessage"]') || el;
    // with the question above it when that takes less than a third of the screen
    var all = Array.prototype.slice.call(document.querySelectorAll('[data-testid="stChatMessage"]'));
    var asked = all[all.indexOf(message) - 1];
    var gap = asked ? message.getBoundingClientRect().top - asked.getBoundingClientRect().top : 0;
    if (asked && gap < main.clientHeight / 3) message = asked;
    var top = message.getBoundingClientRect().top - main.getBoundingClientRect().top;
    if (top >= 72 && top <= main.clientHeight / 2) return null;
    var margin = parseFloat(getComputedStyle(message).scrollMarginTop) || 0;
    return Math.max(0, main.scrollTop + top - margin);
  }
  function hold(where, since, step) {
    if (stop || step > 300 || (mode === "bottom" && !running())) return;
    var top = where();
    var now = Date.now();
    if (Math.abs(main.scrollTop - top) >= 1) {
      since = null;
      if (now - lastScroll >= 150) main.scrollTop = top;
    } else if (since === null) {
      since = now;
    } else if (now - since > 2000 && mode !== "bottom") {
      return; // held
    }
    setTimeout(function () { hold(where, since, step + 1); }, 50);
  }
  var tries = 0;
  function start() {
    // The run is over, the target is there and the page has not scrolled for a while.
    var busy = Date.now() - lastScroll < 250 || Date.now() - mounted < 400;
    if (running() || busy || (mode === "element" && !targetElement())) {
      if (tries++ < 600) setTimeout(start, 50);
      return;
    }
    if (mode === "top") {
      if (main.scrollTop > 0) hold(function () { return 0; }, null, 0);
      return;
    }
    var top = messageTop();
    if (top !== null) hold(function () { return top; }, null, 0);
  }
  if (mode === "bottom") hold(bottom, null, 0);
  else setTimeout(start, 50);
})();
</script>"""


def _scroll(mode: Literal["element", "top", "bottom"], element_id: str) -> None:
    safe = re.sub(r"[^A-Za-z0-9_-]", "", element_id)
    # A new key for each use: a script runs when its element is first drawn.
    with st.container(key=f"scroll-{mode}-{safe}", border=False):
        st.html(SCROLL_SCRIPT % (mode, safe), unsafe_allow_javascript=True)


def scroll_into_view(element_id: str) -> None:
    """Once the run is over, show the start of the message holding ``element_id`` (or, if
    no element has that id, the message this is called in)."""
    _scroll("element", element_id)


def scroll_to_top(key: str) -> None:
    """Once the run is over, show the top of the page (``key``: unique on the page)."""
    _scroll("top", key)


def follow_new_messages(key: str) -> None:
    """Go to the bottom now and let Streamlit stick to it again (``key``: unique)."""
    _scroll("bottom", key)


# --- empty state -----------------------------------------------------------------------------


def render_empty_state(*, embed: bool) -> None:
    """Welcome text and clickable example questions for both audiences."""
    st.markdown(
        "Bonjour ! Je réponds à vos questions sur les **formations financées par France "
        "2030** : programmes, régions, publics, chiffres clés. Chaque réponse cite ses sources."
    )
    columns = st.columns(1 if embed else 2)
    for index, (audience, intro, questions) in enumerate(EXAMPLES):
        with columns[index % len(columns)]:
            st.markdown(f"**{audience}**")
            st.caption(intro)
            for q_index, question in enumerate(questions):
                st.button(
                    question,
                    key=f"example-{index}-{q_index}",
                    on_click=_choose_example,
                    args=(question,),
                    width="stretch",
                )
    scroll_to_top("empty")  # a phone would otherwise open scrolled below the title


# --- messages --------------------------------------------------------------------------------


def render_message(message: dict[str, Any], *, embed: bool) -> None:
    """One message of the history (inside its ``st.chat_message``)."""
    with st.chat_message(message["role"]):
        if message["role"] == "user":
            st.html(f'<p lang="fr">{render.esc(message["content"])}</p>')
        else:
            render_answer_body(message, embed=embed)


def render_answer_body(message: dict[str, Any], *, embed: bool) -> None:
    """Answer text with linked markers, table, notice, sources, copy and feedback."""
    if message.get("error"):
        st.error(message["error"])
        return
    answer: Answer = message["answer"]
    mid = message["id"]
    st.html(render.answer_html(answer.text, mid, [c.n for c in answer.citations]))
    if answer.table:
        st.html(render.table_html(answer.table))
    if answer.notice:
        st.info(answer.notice)
    cited = render.cited_citations(answer)
    if cited:
        st.html(render.sources_html(cited, mid, context=140 if embed else render.CONTEXT_CHARS))
    with st.expander("Copier la réponse et ses sources"):
        st.code(render.copy_text(answer), language=None, wrap_lines=True)
    render_feedback(message)


def _submit_feedback(message: dict[str, Any], rating: int, **details: Any) -> None:
    """Store the rating of the message's answer (one row per answer, replaced each time)."""
    answer: Answer = message["answer"]
    services.get_feedback_store().submit(
        answer.answer_id,
        rating,
        site="chat",
        question=message.get("question", ""),
        answer=answer.text,
        cited_ids=[c.doc_id for c in render.cited_citations(answer)],
        **details,
    )


def _on_rating(message_id: str) -> None:
    message = _find_message(message_id)
    if message is None or message.get("answer") is None:
        return
    value = st.session_state.get(f"fb-{message_id}")
    try:
        if value is None:  # rating cleared: forget the entry
            services.get_feedback_store().withdraw(message["answer"].answer_id)
            message["rating"] = None
        else:
            message["rating"] = 1 if value == 1 else -1
            _submit_feedback(message, message["rating"])
        message["feedback_sent"] = False
        message["feedback_error"] = None
    except AssistantError as exc:
        log.warning("feedback not stored: %s", exc)
        message["feedback_error"] = exc.user_message


def _on_details(message_id: str) -> None:
    """The 👎 form: a reason from the list and an optional comment."""
    message = _find_message(message_id)
    if message is None or message.get("answer") is None or message.get("rating") != -1:
        return
    reason = st.session_state.get(f"fr-{message_id}")
    comment = (st.session_state.get(f"fc-text-{message_id}") or "").strip() or None
    try:
        _submit_feedback(message, -1, reason=reason, comment=comment)
        message["feedback_sent"] = True
        message["feedback_error"] = None
    except AssistantError as exc:
        log.warning("feedback details not stored: %s", exc)
        message["feedback_error"] = exc.user_message


def render_feedback(message: dict[str, Any]) -> None:
    """👍/👎 (stored at once); after 👎, the list of reasons and an optional comment."""
    mid = message["id"]
    st.caption("Cette réponse vous a-t-elle été utile ?")
    st.feedback("thumbs", key=f"fb-{mid}", on_change=_on_rating, args=(mid,))
    if message.get("feedback_error"):
        st.error(message["feedback_error"])
    rating = message.get("rating")
    if rating is None:
        return
    if rating == 1 or message.get("feedback_sent"):
        st.caption("Merci pour votre avis !")
        return
    with st.form(key=f"fd-{mid}", border=False):
        st.radio(
            "Qu'est-ce qui n'allait pas ?",
            list(REASONS),
            format_func=REASONS.__getitem__,
            key=f"fr-{mid}",
            index=None,
            horizontal=True,
        )
        st.text_input(
            "Commentaire (facultatif)",
            key=f"fc-text-{mid}",
            max_chars=MAX_COMMENT_CHARS,
            placeholder="Qu'est-ce qui manque ou qui est inexact ?",
            help="Ne saisissez aucune donnée personnelle (nom, courriel, téléphone).",
        )
        st.form_submit_button("Envoyer", on_click=_on_details, args=(mid,))
    st.caption("Merci ! Dites-nous ce qui n'allait pas, si vous le souhaitez.")


def run_safely(action: Callable[[], Any]) -> tuple[Any, str | None]:
    """Run ``action``; return (result, None) or (None, French message) — never a traceback."""
    try:
        return action(), None
    except AssistantError as exc:
        log.warning("assistant error: %s", exc)
        return None, exc.user_message
    except Exception:
        log.exception("unexpected error in the chat page")
        return None, GENERIC_ERROR
