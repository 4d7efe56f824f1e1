"""Altair charts built from a :class:`calculator.Comparison` (pure: no Streamlit).

Colours are the Okabe-Ito palette (safe for the common kinds of colour blindness); every
chart's title states what it shows, and every mark has a tooltip.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from calculator import Comparison
from calculator.engine import COMPONENTS
from calculator.money import usd

from .words import EN

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
ACTIVITY_COLOURS = {
    "In treatment or at the program": OKABE_ITO["blue"],
    "Travelling to sessions": OKABE_ITO["sky"],
    "At work": OKABE_ITO["orange"],
    "Rest of the week (home, sleep, family)": "#D9D9D9",
}
HOURS_IN_WEEK = 168


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle or "", anchor="start", fontSize=15, subtitleFontSize=12)


def cost_table(comparison: Comparison) -> pd.DataFrame:
    """Long table: option, component label, amount [USD] (components add up to family_total)."""
    rows = []
    for o in comparison.options:
        for c in COMPONENTS:
            rows.append(
                {
                    "Option": o.name,
                    "Component": EN.component(c),
                    "Amount": o.totals[c],
                    "Total": o.totals["family_total"],
                }
            )
    return pd.DataFrame(rows)


def cost_title(comparison: Comparison) -> str:
    a, b = comparison.options[0], comparison.options[1]
    diff = comparison.difference("family_total")
    if abs(diff) < 0.5:
        return f"{a.name} and {b.name} cost your family about the same"
    cheaper, dearer = (b, a) if diff < 0 else (a, b)
    return f"{cheaper.name} costs your family {usd(abs(diff))} less than {dearer.name}"


def cost_bars(comparison: Comparison) -> alt.LayerChart:
    """Stacked bars by component for each option, the total written at the end of each bar."""
    data = cost_table(comparison)
    # A credit (the food not bought at home) is drawn left of zero.
    data = data[data["Amount"] != 0].copy()
    data["Amount text"] = data["Amount"].map(usd)
    data["order"] = data["Component"].map({EN.component(c): i for i, c in enumerate(COMPONENTS)})
    totals = pd.DataFrame(
        {
            "Option": [o.name for o in comparison.options],
            "Total": [o.totals["family_total"] for o in comparison.options],
        }
    )
    totals["Total text"] = totals["Total"].map(lambda x: "Total " + usd(x))
    order = [o.name for o in comparison.options]
    y = alt.Y("Option:N", sort=order, title=None, axis=alt.Axis(labelLimit=220, labelFontSize=12))
    domain = [EN.component(c) for c in COMPONENTS]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("sum(Amount):Q", title="Cost to your family (USD)", axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "Component:N",
                scale=alt.Scale(domain=domain, range=[COMPONENT_COLOURS[c] for c in COMPONENTS]),
                legend=alt.Legend(orient="bottom", title=None, columns=3),
            ),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("Option:N"), alt.Tooltip("Component:N"), alt.Tooltip("Amount text:N", title="Amount")],
        )
    )
    text = (
        alt.Chart(totals)
        .mark_text(align="left", dx=6, fontSize=13, fontWeight="bold")
        .encode(
            y=y,
            x=alt.X("Total:Q"),
            text="Total text:N",
            tooltip=[alt.Tooltip("Option:N"), alt.Tooltip("Total text:N", title="Total")],
        )
    )
    height = 170 + 55 * len(order)
    return (bars + text).properties(
        title=_title(cost_title(comparison), "Everything the family gives up: out-of-pocket costs and lost income"),
        height=height,
    )


def cumulative_table(comparison: Comparison) -> pd.DataFrame:
    """Week by week, per option: cumulative family total and out of pocket [USD]."""
    frames = []
    for o in comparison.options:
        w = o.weekly.frame()
        frames.append(
            pd.DataFrame(
                {
                    "Option": o.name,
                    "Week": w["week"].astype(int),
                    "Week starting": pd.to_datetime(w["week_start"]),
                    "This week": w["family_total"],
                    "Total so far": w["cumulative_family_total"],
                    "Out of pocket so far": w["cumulative_out_of_pocket"],
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


def cumulative_title(comparison: Comparison) -> str:
    table = cumulative_table(comparison)
    wide = table.pivot_table(index="Week", columns="Option", values="Total so far").ffill()
    a, b = comparison.names[0], comparison.names[1]
    gap = (wide[b] - wide[a]).round(2)
    sign = gap.apply(lambda x: 0 if abs(x) < 0.5 else (1 if x > 0 else -1))
    changes = [
        w
        for w, prev, now in zip(sign.index[1:], sign.values[:-1], sign.values[1:], strict=True)
        if prev and now and prev != now
    ]
    end = comparison.difference("family_total")
    dearer = b if end > 0 else a
    text = (
        f"By the end, {dearer} has cost {usd(abs(end))} more"
        if abs(end) >= 0.5
        else "By the end, both have cost about the same"
    )
    if changes:
        text += f"; the lines cross in week {changes[0]}"
    return text


def cumulative_lines(comparison: Comparison) -> alt.LayerChart:
    """Running total week by week; a plan-year renewal (deductible starts over) is marked."""
    data = cumulative_table(comparison)
    start = pd.DataFrame(
        {
            "Option": comparison.names,
            "Week": 0,
            "Week starting": pd.Timestamp(comparison.scenario.start_date),
            "This week": 0.0,
            "Total so far": 0.0,
            "Out of pocket so far": 0.0,
        }
    )
    data = pd.concat([start, data], ignore_index=True)
    data["Week ending"] = data["Week starting"] + pd.Timedelta(days=7)
    data.loc[data["Week"] == 0, "Week ending"] = pd.Timestamp(comparison.scenario.start_date)
    for col in ("This week", "Total so far", "Out of pocket so far"):
        data[col + " text"] = data[col].map(usd)
    names = comparison.names
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("Week ending:T", title=None, axis=alt.Axis(format="%b %d", labelAngle=0)),
            y=alt.Y("Total so far:Q", title="Total so far (USD)", axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "Option:N",
                scale=alt.Scale(domain=names, range=OPTION_COLOURS[: len(names)]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            strokeDash=alt.StrokeDash(
                "Option:N", scale=alt.Scale(domain=names, range=OPTION_DASHES[: len(names)]), legend=None
            ),
            tooltip=[
                alt.Tooltip("Option:N"),
                alt.Tooltip("Week:Q"),
                alt.Tooltip("Week ending:T", format="%b %d, %Y"),
                alt.Tooltip("This week text:N", title="This week"),
                alt.Tooltip("Total so far text:N", title="Total so far"),
                alt.Tooltip("Out of pocket so far text:N", title="Out of pocket so far"),
            ],
        )
    )
    layers = [lines]
    renewals = plan_year_renewals(comparison)
    if renewals:
        marks = pd.DataFrame({"date": pd.to_datetime(renewals), "label": "Plan year renews: deductible starts over"})
        layers.append(
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 4], color="#555")
            .encode(x="date:T", tooltip=[alt.Tooltip("label:N", title="")])
        )
        layers.append(
            alt.Chart(marks)
            .mark_text(align="left", dx=4, dy=-6, color="#333", fontSize=11)
            .encode(x="date:T", y=alt.value(8), text="label:N")
        )
    return alt.layer(*layers).properties(
        title=_title(cumulative_title(comparison), "Running total cost to your family, week by week"), height=300
    )


def week_table(comparison: Comparison) -> pd.DataFrame:
    """Hours in an average week of each stage: treatment, travel, work, the rest."""
    rows = []
    for o in comparison.options:
        for s in o.stages:
            treat, travel, work = s.treatment_hours_per_week, s.travel_hours_per_week, s.work_hours_kept_per_week
            rest = max(0.0, HOURS_IN_WEEK - treat - travel - work)
            stage = EN.stage(s.stage, s.level)
            rows.append(
                {
                    "Option": o.name,
                    "Stage": stage,
                    "Row": f"{o.name} · {stage}" if len(o.stages) > 1 else o.name,
                    "In treatment or at the program": treat,
                    "Travelling to sessions": travel,
                    "At work": work,
                    "Rest of the week (home, sleep, family)": rest,
                    "Nights away": s.nights_away,
                    "Sleeps": EN.sleeps(s.sleeps),
                    "Weeks": s.weeks,
                }
            )
    return pd.DataFrame(rows)


def week_title(comparison: Comparison) -> str:
    table = week_table(comparison)
    firsts = table.groupby("Option", sort=False).first()
    parts = []
    for name, row in firsts.iterrows():
        if row["Sleeps"] == "at the program":
            parts.append(f"{name}: away from home all week")
        else:
            parts.append(
                f"{name}: {row['In treatment or at the program']:g} h of treatment, {row['At work']:g} h of work"
            )
    return "; ".join(parts)


def week_bars(comparison: Comparison) -> alt.Chart:
    table = week_table(comparison)
    activities = list(ACTIVITY_COLOURS)
    long = table.melt(
        id_vars=["Row", "Sleeps", "Nights away", "Weeks"],
        value_vars=activities,
        var_name="Activity",
        value_name="Hours",
    )
    long["order"] = long["Activity"].map({a: i for i, a in enumerate(activities)})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("Row:N", sort=list(table["Row"]), title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("Hours:Q", title="Hours in a 168-hour week", scale=alt.Scale(domain=[0, HOURS_IN_WEEK])),
            color=alt.Color(
                "Activity:N",
                scale=alt.Scale(domain=activities, range=list(ACTIVITY_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title=None, columns=2, labelLimit=320),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("Row:N", title="Option and stage"),
                alt.Tooltip("Activity:N"),
                alt.Tooltip("Hours:Q", format=".1f"),
                alt.Tooltip("Sleeps:N", title="Patient sleeps"),
                alt.Tooltip("Weeks:Q", format=".1f"),
            ],
        )
        .properties(
            title=_title(week_title(comparison), "An average week of each stage, for the patient"),
            height=200 + 50 * len(table),
        )
    )
