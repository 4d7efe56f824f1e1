"""Where the patient is each day of one option: the flags every component reads.

Built once per option by :func:`day_flags`, so the components never pass masks to one another.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..inputs import Calendar, OptionInputs
from ..timeline import schedule_mask


@dataclass(frozen=True, slots=True)
class DayFlags:
    """``(N, D)`` flags and hours for one option over its own calendar.

    Attributes
    ----------
    calendar : Calendar
        The option's days (whole weeks, as long as its longest draw).
    stage_masks, billable, first_days, last_days : tuple of (N, D) bool
        Per stage: its days; its billable program days (every day at residential levels);
        its first day; its last day.
    active : days before the option ends.
    away : the patient sleeps at the program or near it, not at home.
    session : an outpatient program day while living at home.
    outpatient : an outpatient program day, wherever the patient sleeps.
    evening : an outpatient program day held in the evening.
    away_from_job : too far from home to work the usual job at all.
    unable_to_work : full-time care (residential levels and PHP): disability benefits can apply.
    program_day : a billable program day.
    hours_today : (N, D) float
        Hours in treatment [hours].
    round_trip_hours : (N, D) float
        The patient's commute on outpatient days lived at home [hours].
    length_days : (N,) float
        Days in the option.
    """

    calendar: Calendar
    stage_masks: tuple[np.ndarray, ...]
    billable: tuple[np.ndarray, ...]
    first_days: tuple[np.ndarray, ...]
    last_days: tuple[np.ndarray, ...]
    active: np.ndarray
    away: np.ndarray
    session: np.ndarray
    outpatient: np.ndarray
    evening: np.ndarray
    away_from_job: np.ndarray
    unable_to_work: np.ndarray
    program_day: np.ndarray
    hours_today: np.ndarray
    round_trip_hours: np.ndarray
    length_days: np.ndarray

    @property
    def weekday_mask(self) -> np.ndarray:
        """``(1, D)`` True on Monday to Friday."""
        return np.atleast_2d(self.calendar.weekday < 5)

    def zeros(self) -> np.ndarray:
        return np.zeros((self.length_days.size, self.calendar.n_days))


def option_days(option: OptionInputs) -> int:
    """Days in the option's calendar: its longest draw, in whole weeks (at least one)."""
    longest = int(np.max(sum(s.length_days for s in option.stages)))
    return max(7, -(-longest // 7) * 7)


def day_flags(option: OptionInputs, calendar: Calendar, overnight_threshold_minutes: np.ndarray) -> DayFlags:
    """The option's stages laid on its calendar, one after another.

    Notes
    -----
    Residential levels fill every day and every hour (24) of their stage. An outpatient stage's
    program days follow ``days_per_week`` through each week (3 days: Mon, Wed, Fri). While the
    patient lives at home, each program day adds a round trip of twice the one-way travel time.
    Lodging near an outpatient program means no daily commute; the usual job is out of reach
    when home is more than ``overnight_threshold_minutes`` away.
    """
    cal = calendar.head(option_days(option))
    n = option.stages[0].length_days.size
    day = np.arange(cal.n_days)[None, :]
    start = np.zeros(n)
    masks, billable = [], []
    for s in option.stages:
        end = start + s.length_days
        m = (day >= start[:, None]) & (day < end[:, None])
        masks.append(m)
        billable.append(m if s.residential else m & schedule_mask(s.days_per_week, cal.weekday))
        start = end
    shape = (n, cal.n_days)
    flags = {
        k: np.zeros(shape, dtype=bool)
        for k in ("away", "session", "outpatient", "evening", "away_from_job", "unable_to_work", "program_day")
    }
    hours_today, round_trip = np.zeros(shape), np.zeros(shape)
    for s, m, sched in zip(option.stages, masks, billable, strict=True):
        if s.residential:
            for k in ("away", "away_from_job", "unable_to_work", "program_day"):
                flags[k] |= m
            hours_today += m * 24.0
            continue
        flags["program_day"] |= sched
        flags["outpatient"] |= sched
        hours_today += sched * s.hours_per_day[:, None]
        if s.session_time == "evening":
            flags["evening"] |= sched
        if s.level == "php":
            flags["unable_to_work"] |= m
        if s.patient_lodging == "home":
            flags["session"] |= sched
            round_trip += sched * (2.0 * s.one_way_minutes / 60.0)[:, None]
        else:
            flags["away"] |= m
            far = s.one_way_minutes > overnight_threshold_minutes
            flags["away_from_job"] |= m & far[:, None]
    return DayFlags(
        calendar=cal,
        stage_masks=tuple(masks),
        billable=tuple(billable),
        first_days=tuple(m & (np.cumsum(m, axis=1) == 1) for m in masks),
        last_days=tuple(m & (np.cumsum(m[:, ::-1], axis=1)[:, ::-1] == 1) for m in masks),
        active=day < start[:, None],
        hours_today=hours_today,
        round_trip_hours=round_trip,
        length_days=start,
        **flags,
    )
