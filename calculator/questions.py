"""Questions to ask before deciding, built from what the scenario left to the library.

Every figure the family did not know was filled with a typical value; each of those is a
question someone can answer (the program, the insurer, the employer, the state). Asking turns
an estimate into the family's own number. Each :class:`Question` is a code with the names it
needs; ``ui/words.py`` writes it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import keys as K
from .assumptions import AssumptionSet
from .scenario import MEDICARE_PLANS, ORIGINAL_MEDICARE_PLANS, Scenario
from .warnings import Reason

#: Who can answer, in the order the questions are shown.
WHO = ("program", "insurer", "employer", "state", "you", "family")


@dataclass(frozen=True, slots=True)
class Question:
    """One question: ``who`` can answer it, ``topic`` says which question, ``values`` fill it in.

    ``option`` names the option (and ``level`` the stage's level when the option has several).
    """

    who: str
    topic: str
    option: str | None = None
    level: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def questions_to_ask(
    scenario: Scenario, assumptions: AssumptionSet, reasons: tuple[Reason, ...] = ()
) -> list[Question]:
    """The questions this scenario leaves open, grouped by who can answer them (program first).

    ``reasons`` (from :func:`calculator.compare`) add a question for each library figure used
    past its latest published value.
    """
    out: list[Question] = []
    seen: set[tuple] = set()

    def add(q: Question) -> None:
        key = (q.who, q.topic, q.option, q.level, q.values.get("key"))
        if key not in seen:
            seen.add(key)
            out.append(q)

    for q in _stage_questions(scenario):
        add(q)
    for q in _plan_questions(scenario):
        add(q)
    for q in _payer_questions(scenario, assumptions):
        add(q)
    for q in _work_questions(scenario, assumptions):
        add(q)
    for q in (*_family_questions(scenario, assumptions), *_tax_questions(scenario), *_reason_questions(reasons)):
        add(q)
    order = {w: i for i, w in enumerate(WHO)}
    return sorted(out, key=lambda q: order[q.who])


def _reason_questions(reasons: tuple[Reason, ...]):
    """A library figure used past its latest value; tax figures not published yet; a benefit
    taxed only in part."""
    past = [dict(r.values) for r in reasons if r.code == "figure_past_latest"]
    if len(past) == 1:
        yield Question("you", "figure_past_latest", values=past[0])
    elif past:
        # One question for them all: a family checks one list, not one bullet a figure.
        yield Question("you", "figures_past_latest", values={"figures": tuple(past)})
    for r in reasons:
        if r.code == "tax_figures_past_latest":
            yield Question("you", r.code, values=dict(r.values))
        if r.code == "benefit_taxed_in_full":
            yield Question("state", "benefit_taxes")


def _stage_questions(scenario: Scenario):
    for option in scenario.options:
        for st in option.stages:
            # The option's name says it all for a one-stage option; otherwise name the stage too.
            level = st.level if len(option.stages) > 1 else None
            for who, topic in _stage_topics(scenario.insurance.plan_type, st):
                yield Question(who, topic, option.name, level)
    if scenario.insurance.plan_type == "uninsured":
        yield Question("program", "good_faith_estimate")


def _stage_topics(plan: str, st) -> list[tuple[str, str]]:
    """(who, topic) for every figure of one stage left to the library, and what its payer leaves open."""
    insured = plan != "uninsured"
    visits_unknown = st.visits_per_week is None or st.no_visit_days is None or st.family_program_days is None
    out_of_network = not st.in_network and not st.single_case_agreement
    asks = [
        ("program", "price", st.price_usd is None),
        ("program", "admission_fee", st.is_residential and st.admission_fee_usd is None),
        ("program", "visits", st.is_residential and visits_unknown),
        # Original Medicare has no prior authorization for these stays; every other payer may.
        ("insurer", "authorization", insured and plan not in ORIGINAL_MEDICARE_PLANS and st.authorized_days is None),
        ("insurer", "network", plan in K.COMMERCIAL_PLANS),
        ("insurer", "advantage_network", plan == "medicare_advantage"),
        ("program", "takes_medicaid", plan == "medicaid"),
        ("program", "medicare_certified", plan in ORIGINAL_MEDICARE_PLANS and st.is_residential),
        ("program", "medicare_iop_setting", plan in MEDICARE_PLANS and st.level in {"iop", "php"}),
        ("program", "imd", plan == "medicaid" and st.is_residential and st.medicaid_beds == "not_asked"),
        ("insurer", "single_case_agreement", plan in K.COMMERCIAL_PLANS + ("medicare_advantage",) and out_of_network),
        ("program", "sliding_scale", plan == "uninsured" and st.sliding_scale_discount_fraction is None),
    ]
    return [(who, topic) for who, topic, ask in asks if ask]


def _payer_questions(scenario: Scenario, assumptions: AssumptionSet):
    """Questions about the payer itself: a Medicare plan's terms, Medicaid's help, self-pay routes."""
    ins = scenario.insurance
    plan = ins.plan_type
    stages = [st for option in scenario.options for st in option.stages]
    a = ins.medicare_advantage
    if plan == "medicare_advantage" and None in (a.inpatient_copay_usd_per_day, a.inpatient_copay_days, a.moop_usd):
        yield Question("insurer", "advantage_terms")
    if plan == "medigap":
        yield Question("insurer", "medigap_terms", values={"plan": ins.medigap.plan})
    if plan == "medicare_medicaid":
        yield Question("state", "dual_status")
    fresh = not ins.medicare_part_a_deductible_met and ins.medicare_benefit_period_days_used == 0
    if plan in ORIGINAL_MEDICARE_PLANS and fresh and any(st.is_residential for st in stages):
        yield Question("you", "benefit_period")
    if plan == "uninsured":
        yield Question(
            "state",
            "state_funded",
            values={
                "sliding": float(assumptions.value(K.SLIDING_FEE_FACILITIES)),
                "free": float(assumptions.value(K.FREE_CARE_FACILITIES)),
            },
        )


def _plan_questions(scenario: Scenario):
    ins = scenario.insurance
    if ins.plan_type not in K.COMMERCIAL_PLANS:
        return
    if ins.deductible_usd is None or ins.oop_max_usd is None or ins.coinsurance_fraction is None:
        yield Question("insurer", "plan_terms")
    if ins.deductible_met_usd == 0 and ins.oop_met_usd == 0:
        yield Question("insurer", "amounts_met")
    if (ins.plan_year_renews_month, ins.plan_year_renews_day) == (1, 1):
        yield Question("insurer", "plan_year")


def _work_questions(scenario: Scenario, assumptions: AssumptionSet):
    h = scenario.household
    if h.work_schedule != "not_working":
        if h.paid_time_off_hours is None:
            yield Question("employer", "paid_time_off")
        if h.short_term_disability is None:
            yield Question("employer", "disability")
        yield Question("employer", "fmla", values={"fmla_weeks": float(assumptions.value(K.FMLA_MAX_WEEKS))})
        if h.state is None:
            yield Question("you", "state")
        else:
            yield from _state_program_questions(scenario, assumptions)
    if h.short_term_disability is not None and not h.short_term_disability.paid_with_after_tax_premiums:
        yield Question("employer", "disability_taxes")
    if h.lose_whole_shift is None and _sessions_collide(scenario):
        yield Question("employer", "whole_shift")


def _sessions_collide(scenario: Scenario) -> bool:
    """An outpatient session at home at the time the patient works (day with day, evening with evening)."""
    schedule = scenario.household.work_schedule
    return any(
        not st.is_residential and st.patient_lodging == "home" and st.session_time == schedule
        for option in scenario.options
        for st in option.stages
    )


def _family_questions(scenario: Scenario, assumptions: AssumptionSet):
    """Who looks after each child now, and who could help, by time of day."""
    h = scenario.household
    if not (h.patient_is_caregiver and h.children):
        return
    max_age = float(assumptions.value(K.CHILDCARE_MAX_AGE))
    young = [c for c in h.children if c.age_years <= max_age]
    if h.work_schedule != "not_working":
        for child in young:
            if child.paid_care_hours_per_week is None:
                yield Question("you", "existing_care", values={"age": child.age_years})
    help_ = h.family_help
    no_help = h.family_help_hours_per_week == 0 and all(getattr(help_, name) == 0 for name in type(help_).model_fields)
    if young and no_help:
        yield Question("family", "family_help")


def _tax_questions(scenario: Scenario):
    t = scenario.taxes
    if t.filing_status is None or t.other_income_usd_per_year is None:
        yield Question("you", "tax_return")
    if scenario.insurance.plan_type in K.COMMERCIAL_PLANS and t.hsa_fsa_usd == 0:
        yield Question("you", "hsa_fsa")


def _state_program_questions(scenario: Scenario, assumptions: AssumptionSet):
    """How to claim the state's program, and what its row could not confirm; voluntary insurance."""
    from . import leave_programs

    h = scenario.household
    table = assumptions.tables.get(leave_programs.OWN_ILLNESS)
    rows = leave_programs.rows_of(table, h.state) if table is not None else []
    if not rows:
        return
    newest = rows[-1]
    if newest["status"] == "voluntary" and not h.voluntary_leave_insurance:
        yield Question("employer", "voluntary_plan", values={"program": newest["program"], "state": h.state})
    elif newest["status"] != "not_yet" and h.use_state_program:
        unverified = tuple(c for c in (x.strip() for x in newest["not_verified"].split(";")) if c)
        yield Question("state", "state_program", values={"program": newest["program"], "not_verified": unverified})
