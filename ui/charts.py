"""Charts built from a :class:`calculator.Comparison` as Vega-Lite specifications (pure: no Streamlit).

Each chart is written out as the plain Vega-Lite dictionary the browser draws, with its rows
inline in each layer: building the same charts through altair objects (and its JSON-schema
validation on every rerun) took most of a rerun's time. ``tests/test_charts.py`` validates every
specification against the Vega-Lite schema altair ships, so the check is made once, in the
suite, rather than on every rerun.

Every chart fits the column it is drawn in, from a 390 px phone to a wide screen: its width is
the container's (``st.vega_lite_chart(width="stretch")``), names sit on their own line above each
bar instead of in a left-hand axis that would squeeze the bars, and legends list their entries
one or two to a row so none is cut off. The finding a chart shows is written as text above it
by the page (it wraps, and a screen reader reads it); the chart's ``description`` is its
accessible name. Colours are the Okabe-Ito palette (safe for the common kinds of colour
blindness); every mark has a tooltip.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from calculator import Comparison
from calculator.engine import COMPONENTS

from .words import EN, Words

if TYPE_CHECKING:
    import pandas as pd

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


#: The row of a chart's data: field name -> value (plain JSON types only).
Row = dict[str, Any]


def legend(columns: int = 1) -> dict[str, Any]:
    """A legend under the chart, ``columns`` entries to a row, each label shown in full."""
    return {"orient": "bottom", "title": None, "columns": columns, "labelLimit": 0, "labelFontSize": 12}


def fit_height(lines: int, legend_rows: int = 0) -> int:
    """A chart's whole height [px]: Streamlit fits axes and legend inside the height it is given
    (autosize "fit"), so the plot gets ``LINE_PX`` per line only if they are added on top."""
    return LINE_PX * lines + AXIS_PX + LEGEND_ROW_PX * legend_rows


def row_domain(order: list[str], slots: tuple[str, ...] = (LABEL, BAR)) -> list[str]:
    """The y categories: for each row, a line for its name, then one per bar (in ``slots``)."""
    return [row_key(name, slot) for name in order for slot in slots]


def row_key(name: str, slot: str) -> str:
    return f"{name}\u2063{slot}"


def row_y(domain: list[str]) -> dict[str, Any]:
    """A band per line, no axis: names are drawn as text on their own line above the bars."""
    return {
        "field": "ykey",
        "type": "nominal",
        "sort": domain,
        "scale": {"domain": domain, "paddingInner": 0.1},
        "title": None,
        "axis": None,
    }


def tip(field: str, title: str, kind: str = "nominal", fmt: str | None = None) -> dict[str, Any]:
    """One tooltip line."""
    out = {"field": field, "type": kind, "title": title}
    if fmt:
        out["format"] = fmt
    return out


def layer(rows: list[Row], mark: dict[str, Any], encoding: dict[str, Any]) -> dict[str, Any]:
    """One layer with its own rows: inline data stays in the specification, so nothing is
    converted to a table on the way to the browser."""
    return {"data": {"values": rows}, "mark": mark, "encoding": encoding}


def chart(layers: list[dict[str, Any]], height: int, description: str) -> dict[str, Any]:
    """A layered Vega-Lite specification; ``description`` is the chart's accessible name."""
    return {"description": description, "height": height, "layer": layers}


def row_labels(rows: list[Row], text_field: str, domain: list[str], size: int = 13) -> dict[str, Any]:
    """The text line above each bar, flush with the plot's left edge (``rows`` carry ``ykey``)."""
    mark = {"type": "text", "align": "left", "baseline": "middle", "fontSize": size, "color": TEXT, "aria": False}
    if size == 13:
        mark["fontWeight"] = "bold"
    return layer(rows, mark, {"x": {"value": 0}, "y": row_y(domain), "text": {"field": text_field, "type": "nominal"}})


def _colour(field: str, domain: list[str], colours: list[str], columns: int | None = 1) -> dict[str, Any]:
    scale = {"domain": domain, "range": colours}
    return {"field": field, "type": "nominal", "scale": scale, "legend": None if columns is None else legend(columns)}


def cost_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Long table: option, component label, amount [USD] (components add up to family_total)."""
    import pandas as pd

    rows = [
        {"Option": o.name, "Component": w.component(c), "Amount": o.totals[c], "Total": o.totals["family_total"]}
        for o in comparison.options
        for c in COMPONENTS
    ]
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


def cost_bars(comparison: Comparison, w: Words = EN) -> dict[str, Any]:
    """Stacked bars by component for each option, its name and total on the line above."""
    _ = w.gettext
    order = [o.name for o in comparison.options]
    domain = row_domain(order)
    # A credit (the food not bought at home) is drawn left of zero; a zero draws nothing.
    bars = [
        {
            "Option": o.name,
            "Component": w.component(c),
            "Amount": o.totals[c],
            "Amount text": w.money(o.totals[c]),
            "order": i,
            "ykey": row_key(o.name, BAR),
        }
        for o in comparison.options
        for i, c in enumerate(COMPONENTS)
        if o.totals[c] != 0
    ]
    labels = [
        {
            "Label": _("{name}: {total}").format(name=o.name, total=w.money(o.totals["family_total"])),
            "ykey": row_key(o.name, LABEL),
        }
        for o in comparison.options
    ]
    encoding = {
        "y": row_y(domain),
        "x": {
            "field": "Amount",
            "aggregate": "sum",
            "type": "quantitative",
            "title": _("Cost to your family (USD)"),
            "axis": {"format": "$,.0f", "tickCount": 4},
        },
        "color": _colour("Component", [w.component(c) for c in COMPONENTS], list(COMPONENT_COLOURS.values()), 2),
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [tip("Option", _("Option")), tip("Component", _("Cost")), tip("Amount text", _("Amount"))],
    }
    return chart(
        [layer(bars, {"type": "bar"}, encoding), row_labels(labels, "Label", domain)],
        fit_height(len(domain), legend_rows=3),
        cost_title(comparison, w),
    )


def cumulative_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Week by week, per option: cumulative family total and out of pocket [USD]."""
    import pandas as pd

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


def _local_time(d: dt.date) -> str:
    """A date as Vega reads local midnight (a bare ``YYYY-MM-DD`` would be read as UTC)."""
    return f"{d.isoformat()}T00:00:00"


def _running_rows(comparison: Comparison, w: Words) -> list[Row]:
    rows = []
    start = comparison.scenario.start_date
    for o in comparison.options:
        totals = [0.0, *(float(x) for x in o.weekly.cumulative("family_total"))]
        endings = [start, *(d + dt.timedelta(days=7) for d in o.weekly.week_start)]
        rows += [
            {
                "Option": o.name,
                "Week": week,
                "Week ending": _local_time(ending),
                "Total so far": total,
                "Total text": w.money(total),
                "Date text": w.date(ending),
            }
            for week, (ending, total) in enumerate(zip(endings, totals, strict=True))
        ]
    return rows


def cumulative_lines(comparison: Comparison, w: Words = EN) -> dict[str, Any]:
    """Running total week by week; a plan-year renewal (deductible starts over) is marked."""
    _ = w.gettext
    names = comparison.names
    encoding = {
        "x": {
            "field": "Week ending",
            "type": "temporal",
            "title": None,
            "axis": {"format": "%b %d", "labelAngle": 0, "tickCount": 4},
        },
        "y": {
            "field": "Total so far",
            "type": "quantitative",
            "title": None,
            "axis": {"format": "$,.0f", "tickCount": 5},
        },
        "color": _colour("Option", names, OPTION_COLOURS[: len(names)]),
        "strokeDash": _colour("Option", names, OPTION_DASHES[: len(names)], columns=None),
        "tooltip": [
            tip("Option", _("Option")),
            tip("Week", _("Week"), "quantitative"),
            tip("Date text", _("Week ending")),
            tip("Total text", _("Total so far")),
        ],
    }
    layers = [layer(_running_rows(comparison, w), {"type": "line", "point": True, "strokeWidth": 2.5}, encoding)]
    renewals = plan_year_renewals(comparison)
    if renewals:
        marks = [{"date": _local_time(d), "label": _("Plan year renews: deductible starts over")} for d in renewals]
        rule = {"type": "rule", "strokeDash": [4, 4], "color": "#555555", "aria": False}
        layers.append(
            layer(marks, rule, {"x": {"field": "date", "type": "temporal"}, "tooltip": [tip("label", _("Plan year"))]})
        )
    return chart(layers, 260 + LEGEND_ROW_PX * len(names), cumulative_title(comparison, w))


def week_rows(comparison: Comparison, w: Words = EN) -> list[Row]:
    """Hours in an average week of each stage (treatment, travel, work, the rest), one row per
    stage, keyed by activity code; ``Row`` names the bar (the option, and its stage if several)."""
    rows = []
    for o in comparison.options:
        for s in o.stages:
            treat, travel, work = s.treatment_hours_per_week, s.travel_hours_per_week, s.work_hours_kept_per_week
            stage = w.stage(s.stage, s.level)
            rows.append(
                {
                    "option": o.name,
                    "stage": stage,
                    "Row": f"{o.name} · {stage}" if len(o.stages) > 1 else o.name,
                    "treatment": treat,
                    "travel": travel,
                    "work": work,
                    "rest": max(0.0, HOURS_IN_WEEK - treat - travel - work),
                    "nights_away": s.nights_away,
                    "sleeps": w.sleeps(s.sleeps),
                    "weeks": s.weeks,
                    "sleeps_code": s.sleeps,
                }
            )
    return rows


def week_table(comparison: Comparison, w: Words = EN) -> pd.DataFrame:
    """Hours in an average week of each stage, as a table for people (the chart's numbers)."""
    import pandas as pd

    _ = w.gettext
    labels = activity_labels(w)
    return pd.DataFrame(
        [
            {
                _("Option"): r["option"],
                _("Stage"): r["stage"],
                **{labels[a]: r[a] for a in ACTIVITIES},
                _("Nights away"): r["nights_away"],
                _("Sleeps"): r["sleeps"],
                _("Weeks"): r["weeks"],
            }
            for r in week_rows(comparison, w)
        ]
    )


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
    first: dict[str, Row] = {}
    for r in week_rows(comparison, w):
        first.setdefault(r["option"], r)
    parts = []
    for name, row in first.items():
        if row["sleeps_code"] == "program":
            parts.append(_("{name}: away from home all week").format(name=name))
        else:
            parts.append(
                _("{name}: {treatment} h of treatment, {work} h of work").format(
                    name=name, treatment=w.count(row["treatment"]), work=w.count(row["work"])
                )
            )
    return "; ".join(parts)


def week_bars(comparison: Comparison, w: Words = EN) -> dict[str, Any]:
    _ = w.gettext
    rows = week_rows(comparison, w)
    labels = activity_labels(w)
    order = [r["Row"] for r in rows]
    domain = row_domain(order)
    bars = [
        {
            "Row": r["Row"],
            "Sleeps": r["sleeps"],
            "Weeks": r["weeks"],
            "Activity": labels[a],
            "Hours": r[a],
            "order": i,
            "ykey": row_key(r["Row"], BAR),
        }
        for i, a in enumerate(ACTIVITIES)
        for r in rows
    ]
    encoding = {
        "y": row_y(domain),
        "x": {
            "field": "Hours",
            "type": "quantitative",
            "title": _("Hours in a 168-hour week"),
            "scale": {"domain": [0, HOURS_IN_WEEK]},
            "axis": {"values": [0, 24, 48, 72, 96, 120, 144, 168]},
        },
        "color": _colour("Activity", [labels[a] for a in ACTIVITIES], [ACTIVITY_COLOURS[a] for a in ACTIVITIES]),
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [
            tip("Row", _("Option and stage")),
            tip("Activity", _("Activity")),
            tip("Hours", _("Hours"), "quantitative", ".1f"),
            tip("Sleeps", _("Patient sleeps")),
            tip("Weeks", _("Weeks"), "quantitative", ".1f"),
        ],
    }
    names = [{"Row": name, "ykey": row_key(name, LABEL)} for name in order]
    return chart(
        [layer(bars, {"type": "bar"}, encoding), row_labels(names, "Row", domain)],
        fit_height(len(domain), legend_rows=4),
        week_title(comparison, w),
    )
