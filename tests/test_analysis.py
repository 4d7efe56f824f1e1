"""Decision analysis: uncertainty bands, drivers of the difference, break-even values.

Expected values come from the plain model (``compare``), never from the analysis code itself.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from calculator import (
    compare,
    default_assumptions,
    default_scenario,
    load_example,
    scenario_from_dict,
    scenario_to_dict,
)
from calculator.analysis import (
    METRICS,
    analyse,
    break_even,
    pert_draws,
    tornado,
    uncertain_figures,
    uncertainty,
)
from ui.words import EN

LIBRARY = default_assumptions()


def uncertain_keys(scenario, library=LIBRARY):
    return tuple(f.key for f in uncertain_figures(scenario, library))


N = 2_000
EXAMPLES = (
    "default",
    "california-salaried-disability",
    "medicare-beneficiary",
    "single-parent-hourly",
    "uninsured-adult",
)


@pytest.fixture(scope="module")
def scenario():
    return default_scenario()


@pytest.fixture(scope="module")
def result(scenario):
    return uncertainty(scenario, LIBRARY, n=N, seed=7)


def test_the_same_seed_gives_the_same_numbers(scenario):
    a = uncertainty(scenario, LIBRARY, seed=11)  # the full 10,000 draws
    b = uncertainty(scenario, LIBRARY, seed=11)
    assert a.n_draws == 10_000
    assert a.bands.equals(b.bands)
    assert a.difference.equals(b.difference)
    assert a.probability_cheaper == b.probability_cheaper
    c = uncertainty(scenario, LIBRARY, n=N, seed=12)
    assert not np.allclose(a.bands["p50_usd"], c.bands["p50_usd"])


def test_percentiles_are_ordered(result):
    assert (result.bands["p10_usd"] <= result.bands["p50_usd"]).all()
    assert (result.bands["p50_usd"] <= result.bands["p90_usd"]).all()
    d = result.difference
    assert (d["p10_usd"] <= d["p50_usd"]).all() and (d["p50_usd"] <= d["p90_usd"]).all()
    assert set(result.bands["metric"]) == set(METRICS)


def test_bands_are_wide_when_defaults_vary(result):
    lo, _, hi = result.band(0)
    assert hi - lo > 100


def test_with_every_figure_fixed_the_bands_collapse_to_the_plain_comparison(scenario):
    pinned = LIBRARY.pinned()
    assert uncertain_keys(scenario, pinned) == ()
    u = uncertainty(scenario, pinned, n=N)
    plain = compare(scenario)
    for i, option in enumerate(plain.options):
        for m in METRICS:
            p10, p50, p90 = u.band(i, m)
            for p in (p10, p50, p90):
                assert p == pytest.approx(option.totals[m], abs=0.01)
    assert u.difference_band("family_total")[1] == pytest.approx(plain.difference("family_total"), abs=0.01)
    assert tornado(scenario, pinned).empty


def test_figures_the_user_entered_are_held_fixed(scenario):
    data = scenario_to_dict(scenario)
    data["options"][0]["stages"][0]["price_usd"] = 600
    data["assumption_overrides"] = {"iop_price_usd_per_day": 200}
    entered = scenario_from_dict(data)
    keys = uncertain_keys(entered)
    assert "residential_price_usd_per_day" not in keys
    assert "iop_price_usd_per_day" not in keys
    assert "residential_price_usd_per_day" in uncertain_keys(scenario)


def test_probability_cheaper_matches_the_words(result):
    name, p = result.likely_cheaper()
    probs = result.probability_cheaper["family_total"]
    assert sum(probs.values()) <= 1.0 + 1e-12
    words = EN.uncertainty(result)
    assert name in words
    match = re.search(r"In (\d+) of 10", words)
    if match:
        assert int(match.group(1)) == int(np.floor(p * 10 + 0.5))
    p10, _, p90 = result.difference_band()
    for amount in sorted({f"${abs(p10):,.0f}", f"${abs(p90):,.0f}"}):
        assert amount in words


def test_pert_draws_stay_in_range_and_centre_on_the_pert_mean():
    rng = np.random.default_rng(0)
    x = pert_draws(100.0, 250.0, 350.0, 50_000, rng)
    assert x.min() >= 100.0 and x.max() <= 350.0
    assert x.mean() == pytest.approx((100 + 4 * 250 + 350) / 6, rel=0.01)
    assert (pert_draws(5.0, 5.0, 5.0, 10, rng) == 5.0).all()


# ---- tornado ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bars(scenario):
    return tornado(scenario, LIBRARY)


def test_tornado_is_sorted_largest_first(bars):
    assert len(bars) == len(uncertain_keys(default_scenario()))
    assert list(bars["swing_usd"]) == sorted(bars["swing_usd"], reverse=True)
    assert (bars["swing_usd"] == (bars["diff_at_high_usd"] - bars["diff_at_low_usd"]).abs()).all()


def test_each_tornado_bar_matches_a_direct_recomputation(scenario, bars):
    library = default_assumptions()
    base = compare(scenario, library).difference()
    assert bars.attrs["baseline_difference_usd"] == pytest.approx(base, abs=0.05)
    for row in bars.itertuples():
        at_low = compare(scenario, library.with_overrides({row.key: row.low})).difference()
        at_high = compare(scenario, library.with_overrides({row.key: row.high})).difference()
        assert row.diff_at_low_usd == pytest.approx(at_low, abs=0.05), row.key
        assert row.diff_at_high_usd == pytest.approx(at_high, abs=0.05), row.key


def test_top_three_drivers_are_named_by_their_library_labels(scenario, bars):
    words = EN.drivers(analyse(scenario, n=N).tornado)
    for label in bars[bars["swing_usd"] >= 0.5]["label"].head(3):
        assert label.lower() in words


# ---- break-even -------------------------------------------------------------------------------


def _set(data: dict, path: str, value: float) -> None:
    """Set ``options[1].stages[0].price_usd`` style paths in plain scenario data."""
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        node = node[m.group(1)][int(m.group(2))] if m else node.setdefault(part, {})
    node[parts[-1]] = value


def _with_input(scenario, b, value: float):
    """The scenario with break-even input ``b`` set to ``value`` (in ``b``'s display units)."""
    data = scenario_to_dict(scenario)
    library = default_assumptions()
    if b.path.endswith("length_days"):
        _set(data, b.path, int(round(value * (7 if b.unit == "weeks" else 1))))
    elif b.path == "insurance.deductible_met_usd":
        deductible = library.value(f"{scenario.insurance.plan_type}_deductible_usd")
        data["insurance"].setdefault("deductible_usd", deductible)
        _set(data, b.path, data["insurance"]["deductible_usd"] - value)
    elif b.path == "babysitter_usd_per_hour":
        factor = value / b.current
        keys = [
            k
            for k in library.figures
            if k.startswith(("babysitter_", "childcare_full_week_")) and k != "childcare_full_week_hours"
        ]
        data["assumption_overrides"] = {
            **data.get("assumption_overrides", {}),
            **{k: library.value(k) * factor for k in keys},
        }
    else:
        _set(data, b.path, value)
    return scenario_from_dict(data)


@pytest.mark.parametrize("name", EXAMPLES)
def test_break_even_values_make_the_options_cost_the_same(name):
    scenario = load_example(name)
    curves = break_even(scenario, LIBRARY)
    assert curves
    for b in curves:
        assert np.all(np.diff(b.values) >= 0)
        assert len(b.values) == len(b.differences_usd) >= 10
        now = compare(_with_input(scenario, b, b.current)).difference()
        assert b.current_difference_usd == pytest.approx(now, abs=0.05), b.path
        if b.crossing is None:
            assert "no crossing in the plausible range" in EN.break_even(b)
            continue
        assert b.values.min() <= b.crossing <= b.values.max()
        if b.integer:
            # Whole days: the reported day keeps the current answer; one day further flips it.
            here = compare(_with_input(scenario, b, b.bracket[0])).difference()
            there = compare(_with_input(scenario, b, b.bracket[1])).difference()
            assert b.crossing == b.bracket[0]
            assert (here > 0) == (b.current_difference_usd > 0), b.path
            assert (there > 0) != (here > 0), b.path
        else:
            at = compare(_with_input(scenario, b, b.crossing)).difference()
            assert abs(at) < 1.0, (b.path, b.crossing, at)


def test_break_even_words_name_the_crossing():
    scenario = default_scenario()
    stay = next(b for b in break_even(scenario, LIBRARY) if (b.code, b.level) == ("length", "residential"))
    assert EN.break_even_label(stay) == "residential length of stay"
    assert stay.unit == "days" and stay.current == 30
    assert stay.crossing is not None
    assert f"shorter than {stay.crossing:,.0f} days" in EN.break_even(stay)


def test_analyse_runs_all_three(scenario):
    a = analyse(scenario, n=N)
    assert a.uncertainty.n_draws == N
    assert not a.tornado.empty
    assert a.break_even
    assert len(a.break_even) == len({(b.code, b.level) for b in a.break_even})


def test_long_pathways_use_fewer_draws_in_the_app_and_bounded_chunks():
    from calculator.analysis import CHUNK_DRAW_DAYS, longest_days
    from calculator.batch import MIN_CHUNK_DRAWS, chunks
    from ui.analysis import recommended_draws

    assert recommended_draws(default_scenario()) == 10_000
    data = scenario_to_dict(default_scenario())
    data["options"][0]["stages"] = [{"level": "residential", "length_days": 365}] * 6
    long = scenario_from_dict(data)
    assert longest_days(long) == 6 * 365
    # 1,500,000 draw-days / 2,190 days = 684 -> the floor of 1,000 draws
    assert recommended_draws(long) == 1_000
    days = longest_days(long)
    largest_chunk = max(b - a for a, b in chunks(1_000, days))
    assert largest_chunk * days <= max(CHUNK_DRAW_DAYS, MIN_CHUNK_DRAWS * days)  # so arrays stay small


def test_a_stage_priced_at_zero_still_gets_a_price_curve():
    # A free standard-outpatient stage: the curve runs from $0 to 3x the library's high price per
    # session (the library prices standard outpatient care per session, not per day).
    data = scenario_to_dict(default_scenario())
    data["options"][1]["stages"] = [
        {"level": "outpatient", "length_days": 56, "price_usd": 0.0, "price_basis": "per_session"}
    ]
    free = scenario_from_dict(data)
    price = next(b for b in break_even(free, LIBRARY) if (b.code, b.level) == ("price", "outpatient"))
    high = LIBRARY["outpatient_price_usd_per_session"].high
    assert price.current == 0.0
    assert price.values.min() == 0.0 and price.values.max() == pytest.approx(3 * high)
    # The curve is the difference as the price rises: each extra dollar per session costs more.
    assert np.all(np.diff(price.differences_usd) >= -0.01)
