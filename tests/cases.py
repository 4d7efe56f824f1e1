"""Hand-built scenarios at the edges of what the schema allows, for the tests and the benchmarks.

``largest_scenario`` fills every list to its limit and every stage to a year, so it is the most
work one scenario can ask of the model and the analysis. ``long_pathway`` is the longest
pathway a family is likely to enter: 90 days residential, then 26 weeks of IOP.
"""

from __future__ import annotations

import datetime as dt

from calculator import Scenario, scenario_from_dict
from calculator.schema import spec_for

LEVELS = ("withdrawal_management", "residential", "php", "iop", "outpatient", "residential")


def _limit(path: str, bound: str):
    spec = spec_for(path)
    return getattr(spec, bound)


def _stage(level: str, k: int) -> dict:
    stage = {
        "level": level,
        "length_days": _limit("options[0].stages[0].length_days", "le"),
        "in_network": k % 2 == 0,
        "authorized_days": 20 + k,
        "distance_miles": 400.0 + 100 * k,
        "travel_mode": ("car", "transit", "flight")[k % 3],
        "drug_testing_usd_per_week": 40.0,
        "medication_usd_per_week": 25.0,
    }
    if level in ("withdrawal_management", "residential"):
        stage.update(visits_per_week=2.0, no_visit_days=3, family_program_days=5, includes_meals=False)
    else:
        stage.update(days_per_week=5, hours_per_day=6.0, patient_lodging=("hotel", "rental", "sober_living")[k % 3])
    return stage


def largest_scenario(plan_type: str = "employer", start_date: dt.date = dt.date(2026, 11, 2)) -> Scenario:
    """Four options of six stages of a year each, ten children, twenty added costs each."""
    n_options = _limit("options", "max_length")
    n_stages = _limit("options[0].stages", "max_length")
    n_costs = _limit("options[0].other_costs", "max_length")
    n_children = _limit("household.children", "max_length")
    options = [
        {
            "name": f"Pathway {o + 1} " + "名" * 40,
            "stages": [_stage(LEVELS[(o + s) % len(LEVELS)], s) for s in range(n_stages)],
            "other_costs": [{"label": f"Cost {k} " + "é" * 50, "amount_usd": 100.0 + k} for k in range(n_costs)],
        }
        for o in range(n_options)
    ]
    data = {
        "start_date": start_date.isoformat(),
        "household": {
            "state": "CA",
            "pay_usd_per_hour": 45.0,
            "work_schedule": "day",
            "work_days_per_week": 6,
            "short_term_disability": {"replacement_fraction": 0.6, "waiting_days": 7, "max_weeks": 26},
            "children": [{"age_years": a} for a in range(n_children)],
            "family_help_hours_per_week": 20.0,
            "partner_pay_usd_per_hour": 30.0,
            "partner_drives_to_sessions": True,
        },
        "insurance": {"plan_type": plan_type, "plan_year_renews_month": 1},
        "options": options,
    }
    return scenario_from_dict(data)


def long_pathway() -> Scenario:
    """90 days residential then 26 weeks of IOP, against 26 weeks of IOP alone."""
    iop = {"level": "iop", "length_days": 26 * 7, "days_per_week": 3, "hours_per_day": 3.0}
    data = {
        "start_date": "2026-12-07",
        "household": {"children": [{"age_years": 4}], "family_help_hours_per_week": 112.0},
        "options": [
            {"name": "Residential then IOP", "stages": [{"level": "residential", "length_days": 90}, iop]},
            {"name": "IOP alone", "stages": [iop]},
        ],
    }
    return scenario_from_dict(data)
