"""The list of the app's pages, named in the page's language.

Streamlit's own list names each page after its file ("app", "caseload"), in English whatever
the language chosen, so it is turned off (``client.showSidebarNavigation`` in
``.streamlit/config.toml``) and each page draws this one at the top of its side panel.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from calculator.schema import N_

from .lang import _

ROOT = Path(__file__).resolve().parents[1]
#: (path from the main script's folder, label), in the order shown.
PAGES = (
    ("app.py", N_("Cost calculator")),
    ("pages/caseload.py", N_("Caseload, for counselors")),
)


def render_pages() -> None:
    """One link a page. A page run on its own (a test of that page) has no others to link to."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).resolve() != ROOT / "app.py":
        return
    for path, label in PAGES:
        st.page_link(path, label=_(label))
