"""Childcare: paid care for the hours a patient who looks after children cannot cover.

Notes
-----
For each child young enough for paid care, the hours the patient normally covers and no one
else can: round the clock less school (or care already paid for) while the patient lives away,
and the session plus the round trip on outpatient days at home (an evening session always, a
daytime one only outside school hours). Each week the family's help covers what it can (one
pool for all the children), and the rest is priced at the cheaper of a sitter by the hour and a
full week of care plus a sitter beyond its hours; the second and later children at the
additional-child sitter rate.
"""

from __future__ import annotations

import numpy as np

from ..inputs import ChildInputs, HouseholdInputs, Prices
from ..timeline import week_sums
from .days import DayFlags
from .lines import Part, per_stage


def child_need_hours(child: ChildInputs, flags: DayFlags) -> np.ndarray:
    """Hours a day the child needs someone other than the patient [hours], ``(N, D)``."""
    covered_today = np.where(flags.weekday_mask, (child.covered_hours_per_week / 5.0)[:, None], 0.0)
    outing = np.where(flags.session, flags.hours_today + flags.round_trip_hours, 0.0)
    need_away = np.where(flags.away, 24.0 - covered_today, 0.0)
    # An evening session falls outside school and daycare; a daytime one needs care only for
    # the hours beyond them.
    need_session = np.where(flags.evening, outing, np.maximum(outing - covered_today, 0.0))
    return np.where(flags.active, need_away + np.where(flags.session, need_session, 0.0), 0.0)


def weekly_price(
    uncovered_w: np.ndarray, sitter_usd_per_hour: np.ndarray, full_week_usd: np.ndarray, full_week_hours: np.ndarray
) -> np.ndarray:
    """The cheaper of a sitter for every hour and a full week of care plus a sitter beyond it [USD/week]."""
    hourly = sitter_usd_per_hour[:, None] * uncovered_w
    combined = full_week_usd[:, None] + sitter_usd_per_hour[:, None] * np.maximum(
        uncovered_w - full_week_hours[:, None], 0.0
    )
    return np.where(uncovered_w > 0, np.minimum(hourly, combined), 0.0)


def childcare(household: HouseholdInputs, prices: Prices, flags: DayFlags, detail: bool) -> Part:
    """Paid childcare and the hours to arrange, day by day; with ``detail``, a line per stage."""
    cost, hours = flags.zeros(), flags.zeros()
    help_w = household.family_help_hours_per_week[:, None]
    for i, child in enumerate(household.children):
        need = child_need_hours(child, flags)
        need_w = week_sums(need)
        uncovered_w = np.maximum(need_w - help_w, 0.0)
        rate = prices.sitter_usd_per_hour if i == 0 else prices.sitter_additional_child_usd_per_hour
        cost_w = weekly_price(
            uncovered_w, rate, prices.full_week_care_usd_per_week[child.age_group], prices.full_week_care_hours
        )
        # Spread each week's cost and hours over its days in proportion to the need.
        share = np.where(need_w > 0, 1.0 / np.where(need_w > 0, need_w, 1.0), 0.0)
        cost += need * np.repeat(cost_w * share, 7, axis=1)
        hours += need * np.repeat(uncovered_w * share, 7, axis=1)
    part = Part({"childcare": cost, "childcare_hours": hours})
    if detail:
        index = prices.childcare_state_index

        def basis(k: int, m: np.ndarray) -> dict:
            return {
                "hours": float(np.where(m, hours, 0.0)[0].sum()),
                "children": len(household.children),
                "state": household.state,
                "state_index": index,
            }

        part.lines = per_stage(flags.stage_masks, "childcare", "childcare", cost, basis)
    return part
