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
from .scenario import MEDICARE_PLANS, ORIGINAL_MEDICARE_PLANS, Scenario

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
    if ins.plan_type in MEDICARE_PLANS | {"uninsured"} and (
        ins.deductible_usd is not None or ins.coinsurance_fraction is not None
    ):
        yield Reason("plan_terms_not_used", values={"plan_type": ins.plan_type})
    yield from _payer_reasons(scenario)
    for option in scenario.options:
        for j, st in enumerate(option.stages):
            yield from _stage_reasons(scenario, option.name, j, st)
            yield from _payer_stage_reasons(scenario, option.name, j, st)


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
    if plan in ORIGINAL_MEDICARE_PLANS and st.level == "residential":
        yield reason("medicare_residential")
    if plan in ORIGINAL_MEDICARE_PLANS and not st.in_network:
        yield reason("medicare_not_accepted")


def _payer_reasons(scenario: Scenario) -> Iterator[Reason]:
    """What the family should know about its payer, once for the scenario."""
    ins = scenario.insurance
    stages = [st for option in scenario.options for st in option.stages]
    out_of_network = any(not st.in_network and not st.single_case_agreement for st in stages)
    if ins.plan_type in {"employer", "marketplace"} and out_of_network:
        yield Reason("no_surprises_act")
    if ins.plan_type == "medicare_advantage" and ins.medicare_advantage.network == "ppo" and out_of_network:
        yield Reason("advantage_ppo_out_of_network")
    residential = any(st.is_residential for st in stages)
    history = ins.medicare_part_a_deductible_met or ins.medicare_benefit_period_days_used > 0
    if ins.plan_type in ORIGINAL_MEDICARE_PLANS and residential and history:
        yield Reason("benefit_period_history", values={"days": ins.medicare_benefit_period_days_used})
    if ins.plan_type == "medicare_medicaid" and ins.dual_status == "premium_only":
        yield Reason("dual_premium_only")


def _payer_stage_reasons(scenario: Scenario, name: str, j: int, st) -> Iterator[Reason]:
    """One stage with the family's payer: where the payer's own rules decide what it pays."""

    def reason(code: str, **values: Any) -> Reason:
        return Reason(code, name, j, st.level, values)

    plan = scenario.insurance.plan_type
    network_plan = plan in {"employer", "marketplace", "medicaid", "medicare_advantage"}
    if plan == "medicare_advantage" and st.is_residential:
        yield reason("advantage_residential")
    hmo = scenario.insurance.medicare_advantage.network == "hmo"
    if plan == "medicare_advantage" and hmo and not st.in_network and not st.single_case_agreement:
        yield reason("advantage_hmo_out_of_network")
    if plan in MEDICARE_PLANS and st.level in {"iop", "php"}:
        yield reason("medicare_iop_setting", php=st.level == "php")
    if plan == "medicaid":
        yield from (reason(code) for code in _medicaid_stage_codes(st))
    if st.single_case_agreement and st.in_network and network_plan:
        yield reason("single_case_agreement_in_network")
    if st.single_case_agreement and not network_plan:
        yield reason("single_case_agreement_not_used", plan_type=plan)
    if st.state_funded and st.sliding_scale_discount_fraction is None:
        yield reason("state_funded_no_fee")


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
    for i, o in enumerate(outcomes):
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
            stage = scenario.options[i].stages[k]
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
        if scenario.insurance.plan_type in ORIGINAL_MEDICARE_PLANS and float(day["self_pay_days"].sum()) > 0:
            yield Reason("medicare_days_not_covered", o.name)
        yield from _payer_outcome_reasons(scenario, o)
        yield from _claim_reasons(o)
        yield from _medicare_php_reasons(inputs, o)
    yield from _medicaid_copay_reasons(scenario, library)
    yield from leave_program_reasons(scenario, outcomes, library)
    yield from _aca_limit_reasons(scenario, library)
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


def _medicaid_stage_codes(st) -> list[str]:
    """Medicaid: a program that does not take it, and the IMD rule for residential facilities."""
    codes = ["medicaid_not_accepted"] if not st.in_network and not st.single_case_agreement else []
    beds = {"not_asked": "imd_possible", "over_16_covered": "imd_waiver", "over_16_not_covered": "imd_not_paid"}
    if st.is_residential and st.medicaid_beds in beds:
        codes.append(beds[st.medicaid_beds])
    return codes


def _payer_outcome_reasons(scenario: Scenario, o: OptionOutcome) -> Iterator[Reason]:
    """What one option's results say about its payer: benefit periods opened, a MOOP reached."""
    deductibles = [x for x in o.lines if x.item == "deductible" and x.basis.get("rule") == "medicare_part_a"]
    periods = sum(int(x.basis.get("periods", 0)) for x in deductibles if float(x.amount_usd[0]) > 0.005)
    if periods > 1:
        yield Reason("new_benefit_period", o.name, values={"periods": periods})
    capped = sum(-float(x.amount_usd[0]) for x in o.lines if x.item == "oop_cap")
    if scenario.insurance.plan_type == "medicare_advantage" and capped > 0.005:
        yield Reason("advantage_moop_reached", o.name, values={"amount_usd": capped})


def _medicaid_copay_reasons(scenario: Scenario, library: AssumptionSet) -> Iterator[Reason]:
    """Medicaid copays entered above the federal maxima for the lowest incomes (unusual, not wrong)."""
    ins = scenario.insurance
    if ins.plan_type != "medicaid" and not (ins.plan_type == "medicare_medicaid" and ins.dual_status == "full"):
        return
    checks = (
        (ins.copay_per_day_usd, K.MEDICAID_MAX_OUTPATIENT_COPAY),
        (ins.copay_per_admission_usd, K.MEDICAID_MAX_INPATIENT_COPAY),
    )
    for entered, key in checks:
        maximum = float(library.value(key, scenario.start_date))
        if entered is not None and entered > maximum:
            yield Reason(
                "medicaid_copay_above_maximum",
                values={"entered_usd": entered, "maximum_usd": maximum, "per": library[key].unit},
            )


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


# ---- state leave programs, Medicare PHP, the ACA limit ------------------------------------------


def leave_program_reasons(
    scenario: Scenario, outcomes: tuple[OptionOutcome, ...], library: AssumptionSet
) -> Iterator[Reason]:
    """What the family's state program means for them: not paying yet, voluntary insurance,
    eligibility rules beyond FMLA's, and a partner's FMLA spouse-care protection."""
    from . import leave_programs

    h = scenario.household
    table = library.tables.get(leave_programs.OWN_ILLNESS)
    rows = leave_programs.rows_of(table, h.state) if (table is not None and h.state) else []
    newest = rows[-1] if rows else None
    working = h.work_schedule != "not_working"
    if newest is not None and newest["status"] == "not_yet" and working:
        yield Reason("state_program_not_paying_yet", values={"state": h.state, "program": newest["program"]})
    if h.voluntary_leave_insurance and (newest is None or newest["status"] != "voluntary"):
        yield Reason("voluntary_plan_not_used", values={"state": h.state or ""})
    if newest is not None and newest["status"] == "pays" and working and h.use_state_program:
        months = (newest["min_months_with_employer"] or "").strip()
        if months:
            yield Reason(
                "state_program_eligibility",
                values={
                    "state": h.state,
                    "program": newest["program"],
                    "months": float(months),
                    "hours": float(newest["min_hours_with_employer"] or 0),
                    "employees": float(newest["min_employer_size"] or 0),
                },
            )
    partner_hours = max(float(o.daily["partner_hours_off"][0].sum()) for o in outcomes) if outcomes else 0.0
    if partner_hours > 0 and h.partner_pay_usd_per_hour > 0:
        yield Reason("partner_fmla_spouse_care", values={"hours": partner_hours})


def _claim_reasons(o: OptionOutcome) -> Iterator[Reason]:
    """A state claim that starts after its row's next figures were due, or before the program pays."""
    seen: set[tuple[str, str]] = set()
    for line in o.lines:
        b = line.basis
        if line.item not in {"disability", "partner_leave_benefit"} or "state_program" not in b:
            continue
        values = {"state": b["state"], "program": b["state_program"], "row_from": b["row_from"]}
        if "row_due" in b and ("due", b["state_program"]) not in seen:
            seen.add(("due", b["state_program"]))
            yield Reason("state_program_past_latest", o.name, values={**values, "due": b["row_due"]})
        if "pays_from" in b and ("from", b["state_program"]) not in seen:
            seen.add(("from", b["state_program"]))
            yield Reason("state_program_starts_during_care", o.name, values={**values, "pays_from": b["pays_from"]})


def _medicare_php_reasons(inputs: Inputs, o: OptionOutcome) -> Iterator[Reason]:
    """A PHP day priced at the library's Medicare PHP estimate (no PHP per diem was verified)."""
    for k, s in enumerate(o.stages):
        if s.level == "php" and s.price_from == "medicare_per_diem":
            yield Reason("medicare_php_rate_estimate", o.name, k, s.level, {"key": K.MEDICARE_PHP_PER_DIEM})


def _aca_limit_reasons(scenario: Scenario, library: AssumptionSet) -> Iterator[Reason]:
    """An entered in-network out-of-pocket maximum above the ACA limit for the plan year."""
    ins = scenario.insurance
    if ins.plan_type not in K.COMMERCIAL_PLANS or ins.oop_max_usd is None:
        return
    start = scenario.start_date
    renewal = start.replace(month=ins.plan_year_renews_month, day=ins.plan_year_renews_day)
    plan_year = renewal if renewal <= start else renewal.replace(year=start.year - 1)
    limit = float(library.value(K.ACA_OOP_LIMIT_SELF, plan_year))
    if ins.oop_max_usd > limit + 0.005:
        yield Reason(
            "oop_max_above_aca_limit",
            values={"oop_max_usd": ins.oop_max_usd, "limit_usd": limit, "plan_year": plan_year.year},
        )
