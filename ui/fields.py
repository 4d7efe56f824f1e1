"""Every scenario field the app can edit: its widget key, label, help text and kind.

A widget's key is the scenario field path it sets (``household.pay_usd_per_hour``,
``options[0].stages[1].length_days``), the same path :class:`calculator.InputProblem` uses, so
an error from the model lands beside the widget that caused it.

This module is pure (no Streamlit): it turns a flat ``{key: value}`` state into the nested
data ``calculator.scenario_from_dict`` validates, and a scenario back into that flat state.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from calculator.scenario import LEVEL_LABELS, LEVELS, PLAN_LABELS, PLAN_TYPES, STATES

MAX_OPTIONS = 4
MAX_STAGES = 6
MAX_CHILDREN = 10
MAX_OTHER_COSTS = 20


@dataclass(frozen=True)
class Spec:
    """How one scenario field is edited.

    kind: ``money`` (USD), ``number``, ``int``, ``percent`` (shown 0-100, stored as a 0-1
    fraction), ``bool``, ``select``, ``text`` or ``date``. ``optional``: empty means "use the
    library's typical figure" (the field is left out of the scenario).
    """

    label: str
    kind: str
    help: str = ""
    optional: bool = False
    options: tuple = ()
    labels: dict | None = None
    default: Any = None


WORK_SCHEDULES = {"day": "Daytime", "evening": "Evenings", "night": "Nights", "not_working": "Not working now"}
YES = {True: "Yes", False: "No"}

# Templates: {o} option, {s} stage, {c} child, {k} other cost.
SPECS: dict[str, Spec] = {
    "start_date": Spec(
        "Treatment would start on",
        "date",
        "The first day of treatment. Plan years and school weeks follow the calendar from here.",
    ),
    # --- household
    "household.state": Spec(
        "State you live in",
        "select",
        "Some states pay a benefit during medical leave (for example CA, NJ, NY, WA).",
        options=("", *STATES),
        labels={"": "Not given"},
        default="",
    ),
    "household.pay_basis": Spec(
        "How the patient is paid",
        "select",
        options=("hourly", "salary"),
        labels={"hourly": "By the hour", "salary": "Yearly salary"},
    ),
    "household.pay_usd_per_hour": Spec(
        "Pay per hour, before tax ($)", "money", "Leave empty to use a typical US wage.", optional=True
    ),
    "household.salary_usd_per_year": Spec(
        "Yearly salary, before tax ($)", "money", "Needed when paid a salary.", optional=True
    ),
    "household.work_hours_per_week": Spec(
        "Work hours a week", "number", "Leave empty for a typical full-time week.", optional=True
    ),
    "household.work_schedule": Spec(
        "When the patient works",
        "select",
        "IOP sessions during work hours mean missed work; evening sessions may not.",
        options=tuple(WORK_SCHEDULES),
        labels=WORK_SCHEDULES,
    ),
    "household.work_days_per_week": Spec("Work days a week", "int", default=5),
    "household.paid_time_off_hours": Spec(
        "Paid time off available (hours)",
        "number",
        "Vacation and sick hours the patient can use. Leave empty for a typical amount.",
        optional=True,
    ),
    "household.short_term_disability.replacement_fraction": Spec("Share of pay replaced (%)", "percent", optional=True),
    "household.short_term_disability.waiting_days": Spec(
        "Waiting period (days)", "int", "Days before benefits start (the elimination period).", optional=True
    ),
    "household.short_term_disability.weekly_cap_usd": Spec("Largest weekly benefit ($)", "money", optional=True),
    "household.short_term_disability.max_weeks": Spec("Longest benefit (weeks)", "int", optional=True),
    "household.use_state_program": Spec(
        "Claim the state's disability or paid-leave benefit",
        "bool",
        "Only matters in states that have one.",
        default=True,
    ),
    "household.fmla_eligible": Spec(
        "Job protected by FMLA",
        "bool",
        "Usually: 12 months with an employer of 50+ people and 1,250 hours worked.",
        default=True,
    ),
    "household.patient_is_caregiver": Spec("The patient looks after the children", "bool", default=True),
    "household.children[{c}].age_years": Spec("Age (years)", "int", default=5),
    "household.children[{c}].school_hours_per_week": Spec(
        "Hours a week at school or in care already paid for",
        "number",
        "Leave empty: a school week from age 5, none below.",
        optional=True,
    ),
    "household.family_help_hours_per_week": Spec(
        "Hours a week others can look after the children",
        "number",
        "A partner, relatives or friends, unpaid. A week has 168 hours.",
        default=0.0,
    ),
    "household.partner_pay_usd_per_hour": Spec(
        "Partner's pay per hour lost when driving or visiting ($)",
        "money",
        "0 if no partner or no pay lost.",
        default=0.0,
    ),
    "household.partner_drives_to_sessions": Spec(
        "A partner drives the patient to outpatient sessions", "bool", default=False
    ),
    # --- insurance
    "insurance.plan_type": Spec(
        "Insurance",
        "select",
        "Empty figures below take this plan type's typical terms.",
        options=PLAN_TYPES,
        labels=PLAN_LABELS,
    ),
    "insurance.deductible_usd": Spec(
        "Deductible for the year ($)", "money", "Leave empty for a typical plan.", optional=True
    ),
    "insurance.deductible_met_usd": Spec(
        "Deductible already paid this plan year ($)",
        "money",
        "What you have already paid toward the deductible.",
        default=0.0,
    ),
    "insurance.coinsurance_fraction": Spec(
        "Coinsurance (%)", "percent", "Your share of costs after the deductible.", optional=True
    ),
    "insurance.copay_per_day_usd": Spec("Copay per day ($)", "money", optional=True),
    "insurance.copay_per_admission_usd": Spec("Copay per admission ($)", "money", optional=True),
    "insurance.copay_before_deductible": Spec("Copays are owed before the deductible is met", "bool", default=False),
    "insurance.oop_max_usd": Spec(
        "Out-of-pocket maximum for the year ($)", "money", "Leave empty for a typical plan.", optional=True
    ),
    "insurance.oop_met_usd": Spec("Already spent toward the out-of-pocket maximum ($)", "money", default=0.0),
    "insurance.plan_year_renews_month": Spec(
        "Plan year renews: month", "int", "The deductible starts over on this date.", default=1
    ),
    "insurance.plan_year_renews_day": Spec("Plan year renews: day", "int", default=1),
    "insurance.out_of_network.covered": Spec("The plan pays anything out of network", "bool", default=True),
    "insurance.out_of_network.allowed_fraction_of_billed": Spec(
        "Allowed amount as a share of the bill (%)", "percent", optional=True
    ),
    "insurance.out_of_network.deductible_usd": Spec("Out-of-network deductible ($)", "money", optional=True),
    "insurance.out_of_network.deductible_met_usd": Spec(
        "Out-of-network deductible already paid ($)", "money", default=0.0
    ),
    "insurance.out_of_network.coinsurance_fraction": Spec("Out-of-network coinsurance (%)", "percent", optional=True),
    "insurance.out_of_network.oop_max_usd": Spec("Out-of-network out-of-pocket maximum ($)", "money", optional=True),
    "insurance.out_of_network.no_oop_max": Spec("No out-of-network maximum", "bool", default=False),
    "insurance.out_of_network.oop_met_usd": Spec("Already spent toward that maximum ($)", "money", default=0.0),
    "insurance.out_of_network.balance_billing": Spec(
        "The facility bills above the allowed amount", "bool", default=True
    ),
    "insurance.medicare_part_a_deductible_met": Spec(
        "Part A deductible already paid this benefit period", "bool", default=False
    ),
    "insurance.medicare_benefit_period_days_used": Spec("Hospital days used this benefit period", "int", default=0),
    "insurance.medicare_lifetime_reserve_days_left": Spec(
        "Lifetime reserve days left", "int", "Empty: all 60.", optional=True
    ),
    "insurance.medicare_psychiatric_days_used": Spec("Lifetime days used in psychiatric hospitals", "int", default=0),
    "insurance.medicare_part_b_deductible_met_usd": Spec("Part B deductible already paid ($)", "money", default=0.0),
    # --- options
    "options[{o}].name": Spec("Name", "text"),
    "options[{o}].stages[{s}].level": Spec(
        "Level of care", "select", options=LEVELS, labels=LEVEL_LABELS, default="iop"
    ),
    "options[{o}].stages[{s}].length_days": Spec(
        "Length (calendar days)", "int", "Empty: a typical length for this level.", optional=True
    ),
    "options[{o}].stages[{s}].days_per_week": Spec("Program days a week", "int", "Outpatient levels.", optional=True),
    "options[{o}].stages[{s}].hours_per_day": Spec(
        "Hours a program day", "number", "Outpatient levels.", optional=True
    ),
    "options[{o}].stages[{s}].session_time": Spec(
        "Sessions held",
        "select",
        options=("day", "evening"),
        labels={"day": "Daytime", "evening": "Evenings"},
        default="day",
    ),
    "options[{o}].stages[{s}].price_usd": Spec(
        "Facility's price ($)", "money", "From the facility's quote. Empty: a typical price.", optional=True
    ),
    "options[{o}].stages[{s}].price_basis": Spec(
        "The price is",
        "select",
        options=("per_day", "per_session", "per_week", "program"),
        labels={
            "per_day": "Per day (per program day)",
            "per_session": "Per session (outpatient)",
            "per_week": "Per week",
            "program": "For the whole stage",
        },
        default="per_day",
    ),
    "options[{o}].stages[{s}].admission_fee_usd": Spec(
        "Admission fee ($)", "money", "One-off; insurers rarely cover it.", optional=True
    ),
    "options[{o}].stages[{s}].includes_lodging": Spec(
        "Price includes a bed", "bool", "Residential levels.", default=True
    ),
    "options[{o}].stages[{s}].includes_meals": Spec(
        "Price includes meals", "bool", "Residential levels.", default=True
    ),
    "options[{o}].stages[{s}].in_network": Spec("In the plan's network", "bool", default=True),
    "options[{o}].stages[{s}].authorized_days": Spec(
        "Days the insurer has authorized",
        "int",
        "Later days are priced at the cash price. Empty: all days.",
        optional=True,
    ),
    "options[{o}].stages[{s}].cash_price_usd_per_day": Spec(
        "Cash price per day after authorization ($)", "money", "Empty: the facility's price.", optional=True
    ),
    "options[{o}].stages[{s}].freestanding_psychiatric_hospital": Spec(
        "Freestanding psychiatric hospital (Medicare 190-day limit)", "bool", default=False
    ),
    "options[{o}].stages[{s}].distance_miles": Spec(
        "Miles from home, one way", "number", "Empty: a typical distance for this level.", optional=True
    ),
    "options[{o}].stages[{s}].travel_mode": Spec(
        "Getting there",
        "select",
        options=("car", "transit", "flight"),
        labels={"car": "Car", "transit": "Public transit", "flight": "Flight"},
        default="car",
    ),
    "options[{o}].stages[{s}].one_way_travel_minutes": Spec(
        "Minutes each way", "number", "Empty: worked out from the distance.", optional=True
    ),
    "options[{o}].stages[{s}].patient_lodging": Spec(
        "Where the patient sleeps",
        "select",
        "Outpatient levels.",
        options=("home", "sober_living", "hotel", "rental"),
        labels={"home": "At home", "sober_living": "Sober living", "hotel": "Hotel", "rental": "Rented room"},
        default="home",
    ),
    "options[{o}].stages[{s}].visits_per_week": Spec(
        "Family visits a week", "number", "Residential levels.", optional=True
    ),
    "options[{o}].stages[{s}].no_visit_days": Spec("Days with no visits at the start", "int", optional=True),
    "options[{o}].stages[{s}].family_program_days": Spec("Family-program days", "int", optional=True),
    "options[{o}].stages[{s}].drug_testing_usd_per_week": Spec("Drug testing a week ($)", "money", default=0.0),
    "options[{o}].stages[{s}].medication_usd_per_week": Spec("Medication a week ($)", "money", default=0.0),
    "options[{o}].other_costs[{k}].label": Spec("Other cost", "text"),
    "options[{o}].other_costs[{k}].amount_usd": Spec("Amount ($)", "money", default=0.0),
}

OVERRIDE_PREFIX = "assumption_overrides."
STD_PREFIX = "household.short_term_disability."

# UI-only keys (counts and switches), never in the scenario.
N_OPTIONS = "ui.n_options"
N_CHILDREN = "ui.n_children"
HAS_STD = "ui.has_std"
OVERRIDES = "ui.overrides"


def n_stages_key(o: int) -> str:
    return f"ui.options[{o}].n_stages"


def n_other_key(o: int) -> str:
    return f"ui.options[{o}].n_other"


def preset_key(o: int) -> str:
    return f"ui.options[{o}].preset"


_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """``options[0].stages[1].level`` -> ``['options', 0, 'stages', 1, 'level']``."""
    return [int(i) if i else name for name, i in _TOKEN.findall(path)]


def template_of(key: str) -> str:
    """The :data:`SPECS` template a concrete key belongs to."""
    t = re.sub(r"options\[\d+\]", "options[{o}]", key)
    t = re.sub(r"stages\[\d+\]", "stages[{s}]", t)
    t = re.sub(r"children\[\d+\]", "children[{c}]", t)
    return re.sub(r"other_costs\[\d+\]", "other_costs[{k}]", t)


def spec_for(key: str) -> Spec | None:
    if key.startswith(OVERRIDE_PREFIX):
        return Spec(key.removeprefix(OVERRIDE_PREFIX), "number")
    return SPECS.get(template_of(key))


def is_field_key(key: str) -> bool:
    return spec_for(key) is not None


def stage_keys(o: int, s: int) -> list[str]:
    prefix = "options[{o}].stages[{s}]."
    return [t.format(o=o, s=s) for t in SPECS if t.startswith(prefix)]


def expand_keys(counts: dict[str, Any]) -> list[str]:
    """Every concrete field key for the given counts (options, stages, children, other costs)."""
    keys: list[str] = []
    for t in SPECS:
        if "{o}" in t:
            continue
        if "{c}" in t:
            keys += [t.format(c=c) for c in range(counts.get(N_CHILDREN, 0))]
        elif t.startswith(STD_PREFIX) and not counts.get(HAS_STD):
            continue
        else:
            keys.append(t)
    for o in range(counts.get(N_OPTIONS, 2)):
        keys.append(f"options[{o}].name")
        for s in range(counts.get(n_stages_key(o), 1)):
            keys += stage_keys(o, s)
        for k in range(counts.get(n_other_key(o), 0)):
            keys += [f"options[{o}].other_costs[{k}].label", f"options[{o}].other_costs[{k}].amount_usd"]
    keys += [OVERRIDE_PREFIX + k for k in counts.get(OVERRIDES, ())]
    return keys


def _set(tree: dict, parts: list[str | int], value: Any) -> None:
    node: Any = tree
    for here, nxt in zip(parts, parts[1:], strict=False):
        if isinstance(here, int):
            while len(node) <= here:
                node.append({} if not isinstance(nxt, int) else [])
            node = node[here]
        else:
            node = node.setdefault(here, [] if isinstance(nxt, int) else {})
    node[parts[-1]] = value


def _to_model(spec: Spec, value: Any) -> Any:
    if spec.kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value / 100.0, 12)
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind == "text" and isinstance(value, str):
        return value.strip()
    return value


def _to_widget(spec: Spec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "percent":
        return round(float(value) * 100.0, 9)
    if spec.kind in ("money", "number"):
        return float(value)
    if spec.kind == "int":
        return int(value)
    if spec.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def scenario_data(state: dict[str, Any]) -> dict[str, Any]:
    """Nested scenario data from the flat widget state; empty optional fields are left out."""
    data: dict[str, Any] = {}
    counts = {k: state.get(k) for k in (N_OPTIONS, N_CHILDREN, HAS_STD, OVERRIDES)}
    counts = {k: v for k, v in counts.items() if v is not None}
    for o in range(state.get(N_OPTIONS, 2)):
        counts[n_stages_key(o)] = state.get(n_stages_key(o), 1)
        counts[n_other_key(o)] = state.get(n_other_key(o), 0)
    data["household"] = {"children": []}
    data["options"] = []
    for key in expand_keys(counts):
        value = state.get(key)
        if value is None or (isinstance(value, str) and not value.strip() and not key.endswith(("name", "label"))):
            continue
        if key.startswith(OVERRIDE_PREFIX):
            data.setdefault("assumption_overrides", {})[key.removeprefix(OVERRIDE_PREFIX)] = value
            continue
        _set(data, split_path(key), _to_model(spec_for(key), value))
    for c in range(counts.get(N_CHILDREN, 0)):
        _ensure_index(data["household"]["children"], c)
    for o in range(counts.get(N_OPTIONS, 2)):
        _ensure_index(data["options"], o)
        stages = data["options"][o].setdefault("stages", [])
        for s in range(counts[n_stages_key(o)]):
            _ensure_index(stages, s)
    if counts.get(HAS_STD):
        data["household"].setdefault("short_term_disability", {})
    return data


def _ensure_index(items: list, i: int) -> None:
    while len(items) <= i:
        items.append({})


def _get(tree: Any, parts: list[str | int]) -> Any:
    node = tree
    for p in parts:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def widget_state(scenario_dict: dict[str, Any]) -> dict[str, Any]:
    """The flat widget state for a scenario (from ``Scenario.model_dump(mode="json")``), counts included."""
    h = scenario_dict.get("household") or {}
    counts: dict[str, Any] = {
        N_OPTIONS: len(scenario_dict["options"]),
        N_CHILDREN: len(h.get("children") or ()),
        HAS_STD: h.get("short_term_disability") is not None,
        OVERRIDES: sorted((scenario_dict.get("assumption_overrides") or {}).keys()),
    }
    for o, option in enumerate(scenario_dict["options"]):
        counts[n_stages_key(o)] = len(option["stages"])
        counts[n_other_key(o)] = len(option.get("other_costs") or ())
    state = dict(counts)
    for key in expand_keys(counts):
        if key.startswith(OVERRIDE_PREFIX):
            state[key] = float(scenario_dict["assumption_overrides"][key.removeprefix(OVERRIDE_PREFIX)])
            continue
        spec = spec_for(key)
        value = _get(scenario_dict, split_path(key))
        state[key] = _to_widget(spec, value if value is not None else (None if spec.optional else spec.default))
    return state


def label_for(key: str) -> str:
    """A readable name for a field path, for error lists ("Option 1, stage 2: Length")."""
    spec = spec_for(key)
    parts = split_path(key)
    where = []
    if parts and parts[0] == "options" and len(parts) > 1 and isinstance(parts[1], int):
        where.append(f"Option {parts[1] + 1}")
        if len(parts) > 3 and parts[2] == "stages":
            where.append(f"stage {parts[3] + 1}")
    if "children" in parts:
        where.append(f"child {parts[parts.index('children') + 1] + 1}")
    if spec is None:
        tail = {"insurance": "Insurance", "household": "Work and family", "scenario": "Scenario"}.get(key, key)
        return ", ".join(where + [tail]) if where else tail
    return ", ".join(where + [spec.label]) if where else spec.label
