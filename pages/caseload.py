"""The counselor's page of the app: a caseload spreadsheet in, results out (see ui/caseload_page.py)."""

from __future__ import annotations

import streamlit as st

from ui import caseload_page, janitor

st.set_page_config(page_title="Caseload: every client at once", page_icon="🧭", layout="wide")
janitor.register()  # a caseload is personal too: wiped with the session (ui/janitor.py)
caseload_page.render()
