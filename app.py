"""Residential (inpatient) or an Intensive Outpatient Program: what each costs a family.

A thin Streamlit face over the pure model in ``calculator/``: inputs build a Scenario, one
cached seam runs ``calculator.compare``, and ``ui/`` draws the answer. Nothing is stored.
Guided mode asks its questions on the page; Detailed mode keeps every field in the side panel.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculator import Scenario, questions_to_ask
from ui import guided, inputs, lang, model, nav, results, safety, share
from ui import state as S
from ui.analysis import render_analysis
from ui.lang import _
from ui.report import build_pdf, report_data

st.set_page_config(page_title="Residential or IOP: what it costs your family", page_icon="🧭", layout="wide")

# ---- state: language, defaults, then a shared link (before any widget is drawn) --------------
lang.init()
S.init_state()
share.restore_from_link()
S.follow_stages(lang.current())
w = lang.here()
help_lines = model.assumptions().help_lines
built = S.build()
lang.render_page_language()

# ---- the model, through its one cached seam; on a problem, the last valid result -------------
comparison, problems = model.run(built.scenario) if built.scenario else (None, built.problems)
stale = comparison is None
if not stale:
    st.session_state["ui.last_valid"] = built.scenario.model_dump_json()
elif st.session_state.get("ui.last_valid"):
    comparison, _problems = model.run(Scenario.model_validate_json(st.session_state["ui.last_valid"]))
shown_problems = S.Built(None, problems) if problems else built
detailed = st.session_state[S.MODE] == S.DETAILED
typical = inputs.typical_figures(comparison.assumptions_used) if comparison is not None and not stale else None

# ---- sidebar: help lines, then (Detailed) every input ----------------------------------------
with st.sidebar:
    nav.render_pages()
    safety.render_sidebar_help(help_lines)
    if detailed:
        inputs.render_inputs(shown_problems, typical)
    else:
        st.caption(_("The questions are on the page. Switch to Detailed for every figure."))
    st.divider()
    share.render_upload()

# ---- main: help line, language and detail, title, safety, the questions, the answer ----------
safety.render_top_line(help_lines)
switch_lang, switch_mode = st.columns(2)
with switch_lang:
    lang.render_switch()
with switch_mode:
    st.radio(
        _("How much detail?"),
        (S.GUIDED, S.DETAILED),
        key=S.MODE,
        format_func=lambda m: _(S.MODE_LABELS[m]),
        horizontal=True,
        help=_(
            "Guided asks a few plain questions on this page. Detailed puts every field in the side panel: plan "
            "terms, authorization, leave, disability, visits and the assumptions behind the figures."
        ),
    )
st.markdown("# " + _("Residential or IOP: what each option costs your family"))
st.caption(w.not_advice() + " " + _("Nothing you enter is saved."))
share.render_notice()
ticked = safety.render_checklist()
if ticked:
    safety.render_caution(ticked, help_lines)
if not detailed:
    inputs.set_typical(typical)
    guided.render(shown_problems)
else:
    st.caption(_("Change the figures in the side panel (the » button at the top left on a phone)."))

if stale:
    st.error(
        _("**Some inputs need a change** (marked beside each one):")
        + "\n\n"
        + "\n".join(
            f"- {safety.md(inputs.label_for(p.field))}: {safety.md(inputs.problem_text(p.field, p.message))}"
            for p in problems
        )
    )
    if comparison is None:
        st.stop()
    st.info(_("The results below are for your **last valid inputs**. They will update once the inputs are fixed."))

results.render_answer(comparison)
results.render_warnings(comparison)


def _pdf() -> bytes:
    asked = questions_to_ask(comparison.scenario, model.assumptions(), comparison.reasons)
    return build_pdf(report_data(comparison, help_lines, ticked, dt.date.today(), asked, w))


share.render_share(comparison.scenario, _pdf)

# ---- the detail --------------------------------------------------------------------------
results.render_costs(comparison)
results.render_weekly(comparison)
results.render_week(comparison)
results.render_family(comparison)
results.render_questions(comparison, model.assumptions())

st.header(_("How sure is this answer?"))
try:
    render_analysis(comparison.scenario, comparison=comparison)
except Exception as exc:  # the basic answer above must survive a failure here
    model.log.error("render_analysis failed: %s", type(exc).__name__)
    st.caption(_("The ranges could not be worked out for this scenario."))

results.render_details(comparison, model.assumptions())

st.header(_("Beyond money"))
safety.render_fit_and_tradeoffs()
st.divider()
st.caption(
    w.not_advice()
    + " "
    + _(
        "Figures left empty come from a sourced library of typical US figures (version {version}); ask the "
        "program and the insurer for their own numbers."
    ).format(version=comparison.assumptions_version)
)
