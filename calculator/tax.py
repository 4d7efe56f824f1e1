"""Income and payroll taxes for the after-tax view: pure functions over arrays of draws.

An estimate, not tax advice. Every amount is in US dollars a year, an ``(N,)`` array (or a
scalar); schedules come from :class:`calculator.inputs.TaxSchedule`.

Notes
-----
Federal income tax is the bracket tax on income less the larger of the standard deduction and
the itemized deductions. State income tax is the bracket tax of the state's single-filer
schedule on income less its standard deduction and personal exemption; a married couple filing
jointly is taxed as two single filers with half the income each (many states double their
brackets for joint returns, not all). Social Security tax is charged on wages up to the wage
base, Medicare tax on all wages, the additional Medicare tax on wages above its threshold.
Credits (earned income, child tax credit) and local income taxes are not counted.

The after-tax view compares the household's year with and without what an option changes: the
tax on a slice of income is ``tax(with it) - tax(without it)``, the household's marginal rates
over that slice, brackets crossed included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .inputs import TaxInputs, TaxSchedule, TaxYear


def bracket_tax(taxable_usd: np.ndarray | float, starts_usd: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Tax on taxable income under a bracket schedule [USD].

    Parameters
    ----------
    taxable_usd : array
        Taxable income [USD/year]; below zero counts as zero.
    starts_usd : (B,) array
        Lower bound of each bracket [USD/year], increasing, the first 0.
    rates : (B,) array
        Rate of each bracket [fraction].

    Notes
    -----
    ``sum over b of rates[b] * clip(taxable - starts[b], 0, starts[b+1] - starts[b])``, the last
    bracket without an upper bound.
    """
    x = np.maximum(np.asarray(taxable_usd, dtype=float), 0.0)[..., None]
    upper = np.append(starts_usd[1:], np.inf)
    return (rates * np.clip(x - starts_usd, 0.0, upper - starts_usd)).sum(axis=-1)


def marginal_rate(taxable_usd: np.ndarray | float, starts_usd: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """The rate of the bracket the next dollar of taxable income falls in [fraction]."""
    x = np.maximum(np.asarray(taxable_usd, dtype=float), 0.0)
    return rates[np.searchsorted(starts_usd, x, side="right") - 1]


def income_tax(
    income_usd: np.ndarray, schedule: TaxSchedule, deduction_usd: np.ndarray | float | None = None, split: bool = False
) -> np.ndarray:
    """Income tax [USD] on ``income_usd`` less ``deduction_usd`` (default: the schedule's own).

    ``split``: two filers with half the income and the deduction each (a state's joint return
    estimated from its single schedule).
    """
    deduction = schedule.deduction_usd if deduction_usd is None else deduction_usd
    if split:
        return 2.0 * bracket_tax(income_usd / 2.0 - deduction, schedule.starts_usd, schedule.rates)
    return bracket_tax(income_usd - deduction, schedule.starts_usd, schedule.rates)


def payroll_tax(wages_usd: np.ndarray, law: TaxInputs, year: TaxYear, joint_wages_usd: np.ndarray) -> np.ndarray:
    """The employee's Social Security and Medicare tax on one person's wages [USD].

    Notes
    -----
    ``ss * min(wages, wage base) + medicare * wages + additional * max(wages + joint - threshold, 0)``,
    where ``joint`` is a spouse's wages on a joint return (the threshold is for the couple).
    """
    wages = np.maximum(wages_usd, 0.0)
    extra = np.maximum(wages + joint_wages_usd - law.additional_medicare_threshold_usd, 0.0) - np.maximum(
        joint_wages_usd - law.additional_medicare_threshold_usd, 0.0
    )
    return (
        law.social_security_tax_fraction * np.minimum(wages, year.social_security_wage_base_usd)
        + law.medicare_tax_fraction * wages
        + law.additional_medicare_tax_fraction * extra
    )


@dataclass(frozen=True, slots=True)
class Return:
    """One year of the household's return [USD/year]: what an option changes is a new ``Return``.

    ``wages`` are the patient's; ``other`` the rest of the return's income (a spouse's pay when
    filing jointly); ``benefits_*`` the disability benefits taxed by each tax; ``pre_tax``
    HSA/FSA money set aside from pay; ``itemized`` the itemized deductions.
    """

    wages: np.ndarray
    other: np.ndarray
    benefits_federal: np.ndarray
    benefits_state: np.ndarray
    benefits_payroll: np.ndarray
    pre_tax: np.ndarray
    itemized: np.ndarray

    def with_(self, **changes) -> Return:
        return replace(self, **changes)

    @property
    def agi(self) -> np.ndarray:
        """Adjusted gross income (federal) [USD/year]."""
        return self.wages - self.pre_tax + self.other + self.benefits_federal


def household_tax(r: Return, year: TaxYear, law: TaxInputs) -> dict[str, np.ndarray]:
    """Federal income tax, state income tax and the patient's payroll tax on a year's return [USD].

    A spouse's payroll tax on a joint return is left to :func:`partner_tax` (it does not change
    with the patient's income).
    """
    deduction = np.maximum(year.federal.deduction_usd, r.itemized)
    federal = income_tax(r.agi, year.federal, deduction)
    state = (
        income_tax(r.wages - r.pre_tax + r.other + r.benefits_state, year.state, split=law.joint)
        if year.state is not None
        else np.zeros_like(federal)
    )
    joint_wages = r.other if law.joint else np.zeros_like(r.other)
    payroll = payroll_tax(r.wages - r.pre_tax + r.benefits_payroll, law, year, joint_wages)
    return {"federal": federal, "state": state, "payroll": payroll}


def partner_tax(lost_usd: np.ndarray, year: TaxYear, law: TaxInputs) -> np.ndarray:
    """Tax a partner does not pay on ``lost_usd`` of wages lost [USD, positive].

    Filing jointly: the partner's Social Security and Medicare tax (their wages assumed under the
    wage base; their income tax moves with the joint return, counted there). Otherwise: the
    partner's own single return on a full-time year at their pay, federal and state.
    """
    rate = law.social_security_tax_fraction + law.medicare_tax_fraction
    if law.joint:
        return rate * lost_usd
    base = law.partner_wages_usd_per_year
    after = np.maximum(base - lost_usd, 0.0)
    federal = income_tax(base, year.federal_single) - income_tax(after, year.federal_single)
    state = (
        income_tax(base, year.state) - income_tax(after, year.state) if year.state is not None else np.zeros_like(base)
    )
    return federal + state + rate * (base - after)


def total(parts: dict[str, np.ndarray]) -> np.ndarray:
    """Federal + state + payroll [USD]."""
    return parts["federal"] + parts["state"] + parts["payroll"]


def marginal_rates(r: Return, year: TaxYear, law: TaxInputs) -> dict[str, float]:
    """The household's marginal rates at ``r`` (draw 0), for the words: federal, state, payroll."""
    deduction = np.maximum(year.federal.deduction_usd, r.itemized)
    federal = marginal_rate(r.agi - deduction, year.federal.starts_usd, year.federal.rates)
    state = np.zeros(1)
    if year.state is not None:
        income = r.wages - r.pre_tax + r.other + r.benefits_state
        taxable = (income / 2.0 if law.joint else income) - year.state.deduction_usd
        state = marginal_rate(taxable, year.state.starts_usd, year.state.rates)
    under_base = r.wages < year.social_security_wage_base_usd
    payroll = law.medicare_tax_fraction + np.where(under_base, law.social_security_tax_fraction, 0.0)
    return {
        "federal": float(np.asarray(federal).reshape(-1)[0]),
        "state": float(np.asarray(state).reshape(-1)[0]),
        "payroll": float(np.asarray(payroll).reshape(-1)[0]),
    }
