"""The counselor's page: a caseload spreadsheet in, a results spreadsheet out (``pages/caseload.py``).

Download the template, upload the filled-in file, watch the progress, download the results.
The file is read in memory and never written anywhere; the results live only in this browser
session (so a download does not recompute them) and go when the file is removed or the tab
closes. Nothing is sent anywhere: the page makes no request of its own.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.caseload import (
    OK,
    PROBLEM,
    CaseloadResult,
    read_caseload,
    results_csv,
    results_xlsx,
    run_caseload,
    template_csv,
    template_xlsx,
)
from calculator.spreadsheet import XLSX_MEDIA_TYPE, SpreadsheetError

from . import model, safety
from .words import NOT_ADVICE

UPLOAD_KEY = "caseload.upload"
RESULT_KEY = "caseload.result"
#: Columns of the preview table (the download has every column).
PREVIEW = (
    "row",
    "client_id",
    "option",
    "status",
    "family_total [USD]",
    "family_total_with_leave [USD]",
    "family_total_after_tax [USD]",
    "out_of_pocket [USD]",
    "lost_income [USD]",
    "difference_from_first_option [USD]",
    "nights_away [nights]",
    "work_hours_missed [hours]",
    "childcare_hours [hours]",
)
PREVIEW_ROWS = 500
#: The server refuses uploads above this (``.streamlit/config.toml``, ``server.maxUploadSize``).
UPLOAD_LIMIT_MB = 1


def render() -> None:
    help_lines = model.assumptions().help_lines
    with st.sidebar:
        safety.render_sidebar_help(help_lines)
    safety.render_top_line(help_lines)
    st.markdown("### Caseload: every client at once")
    st.caption(
        "For benefits counselors and program staff: one spreadsheet row per client and option, the same fields "
        "as the calculator. Your file is read in this computer's memory and never saved; the results are kept "
        "only while this page is open. " + NOT_ADVICE
    )
    _render_template()
    uploaded = st.file_uploader(
        "2. Upload the filled-in caseload (CSV or Excel)",
        type=["csv", "xlsx"],
        key=UPLOAD_KEY,
        help=f"Up to {UPLOAD_LIMIT_MB} MB here (about 1,500 clients as CSV, several times more as Excel). "
        "For a larger caseload use the command line: python -m calculator caseload clients.csv -o results.csv",
    )
    if uploaded is None:
        st.session_state.pop(RESULT_KEY, None)
        return
    result = _result_for(uploaded)
    if result is not None:
        _render_result(result)


def _render_template() -> None:
    st.markdown(
        "**1. Start from the template.** Its first rows say what each column is, its unit, what is "
        "allowed and what an empty cell means; leave a cell empty to use the typical figure."
    )
    left, middle, right = st.columns(3)
    left.download_button(
        "Template (Excel)", template_xlsx(), "caseload-template.xlsx", XLSX_MEDIA_TYPE, on_click="ignore"
    )
    middle.download_button("Template (CSV)", template_csv(), "caseload-template.csv", "text/csv", on_click="ignore")
    right.download_button(
        "Template with example clients",
        template_xlsx(examples=True),
        "caseload-examples.xlsx",
        XLSX_MEDIA_TYPE,
        on_click="ignore",
    )


def _result_for(uploaded) -> CaseloadResult | None:
    """The caseload's results, computed once per uploaded file (kept for this session only)."""
    kept = st.session_state.get(RESULT_KEY)
    if kept is not None and kept[0] == uploaded.file_id:
        return kept[1]
    try:
        table = read_caseload(uploaded.getvalue(), uploaded.name)
    except SpreadsheetError as exc:
        st.error(f"This file cannot be read: {exc}.")
        return None
    clients = table["client_id"].nunique()
    bar = st.progress(0.0, text=f"Working out {clients:,} clients…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{done:,} of {total:,} clients worked out")

    result = run_caseload(table, progress=progress)
    bar.empty()
    st.session_state[RESULT_KEY] = (uploaded.file_id, result)
    return result


def _render_result(result: CaseloadResult) -> None:
    frame = result.frame
    ok = int((frame["status"] == OK).sum())
    a, b, c = st.columns(3)
    a.metric("Clients", f"{result.clients:,}")
    b.metric("Rows with results", f"{ok:,} of {len(frame):,}")
    c.metric("Rows with a problem", f"{len(result.rows_with_problems):,}")
    if result.rows_with_problems:
        st.warning(
            "Some rows have a mistake. Each is in the results with its problems named (the column, the value and "
            "what is allowed) and no figures; every other row is worked out. Fix them in your spreadsheet and "
            "upload it again."
        )
        problems = frame.loc[frame["status"] != OK, ["row", "client_id", "option", "status", "problems"]]
        st.dataframe(problems, hide_index=True, width="stretch")
    elif ok == len(frame):
        st.success("Every client is worked out.")
    st.markdown(
        "**3. Download the results**: one row per client and option with every cost line, the totals (cash, "
        "including paid time off used, and after tax), the time each option takes and the headline difference."
    )
    left, right = st.columns(2)
    left.download_button(
        "Results (Excel)", results_xlsx(frame), "caseload-results.xlsx", XLSX_MEDIA_TYPE, on_click="ignore"
    )
    right.download_button("Results (CSV)", results_csv(frame), "caseload-results.csv", "text/csv", on_click="ignore")
    shown = [c for c in PREVIEW if c in frame.columns]
    st.caption(f"The first {min(PREVIEW_ROWS, len(frame)):,} rows, a few columns (the download has them all):")
    st.dataframe(_preview(frame[shown].head(PREVIEW_ROWS)), hide_index=True, width="stretch")


def _preview(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["status"] = out["status"].map({OK: "worked out", PROBLEM: "has a problem"}).fillna(out["status"])
    return out
