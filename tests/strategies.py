"""Hypothesis strategies for the tests, kept in one module and imported by them.

Scenarios (and their parts) are drawn as the plain dicts a scenario file holds, then built with
``scenario_from_dict``, so every scenario a strategy yields has passed the model's validation.
``plans`` draws the raw inputs of one commercial plan's day-by-day cost sharing.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import strategies as st

from calculator import scenario_from_dict

# ---- scenarios: a household, its insurance and two or three options of stages --------------

money = st.integers(0, 3000).map(float)
fraction = st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 0.5, 1.0])


@st.composite
def stages(draw, residential_allowed=True):
    levels = (
        ["withdrawal_management", "residential", "php", "iop", "outpatient"]
        if residential_allowed
        else ["php", "iop", "outpatient"]
    )
    level = draw(st.sampled_from(levels))
    basis = draw(st.sampled_from(["per_day", "per_day", "per_week", "program"]))
    s = {
        "level": level,
        "length_days": draw(st.integers(1, 45)),
        "price_basis": basis,
        "price_usd": draw(st.integers(0, 2500).map(float)) if basis != "per_day" or draw(st.booleans()) else None,
        "in_network": draw(st.booleans()) if draw(st.integers(0, 3)) == 0 else True,
        "distance_miles": draw(st.sampled_from([0.0, 5.0, 30.0, 150.0, 600.0])),
        "travel_mode": draw(st.sampled_from(["car", "car", "transit", "flight"])),
    }
    if s["price_usd"] is None:
        del s["price_usd"]
    if draw(st.booleans()):
        s["authorized_days"] = draw(st.integers(0, 30))
        if draw(st.booleans()):
            s["cash_price_usd_per_day"] = draw(money)
    if draw(st.booleans()):
        s["admission_fee_usd"] = draw(st.integers(0, 800).map(float))
    if level in ("withdrawal_management", "residential"):
        s["visits_per_week"] = draw(st.sampled_from([0.0, 0.5, 1.0, 2.0]))
        s["no_visit_days"] = draw(st.integers(0, 10))
        s["family_program_days"] = draw(st.integers(0, 4))
        s["includes_lodging"] = draw(st.booleans())
        s["includes_meals"] = draw(st.booleans())
        s["freestanding_psychiatric_hospital"] = draw(st.booleans())
    else:
        s["days_per_week"] = draw(st.integers(1, 7))
        s["hours_per_day"] = draw(st.sampled_from([1.0, 3.0, 6.0]))
        s["session_time"] = draw(st.sampled_from(["day", "evening"]))
        s["patient_lodging"] = draw(st.sampled_from(["home", "home", "sober_living", "hotel", "rental"]))
    if draw(st.booleans()):
        s["one_way_travel_minutes"] = draw(st.sampled_from([0.0, 20.0, 90.0, 240.0]))
    s["drug_testing_usd_per_week"] = draw(st.sampled_from([0.0, 25.0]))
    if draw(st.integers(0, 3)) == 0:
        s["sliding_scale_discount_fraction"] = draw(fraction)
    if draw(st.integers(0, 4)) == 0:
        s["state_funded"] = True
    if not s["in_network"] and draw(st.booleans()):
        s["single_case_agreement"] = True
    if level in ("withdrawal_management", "residential"):
        s["medicaid_beds"] = draw(
            st.sampled_from(["not_asked", "16_or_fewer", "over_16_covered", "over_16_not_covered"])
        )
    return s


ALL_PLANS = (
    "employer",
    "marketplace",
    "medicare",
    "medicare_advantage",
    "medigap",
    "medicare_medicaid",
    "medicaid",
    "uninsured",
)
MEDIGAP_PLANS = ("A", "B", "C", "D", "F", "G", "K", "L", "M", "N")


@st.composite
def advantage_terms(draw):
    """A Medicare Advantage plan's terms as a scenario holds them; any may be left to the library."""
    terms = {"network": draw(st.sampled_from(["hmo", "ppo"]))}
    optional = {
        "inpatient_copay_usd_per_day": st.sampled_from([0.0, 150.0, 395.0]),
        "inpatient_copay_days": st.integers(0, 10),
        "outpatient_copay_usd_per_day": st.sampled_from([0.0, 20.0, 55.0]),
        "outpatient_coinsurance_fraction": fraction,
        "moop_usd": st.sampled_from([500.0, 3400.0, 9250.0]),
        "combined_moop_usd": st.sampled_from([9250.0, 14000.0]),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            terms[name] = draw(strategy)
    if "combined_moop_usd" in terms and terms.get("moop_usd", 0.0) > terms["combined_moop_usd"]:
        del terms["combined_moop_usd"]
    if "moop_usd" in terms:
        terms["moop_met_usd"] = draw(st.sampled_from([0.0, 0.5])) * terms["moop_usd"]
    return terms


@st.composite
def medicare_history(draw):
    return dict(
        medicare_part_a_deductible_met=draw(st.booleans()),
        medicare_benefit_period_days_used=draw(st.integers(0, 150)),
        medicare_lifetime_reserve_days_left=draw(st.integers(0, 60)),
        medicare_psychiatric_days_used=draw(st.integers(0, 190)),
        medicare_part_b_deductible_met_usd=draw(st.integers(0, 400).map(float)),
    )


@st.composite
def insurance(draw, plan_types=ALL_PLANS):
    plan = draw(st.sampled_from(plan_types))
    ins = {"plan_type": plan}
    if plan == "medicare_advantage":
        ins["medicare_advantage"] = draw(advantage_terms())
    if plan == "medigap":
        letter = draw(st.sampled_from(MEDIGAP_PLANS))
        ins["medigap"] = {"plan": letter, "eligible_before_2020": letter in ("C", "F") or draw(st.booleans())}
        if letter in ("K", "L") and draw(st.booleans()):
            ins["medigap"]["oop_limit_usd"] = draw(st.sampled_from([500.0, 3530.0]))
    if plan == "medicare_medicaid":
        ins["dual_status"] = draw(st.sampled_from(["qmb", "full", "premium_only"]))
        if draw(st.booleans()):
            ins.update(copay_per_day_usd=draw(st.sampled_from([0.0, 4.0])), copay_per_admission_usd=75.0)
    if plan in ("medigap", "medicare_medicaid") and draw(st.booleans()):
        ins.update(draw(medicare_history()))
    if plan in ("employer", "marketplace", "medicaid"):
        ded = draw(st.integers(0, 5000).map(float))
        oop = ded + draw(st.integers(0, 8000).map(float))
        ins.update(
            deductible_usd=ded,
            deductible_met_usd=draw(st.floats(0, 1)) // 0.25 * 0.25 * ded,
            coinsurance_fraction=draw(fraction),
            oop_max_usd=oop,
            oop_met_usd=draw(st.sampled_from([0.0, 0.5, 1.0])) * oop,
            copay_per_day_usd=draw(st.sampled_from([0.0, 0.0, 25.0, 100.0])),
            copay_per_admission_usd=draw(st.sampled_from([0.0, 250.0])),
            copay_before_deductible=draw(st.booleans()),
            plan_year_renews_month=draw(st.integers(1, 12)),
            plan_year_renews_day=draw(st.sampled_from([1, 15, 28])),
        )
        if draw(st.booleans()):
            ins["out_of_network"] = {
                "covered": draw(st.booleans()),
                "allowed_fraction_of_billed": draw(fraction),
                "deductible_usd": draw(money),
                "coinsurance_fraction": draw(fraction),
                "no_oop_max": draw(st.booleans()),
                "balance_billing": draw(st.booleans()),
            }
    elif plan == "medicare":
        ins.update(
            medicare_part_a_deductible_met=draw(st.booleans()),
            medicare_benefit_period_days_used=draw(st.integers(0, 150)),
            medicare_lifetime_reserve_days_left=draw(st.integers(0, 60)),
            medicare_psychiatric_days_used=draw(st.integers(0, 190)),
            medicare_part_b_deductible_met_usd=draw(st.integers(0, 400).map(float)),
        )
    return ins


@st.composite
def households(draw):
    schedule = draw(st.sampled_from(["day", "day", "evening", "night", "not_working"]))
    h = {
        "work_schedule": schedule,
        "pay_usd_per_hour": draw(st.sampled_from([0.0, 15.0, 30.0, 80.0])),
        "work_hours_per_week": draw(st.sampled_from([0.0, 20.0, 40.0, 50.0])),
        "work_days_per_week": draw(st.integers(1, 7)),
        "paid_time_off_hours": draw(st.sampled_from([0.0, 16.0, 144.0])),
        "patient_is_caregiver": draw(st.booleans()),
        "children": [draw(children()) for _ in range(draw(st.integers(0, 3)))],
        "family_help_hours_per_week": draw(st.sampled_from([0.0, 0.0, 20.0, 112.0, 168.0])),
        "family_help": draw(family_help()),
        "partner_pay_usd_per_hour": draw(st.sampled_from([0.0, 25.0])),
        "partner_drives_to_sessions": draw(st.booleans()),
        "use_state_program": draw(st.booleans()),
        "benefit_order": draw(st.sampled_from(["best", "pto_first", "state_first"])),
        "partner_family_leave": draw(st.booleans()),
        "voluntary_leave_insurance": draw(st.booleans()),
    }
    state = draw(
        st.sampled_from([None, "CA", "NJ", "WA", "NY", "TX", "MN", "ME", "DE", "DC", "MD", "VT", "RI", "IL", "PR"])
    )
    if state:
        h["state"] = state
    h["lose_whole_shift"] = draw(st.sampled_from([None, True, False]))
    h["driving_cost"] = draw(st.sampled_from(["running_cost", "irs_business_rate"]))
    h["count_food_at_home"] = draw(st.booleans())
    if h["lose_whole_shift"] is None:
        del h["lose_whole_shift"]
    if draw(st.booleans()):
        h["short_term_disability"] = {
            "replacement_fraction": draw(fraction),
            "waiting_days": draw(st.integers(0, 14)),
            "weekly_cap_usd": draw(money),
            "max_weeks": draw(st.integers(1, 26)),
            "paid_with_after_tax_premiums": draw(st.booleans()),
        }
    return h


@st.composite
def children(draw):
    child = {"age_years": draw(st.integers(0, 17))}
    for name in ("school_hours_per_week", "paid_care_hours_per_week"):
        if draw(st.booleans()):
            child[name] = draw(st.sampled_from([0.0, 15.0, 32.5, 44.6, 60.0]))
    return child


@st.composite
def family_help(draw):
    """Unpaid help by part of the day, each within its part's hours."""
    limits = {
        "weekday_daytime_hours_per_week": 50.0,
        "weekday_evening_hours_per_week": 25.0,
        "night_hours_per_week": 63.0,
        "weekend_hours_per_week": 30.0,
    }
    return {name: draw(st.sampled_from([0.0, 0.0, 0.5, 1.0])) * top for name, top in limits.items()}


@st.composite
def taxes(draw):
    t = {"hsa_fsa_usd": draw(st.sampled_from([0.0, 0.0, 500.0, 5000.0]))}
    status = draw(st.sampled_from([None, "single", "married_joint", "head_of_household"]))
    if status:
        t["filing_status"] = status
    if draw(st.booleans()):
        t["other_income_usd_per_year"] = draw(st.sampled_from([0.0, 30000.0, 250000.0]))
    t["other_itemized_deductions_usd"] = draw(st.sampled_from([0.0, 0.0, 20000.0]))
    return t


@st.composite
def scenarios(draw, plan_types=ALL_PLANS, in_network_only=False):
    n_options = draw(st.integers(2, 3))
    options = []
    for i in range(n_options):
        stage_list = draw(st.lists(stages(), min_size=1, max_size=3))
        if in_network_only:
            for s in stage_list:
                s["in_network"] = True
                s.pop("authorized_days", None)
                s.pop("cash_price_usd_per_day", None)
        option = {"name": f"Option {i + 1}", "stages": stage_list}
        if draw(st.booleans()):
            option["other_costs"] = [{"label": "Extra", "amount_usd": draw(money)}]
        options.append(option)
    data = {
        "start_date": draw(st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))),
        "household": draw(households()),
        "insurance": draw(insurance(plan_types)),
        "taxes": draw(taxes()),
        "options": options,
    }
    return scenario_from_dict(data)


# ---- one plan's cost sharing: daily allowed amounts, copays, plan-year segments, terms ------

allowed_amounts = st.floats(0, 2_000, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw):
    days = draw(st.integers(1, 40))
    allowed = draw(st.lists(allowed_amounts, min_size=days, max_size=days))
    day_copay = draw(st.lists(st.sampled_from([0.0, 0.0, 25.0, 50.0, 400.0]), min_size=days, max_size=days))
    admission = [0.0] * days
    for i in draw(st.lists(st.integers(0, days - 1), max_size=3)):
        admission[i] = draw(st.sampled_from([100.0, 343.0, 1_500.0]))
    renewals = sorted(draw(st.lists(st.integers(1, max(1, days - 1)), max_size=2, unique=True)))
    segment = np.zeros(days, dtype=int)
    for r in renewals:
        if r < days:
            segment[r:] += 1
    ded = draw(st.floats(0, 5_000))
    oop = ded + draw(st.floats(0, 10_000))
    terms = dict(
        ded=ded,
        ded_met=draw(st.floats(0, 1)) * ded,
        coins=draw(st.sampled_from([0.0, 0.1, 0.2, 0.21, 0.5, 1.0])),
        oop=draw(st.sampled_from([oop, np.inf])),
        before=draw(st.booleans()),
    )
    terms["oop_met"] = 0.0 if np.isinf(terms["oop"]) else draw(st.floats(0, 1)) * terms["oop"]
    return np.array(allowed), np.array(day_copay), np.array(admission), segment, terms


# ---- the other payers' rules: raw day-by-day inputs -----------------------------------------


def _segments(draw, days):
    renewals = sorted(draw(st.lists(st.integers(1, max(1, days - 1)), max_size=2, unique=True)))
    segment = np.zeros(days, dtype=int)
    for r in renewals:
        if r < days:
            segment[r:] += 1
    return segment


@st.composite
def advantage_days(draw):
    """One Medicare Advantage plan's days: allowed amounts, copays due, coinsurance, years, MOOP."""
    days = draw(st.integers(1, 40))
    allowed = np.array(draw(st.lists(allowed_amounts, min_size=days, max_size=days)))
    copay = np.array(draw(st.lists(st.sampled_from([0.0, 0.0, 20.0, 395.0, 2500.0]), min_size=days, max_size=days)))
    coins = np.array(draw(st.lists(st.sampled_from([0.0, 0.2, 0.5]), min_size=days, max_size=days)))
    moop = draw(st.sampled_from([np.inf, 0.0, 500.0, 3_000.0, 9_250.0]))
    met = 0.0 if np.isinf(moop) else draw(st.floats(0, 1)) * moop
    return allowed, copay, coins, _segments(draw, days), moop, met


@st.composite
def medicare_cost_sharing(draw):
    """One person's Medicare cost sharing by part, day by day, and a supplement to pay it."""
    days = draw(st.integers(1, 40))
    part = lambda values: np.array(draw(st.lists(st.sampled_from(values), min_size=days, max_size=days)))  # noqa: E731
    parts = {
        "part_a_deductible": part([0.0, 0.0, 500.0, 1736.0]),
        "part_a_coinsurance": part([0.0, 0.0, 434.0, 868.0]),
        "part_b_deductible": part([0.0, 0.0, 100.0, 283.0]),
        "part_b_coinsurance": part([0.0, 12.5, 51.83, 200.0]),
    }
    office = np.array(draw(st.lists(st.booleans(), min_size=days, max_size=days)))
    medicaid_due = part([0.0, 0.0, 4.0, 79.0])
    kind = draw(st.sampled_from(["medigap", "medigap", "medigap", "qmb", "full_dual", "premium_only"]))
    plan = draw(st.sampled_from(MEDIGAP_PLANS)) if kind == "medigap" else None
    limit = draw(st.sampled_from([np.inf, 300.0, 2_000.0, 7_060.0])) if plan in ("K", "L") else np.inf
    terms = dict(
        kind=kind,
        plan=plan,
        copay=draw(st.sampled_from([0.0, 20.0])) if plan == "N" else 0.0,
        limit=limit,
        met=0.0 if np.isinf(limit) else draw(st.floats(0, 1)) * limit,
    )
    return parts, office, medicaid_due, _segments(draw, days), terms


@st.composite
def inpatient_days(draw):
    """Days in and out of hospital (gaps long enough to open a new benefit period, or not)."""
    pattern = []
    for _ in range(draw(st.integers(1, 3))):
        # Gaps just under, at and over 60 days decide whether a new benefit period opens.
        gap = draw(st.sampled_from([0, 1, 30, 59, 60, 61, 75]))
        pattern += [True] * draw(st.sampled_from([1, 5, 30, 61, 95, 120])) + [False] * gap
    days = len(pattern)
    inpatient = np.array(pattern)
    psychiatric = inpatient & np.array(draw(st.lists(st.booleans(), min_size=days, max_size=days)))
    allowed = np.where(inpatient, draw(st.sampled_from([100.0, 400.0, 1_200.0, 3_000.0])), 0.0)
    history = dict(
        deductible_met=float(draw(st.booleans())),
        days_used=draw(st.integers(0, 150)),
        reserve_left=draw(st.integers(0, 60)),
        psych_used=draw(st.integers(0, 190)),
        gap=draw(st.sampled_from([None, 60])),
    )
    return allowed, inpatient, psychiatric, history
