"""Residential (inpatient) or an Intensive Outpatient Program: what each costs a family.

A thin Streamlit face over the pure model in ``calculator/``: inputs build a Scenario, one seam
runs ``calculator.compare`` (remembered in the session only), and ``ui/`` draws the answer.
Nothing is stored on the server beyond the session. Guided mode asks its questions on the
page; Detailed mode keeps every field in the side panel.

The crisis lines are drawn first, before anything a link, a file or an input can disturb; the
rest of the page is drawn under a guard, so whatever goes wrong below leaves them in place.
The answer (headline, cards, first chart) comes before anything slower; the analysis is worked
out after the whole page has been drawn (``ui.analysis``).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from calculator import Scenario, questions_to_ask
from ui import guided, inputs, janitor, lang, model, nav, results, safety, share
from ui import state as S
from ui.analysis import FULL_RUN, render_analysis
from ui.lang import _
from ui.report import build_pdf, report_data

st.set_page_config(page_title="Residential or IOP: what it costs your family", page_icon="🧭", layout="wide")


def crisis_lines():
    """The language, then the help lines at the top of the page and of the side panel."""
    lang.init()
    help_lines = model.assumptions().help_lines
    lang.render_page_language()
    with st.sidebar:
        nav.render_pages()
        safety.render_sidebar_help(help_lines)
    safety.render_top_line(help_lines)
    return help_lines


def comparison_for(built: S.Built):
    """The comparison of the inputs, else of the last valid inputs; and the problems to show."""
    comparison, problems = model.run(built.scenario, built.key) if built.scenario else (None, built.problems)
    stale = comparison is None
    if not stale:
        st.session_state["ui.last_valid"] = built.key
    elif st.session_state.get("ui.last_valid"):
        last = st.session_state["ui.last_valid"]
        comparison, _problems = model.run(Scenario.model_validate_json(last), last)
    return comparison, problems, stale


def switches() -> None:
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


def problems_box(problems) -> None:
    """What needs a change, each beside its field's name; changed figures that cannot be used
    can be cleared from here in either mode."""
    st.error(
        _("**Some inputs need a change** (marked beside each one):")
        + "\n\n"
        + "\n".join(
            f"- {safety.md(inputs.label_for(p.field))}: {safety.md(inputs.problem_text(p.field, p.message))}"
            for p in problems
        )
    )
    changed = S.override_keys_in(problems)
    if changed:
        st.button(
            _("Use the library's figures instead of these changes"),
            key="ui.clear_overrides",
            on_click=S.clear_overrides,
            args=(changed,),
        )


def page(help_lines) -> None:
    w = lang.here()
    S.init_state()
    share.age_notice()
    share.restore_from_link()
    S.follow_stages(lang.current())
    built = S.build()
    comparison, problems, stale = comparison_for(built)
    shown_problems = S.Built(None, problems) if problems else built
    detailed = st.session_state[S.MODE] == S.DETAILED
    typical = None
    if comparison is not None and not stale:
        typical = results.remembered(comparison, "typical", lambda: inputs.typical_figures(comparison))
    with st.sidebar:
        if detailed:
            inputs.render_inputs(shown_problems, typical)
        else:
            st.caption(_("The questions are on the page. Switch to Detailed for every figure."))
        st.divider()
        share.render_upload()
    switches()
    st.markdown("# " + _("Residential or IOP: what each option costs your family"))
    st.caption(w.not_advice() + " " + _("Nothing you enter is saved."))
    share.render_notice()
    safety.render_safety(help_lines)
    if not detailed:
        if comparison is not None and not stale:
            results.render_in_short(comparison)
        inputs.set_typical(typical)
        guided.render(shown_problems)
    else:
        st.caption(_("Change the figures in the side panel (the » button at the top left on a phone)."))
    if stale:
        problems_box(problems)
        if comparison is None:
            return
        st.info(_("The results below are for your **last valid inputs**. They will update once the inputs are fixed."))
    the_answer(comparison, help_lines, w)


def the_answer(comparison, help_lines, w) -> None:
    """The answer first; then the detail; the analysis last (worked out after the page)."""
    results.render_answer(comparison)
    results.render_warnings(comparison)

    def pdf() -> bytes:
        asked = questions_to_ask(comparison.scenario, model.assumptions(), comparison.reasons)
        return build_pdf(report_data(comparison, help_lines, safety.ticked(), dt.date.today(), asked, w))

    share.render_share(comparison.scenario, pdf)
    results.render_costs(comparison)
    results.render_weekly(comparison)
    results.render_week(comparison)
    results.render_family(comparison)
    results.render_questions(comparison, model.assumptions())
    st.header(_("How sure is this answer?"))
    render_analysis(comparison.scenario, comparison=comparison)
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


help_lines = crisis_lines()
janitor.register()
st.session_state[FULL_RUN] = True
try:
    page(help_lines)
except Exception as exc:  # whatever fails below the help lines, they stay on the page
    model.log.error("the page failed: %s", type(exc).__name__)
    share.forget_link()
    st.error(
        _(
            "Something went wrong on this page. The help lines above still work. Reload the page to start again; "
            "nothing you entered was saved."
        )
    )
finally:
    st.session_state[FULL_RUN] = False
