"""Warnings that do not block a comparison: unusual input, and what the results imply.

Each warning is one plain sentence a family can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .money import usd
from .scenario import LEVEL_LABELS, Scenario

if TYPE_CHECKING:
    from .engine import Simulation


def scenario_warnings(scenario: Scenario) -> Iterator[str]:
    """Unusual but possible input: worth a second look, never an error."""
    h = scenario.household
    if h.work_hours_per_week is not None and h.work_hours_per_week > 60:
        yield f"Work hours of {h.work_hours_per_week:g} a week are unusually high; check the figure."
    if h.pay_usd_per_hour is not None and 0 < h.pay_usd_per_hour < 7.25 and h.pay_basis == "hourly":
        yield "Hourly pay is below the federal minimum wage ($7.25); check the figure."
    if h.family_help_hours_per_week > 0 and not h.children:
        yield "Family help hours are set but no children are listed, so they are not used."
    ins = scenario.insurance
    if (
        ins.plan_type in {"medicare", "medicaid", "uninsured"}
        and (ins.deductible_usd is not None or ins.coinsurance_fraction is not None)
        and ins.plan_type != "medicaid"
    ):
        yield f"Deductible and coinsurance entries are not used for {ins.plan_type.title()}: its own rules apply."
    for _i, option in enumerate(scenario.options):
        for j, st in enumerate(option.stages):
            where = f"{option.name}, stage {j + 1} ({LEVEL_LABELS[st.level]})"
            if st.level == "iop" and st.days_per_week and st.hours_per_day and st.days_per_week * st.hours_per_day < 9:
                yield f"{where}: {st.days_per_week * st.hours_per_day:g} hours a week is below the 9 hours that define an adult IOP."
            if st.level == "php" and st.days_per_week and st.hours_per_day and st.days_per_week * st.hours_per_day < 20:
                yield f"{where}: {st.days_per_week * st.hours_per_day:g} hours a week is below the 20 hours that define a PHP."
            if st.level == "residential" and st.length_days and st.length_days > 90:
                yield f"{where}: a stay of {st.length_days} days is longer than most residential programs."
            if st.travel_mode == "flight" and not st.is_residential and st.patient_lodging == "home":
                yield f"{where}: flying to every outpatient session is unusual; consider lodging near the program."
            if st.is_residential and st.patient_lodging != "home":
                yield f"{where}: 'where the patient sleeps' applies to outpatient stages only and is ignored here."
            if ins.plan_type == "medicare" and st.level == "residential":
                yield (
                    f"{where}: Original Medicare does not cover residential rehab in a non-hospital facility; "
                    "this assumes a Medicare-certified inpatient hospital or psychiatric unit. Ask the facility."
                )
            if ins.plan_type == "medicare" and not st.in_network:
                yield f"{where}: the facility does not take Medicare, so the family pays its cash price."


def model_warnings(sim: Simulation) -> Iterator[str]:
    """What the results imply: job protection, coverage running out, bills no maximum caps."""
    scenario = sim.scenario
    h = scenario.household
    fmla_weeks = sim.assumptions.value("fmla_max_weeks")
    # A usual work week: the scheduled hours of the first seven days (the same in every option
    # as long as it lasts a week; the longest one always does, when any does).
    weekly_hours = max(float(o.lines["scheduled_work_hours"][0][:7].sum()) for o in sim.options)
    for o in sim.options:
        L = {k: v[0] for k, v in o.lines.items()}
        missed = float(L["missed_work_hours"].sum())
        if missed > 0 and h.work_hours_per_week != 0:
            weeks_off = missed / weekly_hours if weekly_hours else 0.0
            if not h.fmla_eligible:
                yield (
                    f"{o.name}: you would miss about {missed:,.0f} work hours and are not FMLA-eligible, "
                    "so your job is not protected by federal law; ask your employer about leave."
                )
            elif weeks_off > fmla_weeks:
                yield (
                    f"{o.name}: about {weeks_off:.1f} weeks of work missed is more than the "
                    f"{fmla_weeks:g} weeks of job-protected FMLA leave."
                )
        for k, s in enumerate(o.stages):
            m = o.stage_masks[k][0]
            sp = float(L["self_pay_days"][m].sum())
            if s.stage.authorized_days is not None and sp > 0 and scenario.insurance.plan_type != "uninsured":
                yield (
                    f"{o.name}: the {s.stage.authorized_days} authorized days run out before the "
                    f"{LEVEL_LABELS[s.stage.level].lower()} stage ends; {sp:g} days are priced at the cash rate. "
                    "Ask the insurer how concurrent review works."
                )
        balance = float(L["balance_bill"].sum())
        if balance > 0:
            yield f"{o.name}: an out-of-network balance bill of about {usd(balance)} is not capped by any out-of-pocket maximum."
        reserve = float(L["medicare_reserve_days"].sum())
        if reserve > 0:
            yield f"{o.name}: uses {reserve:g} of Medicare's 60 lifetime reserve days."
        if scenario.insurance.plan_type == "medicare" and float(L["self_pay_days"].sum()) > 0:
            yield f"{o.name}: some days are past what Medicare covers and are priced at the cash rate."
