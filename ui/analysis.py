"""The decision-analysis section: how sure the answer is, what drives it, where it flips.

``render_analysis(scenario)`` draws the section; the app calls it after the basic answer has
rendered, so the answer never waits for the simulation. The numbers come from
:func:`calculator.analysis.analyse` through one cached seam keyed by the scenario's JSON.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from calculator import Scenario, dump_scenario, parse_scenario
from calculator.analysis import DEFAULT_DRAWS, DEFAULT_SEED, Analysis, analyse, longest_days
from calculator.money import usd
from ui.safety import md

from .charts import OKABE_ITO, OPTION_COLOURS
from .words import EN

LOW_COLOUR, HIGH_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
LINE_COLOUR, NOW_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
TORNADO_BARS = 10
#: Draws x days the page spends on the uncertainty run before it uses fewer draws.
APP_DRAW_DAYS = 1_500_000
METRIC_LABELS = {"family_total": EN.component("family_total"), "out_of_pocket": EN.component("out_of_pocket")}


def recommended_draws(scenario: Scenario, budget_draw_days: int = APP_DRAW_DAYS) -> int:
    """Draws for the page: 10,000 for any usual pathway, fewer (not under 1,000) for pathways of
    many months, so the page stays responsive; the page says how many it used."""
    return int(min(DEFAULT_DRAWS, max(1_000, budget_draw_days // max(1, longest_days(scenario)))))


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def cached_analysis(scenario_json: str, n_draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Analysis:
    """:func:`calculator.analysis.analyse` on a scenario given as JSON text (the cache key)."""
    return analyse(parse_scenario(scenario_json, format="json"), n=n_draws, seed=seed)


def render_analysis(scenario: Scenario, *, n_draws: int | None = None, seed: int = DEFAULT_SEED) -> None:
    """Draw the uncertainty bands, the drivers and the break-even curves for ``scenario``.

    ``n_draws`` defaults to 10,000, fewer for pathways of many months (see
    :func:`calculator.analysis.recommended_draws`).
    """
    n = n_draws if n_draws is not None else recommended_draws(scenario)
    _section(dump_scenario(scenario, format="json"), n, seed)


@st.fragment
def _section(scenario_json: str, n_draws: int, seed: int) -> None:
    # The page draws the section heading ("How sure is this answer?") itself.
    with st.spinner(f"Running {n_draws:,} plausible cases…"):
        result = cached_analysis(scenario_json, n_draws, seed)
    _render_bands(result, n_draws)
    _render_tornado(result)
    _render_break_even(result)


# ---- ranges ---------------------------------------------------------------------------------


def _render_bands(result: Analysis, n_draws: int) -> None:
    u = result.uncertainty
    st.subheader("The range of plausible costs")
    st.markdown(md(EN.uncertainty(u)))
    st.caption(
        f"{n_draws:,} simulated cases. Every figure you entered is held fixed; each figure the "
        f"calculator filled in from its library ({len(u.varied_keys)} of them) varies between its "
        "low and high values. Bars run from the 10th to the 90th percentile; the tick is the median."
    )
    bands = u.bands.assign(what=u.bands["metric"].map(METRIC_LABELS))
    name, p = u.likely_cheaper()
    share = "all" if p >= 1 else "over 99%" if p > 0.99 else f"{p:.0%}"
    title = f"{name} costs your family less in {share} of plausible cases"
    base = alt.Chart().encode(
        y=alt.Y("option:N", title=None, sort=list(u.option_names)),
        color=alt.Color(
            "option:N",
            scale=alt.Scale(domain=list(u.option_names), range=OPTION_COLOURS[: len(u.option_names)]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("option:N", title="Option"),
            alt.Tooltip("what:N", title="Total"),
            alt.Tooltip("p10_usd:Q", title="P10", format="$,.0f"),
            alt.Tooltip("p50_usd:Q", title="Median", format="$,.0f"),
            alt.Tooltip("p90_usd:Q", title="P90", format="$,.0f"),
        ],
    )
    bars = base.mark_bar(size=18, opacity=0.75).encode(
        x=alt.X("p10_usd:Q", title="Cost to the family (USD)", axis=alt.Axis(format="$,.0f")), x2="p90_usd:Q"
    )
    tick = base.mark_tick(thickness=3, size=26, color="black").encode(x="p50_usd:Q")
    chart = (
        alt.layer(bars, tick, data=bands)
        .properties(height=40 * len(u.option_names), width=560)
        .facet(row=alt.Row("what:N", title=None, sort=[METRIC_LABELS[m] for m in METRIC_LABELS]))
        .properties(title=title)
    )
    # Full width for the chart (its title states the finding), the same numbers just below.
    st.altair_chart(chart, width="content")
    table = pd.DataFrame(
        {
            "Option": bands["option"],
            "Total": bands["what"],
            "P10": bands["p10_usd"].map(usd),
            "Median": bands["p50_usd"].map(usd),
            "P90": bands["p90_usd"].map(usd),
            "Cheaper in": [
                f"{u.probability_cheaper[m][o]:.0%}" for o, m in zip(bands["option"], bands["metric"], strict=True)
            ],
        }
    )
    st.dataframe(table, hide_index=True)


# ---- drivers --------------------------------------------------------------------------------


def _render_tornado(result: Analysis) -> None:
    st.subheader("What drives the difference")
    st.markdown(md(EN.drivers(result.tornado)))
    frame = result.tornado
    moving = frame[frame["swing_usd"] >= 0.5].head(TORNADO_BARS)
    if moving.empty:
        st.info("Every figure is fixed or moves the difference by less than a dollar.")
        return
    first, second = frame.attrs.get("option_names", ("the first option", "the second option"))
    base = frame.attrs.get("baseline_difference_usd", 0.0)
    long = pd.concat(
        [
            moving.assign(end="at its low", change_usd=moving["change_at_low_usd"], value=moving["low"]),
            moving.assign(end="at its high", change_usd=moving["change_at_high_usd"], value=moving["high"]),
        ]
    )[["label", "end", "change_usd", "value", "unit"]]
    top = moving.iloc[0]
    chart = (
        alt.Chart(long)
        .mark_bar(opacity=0.9)
        .encode(
            y=alt.Y("label:N", sort=list(moving["label"]), title=None, axis=alt.Axis(labelLimit=280)),
            x=alt.X(
                "change_usd:Q",
                title=f"Change in ({second} − {first}) from {usd(base)} (USD)",
                axis=alt.Axis(format="$,.0f"),
            ),
            color=alt.Color(
                "end:N",
                scale=alt.Scale(domain=["at its low", "at its high"], range=[LOW_COLOUR, HIGH_COLOUR]),
                title="Figure",
                legend=alt.Legend(orient="bottom"),
            ),
            yOffset=alt.YOffset("end:N", sort=["at its low", "at its high"]),
            tooltip=[
                alt.Tooltip("label:N", title="Figure"),
                alt.Tooltip("end:N", title="Set"),
                alt.Tooltip("value:Q", title="Value"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("change_usd:Q", title="Change in the difference", format="$,.0f"),
            ],
        )
        .properties(title=f"{top['label']} moves the gap most ({usd(top['swing_usd'])})", height=alt.Step(13))
    )
    st.altair_chart(chart, width="stretch")
    st.dataframe(
        pd.DataFrame(
            {
                "Figure": moving["label"],
                "Low": moving["low"],
                "High": moving["high"],
                "Unit": moving["unit"],
                "Difference at low": moving["diff_at_low_usd"].map(usd),
                "Difference at high": moving["diff_at_high_usd"].map(usd),
                "Swing": moving["swing_usd"].map(usd),
            }
        ),
        hide_index=True,
    )


# ---- break-even ------------------------------------------------------------------------------


def _render_break_even(result: Analysis) -> None:
    st.subheader("Where the answer flips")
    curves = result.break_even
    if not curves:
        st.info("This scenario has no inputs to test for a break-even point.")
        return
    flips = [b for b in curves if b.crossing is not None]
    first, second = curves[0].option_names
    title = EN.break_even(flips[0]).rstrip(".") if flips else "No input flips the answer within its plausible range"
    for b in curves:
        st.markdown(f"- {md(EN.break_even(b))}")
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "input": f"{EN.break_even_label(b)} ({b.unit})",
                    "value": b.values,
                    "difference_usd": b.differences_usd,
                    "current": b.current,
                }
            )
            for b in curves
        ],
        ignore_index=True,
    )
    line = (
        alt.Chart()
        .mark_line(color=LINE_COLOUR, point=alt.OverlayMarkDef(size=12, color=LINE_COLOUR))
        .encode(
            x=alt.X("value:Q", title=None),
            y=alt.Y("difference_usd:Q", title=f"{second} − {first} (USD)", axis=alt.Axis(format="$,.0f")),
            tooltip=[
                alt.Tooltip("input:N", title="Input"),
                alt.Tooltip("value:Q", title="Value", format=",.2f"),
                alt.Tooltip("difference_usd:Q", title="Difference", format="$,.0f"),
            ],
        )
    )
    zero = alt.Chart().mark_rule(color="black").encode(y=alt.datum(0))
    now = alt.Chart().mark_rule(color=NOW_COLOUR, strokeDash=[4, 3]).encode(x="mean(current):Q")
    chart = (
        alt.layer(line, zero, now, data=data)
        .properties(width=170, height=140)
        .facet(
            facet=alt.Facet("input:N", title=None, sort=[f"{EN.break_even_label(b)} ({b.unit})" for b in curves]),
            columns=3,
        )
        .resolve_scale(x="independent", y="independent")
        .properties(title=title)
    )
    st.altair_chart(chart, width="content")
    st.caption(
        f"Each panel moves one input with everything else as entered; below the black line {second} "
        f"costs your family less, above it {first} does. The dashed line is your current value."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Input": [EN.break_even_label(b) for b in curves],
                "Unit": [b.unit for b in curves],
                "Now": [round(b.current, 2) for b in curves],
                "Break-even": [None if b.crossing is None else round(b.crossing, 2) for b in curves],
                "Difference now": [usd(b.current_difference_usd) for b in curves],
            }
        ),
        hide_index=True,
    )
