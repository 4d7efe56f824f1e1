"""Altair charts built from a :class:`calculator.Comparison` (pure: no Streamlit).

Every chart fits the column it is drawn in, from a 390 px phone to a wide screen: its width is
the container's (``st.altair_chart(width="stretch")``), names sit on their own line above each
bar instead of in a left-hand axis that would squeeze the bars, and legends list their entries
one or two to a row so none is cut off. The finding a chart shows is written as text above it
by the page (it wraps, and a screen reader reads it); the chart's ``description`` is its
accessible name. Colours are the Okabe-Ito palette (safe for the common kinds of colour
blindness); every mark has a tooltip.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from calculator import Comparison
from calculator.engine import COMPONENTS

from .words import EN, Words

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
COMPONENT_COLOURS = dict(
    zip(COMPONENTS, [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple")], strict=True)
)
OPTION_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple")]
OPTION_DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]]
ACTIVITIES = ("treatment", "travel", "work", "rest")
ACTIVITY_COLOURS = dict(
    zip(ACTIVITIES, [OKABE_ITO["blue"], OKABE_ITO["sky"], OKABE_ITO["orange"], "#D9D9D9"], strict=True)
)
HOURS_IN_WEEK = 168
#: Rows of a bar with its name above it: the name's line, then the bar (the y-offset slots).
LABEL, BAR = "0 label", "1 bar"
#: Pixels for one line of a chart (a bar, or the name above it); for the x axis with its title;
#: for one row of legend entries.
LINE_PX, AXIS_PX, LEGEND_ROW_PX = 24, 56, 20
ROW_PX = 2 * LINE_PX
TEXT = "#333333"  # 12.6:1 on white


def _legend(columns: int = 1, **kw) -> alt.Legend:
    """A legend under the chart, ``columns`` entries to a row, each label shown in full."""
    return alt.Legend(orient="bottom", title=None, columns=columns, labelLimit=0, labelFontSize=12, **kw)


def fit_height(lines: int, legend_rows: int = 0) -> int:
    """A chart's whole height [px]: Streamlit fits axes and legend inside the height it is given
    (autosize "fit"), so the plot gets ``LINE_PX`` per line only if they are added on top."""
    return LINE_PX * lines + AXIS_PX + LEGEND_ROW_PX * legend_rows


def row_domain(order: list[str], slots: tuple[str, ...] = (LABEL, BAR)) -> list[str]:
    """The y categories: for each row, a line for its name, then one per bar (in ``slots``)."""
    return [f"{name}\u2063{slot}" for name in order for slot in slots]


def row_key(names: pd.Series, slot: str) -> pd.Series:
    return names.astype(str) + "\u2063" + slot


def row_y(domain: list[str]) -> alt.Y:
    """A band per line, no axis: names are drawn as text on their own line above the bars."""
    return alt.Y("ykey:N", sort=domain, scale=alt.Scale(domain=domain, paddingInner=0.1), title=None, axis=None)


def _row_labels(data: pd.DataFrame, field: str, domain: list[str], text: str) -> alt.Chart:
    """The text line above each bar, flush with the plot's left edge."""
    return (
        alt.Chart(data.assign(ykey=row_key(data[field], LABEL)))
        .mark_text(align="left", baseline="middle", fontSize=13, fontWeight="bold", color=TEXT, aria=False)
        .encode(x=alt.value(0), y=row_y(domain), text=f"{text}:N")
    )


def cost_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Long table: option, component label, amount [USD] (components add up to family_total)."""
    rows = []
    for o in comparison.options:
        for c in COMPONENTS:
            rows.append(
                {
                    "Option": o.name,
                    "Component": w.component(c),
                    "Amount": o.totals[c],
                    "Total": o.totals["family_total"],
                }
            )
    return pd.DataFrame(rows)


def cost_title(comparison: Comparison, w: Words = EN) -> str:
    a, b = comparison.options[0], comparison.options[1]
    diff = comparison.difference("family_total")
    if abs(diff) < 0.5:
        return w.gettext("{a} and {b} cost your family about the same").format(a=a.name, b=b.name)
    cheaper, dearer = (b, a) if diff < 0 else (a, b)
    return w.gettext("{cheaper} costs your family {amount} less than {dearer}").format(
        cheaper=cheaper.name, amount=w.money(abs(diff)), dearer=dearer.name
    )


def cost_bars(comparison: Comparison, w: Words = EN) -> alt.LayerChart:
    """Stacked bars by component for each option, its name and total on the line above."""
    _ = w.gettext
    data = cost_table(comparison, w)
    # A credit (the food not bought at home) is drawn left of zero.
    data = data[data["Amount"] != 0].copy()
    data["Amount text"] = data["Amount"].map(w.money)
    data["order"] = data["Component"].map({w.component(c): i for i, c in enumerate(COMPONENTS)})
    order = [o.name for o in comparison.options]
    totals = pd.DataFrame({"Option": order})
    totals["Label"] = [
        _("{name}: {total}").format(name=o.name, total=w.money(o.totals["family_total"])) for o in comparison.options
    ]
    components = [w.component(c) for c in COMPONENTS]
    domain = row_domain(order)
    bars = (
        alt.Chart(data.assign(ykey=row_key(data["Option"], BAR)))
        .mark_bar()
        .encode(
            y=row_y(domain),
            x=alt.X("sum(Amount):Q", title=_("Cost to your family (USD)"), axis=alt.Axis(format="$,.0f", tickCount=4)),
            color=alt.Color(
                "Component:N",
                scale=alt.Scale(domain=components, range=[COMPONENT_COLOURS[c] for c in COMPONENTS]),
                legend=_legend(2),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("Option:N", title=_("Option")),
                alt.Tooltip("Component:N", title=_("Cost")),
                alt.Tooltip("Amount text:N", title=_("Amount")),
            ],
        )
    )
    return alt.layer(bars, _row_labels(totals, "Option", domain, "Label")).properties(
        height=fit_height(len(domain), legend_rows=3), description=cost_title(comparison, w)
    )


def cumulative_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Week by week, per option: cumulative family total and out of pocket [USD]."""
    _ = w.gettext
    frames = []
    for o in comparison.options:
        weekly = o.weekly.frame()
        frames.append(
            pd.DataFrame(
                {
                    _("Option"): o.name,
                    _("Week"): weekly["week"].astype(int),
                    _("Week starting"): pd.to_datetime(weekly["week_start"]),
                    _("This week"): weekly["family_total"],
                    _("Total so far"): weekly["cumulative_family_total"],
                    _("Out of pocket so far"): weekly["cumulative_out_of_pocket"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def plan_year_renewals(comparison: Comparison) -> list[dt.date]:
    """Plan-year renewal dates that fall inside the longest option (the deductible starts over)."""
    ins = comparison.scenario.insurance
    start = comparison.scenario.start_date
    end = start + dt.timedelta(days=int(max(o.logistics["days"] for o in comparison.options)))
    out = []
    for year in range(start.year, end.year + 1):
        d = dt.date(year, ins.plan_year_renews_month, ins.plan_year_renews_day)
        if start < d <= end:
            out.append(d)
    return out


def cumulative_title(comparison: Comparison, w: Words = EN) -> str:
    _ = w.gettext
    a, b = comparison.names[0], comparison.names[1]
    running = {o.name: o.weekly.cumulative("family_total") for o in comparison.options}
    weeks = max(len(v) for v in running.values())

    def at(name: str, week: int) -> float:
        values = running[name]
        return float(values[min(week, len(values) - 1)]) if len(values) else 0.0

    sign = [0 if abs(at(b, k) - at(a, k)) < 0.5 else (1 if at(b, k) > at(a, k) else -1) for k in range(weeks)]
    changes = [k + 1 for k in range(1, weeks) if sign[k - 1] and sign[k] and sign[k - 1] != sign[k]]
    end = comparison.difference("family_total")
    dearer = b if end > 0 else a
    text = (
        _("By the end, {name} has cost {amount} more").format(name=dearer, amount=w.money(abs(end)))
        if abs(end) >= 0.5
        else _("By the end, both have cost about the same")
    )
    if changes:
        text += _("; the lines cross in week {week}").format(week=changes[0])
    return text


def cumulative_lines(comparison: Comparison, w: Words = EN) -> alt.LayerChart:
    """Running total week by week; a plan-year renewal (deductible starts over) is marked."""
    _ = w.gettext
    rows = []
    for o in comparison.options:
        weekly = o.weekly.frame()
        rows.append({"Option": o.name, "Week": 0, "Week ending": comparison.scenario.start_date, "Total so far": 0.0})
        for _i, r in weekly.iterrows():
            ending = pd.Timestamp(r["week_start"]) + pd.Timedelta(days=7)
            rows.append(
                {
                    "Option": o.name,
                    "Week": int(r["week"]),
                    "Week ending": ending.date(),
                    "Total so far": float(r["cumulative_family_total"]),
                }
            )
    data = pd.DataFrame(rows)
    data["Week ending"] = pd.to_datetime(data["Week ending"])
    data["Total text"] = data["Total so far"].map(w.money)
    data["Date text"] = data["Week ending"].map(lambda d: w.date(d.date()))
    names = comparison.names
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("Week ending:T", title=None, axis=alt.Axis(format="%b %d", labelAngle=0, tickCount=4)),
            y=alt.Y("Total so far:Q", title=None, axis=alt.Axis(format="$,.0f", tickCount=5)),
            color=alt.Color(
                "Option:N", scale=alt.Scale(domain=names, range=OPTION_COLOURS[: len(names)]), legend=_legend(1)
            ),
            strokeDash=alt.StrokeDash(
                "Option:N", scale=alt.Scale(domain=names, range=OPTION_DASHES[: len(names)]), legend=None
            ),
            tooltip=[
                alt.Tooltip("Option:N", title=_("Option")),
                alt.Tooltip("Week:Q", title=_("Week")),
                alt.Tooltip("Date text:N", title=_("Week ending")),
                alt.Tooltip("Total text:N", title=_("Total so far")),
            ],
        )
    )
    layers = [lines]
    renewals = plan_year_renewals(comparison)
    if renewals:
        marks = pd.DataFrame({"date": pd.to_datetime(renewals), "label": _("Plan year renews: deductible starts over")})
        layers.append(
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 4], color="#555555", aria=False)
            .encode(x="date:T", tooltip=[alt.Tooltip("label:N", title=_("Plan year"))])
        )
    return alt.layer(*layers).properties(
        height=260 + LEGEND_ROW_PX * len(comparison.options), description=cumulative_title(comparison, w)
    )


def week_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Hours in an average week of each stage: treatment, travel, work, the rest."""
    _ = w.gettext
    labels = activity_labels(w)
    rows = []
    for o in comparison.options:
        for s in o.stages:
            treat, travel, work = s.treatment_hours_per_week, s.travel_hours_per_week, s.work_hours_kept_per_week
            rest = max(0.0, HOURS_IN_WEEK - treat - travel - work)
            stage = w.stage(s.stage, s.level)
            rows.append(
                {
                    _("Option"): o.name,
                    _("Stage"): stage,
                    "Row": f"{o.name} · {stage}" if len(o.stages) > 1 else o.name,
                    labels["treatment"]: treat,
                    labels["travel"]: travel,
                    labels["work"]: work,
                    labels["rest"]: rest,
                    _("Nights away"): s.nights_away,
                    _("Sleeps"): w.sleeps(s.sleeps),
                    _("Weeks"): s.weeks,
                    "sleeps_code": s.sleeps,
                }
            )
    return pd.DataFrame(rows)


def activity_labels(w: Words = EN) -> dict[str, str]:
    _ = w.gettext
    return {
        "treatment": _("In treatment or at the program"),
        "travel": _("Travelling to sessions"),
        "work": _("At work"),
        "rest": _("Rest of the week (home, sleep, family)"),
    }


def week_title(comparison: Comparison, w: Words = EN) -> str:
    _ = w.gettext
    table = week_table(comparison, w)
    labels = activity_labels(w)
    firsts = table.groupby(_("Option"), sort=False).first()
    parts = []
    for name, row in firsts.iterrows():
        if row["sleeps_code"] == "program":
            parts.append(_("{name}: away from home all week").format(name=name))
        else:
            parts.append(
                _("{name}: {treatment} h of treatment, {work} h of work").format(
                    name=name, treatment=w.count(row[labels["treatment"]]), work=w.count(row[labels["work"]])
                )
            )
    return "; ".join(parts)


def week_bars(comparison: Comparison, w: Words = EN) -> alt.LayerChart:
    _ = w.gettext
    table = week_table(comparison, w)
    labels = activity_labels(w)
    activities = [labels[a] for a in ACTIVITIES]
    long = table.rename(columns={_("Weeks"): "Weeks", _("Sleeps"): "Sleeps"}).melt(
        id_vars=["Row", "Sleeps", "Weeks"], value_vars=activities, var_name="Activity", value_name="Hours"
    )
    long["order"] = long["Activity"].map({a: i for i, a in enumerate(activities)})
    order = list(table["Row"])
    domain = row_domain(order)
    bars = (
        alt.Chart(long.assign(ykey=row_key(long["Row"], BAR)))
        .mark_bar()
        .encode(
            y=row_y(domain),
            x=alt.X(
                "Hours:Q",
                title=_("Hours in a 168-hour week"),
                scale=alt.Scale(domain=[0, HOURS_IN_WEEK]),
                axis=alt.Axis(values=[0, 24, 48, 72, 96, 120, 144, 168]),
            ),
            color=alt.Color(
                "Activity:N",
                scale=alt.Scale(domain=activities, range=[ACTIVITY_COLOURS[a] for a in ACTIVITIES]),
                legend=_legend(1),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("Row:N", title=_("Option and stage")),
                alt.Tooltip("Activity:N", title=_("Activity")),
                alt.Tooltip("Hours:Q", title=_("Hours"), format=".1f"),
                alt.Tooltip("Sleeps:N", title=_("Patient sleeps")),
                alt.Tooltip("Weeks:Q", title=_("Weeks"), format=".1f"),
            ],
        )
    )
    names = pd.DataFrame({"Row": order})
    return alt.layer(bars, _row_labels(names, "Row", domain, "Row")).properties(
        height=fit_height(len(domain), legend_rows=4), description=week_title(comparison, w)
    )
