"""Insurance cost-sharing, day by day, vectorized over draws.

Order of operations for a commercial plan (employer, marketplace, Medicaid), per plan year:

1. **Copays** are owed on each covered program day (``copay_per_day``) and on each admission
   to a residential level (``copay_per_admission``). If ``copay_before_deductible``, they are
   paid first out of the allowed amount and do not count toward the deductible. Otherwise
   they apply after the deductible: a day's copay comes out of what is left of that day after
   the deductible (nothing left, no copay: the day went to the deductible), while an
   admission's copay, owed once for the whole stay, waits until there is something left.
2. **Deductible**: the allowed amount (less any copay paid first) goes to the deductible until
   the plan year's remaining deductible is used up.
3. **Coinsurance**: the coinsurance fraction of what remains after deductible and copay.
4. **Out-of-pocket maximum**: the sum of 1-3 stops at the plan year's remaining maximum; the
   insurer pays everything above it.
5. A new plan year (the renewal date) restarts the deductible and maximum from zero spent.

The insurer pays ``allowed - patient`` each day, so patient + insurer = allowed exactly.
Out-of-network days run the same rules on their own accumulators; the balance bill (billed
minus allowed) is added on top and counts toward no maximum.

Medicare follows its own rules: Part A for residential levels (a deductible per benefit
period, nothing for days 1-60, a daily coinsurance for days 61-90, then lifetime reserve days
at a higher daily coinsurance, then nothing covered; a 190-day lifetime limit in freestanding
psychiatric hospitals), Part B for PHP, IOP and outpatient (an annual deductible, then 20 %).
"""

from __future__ import annotations

import numpy as np

from .inputs import Dated, MedicareTerms
from .timeline import first_true, segment_cumsum, take_within


def per_day(x: np.ndarray | Dated, n_days: int) -> np.ndarray:
    """A term as a ``(N, 1)`` or ``(N, D)`` array: one value per draw, or one per day."""
    if isinstance(x, Dated):
        return x.on_days(n_days)
    return x[:, None] if x.ndim == 1 else x


def serve(demand: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Pay a running ``demand`` out of a daily ``capacity``, first come first served.

    Returns the amount paid each day. With cumulative demand K and capacity C, the total paid
    by day t is ``C(t) + min(0, min over s <= t of (K(s) - C(s)))``.
    """
    k = np.cumsum(demand, axis=1)
    c = np.cumsum(capacity, axis=1)
    paid = c + np.minimum(0.0, np.minimum.accumulate(k - c, axis=1))
    return np.diff(paid, axis=1, prepend=0.0)


def commercial(  # noqa: PLR0913 - the plan's terms are keyword-only, each named where it is passed
    allowed: np.ndarray,
    copays: tuple[np.ndarray, np.ndarray] | None,
    segment: np.ndarray,
    *,
    deductible: np.ndarray,
    deductible_met: np.ndarray,
    coinsurance: np.ndarray,
    oop_max: np.ndarray,
    oop_met: np.ndarray,
    copay_before_deductible: bool,
) -> dict[str, np.ndarray]:
    """Patient and insurer shares of each day's allowed amount [USD], shape ``(N, D)``.

    Parameters
    ----------
    allowed : (N, D) array
        Allowed amount of covered care each day [USD].
    copays : pair of (N, D) arrays, or None
        Per-day copays and admission copays falling due each day [USD]; ``None`` when the
        plan has none.
    segment : (D,) or (N, D) int array
        Plan year of each day (0 = the year the scenario's "already met" amounts belong to); a
        row per draw when each draw has its own start date.
    deductible, deductible_met, coinsurance, oop_max, oop_met : (N,) arrays
        Plan terms [USD, fraction]; ``oop_max`` may be ``inf``. ``deductible`` and ``oop_max``
        may also be ``(N, D)`` arrays of the term in force each day (constant within a plan year).

    Returns
    -------
    dict of (N, D) arrays
        ``deductible``, ``copay``, ``coinsured`` (what the coinsurance applies to),
        ``coinsurance``, ``before_cap`` (deductible + copay + coinsurance), ``patient`` (after
        the out-of-pocket maximum) and ``insurer``.
    """
    first_year = np.atleast_2d(segment == 0)
    n_days = allowed.shape[1]
    deductible, oop_max = per_day(deductible, n_days), per_day(oop_max, n_days)
    deductible_left = np.where(first_year, deductible - deductible_met[:, None], deductible)
    oop_left = np.where(first_year, oop_max - oop_met[:, None], oop_max)
    coins = coinsurance[:, None]
    if copays is None:
        copay = np.zeros_like(allowed)
        ded = take_within(segment_cumsum(allowed, segment), allowed, deductible_left)
        coinsured = allowed - ded
    elif copay_before_deductible:
        copay = serve(copays[0] + copays[1], allowed)
        rest = allowed - copay
        ded = take_within(segment_cumsum(rest, segment), rest, deductible_left)
        coinsured = rest - ded
    else:
        ded = take_within(segment_cumsum(allowed, segment), allowed, deductible_left)
        after = allowed - ded
        day_copay = np.minimum(copays[0], after)
        copay = day_copay + serve(copays[1], after - day_copay)
        coinsured = after - copay
    co = coins * coinsured
    before_cap = ded + copay + co
    patient = take_within(segment_cumsum(before_cap, segment), before_cap, oop_left)
    return {
        "deductible": ded,
        "copay": copay,
        "coinsured": coinsured,
        "coinsurance": co,
        "before_cap": before_cap,
        "patient": patient,
        "insurer": allowed - patient,
    }


def medicare_part_a(
    allowed: np.ndarray,
    inpatient_day: np.ndarray,
    psychiatric_day: np.ndarray,
    m: MedicareTerms,
) -> dict[str, np.ndarray]:
    """Medicare Part A for residential-level days.

    Parameters
    ----------
    allowed : (N, D) array
        Allowed amount on each inpatient day [USD].
    inpatient_day : (N, D) bool
        Days billed as inpatient under Part A.
    psychiatric_day : (N, D) bool
        The subset in a freestanding psychiatric hospital (190-day lifetime limit).
    m : MedicareTerms
        Medicare's amounts and the beneficiary's history.

    Returns
    -------
    dict of (N, D) arrays
        ``covered`` (bool), ``deductible``, ``coinsurance``, ``patient``, ``insurer``,
        ``coinsurance_day`` (bool: a day 61-90 with daily coinsurance) and ``reserve_day``
        (bool: a lifetime reserve day was used).

    Notes
    -----
    The benefit day number is the days already used in the benefit period plus the inpatient
    days so far. Days 1-60 cost nothing after the deductible; days 61-90 cost the day-61-90
    coinsurance; later days use lifetime reserve days at the reserve coinsurance while any are
    left; after that, and past the 190-day psychiatric limit, Medicare pays nothing (those
    days are returned as not covered, to be charged at the cash price). The deductible and the
    daily amounts are those in force when the benefit period began (the first inpatient day):
    the law sets the coinsurance as a share of the deductible "applicable to the spell of
    illness".
    """
    n = allowed.shape[0]
    start = first_true(inpatient_day)
    benefit_day = m.benefit_period_days_used[:, None] + np.cumsum(inpatient_day, axis=1)
    psych_count = m.psychiatric_days_used[:, None] + np.cumsum(psychiatric_day, axis=1)
    coins_end = m.coinsurance_days_end[:, None]
    reserve_end = coins_end + m.reserve_days_left[:, None]
    covered = (
        inpatient_day
        & (benefit_day <= reserve_end)
        & ~(psychiatric_day & (psych_count > m.psychiatric_limit_days[:, None]))
    )
    covered_allowed = np.where(covered, allowed, 0.0)
    deductible = m.part_a_deductible_usd.at(start) if n else np.zeros(0)
    deductible_left = (deductible * (1.0 - m.part_a_deductible_met))[:, None]
    ded = take_within(np.cumsum(covered_allowed, axis=1), covered_allowed, deductible_left)
    day_61_90 = m.day_61_90_usd_per_day.at(start)[:, None]
    reserve = m.reserve_day_usd_per_day.at(start)[:, None]
    full = benefit_day <= m.full_coverage_days[:, None]
    daily = np.where(full, 0.0, np.where(benefit_day <= coins_end, day_61_90, reserve))
    coins = np.where(covered, np.minimum(daily, covered_allowed - ded), 0.0)
    patient = ded + coins
    return {
        "covered": covered,
        "deductible": ded,
        "coinsurance": coins,
        "patient": patient,
        "insurer": covered_allowed - patient,
        "coinsurance_day": covered & ~full & (benefit_day <= coins_end),
        "reserve_day": covered & (benefit_day > coins_end),
        "day_61_90_usd_per_day": day_61_90[:, 0],
        "reserve_day_usd_per_day": reserve[:, 0],
    }


def medicare_part_b(allowed: np.ndarray, calendar_year: np.ndarray, m: MedicareTerms) -> dict[str, np.ndarray]:
    """Medicare Part B for PHP, IOP and outpatient days: annual deductible, then coinsurance.

    ``calendar_year`` is the plan-year segment of each day with renewals on January 1; each
    calendar year has its own deductible (the one in force that year).
    """
    first_year = np.atleast_2d(calendar_year == 0)
    deductible = per_day(m.part_b_deductible_usd, allowed.shape[1])
    deductible_left = np.where(
        first_year, np.maximum(deductible - m.part_b_deductible_met_usd[:, None], 0.0), deductible
    )
    ded = take_within(segment_cumsum(allowed, calendar_year), allowed, deductible_left)
    coinsured = allowed - ded
    co = m.part_b_coinsurance_fraction[:, None] * coinsured
    patient = ded + co
    return {
        "deductible": ded,
        "coinsured": coinsured,
        "coinsurance": co,
        "patient": patient,
        "insurer": allowed - patient,
    }
