"""Direct unit tests of the cost-sharing functions and day-grid helpers, with hand-computed arrays."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from calculator import insurance as ins
from calculator import timeline as tl
from calculator.inputs import Dated, MedicareTerms


def row(*x):
    return np.array([x], dtype=float)


def one(x):
    return np.array([x], dtype=float)


# ---- timeline helpers ----------------------------------------------------------------------


def test_plan_year_segments_jan_1():
    # Dec 30, Dec 31, Jan 1, Jan 2
    seg = tl.plan_year_segments(dt.date(2026, 12, 30), 4, 1, 1)
    assert_array_equal(seg, [0, 0, 1, 1])


def test_plan_year_segments_renewal_on_start_date_opens_no_new_year():
    seg = tl.plan_year_segments(dt.date(2026, 7, 1), 3, 7, 1)
    assert_array_equal(seg, [0, 0, 0])


def test_plan_year_segments_two_renewals():
    # Jan 1 2026 start, 400 days: renewals on day 365 (Jan 1 2027) only
    seg = tl.plan_year_segments(dt.date(2026, 1, 1), 400, 1, 1)
    assert seg[364] == 0 and seg[365] == 1 and seg[-1] == 1
    seg = tl.plan_year_segments(dt.date(2026, 6, 30), 370, 7, 1)
    assert seg[0] == 0 and seg[1] == 1 and seg[365] == 1 and seg[366] == 2


def test_segment_cumsum_restarts_each_plan_year():
    x = row(1, 2, 3, 4, 5)
    seg = np.array([0, 0, 1, 1, 2])
    assert_allclose(tl.segment_cumsum(x, seg), row(1, 3, 3, 7, 5))


def test_segment_cumsum_two_draws():
    x = np.array([[1.0, 1, 1], [2, 2, 2]])
    assert_allclose(tl.segment_cumsum(x, np.array([0, 1, 1])), [[1, 1, 2], [2, 2, 4]])


def test_take_within_fills_up_to_the_limit_then_nothing():
    step = row(400, 400, 400, 400)
    out = tl.take_within(np.cumsum(step, axis=1), step, np.array([[1000.0]]))
    assert_allclose(out, row(400, 400, 200, 0))
    assert out.sum() == pytest.approx(1000)


def test_take_within_infinite_and_zero_limits():
    step = row(5, 5)
    assert_allclose(tl.take_within(np.cumsum(step, axis=1), step, np.array([[np.inf]])), step)
    assert_allclose(tl.take_within(np.cumsum(step, axis=1), step, np.array([[0.0]])), row(0, 0))


def test_schedule_mask_patterns():
    wd = tl.weekdays(dt.date(2026, 3, 2), 7)  # Monday
    assert_array_equal(wd, [0, 1, 2, 3, 4, 5, 6])
    m = tl.schedule_mask(np.array([3.0, 2.0, 5.0, 7.0, 1.0]), wd)
    assert_array_equal(
        m.astype(int),
        [
            [1, 0, 1, 0, 1, 0, 0],  # Mon, Wed, Fri
            [0, 1, 0, 1, 0, 0, 0],  # Tue, Thu
            [1, 1, 1, 1, 1, 0, 0],
            [1, 1, 1, 1, 1, 1, 1],
            [1, 0, 0, 0, 0, 0, 0],
        ],
    )


def test_schedule_mask_from_a_wednesday_start():
    wd = tl.weekdays(dt.date(2026, 3, 4), 7)  # Wed .. Tue
    assert_array_equal(tl.schedule_mask(np.array([3.0]), wd).astype(int), [[1, 0, 1, 0, 0, 1, 0]])


# ---- serve -----------------------------------------------------------------------------------


def test_serve_waits_for_capacity():
    # 250 owed on day 1; capacity 0, 0, 0, 100, 400
    paid = ins.serve(row(250, 0, 0, 0, 0), row(0, 0, 0, 100, 400))
    assert_allclose(paid, row(0, 0, 0, 100, 150))


def test_serve_pays_at_once_when_capacity_is_there():
    assert_allclose(ins.serve(row(50, 50, 50), row(400, 400, 400)), row(50, 50, 50))


def test_serve_backlog_of_daily_demand():
    # 50/day owed, capacity 0, 0, 200, 400
    assert_allclose(ins.serve(row(50, 50, 50, 50), row(0, 0, 200, 400)), row(0, 0, 150, 50))


def test_serve_never_pays_more_than_owed_or_than_capacity():
    paid = ins.serve(row(10, 0, 30), row(5, 100, 10))
    assert_allclose(paid, row(5, 5, 10))


# ---- commercial ----------------------------------------------------------------------------


def _commercial(allowed, copay=None, seg=None, admission=None, **kw):
    """``copay``: per-day copays owed; ``admission``: admission copays owed (both by day)."""
    allowed = np.asarray(allowed, dtype=float)
    day = np.zeros_like(allowed) if copay is None else np.asarray(copay, dtype=float)
    adm = np.zeros_like(allowed) if admission is None else np.asarray(admission, dtype=float)
    seg = np.zeros(allowed.shape[1], dtype=int) if seg is None else np.asarray(seg)
    terms = dict(
        deductible=1000.0,
        deductible_met=0.0,
        coinsurance=0.2,
        oop_max=np.inf,
        oop_met=0.0,
        copay_before_deductible=False,
    )
    terms.update(kw)
    for k in ("deductible", "deductible_met", "coinsurance", "oop_max", "oop_met"):
        terms[k] = one(terms[k])
    return ins.commercial(allowed, (day, adm), seg, **terms)


def test_commercial_deductible_then_coinsurance():
    r = _commercial(row(400, 400, 400, 400))
    assert_allclose(r["deductible"], row(400, 400, 200, 0))
    assert_allclose(r["coinsurance"], row(0, 0, 40, 80))
    assert_allclose(r["patient"], row(400, 400, 240, 80))
    assert_allclose(r["insurer"], row(0, 0, 160, 320))


def test_commercial_out_of_pocket_maximum_mid_stay():
    r = _commercial(row(400, 400, 400, 400), oop_max=1100.0)
    # before cap 400, 400, 240, 80 -> cumulative 400, 800, 1040, 1120 -> cap 1100
    assert_allclose(r["patient"], row(400, 400, 240, 60))
    assert_allclose(r["before_cap"] - r["patient"], row(0, 0, 0, 20))


def test_commercial_amounts_already_met():
    r = _commercial(row(400, 400), deductible_met=700.0, oop_met=900.0, oop_max=1200.0)
    # deductible left 300; coins 0.2 x 100 = 20, 0.2 x 400 = 80 -> 320, 80; OOP left 300
    assert_allclose(r["deductible"], row(300, 0))
    assert_allclose(r["patient"], row(300, 0))


def test_commercial_new_plan_year_restarts_deductible_and_maximum():
    r = _commercial(row(600, 600, 600), seg=[0, 1, 1], deductible_met=1000.0, oop_max=1500.0, oop_met=1500.0)
    # year 0: all met and at the maximum -> 0; year 1: deductible 600 + 400, then 20% x 200 = 40
    assert_allclose(r["patient"], row(0, 600, 440))
    assert_allclose(r["deductible"], row(0, 600, 400))


def test_commercial_admission_copay_after_deductible_waits():
    r = _commercial(row(400, 400, 400, 400, 400), admission=row(250, 0, 0, 0, 0), deductible=1500.0)
    # deductible takes days 1-3 and 300 of day 4; the 250 owed on day 1 comes out of day 4's 100
    # and 150 of day 5's 400; coinsurance 20% x (400 - 150) = 50
    assert_allclose(r["copay"], row(0, 0, 0, 100, 150))
    assert_allclose(r["coinsurance"], row(0, 0, 0, 0, 50))


def test_commercial_daily_copay_after_deductible_is_not_owed_on_days_the_deductible_takes():
    r = _commercial(row(400, 400, 400, 400, 400), copay=row(50, 50, 50, 50, 50), deductible=1000.0)
    # deductible 400, 400, 200; day 3 has 200 left: copay 50, coinsurance 20% x 150 = 30;
    # days 4-5: copay 50, coinsurance 20% x 350 = 70
    assert_allclose(r["deductible"], row(400, 400, 200, 0, 0))
    assert_allclose(r["copay"], row(0, 0, 50, 50, 50))
    assert_allclose(r["coinsurance"], row(0, 0, 30, 70, 70))


def test_commercial_copay_before_deductible():
    r = _commercial(row(400, 400, 400), copay=row(100, 100, 100), copay_before_deductible=True, deductible=500.0)
    assert_allclose(r["copay"], row(100, 100, 100))
    assert_allclose(r["deductible"], row(300, 200, 0))
    assert_allclose(r["coinsurance"], row(0, 20, 60))


def test_commercial_patient_plus_insurer_is_allowed():
    rng = np.random.default_rng(1)
    allowed = rng.uniform(0, 900, (1, 40))
    r = _commercial(allowed, copay=rng.uniform(0, 60, (1, 40)), seg=[0] * 20 + [1] * 20, oop_max=3000.0)
    assert_allclose(r["patient"] + r["insurer"], allowed)
    assert (r["patient"] >= -1e-9).all() and (r["insurer"] >= -1e-9).all()


# ---- Medicare ------------------------------------------------------------------------------


def _medicare(**kw):
    m = {
        "part_a_deductible": 1736.0,
        "day_61_90": 434.0,
        "reserve_day": 868.0,
        "full_days": 60.0,
        "coinsurance_days_end": 90.0,
        "reserve_left": 60.0,
        "psych_limit": 190.0,
        "psych_used": 0.0,
        "days_used": 0.0,
        "part_a_met": 0.0,
        "part_b_deductible": 283.0,
        "part_b_met": 0.0,
        "part_b_coinsurance": 0.2,
    }
    m.update(kw)
    m = {k: one(v) for k, v in m.items()}

    def dated(x):  # one value in force on every day
        return Dated(x[:, None], np.zeros(1, dtype=int))

    return MedicareTerms(
        part_a_deductible_usd=dated(m["part_a_deductible"]),
        part_a_deductible_met=m["part_a_met"],
        day_61_90_usd_per_day=dated(m["day_61_90"]),
        reserve_day_usd_per_day=dated(m["reserve_day"]),
        full_coverage_days=m["full_days"],
        coinsurance_days_end=m["coinsurance_days_end"],
        reserve_days_left=m["reserve_left"],
        psychiatric_limit_days=m["psych_limit"],
        psychiatric_days_used=m["psych_used"],
        benefit_period_days_used=m["days_used"],
        part_b_deductible_usd=dated(m["part_b_deductible"]),
        part_b_deductible_met_usd=m["part_b_met"],
        part_b_coinsurance_fraction=m["part_b_coinsurance"],
    )


def test_part_a_deductible_then_free_then_coinsurance_then_reserve_then_nothing():
    d = 5
    allowed = np.full((1, d), 1000.0)
    inpatient = np.ones((1, d), dtype=bool)
    m = _medicare(days_used=88.0, reserve_left=2.0)
    r = ins.medicare_part_a(allowed, inpatient, np.zeros_like(inpatient), m)
    # benefit days 89, 90 (434), 91, 92 (reserve 868), 93 (not covered); deductible 1,736 first
    assert_array_equal(r["covered"], [[True, True, True, True, False]])
    assert_allclose(r["deductible"], row(1000, 736, 0, 0, 0))
    assert_allclose(r["coinsurance"], row(0, 264, 868, 868, 0))
    assert_allclose(r["patient"], row(1000, 1000, 868, 868, 0))
    assert_array_equal(r["reserve_day"], [[False, False, True, True, False]])
    assert_allclose(r["patient"] + r["insurer"], row(1000, 1000, 1000, 1000, 0))


def test_part_a_first_60_days_cost_only_the_deductible():
    allowed = np.full((1, 60), 500.0)
    r = ins.medicare_part_a(allowed, np.ones((1, 60), bool), np.zeros((1, 60), bool), _medicare())
    assert r["patient"].sum() == pytest.approx(1736)
    r = ins.medicare_part_a(allowed, np.ones((1, 60), bool), np.zeros((1, 60), bool), _medicare(part_a_met=1.0))
    assert r["patient"].sum() == pytest.approx(0)


def test_part_a_psychiatric_limit():
    allowed = np.full((1, 4), 1000.0)
    day = np.ones((1, 4), bool)
    r = ins.medicare_part_a(allowed, day, day, _medicare(psych_used=188.0, part_a_met=1.0))
    assert_array_equal(r["covered"], [[True, True, False, False]])
    assert_allclose(r["insurer"], row(1000, 1000, 0, 0))


def test_part_b_deductible_resets_on_calendar_year():
    allowed = row(300, 300, 300, 300)
    r = ins.medicare_part_b(allowed, np.array([0, 0, 1, 1]), _medicare(part_b_met=100.0))
    # year 0: deductible 183, then 20% of 117 and of 300; year 1: 283 then 20% of 17 and 300
    assert_allclose(r["deductible"], row(183, 0, 283, 0))
    assert_allclose(r["coinsurance"], row(23.4, 60, 3.4, 60))
    assert_allclose(r["patient"] + r["insurer"], allowed)


def test_part_b_met_above_deductible_is_harmless():
    r = ins.medicare_part_b(row(100.0), np.array([0]), _medicare(part_b_met=500.0))
    assert_allclose(r["deductible"], row(0))
    assert_allclose(r["patient"], row(20))


def test_part_a_amounts_are_those_in_force_when_the_benefit_period_began():
    # A stay from late December into January: the law sets the daily coinsurance as a share of
    # the deductible "applicable to the spell of illness", so the year the stay began decides.
    allowed = np.full((1, 4), 1000.0)
    day = np.ones((1, 4), bool)
    m = _medicare(days_used=60.0, part_a_met=1.0)
    m = MedicareTerms(
        **{
            **{f: getattr(m, f) for f in m.__dataclass_fields__},
            "day_61_90_usd_per_day": Dated(np.array([[434.0, 999.0]]), np.array([0, 0, 1, 1])),
        }
    )
    r = ins.medicare_part_a(allowed, day, np.zeros_like(day), m)
    assert_allclose(r["coinsurance"], row(434, 434, 434, 434))


def test_part_b_deductible_follows_each_calendar_year():
    # Each calendar year has its own deductible: 283 in the first, 300 in the next.
    m = _medicare()
    m = MedicareTerms(
        **{
            **{f: getattr(m, f) for f in m.__dataclass_fields__},
            "part_b_deductible_usd": Dated(np.array([[283.0, 300.0]]), np.array([0, 0, 1, 1])),
        }
    )
    r = ins.medicare_part_b(row(500, 0, 500, 0), np.array([0, 0, 1, 1]), m)
    assert_allclose(r["deductible"], row(283, 0, 300, 0))
