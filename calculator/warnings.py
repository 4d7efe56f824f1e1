"""Warnings that do not block a comparison: unusual input, and what the results imply.

Each is a :class:`Reason`: a code, the option and stage it concerns, and the numbers a sentence
needs. ``ui/words.py`` writes the sentence (in the family's language).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import keys as K
from .scenario import Scenario

if TYPE_CHECKING:
    from .assumptions import AssumptionSet
    from .engine import OptionOutcome
    from .inputs import Inputs


@dataclass(frozen=True, slots=True)
class Reason:
    """One warning: ``code`` says which, ``values`` the numbers and names it needs.

    ``option`` is the option's name (``None``: the whole scenario); ``stage`` is 0-based.
    """

    code: str
    option: str | None = None
    stage: int | None = None
    level: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def scenario_reasons(scenario: Scenario) -> Iterator[Reason]:
    """Unusual but possible input: worth a second look, never an error."""
    h = scenario.household
    if h.work_hours_per_week is not None and h.work_hours_per_week > 60:
        yield Reason("work_hours_high", values={"hours": h.work_hours_per_week})
    if h.pay_usd_per_hour is not None and 0 < h.pay_usd_per_hour < 7.25 and h.pay_basis == "hourly":
        yield Reason("pay_below_minimum_wage", values={"pay_usd_per_hour": h.pay_usd_per_hour})
    by_part = h.family_help
    any_help = h.family_help_hours_per_week > 0 or any(
        getattr(by_part, name) > 0 for name in type(by_part).model_fields
    )
    if any_help and not h.children:
        yield Reason("family_help_without_children")
    ins = scenario.insurance
    if ins.plan_type in {"medicare", "uninsured"} and (
        ins.deductible_usd is not None or ins.coinsurance_fraction is not None
    ):
        yield Reason("plan_terms_not_used", values={"plan_type": ins.plan_type})
    for option in scenario.options:
        for j, st in enumerate(option.stages):
            yield from _stage_reasons(scenario, option.name, j, st)


def _stage_reasons(scenario: Scenario, name: str, j: int, st) -> Iterator[Reason]:
    def reason(code: str, **values: Any) -> Reason:
        return Reason(code, name, j, st.level, values)

    hours = (st.days_per_week or 0) * (st.hours_per_day or 0)
    if st.level == "iop" and st.days_per_week and st.hours_per_day and hours < 9:
        yield reason("iop_hours_low", hours_per_week=hours)
    if st.level == "php" and st.days_per_week and st.hours_per_day and hours < 20:
        yield reason("php_hours_low", hours_per_week=hours)
    if st.level == "residential" and st.length_days and st.length_days > 90:
        yield reason("residential_long", days=st.length_days)
    if st.travel_mode == "flight" and not st.is_residential and st.patient_lodging == "home":
        yield reason("flying_to_sessions")
    if st.is_residential and st.patient_lodging != "home":
        yield reason("lodging_ignored")
    plan = scenario.insurance.plan_type
    if plan == "medicare" and st.level == "residential":
        yield reason("medicare_residential")
    if plan == "medicare" and not st.in_network:
        yield reason("medicare_not_accepted")


def outcome_reasons(
    scenario: Scenario, inputs: Inputs, outcomes: tuple[OptionOutcome, ...], library: AssumptionSet
) -> Iterator[Reason]:
    """What the results imply: job protection, coverage running out, bills no maximum caps,
    and library figures used past their latest published value."""
    h = scenario.household
    fmla_weeks = float(library.value(K.FMLA_MAX_WEEKS))
    # A usual work week: the scheduled hours of the first seven days (the same in every option
    # as long as it lasts a week; the longest one always does, when any does).
    weekly_hours = max(float(o.daily["scheduled_work_hours"][0][:7].sum()) for o in outcomes)
    for o in outcomes:
        day = {k: v[0] for k, v in o.daily.items()}
        missed = float(day["missed_work_hours"].sum())
        if missed > 0 and h.work_hours_per_week != 0:
            weeks_off = missed / weekly_hours if weekly_hours else 0.0
            if not h.fmla_eligible:
                yield Reason("job_not_protected", o.name, values={"hours": missed})
            elif weeks_off > fmla_weeks:
                yield Reason("fmla_exceeded", o.name, values={"weeks": weeks_off, "fmla_weeks": fmla_weeks})
        for k, s in enumerate(o.stages):
            self_pay = float(day["self_pay_days"][o.stage_masks[k][0]].sum())
            stage = scenario.options[outcomes.index(o)].stages[k]
            if stage.authorized_days is not None and self_pay > 0 and scenario.insurance.plan_type != "uninsured":
                yield Reason(
                    "authorization_runs_out",
                    o.name,
                    k,
                    s.level,
                    {"authorized_days": stage.authorized_days, "self_pay_days": self_pay},
                )
        balance = float(day["balance_bill"].sum())
        if balance > 0:
            yield Reason("balance_bill", o.name, values={"amount_usd": balance})
        reserve = float(day["medicare_reserve_days"].sum())
        if reserve > 0:
            yield Reason("medicare_reserve_days", o.name, values={"days": reserve})
        if scenario.insurance.plan_type == "medicare" and float(day["self_pay_days"].sum()) > 0:
            yield Reason("medicare_days_not_covered", o.name)
    yield from figures_past_latest(inputs, library)
    yield from tax_reasons(scenario, inputs, outcomes)


def tax_reasons(scenario: Scenario, inputs: Inputs, outcomes: tuple[OptionOutcome, ...]) -> Iterator[Reason]:
    """What the after-tax view had to assume: tax years not published yet, a state with no table,
    a benefit taxed only in part counted as taxed in full, a medical-expense deduction estimated."""
    taxes = inputs.taxes
    late = sorted({(y.year, y.figures_year) for y in taxes.years if y.figures_year != y.year})
    for year, used in late:
        yield Reason("tax_figures_past_latest", values={"year": year, "figures_year": used})
    if scenario.household.state and all(y.state is None for y in taxes.years):
        yield Reason("state_tax_not_found", values={"state": scenario.household.state})
    for o in outcomes:
        day = {k: v[0] for k, v in o.daily.items()}
        state_paid = float(day.get("benefit_state", np.zeros(1)).sum())
        if state_paid > 0 and taxes.state_benefit.federal == "partly":
            yield Reason(
                "benefit_taxed_in_full",
                o.name,
                values={"amount_usd": state_paid, "source": taxes.state_benefit_source},
            )
        deduction = -float(day["tax_medical_deduction"].sum()) if "tax_medical_deduction" in day else 0.0
        if deduction >= 0.5:
            yield Reason("medical_deduction", o.name, values={"amount_usd": deduction})


def figures_past_latest(inputs: Inputs, library: AssumptionSet) -> Iterator[Reason]:
    """A library figure due for a newer value that is not published yet: the latest was used."""
    for use in inputs.figures_used.values():
        if use.not_current_from is None:
            continue
        fig = library[use.key]
        latest = fig.in_force(use.not_current_from)
        yield Reason(
            "figure_past_latest",
            values={
                "key": use.key,
                "label": fig.label,
                "from": use.not_current_from,
                "latest_from": latest.start,
                "latest_usd": latest.typical,
                "unit": fig.unit,
            },
        )
