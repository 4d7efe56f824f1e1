"""The model: what each treatment pathway costs a family, day by day, for N draws at once.

:func:`run` takes the resolved :class:`calculator.inputs.Inputs` and nothing else. Every amount is
an ``(N, D)`` array (draws by calendar days from the start date), so one call prices a single
scenario (N = 1) or ten thousand variations of it with the same arithmetic.

Components of what the family gives up (all in USD, never negative), each a short module:

- ``treatment`` (:mod:`.treatment`): the family's share of treatment charges (deductible,
  copays, coinsurance up to the out-of-pocket maximum), balance bills, self-pay days and
  admission fees;
- ``lodging_meals`` and ``travel`` (:mod:`.travel`): the patient's housing and meals when the
  program does not include them and the patient is not at home, the family's hotel nights and
  meals for visits, driving, fares and parking;
- ``childcare`` (:mod:`.childcare`): paid care for the hours no one in the household can cover;
- ``lost_income`` (:mod:`.income`): wages not replaced by paid time off or disability benefits,
  the patient's and a partner's;
- ``other`` (:mod:`.other`): drug testing, medication and costs the user adds.

``out_of_pocket`` is everything but lost income; ``family_total`` is all six (the cash total).
Beside it: ``leave_used``, the pay of the paid time off used (leave the family cannot use
later), and ``tax_effect``, the after-tax adjustments (:mod:`.aftertax`; negative when taxes
fall), with ``tax_leave`` the tax the leave's pay carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..inputs import Inputs, OptionInputs, StageInputs
from .aftertax import after_tax
from .childcare import childcare
from .days import DayFlags, day_flags
from .income import income
from .lines import COMPONENTS, EXTRA_COMPONENTS, OUT_OF_POCKET, Line, day_total
from .other import other
from .travel import lodging_and_travel
from .treatment import treatment

#: Totals every run keeps, even without detail [USD].
TOTALS = (*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid", "leave_used", "tax_effect", "tax_leave")
#: What the family's time looks like, day by day (kept with detail).
LOGISTICS = (
    "nights_away",
    "treatment_hours",
    "program_days",
    "patient_travel_hours",
    "family_travel_hours",
    "scheduled_work_hours",
    "missed_work_hours",
    "pto_hours",
    "childcare_hours",
    "visits",
    "family_program_days",
    "partner_hours_off",
    "self_pay_days",
    "medicare_reserve_days",
)


@dataclass(frozen=True, slots=True)
class OptionOutcome:
    """One pathway over its own calendar.

    Attributes
    ----------
    name : str
    stages : tuple of StageInputs
    stage_masks : tuple of (N, D) bool
        Each stage's days.
    length_days : (N,) array
    daily : mapping of str to (N, D) arrays
        :data:`TOTALS` always; with detail also the parts behind them and :data:`LOGISTICS`.
    lines : tuple of Line
        With detail: every line, stage by stage (then the whole pathway's), with its basis.
    """

    name: str
    stages: tuple[StageInputs, ...]
    stage_masks: tuple[np.ndarray, ...]
    length_days: np.ndarray
    daily: Mapping[str, np.ndarray]
    lines: tuple[Line, ...]

    def total(self, name: str) -> np.ndarray:
        """``(N,)`` total of daily amount ``name`` over the whole pathway (summed in day order)."""
        return day_total(self.daily[name])


def run(inputs: Inputs, detail: bool = True) -> tuple[OptionOutcome, ...]:
    """Price every option of the resolved inputs.

    Parameters
    ----------
    inputs : Inputs
        From :func:`calculator.resolve.resolve`.
    detail : bool
        Also keep the lines and the daily parts behind them (billed, deductible, hours,
        visits, ...). Batch runs that need only the totals turn this off.
    """
    return tuple(_option(option, inputs, detail) for option in inputs.options)


def totals(outcomes: tuple[OptionOutcome, ...], name: str) -> np.ndarray:
    """``(N, options)`` totals of ``name`` over each whole pathway."""
    return np.stack([o.total(name) for o in outcomes], axis=1)


def _option(option: OptionInputs, inputs: Inputs, detail: bool) -> OptionOutcome:
    flags = day_flags(option, inputs.calendar, inputs.prices.overnight_threshold_minutes)
    parts = [
        treatment(option.stages, flags, inputs.plan, inputs.out_of_network, inputs.medicare, detail),
        lodging_and_travel(option.stages, flags, inputs.prices, detail),
        childcare(inputs.household, inputs.prices, flags, detail),
    ]
    parts.append(income(inputs.household, flags, parts[1].daily["partner_program_hours"], detail))
    parts.append(other(option, flags, detail))
    daily: dict[str, np.ndarray] = {}
    lines: list[Line] = []
    for part in parts:
        daily.update(part.daily)
        lines += part.lines
    taxes = after_tax(inputs.taxes, flags, daily, detail)
    daily.update(taxes.daily)
    lines += taxes.lines
    daily["out_of_pocket"] = sum(daily[c] for c in OUT_OF_POCKET)
    daily["family_total"] = daily["out_of_pocket"] + daily["lost_income"]
    if detail:
        daily.update(_logistics(flags))
    else:
        daily = {k: daily[k] for k in TOTALS}
    order = {c: i for i, c in enumerate((*COMPONENTS, *EXTRA_COMPONENTS))}
    lines.sort(key=lambda line: (line.stage is None, line.stage or 0, order[line.component]))
    return OptionOutcome(option.name, option.stages, flags.stage_masks, flags.length_days, daily, tuple(lines))


def _logistics(flags: DayFlags) -> dict[str, np.ndarray]:
    return {
        "nights_away": flags.away.astype(float),
        "treatment_hours": flags.hours_today,
        "program_days": flags.program_day.astype(float),
        "patient_travel_hours": flags.round_trip_hours,
    }


__all__ = [
    "COMPONENTS",
    "EXTRA_COMPONENTS",
    "LOGISTICS",
    "OUT_OF_POCKET",
    "TOTALS",
    "Line",
    "OptionOutcome",
    "run",
    "totals",
]
