"""The analysis does bounded work whatever the scenario, and its fewer draws stay accurate.

Work is counted, not timed: every engine call the analysis makes is recorded (draws x options x
calendar days), so the bounds hold on a busy machine too. Speed itself is measured by
``scripts/benchmark_analysis.py``.
"""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest
from cases import largest_scenario, long_pathway
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scenarios

from calculator import (
    batch,
    compare,
    default_assumptions,
    example_names,
    load_example,
    scenario_from_dict,
    scenario_to_dict,
)
from calculator.analysis import analyse, break_even, sampling, tornado, uncertainty
from calculator.analysis.break_even import BREAK_EVEN_OPTION_DAYS
from calculator.analysis.sampling import (
    calendar_days,
    first_two,
    latin_hypercube,
    pert_draws,
    pert_quantiles,
    uncertain_figures,
    work_per_draw,
)
from calculator.analysis.uncertainty import MIN_DRAWS, UNCERTAINTY_OPTION_DAYS, budgeted_draws
from calculator.batch import CHUNK_DRAW_DAYS, MIN_CHUNK_DRAWS

LIBRARY = default_assumptions()


@pytest.fixture(scope="module")
def largest():
    return largest_scenario()


@pytest.fixture
def engine_calls(monkeypatch):
    """Every engine pass of the analysis as ``(draws, options, calendar days)``."""
    calls = []
    real = batch._totals

    def counting(inputs):
        calls.append((inputs.n, len(inputs.options), inputs.calendar.n_days))
        return real(inputs)

    monkeypatch.setattr(batch, "_totals", counting)
    return calls


def test_the_largest_scenario_the_schema_allows_is_analysed_within_the_work_and_memory_budget(largest, engine_calls):
    tracemalloc.start()  # numpy reports its arrays to tracemalloc
    try:
        result = analyse(largest, n=10_000, assumptions=LIBRARY)
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    u = result.uncertainty
    assert u.n_requested == 10_000
    assert MIN_DRAWS <= u.n_draws < 10_000
    assert u.n_draws == max(MIN_DRAWS, int(UNCERTAINTY_OPTION_DAYS // work_per_draw(largest, LIBRARY)))
    work = sum(n * options * days for n, options, days in engine_calls)
    tornado_rows = 2 * len(uncertain_figures(largest, LIBRARY)) + 1
    tornado_work = tornado_rows * 2 * calendar_days(largest, LIBRARY)
    assert work <= UNCERTAINTY_OPTION_DAYS + BREAK_EVEN_OPTION_DAYS + tornado_work
    bound = max(CHUNK_DRAW_DAYS, MIN_CHUNK_DRAWS * calendar_days(largest, LIBRARY))
    assert all(n * days <= bound + days for n, _, days in engine_calls), "every chunk is bounded"
    four = [n for n, options, _ in engine_calls if options == 4]
    assert sum(four) == u.n_draws, "only the uncertainty run works through all four options"
    assert {options for _, options, _ in engine_calls} == {2, 4}
    assert result.break_even and not result.tornado.empty
    assert peak_mb < 500, f"the analysis held {peak_mb:.0f} MB at its peak"


def test_usual_scenarios_keep_every_draw_they_ask_for():
    for name in example_names():
        assert budgeted_draws(load_example(name), LIBRARY, 5_000) == 5_000, name
    assert budgeted_draws(load_example("default"), LIBRARY, 10_000) == 10_000


def test_a_long_pathway_uses_fewer_draws_and_says_so():
    long = long_pathway()
    u = uncertainty(long, LIBRARY, n=10_000)
    assert u.n_draws == int(UNCERTAINTY_OPTION_DAYS // work_per_draw(long, LIBRARY)) < 10_000
    assert u.n_requested == 10_000


@pytest.mark.parametrize("name", ["default", pytest.param("long", marks=pytest.mark.slow)])
def test_the_budgeted_latin_hypercube_matches_10000_independent_draws(name):
    """P10/P50/P90 of each option and of the difference within 5% of the 10,000-draw band's width."""
    scenario = long_pathway() if name == "long" else load_example(name)
    figures = uncertain_figures(scenario, LIBRARY)
    rng = np.random.default_rng(2026)
    independent = {f.key: pert_draws(f.low, f.typical, f.high, 10_000, rng) for f in figures}
    reference = sampling.evaluate(scenario, independent, 10_000, LIBRARY, ("family_total",))["family_total"]
    fewer = uncertainty(scenario, LIBRARY, n=10_000, seed=2026)
    ref_columns = [*reference.T, reference[:, 1] - reference[:, 0]]
    got = [fewer.band(0), fewer.band(1), fewer.difference_band()]
    for column, band in zip(ref_columns, got, strict=True):
        p10, p50, p90 = np.percentile(column, (10, 50, 90))
        width = max(p90 - p10, 1.0)
        assert np.max(np.abs(np.array(band) - (p10, p50, p90))) <= 0.05 * width, (name, band, (p10, p50, p90))


def test_pert_quantiles_invert_the_pert_distribution():
    rng = np.random.default_rng(0)
    sample = np.sort(pert_draws(100.0, 250.0, 350.0, 200_000, rng))
    u = np.array([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
    assert pert_quantiles(100.0, 250.0, 350.0, u) == pytest.approx(np.quantile(sample, u), abs=1.0)
    assert (pert_quantiles(5.0, 5.0, 5.0, u) == 5.0).all()
    ends = pert_quantiles(100.0, 100.0, 350.0, np.array([0.0, 1.0]))
    assert ends == pytest.approx([100.0, 350.0])


def test_latin_hypercube_draws_each_stratum_of_each_figure_once():
    figures = uncertain_figures(load_example("default"), LIBRARY)[:5]
    n = 400
    draws = latin_hypercube(figures, n, np.random.default_rng(3))
    for f in figures:
        x = draws[f.key]
        assert f.low <= x.min() and x.max() <= f.high
        grid = pert_quantiles(f.low, f.typical, f.high, np.arange(n + 1) / n)
        counts = np.histogram(x, bins=grid)[0] if np.all(np.diff(grid) > 0) else np.ones(n)
        assert (counts == 1).all(), f.key


def test_the_same_seed_gives_the_same_budgeted_answer():
    long = long_pathway()
    a = uncertainty(long, LIBRARY, seed=5)
    b = uncertainty(long, LIBRARY, seed=5)
    assert a.bands.equals(b.bands) and a.n_draws == b.n_draws


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(scenarios(), st.data())
def test_the_first_two_options_cost_the_same_without_the_others(scenario, data):
    if len(scenario.options) < 3:
        data_ = scenario_to_dict(scenario)
        data_["options"].append({**data_["options"][0], "name": "Third"})
        scenario = scenario_from_dict(data_)
    whole, pair = compare(scenario), compare(first_two(scenario))
    for i in range(2):
        assert pair.options[i].totals == whole.options[i].totals


def test_tornado_and_break_even_of_four_options_are_those_of_the_first_two(largest):
    pair = first_two(largest)
    assert len(pair.options) == 2
    assert tornado(largest, LIBRARY).equals(tornado(pair, LIBRARY))


def test_a_smaller_break_even_budget_finds_the_same_crossings_within_its_brackets():
    scenario = load_example("default")
    full = {(b.code, b.level): b for b in break_even(scenario, LIBRARY)}
    lean = {(b.code, b.level): b for b in break_even(scenario, LIBRARY, budget=20_000)}
    assert lean.keys() == full.keys()
    for key, b in full.items():
        lb = lean[key]
        assert len(lb.values) <= len(b.values)
        assert (lb.crossing is None) == (b.crossing is None), key
        if b.crossing is None:
            continue
        low, high = sorted(lb.bracket)
        assert low <= b.crossing <= high, (key, lb.bracket, b.crossing)
        tolerance = 2.0 if b.integer else 0.05 * abs(b.crossing) + 1e-6
        assert abs(lb.crossing - b.crossing) <= max(tolerance, 0.1 * (high - low)), key


def test_cases_fill_the_schema_to_its_limits(largest):
    data = scenario_to_dict(largest)
    assert len(data["options"]) == 4 and all(len(o["stages"]) == 6 for o in data["options"])
    assert calendar_days(largest, LIBRARY) >= 6 * 365
    json.dumps(data)  # plain data, ready for a file
