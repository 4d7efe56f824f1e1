"""Residential (inpatient) or an Intensive Outpatient Program: what each costs a family.

A thin Streamlit face over the pure model in ``calculator/``: inputs build a Scenario, one
cached seam runs ``calculator.compare``, and ``ui/`` draws the answer. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculator import Scenario, questions_to_ask
from ui import inputs, model, results, safety, share
from ui import state as S
from ui.analysis import render_analysis
from ui.report import build_pdf, report_data

st.set_page_config(page_title="Residential or IOP: what it costs your family", page_icon="🧭", layout="wide")

# ---- state: defaults, then a shared link (before any widget is drawn) -----------------------
S.init_state()
share.restore_from_link()
help_lines = model.assumptions().help_lines
built = S.build()

# ---- the model, through its one cached seam; on a problem, the last valid result -------------
comparison, problems = model.run(built.scenario) if built.scenario else (None, built.problems)
stale = comparison is None
if not stale:
    st.session_state["ui.last_valid"] = built.scenario.model_dump_json()
elif st.session_state.get("ui.last_valid"):
    comparison, _ = model.run(Scenario.model_validate_json(st.session_state["ui.last_valid"]))
shown_problems = S.Built(None, problems) if problems else built

# ---- sidebar: help lines, then the inputs ---------------------------------------------------
with st.sidebar:
    safety.render_sidebar_help(help_lines)
    st.radio(
        "How much detail?",
        (S.GUIDED, S.DETAILED),
        key=S.MODE,
        horizontal=True,
        help="Guided asks a few plain questions. Detailed shows every field: plan terms, authorization, leave, "
        "disability, visits and the assumptions behind the figures.",
    )
    typical = inputs.typical_figures(comparison.assumptions_used) if comparison is not None and not stale else None
    inputs.render_inputs(shown_problems, typical)
    st.divider()
    share.render_upload()

# ---- main: help line, title, safety, the answer ---------------------------------------------
safety.render_top_line(help_lines)
st.markdown("### Residential or IOP: what each option costs your family")
st.caption(
    safety.NOT_ADVICE + " Nothing you enter is saved. Change the figures in the side panel (the » button on a phone)."
)
share.render_notice()
ticked = safety.render_checklist()
if ticked:
    safety.render_caution(ticked, help_lines)

if stale:
    st.error(
        "**Some inputs need a change** (marked in the side panel):\n\n"
        + "\n".join(
            f"- {safety.md(inputs.F.label_for(p.field))}: {safety.md(inputs.problem_text(p.field, p.message))}"
            for p in problems
        )
    )
    if comparison is None:
        st.stop()
    st.info("The results below are for your **last valid inputs**. They will update once the inputs are fixed.")

results.render_answer(comparison)
results.render_warnings(comparison)


def _pdf() -> bytes:
    asked = questions_to_ask(comparison.scenario, model.assumptions(), comparison.reasons)
    return build_pdf(report_data(comparison, help_lines, ticked, dt.date.today(), asked))


share.render_share(comparison.scenario, _pdf)

# ---- the detail --------------------------------------------------------------------------
results.render_costs(comparison)
results.render_weekly(comparison)
results.render_week(comparison)
results.render_family(comparison)
results.render_questions(comparison, model.assumptions())

st.subheader("How sure is this answer?")
try:
    render_analysis(comparison.scenario)
except Exception as exc:  # the basic answer above must survive a failure here
    model.log.error("render_analysis failed: %s", type(exc).__name__)
    st.caption("The ranges could not be worked out for this scenario.")

results.render_details(comparison, model.assumptions())

st.subheader("Beyond money")
safety.render_fit_and_tradeoffs()
st.divider()
st.caption(
    safety.NOT_ADVICE + " Figures left empty come from a sourced library of typical US figures "
    f"(version {comparison.assumptions_version}); ask the program and the insurer for their own numbers."
)
