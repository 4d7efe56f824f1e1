"""The plan's terms as used, in structured form: what the page and the PDF print as "the plan's terms".

:func:`plan_terms` reads the resolved inputs (the family's own figures, else the library's in
force when the care starts) and returns one :class:`PlanTerm` per term that applies to the
family's payer, each saying whether the family gave it or it is a typical figure. No words:
``ui/words.py`` labels and formats them (``Words.plan_terms``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .inputs import Dated, Inputs
from .scenario import ORIGINAL_MEDICARE_PLANS, Scenario


@dataclass(frozen=True, slots=True)
class PlanTerm:
    """One term: ``code`` names it, ``value`` is a number (draw 0), a code or a yes/no.

    ``unit`` is ``USD``, ``USD/day``, ``fraction``, ``days``, ``code``, ``text`` or ``bool``;
    ``typical`` is True when a typical figure filled it (the family left it empty). Medicare's
    own amounts are the law's, not typical figures.
    """

    code: str
    value: float | str | bool
    unit: str
    typical: bool = False


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """The payer and its terms, in the order they are printed."""

    plan_type: str
    terms: tuple[PlanTerm, ...]

    def get(self, code: str) -> PlanTerm | None:
        return next((t for t in self.terms if t.code == code), None)


def _first(x: np.ndarray | Dated | float) -> float:
    if isinstance(x, Dated):
        return float(x.first[0])
    return float(np.asarray(x).reshape(-1)[0])


def plan_terms(scenario: Scenario, inputs: Inputs) -> PlanSummary:
    """The terms of the family's payer that the comparison used."""
    plan = scenario.insurance.plan_type
    builders = {
        "employer": _commercial,
        "marketplace": _commercial,
        "medicaid": _medicaid,
        "medicare_advantage": _advantage,
        "uninsured": lambda scenario, inputs: [],
    }
    build = _original_medicare if plan in ORIGINAL_MEDICARE_PLANS else builders[plan]
    return PlanSummary(plan, tuple(build(scenario, inputs)))


def _commercial(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    ins, p = scenario.insurance, inputs.plan
    terms = [
        PlanTerm("deductible_usd", _first(p.deductible_usd), "USD", ins.deductible_usd is None),
        PlanTerm("coinsurance_fraction", _first(p.coinsurance_fraction), "fraction", ins.coinsurance_fraction is None),
        PlanTerm("copay_per_day_usd", _first(p.copay_per_day_usd), "USD/day"),
        PlanTerm(
            "copay_per_admission_usd",
            _first(p.copay_per_admission_usd),
            "USD",
            ins.copay_per_admission_usd is None and ins.plan_type == "employer",
        ),
        PlanTerm("copay_before_deductible", ins.copay_before_deductible, "bool"),
        PlanTerm("oop_max_usd", _first(p.oop_max_usd), "USD", ins.oop_max_usd is None),
        PlanTerm("deductible_met_usd", _first(p.deductible_met_usd), "USD"),
        PlanTerm("oop_met_usd", _first(p.oop_met_usd), "USD"),
        PlanTerm("plan_year_renews", f"{ins.plan_year_renews_month:02d}-{ins.plan_year_renews_day:02d}", "text"),
    ]
    return terms + _out_of_network(scenario, inputs)


def _out_of_network(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    oon, given = inputs.out_of_network, scenario.insurance.out_of_network
    if not oon.covered:
        return []
    return [
        PlanTerm(
            "oon_allowed_share",
            _first(oon.allowed_fraction),
            "fraction",
            given.allowed_fraction_of_billed is None,
        ),
        PlanTerm("oon_deductible", _first(oon.deductible_usd), "USD", given.deductible_usd is None),
        PlanTerm(
            "oon_coinsurance",
            _first(oon.coinsurance_fraction),
            "fraction",
            given.coinsurance_fraction is None,
        ),
        PlanTerm("oon_maximum", _first(oon.oop_max_usd), "USD", given.oop_max_usd is None),
        PlanTerm("balance_billing", oon.balance_billing, "bool"),
    ]


def _medicaid(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    ins, p = scenario.insurance, inputs.plan
    return [
        PlanTerm("copay_per_day_usd", _first(p.copay_per_day_usd), "USD/day", ins.copay_per_day_usd is None),
        PlanTerm(
            "copay_per_admission_usd", _first(p.copay_per_admission_usd), "USD", ins.copay_per_admission_usd is None
        ),
    ]


def _original_medicare(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    ins, m = scenario.insurance, inputs.medicare
    terms = [
        PlanTerm("part_a_deductible_usd", _first(m.part_a_deductible_usd), "USD"),
        PlanTerm("part_a_day_61_90_usd_per_day", _first(m.day_61_90_usd_per_day), "USD/day"),
        PlanTerm("part_a_reserve_day_usd_per_day", _first(m.reserve_day_usd_per_day), "USD/day"),
        PlanTerm("part_a_deductible_met", ins.medicare_part_a_deductible_met, "bool"),
        PlanTerm("benefit_period_days_used", _first(m.benefit_period_days_used), "days"),
        PlanTerm(
            "lifetime_reserve_days_left",
            _first(m.reserve_days_left),
            "days",
            ins.medicare_lifetime_reserve_days_left is None,
        ),
        PlanTerm("psychiatric_days_used", _first(m.psychiatric_days_used), "days"),
        PlanTerm("part_b_deductible_usd", _first(m.part_b_deductible_usd), "USD"),
        PlanTerm("part_b_deductible_met_usd", _first(m.part_b_deductible_met_usd), "USD"),
        PlanTerm("part_b_coinsurance_fraction", _first(m.part_b_coinsurance_fraction), "fraction"),
    ]
    return terms + _supplement(scenario, inputs)


def _supplement(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    s = inputs.plan.supplement
    if s is None:
        return []
    if s.kind != "medigap":
        terms = [PlanTerm("dual_status", scenario.insurance.dual_status, "code")]
        if s.kind == "full_dual":
            terms += [
                PlanTerm("dual_medicaid_copay_per_day", _first(s.medicaid_copay_per_day_usd), "USD/day"),
                PlanTerm("dual_medicaid_copay_per_stay", _first(s.medicaid_copay_per_admission_usd), "USD"),
            ]
        return terms
    g = scenario.insurance.medigap
    terms = [
        PlanTerm("medigap_plan", s.plan, "code"),
        PlanTerm("medigap_part_a_deductible_fraction", s.part_a_deductible_fraction, "fraction"),
        PlanTerm("medigap_part_a_coinsurance_fraction", s.part_a_coinsurance_fraction, "fraction"),
        PlanTerm("medigap_part_b_deductible_fraction", s.part_b_deductible_fraction, "fraction"),
        PlanTerm("medigap_part_b_coinsurance_fraction", s.part_b_coinsurance_fraction, "fraction"),
    ]
    if s.plan == "N":
        terms.append(
            PlanTerm(
                "medigap_plan_n_copay",
                _first(s.office_copay_usd_per_visit),
                "USD",
                g.plan_n_copay_usd_per_visit is None,
            )
        )
    if np.isfinite(_first(s.oop_limit_usd)):
        terms.append(PlanTerm("medigap_oop_limit_usd", _first(s.oop_limit_usd), "USD", g.oop_limit_usd is None))
    return terms


def _advantage(scenario: Scenario, inputs: Inputs) -> list[PlanTerm]:
    """A Medicare Advantage plan's terms; inpatient and outpatient ones only where the care has them."""
    a, given = inputs.plan.advantage, scenario.insurance.medicare_advantage
    stages = [st for option in scenario.options for st in option.stages]
    terms = [PlanTerm("advantage_network", a.network, "code")]
    if any(st.is_residential for st in stages):
        terms += [
            PlanTerm(
                "advantage_inpatient_copay_usd_per_day",
                _first(a.inpatient_copay_usd_per_day),
                "USD/day",
                given.inpatient_copay_usd_per_day is None,
            ),
            PlanTerm(
                "advantage_inpatient_copay_days",
                _first(a.inpatient_copay_days),
                "days",
                given.inpatient_copay_days is None,
            ),
        ]
    if not all(st.is_residential for st in stages):
        terms += [
            PlanTerm("advantage_outpatient_copay_usd_per_day", _first(a.outpatient_copay_usd_per_day), "USD/day"),
            PlanTerm(
                "advantage_outpatient_coinsurance_fraction",
                _first(a.outpatient_coinsurance_fraction),
                "fraction",
                given.outpatient_coinsurance_fraction is None and given.outpatient_copay_usd_per_day is None,
            ),
        ]
    terms += [
        PlanTerm("advantage_moop_usd", _first(a.moop_usd), "USD", given.moop_usd is None),
        PlanTerm("advantage_moop_met_usd", _first(a.moop_met_usd), "USD"),
    ]
    if a.network == "ppo":
        terms.append(
            PlanTerm("advantage_combined_moop_usd", _first(a.combined_moop_usd), "USD", given.combined_moop_usd is None)
        )
        terms += _out_of_network(scenario, inputs)
    return terms
