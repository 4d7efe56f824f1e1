"""Property tests: invariants of the model over generated valid scenarios (Hypothesis)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest
from checks import assert_adds_up
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from strategies import scenarios

import calculator
from calculator import compare, default_assumptions, dump_scenario, evaluate_batch, parse_scenario, scenario_from_dict
from calculator.engine import COMPONENTS, OUT_OF_POCKET, run
from calculator.resolve import resolve
from calculator.timeline import plan_year_segments

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(SETTINGS, max_examples=25)


def _c(x: float) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal("0.01"))


# ---- properties ----------------------------------------------------------------------------


@SETTINGS
@given(scenarios())
def test_compare_never_raises_and_totals_are_finite_and_equal_the_lines_shown_to_the_cent(scenario):
    result = compare(scenario)
    for o in result.options:
        for k, v in o.totals.items():
            assert math.isfinite(v), (o.name, k, v)
        assert_adds_up(o)


@SETTINGS
@given(scenarios())
def test_engine_arrays_patient_plus_insurer_is_allowed_and_components_add_up(scenario):
    for o in run(resolve(scenario, default_assumptions())):
        L = o.daily
        np.testing.assert_allclose(L["patient_share"] + L["insurer_paid"] + L["self_pay"], L["allowed"], atol=1e-6)
        for name in (*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid", "allowed", "leave_used"):
            assert np.isfinite(L[name]).all()
            # The food not bought at home is the one credit (a negative amount) among the costs.
            credit = L["food_at_home"] if name in ("lodging_meals", "out_of_pocket", "family_total") else 0.0
            assert (L[name] - credit >= -1e-6).all(), (o.name, name, L[name].min())
        assert (L["food_at_home"] <= 0).all()
        np.testing.assert_allclose(L["out_of_pocket"], sum(L[c] for c in OUT_OF_POCKET), atol=1e-9)
        np.testing.assert_allclose(L["family_total"], L["out_of_pocket"] + L["lost_income"], atol=1e-9)


@SETTINGS
@given(scenarios(plan_types=("employer", "marketplace"), in_network_only=True))
def test_in_network_cost_sharing_per_plan_year_never_exceeds_the_out_of_pocket_maximum(scenario):
    ins = scenario.insurance
    for o in run(resolve(scenario, default_assumptions())):
        share = o.daily["patient_share"][0]
        segments = plan_year_segments(
            scenario.start_date, share.size, ins.plan_year_renews_month, ins.plan_year_renews_day
        )
        for year in np.unique(segments):
            room = ins.oop_max_usd - (ins.oop_met_usd if year == 0 else 0.0)
            assert share[segments == year].sum() <= room + 1e-6, (o.name, year)


def _non_decreasing(scenario, path, low, high):
    # The food not bought at home is a credit for each day away (the one amount that falls as a
    # stay grows): it is turned off here, and checked on its own below.
    scenario = _without_food_credit(scenario)
    batch = evaluate_batch(scenario, {path: np.array([low, high], dtype=float)})
    ft = batch.totals["family_total"]
    assert (ft[1] >= ft[0] - 1e-6).all(), (path, low, high, ft)


def _without_food_credit(scenario):
    household = scenario.household.model_copy(update={"count_food_at_home": False})
    return scenario.model_copy(update={"household": household})


# Minimal failing example found by hand (model bug, see the report): a 3-day evening IOP with a
# preschooler and 20 hours of family help a week. Adding a 4th day (Thursday, no session) prorates
# more of the weekly family help into that week (20 x 4/7 instead of 20 x 3/7), and that help
# covers the Monday and Wednesday sessions, so childcare falls from $80.95 to $13.49.
SHORT_IOP_WITH_CHILD = scenario_from_dict(
    {
        "start_date": "2026-03-02",
        "household": {
            "work_schedule": "not_working",
            "patient_is_caregiver": True,
            "children": [{"age_years": 3}],
            "family_help_hours_per_week": 20,
        },
        "insurance": {"plan_type": "uninsured"},
        "options": [
            {
                "name": n,
                "stages": [
                    {
                        "level": "iop",
                        "length_days": 3,
                        "days_per_week": 3,
                        "hours_per_day": 6,
                        "session_time": "evening",
                        "price_usd": 0,
                        "distance_miles": 0,
                    }
                ],
            }
            for n in ("A", "B")
        ],
    }
)


@SETTINGS
@example(SHORT_IOP_WITH_CHILD, 1, 0)
@given(scenarios(), st.integers(1, 30), st.integers(0, 3))
def test_a_longer_last_stage_never_costs_less(scenario, extra, pick):
    # Not true where a state pays back its waiting week once the leave lasts long enough (NJ after
    # 22 days, RI and MN after 7): there a longer stay can cost less, as the law intends (see
    # test_leave_programs.py::test_one_more_day_can_pay_back_new_jersey_s_waiting_week).
    assume(scenario.household.state not in {"NJ", "RI", "MN"})
    i = pick % len(scenario.options)
    j = len(scenario.options[i].stages) - 1
    stage = scenario.options[i].stages[j]
    # Nor for one fee for the whole stage with an authorization limit: the fee is spread over the
    # program days, so a longer stage moves part of it past the authorized days, where an entered
    # cash price below the fee's daily share makes it cheaper (the fee itself does not grow).
    assume(not (stage.price_basis == "program" and stage.authorized_days is not None))
    length = stage.length_days or 1
    _non_decreasing(scenario, f"options[{i}].stages[{j}].length_days", length, min(length + extra, 365))


@SETTINGS
@given(scenarios(), st.floats(1, 400), st.data())
def test_a_longer_distance_never_costs_less(scenario, extra, data):
    # Not true where a state pays leave only in blocks (WA from 4 hours a day, ME 8, whole days in
    # DC, DE and for a partner in NJ and NY): a longer commute can make a day's missed hours reach
    # the block, and the benefit then replaces most of them.
    assume(scenario.household.state not in {"WA", "ME", "NH", "DC", "DE", "NJ", "NY"})
    i = data.draw(st.integers(0, len(scenario.options) - 1))
    j = data.draw(st.integers(0, len(scenario.options[i].stages) - 1))
    d = scenario.options[i].stages[j].distance_miles or 0.0
    _non_decreasing(scenario, f"options[{i}].stages[{j}].distance_miles", d, d + extra)


@SETTINGS
@given(scenarios(), st.floats(1, 2000), st.data())
def test_a_higher_price_never_costs_less(scenario, extra, data):
    i = data.draw(st.integers(0, len(scenario.options) - 1))
    j = data.draw(st.integers(0, len(scenario.options[i].stages) - 1))
    stage = scenario.options[i].stages[j]
    if stage.price_usd is None:
        return
    _non_decreasing(scenario, f"options[{i}].stages[{j}].price_usd", stage.price_usd, stage.price_usd + extra)


@FEW
@given(scenarios(), st.integers(0, 17))
def test_another_child_never_costs_less(scenario, age):
    data = calculator.scenario_to_dict(scenario)
    data["household"]["children"] = [*data["household"].get("children", []), {"age_years": age}]
    if len(data["household"]["children"]) > 10:
        return
    more = scenario_from_dict(data)
    a, b = compare(scenario), compare(more)
    for oa, ob in zip(a.options, b.options, strict=True):
        assert ob.totals["family_total"] >= oa.totals["family_total"] - 0.01, oa.name


@SETTINGS
@given(scenarios(), st.sampled_from(["toml", "json"]))
def test_scenario_round_trips_through_text(scenario, fmt):
    text = dump_scenario(scenario, format=fmt)
    assert parse_scenario(text) == scenario
    assert parse_scenario(text, format=fmt) == scenario


@FEW
@given(scenarios(), st.integers(1, 5))
def test_batch_of_copies_equals_compare(scenario, n):
    batch = evaluate_batch(scenario, {}, n=n)
    result = compare(scenario)
    for k, option in enumerate(result.options):
        for name in (*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid"):
            column = batch.totals[name][:, k]
            assert np.all(column == column[0])
            # compare() rounds every line half-up to the cent before adding (money.py: "lines
            # first, then totals"), so its totals may differ from the unrounded batch sums by up
            # to half a cent per line counted; with one line that is within a cent.
            parts = OUT_OF_POCKET if name == "out_of_pocket" else COMPONENTS if name == "family_total" else (name,)
            n_lines = sum(1 for x in option.lines if x.in_total and x.component in parts)
            tolerance = max(0.01, 0.005 * n_lines) + 1e-9
            assert abs(column[0] - option.totals[name]) <= tolerance, (
                option.name,
                name,
                column[0],
                option.totals[name],
            )


# ---- what each option adds: existing care, the family's share and the maximum -----------------


@SETTINGS
@given(scenarios(), st.data())
def test_more_existing_care_or_help_never_raises_an_options_childcare(scenario, data):
    """More school, paid care already arranged or help in any part of the day never adds childcare."""
    h = scenario.household
    paths = [
        "household.family_help.weekday_daytime_hours_per_week",
        "household.family_help.weekday_evening_hours_per_week",
        "household.family_help.night_hours_per_week",
        "household.family_help.weekend_hours_per_week",
        "household.family_help_hours_per_week",
    ]
    for c in range(len(h.children)):
        paths += [f"household.children[{c}].school_hours_per_week", f"household.children[{c}].paid_care_hours_per_week"]
    path = data.draw(st.sampled_from(paths))
    low = data.draw(st.sampled_from([0.0, 5.0, 20.0]))
    high = low + data.draw(st.sampled_from([1.0, 10.0, 25.0]))
    batch = evaluate_batch(scenario, {path: np.array([low, high])})
    care = batch.totals["childcare"]
    assert (care[1] <= care[0] + 1e-6).all(), (path, low, high, care)


@SETTINGS
# A cent a day for 5 days at 50% coinsurance: the allowed amount is $0.05, the family's exact
# share $0.025 (shown as $0.03, half-up) and insurance the $0.02 left, never two rounded-up halves.
@example(0.01, 5, 0.5, 0.0, 100.0)
@given(
    st.integers(1, 100_000).map(lambda c: c / 100),
    st.integers(1, 12),
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0]),
    st.integers(0, 300_000).map(lambda c: c / 100),
    st.integers(0, 1_000_000).map(lambda c: c / 100),
)
def test_the_family_share_shown_never_exceeds_the_maximum_and_lines_add_up(price, days, coinsurance, ded, room):
    """Prices and maximums in cents, as people enter them: the share shown stops at the maximum."""
    oop = ded + room
    data = {
        "start_date": "2026-03-02",
        "household": {"work_schedule": "not_working", "patient_is_caregiver": False, "count_food_at_home": False},
        "insurance": {
            "plan_type": "employer",
            "deductible_usd": ded,
            "coinsurance_fraction": coinsurance,
            "copay_per_admission_usd": 0,
            "oop_max_usd": oop,
        },
        "options": [
            {
                "name": name,
                "stages": [
                    {
                        "level": "residential",
                        "length_days": days,
                        "price_usd": price,
                        "admission_fee_usd": 0,
                        "distance_miles": 0,
                        "visits_per_week": 0,
                        "no_visit_days": 0,
                        "family_program_days": 0,
                    }
                ],
            }
            for name in ("A", "B")
        ],
    }
    o = compare(scenario_from_dict(data)).options[0]
    assert_adds_up(o)
    assert o.totals["treatment"] <= oop
    # The exact share, min(deductible part + coinsurance, maximum), rounded half-up to the cent.
    allowed = Decimal(repr(price)) * days
    d = min(allowed, Decimal(repr(ded)))
    exact = min(d + Decimal(repr(coinsurance)) * (allowed - d), Decimal(repr(oop)))
    assert _c(o.totals["treatment"]) == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert _c(o.totals["allowed"]) == allowed.quantize(Decimal("0.01"))


@SETTINGS
@given(scenarios())
def test_the_food_credit_is_a_weeks_groceries_for_each_week_away(scenario):
    """Counted or not, the credit is the USDA weekly figure over 7 for each day at a residential
    program or in a hotel, and it is in the total only when counted."""
    weekly = default_assumptions().value("food_at_home_usd_per_week")
    for o in run(resolve(scenario, default_assumptions())):
        away = sum(
            m[0].sum()
            for s, m in zip(o.stages, o.stage_masks, strict=True)
            if s.residential or s.patient_lodging == "hotel"
        )
        assert o.daily["food_at_home"][0].sum() == pytest.approx(-away * weekly / 7.0, abs=1e-6)
