"""The results: the answer in words and numbers first, then charts (each with its table on
request), family support, and every line of the arithmetic with the assumptions behind it.

Speed: the answer (headline and cards) is drawn first; each chart's specification is built once
per scenario and language and remembered in the session (:mod:`ui.memo`); each chart section is
a fragment, so showing its table reruns that section alone; tables are drawn only when asked
for; the sections of the arithmetic and the library are expanders whose contents run only while
they are open. Every table can be downloaded as a spreadsheet-safe CSV (:mod:`ui.downloads`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from calculator import AssumptionSet, Comparison, Question, questions_to_ask
from calculator.compare import AFTER_TAX_ROWS, BESIDE
from calculator.engine import COMPONENTS
from calculator.schema import N_

from . import charts, memo
from .downloads import csv_button
from .lang import _, current, here
from .safety import md
from .safety import table as show_table

if TYPE_CHECKING:
    import pandas as pd

#: The answer's second row of metrics, beside the cash total (short enough for a card).
AFTER_TAX_LABEL = N_("After tax (estimate)")
WITH_LEAVE_LABEL = N_("Including leave used")
#: The rows of the costs table: each component, the cash totals, what insurance paid, and the
#: totals beside the cash total (leave used, after tax).
COST_ROWS = (*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid", *BESIDE)


def scenario_key(comparison: Comparison) -> str:
    """What identifies a comparison in the session's memory: its scenario's JSON."""
    return comparison.scenario.model_dump_json()


def remembered(comparison: Comparison, name: str, build: Callable[[], Any]) -> Any:
    """Something built from ``comparison`` once per session and language (a chart's
    specification, the questions to ask), then reused by every rerun."""
    return memo.remember("results", (scenario_key(comparison), current(), name), build, keep=24)


def render_in_short(comparison: Comparison) -> None:
    """Guided mode asks its questions before the answer; the answer so far goes above them, so a
    family sees it on the first screen and watches it move as they answer."""
    w = here()
    st.info(
        "**"
        + _("The answer so far:")
        + "** "
        + md(w.headline(comparison))
        + " "
        + _("The full answer is [below the questions](#answer); each answer you give updates it.")
    )


def render_answer(comparison: Comparison) -> None:
    """The headline sentence and the totals as metrics (the words and numbers match)."""
    w = here()
    st.header(_("Your answer"), anchor="answer")
    st.markdown(f"#### {md(w.headline(comparison))}")
    cols = st.columns(len(comparison.options))
    first = comparison.options[0]
    for i, (col, o) in enumerate(zip(cols, comparison.options, strict=True)):
        with col, st.container(border=True):
            st.markdown(f"**{'ABCD'[i]}. {md(o.name)}**")
            a, b = st.columns(2)
            delta_oop = delta_total = None
            if i:
                versus = _("{amount} vs A")
                delta_oop = versus.format(amount=w.money(o.totals["out_of_pocket"] - first.totals["out_of_pocket"]))
                delta_total = versus.format(amount=w.money(o.totals["family_total"] - first.totals["family_total"]))
            a.metric(
                w.component("out_of_pocket"),
                w.money(o.totals["out_of_pocket"]),
                delta=delta_oop,
                delta_color="inverse",
                help=_("Treatment share, lodging, childcare, travel and other costs you pay."),
            )
            b.metric(
                w.component("family_total"),
                w.money(o.totals["family_total"]),
                delta=delta_total,
                delta_color="inverse",
                help=_("Out of pocket plus income lost: the cash the family gives up, before tax."),
            )
            # A row of its own, so a phone (columns stacked) reads the cash totals first.
            a, b = st.columns(2)
            a.metric(_(AFTER_TAX_LABEL), w.money(o.totals["family_total_after_tax"]), help=w.after_tax_note())
            b.metric(
                _(WITH_LEAVE_LABEL),
                w.money(o.totals["family_total_with_leave"]),
                help=_("The total cost plus the pay of the paid time off used: leave the family cannot use later."),
            )
            st.caption(
                md(w.leave_caption(o))
                + " · "
                + _(
                    "after tax, including leave used {with_leave} · lost income {lost} · insurance pays {insurer} · "
                    "{days} days"
                ).format(
                    with_leave=w.money(o.totals["family_total_with_leave_after_tax"]),
                    lost=w.money(o.totals["lost_income"]),
                    insurer=w.money(o.totals["insurer_paid"]),
                    days=w.count(o.logistics["days"]),
                )
            )


def render_warnings(comparison: Comparison) -> None:
    if comparison.reasons:
        w = here()
        st.warning(
            "**" + _("Worth knowing") + "**\n\n" + "\n".join(f"- {md(text)}" for text in w.reasons(comparison.reasons))
        )


@dataclass(frozen=True)
class ChartSection:
    """A chart, the finding it shows as text above it, and its table on request.

    ``spec`` is the chart's Vega-Lite specification; ``table`` builds the same numbers as a
    table for people; ``toggle`` is the (label, key) of the switch that shows the table, each
    label naming its own chart so a screen reader's list of controls tells them apart;
    ``file_name`` names the table's CSV download.
    """

    title: str
    subtitle: str
    spec: dict[str, Any]
    table: Callable[[], pd.DataFrame]
    toggle: tuple[str, str]
    file_name: str


@st.fragment
def _chart_section(section: ChartSection) -> None:
    """One chart section; switching its table on or off reruns this section alone."""
    st.markdown(f"**{md(section.title)}**")
    st.caption(section.subtitle)
    label, key = section.toggle
    show = st.toggle(label, value=False, key=key)
    st.vega_lite_chart(section.spec, width="stretch")
    if show:
        show_table(section.table())
        csv_button(section.table, section.file_name, key=f"{key}.csv")


def _money_columns(frame: pd.DataFrame, columns) -> pd.DataFrame:
    w = here()
    for c in columns:
        frame[c] = frame[c].map(w.money)
    return frame


def costs_table(comparison: Comparison) -> pd.DataFrame:
    """Components and totals (rows) by option (columns), as money text."""
    import pandas as pd

    w = here()
    frame = pd.DataFrame(
        {_("Cost"): [w.component(r) for r in COST_ROWS]}
        | {o.name: [w.money(o.totals[r]) for r in COST_ROWS] for o in comparison.options}
    )
    return frame.set_index(_("Cost"))


def render_costs(comparison: Comparison) -> None:
    w = here()
    st.header(_("Where the money goes"))
    section = ChartSection(
        title=charts.cost_title(comparison, w),
        subtitle=_("Everything the family gives up: out-of-pocket costs and lost income"),
        spec=remembered(comparison, "cost_bars", lambda: charts.cost_bars(comparison, w)),
        table=lambda: costs_table(comparison),
        toggle=(_("Show the costs as a table"), "ui.table.costs"),
        file_name="costs-by-option.csv",
    )
    _chart_section(section)
    render_after_tax(comparison)


def after_tax_table(comparison: Comparison) -> pd.DataFrame:
    """Before and after tax, side by side for every option, as money text."""
    import pandas as pd

    w = here()
    shown = pd.DataFrame({_("Cost"): [w.component(r) for r in AFTER_TAX_ROWS]})
    for o in comparison.options:
        shown[_("{name}: before tax").format(name=o.name)] = [w.money(o.totals[r]) for r in AFTER_TAX_ROWS]
        shown[_("{name}: after tax").format(name=o.name)] = [
            w.money(o.totals[f"{r}_after_tax"]) for r in AFTER_TAX_ROWS
        ]
    return shown.set_index(_("Cost"))


@st.fragment
def render_after_tax(comparison: Comparison) -> None:
    """Before and after tax, side by side for every option (on request), with the plain warning."""
    w = here()
    st.markdown("**" + _("Before and after tax") + "**")
    st.caption(md(w.after_tax_note()))
    if st.toggle(_("Show before and after tax as a table"), value=False, key="ui.table.after_tax"):
        show_table(after_tax_table(comparison))
        csv_button(lambda: after_tax_table(comparison), "before-and-after-tax.csv", key="ui.table.after_tax.csv")


def weekly_table(comparison: Comparison) -> pd.DataFrame:
    w = here()
    table = charts.cumulative_table(comparison, w)
    table[_("Week starting")] = table[_("Week starting")].map(lambda d: w.date(d.date()))
    return _money_columns(table, (_("This week"), _("Total so far"), _("Out of pocket so far")))


def render_weekly(comparison: Comparison) -> None:
    w = here()
    st.header(_("Week by week"))
    section = ChartSection(
        title=charts.cumulative_title(comparison, w),
        subtitle=_("Running total cost to your family, week by week"),
        spec=remembered(comparison, "cumulative_lines", lambda: charts.cumulative_lines(comparison, w)),
        table=lambda: weekly_table(comparison),
        toggle=(_("Show the week-by-week costs as a table"), "ui.table.weekly"),
        file_name="week-by-week.csv",
    )
    _chart_section(section)
    if charts.plan_year_renewals(comparison):
        st.caption(
            _(
                "The dashed line marks the plan-year renewal: the deductible and out-of-pocket maximum start over, "
                "so costs can jump that week."
            )
        )


def render_week(comparison: Comparison) -> None:
    w = here()
    st.header(_("A week in each option"))
    section = ChartSection(
        title=charts.week_title(comparison, w),
        subtitle=_("An average week of each stage, for the patient"),
        spec=remembered(comparison, "week_bars", lambda: charts.week_bars(comparison, w)),
        table=lambda: charts.week_table(comparison, w),
        toggle=(_("Show the hours of a week as a table"), "ui.table.week"),
        file_name="a-week-in-each-option.csv",
    )
    _chart_section(section)


def childcare_text(comparison: Comparison, o) -> tuple[str, str]:
    """Childcare to arrange as (value, note): hours a week per child when there are several, so
    the figure never reads as more hours than a week has."""
    w = here()
    children = len(comparison.scenario.household.children)
    per_week = o.logistics["childcare_hours"] / max(o.logistics["weeks"], 1e-9)
    if children <= 1:
        return _("{hours} h a week").format(hours=w.count(round(per_week))), ""
    return (
        _("{hours} h a week").format(hours=w.count(round(per_week / children))),
        _("{total} child-hours a week for {n} children").format(total=w.count(round(per_week)), n=children),
    )


def render_family(comparison: Comparison) -> None:
    """Nights away, childcare to arrange, work kept, visits, and who carries what."""
    w = here()
    st.header(_("Family support"))
    cols = st.columns(len(comparison.options))
    h = comparison.scenario.household
    for col, o in zip(cols, comparison.options, strict=True):
        L = o.logistics
        with col, st.container(border=True):
            st.markdown(f"**{md(o.name)}**")
            a, b = st.columns(2)
            a.metric(_("Nights away from home"), w.count(L["nights_away"]))
            value, note = childcare_text(comparison, o)
            b.metric(
                _("Childcare to arrange, per child") if note else _("Childcare to arrange"),
                value,
                help=_("Hours a week no one in the household can cover, on average over the whole option."),
            )
            if note:
                b.caption(note)
            a.metric(
                _("Work hours kept"),
                _("{kept} of {scheduled}").format(
                    kept=w.count(round(L["work_hours_kept"])), scheduled=w.count(round(L["work_hours_scheduled"]))
                ),
            )
            b.metric(
                _("Family visits"),
                w.count(L["visits"]),
                help=_("Visits to a residential program, plus family-program days."),
            )
    if h.children:
        st.caption(
            _(
                "Assumes others look after the children (unpaid): {help}. Change it with the children's questions; "
                "childcare follows."
            ).format(help=w.family_help_text(h))
        )
    _carries(comparison)


@st.fragment
def _carries(comparison: Comparison) -> None:
    box = st.expander(_("Who in the household carries what"), key="ui.open.carries", on_change="rerun")
    with box:
        if box.open:
            show_table(carries_table(comparison))
            csv_button(lambda: carries_table(comparison), "who-carries-what.csv", key="ui.open.carries.csv")


def carries_table(comparison: Comparison) -> pd.DataFrame:
    import pandas as pd

    w = here()
    rows = []
    for o in comparison.options:
        L = o.logistics

        def hours(x: float) -> str:
            return _("{n} h").format(n=w.count(round(x)))

        items = [
            (_("Patient"), _("Hours in treatment"), hours(L["treatment_hours"])),
            (_("Patient"), _("Hours travelling to sessions"), hours(L["patient_travel_hours"])),
            (
                _("Patient"),
                _("Work hours missed (paid time off used)"),
                f"{hours(L['work_hours_missed'])} ({hours(L['paid_time_off_hours_used'])})",
            ),
            (
                _("Partner or relatives"),
                _("Hours travelling for visits and family days"),
                hours(L["family_travel_hours"]),
            ),
            (_("Partner or relatives"), _("Hours off work (driving, family program)"), hours(L["partner_hours_off"])),
            (_("Partner or relatives"), _("Family-program days"), w.count(L["family_program_days"])),
            (
                _("Paid help"),
                _("Childcare hours to arrange"),
                f"{hours(L['childcare_hours'])} ({w.money(o.totals['childcare'])})",
            ),
        ]
        rows += [{_("Option"): o.name, _("Who"): who, _("Carries"): what, _("Amount"): n} for who, what, n in items]
    return pd.DataFrame(rows)


def lines_frame(o) -> pd.DataFrame:
    """An option's lines for people, every column text (a static table wraps long arithmetic)."""
    import pandas as pd

    w = here()
    table = w.lines_table(o)
    # "Stage 1: ..." rather than "1. ...": a static table renders "1. ..." as a numbered list.
    stages = [
        w.stage(None, None)
        if x.stage is None
        else _("Stage {n}: {level}").format(n=x.stage + 1, level=w.level(x.level))
        for x in o.lines
    ]
    return pd.DataFrame(
        {
            _("Component"): table["component"].map(w.component),
            _("Stage"): stages,
            _("Item"): table["item"],
            _("Amount"): table["amount_usd"].map(lambda x: w.money(x, 2)),
            _("How it is worked out"): table["basis"],
            "counted_in": table["counted_in"],
        }
    )


def all_lines_table(comparison: Comparison) -> pd.DataFrame:
    """Every option's lines in one table (the CSV of the arithmetic), amounts as numbers."""
    import pandas as pd

    w = here()
    groups = {code: heading.split(" (")[0] for code, heading in line_groups(w)} | {"": _("For information")}
    frames = []
    for o in comparison.options:
        table = w.lines_table(o)
        frames.append(
            pd.DataFrame(
                {
                    _("Option"): o.name,
                    _("Component"): table["component"].map(w.component),
                    _("Stage"): [x.stage + 1 if x.stage is not None else None for x in o.lines],
                    _("Item"): table["item"],
                    _("Amount (USD)"): table["amount_usd"],
                    _("How it is worked out"): table["basis"],
                    _("Counted in"): table["counted_in"].map(groups),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


@st.fragment
def render_details(comparison: Comparison, library: AssumptionSet) -> None:
    """Every line's arithmetic per option, then the assumptions used with sources and links.
    Each part is an expander whose contents are worked out only while it is open."""
    w = here()
    st.header(_("Every line of the arithmetic"))
    render_plan_terms(comparison)
    for i, o in enumerate(comparison.options):
        title = _("{letter}. {name}: how {total} adds up").format(
            letter="ABCD"[i], name=o.name, total=w.money(o.totals["family_total"])
        )
        box = st.expander(md(title), key=f"ui.open.lines.{i}", on_change="rerun")
        with box:
            if box.open:
                _render_lines(o)
    csv_button(
        lambda: all_lines_table(comparison),
        "every-line-of-the-arithmetic.csv",
        key="ui.lines.csv",
        label=_("Download every line of the arithmetic (CSV)"),
    )
    _used(comparison, library)
    render_library(library)


def _used(comparison: Comparison, library: AssumptionSet) -> None:
    w = here()
    values_used = {(k, d) for k, use in comparison.figures_used.items() for d in use.value_starts}
    label = _("Assumptions used ({n} figures from the library, version {version})").format(
        n=len(values_used), version=comparison.assumptions_version
    )
    box = st.expander(label, key="ui.open.used", on_change="rerun")
    with box:
        if not box.open:
            return
        st.caption(_("Figures the model filled in because the scenario left them empty, with where each comes from."))
        used = used_table(comparison)
        st.dataframe(used, hide_index=True, column_config={_("Link"): st.column_config.LinkColumn(display_text="↗")})
        csv_button(lambda: used_table(comparison), "assumptions-used.csv", key="ui.open.used.csv")
        over = comparison.scenario.assumption_overrides
        if over:
            st.markdown(
                "**"
                + _("Changed for this scenario:")
                + "** "
                + "; ".join(f"{md(w.figure_label(library[k].label))} = {w.number(v, 4)}" for k, v in over.items())
            )


def render_plan_terms(comparison: Comparison) -> None:
    """The payer's terms the comparison used (the same list the PDF and the command line print),
    each typical figure marked, so a counselor can check them against the plan's papers."""
    import pandas as pd

    w = here()
    rows = w.plan_terms(comparison)
    if not rows:
        return
    box = st.expander(
        _("The plan's terms as used ({payer})").format(payer=rows[0][1]), key="ui.open.terms", on_change="rerun"
    )
    with box:
        if box.open:
            show_table(pd.DataFrame(rows[1:] or [rows[0]], columns=[_("Term"), _("Value")]).set_index(_("Term")))


def used_table(comparison: Comparison) -> pd.DataFrame:
    """The library figures the comparison used: value, unit, range, in force from/until, source."""
    import pandas as pd

    w = here()
    used = comparison.assumptions_used
    out = pd.DataFrame(
        {
            _("Figure"): used["Figure"].map(w.figure_label),
            _("Value used"): used["Typical"].map(lambda v: w.number(v, 4)),
            _("Unit"): used["Unit"].map(w.unit),
            _("Low"): used["Low"].map(lambda v: w.number(v, 4)),
            _("High"): used["High"].map(lambda v: w.number(v, 4)),
            _("In force from"): used["From"].map(lambda d: w.date(_as_date(d))),
            _("Reliability"): used["Reliability"].map(w.reliability),
            _("Source"): used["Source"],
            _("Link"): used["Link"],
        }
    )
    if "Until" in used.columns:
        due = used["Until"].map(lambda d: w.date(_as_date(d)) if _as_date(d) else "—")
        out.insert(6, _("Next update due"), due)
    return out


def _as_date(value):
    import datetime as dt

    import pandas as pd

    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def line_groups(w) -> tuple[tuple[str, str], ...]:
    """The totals a line can count in, in print order, each with its heading (``{amount}``: the
    group's sum): the cash total, leave used, the after-tax lines, the tax on the leave's pay."""
    _ = w.gettext
    return (
        ("family_total", _("Counted in the total ({amount})")),
        ("family_total_with_leave", _("Paid time off used ({amount}, counted in the total including leave used)")),
        (
            "family_total_after_tax",
            _("After tax ({amount} in all, an estimate: negative amounts are taxes the family does not pay)"),
        ),
        ("leave_used_after_tax", _("The leave's pay after tax ({amount})")),
    )


def info_heading(w) -> str:
    return w.gettext(
        "For information (not added again: billed and allowed charges, what insurance paid, wages before leave, "
        "the food credit when not counted)"
    )


def _render_lines(o) -> None:
    """One option's lines: counted in the cash total, leave used, the after-tax lines, for information."""
    w = here()
    lines = lines_frame(o)
    for code, heading in line_groups(w):
        part = lines[lines["counted_in"] == code]
        if len(part):
            total = sum(x.amount_usd for x in o.lines if x.counted_in == code)
            st.markdown("**" + md(heading.format(amount=w.money(total, 2))) + "**")
            show_table(part.drop(columns="counted_in").set_index(_("Component")))
    info = lines[lines["counted_in"] == ""]
    if len(info):
        st.markdown("**" + md(info_heading(w)) + "**")
        show_table(info.drop(columns="counted_in").set_index(_("Component")))


def render_questions(comparison: Comparison, library: AssumptionSet) -> list[Question]:
    """What to ask, and whom, for every figure the calculator had to fill in."""
    w = here()
    questions = remembered(
        comparison, "questions", lambda: questions_to_ask(comparison.scenario, library, comparison.reasons)
    )
    if not questions:
        return questions
    st.header(_("Questions to ask before you decide"))
    st.caption(
        _("Each figure you left empty was filled with a typical one. These questions turn it into your own number.")
    )
    by_who: dict[str, list[Question]] = {}
    for q in questions:
        by_who.setdefault(w.who(q.who), []).append(q)
    cols = st.columns(min(3, len(by_who)))
    for i, (who, items) in enumerate(by_who.items()):
        with cols[i % len(cols)]:
            st.markdown(f"**{md(who)}**\n\n" + "\n".join(f"- {md(w.question(q)[0])}" for q in items))
    return questions


def library_table(library: AssumptionSet) -> pd.DataFrame:
    """Every figure in the library with its range, date, reliability, source and link."""
    import pandas as pd

    w = here()
    table = library.table()
    return pd.DataFrame(
        {
            _("Figure"): table["Figure"].map(w.figure_label),
            _("Typical"): table["Typical"],
            _("Low"): table["Low"],
            _("High"): table["High"],
            _("Unit"): table["Unit"].map(w.unit),
            _("From"): table["From"],
            _("Reliability"): table["Reliability"].map(w.reliability),
            _("Source"): table["Source"],
            _("Link"): table["Link"],
            _("Notes"): table["Notes"],
        }
    )


def help_lines_table(library: AssumptionSet) -> pd.DataFrame:
    import pandas as pd

    w = here()
    return pd.DataFrame(
        [
            {_("Help line"): h.in_language(w.lang).label, _("Contact"): h.contact, _("Source"): h.source.title}
            for h in library.help_lines
        ]
    ).set_index(_("Help line"))


def render_library(library: AssumptionSet) -> None:
    """Every figure in the library with its range, date, reliability and source link (worked
    out while the expander is open)."""
    box = st.expander(
        _("Assumptions and sources: all {n} figures (library version {version})").format(
            n=sum(len(f.values) for f in library.figures.values()), version=library.version
        ),
        key="ui.open.library",
        on_change="rerun",
    )
    with box:
        if not box.open:
            return
        st.caption(
            _(
                "Every default the calculator can use. Reliability says what kind of source it is: "
                "government, survey, commercial, marketing (a treatment center's own figure) or estimate "
                "(a judgement, with its reasoning in the notes). Change any of them in Detailed mode."
            )
        )
        st.dataframe(
            library_table(library),
            hide_index=True,
            key="ui.library_table",
            column_config={_("Link"): st.column_config.LinkColumn(display_text="↗")},
        )
        csv_button(lambda: library_table(library), "assumptions-library.csv", key="ui.library_table.csv")
        show_table(help_lines_table(library))
