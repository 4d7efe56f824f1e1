"""Questions to ask before deciding, built from what the scenario left to the library.

Every figure the family did not know was filled with a typical value; each of those is a
question someone can answer (the program, the insurer, the employer, the state). Asking turns
an estimate into the family's own number.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assumptions import AssumptionSet
from .scenario import LEVEL_LABELS, Scenario


@dataclass(frozen=True, slots=True)
class Question:
    """One question: who can answer it, the question, and why it matters here."""

    ask: str
    question: str
    why: str


def questions_to_ask(scenario: Scenario, assumptions: AssumptionSet) -> list[Question]:
    """The questions this scenario leaves open, grouped by who can answer them (program first)."""
    out: list[Question] = []
    ins = scenario.insurance
    insured = ins.plan_type != "uninsured"
    seen: set[tuple[str, str]] = set()

    def add(ask: str, question: str, why: str) -> None:
        if (ask, question) not in seen:
            seen.add((ask, question))
            out.append(Question(ask, question, why))

    for option in scenario.options:
        for st in option.stages:
            level = LEVEL_LABELS[st.level].lower()
            # The option's name says it all for a one-stage option; otherwise name the stage too.
            where = option.name if len(option.stages) == 1 else f"{option.name} ({level})"
            if st.price_usd is None:
                add(
                    "The program",
                    f"{where}: what is the price per day, and what does it include (room, meals, "
                    "doctors' visits, medication, drug tests)?",
                    "The price used is a national typical figure; programs vary several-fold.",
                )
            if st.is_residential and st.admission_fee_usd is None:
                add(
                    "The program",
                    f"{where}: is there an admission fee, and does insurance cover it?",
                    "Some residential programs charge one up front.",
                )
            if st.is_residential and (
                st.visits_per_week is None or st.no_visit_days is None or st.family_program_days is None
            ):
                add(
                    "The program",
                    f"{where}: when can family visit, and how many family-program days are expected?",
                    "Visits and family days mean travel, time off work and sometimes hotel nights.",
                )
            if insured and st.authorized_days is None:
                add(
                    "Your insurer",
                    f"{where}: how many days will you authorize at first, and how often is the stay reviewed?",
                    "Days past what is authorized are priced at the program's cash rate.",
                )
            if insured and ins.plan_type != "medicare":
                add(
                    "Your insurer",
                    f"{where}: is the program in network? If not, what do you allow, and can it bill me the difference?",
                    "Out of network, a balance bill has no out-of-pocket maximum.",
                )
            if ins.plan_type == "medicare" and st.is_residential:
                add(
                    "The program",
                    f"{where}: is it a Medicare-certified hospital, and is it a freestanding psychiatric hospital?",
                    "Original Medicare does not cover non-hospital residential rehab; freestanding "
                    "psychiatric hospitals have a 190-day lifetime limit.",
                )
    if ins.plan_type in {"employer", "marketplace"}:
        if ins.deductible_usd is None or ins.oop_max_usd is None or ins.coinsurance_fraction is None:
            add(
                "Your insurer",
                "What are my deductible, coinsurance and out-of-pocket maximum for behavioral-health care?",
                "Typical plan terms were used; yours decide the largest line of the bill.",
            )
        if ins.deductible_met_usd == 0 and ins.oop_met_usd == 0:
            add(
                "Your insurer",
                "How much of this year's deductible and out-of-pocket maximum have I already met?",
                "Amounts already met lower what is left to pay.",
            )
        if (ins.plan_year_renews_month, ins.plan_year_renews_day) == (1, 1):
            add(
                "Your insurer",
                "On what date does my plan year renew?",
                "A stay that crosses the renewal can pay the deductible twice.",
            )
    if not insured:
        add(
            "The program",
            "Can I have a written Good Faith Estimate, and is there a self-pay discount or payment plan?",
            "Uninsured and self-pay patients have a right to a good-faith estimate before care.",
        )

    h = scenario.household
    if h.work_schedule != "not_working":
        if h.paid_time_off_hours is None:
            add(
                "Your employer",
                "How many hours of paid time off (vacation and sick leave) do I have?",
                "Paid time off covers missed work first.",
            )
        if h.short_term_disability is None:
            add(
                "Your employer",
                "Do I have short-term disability insurance? What share of pay does it replace, after how many days, and up to what?",
                "It can replace part of your pay during full-time treatment.",
            )
        add(
            "Your employer",
            "Am I eligible for FMLA job-protected leave, and can I use it intermittently for outpatient sessions?",
            f"FMLA protects up to {assumptions.value('fmla_max_weeks'):g} weeks a year for eligible workers.",
        )
        table = assumptions.tables.get("state_leave_programs")
        row = next((r for r in table.rows if r["state"] == h.state), None) if table and h.state else None
        if h.state is None:
            add("You", "Which state do you work in?", "Several states replace part of your wages during treatment.")
        elif row is not None and h.use_state_program:
            add(
                "Your state",
                f"How do I claim {row['program']}, and what does my clinician need to certify?",
                "The state program replaces part of your wages after its waiting period.",
            )
    if h.patient_is_caregiver and h.children and h.family_help_hours_per_week == 0:
        add(
            "Family and friends",
            "Who could look after the children, and for how many hours a week?",
            "Every hour others can cover is an hour of childcare not to pay for.",
        )
    return out
