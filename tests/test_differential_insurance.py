"""The vectorized cost-sharing against a plain day-by-day loop written separately.

``calculator.insurance.commercial`` works with running totals (no Python loop over days), which
is fast but easy to get subtly wrong. This file re-implements the documented order of
operations the obvious way — one day at a time, carrying the accumulators — and checks the two
agree on random plans and bills, plan-year resets and copays included.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from strategies import plans

from calculator import insurance as ins


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
