"""Lost income: the patient's wages not replaced by paid time off or disability benefits, and a
partner's wages lost to family-program days and driving.
"""

from __future__ import annotations

import numpy as np

from ..inputs import DisabilityTerms, HouseholdInputs, StateProgramTerms
from ..timeline import first_true, schedule_mask, take_within, week_sums
from .days import DayFlags
from .lines import Line, Part, first, stage_sum


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


def _eligible(program: DisabilityTerms | StateProgramTerms, flags: DayFlags) -> np.ndarray:
    """Days a benefit pays: full-time care, after the waiting period, up to the longest duration."""
    since = np.arange(flags.calendar.n_days)[None, :] - first_true(flags.unable_to_work)[:, None]
    wait = program.waiting_days[:, None]
    return flags.unable_to_work & (since >= wait) & (since < wait + 7.0 * program.max_weeks[:, None])


def state_weekly_benefit(program: StateProgramTerms, weekly_wage_usd: np.ndarray) -> np.ndarray:
    """A state program's weekly benefit [USD/week]: two tiers around a limit, capped.

    ``first_fraction`` of the wage up to ``first_limit_usd``, plus ``upper_fraction`` of the
    rest, never above ``weekly_max_usd``.
    """
    tiers = program.first_fraction * np.minimum(
        weekly_wage_usd, program.first_limit_usd
    ) + program.upper_fraction * np.maximum(weekly_wage_usd - program.first_limit_usd, 0.0)
    return np.minimum(tiers, program.weekly_max_usd)


def benefits(h: HouseholdInputs, flags: DayFlags, unpaid: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Disability benefits replacing unpaid wages [USD/day], and each program's weekly payments.

    Notes
    -----
    For full-time care (residential levels and PHP), counted from its first day. Employer
    short-term disability pays its share of the week's unpaid wages up to its weekly cap; a state
    program pays the same share of the wage as its weekly benefit, up to that benefit. Employer
    plans and state programs are coordinated: each week the family gets the larger.
    """
    weekly_wage = h.pay_usd_per_hour * h.work_hours_per_week
    paid: dict[str, np.ndarray] = {}
    eligible_any = np.zeros_like(unpaid)
    for name, program in (("employer", h.disability), ("state", h.state_program)):
        if program is None:
            continue
        eligible = _eligible(program, flags)
        base_w = week_sums(np.where(eligible, unpaid, 0.0))
        if name == "employer":
            paid[name] = np.minimum(program.replacement_fraction[:, None] * base_w, program.weekly_cap_usd[:, None])
        else:
            weekly = state_weekly_benefit(program, weekly_wage)
            fraction = np.where(weekly_wage > 0, weekly / np.where(weekly_wage > 0, weekly_wage, 1.0), 0.0)
            paid[name] = np.minimum(fraction[:, None] * base_w, weekly[:, None])
        eligible_any = np.where(eligible, unpaid, eligible_any)
    if not paid:
        return np.zeros_like(unpaid), paid
    benefit_w = np.maximum.reduce(list(paid.values())) if len(paid) > 1 else next(iter(paid.values()))
    base_w = week_sums(eligible_any)
    share = np.where(base_w > 0, benefit_w / np.where(base_w > 0, base_w, 1.0), 0.0)
    return eligible_any * np.repeat(share, 7, axis=1), paid


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

    Paid time off covers the first missed hours until it runs out. The pay those hours were
    worth is kept as ``leave_used``: not cash lost, but leave the family cannot use later, shown
    in its own total. ``unpaid_wages`` and the benefits by program feed the after-tax view.
    """
    scheduled, missed = missed_work_hours(h, flags)
    pay = h.pay_usd_per_hour[:, None]
    pto = take_within(np.cumsum(missed, axis=1), missed, h.paid_time_off_hours[:, None])
    unpaid = (missed - pto) * pay
    benefit, paid_weekly = benefits(h, flags, unpaid)
    partner = partner_hours_off(h, flags, partner_program_hours)
    daily = {
        "patient_lost_wages": unpaid - benefit,
        "partner_lost_wages": partner * h.partner_pay_usd_per_hour[:, None],
    }
    daily["lost_income"] = daily["patient_lost_wages"] + daily["partner_lost_wages"]
    daily["leave_used"] = pto * pay
    daily["unpaid_wages"] = unpaid
    daily.update(benefit_by_program(benefit, paid_weekly))
    part = Part(daily)
    if detail:
        daily.update(
            missed_work_hours=missed,
            missed_wages=missed * pay,
            pto_hours=pto,
            pto_pay=pto * pay,
            disability_benefit=benefit,
            partner_hours_off=partner,
            scheduled_work_hours=scheduled,
        )
        part.lines = [line for k in range(len(flags.stage_masks)) for line in _lines(k, h, flags, daily, paid_weekly)]
    return part


def benefit_by_program(benefit: np.ndarray, paid_weekly: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each day's benefit [USD/day] attributed to the program that paid it that week (the larger
    one), as ``benefit_employer`` and ``benefit_state``, for how each is taxed."""
    zero = np.zeros((benefit.shape[0], 1))
    out = {"benefit_employer": zero, "benefit_state": zero}
    if not paid_weekly:
        return out
    names = list(paid_weekly)
    stacked = np.stack([paid_weekly[n] for n in names])
    payer = np.repeat(np.argmax(stacked, axis=0), 7, axis=1)
    for i, name in enumerate(names):
        out[f"benefit_{name}"] = np.where(payer == i, benefit, 0.0)
    return out


def _benefit_basis(k: int, h: HouseholdInputs, flags: DayFlags, benefit: np.ndarray, paid_weekly: dict) -> dict:
    """Which program paid most in the stage, at what weekly amount, for how many weeks."""
    m = flags.stage_masks[k][0]
    weeks = m.reshape(-1, 7).any(axis=1)
    if not paid_weekly or not (benefit[0] > 0)[m].any():
        return {}
    name = max(paid_weekly, key=lambda p: float(paid_weekly[p][0][weeks].sum()))
    paying = paid_weekly[name][0][weeks] > 0
    weekly = paid_weekly[name][0][weeks][paying]
    out = {"program": name, "weeks": float(paying.sum()), "weekly_usd": float(weekly.max()) if weekly.size else 0.0}
    if name == "state":
        out["state"], out["state_program"] = h.state_program.state, h.state_program.program
    return out


def _lines(k: int, h: HouseholdInputs, flags: DayFlags, daily, paid_weekly) -> list[Line]:
    m = flags.stage_masks[k]
    return [
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
            _benefit_basis(k, h, flags, daily["disability_benefit"], paid_weekly),
        ),
        Line("lost_income", "patient_lost_wages", k, stage_sum(daily["patient_lost_wages"], m)),
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
            {
                "hours": first(stage_sum(daily["partner_hours_off"], m)),
                "pay_usd_per_hour": first(h.partner_pay_usd_per_hour),
            },
        ),
    ]
