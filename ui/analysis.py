"""The decision-analysis section: how sure the answer is, what drives it, where it flips.

``render_analysis(scenario)`` draws the section; the app calls it after the basic answer has
rendered, so the answer never waits for the simulation. The numbers come from
:func:`calculator.analysis.analyse` through one cached seam keyed by the scenario's JSON.
Charts fit the column at any width (names above bars, no facets of fixed width; see
:mod:`ui.charts`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from calculator import Comparison, Scenario, dump_scenario, parse_scenario
from calculator.analysis import DEFAULT_DRAWS, DEFAULT_SEED, Analysis, analyse, longest_days
from ui.safety import md

from .charts import BAR, LABEL, OKABE_ITO, OPTION_COLOURS, TEXT, fit_height, row_domain, row_key, row_y
from .lang import _, here

LOW_COLOUR, HIGH_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
LINE_COLOUR, NOW_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
TORNADO_BARS = 10
#: Draws x days the page spends on the uncertainty run before it uses fewer draws.
APP_DRAW_DAYS = 1_500_000
METRICS = ("family_total", "out_of_pocket")
LOW_SLOT, HIGH_SLOT = "1 low", "2 high"


def recommended_draws(scenario: Scenario, budget_draw_days: int = APP_DRAW_DAYS) -> int:
    """Draws for the page: 10,000 for any usual pathway, fewer (not under 1,000) for pathways of
    many months, so the page stays responsive; the page says how many it used."""
    return int(min(DEFAULT_DRAWS, max(1_000, budget_draw_days // max(1, longest_days(scenario)))))


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def cached_analysis(scenario_json: str, n_draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Analysis:
    """:func:`calculator.analysis.analyse` on a scenario given as JSON text (the cache key)."""
    return analyse(parse_scenario(scenario_json, format="json"), n=n_draws, seed=seed)


def render_analysis(
    scenario: Scenario, *, n_draws: int | None = None, seed: int = DEFAULT_SEED, comparison: Comparison | None = None
) -> None:
    """Draw the uncertainty bands, the drivers and the break-even curves for ``scenario``.

    ``n_draws`` defaults to 10,000, fewer for pathways of many months (see
    :func:`recommended_draws`). ``comparison``: the page's answer, so the section can say when
    that answer sits outside the middle of the plausible range.
    """
    n = n_draws if n_draws is not None else recommended_draws(scenario)
    _section(dump_scenario(scenario, format="json"), n, seed, comparison)


@st.fragment
def _section(scenario_json: str, n_draws: int, seed: int, comparison: Comparison | None) -> None:
    # The page draws the section heading ("How sure is this answer?") itself.
    with st.spinner(_("Running {n} plausible cases…").format(n=here().count(n_draws))):
        result = cached_analysis(scenario_json, n_draws, seed)
    _render_bands(result, n_draws, comparison)
    _render_tornado(result)
    _render_break_even(result)


def _metric_label(metric: str) -> str:
    return here().component(metric)


# ---- ranges ---------------------------------------------------------------------------------


def _render_bands(result: Analysis, n_draws: int, comparison: Comparison | None) -> None:
    w = here()
    u = result.uncertainty
    st.subheader(_("The range of plausible costs"))
    st.markdown(md(w.uncertainty(u)))
    if comparison is not None:
        for sentence in w.point_vs_range(comparison, u):
            st.info(md(sentence))
    name, p = u.likely_cheaper()
    st.markdown(
        "**" + md(_("{name} costs your family less {cases}").format(name=name, cases=w.share_of_cases(p))) + "**"
    )
    st.caption(
        _(
            "{n} simulated cases. Every figure you entered is held fixed; each figure the calculator filled in "
            "from its library ({k} of them) varies between its low and high values. Bars run from the 10th to "
            "the 90th percentile; the tick is the median."
        ).format(n=w.count(n_draws), k=len(u.varied_keys))
    )
    st.altair_chart(_bands_chart(u), width="stretch")
    table = pd.DataFrame(
        {
            _("Option"): u.bands["option"],
            _("Total"): u.bands["metric"].map(_metric_label),
            _("Low (10th percentile)"): u.bands["p10_usd"].map(w.money),
            _("Median"): u.bands["p50_usd"].map(w.money),
            _("High (90th percentile)"): u.bands["p90_usd"].map(w.money),
            _("Cheaper in"): [
                w.percent(u.probability_cheaper[m][o])
                for o, m in zip(u.bands["option"], u.bands["metric"], strict=True)
            ],
        }
    )
    st.table(table.set_index(_("Option")))


def _bands_chart(u) -> alt.LayerChart:
    w = here()
    bands = u.bands.copy()
    bands["row"] = [f"{_metric_label(m)}: {o}" for m, o in zip(bands["metric"], bands["option"], strict=True)]
    bands["label"] = [
        _("{row}: {lo} to {hi}").format(row=r, lo=w.money(lo), hi=w.money(hi))
        for r, lo, hi in zip(bands["row"], bands["p10_usd"], bands["p90_usd"], strict=True)
    ]
    order = [f"{_metric_label(m)}: {o}" for m in METRICS for o in u.option_names]
    domain = row_domain(order)
    names = list(u.option_names)
    base = alt.Chart(bands.assign(ykey=row_key(bands["row"], BAR))).encode(
        y=row_y(domain),
        color=alt.Color("option:N", scale=alt.Scale(domain=names, range=OPTION_COLOURS[: len(names)]), legend=None),
        tooltip=[
            alt.Tooltip("row:N", title=_("Total")),
            alt.Tooltip("p10_usd:Q", title=_("Low (10th percentile)"), format="$,.0f"),
            alt.Tooltip("p50_usd:Q", title=_("Median"), format="$,.0f"),
            alt.Tooltip("p90_usd:Q", title=_("High (90th percentile)"), format="$,.0f"),
        ],
    )
    bars = base.mark_bar(opacity=0.8).encode(
        x=alt.X("p10_usd:Q", title=_("Cost to the family (USD)"), axis=alt.Axis(format="$,.0f", tickCount=4)),
        x2="p90_usd:Q",
    )
    tick = base.mark_tick(thickness=3, color="black", aria=False).encode(x="p50_usd:Q")
    labels = (
        alt.Chart(bands.assign(ykey=row_key(bands["row"], LABEL)))
        .mark_text(align="left", baseline="middle", fontSize=12, color=TEXT, aria=False)
        .encode(x=alt.value(0), y=row_y(domain), text="label:N")
    )
    name, p = u.likely_cheaper()
    description = _("{name} costs your family less {cases}").format(name=name, cases=w.share_of_cases(p))
    return alt.layer(bars, tick, labels).properties(height=fit_height(len(domain)), description=description)


# ---- drivers --------------------------------------------------------------------------------


def _render_tornado(result: Analysis) -> None:
    w = here()
    st.subheader(_("What drives the difference"))
    st.markdown(md(w.drivers(result.tornado)))
    frame = result.tornado
    moving = frame[frame["swing_usd"] >= 0.5].head(TORNADO_BARS)
    if moving.empty:
        st.info(_("Every figure is fixed or moves the difference by less than a dollar."))
        return
    first, second = frame.attrs.get("option_names", (_("the first option"), _("the second option")))
    base = frame.attrs.get("baseline_difference_usd", 0.0)
    top = moving.iloc[0]
    title = _("{label} moves the gap most ({amount})").format(
        label=w.figure_label(top["label"]), amount=w.money(top["swing_usd"])
    )
    st.markdown(f"**{md(title)}**")
    st.caption(
        _(
            "Each figure is set to its low value (blue) and its high value (orange), with everything else as "
            "entered. A bar shows how far that moves the gap between the options ({second} minus {first}, now "
            "{base}): right of zero the gap grows, left of zero it shrinks."
        ).format(second=second, first=first, base=w.money(base))
    )
    st.altair_chart(_tornado_chart(moving, title), width="stretch")
    st.table(
        pd.DataFrame(
            {
                _("Figure"): moving["label"].map(w.figure_label),
                _("Low"): moving["low"].map(lambda v: w.number(v, 3)),
                _("High"): moving["high"].map(lambda v: w.number(v, 3)),
                _("Unit"): moving["unit"].map(w.unit),
                _("Difference at low"): moving["diff_at_low_usd"].map(w.money),
                _("Difference at high"): moving["diff_at_high_usd"].map(w.money),
                _("Swing"): moving["swing_usd"].map(w.money),
            }
        ).set_index(_("Figure"))
    )


def _tornado_chart(moving: pd.DataFrame, description: str) -> alt.LayerChart:
    w = here()
    at_low, at_high = _("at its low"), _("at its high")
    labels = moving["label"].map(w.figure_label)
    long = pd.concat(
        [
            moving.assign(end=at_low, slot=LOW_SLOT, change_usd=moving["change_at_low_usd"], value=moving["low"]),
            moving.assign(end=at_high, slot=HIGH_SLOT, change_usd=moving["change_at_high_usd"], value=moving["high"]),
        ]
    ).assign(name=lambda d: d["label"].map(w.figure_label), unit_text=lambda d: d["unit"].map(w.unit))
    long["ykey"] = long["name"] + "\u2063" + long["slot"]
    order = list(labels)
    domain = row_domain(order, (LABEL, LOW_SLOT, HIGH_SLOT))
    bars = (
        alt.Chart(long)
        .mark_bar(opacity=0.9)
        .encode(
            y=row_y(domain),
            x=alt.X(
                "change_usd:Q",
                title=_("How much the gap changes (USD)"),
                axis=alt.Axis(format="$,.0f", tickCount=4),
            ),
            color=alt.Color(
                "end:N",
                scale=alt.Scale(domain=[at_low, at_high], range=[LOW_COLOUR, HIGH_COLOUR]),
                legend=alt.Legend(orient="bottom", title=None, columns=2, labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=_("Figure")),
                alt.Tooltip("end:N", title=_("Set")),
                alt.Tooltip("value:Q", title=_("Value")),
                alt.Tooltip("unit_text:N", title=_("Unit")),
                alt.Tooltip("change_usd:Q", title=_("Change in the difference"), format="$,.0f"),
            ],
        )
    )
    names = pd.DataFrame({"name": order})
    text = (
        alt.Chart(names.assign(ykey=row_key(names["name"], LABEL)))
        .mark_text(align="left", baseline="middle", fontSize=12, color=TEXT, aria=False)
        .encode(x=alt.value(0), y=row_y(domain), text="name:N")
    )
    zero = alt.Chart().mark_rule(color="#555555", aria=False).encode(x=alt.datum(0))
    return alt.layer(bars, text, zero).properties(
        height=fit_height(len(domain), legend_rows=1), description=description
    )


# ---- break-even ------------------------------------------------------------------------------


def _render_break_even(result: Analysis) -> None:
    w = here()
    st.subheader(_("Where the answer flips"))
    curves = result.break_even
    if not curves:
        st.info(_("This scenario has no inputs to test for a break-even point."))
        return
    flips = [b for b in curves if b.crossing is not None]
    first, second = curves[0].option_names
    title = w.break_even(flips[0]).rstrip(".") if flips else _("No input flips the answer within its plausible range")
    st.markdown(f"**{md(title)}**")
    for b in curves:
        st.markdown(f"- {md(w.break_even(b))}")
    st.caption(
        _(
            "Each small chart moves one input with everything else as entered. The line is what {second} costs "
            "your family minus what {first} costs: below the black zero line {second} costs less, above it {first} "
            "does. The dashed line is your current value."
        ).format(first=first, second=second)
    )
    cols = st.columns(3)
    for i, b in enumerate(curves):
        with cols[i % 3]:
            st.vega_lite_chart(_break_even_chart(b), width="stretch")
    st.table(
        pd.DataFrame(
            {
                _("Input"): [w.break_even_label(b) for b in curves],
                _("Unit"): [w.unit(b.unit) for b in curves],
                _("Now"): [w.number(b.current, 2) for b in curves],
                _("Break-even"): [_("no crossing") if b.crossing is None else w.number(b.crossing, 2) for b in curves],
                _("Difference now"): [w.money(b.current_difference_usd) for b in curves],
            }
        ).set_index(_("Input"))
    )


def _break_even_chart(b) -> dict:
    """One break-even curve as a Vega-Lite spec, written out directly: nine of these are drawn on
    every rerun, and building them through altair's ``to_dict`` took about 80 ms each (most of
    the page's rerun time), against microseconds here."""
    w = here()
    label = f"{w.break_even_label(b)} ({w.unit(b.unit)})"
    values = [{"value": float(v), "difference_usd": float(d)} for v, d in zip(b.values, b.differences_usd, strict=True)]
    line = {
        "mark": {"type": "line", "color": LINE_COLOUR, "point": {"size": 12, "color": LINE_COLOUR}},
        "encoding": {
            "x": {"field": "value", "type": "quantitative", "title": label, "axis": {"tickCount": 4, "titleLimit": 0}},
            "y": {
                "field": "difference_usd",
                "type": "quantitative",
                "title": None,
                "axis": {"format": "$,.0f", "tickCount": 4},
            },
            "tooltip": [
                {"field": "value", "type": "quantitative", "title": _("Value"), "format": ",.2f"},
                {"field": "difference_usd", "type": "quantitative", "title": _("Difference"), "format": "$,.0f"},
            ],
        },
    }
    zero = {"mark": {"type": "rule", "color": "black", "aria": False}, "encoding": {"y": {"datum": 0}}}
    now = {
        "mark": {"type": "rule", "color": NOW_COLOUR, "strokeDash": [4, 3], "aria": False},
        "encoding": {"x": {"datum": float(b.current), "type": "quantitative"}},
    }
    return {
        "description": w.break_even(b),
        "height": 200,
        "data": {"values": values},
        "layer": [line, zero, now],
    }
