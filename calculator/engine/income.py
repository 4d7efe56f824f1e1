"""Lost income: the patient's wages not replaced by paid time off or disability benefits, and a
partner's wages lost to family-program days and driving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..inputs import DisabilityTerms, HouseholdInputs, StateProgramTerms
from ..leave_formulas import weekly_benefit
from ..timeline import first_true, schedule_mask, take_within, week_sums
from .days import DayFlags
from .lines import Line, Part, day_total, first, stage_sum

#: Half a cent [USD]: smaller amounts vanish when rounded for people.
HALF_CENT = 0.005


def missed_work_hours(h: HouseholdInputs, flags: DayFlags) -> tuple[np.ndarray, np.ndarray]:
    """Scheduled and missed work hours each day [hours], both ``(N, D)``.

    Notes
    -----
    Work days follow ``work_days_per_week`` from Monday. Every shift is missed while the patient
    cannot reach the job (living at the program, or lodging far away). On an outpatient day at
    home, a session collides with work when both are in the day or both in the evening, and the
    session plus the round trip is missed, up to a shift; or the whole shift when
    ``lose_whole_shift`` (a shift that cannot be left for a few hours). Night workers and people
    not working lose no shifts to outpatient care.
    """
    shift = h.shift_hours[:, None]
    n = h.pay_usd_per_hour.size
    workday = schedule_mask(np.full(n, float(h.work_days_per_week)), flags.calendar.weekday) & (shift > 0)
    if h.work_schedule == "day":
        collides = flags.outpatient & ~flags.evening
    elif h.work_schedule == "evening":
        collides = flags.outpatient & flags.evening
    else:
        collides = np.zeros_like(flags.outpatient)
    away = flags.away_from_job
    lost = shift if h.lose_whole_shift else np.minimum(shift, flags.hours_today + flags.round_trip_hours)
    missed = np.where(workday & away, shift, 0.0) + np.where(workday & collides & ~away, lost, 0.0)
    day = np.arange(flags.calendar.n_days)[None, :]
    scheduled = np.where(workday & (day < flags.length_days[:, None]), shift, 0.0)
    return scheduled, missed


def _eligible(program: DisabilityTerms, flags: DayFlags) -> np.ndarray:
    """Days employer disability pays: full-time care, after the waiting period, up to the longest duration."""
    since = np.arange(flags.calendar.n_days)[None, :] - first_true(flags.unable_to_work)[:, None]
    wait = program.waiting_days[:, None]
    return flags.unable_to_work & (since >= wait) & (since < wait + 7.0 * program.max_weeks[:, None])


def state_weekly_benefit(program: StateProgramTerms, weekly_wage_usd: np.ndarray, day: np.ndarray) -> np.ndarray:
    """A state program's weekly benefit [USD/week] under the row in force on ``day`` (one day per draw).

    Notes
    -----
    Each row's formula kind (:class:`calculator.leave_formulas.Formula`) with its numbers, raised
    to its weekly minimum (never above the wage) and capped at its weekly maximum.
    """
    stacked = np.stack([weekly_benefit(r.formula, weekly_wage_usd) for r in program.rows], axis=1)
    return stacked[np.arange(stacked.shape[0]), _row_at(program, day)]


def _row_at(program: StateProgramTerms, day: np.ndarray) -> np.ndarray:
    """The row in force on ``day`` (one day per draw), from each draw's own calendar when it has one."""
    index = program.row_index
    d = np.clip(day.astype(int), 0, index.shape[-1] - 1)
    return index[np.arange(d.size), d] if index.ndim == 2 else index[d]


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim on a state program, laid on the days of care.

    Attributes
    ----------
    start : (N,) int
        The first day of leave the program covers (the calendar length when there is none).
    row : (N,) int
        The program row in force on ``start``: its numbers hold for the whole claim.
    weekly_usd, fraction : (N,) float
        The weekly benefit [USD/week], and what share of the weekly wage it is.
    paid : (N, D) bool
        Leave days the program pays: after its unpaid waiting days (or all of them once the
        leave lasts long enough for them to be paid back).
    cap_usd : (N,) float
        The most the claim pays [USD]: its longest duration in weeks x the weekly benefit, less
        the unpaid waiting week where that counts toward the duration.
    paid_back : (N,) bool
        The waiting days were paid back.
    """

    start: np.ndarray
    row: np.ndarray
    weekly_usd: np.ndarray
    fraction: np.ndarray
    paid: np.ndarray
    cap_usd: np.ndarray
    paid_back: np.ndarray


def _row_values(program: StateProgramTerms, row: np.ndarray, name: str) -> np.ndarray:
    """Attribute ``name`` of each draw's claim row, shape ``(N,)``."""
    return np.array([getattr(r, name) for r in program.rows], dtype=float)[row]


def _leave_days(program: StateProgramTerms, full_time: np.ndarray, missed: np.ndarray, shift: np.ndarray) -> list:
    """Under each row's rules, the days that are leave the program covers, ``(N, D)`` per row.

    Full-time care is leave; so, where the row pays intermittent leave, is a day with at least its
    minimum of missed hours (``"hours"``). A program that pays only whole days (``"days"``) counts
    a day when at least half the shift is missed: the worker would take that day as a day of leave
    (the model still counts only the hours actually missed).
    """
    out = []
    for r in program.rows:
        if r.intermittent == "hours":
            part = (missed > 0) & (missed >= r.intermittent_min_hours - 1e-9)
        elif r.intermittent == "days":
            part = (missed > 0) & (missed >= 0.5 * shift - 1e-9)
        else:
            part = np.zeros_like(full_time)
        out.append(full_time | part)
    return out


def state_claim(
    program: StateProgramTerms, full_time: np.ndarray, missed: np.ndarray, shift: np.ndarray, wage: np.ndarray
) -> Claim:
    """The claim a worker makes for the leave days in ``full_time`` and the hours in ``missed``.

    Notes
    -----
    No day before ``pays_from_day`` counts. The claim starts on the first leave day and keeps the
    row in force then. Its first ``waiting_days`` calendar days are unpaid, unless the leave (first
    to last leave day) lasts ``waiting_paid_back_after_days`` or more, when they are paid back
    (NJ after 22 days; RI and MN once 7 days are reached). ``shift`` is the hours of one work day.
    """
    n, d = missed.shape
    day = np.arange(d)[None, :]
    covered = day >= np.reshape(program.pays_from_day, (-1, 1))
    by_row = [m & covered for m in _leave_days(program, full_time & covered, missed, shift[:, None])]
    start_by_row = np.stack([first_true(m) for m in by_row], axis=1)
    # The claim starts on the first leave day under the row in force on that day.
    first_any = np.min(np.where(start_by_row < d, start_by_row, d), axis=1)
    row = _row_at(program, first_any)
    leave = np.stack(by_row, axis=0)[row, np.arange(n)]
    start = first_true(leave)
    last = d - 1 - first_true(leave[:, ::-1])
    span = np.where(start < d, last - start + 1, 0)
    wait = _row_values(program, row, "waiting_days")
    paid_back = span >= _row_values(program, row, "waiting_paid_back_after_days")
    waiting = (day >= start[:, None]) & (day < (start + wait)[:, None]) & ~paid_back[:, None]
    weekly = state_weekly_benefit(program, wage, start)
    counts = _row_values(program, row, "waiting_counts_toward_max").astype(bool) & ~paid_back
    weeks = _row_values(program, row, "max_weeks") - np.where(counts, wait / 7.0, 0.0)
    return Claim(
        start=start,
        row=row,
        weekly_usd=weekly,
        fraction=np.where(wage > 0, weekly / np.where(wage > 0, wage, 1.0), 0.0),
        paid=leave & ~waiting & (day >= start[:, None]),
        cap_usd=np.maximum(weeks, 0.0) * weekly,
        paid_back=paid_back & (wait > 0),
    )


def claim_pay(claim: Claim, wages_usd: np.ndarray) -> np.ndarray:
    """What a claim pays each day [USD/day]: its share of ``wages_usd`` on paid days.

    Notes
    -----
    Each 7-day week pays at most the weekly benefit, and the claim at most ``cap_usd`` in all
    (its longest duration), whichever comes first.
    """
    daily = np.where(claim.paid, claim.fraction[:, None] * wages_usd, 0.0)
    week = np.repeat(week_sums(daily), 7, axis=1)
    daily = daily * np.where(week > claim.weekly_usd[:, None], claim.weekly_usd[:, None] / np.maximum(week, 1e-9), 1.0)
    return take_within(np.cumsum(daily, axis=1), daily, claim.cap_usd[:, None])


@dataclass(frozen=True, slots=True)
class Leave:
    """How missed work is covered: paid time off, and each benefit program's daily payments.

    ``paid`` maps ``"employer"`` / ``"state"`` to daily amounts [USD/day]; ``benefit`` is what the
    family receives each day (each week, the larger program); ``order`` is the order used per draw.
    """

    pto_hours: np.ndarray
    benefit: np.ndarray
    paid: dict[str, np.ndarray]
    claim: Claim | None
    order: np.ndarray


def _pto(missed: np.ndarray, hours: np.ndarray, first_on: np.ndarray | None) -> np.ndarray:
    """Paid time off over the missed hours, in day order until it runs out; with ``first_on``, only
    on days outside it (the state benefit pays those days instead)."""
    usable = missed if first_on is None else np.where(first_on, 0.0, missed)
    return take_within(np.cumsum(usable, axis=1), usable, hours[:, None])


def _employer_pay(program: DisabilityTerms, flags: DayFlags, unpaid: np.ndarray) -> np.ndarray:
    """Employer short-term disability: its share of the week's unpaid wages on eligible days, up to its cap."""
    eligible = np.where(_eligible(program, flags), unpaid, 0.0)
    base_w = week_sums(eligible)
    paid_w = np.minimum(program.replacement_fraction[:, None] * base_w, program.weekly_cap_usd[:, None])
    share = np.where(base_w > 0, paid_w / np.where(base_w > 0, base_w, 1.0), 0.0)
    return eligible * np.repeat(share, 7, axis=1)


def _cover(h: HouseholdInputs, flags: DayFlags, missed: np.ndarray, claim: Claim | None, state_first: bool) -> Leave:
    pay = h.pay_usd_per_hour[:, None]
    pto = _pto(missed, h.paid_time_off_hours, claim.paid if (state_first and claim is not None) else None)
    unpaid = (missed - pto) * pay
    paid: dict[str, np.ndarray] = {}
    if h.disability is not None:
        paid["employer"] = _employer_pay(h.disability, flags, unpaid)
    if claim is not None:
        paid["state"] = claim_pay(claim, unpaid)
    if not paid:
        benefit = np.zeros_like(unpaid)
    else:
        # Employer plans and state programs are coordinated: each week the family gets the larger.
        weekly = np.stack([week_sums(v) for v in paid.values()])
        best = np.repeat(np.argmax(weekly, axis=0), 7, axis=1)
        benefit = np.choose(best, list(paid.values()))
    order = np.full(missed.shape[0], "state_first" if state_first else "pto_first")
    return Leave(pto, benefit, paid, claim, order)


def paid_leave(h: HouseholdInputs, flags: DayFlags, missed: np.ndarray) -> Leave:
    """Missed work hours covered by paid time off and benefits, in the family's chosen order.

    Notes
    -----
    Employer short-term disability pays during full-time care (residential levels and PHP) after
    its waiting period. A state program pays full-time care and, where it pays intermittent
    leave, the hours missed for outpatient sessions, after its own waiting rules
    (:func:`state_claim`). ``pto_first``: paid time off covers the first missed hours until it
    runs out, and benefits replace their share of the rest. ``state_first``: on the days the
    state pays, paid time off is kept; it covers only the other days (the waiting week, days
    the program does not pay). ``best``: per draw, the order that brings in more benefit money
    (the paid time off kept is the family's to use later); on a tie, paid time off first.
    """
    state = h.state_program
    claim = None
    if state is not None:
        wage = h.pay_usd_per_hour * h.work_hours_per_week
        claim = state_claim(state, flags.unable_to_work, missed, h.shift_hours, wage)
    if h.benefit_order == "pto_first" or claim is None:
        return _cover(h, flags, missed, claim, False)
    state_first = _cover(h, flags, missed, claim, True)
    if h.benefit_order == "state_first":
        return state_first
    pto_first = _cover(h, flags, missed, claim, False)
    better = day_total(state_first.benefit) > day_total(pto_first.benefit) + 0.005
    pick = lambda a, b: np.where(better[:, None], a, b)  # noqa: E731
    return Leave(
        pto_hours=pick(state_first.pto_hours, pto_first.pto_hours),
        benefit=pick(state_first.benefit, pto_first.benefit),
        paid={k: pick(state_first.paid[k], pto_first.paid[k]) for k in state_first.paid},
        claim=claim,
        order=np.where(better, "state_first", "pto_first"),
    )


def partner_leave_benefit(h: HouseholdInputs, partner_hours: np.ndarray) -> tuple[np.ndarray, Claim | None]:
    """A partner's state family-leave benefit for the hours off caring for the patient [USD/day].

    Notes
    -----
    Where the state's family-leave program covers caring for a family member with a serious
    health condition, the partner's hours off for family-program days and driving are leave
    under it (whole days or hours, as the program pays), after its waiting rules; it replaces
    its share of the partner's wages for them, at the rate for the partner's weekly wage.
    """
    program = h.partner_family_leave
    if program is None or h.partner_hours_per_week is None:
        return np.zeros_like(partner_hours), None
    wage = h.partner_pay_usd_per_hour * h.partner_hours_per_week
    claim = state_claim(program, np.zeros(partner_hours.shape, dtype=bool), partner_hours, h.partner_shift_hours, wage)
    return claim_pay(claim, partner_hours * h.partner_pay_usd_per_hour[:, None]), claim


def partner_hours_off(h: HouseholdInputs, flags: DayFlags, program_hours: np.ndarray) -> np.ndarray:
    """Work hours a partner misses [hours/day]: family-program days and, if they drive the
    patient to daytime sessions on weekdays, each session and its round trip, up to a shift."""
    shift = h.partner_shift_hours[:, None]
    hours = np.minimum(shift, program_hours)
    if h.partner_drives_to_sessions:
        driving = flags.outpatient & ~flags.evening & flags.weekday_mask & (flags.round_trip_hours > 0)
        hours = hours + np.where(driving, np.minimum(shift, flags.hours_today + flags.round_trip_hours), 0.0)
    return hours


def income(h: HouseholdInputs, flags: DayFlags, partner_program_hours: np.ndarray, detail: bool) -> Part:
    """Wages lost day by day after paid time off and benefits; with ``detail``, lines per stage.

    Paid time off and benefits cover missed work in the family's chosen order (:func:`paid_leave`);
    a partner's state family leave replaces part of their lost wages (:func:`partner_leave_benefit`).
    The pay the paid time off was worth is kept as ``leave_used``: not cash lost, but leave the
    family cannot use later, shown in its own total. ``unpaid_wages`` and the benefits by program
    feed the after-tax view.
    """
    scheduled, missed = missed_work_hours(h, flags)
    pay = h.pay_usd_per_hour[:, None]
    leave = paid_leave(h, flags, missed)
    pto = leave.pto_hours
    unpaid = (missed - pto) * pay
    benefit = leave.benefit
    partner = partner_hours_off(h, flags, partner_program_hours)
    partner_benefit, partner_claim = partner_leave_benefit(h, partner)
    daily = {
        "patient_lost_wages": unpaid - benefit,
        "partner_lost_wages": partner * h.partner_pay_usd_per_hour[:, None] - partner_benefit,
    }
    daily["lost_income"] = daily["patient_lost_wages"] + daily["partner_lost_wages"]
    daily["leave_used"] = pto * pay
    daily["unpaid_wages"] = unpaid
    daily.update(benefit_by_program(leave))
    part = Part(daily)
    if detail:
        daily.update(
            missed_work_hours=missed,
            missed_wages=missed * pay,
            pto_hours=pto,
            pto_pay=pto * pay,
            disability_benefit=benefit,
            partner_hours_off=partner,
            partner_leave_benefit=partner_benefit,
            scheduled_work_hours=scheduled,
        )
        claims = (leave, partner_claim)
        part.lines = [line for k in range(len(flags.stage_masks)) for line in _lines(k, h, flags, daily, claims)]
    return part


def benefit_by_program(leave: Leave) -> dict[str, np.ndarray]:
    """Each day's benefit [USD/day] attributed to the program that paid it that week (the larger
    one), as ``benefit_employer`` and ``benefit_state``, for how each is taxed."""
    zero = np.zeros((leave.benefit.shape[0], 1))
    out = {"benefit_employer": zero, "benefit_state": zero}
    if not leave.paid:
        return out
    names = list(leave.paid)
    weekly = np.stack([week_sums(leave.paid[n]) for n in names])
    payer = np.repeat(np.argmax(weekly, axis=0), 7, axis=1)
    for i, name in enumerate(names):
        out[f"benefit_{name}"] = np.where(payer == i, leave.benefit, 0.0)
    return out


def _benefit_basis(k: int, h: HouseholdInputs, flags: DayFlags, daily, leave: Leave) -> dict:
    """Which program paid most in the stage, at what weekly amount, for how many weeks."""
    m = flags.stage_masks[k][0]
    weeks = m.reshape(-1, 7).any(axis=1)
    benefit = daily["disability_benefit"]
    # Amounts under half a cent are rounding noise, not a benefit paid.
    if not leave.paid or not (benefit[0] > HALF_CENT)[m].any():
        return _unpaid_basis(h, flags, leave)
    name = max(leave.paid, key=lambda p: float(leave.paid[p][0][m].sum()))
    paid_w = week_sums(leave.paid[name])[0][weeks]
    paying = paid_w > HALF_CENT
    if not paying.any():
        return _unpaid_basis(h, flags, leave)
    out = {"program": name, "weeks": float(paying.sum()), "weekly_usd": float(paid_w[paying].max())}
    if name == "state":
        out.update(_claim_basis(h.state_program, leave.claim, flags))
        out["order"] = str(leave.order[0])
        out["intermittent_hours"] = float(
            np.where(m & ~flags.unable_to_work[0], daily["missed_work_hours"][0], 0)[leave.paid["state"][0] > 0].sum()
        )
    return out


def _unpaid_basis(h: HouseholdInputs, flags: DayFlags, leave: Leave) -> dict:
    """Nothing paid in the stage: say why, for the state program the family claims."""
    if h.state_program is None or leave.claim is None:
        return {}
    return {"program": "state", "weeks": 0.0, "weekly_usd": 0.0, **_claim_basis(h.state_program, leave.claim, flags)}


def _claim_basis(program: StateProgramTerms, claim: Claim, flags: DayFlags) -> dict:
    """The claim's numbers for the words: the program, its row, the waiting rule, the benefit."""
    row = program.rows[int(claim.row[0])]
    out = {
        "state": program.state,
        "state_program": row.program,
        "formula": row.formula.kind.value,
        "claim_weekly_usd": float(claim.weekly_usd[0]),
        "fraction": float(claim.fraction[0]),
        "waiting_days": float(row.waiting_days),
        "waiting_paid_back": bool(claim.paid_back[0]),
        "max_weeks": float(row.max_weeks),
        "row_from": row.effective_from.isoformat(),
    }
    pays_from_day = int(np.reshape(program.pays_from_day, -1)[0])
    first_day = flags.calendar.start_of(0)
    if 0 < pays_from_day < flags.calendar.n_days:
        out["pays_from"] = (first_day + dt.timedelta(days=pays_from_day)).isoformat()
    start = int(claim.start[0])
    if row.due is not None and start < flags.calendar.n_days:
        claim_date = first_day + dt.timedelta(days=start)
        if claim_date >= row.due:
            out["row_due"] = row.due.isoformat()
    return out


def _partner_basis(k: int, h: HouseholdInputs, flags: DayFlags, daily, claim: Claim | None) -> dict:
    m = flags.stage_masks[k]
    out = {
        "hours": first(stage_sum(daily["partner_hours_off"], m)),
        "pay_usd_per_hour": first(h.partner_pay_usd_per_hour),
    }
    if claim is not None and h.partner_family_leave is not None:
        out.update(_claim_basis(h.partner_family_leave, claim, flags))
    return out


def _lines(k: int, h: HouseholdInputs, flags: DayFlags, daily, claims: tuple) -> list[Line]:
    leave, partner_claim = claims
    m = flags.stage_masks[k]
    lines = [
        Line(
            "lost_income",
            "missed_wages",
            k,
            stage_sum(daily["missed_wages"], m),
            False,
            {"hours": first(stage_sum(daily["missed_work_hours"], m)), "pay_usd_per_hour": first(h.pay_usd_per_hour)},
        ),
        Line(
            "lost_income",
            "pto",
            k,
            stage_sum(daily["pto_pay"], m),
            False,
            {"hours": first(stage_sum(daily["pto_hours"], m))},
        ),
        Line(
            "lost_income",
            "disability",
            k,
            stage_sum(daily["disability_benefit"], m),
            False,
            _benefit_basis(k, h, flags, daily, leave),
        ),
        Line("lost_income", "patient_lost_wages", k, stage_sum(daily["patient_lost_wages"], m)),
    ]
    if partner_claim is not None:
        lines.append(
            Line(
                "lost_income",
                "partner_leave_benefit",
                k,
                stage_sum(daily["partner_leave_benefit"], m),
                False,
                _partner_basis(k, h, flags, daily, partner_claim),
            )
        )
    lines += [
        Line(
            "leave",
            "pto_used",
            k,
            stage_sum(daily["leave_used"], m),
            True,
            {"hours": first(stage_sum(daily["pto_hours"], m)), "pay_usd_per_hour": first(h.pay_usd_per_hour)},
        ),
        Line(
            "lost_income",
            "partner_lost_wages",
            k,
            stage_sum(daily["partner_lost_wages"], m),
            True,
            _partner_basis(k, h, flags, daily, partner_claim),
        ),
    ]
    return lines
