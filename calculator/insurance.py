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
psychiatric hospitals; a new benefit period, with a new deductible, after 60 days in a row out
of hospital), Part B for PHP, IOP and outpatient (an annual deductible, then 20 %).

What pays Original Medicare's cost sharing besides the family (:func:`supplement`), applied
after Medicare's own rules, day by day:

1. **Medigap** pays its plan's share of each part: the Part A deductible, the Part A daily
   coinsurance, the Part B deductible and the Part B coinsurance (:data:`MEDIGAP_BENEFITS`).
   Plan N leaves a copay on each standard outpatient (office) visit, up to that day's
   coinsurance. Plans K and L: what the family still owes (the Part B deductible apart) stops
   at the plan's yearly limit; the plan pays the rest of the calendar year.
2. **QMB** (Qualified Medicare Beneficiary): Medicaid pays all of it; the family owes nothing.
3. **Full Medicaid** (not QMB): Medicaid pays it, less its own copays (per day, and per
   admission on the first day of a stay), each no more than that day's cost sharing.
4. **Premium help only** (SLMB, QI): nothing; the family owes Medicare's cost sharing.

Medicare Advantage has its own rules (:func:`medicare_advantage`): in network, a copay for
each of days 1 to N of an inpatient stay and nothing after; a copay and/or coinsurance on each
PHP, IOP or outpatient day; everything stops at the plan's maximum out of pocket (MOOP) for
the calendar year.
"""

from __future__ import annotations

import numpy as np

from .inputs import Dated, MedicareTerms, SupplementTerms
from .timeline import first_true, segment_cumsum, take_within

#: Share of (Part A deductible, Part A daily coinsurance, Part B deductible, Part B coinsurance)
#: each standardized Medigap plan pays (Medicare.gov's benefit chart; K and L from Social Security
#: Act 1882(w)). Every plan also pays 365 extra hospital days after Medicare's run out (not
#: modelled), and F and G the Part B excess charge (not charged in this model).
MEDIGAP_BENEFITS = {
    "A": (0.0, 1.0, 0.0, 1.0),
    "B": (1.0, 1.0, 0.0, 1.0),
    "C": (1.0, 1.0, 1.0, 1.0),
    "D": (1.0, 1.0, 0.0, 1.0),
    "F": (1.0, 1.0, 1.0, 1.0),
    "G": (1.0, 1.0, 0.0, 1.0),
    "K": (0.5, 1.0, 0.0, 0.5),
    "L": (0.75, 1.0, 0.0, 0.75),
    "M": (0.5, 1.0, 0.0, 1.0),
    "N": (1.0, 1.0, 0.0, 1.0),
}
#: The parts of Original Medicare's cost sharing, in the order of :data:`MEDIGAP_BENEFITS`.
MEDICARE_PARTS = ("part_a_deductible", "part_a_coinsurance", "part_b_deductible", "part_b_coinsurance")


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


def benefit_periods(inpatient_day: np.ndarray, gap_days: np.ndarray | None) -> np.ndarray:
    """Benefit period of each day, shape ``(N, D)``: 0 for the first, 1 after a new one opens ...

    Notes
    -----
    A benefit period ends once the person has not been a hospital inpatient for ``gap_days``
    days in a row (the regulation on benefit periods says 60); the next inpatient day opens a
    new one. Days before the first inpatient day belong to period 0.
    """
    if gap_days is None or not inpatient_day.size:
        return np.zeros(inpatient_day.shape, dtype=int)
    idx = np.arange(inpatient_day.shape[1])
    last = np.maximum.accumulate(np.where(inpatient_day, idx, -1), axis=1)
    before = np.concatenate([np.full((inpatient_day.shape[0], 1), -1), last[:, :-1]], axis=1)
    opens = inpatient_day & (before >= 0) & (idx - before - 1 >= gap_days[:, None])
    return np.cumsum(opens, axis=1)


def _within_periods(x: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Running total of ``x`` that restarts on each period's first day (``start``: its index)."""
    cum = np.cumsum(x, axis=1)
    return cum - np.take_along_axis(cum - x, start, axis=1)


def _at(d: Dated, day: np.ndarray, n_days: int) -> np.ndarray:
    """A dated figure's value on a given day for every day, shape ``(N, D)`` (``day``: indexes)."""
    values = np.broadcast_to(d.on_days(n_days), day.shape)
    return np.take_along_axis(values, day, axis=1)


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
        ``coinsurance_day`` (bool: a day 61-90 with daily coinsurance), ``reserve_day``
        (bool: a lifetime reserve day was used) and ``period`` (the benefit period, from 0).

    Notes
    -----
    The benefit day number is the inpatient days so far in the benefit period (plus, in the
    first period, the days already used in it). A new benefit period opens on an inpatient day
    after ``new_period_after_days`` days in a row out of hospital (:func:`benefit_periods`):
    the deductible is owed again and the count starts over. Days 1-60 cost nothing after the
    deductible; days 61-90 cost the day-61-90 coinsurance; later days use lifetime reserve
    days (counted over the whole calendar: they never come back) at the reserve coinsurance
    while any are left; after that, and past the 190-day psychiatric limit, Medicare pays
    nothing (those days are returned as not covered, to be charged at the cash price). The
    deductible and the daily amounts are those in force when the benefit period began (its
    first inpatient day): the law sets the coinsurance as a share of the deductible
    "applicable to the spell of illness".
    """
    n, n_days = allowed.shape
    idx = np.arange(n_days)
    period = benefit_periods(inpatient_day, m.new_period_after_days)
    opens = np.diff(period, axis=1, prepend=0) > 0
    first_day = np.minimum(first_true(inpatient_day), max(n_days - 1, 0))[:, None]
    anchor = np.maximum(np.maximum.accumulate(np.where(opens, idx, -1), axis=1), first_day) if n_days else period
    start = np.maximum.accumulate(np.where(opens, idx, 0), axis=1)
    first_period = period == 0
    benefit_day = np.where(first_period, m.benefit_period_days_used[:, None], 0) + _within_periods(
        inpatient_day.astype(float), start
    )
    psych_count = m.psychiatric_days_used[:, None] + np.cumsum(psychiatric_day, axis=1)
    coins_end = m.coinsurance_days_end[:, None]
    beyond = inpatient_day & (benefit_day > coins_end)
    reserve_day = beyond & (np.cumsum(beyond, axis=1) <= m.reserve_days_left[:, None])
    covered = (
        inpatient_day
        & ((benefit_day <= coins_end) | reserve_day)
        & ~(psychiatric_day & (psych_count > m.psychiatric_limit_days[:, None]))
    )
    covered_allowed = np.where(covered, allowed, 0.0)
    if not n:
        zero = np.zeros_like(allowed)
        return {k: zero for k in ("deductible", "coinsurance", "patient", "insurer")} | {
            "covered": covered,
            "coinsurance_day": covered,
            "reserve_day": covered,
            "period": period,
            "day_61_90_usd_per_day": np.zeros(0),
            "reserve_day_usd_per_day": np.zeros(0),
        }
    deductible = _at(m.part_a_deductible_usd, anchor, n_days)
    deductible_left = deductible * np.where(first_period, 1.0 - m.part_a_deductible_met[:, None], 1.0)
    ded = take_within(_within_periods(covered_allowed, start), covered_allowed, deductible_left)
    day_61_90 = _at(m.day_61_90_usd_per_day, anchor, n_days)
    reserve = _at(m.reserve_day_usd_per_day, anchor, n_days)
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
        "reserve_day": covered & reserve_day,
        "period": period,
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


def medicare_advantage(
    allowed: np.ndarray,
    copay_due: np.ndarray,
    coinsurance: np.ndarray,
    calendar_year: np.ndarray,
    moop_left: np.ndarray,
) -> dict[str, np.ndarray]:
    """A Medicare Advantage plan's in-network cost sharing [USD], shape ``(N, D)``.

    Parameters
    ----------
    allowed : (N, D) array
        The plan's allowed amount on each in-network day [USD].
    copay_due : (N, D) array
        The copay the plan's terms set for each day [USD]: the inpatient copay on days 1 to N
        of each stay, the outpatient copay on each PHP, IOP or outpatient day, 0 otherwise.
    coinsurance : (N, D) array
        The coinsurance fraction on each day (outpatient days; 0 on inpatient days).
    calendar_year : (D,) int array
        Calendar year of each day (the MOOP resets on January 1).
    moop_left : (N, D) array
        The maximum out of pocket in force each day, less what was already spent in the first
        calendar year [USD]; ``inf`` for none.

    Returns
    -------
    dict of (N, D) arrays
        ``copay``, ``coinsured`` (what the coinsurance applies to), ``coinsurance``,
        ``before_cap``, ``patient`` and ``insurer``.

    Notes
    -----
    Each day: the copay (never more than the day's allowed amount), then the coinsurance on
    what is left of the allowed amount; the running sum stops at the year's MOOP and the plan
    pays everything above it. Medicare Advantage plans have no Part A deductible.
    """
    copay = np.minimum(copay_due, allowed)
    coinsured = np.where(coinsurance > 0, allowed - copay, 0.0)
    co = coinsurance * coinsured
    before_cap = copay + co
    patient = take_within(segment_cumsum(before_cap, calendar_year), before_cap, moop_left)
    return {
        "copay": copay,
        "coinsured": coinsured,
        "coinsurance": co,
        "before_cap": before_cap,
        "patient": patient,
        "insurer": allowed - patient,
    }


def supplement(
    parts: dict[str, np.ndarray],
    terms: SupplementTerms,
    calendar_year: np.ndarray,
    office_visit: np.ndarray,
    medicaid_copay_due: np.ndarray,
) -> dict[str, np.ndarray]:
    """What Medigap or Medicaid pays of Original Medicare's cost sharing, day by day [USD].

    Parameters
    ----------
    parts : dict of (N, D) arrays
        The family's Medicare cost sharing by part (:data:`MEDICARE_PARTS`) [USD].
    terms : SupplementTerms
    calendar_year : (D,) int array
        Calendar year of each day (Plans K and L's limit resets on January 1).
    office_visit : (N, D) bool
        Standard outpatient visits (Plan N's copay).
    medicaid_copay_due : (N, D) array
        A full dual's Medicaid copays falling due each day [USD].

    Returns
    -------
    dict of (N, D) arrays
        ``paid`` (all the supplement pays), its parts ``paid_<part>``, ``copay_kept`` (Plan N
        copays or Medicaid copays the family keeps) and ``saved_by_limit`` (Plans K and L:
        paid because the yearly limit was reached).

    Notes
    -----
    See the module docstring for the order of operations of each kind of supplement. The
    family's share is Medicare's cost sharing less ``paid``; patient + Medicare + supplement
    = allowed.
    """
    zero = np.zeros_like(parts["part_a_deductible"])
    owed = sum(parts[p] for p in MEDICARE_PARTS)
    out = {f"paid_{p}": zero for p in MEDICARE_PARTS} | {"copay_kept": zero, "saved_by_limit": zero}
    if terms.kind == "qmb":
        out |= {f"paid_{p}": parts[p] for p in MEDICARE_PARTS}
    elif terms.kind == "full_dual":
        kept = np.minimum(medicaid_copay_due, owed)
        # Medicaid pays each part in full, less its copay, taken from the parts in order.
        left = kept
        for p in MEDICARE_PARTS:
            from_part = np.minimum(left, parts[p])
            out[f"paid_{p}"] = parts[p] - from_part
            left = left - from_part
        out["copay_kept"] = kept
    elif terms.kind == "medigap":
        out = _medigap(parts, terms, calendar_year, office_visit, out)
    out["paid"] = sum(out[f"paid_{p}"] for p in MEDICARE_PARTS) + out["saved_by_limit"]
    return out


def _medigap(parts, terms: SupplementTerms, calendar_year, office_visit, out) -> dict[str, np.ndarray]:
    shares = (
        terms.part_a_deductible_fraction,
        terms.part_a_coinsurance_fraction,
        terms.part_b_deductible_fraction,
        terms.part_b_coinsurance_fraction,
    )
    for p, share in zip(MEDICARE_PARTS, shares, strict=True):
        out[f"paid_{p}"] = share * parts[p]
    office_copay = np.where(office_visit, terms.office_copay_usd_per_visit[:, None], 0.0)
    kept = np.minimum(office_copay, out["paid_part_b_coinsurance"])
    out["paid_part_b_coinsurance"] = out["paid_part_b_coinsurance"] - kept
    out["copay_kept"] = kept
    # Plans K and L: what the family still owes, the Part B deductible apart, stops at the limit.
    left = sum(parts[p] - out[f"paid_{p}"] for p in MEDICARE_PARTS if p != "part_b_deductible")
    limit = per_day(terms.oop_limit_usd, left.shape[1])
    room = np.where(np.atleast_2d(calendar_year == 0), limit - terms.oop_met_usd[:, None], limit)
    counted = take_within(segment_cumsum(left, calendar_year), left, np.maximum(room, 0.0))
    out["saved_by_limit"] = left - counted
    return out
