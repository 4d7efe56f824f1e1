"""Childcare: paid care for the hours each option adds beyond the care the children already have.

Notes
-----
Every day splits into parts (:mod:`calculator.dayparts`): weekday daytime, weekday evening,
night, weekend day. Today each child is at school, in paid care the family already pays for and
keeps paying (in the part of the day the patient works), or with the patient. An option adds,
for each child young enough for paid care:

- every hour of every part not already covered, while the patient lives away (at the program
  or lodging near it);
- the session and the round trip on an outpatient day at home, in the part it is held (weekday
  daytime or evening, or a weekend day), less the care already there at that time.

Care already arranged is never charged again. Each week, unpaid help for a part covers only that
part's added hours; help at any time of day then covers what is left, evenings, nights and
weekends first (where center care cannot help). What remains is priced at the cheaper of a
sitter for every hour and a full week of center care (daytime hours only, up to its hours) plus
a sitter for the rest; the second and later children at the additional-child sitter rate.
"""

from __future__ import annotations

import numpy as np

from ..dayparts import DAYTIME_HOURS, EVENING_HOURS, NIGHT_HOURS, PARTS, WEEKEND_DAY_HOURS
from ..inputs import ChildInputs, HouseholdInputs, Prices
from ..timeline import week_sums
from .days import DayFlags
from .lines import Part, first, per_stage, stage_sum

#: Parts of the day center care cannot cover.
NOT_DAYTIME = ("evening", "night", "weekend")


def covered_each_weekday(child: ChildInputs) -> dict[str, np.ndarray]:
    """Hours of each part already covered on a weekday by school and paid care [hours], ``(N, 1)``.

    Both fall on weekdays, a fifth of the weekly hours each day, never more than the part holds;
    nothing is covered on weekends.
    """
    covered = {"daytime": child.school_hours_per_week / 5.0, "evening": 0.0, "night": 0.0}
    covered[child.paid_care_part] = covered[child.paid_care_part] + child.paid_care_hours_per_week / 5.0
    length = {"daytime": DAYTIME_HOURS, "evening": EVENING_HOURS, "night": NIGHT_HOURS}
    zero = np.zeros_like(child.school_hours_per_week)
    return {part: np.minimum(zero + covered[part], length[part])[:, None] for part in length}


def added_need(child: ChildInputs, flags: DayFlags) -> dict[str, np.ndarray]:
    """Hours of each part the option adds for this child [hours], ``(N, D)``.

    Notes
    -----
    While away: each part's hours less the care already there (school and paid care on
    weekdays). On an outpatient day at home: the session and the round trip in the part it is
    held, less the care already there then. Sessions are never held at night.
    """
    covered = covered_each_weekday(child)
    weekday = flags.weekday_mask
    away_weekday, away_weekend = flags.away & weekday, flags.away & ~weekday
    at_session = flags.session & weekday
    outing = flags.hours_today + flags.round_trip_hours

    def weekday_part(length: float, part: str, sessions: np.ndarray) -> np.ndarray:
        c = covered[part]
        return np.where(away_weekday, length - c, np.where(sessions, np.maximum(outing - c, 0.0), 0.0))

    return {
        "daytime": weekday_part(DAYTIME_HOURS, "daytime", at_session & ~flags.evening),
        "evening": weekday_part(EVENING_HOURS, "evening", at_session & flags.evening),
        "night": np.where(flags.away, np.where(weekday, NIGHT_HOURS - covered["night"], NIGHT_HOURS), 0.0),
        "weekend": np.where(away_weekend, WEEKEND_DAY_HOURS, np.where(flags.session & ~weekday, outing, 0.0)),
    }


def weekly_uncovered(
    need_w: dict[str, np.ndarray], household: HouseholdInputs
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Hours left each week after unpaid help [hours/week], by part; their total; the daytime ones.

    Help for a part covers that part only; help at any time then covers evenings, nights and
    weekends first, and the daytime with what is left.
    """
    left = {part: np.maximum(need_w[part] - household.family_help_by_part[part][:, None], 0.0) for part in PARTS}
    anytime = household.family_help_hours_per_week[:, None]
    not_daytime = sum(left[p] for p in NOT_DAYTIME)
    used = np.minimum(anytime, not_daytime)
    scale = np.where(not_daytime > 0, (not_daytime - used) / np.where(not_daytime > 0, not_daytime, 1.0), 0.0)
    after = {p: left[p] * scale for p in NOT_DAYTIME}
    after["daytime"] = np.maximum(left["daytime"] - (anytime - used), 0.0)
    total = sum(after[p] for p in PARTS)
    return after, total, after["daytime"]


def weekly_price(
    uncovered_w: np.ndarray,
    daytime_w: np.ndarray,
    sitter_usd_per_hour: np.ndarray,
    full_week_usd: np.ndarray,
    full_week_hours: np.ndarray,
) -> np.ndarray:
    """The cheaper of a sitter for every hour, and a full week of center care (covering daytime
    hours up to ``full_week_hours``) plus a sitter for the rest [USD/week], ``(N, W)``."""
    rate = sitter_usd_per_hour[:, None]
    hourly = rate * uncovered_w
    center_covers = np.minimum(daytime_w, full_week_hours[:, None])
    combined = full_week_usd[:, None] + rate * (uncovered_w - center_covers)
    return np.where(uncovered_w > 0, np.minimum(hourly, combined), 0.0)


def childcare(household: HouseholdInputs, prices: Prices, flags: DayFlags, detail: bool) -> Part:
    """Paid childcare the option adds and the hours to arrange, day by day; with ``detail``, a line per stage."""
    cost, hours = flags.zeros(), flags.zeros()
    by_part = {part: flags.zeros() for part in PARTS} if detail else {}
    for i, child in enumerate(household.children):
        need = added_need(child, flags)
        need_w = {part: week_sums(need[part]) for part in PARTS}
        after_w, total_w, daytime_w = weekly_uncovered(need_w, household)
        rate = prices.sitter_usd_per_hour if i == 0 else prices.sitter_additional_child_usd_per_hour
        cost_w = weekly_price(
            total_w, daytime_w, rate, prices.full_week_care_usd_per_week[child.age_group], prices.full_week_care_hours
        )
        # Each part's uncovered hours fall on its days in proportion to the need; the week's cost
        # follows the hours.
        child_hours = flags.zeros()
        for part in PARTS:
            share = np.where(need_w[part] > 0, after_w[part] / np.where(need_w[part] > 0, need_w[part], 1.0), 0.0)
            part_daily = need[part] * np.repeat(share, 7, axis=1)
            child_hours += part_daily
            if detail:
                by_part[part] += part_daily
        per_hour = np.where(total_w > 0, cost_w / np.where(total_w > 0, total_w, 1.0), 0.0)
        cost += child_hours * np.repeat(per_hour, 7, axis=1)
        hours += child_hours
    part = Part({"childcare": cost, "childcare_hours": hours})
    if detail:
        part.lines = per_stage(flags.stage_masks, "childcare", "childcare", cost, _basis(household, prices, by_part))
    return part


def _basis(household: HouseholdInputs, prices: Prices, by_part: dict[str, np.ndarray]):
    """The numbers behind a stage's childcare line: hours by part, and the care already there."""

    def basis(k: int, m: np.ndarray) -> dict:
        hours = {part: first(stage_sum(by_part[part], m)) for part in PARTS}
        out = {"hours": sum(hours.values()), "hours_by_part": hours}
        out.update(
            children=len(household.children),
            state=household.state,
            state_index=prices.childcare_state_index,
            existing_care=tuple(
                (c.age_years, first(c.school_hours_per_week), first(c.paid_care_hours_per_week), c.paid_care_assumed)
                for c in household.children
            ),
        )
        return out

    return basis
