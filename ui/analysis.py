"""The decision-analysis section: how sure the answer is, what drives it, where it flips.

``render_analysis(scenario)`` draws the section. The simulation never delays the answer: on the
page it starts only after the whole page has been drawn (a fragment the browser reruns a moment
later, :data:`DEFER_S`), and the page shows a short note, with a button to start it at once,
until it is done. The result is remembered in the session (:mod:`ui.memo`), keyed by the
scenario's JSON, so later reruns draw it without working it out again. The page says how many
cases were actually run (the model may run fewer than asked for a pathway of many months).
Charts are Vega-Lite specifications written directly (see :mod:`ui.charts`); each table is on
request, under its chart.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

import streamlit as st

from calculator import Comparison, Scenario, dump_scenario, parse_scenario
from calculator.analysis import DEFAULT_DRAWS, DEFAULT_SEED, Analysis, analyse, longest_days
from ui.safety import md
from ui.safety import table as show_table
from ui.share import RERUN_BY_PAGE

from . import memo
from .charts import (
    BAR,
    LABEL,
    OKABE_ITO,
    OPTION_COLOURS,
    TEXT,
    chart,
    fit_height,
    layer,
    legend,
    row_domain,
    row_key,
    row_y,
    tip,
)
from .lang import _, current, here

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

LOW_COLOUR, HIGH_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
LINE_COLOUR, NOW_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
TORNADO_BARS = 10
#: Draws x days the page spends on the uncertainty run before it uses fewer draws.
APP_DRAW_DAYS = 1_500_000
METRICS = ("family_total", "out_of_pocket")
LOW_SLOT, HIGH_SLOT = "1 low", "2 high"
#: Seconds after the page is drawn before the browser asks for the analysis (its fragment's
#: ``run_every``): the answer is on the screen first, whatever the analysis costs.
DEFER_S = 0.1
#: Session flag: True while the whole page runs (set by app.py), so the deferred fragment
#: knows a call made while the page is drawn from one made by the browser's timer.
FULL_RUN = "ui.full_run"
#: Remembered in place of a result when the analysis failed, so it is not tried again and again.
FAILED = "failed"
NOW_KEY = "ui.analysis.now"
#: Seconds a deferred analysis waits for its turn before it hands its thread back; the browser's
#: timer (:data:`DEFER_S`) then asks again, and a change the person makes meanwhile goes first.
WAIT_TURN_S = 0.25


#: At most two deferred analyses at once in the server process (one per core). Sessions run in
#: threads of one Python process, so twenty analyses at once share one interpreter with every
#: session's answer, and each answer waits behind all of them (scripts/bench_load.py: with 25
#: users the answer's p95 went from 13 s to 4 s, the server's peak memory from 1.9 to 0.8 GB).
#: Not first come, first served: whichever session asks when a slot frees takes it.
ANALYSIS_SLOTS = threading.BoundedSemaphore(2)


def recommended_draws(scenario: Scenario, budget_draw_days: int = APP_DRAW_DAYS) -> int:
    """Draws for the page: 10,000 for any usual pathway, fewer (not under 1,000) for pathways of
    many months, so the page stays responsive; the page says how many it used."""
    return int(min(DEFAULT_DRAWS, max(1_000, budget_draw_days // max(1, longest_days(scenario)))))


def analysis_key(scenario: Scenario, n_draws: int | None = None, seed: int = DEFAULT_SEED) -> tuple[str, int, int]:
    """What identifies one analysis: the scenario's JSON, the draws asked for, the seed."""
    n = n_draws if n_draws is not None else recommended_draws(scenario)
    return dump_scenario(scenario, format="json"), n, seed


def work_out(key: tuple[str, int, int]) -> Analysis | str:
    """Run the analysis for ``key`` and remember it in the session (or :data:`FAILED`)."""
    scenario_json, n, seed = key
    try:
        result: Analysis | str = analyse(parse_scenario(scenario_json, format="json"), n=n, seed=seed)
    except Exception as exc:  # the answer above must survive; log the type only, never inputs
        log.error("analyse failed: %s", type(exc).__name__)
        result = FAILED
    return memo.put("analysis", key, result)


def render_analysis(
    scenario: Scenario,
    *,
    n_draws: int | None = None,
    seed: int = DEFAULT_SEED,
    comparison: Comparison | None = None,
    defer: bool = True,
) -> None:
    """Draw the uncertainty bands, the drivers and the break-even curves for ``scenario``.

    ``n_draws`` defaults to 10,000, fewer for pathways of many months (see
    :func:`recommended_draws`). ``comparison``: the page's answer, so the section can say when
    that answer sits outside the middle of the plausible range. ``defer``: work the analysis out
    after the page is drawn (the page); ``False`` works it out now.
    """
    key = analysis_key(scenario, n_draws, seed)
    result = memo.peek("analysis", key)
    if result is None and not defer:
        result = work_out(key)
    if result is None:
        _pending(key)
    elif result == FAILED:
        st.caption(_("The ranges could not be worked out for this scenario."))
    else:
        _render_bands(key, result, comparison)
        _render_tornado(key, result)
        _render_break_even(key, result)


def _pending(key: tuple[str, int, int]) -> None:
    """A note and a button while the analysis waits for its turn; the browser starts it."""
    st.caption(
        _("Working out the range of plausible costs from {n} cases. It appears here in a moment.").format(
            n=here().count(key[1])
        )
    )
    st.button(_("Work out the ranges now"), key=NOW_KEY, on_click=work_out, args=(key,))
    st.fragment(_start_after_page, run_every=DEFER_S)(key)


def _start_after_page(key: tuple[str, int, int]) -> None:
    """The deferred fragment: drawn with the page it does nothing; run by the browser's timer
    it works the analysis out when a slot is free (:data:`ANALYSIS_SLOTS`), then reruns the
    page, which draws it (and stops the timer)."""
    if st.session_state.get(FULL_RUN):
        return
    if memo.peek("analysis", key) is None:
        if not ANALYSIS_SLOTS.acquire(timeout=WAIT_TURN_S):
            return  # two others are running: the browser's timer asks again
        try:
            work_out(key)
        finally:
            ANALYSIS_SLOTS.release()
    st.session_state[RERUN_BY_PAGE] = True
    st.rerun()


def _metric_label(metric: str) -> str:
    return here().component(metric)


def _table_toggle(label: str, key: str) -> bool:
    return st.toggle(label, value=False, key=key)


# ---- ranges ---------------------------------------------------------------------------------


def _render_bands(key: tuple, result: Analysis, comparison: Comparison | None) -> None:
    import pandas as pd

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
        ).format(n=w.count(u.n_draws), k=len(u.varied_keys))
    )
    show = _table_toggle(_("Show the ranges as a table"), "ui.table.bands")
    st.vega_lite_chart(_spec(key, "bands", lambda: _bands_chart(result)), width="stretch")
    if show:
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
        show_table(table.set_index(_("Option")))


def _spec(key: tuple, name: str, build) -> dict[str, Any]:
    """A chart specification of the analysis ``key``, built once per session and language."""
    return memo.remember("analysis_charts", (key, name, current()), build, keep=16)


def _bands_chart(result: Analysis) -> dict[str, Any]:
    w = here()
    u = result.uncertainty
    names = list(u.option_names)
    rows, labels = [], []
    for option, metric, lo, mid, hi in zip(
        u.bands["option"], u.bands["metric"], u.bands["p10_usd"], u.bands["p50_usd"], u.bands["p90_usd"], strict=True
    ):
        row = f"{_metric_label(metric)}: {option}"
        rows.append(
            {
                "option": option,
                "row": row,
                "p10_usd": float(lo),
                "p50_usd": float(mid),
                "p90_usd": float(hi),
                "ykey": row_key(row, BAR),
            }
        )
        text = _("{row}: {lo} to {hi}").format(row=row, lo=w.money(lo), hi=w.money(hi))
        labels.append({"label": text, "ykey": row_key(row, LABEL)})
    domain = row_domain([f"{_metric_label(m)}: {o}" for m in METRICS for o in names])
    colour = {"field": "option", "type": "nominal", "scale": {"domain": names, "range": OPTION_COLOURS[: len(names)]}}
    base = {
        "y": row_y(domain),
        "color": {**colour, "legend": None},
        "tooltip": [
            tip("row", _("Total")),
            tip("p10_usd", _("Low (10th percentile)"), "quantitative", "$,.0f"),
            tip("p50_usd", _("Median"), "quantitative", "$,.0f"),
            tip("p90_usd", _("High (90th percentile)"), "quantitative", "$,.0f"),
        ],
    }
    x = {
        "field": "p10_usd",
        "type": "quantitative",
        "title": _("Cost to the family (USD)"),
        "axis": {"format": "$,.0f", "tickCount": 4},
    }
    bars = layer(rows, {"type": "bar", "opacity": 0.8}, {**base, "x": x, "x2": {"field": "p90_usd"}})
    tick = layer(
        rows,
        {"type": "tick", "thickness": 3, "color": "black", "aria": False},
        {**base, "x": {"field": "p50_usd", "type": "quantitative"}},
    )
    text_mark = {"type": "text", "align": "left", "baseline": "middle", "fontSize": 12, "color": TEXT, "aria": False}
    text = layer(
        labels, text_mark, {"x": {"value": 0}, "y": row_y(domain), "text": {"field": "label", "type": "nominal"}}
    )
    name, p = u.likely_cheaper()
    description = _("{name} costs your family less {cases}").format(name=name, cases=w.share_of_cases(p))
    return chart([bars, tick, text], fit_height(len(domain)), description)


# ---- drivers --------------------------------------------------------------------------------


def _render_tornado(key: tuple, result: Analysis) -> None:
    import pandas as pd

    w = here()
    st.subheader(_("What drives the difference"))
    st.markdown(md(w.drivers(result.tornado)))
    moving = _moving(result.tornado)
    if moving.empty:
        st.info(_("Every figure is fixed or moves the difference by less than a dollar."))
        return
    frame = result.tornado
    first, second = frame.attrs.get("option_names", (_("the first option"), _("the second option")))
    base = frame.attrs.get("baseline_difference_usd", 0.0)
    st.markdown(f"**{md(_tornado_title(moving))}**")
    st.caption(
        md(
            _(
                "Each figure is set to its low value (blue) and its high value (orange), with everything else as "
                "entered. A bar shows how far that moves the gap between the options ({second} minus {first}, now "
                "{base}): right of zero the gap grows, left of zero it shrinks."
            ).format(second=second, first=first, base=w.money(base))
        )
    )
    show = _table_toggle(_("Show the drivers as a table"), "ui.table.tornado")
    st.vega_lite_chart(_spec(key, "tornado", lambda: _tornado_chart(result)), width="stretch")
    if show:
        show_table(
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


def _moving(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures that move the difference by a dollar or more, largest first (at most ten)."""
    return frame[frame["swing_usd"] >= 0.5].head(TORNADO_BARS)


def _tornado_title(moving: pd.DataFrame) -> str:
    w = here()
    top = moving.iloc[0]
    return _("{label} moves the gap most ({amount})").format(
        label=w.figure_label(top["label"]), amount=w.money(top["swing_usd"])
    )


def _tornado_chart(result: Analysis) -> dict[str, Any]:
    w = here()
    moving = _moving(result.tornado)
    at_low, at_high = _("at its low"), _("at its high")
    order = [w.figure_label(label) for label in moving["label"]]
    domain = row_domain(order, (LABEL, LOW_SLOT, HIGH_SLOT))
    rows = []
    for name, (_i, r) in zip(order, moving.iterrows(), strict=True):
        for end, slot, change, value in (
            (at_low, LOW_SLOT, r["change_at_low_usd"], r["low"]),
            (at_high, HIGH_SLOT, r["change_at_high_usd"], r["high"]),
        ):
            rows.append(
                {
                    "name": name,
                    "end": end,
                    "change_usd": float(change),
                    "value": float(value),
                    "unit_text": w.unit(r["unit"]),
                    "ykey": row_key(name, slot),
                }
            )
    encoding = {
        "y": row_y(domain),
        "x": {
            "field": "change_usd",
            "type": "quantitative",
            "title": _("How much the gap changes (USD)"),
            "axis": {"format": "$,.0f", "tickCount": 4},
        },
        "color": {
            "field": "end",
            "type": "nominal",
            "scale": {"domain": [at_low, at_high], "range": [LOW_COLOUR, HIGH_COLOUR]},
            "legend": legend(2),
        },
        "tooltip": [
            tip("name", _("Figure")),
            tip("end", _("Set")),
            tip("value", _("Value"), "quantitative"),
            tip("unit_text", _("Unit")),
            tip("change_usd", _("Change in the difference"), "quantitative", "$,.0f"),
        ],
    }
    names = [{"name": name, "ykey": row_key(name, LABEL)} for name in order]
    text_mark = {"type": "text", "align": "left", "baseline": "middle", "fontSize": 12, "color": TEXT, "aria": False}
    zero = layer([{}], {"type": "rule", "color": "#555555", "aria": False}, {"x": {"datum": 0}})
    return chart(
        [
            layer(rows, {"type": "bar", "opacity": 0.9}, encoding),
            layer(
                names, text_mark, {"x": {"value": 0}, "y": row_y(domain), "text": {"field": "name", "type": "nominal"}}
            ),
            zero,
        ],
        fit_height(len(domain), legend_rows=1),
        _tornado_title(moving),
    )


# ---- break-even ------------------------------------------------------------------------------


def _render_break_even(key: tuple, result: Analysis) -> None:
    import pandas as pd

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
        md(
            _(
                "Each small chart moves one input with everything else as entered. The line is what {second} costs "
                "your family minus what {first} costs: below the black zero line {second} costs less, above it "
                "{first} does. The dashed line is your current value."
            ).format(first=first, second=second)
        )
    )
    show = _table_toggle(_("Show the break-even points as a table"), "ui.table.break_even")
    cols = st.columns(3)
    for i, b in enumerate(curves):
        with cols[i % 3]:
            st.vega_lite_chart(_spec(key, f"break_even.{i}", lambda b=b: _break_even_chart(b)), width="stretch")
    if show:
        show_table(
            pd.DataFrame(
                {
                    _("Input"): [w.break_even_label(b) for b in curves],
                    _("Unit"): [w.unit(b.unit) for b in curves],
                    _("Now"): [w.number(b.current, 2) for b in curves],
                    _("Break-even"): [
                        _("no crossing") if b.crossing is None else w.number(b.crossing, 2) for b in curves
                    ],
                    _("Difference now"): [w.money(b.current_difference_usd) for b in curves],
                }
            ).set_index(_("Input"))
        )


def _break_even_chart(b) -> dict[str, Any]:
    """One break-even curve as a Vega-Lite spec."""
    w = here()
    label = f"{w.break_even_label(b)} ({w.unit(b.unit)})"
    values = [{"value": float(v), "difference_usd": float(d)} for v, d in zip(b.values, b.differences_usd, strict=True)]
    line = layer(
        values,
        {"type": "line", "color": LINE_COLOUR, "point": {"size": 12, "color": LINE_COLOUR}},
        {
            "x": {"field": "value", "type": "quantitative", "title": label, "axis": {"tickCount": 4, "titleLimit": 0}},
            "y": {
                "field": "difference_usd",
                "type": "quantitative",
                "title": None,
                "axis": {"format": "$,.0f", "tickCount": 4},
            },
            "tooltip": [
                tip("value", _("Value"), "quantitative", ",.2f"),
                tip("difference_usd", _("Difference"), "quantitative", "$,.0f"),
            ],
        },
    )
    zero = layer([{}], {"type": "rule", "color": "black", "aria": False}, {"y": {"datum": 0}})
    now = layer(
        [{}],
        {"type": "rule", "color": NOW_COLOUR, "strokeDash": [4, 3], "aria": False},
        {"x": {"datum": float(b.current), "type": "quantitative"}},
    )
    return chart([line, zero, now], 200, w.break_even(b))
