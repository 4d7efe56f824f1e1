"""The results: the answer in words and numbers first, then charts (each with its table), family
support, and every line of the arithmetic with the assumptions behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import AssumptionSet, Comparison, Question, questions_to_ask
from calculator.money import usd

from . import charts
from .safety import md
from .words import EN

MONEY = st.column_config.NumberColumn(format="dollar")
#: The answer's second row of metrics, beside the cash total (short enough for a card).
AFTER_TAX_LABEL = "After tax (estimate)"
WITH_LEAVE_LABEL = "Including leave used"


def render_answer(comparison: Comparison) -> None:
    """The headline sentence and the totals as metrics (the words and numbers match)."""
    st.markdown(f"#### {md(EN.headline(comparison))}")
    cols = st.columns(len(comparison.options))
    first = comparison.options[0]
    for i, (col, o) in enumerate(zip(cols, comparison.options, strict=True)):
        with col, st.container(border=True):
            st.markdown(f"**{'ABCD'[i]}. {md(o.name)}**")
            a, b = st.columns(2)
            delta_oop = delta_total = None
            if i:
                delta_oop = f"{usd(o.totals['out_of_pocket'] - first.totals['out_of_pocket'])} vs A"
                delta_total = f"{usd(o.totals['family_total'] - first.totals['family_total'])} vs A"
            a.metric(
                "Out of pocket",
                usd(o.totals["out_of_pocket"]),
                delta=delta_oop,
                delta_color="inverse",
                help="Treatment share, lodging, childcare, travel and other costs you pay.",
            )
            b.metric(
                "Total cost to your family",
                usd(o.totals["family_total"]),
                delta=delta_total,
                delta_color="inverse",
                help="Out of pocket plus income lost: the cash the family gives up, before tax.",
            )
            a.metric(
                AFTER_TAX_LABEL,
                usd(o.totals["family_total_after_tax"]),
                help=EN.after_tax_note(),
            )
            b.metric(
                WITH_LEAVE_LABEL,
                usd(o.totals["family_total_with_leave"]),
                help="The total cost plus the pay of the paid time off used: leave the family cannot use later.",
            )
            st.caption(
                f"{md(EN.leave_caption(o))} · after tax, including leave used "
                f"{usd(o.totals['family_total_with_leave_after_tax'])} · lost income {usd(o.totals['lost_income'])} · "
                f"insurance pays {usd(o.totals['insurer_paid'])} · {o.logistics['days']:.0f} days"
            )


def render_warnings(comparison: Comparison) -> None:
    if comparison.reasons:
        st.warning("**Worth knowing**\n\n" + "\n".join(f"- {md(EN.reason(r))}" for r in comparison.reasons))


def _chart_with_table(
    chart, table: pd.DataFrame, key: str, column_config: dict | None = None, default: bool = False
) -> None:
    show = st.toggle("Show the numbers as a table", value=default, key=key)
    st.altair_chart(chart, width="stretch")
    if show:
        st.dataframe(table, hide_index=True, column_config=column_config)


def render_costs(comparison: Comparison) -> None:
    st.subheader("Where the money goes")
    summary = comparison.summary()
    summary.index = [EN.component(c) for c in summary.index]
    summary = summary.reset_index(names="")
    cfg = {name: MONEY for name in comparison.names}
    _chart_with_table(charts.cost_bars(comparison), summary, "ui.table.costs", cfg, default=True)
    render_after_tax(comparison)


def render_after_tax(comparison: Comparison) -> None:
    """Before and after tax, side by side for every option, with the plain warning."""
    st.markdown("**Before and after tax**")
    table = comparison.tax_summary()
    shown = pd.DataFrame({"": [EN.component(r) for r in table.index]})
    cfg = {}
    for name, when in table.columns:
        label = f"{name}: {'before tax' if when == 'before_tax' else 'after tax'}"
        shown[label] = table[(name, when)].to_numpy()
        cfg[label] = MONEY
    st.dataframe(shown, hide_index=True, column_config=cfg, key="ui.table.after_tax")
    st.caption(md(EN.after_tax_note()))


def render_weekly(comparison: Comparison) -> None:
    st.subheader("Week by week")
    table = charts.cumulative_table(comparison)
    table["Week starting"] = table["Week starting"].dt.date
    cfg = {c: MONEY for c in ("This week", "Total so far", "Out of pocket so far")}
    _chart_with_table(charts.cumulative_lines(comparison), table, "ui.table.weekly", cfg)
    if charts.plan_year_renewals(comparison):
        st.caption(
            "The dashed line marks the plan-year renewal: the deductible and out-of-pocket maximum start over, so costs can jump that week."
        )


def render_week(comparison: Comparison) -> None:
    st.subheader("A week in each option")
    table = charts.week_table(comparison).drop(columns=["Row"])
    _chart_with_table(charts.week_bars(comparison), table, "ui.table.week")


def render_family(comparison: Comparison) -> None:
    """Nights away, childcare to arrange, work kept, visits, and who carries what."""
    st.subheader("Family support")
    cols = st.columns(len(comparison.options))
    for col, o in zip(cols, comparison.options, strict=True):
        L = o.logistics
        weeks = max(L["weeks"], 1e-9)
        with col, st.container(border=True):
            st.markdown(f"**{md(o.name)}**")
            a, b = st.columns(2)
            a.metric("Nights away from home", f"{L['nights_away']:.0f}")
            b.metric(
                "Childcare to arrange",
                f"{L['childcare_hours'] / weeks:.0f} h/week",
                help="Hours a week no one in the household can cover, on average over the whole option.",
            )
            a.metric("Work hours kept", f"{L['work_hours_kept']:.0f} of {L['work_hours_scheduled']:.0f}")
            b.metric(
                "Family visits", f"{L['visits']:.0f}", help="Visits to a residential program, plus family-program days."
            )
    rows = []
    for o in comparison.options:
        L = o.logistics
        rows += [
            {
                "Option": o.name,
                "Who": "Patient",
                "Carries": "Hours in treatment",
                "Amount": f"{L['treatment_hours']:.0f} h",
            },
            {
                "Option": o.name,
                "Who": "Patient",
                "Carries": "Hours travelling to sessions",
                "Amount": f"{L['patient_travel_hours']:.0f} h",
            },
            {
                "Option": o.name,
                "Who": "Patient",
                "Carries": "Work hours missed (paid time off used)",
                "Amount": f"{L['work_hours_missed']:.0f} h ({L['paid_time_off_hours_used']:.0f} h)",
            },
            {
                "Option": o.name,
                "Who": "Partner or relatives",
                "Carries": "Hours travelling for visits and family days",
                "Amount": f"{L['family_travel_hours']:.0f} h",
            },
            {
                "Option": o.name,
                "Who": "Partner or relatives",
                "Carries": "Hours off work (driving, family program)",
                "Amount": f"{L['partner_hours_off']:.0f} h",
            },
            {
                "Option": o.name,
                "Who": "Partner or relatives",
                "Carries": "Family-program days",
                "Amount": f"{L['family_program_days']:.0f}",
            },
            {
                "Option": o.name,
                "Who": "Paid help",
                "Carries": "Childcare hours to arrange",
                "Amount": f"{L['childcare_hours']:.0f} h ({usd(o.totals['childcare'])})",
            },
        ]
    with st.expander("Who in the household carries what"):
        st.dataframe(pd.DataFrame(rows), hide_index=True)


def render_details(comparison: Comparison, library: AssumptionSet) -> None:
    """Every line's arithmetic per option, then the assumptions used with sources and links."""
    st.subheader("Every line of the arithmetic")
    cfg = {"Amount": MONEY}
    for i, o in enumerate(comparison.options):
        with st.expander(f"{'ABCD'[i]}. {o.name}: how {usd(o.totals['family_total'])} adds up"):
            _render_lines(o, cfg)
    used = comparison.assumptions_used
    with st.expander(
        f"Assumptions used ({len(used)} figures from the library, version {comparison.assumptions_version})"
    ):
        st.caption("Figures the model filled in because the scenario left them empty, with where each comes from.")
        show = [
            c
            for c in (
                "Figure",
                "Typical",
                "Library default",
                "Unit",
                "Low",
                "High",
                "Used for",
                "Reliability",
                "Source",
                "Link",
                "From",
            )
            if c in used.columns
        ]
        st.dataframe(
            used[show], hide_index=True, column_config={"Link": st.column_config.LinkColumn(display_text="source")}
        )
        over = comparison.scenario.assumption_overrides
        if over:
            st.markdown("**Changed for this scenario:** " + "; ".join(f"{md(k)} = {v:g}" for k, v in over.items()))
    render_library(library)


def _render_lines(o, cfg: dict) -> None:
    """One option's lines: counted in the cash total, leave used, the after-tax lines, for information."""
    table = EN.lines_table(o)
    lines = table.assign(Component=table["component"].map(EN.component)).rename(
        columns={"stage": "Stage", "item": "Item", "amount_usd": "Amount", "basis": "How it is worked out"}
    )
    cols = ["Component", "Stage", "Item", "Amount", "How it is worked out"]
    groups = (
        ("family_total", "**Counted in the total** ({amount})"),
        ("family_total_with_leave", "**Paid time off used** ({amount}, counted in the total including leave used)"),
        (
            "family_total_after_tax",
            "**After tax** ({amount} in all, an estimate: negative amounts are taxes the family does not pay)",
        ),
        ("leave_used_after_tax", "**The leave's pay after tax** ({amount})"),
    )
    for code, heading in groups:
        part = lines[lines["counted_in"] == code][cols]
        if len(part):
            st.markdown(heading.format(amount=usd(part["Amount"].sum())))
            st.dataframe(part, hide_index=True, column_config=cfg)
    info = lines[lines["counted_in"] == ""][cols]
    if len(info):
        st.markdown(
            "**For information** (not added again: billed and allowed charges, what insurance paid, wages before "
            "leave, the food credit when not counted)"
        )
        st.dataframe(info, hide_index=True, column_config=cfg)


def render_questions(comparison: Comparison, library: AssumptionSet) -> list[Question]:
    """What to ask, and whom, for every figure the calculator had to fill in."""
    questions = questions_to_ask(comparison.scenario, library, comparison.reasons)
    if not questions:
        return questions
    st.subheader("Questions to ask before you decide")
    st.caption(
        "Each figure you left empty was filled with a typical one. These questions turn it into your own number."
    )
    by_who: dict[str, list[Question]] = {}
    for q in questions:
        by_who.setdefault(EN.who(q.who), []).append(q)
    cols = st.columns(min(3, len(by_who)))
    for i, (who, items) in enumerate(by_who.items()):
        with cols[i % len(cols)]:
            st.markdown(f"**{md(who)}**\n\n" + "\n".join(f"- {md(EN.question(q)[0])}" for q in items), help=None)
    return questions


def render_library(library: AssumptionSet) -> None:
    """Every figure in the library with its range, date, reliability and source link."""
    table = library.table()
    with st.expander(f"Assumptions and sources: all {len(table)} figures (library version {library.version})"):
        st.caption(
            "Every default the calculator can use. Reliability says what kind of source it is: "
            "government, survey, commercial, marketing (a treatment center's own figure) or estimate "
            "(a judgement, with its reasoning in the notes). Override any of them in Detailed mode."
        )
        cols = ["Figure", "Typical", "Low", "High", "Unit", "From", "Reliability", "Source", "Link", "Notes"]
        st.dataframe(
            table[cols],
            hide_index=True,
            key="ui.library_table",
            column_config={"Link": st.column_config.LinkColumn(display_text="source")},
        )
        lines = pd.DataFrame(
            [
                {"Help line": h.label, "Contact": h.contact, "Source": h.source.title, "Link": h.source.url}
                for h in library.help_lines
            ]
        )
        st.dataframe(lines, hide_index=True, column_config={"Link": st.column_config.LinkColumn(display_text="source")})
