"""After tax: what an option's costs and lost income come to once taxes are counted (an estimate).

Notes
-----
For each calendar year the option touches, the household's return is worked out as it would be
without the option (the patient's wages for a full year, other income on the return), then
changed step by step; each step's change in tax is one line (positive: the family pays more tax):

1. ``tax_lost_wages``: wages not earned (after paid time off, before benefits), the patient's
   and a partner's, are not taxed: federal and state income tax, Social Security and Medicare.
2. ``tax_benefits``: disability benefits are taxed as the law taxes them: employer short-term
   disability like wages (unless the worker paid the premiums after tax); a state program by its
   row of ``benefit_taxes.csv`` (taxable in part is counted as taxable in full).
3. ``tax_hsa_fsa``: out-of-pocket medical costs paid from an HSA or FSA were set aside from pay
   before tax (income tax, Social Security and Medicare), up to the balance given.
4. ``tax_medical_deduction``: federal only, when itemizing: medical costs not paid from the HSA
   above 7.5% of adjusted gross income (treatment, the patient's trips at the IRS medical mileage
   rate, lodging near care up to the nightly limit), beside the other itemized deductions.

Paid time off used is worth its pay after tax: ``tax_leave`` (negative) is the tax those hours'
pay carries, for the total "including leave used, after tax".

Each year's amounts sit on the option's first day in that year, so totals over days add up.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .. import tax as T
from ..inputs import TaxInputs, TaxYear
from .days import DayFlags
from .lines import Line, Part, day_total, first, stage_sum

#: The after-tax lines, in the order they are worked out and shown.
ITEMS = ("tax_lost_wages", "tax_benefits", "tax_hsa_fsa", "tax_medical_deduction")
#: Daily amounts an option's other parts must provide.
NEEDS = (
    "unpaid_wages",
    "benefit_employer",
    "benefit_state",
    "partner_lost_wages",
    "leave_used",
    "treatment",
    "medical_travel",
    "medical_lodging",
)


def after_tax(taxes: TaxInputs, flags: DayFlags, daily: Mapping[str, np.ndarray], detail: bool) -> Part:
    """The after-tax lines of one option, day by day (each year's on its first day)."""
    # A row for every draw, or one row per draw when each has its own calendar.
    year_of_day = np.atleast_2d(flags.calendar.calendar_year)
    n = flags.length_days.size
    draws = np.arange(n)
    shape = (n, year_of_day.shape[1])
    out = {name: flags.zeros() for name in (*ITEMS, "tax_leave")}
    hsa_left = taxes.hsa_fsa_usd.copy()
    bases = []
    for k, year in enumerate(taxes.years):
        in_year = year_of_day == k
        # The option's days in the year: amounts outside the option are zero already.
        first_day = np.broadcast_to(np.argmax(in_year, axis=1), (n,))
        touched = in_year.any(axis=1) & (flags.length_days > first_day)
        if not touched.any():
            continue
        amounts = {name: _year_sum(np.broadcast_to(daily[name], shape), in_year) for name in NEEDS}
        medical = amounts["treatment"] + amounts["medical_travel"] + amounts["medical_lodging"]
        paid_from_hsa = np.minimum(hsa_left, medical)
        hsa_left = hsa_left - paid_from_hsa
        steps, basis = year_steps(taxes, year, amounts, paid_from_hsa, medical)
        for name, value in steps.items():
            out[name][draws[touched], first_day[touched]] += np.broadcast_to(value, (n,))[touched]
        bases.append(basis)
    out["tax_effect"] = sum(out[name] for name in ITEMS)
    part = Part(out)
    if detail:
        context = {
            "filing_status": taxes.filing_status,
            "filing_status_assumed": taxes.filing_status_assumed,
            "state": taxes.state,
            "employer_benefit": taxes.employer_benefit.federal,
            "state_benefit": taxes.state_benefit.federal,
            "state_benefit_source": taxes.state_benefit_source,
        }
        part.lines = [
            Line("taxes", name, None, day_total(out[name]), True, {**_basis(name, bases), **context})
            for name in (*ITEMS, "tax_leave")
        ]
    return part


def _year_sum(daily: np.ndarray, in_year: np.ndarray) -> np.ndarray:
    """``daily`` summed over the days of one calendar year, per draw [USD], as every total is
    summed (:func:`~calculator.engine.lines.day_total`), so a year's amounts do not depend on
    the calendar's length: the same for a client alone and beside longer stays.

    With one calendar for every draw a year is a run of days: the days up to its end are summed
    from its first day (zeros after it would change nothing), without a mask.
    """
    if in_year.shape[0] == 1:
        days = np.flatnonzero(in_year[0])
        return day_total(daily[:, : int(days[-1]) + 1], from_day=int(days[0]))
    return stage_sum(daily, in_year)


def _baseline(taxes: TaxInputs) -> T.Return:
    zero = np.zeros_like(taxes.wages_usd_per_year)
    return T.Return(
        wages=taxes.wages_usd_per_year,
        other=taxes.other_income_usd_per_year,
        benefits_federal=zero,
        benefits_state=zero,
        benefits_payroll=zero,
        pre_tax=zero,
        itemized=taxes.other_itemized_usd,
    )


def year_steps(
    taxes: TaxInputs, year: TaxYear, amounts: Mapping[str, np.ndarray], hsa: np.ndarray, medical: np.ndarray
) -> tuple[dict[str, np.ndarray], dict]:
    """The change in the household's tax at each step, for one calendar year [USD], and its numbers."""
    base = _baseline(taxes)
    partner = amounts["partner_lost_wages"]
    lost = base.with_(
        wages=np.maximum(base.wages - amounts["unpaid_wages"], 0.0),
        other=np.maximum(base.other - partner, 0.0) if taxes.joint else base.other,
    )
    employer, state = amounts["benefit_employer"], amounts["benefit_state"]
    e, s = taxes.employer_benefit, taxes.state_benefit
    benefits = lost.with_(
        benefits_federal=employer * (e.federal != "exempt") + state * (s.federal != "exempt"),
        benefits_state=employer * e.state + state * s.state,
        benefits_payroll=employer * e.payroll + state * s.payroll,
    )
    hsa_step = benefits.with_(pre_tax=hsa)
    floor = taxes.medical_floor_fraction * hsa_step.agi
    deductible = np.maximum(medical - hsa - floor, 0.0)
    itemizing = hsa_step.with_(itemized=hsa_step.itemized + deductible)
    tax = {
        name: T.total(T.household_tax(r, year, taxes)) for name, r in _steps(base, lost, benefits, hsa_step, itemizing)
    }
    leave = base.with_(wages=np.maximum(base.wages - amounts["leave_used"], 0.0))
    steps = {
        "tax_lost_wages": tax["lost"] - tax["base"] - T.partner_tax(partner, year, taxes),
        "tax_benefits": tax["benefits"] - tax["lost"],
        "tax_hsa_fsa": tax["hsa"] - tax["benefits"],
        "tax_medical_deduction": tax["itemizing"] - tax["hsa"],
        "tax_leave": T.total(T.household_tax(leave, year, taxes)) - tax["base"],
    }
    basis = {
        "year": year.year,
        "figures_year": year.figures_year,
        "rates": T.marginal_rates(base, year, taxes),
        "wages_usd": first(base.wages),
        "other_usd": first(base.other),
        "lost_usd": first(amounts["unpaid_wages"] + partner),
        "benefits_usd": first(employer + state),
        "hsa_usd": first(hsa),
        "medical_usd": first(medical),
        "floor_usd": first(floor),
        "floor_fraction": first(taxes.medical_floor_fraction),
        "deductible_usd": first(deductible),
        "standard_deduction_usd": year.federal.deduction_usd,
        "itemized_usd": first(itemizing.itemized),
        "leave_usd": first(amounts["leave_used"]),
    }
    return steps, basis


def _steps(*returns: T.Return):
    return zip(("base", "lost", "benefits", "hsa", "itemizing"), returns, strict=True)


def _basis(name: str, bases: list[dict]) -> dict:
    """The numbers behind an after-tax line: the first year's rates, the amounts over all years."""
    if not bases:
        return {}
    b = bases[0]
    summed = ("lost_usd", "benefits_usd", "hsa_usd", "medical_usd", "floor_usd", "deductible_usd", "leave_usd")
    kept = ("year", "figures_year", "wages_usd", "other_usd", "standard_deduction_usd", "floor_fraction")
    out = {key: b[key] for key in kept}
    out.update({f"{key}_rate": value for key, value in b["rates"].items()})
    out.update({key: sum(x[key] for x in bases) for key in summed})
    out["itemized_usd"] = b["itemized_usd"]
    out["years"] = len(bases)
    out["figures_years"] = tuple(sorted({x["figures_year"] for x in bases}))
    out["item"] = name
    return out
