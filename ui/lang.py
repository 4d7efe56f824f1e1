"""The page's language: chosen on the page (or ``?lang=es`` in the address), kept in the session.

``here()`` is the :class:`ui.words.Words` of this session; ``_("...")`` translates one string
with it (pybabel extracts every ``_("...")``). Pure modules (charts, PDF, words) are handed a
``Words`` instead of reading the session.
"""

from __future__ import annotations

import streamlit as st

from . import i18n
from .words import Words, words

LANG = "ui.lang"
#: The switch's own key. Streamlit forgets a widget's value when a page without it runs (the
#: caseload page, then back), so the choice itself is kept under LANG, which is no widget's key.
SWITCH = "ui.lang.switch"
PARAM = "lang"


def current() -> str:
    return st.session_state.get(LANG, i18n.DEFAULT)


def here() -> Words:
    """The session's words."""
    return words(current())


def _(text: str) -> str:
    """``text`` in the session's language (English when the catalog lacks it)."""
    return here().gettext(text)


def init() -> None:
    """First run: the language from the address (``?lang=es``), else English. Every run: the
    switch shows the kept choice (on whichever page it is drawn), and the address carries it."""
    if LANG not in st.session_state:
        asked = st.query_params.get(PARAM, i18n.DEFAULT)
        st.session_state[LANG] = asked if asked in i18n.LANGUAGES else i18n.DEFAULT
    st.session_state[SWITCH] = st.session_state[LANG]
    _to_address(st.session_state[LANG])


def _to_address(lang: str) -> None:
    if lang == i18n.DEFAULT:
        st.query_params.pop(PARAM, None)
    elif st.query_params.get(PARAM) != lang:
        st.query_params[PARAM] = lang


def _on_change() -> None:
    st.session_state[LANG] = st.session_state[SWITCH]
    _to_address(st.session_state[LANG])


def render_switch() -> None:
    """English / Español, each named in its own language (so either reader finds theirs)."""
    st.radio(
        "Language / Idioma",
        tuple(i18n.LANGUAGES),
        key=SWITCH,
        format_func=lambda code: i18n.LANGUAGES[code][0],
        on_change=_on_change,
        horizontal=True,
    )


#: Page-wide style: captions dark enough for WCAG AA contrast (Streamlit's grey is 3.9:1), and
#: static tables that wrap their text within the column instead of scrolling sideways.
PAGE_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #5b606b !important; }
[data-testid="stTable"] table { width: 100%; }
[data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal; overflow-wrap: anywhere; }
[data-testid="stTable"] :is(th, td) [data-testid="stMarkdownContainer"] { max-width: 100%; }
[data-testid="stTable"] :is(th, td) :is([data-testid="stMarkdownContainer"], p) {
  overflow-wrap: anywhere !important; word-break: break-word !important; }
@media (max-width: 640px) {
  [data-testid="stTable"] table { table-layout: fixed; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { padding: 0.25rem 0.3rem !important; font-size: 0.8rem; }
}
</style>"""


def render_page_language() -> None:
    """Tell browsers and screen readers the page's language (``<html lang="es">``), so a
    screen reader reads Spanish with a Spanish voice (WCAG 3.1.1); and set the page's style."""
    st.html(
        PAGE_CSS + f"<script>document.documentElement.lang = {current()!r};</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
