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

from . import lang, model, nav, safety
from .lang import _

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
    # The page follows the language chosen on the calculator (kept in the session, or ?lang=es).
    lang.init()
    lang.render_page_language()
    help_lines = model.assumptions().help_lines
    with st.sidebar:
        nav.render_pages()
        lang.render_switch()
        safety.render_sidebar_help(help_lines)
    safety.render_top_line(help_lines)
    st.markdown("### " + _("Caseload: every client at once"))
    st.caption(
        _(
            "For benefits counselors and program staff: one spreadsheet row per client and option, the same "
            "fields as the calculator. Your file is read in this computer's memory and never saved; the results "
            "are kept only while this page is open. The spreadsheet's columns and the problems it names are in "
            "English, so the same file works for every counselor."
        )
        + " "
        + lang.here().not_advice()
    )
    _render_template()
    uploaded = st.file_uploader(
        _("2. Upload the filled-in caseload (CSV or Excel)"),
        type=["csv", "xlsx"],
        key=UPLOAD_KEY,
        help=_(
            "Up to {mb} MB here (about 1,500 clients as CSV, several times more as Excel). For a larger caseload "
            "use the command line: python -m calculator caseload clients.csv -o results.csv"
        ).format(mb=UPLOAD_LIMIT_MB),
    )
    if uploaded is None:
        st.session_state.pop(RESULT_KEY, None)
        return
    result = _result_for(uploaded)
    if result is not None:
        _render_result(result)


def _render_template() -> None:
    st.markdown(
        _(
            "**1. Start from the template.** Its first rows say what each column is, its unit, what is "
            "allowed and what an empty cell means; leave a cell empty to use the typical figure."
        )
    )
    left, middle, right = st.columns(3)
    left.download_button(
        _("Template (Excel)"), template_xlsx(), "caseload-template.xlsx", XLSX_MEDIA_TYPE, on_click="ignore"
    )
    middle.download_button(_("Template (CSV)"), template_csv(), "caseload-template.csv", "text/csv", on_click="ignore")
    right.download_button(
        _("Template with example clients"),
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
        st.error(_("This file cannot be read: {problem}.").format(problem=exc))
        return None
    clients = table["client_id"].nunique()
    w = lang.here()
    bar = st.progress(0.0, text=_("Working out {n} clients…").format(n=w.count(clients)))

    def progress(done: int, total: int) -> None:
        text = _("{done} of {total} clients worked out").format(done=w.count(done), total=w.count(total))
        bar.progress(done / max(total, 1), text=text)

    result = run_caseload(table, progress=progress)
    bar.empty()
    st.session_state[RESULT_KEY] = (uploaded.file_id, result)
    return result


def _render_result(result: CaseloadResult) -> None:
    frame = result.frame
    ok = int((frame["status"] == OK).sum())
    a, b, c = st.columns(3)
    w = lang.here()
    a.metric(_("Clients"), w.count(result.clients))
    b.metric(_("Rows with results"), _("{ok} of {rows}").format(ok=w.count(ok), rows=w.count(len(frame))))
    c.metric(_("Rows with a problem"), w.count(len(result.rows_with_problems)))
    if result.rows_with_problems:
        st.warning(
            _(
                "Some rows have a mistake. Each is in the results with its problems named (the column, the value "
                "and what is allowed) and no figures; every other row is worked out. Fix them in your spreadsheet "
                "and upload it again."
            )
        )
        problems = frame.loc[frame["status"] != OK, ["row", "client_id", "option", "status", "problems"]]
        st.dataframe(_preview(problems), hide_index=True, width="stretch")
    elif ok == len(frame):
        st.success(_("Every client is worked out."))
    st.markdown(
        _(
            "**3. Download the results**: one row per client and option with every cost line, the totals (cash, "
            "including paid time off used, and after tax), the time each option takes and the headline difference."
        )
    )
    left, right = st.columns(2)
    left.download_button(
        _("Results (Excel)"), results_xlsx(frame), "caseload-results.xlsx", XLSX_MEDIA_TYPE, on_click="ignore"
    )
    right.download_button(_("Results (CSV)"), results_csv(frame), "caseload-results.csv", "text/csv", on_click="ignore")
    shown = [c for c in PREVIEW if c in frame.columns]
    shown_rows = w.count(min(PREVIEW_ROWS, len(frame)))
    st.caption(_("The first {n} rows, a few columns (the download has them all):").format(n=shown_rows))
    st.dataframe(_preview(frame[shown].head(PREVIEW_ROWS)), hide_index=True, width="stretch")


def _preview(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["status"] = out["status"].map({OK: _("worked out"), PROBLEM: _("has a problem")}).fillna(out["status"])
    return out
