"""The vectorized cost-sharing against a plain day-by-day loop written separately.

``calculator.insurance`` works with running totals (no Python loop over days), which is fast
but easy to get subtly wrong. This file re-implements each documented order of operations the
obvious way — one day at a time, carrying the accumulators — and checks the two agree on random
plans and bills: commercial plans (plan-year resets and copays included), Medicare Advantage
(copays, coinsurance, the MOOP by calendar year), every Medigap plan, QMB, full and
premium-only Medicaid help (Plan N copays and the K/L limits included), and Part A with benefit
periods that restart after 60 days out of hospital. ``test_payers_end_to_end`` does the same for
whole scenarios through the engine.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import advantage_days, inpatient_days, medicare_cost_sharing, plans

from calculator import compare, default_assumptions, scenario_from_dict
from calculator import insurance as ins
from calculator.inputs import Dated, MedicareTerms, SupplementTerms
from calculator.timeline import WEEK_PATTERNS


def reference(allowed, day_copay, admission_copay, segment, *, ded, ded_met, coins, oop, oop_met, before):
    """One plan, one day at a time, exactly as the module docstring describes."""
    out = {k: [] for k in ("deductible", "copay", "coinsurance", "patient")}
    ded_left, oop_left = ded - ded_met, oop - oop_met
    waiting = 0.0  # copay owed but not yet paid (only an admission copay can wait, or any copay paid first)
    for d, a in enumerate(allowed):
        if d > 0 and segment[d] != segment[d - 1]:
            ded_left, oop_left = ded, oop
        if before:
            owed = waiting + day_copay[d] + admission_copay[d]
            copay = min(owed, a)
            waiting = owed - copay
            rest = a - copay
            deductible = min(rest, ded_left)
            coinsured = rest - deductible
        else:
            deductible = min(a, ded_left)
            after = a - deductible
            day_paid = min(day_copay[d], after)
            owed = waiting + admission_copay[d]
            admission_paid = min(owed, after - day_paid)
            waiting = owed - admission_paid
            copay = day_paid + admission_paid
            coinsured = after - copay
        ded_left -= deductible
        co = coins * coinsured
        patient = min(deductible + copay + co, oop_left)
        oop_left -= patient
        for k, v in (("deductible", deductible), ("copay", copay), ("coinsurance", co), ("patient", patient)):
            out[k].append(v)
    return {k: np.array(v) for k, v in out.items()}


@settings(max_examples=400, deadline=None, derandomize=True)
@given(plans())
def test_vectorized_cost_sharing_matches_a_day_by_day_loop(case):
    allowed, day_copay, admission, segment, t = case
    want = reference(allowed, day_copay, admission, segment, **t)
    one = lambda x: np.array([float(x)])  # noqa: E731
    got = ins.commercial(
        allowed[None, :],
        (day_copay[None, :], admission[None, :]),
        segment,
        deductible=one(t["ded"]),
        deductible_met=one(t["ded_met"]),
        coinsurance=one(t["coins"]),
        oop_max=one(t["oop"]),
        oop_met=one(t["oop_met"]),
        copay_before_deductible=t["before"],
    )
    for key in want:
        np.testing.assert_allclose(got[key][0], want[key], atol=1e-6, err_msg=key)
    np.testing.assert_allclose(got["patient"][0] + got["insurer"][0], allowed, atol=1e-6)


# ---- the other payers: each rule against a plain loop written from its docstring ----------------


def _one(x):
    return np.array([float(x)])


def reference_advantage(allowed, copay_due, coins, segment, moop, met):
    """Medicare Advantage, one day at a time: copay, coinsurance on the rest, stop at the MOOP."""
    out = {k: [] for k in ("copay", "coinsurance", "patient")}
    left = moop - met
    for d, a in enumerate(allowed):
        if d > 0 and segment[d] != segment[d - 1]:
            left = moop
        copay = min(copay_due[d], a)
        co = coins[d] * (a - copay)
        patient = min(copay + co, left)
        left -= patient
        for k, v in (("copay", copay), ("coinsurance", co), ("patient", patient)):
            out[k].append(v)
    return {k: np.array(v) for k, v in out.items()}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(advantage_days())
def test_medicare_advantage_matches_a_day_by_day_loop(case):
    allowed, copay, coins, segment, moop, met = case
    want = reference_advantage(allowed, copay, coins, segment, moop, met)
    room = np.where(segment == 0, moop - met, moop)[None, :]
    got = ins.medicare_advantage(allowed[None, :], copay[None, :], coins[None, :], segment, room)
    for key in want:
        np.testing.assert_allclose(got[key][0], want[key], atol=1e-6, err_msg=key)
    np.testing.assert_allclose(got["patient"][0] + got["insurer"][0], allowed, atol=1e-6)


def reference_supplement(parts, office, medicaid_due, segment, t):
    """What Medigap or Medicaid pays of each day's Medicare cost sharing, one day at a time."""
    paid, kept_all = [], []
    limit_left = t["limit"] - t["met"]
    for d in range(len(office)):
        if d > 0 and segment[d] != segment[d - 1]:
            limit_left = t["limit"]
        owed = {p: parts[p][d] for p in ins.MEDICARE_PARTS}
        total = sum(owed.values())
        if t["kind"] == "qmb":
            pay, kept = total, 0.0
        elif t["kind"] == "full_dual":
            kept = min(medicaid_due[d], total)
            pay = total - kept
        elif t["kind"] == "premium_only":
            pay, kept = 0.0, 0.0
        else:
            shares = dict(zip(ins.MEDICARE_PARTS, ins.MEDIGAP_BENEFITS[t["plan"]], strict=True))
            pays = {p: shares[p] * owed[p] for p in owed}
            kept = min(t["copay"], pays["part_b_coinsurance"]) if office[d] else 0.0
            pays["part_b_coinsurance"] -= kept
            family = sum(owed[p] - pays[p] for p in owed if p != "part_b_deductible")
            counted = min(family, max(limit_left, 0.0))
            limit_left -= counted
            pay = sum(pays.values()) + (family - counted)
        paid.append(pay)
        kept_all.append(kept)
    return np.array(paid), np.array(kept_all)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(medicare_cost_sharing())
def test_medigap_and_medicaid_pay_what_a_day_by_day_loop_says(case):
    parts, office, medicaid_due, segment, t = case
    want_paid, want_kept = reference_supplement(parts, office, medicaid_due, segment, t)
    shares = ins.MEDIGAP_BENEFITS.get(t["plan"], (1.0, 1.0, 1.0, 1.0))
    terms = SupplementTerms(
        kind=t["kind"],
        plan=t["plan"],
        part_a_deductible_fraction=shares[0],
        part_a_coinsurance_fraction=shares[1],
        part_b_deductible_fraction=shares[2],
        part_b_coinsurance_fraction=shares[3],
        office_copay_usd_per_visit=_one(t["copay"]),
        oop_limit_usd=_one(t["limit"]),
        oop_met_usd=_one(t["met"]),
        medicaid_copay_per_day_usd=_one(0),
        medicaid_copay_per_admission_usd=_one(0),
    )
    got = ins.supplement(
        {k: v[None, :] for k, v in parts.items()}, terms, segment, office[None, :], medicaid_due[None, :]
    )
    np.testing.assert_allclose(got["paid"][0], want_paid, atol=1e-6)
    np.testing.assert_allclose(got["copay_kept"][0], want_kept, atol=1e-6)
    owed = sum(parts.values())
    assert (got["paid"][0] <= owed + 1e-6).all() and (got["paid"][0] >= -1e-6).all()


DEDUCTIBLE, DAY_61_90, RESERVE = 1736.0, 434.0, 868.0


def reference_part_a(allowed, inpatient, psychiatric, h):
    """Part A, one day at a time, with benefit periods that restart after ``gap`` days out."""
    out = {k: np.zeros(len(allowed)) for k in ("deductible", "coinsurance")}
    covered_days = np.zeros(len(allowed), dtype=bool)
    day_in_period, deductible_left = h["days_used"], DEDUCTIBLE * (1 - h["deductible_met"])
    beyond, psych, last = 0, h["psych_used"], None
    for d in range(len(allowed)):
        if not inpatient[d]:
            continue
        if last is not None and h["gap"] is not None and d - last - 1 >= h["gap"]:
            day_in_period, deductible_left = 0, DEDUCTIBLE
        last = d
        day_in_period += 1
        psych += bool(psychiatric[d])
        regular = day_in_period <= 90
        beyond += not regular
        reserve = not regular and beyond <= h["reserve_left"]
        if not (regular or reserve) or (psychiatric[d] and psych > 190):
            continue
        covered_days[d] = True
        ded = min(allowed[d], deductible_left)
        deductible_left -= ded
        rate = 0.0 if day_in_period <= 60 else DAY_61_90 if regular else RESERVE
        out["deductible"][d] = ded
        out["coinsurance"][d] = min(rate, allowed[d] - ded)
    return out, covered_days


def _medicare_terms(days, h):
    fixed = lambda v: Dated(np.array([[v]]), np.zeros(days, dtype=int))  # noqa: E731
    return MedicareTerms(
        part_a_deductible_usd=fixed(DEDUCTIBLE),
        part_a_deductible_met=_one(h["deductible_met"]),
        day_61_90_usd_per_day=fixed(DAY_61_90),
        reserve_day_usd_per_day=fixed(RESERVE),
        full_coverage_days=_one(60),
        coinsurance_days_end=_one(90),
        reserve_days_left=_one(h["reserve_left"]),
        psychiatric_limit_days=_one(190),
        psychiatric_days_used=_one(h["psych_used"]),
        benefit_period_days_used=_one(h["days_used"]),
        part_b_deductible_usd=fixed(283.0),
        part_b_deductible_met_usd=_one(0),
        part_b_coinsurance_fraction=_one(0.2),
        new_period_after_days=None if h["gap"] is None else _one(h["gap"]),
    )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(inpatient_days())
def test_part_a_with_new_benefit_periods_matches_a_day_by_day_loop(case):
    allowed, inpatient, psychiatric, h = case
    want, covered = reference_part_a(allowed, inpatient, psychiatric, h)
    got = ins.medicare_part_a(
        allowed[None, :], inpatient[None, :], psychiatric[None, :], _medicare_terms(len(allowed), h)
    )
    np.testing.assert_array_equal(got["covered"][0], covered)
    for key in want:
        np.testing.assert_allclose(got[key][0], want[key], atol=1e-6, err_msg=key)


# ---- whole scenarios through the engine, against a loop over the calendar -----------------------

START = dt.date(2026, 1, 5)  # a Monday


@st.composite
def payer_cases(draw):
    """A stay then an IOP, in network, priced per day, for one of the new payers."""
    plan = draw(st.sampled_from(["medicare_advantage", "medigap", "medicare_medicaid", "uninsured"]))
    case = {
        "start": START + dt.timedelta(days=7 * draw(st.integers(0, 50))),
        "stay_days": draw(st.sampled_from([3, 5, 30, 65, 95])),
        "stay_price": draw(st.sampled_from([400.0, 1200.0])),
        "iop_days": draw(st.sampled_from([7, 28, 56])),
        "iop_per_week": draw(st.integers(1, 5)),
        "iop_price": draw(st.sampled_from([150.0, 259.13])),
        "insurance": {"plan_type": plan},
        "discount": None,
        "state_funded": False,
    }
    ins_ = case["insurance"]
    if plan == "medicare_advantage":
        ins_["medicare_advantage"] = {
            "network": "hmo",
            "inpatient_copay_usd_per_day": draw(st.sampled_from([0.0, 395.0, 2000.0])),
            "inpatient_copay_days": draw(st.integers(0, 10)),
            "outpatient_copay_usd_per_day": draw(st.sampled_from([0.0, 40.0])),
            "outpatient_coinsurance_fraction": draw(st.sampled_from([0.0, 0.2])),
            "moop_usd": draw(st.sampled_from([1000.0, 5900.0, 9250.0])),
        }
    elif plan == "medigap":
        letter = draw(st.sampled_from(["A", "B", "C", "D", "F", "G", "K", "L", "M", "N"]))
        ins_["medigap"] = {"plan": letter, "eligible_before_2020": True, "oop_limit_usd": 2500.0}
    elif plan == "medicare_medicaid":
        ins_.update(dual_status=draw(st.sampled_from(["qmb", "full", "premium_only"])))
        ins_.update(copay_per_day_usd=4.0, copay_per_admission_usd=75.0)
    else:
        case["discount"] = draw(st.sampled_from([None, 0.4, 1.0]))
        case["state_funded"] = draw(st.booleans())
    return case


def _scenario(case):
    payer = {"state_funded": case["state_funded"]}
    if case["discount"] is not None:
        payer["sliding_scale_discount_fraction"] = case["discount"]
    stay = {"level": "residential", "length_days": case["stay_days"], "price_usd": case["stay_price"]}
    iop = {
        "level": "iop",
        "length_days": case["iop_days"],
        "days_per_week": case["iop_per_week"],
        "hours_per_day": 3,
        "price_usd": case["iop_price"],
    }
    common = {"admission_fee_usd": 0, "distance_miles": 0}
    stay |= common | payer | {"visits_per_week": 0, "no_visit_days": 0, "family_program_days": 0}
    return scenario_from_dict(
        {
            "start_date": case["start"],
            "household": {"work_schedule": "not_working", "patient_is_caregiver": False},
            "insurance": case["insurance"],
            "options": [
                {"name": "Stay then IOP", "stages": [stay, iop | common | payer]},
                {"name": "Nothing", "stages": [{"level": "outpatient", "length_days": 1, "price_usd": 0, **common}]},
            ],
        }
    )


def _days(case):
    """(date, residential?, charged?, price) for each day of the pathway."""
    out = []
    for d in range(case["stay_days"] + case["iop_days"]):
        date = case["start"] + dt.timedelta(days=d)
        if d < case["stay_days"]:
            out.append((date, True, True, case["stay_price"]))
        else:
            program = bool(WEEK_PATTERNS[case["iop_per_week"], date.weekday()])
            out.append((date, False, program, case["iop_price"]))
    return out


def _expected_uninsured(case):
    discount = case["discount"] if case["discount"] is not None else (1.0 if case["state_funded"] else 0.0)
    return sum(price * (1 - discount) for _, _, charged, price in _days(case) if charged)


def _expected_advantage(case):
    a = case["insurance"]["medicare_advantage"]
    total, spent, year, stay_day = 0.0, 0.0, case["start"].year, 0
    for date, residential, charged, price in _days(case):
        if date.year != year:
            year, spent = date.year, 0.0
        if not charged:
            continue
        if residential:
            stay_day += 1
            share = min(a["inpatient_copay_usd_per_day"], price) if stay_day <= a["inpatient_copay_days"] else 0.0
        else:
            copay = min(a["outpatient_copay_usd_per_day"], price)
            share = copay + a["outpatient_coinsurance_fraction"] * (price - copay)
        paid = min(share, a["moop_usd"] - spent)
        spent += paid
        total += paid
    return total


def _medicare_parts(case, library):
    """Original Medicare's cost sharing by part, day by day, for the stay then the IOP."""
    first = case["start"]
    deductible = library.value("medicare_part_a_deductible_usd", first)
    rate_61_90 = library.value("medicare_part_a_coinsurance_day_61_90_usd_per_day", first)
    reserve = library.value("medicare_lifetime_reserve_coinsurance_usd_per_day", first)
    rows, a_left, b_left, year, day = [], deductible, None, None, 0
    for date, residential, charged, price in _days(case):
        if date.year != year:
            year, b_left = date.year, library.value("medicare_part_b_deductible_usd", dt.date(date.year, 1, 1))
        row = dict.fromkeys(ins.MEDICARE_PARTS, 0.0) | {"date": date, "admitted": residential and day == 0}
        if residential:
            day += 1
            row["part_a_deductible"] = min(price, a_left)
            a_left -= row["part_a_deductible"]
            rate = 0.0 if day <= 60 else rate_61_90 if day <= 90 else reserve
            row["part_a_coinsurance"] = min(rate, price - row["part_a_deductible"])
        elif charged:
            row["part_b_deductible"] = min(price, b_left)
            b_left -= row["part_b_deductible"]
            row["part_b_coinsurance"] = 0.2 * (price - row["part_b_deductible"])
        row["covered"] = charged
        rows.append(row)
    return rows


def _expected_original_medicare(case, library):
    ins_ = case["insurance"]
    total, limit_left, year = 0.0, None, None
    for row in _medicare_parts(case, library):
        owed = sum(row[p] for p in ins.MEDICARE_PARTS)
        if ins_["plan_type"] == "medigap":
            if row["date"].year != year:
                year, limit_left = row["date"].year, ins_["medigap"]["oop_limit_usd"]
            shares = dict(zip(ins.MEDICARE_PARTS, ins.MEDIGAP_BENEFITS[ins_["medigap"]["plan"]], strict=True))
            family = {p: row[p] * (1 - shares[p]) for p in ins.MEDICARE_PARTS}
            capped = sum(v for p, v in family.items() if p != "part_b_deductible")
            if ins_["medigap"]["plan"] in ("K", "L"):
                capped = min(capped, limit_left)
                limit_left -= capped
            total += capped + family["part_b_deductible"]
        elif ins_["dual_status"] == "qmb":
            continue
        elif ins_["dual_status"] == "full":
            due = (4.0 if row["covered"] else 0.0) + (75.0 if row["admitted"] else 0.0)
            total += min(due, owed)
        else:
            total += owed
    return total


@settings(max_examples=120, deadline=None, derandomize=True)
@given(payer_cases())
def test_payers_end_to_end(case):
    """The engine's treatment total for each new payer equals a loop over the calendar."""
    library = default_assumptions()
    result = compare(_scenario(case), library)
    got = result.options[0].totals["treatment"]
    plan = case["insurance"]["plan_type"]
    if plan == "uninsured":
        want = _expected_uninsured(case)
    elif plan == "medicare_advantage":
        want = _expected_advantage(case)
    else:
        want = _expected_original_medicare(case, library)
    assert got == pytest.approx(want, abs=0.02), (plan, case)
