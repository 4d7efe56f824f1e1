"""Turn a scenario plus the assumptions library into numbers: one array of N values per input.

Each numeric input is looked up in this order:

1. a variation of the scenario field itself (``"options[0].stages[0].length_days"``);
2. the value the user entered in the scenario;
3. a variation of the assumption the field defaults to (``"residential_price_usd_per_day"``);
4. the assumption's typical value (after the scenario's overrides).

So uncertainty draws (which vary assumption keys) move only the figures the user left to the
library, while break-even curves (which vary field paths) move the user's own inputs too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .assumptions import AssumptionSet
from .scenario import Scenario, Stage

INF = np.inf


@dataclass
class Resolver:
    """Looks up numeric inputs for N draws and records which defaults were used."""

    scenario: Scenario
    assumptions: AssumptionSet
    variations: Mapping[str, np.ndarray]
    n: int
    defaults_used: dict[str, set[str]] = field(default_factory=dict)

    def num(
        self,
        path: str,
        value: float | None,
        key: str | None = None,
        convert: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> np.ndarray:
        """The input at ``path`` as a float array of shape ``(N,)``.

        ``convert`` turns the assumption's unit into the field's (e.g. weeks to days); it is not
        applied to values the user gave for the field itself.
        """
        if path in self.variations:
            return self._array(self.variations[path])
        if value is not None:
            return np.full(self.n, float(value))
        if key is None:
            raise ValueError(f"{path} has no value and no default")
        self.defaults_used.setdefault(key, set()).add(path)
        base = (
            self._array(self.variations[key])
            if key in self.variations
            else np.full(self.n, self.assumptions.value(key))
        )
        return convert(base) if convert else base

    def fixed(self, path: str, value: float) -> np.ndarray:
        """An input with a fixed default (not an assumption), still open to variation."""
        if path in self.variations:
            return self._array(self.variations[path])
        return np.full(self.n, float(value))

    def _array(self, values: np.ndarray | float) -> np.ndarray:
        arr = np.asarray(values, dtype=float)
        if arr.ndim == 0:
            return np.full(self.n, float(arr))
        if arr.shape != (self.n,):
            raise ValueError(f"a variation has shape {arr.shape}, expected ({self.n},)")
        return arr


# Which assumption each level's defaults come from.
_LEVEL_KEYS = {
    "withdrawal_management": "withdrawal_management",
    "residential": "residential",
    "php": "php",
    "iop": "iop",
    "outpatient": "outpatient",
}


def _weeks_to_days(x: np.ndarray) -> np.ndarray:
    return x * 7.0


@dataclass
class ResolvedStage:
    """A stage's inputs as ``(N,)`` arrays (flags stay plain Python values)."""

    stage: Stage
    index: int
    path: str
    length_days: np.ndarray
    days_per_week: np.ndarray
    hours_per_day: np.ndarray
    price_per_program_day_usd: np.ndarray  # after converting the price basis; program fee spread later
    program_fee_usd: np.ndarray  # flat fee for the stage (price_basis == "program"), else 0
    price_per_week_usd: np.ndarray  # price_basis == "per_week", else 0
    admission_fee_usd: np.ndarray
    cash_price_usd_per_day: np.ndarray | None
    authorized_days: np.ndarray
    distance_miles: np.ndarray
    one_way_minutes: np.ndarray
    visits_per_week: np.ndarray
    no_visit_days: np.ndarray
    family_program_days: np.ndarray
    drug_testing_usd_per_week: np.ndarray
    medication_usd_per_week: np.ndarray


def resolve_stage(r: Resolver, option: int, index: int, stage: Stage) -> ResolvedStage:
    path = f"options[{option}].stages[{index}]"
    lvl = _LEVEL_KEYS[stage.level]
    residential = stage.is_residential
    if residential:
        length = r.num(f"{path}.length_days", stage.length_days, f"{lvl}_length_days")
        days_per_week = np.full(r.n, 7.0)
        hours = np.full(r.n, 24.0)
    else:
        length = r.num(f"{path}.length_days", stage.length_days, f"{lvl}_length_weeks", _weeks_to_days)
        days_per_week = r.num(f"{path}.days_per_week", stage.days_per_week, f"{lvl}_days_per_week")
        hours = r.num(f"{path}.hours_per_day", stage.hours_per_day, f"{lvl}_hours_per_day")
    length = np.maximum(np.rint(length), 1.0)
    days_per_week = np.clip(np.rint(days_per_week), 1.0, 7.0)

    zero = np.zeros(r.n)
    if stage.price_usd is None:
        if r.scenario.insurance.plan_type == "medicare" and stage.level in {"iop", "php"}:
            # Medicare pays hospital IOP/PHP a national per diem; its approved amount is what
            # the 20 % coinsurance applies to, whatever the hospital lists.
            key = "medicare_iop_hospital_per_diem_usd_per_day"
        elif stage.level == "outpatient":
            key = "outpatient_price_usd_per_session"
        else:
            key = f"{lvl}_price_usd_per_day"
        per_day = r.num(f"{path}.price_usd", None, key)
        per_week = zero
        program = zero
    else:
        price = r.num(f"{path}.price_usd", stage.price_usd)
        # An outpatient program day is one session, so the two bases price the same way.
        per_day = price if stage.price_basis in {"per_day", "per_session"} else zero
        per_week = price if stage.price_basis == "per_week" else zero
        program = price if stage.price_basis == "program" else zero

    if stage.admission_fee_usd is None and stage.level == "residential":
        admission = r.num(f"{path}.admission_fee_usd", None, "residential_admission_fee_usd")
    else:
        admission = r.fixed(f"{path}.admission_fee_usd", stage.admission_fee_usd or 0.0)

    cash = (
        r.num(f"{path}.cash_price_usd_per_day", stage.cash_price_usd_per_day)
        if stage.cash_price_usd_per_day is not None or f"{path}.cash_price_usd_per_day" in r.variations
        else None
    )
    authorized = r.fixed(
        f"{path}.authorized_days", INF if stage.authorized_days is None else float(stage.authorized_days)
    )
    distance = r.num(
        f"{path}.distance_miles",
        stage.distance_miles,
        "residential_distance_miles" if residential else "outpatient_distance_miles",
    )
    if stage.one_way_travel_minutes is not None or f"{path}.one_way_travel_minutes" in r.variations:
        minutes = r.num(f"{path}.one_way_travel_minutes", stage.one_way_travel_minutes)
    elif stage.travel_mode == "flight":
        minutes = r.num(f"{path}.flight_trip_hours", None, "flight_trip_hours") * 60.0
    else:
        speed = r.num("average_drive_speed", None, "average_drive_speed_miles_per_hour")
        minutes = distance / np.maximum(speed, 1e-9) * 60.0

    if residential:
        visits = r.num(f"{path}.visits_per_week", stage.visits_per_week, "visits_per_week")
        no_visit = r.num(f"{path}.no_visit_days", stage.no_visit_days, "no_visit_days")
        family_days = r.num(f"{path}.family_program_days", stage.family_program_days, "family_program_days")
    else:
        visits = r.fixed(f"{path}.visits_per_week", stage.visits_per_week or 0.0)
        no_visit = r.fixed(f"{path}.no_visit_days", stage.no_visit_days or 0.0)
        family_days = r.fixed(f"{path}.family_program_days", stage.family_program_days or 0.0)

    return ResolvedStage(
        stage=stage,
        index=index,
        path=path,
        length_days=length,
        days_per_week=days_per_week,
        hours_per_day=hours,
        price_per_program_day_usd=per_day,
        program_fee_usd=program,
        price_per_week_usd=per_week,
        admission_fee_usd=admission,
        cash_price_usd_per_day=cash,
        authorized_days=authorized,
        distance_miles=distance,
        one_way_minutes=minutes,
        visits_per_week=visits,
        no_visit_days=np.rint(no_visit),
        family_program_days=np.rint(family_days),
        drug_testing_usd_per_week=r.fixed(f"{path}.drug_testing_usd_per_week", stage.drug_testing_usd_per_week),
        medication_usd_per_week=r.fixed(f"{path}.medication_usd_per_week", stage.medication_usd_per_week),
    )


@dataclass
class ResolvedPlan:
    """The plan's cost-sharing as ``(N,)`` arrays; ``kind`` picks the rules that apply."""

    kind: str  # "commercial", "medicare" or "uninsured"
    deductible_usd: np.ndarray
    deductible_met_usd: np.ndarray
    coinsurance_fraction: np.ndarray
    copay_per_day_usd: np.ndarray
    copay_per_admission_usd: np.ndarray
    oop_max_usd: np.ndarray
    oop_met_usd: np.ndarray
    oon_covered: bool
    oon_allowed_fraction: np.ndarray
    oon_deductible_usd: np.ndarray
    oon_deductible_met_usd: np.ndarray
    oon_coinsurance_fraction: np.ndarray
    oon_oop_max_usd: np.ndarray
    oon_oop_met_usd: np.ndarray
    medicare: dict[str, np.ndarray] = field(default_factory=dict)


def resolve_plan(r: Resolver) -> ResolvedPlan:
    ins = r.scenario.insurance
    p = "insurance"
    plan = ins.plan_type
    zero = np.zeros(r.n)
    inf = np.full(r.n, INF)
    if plan in {"employer", "marketplace"}:
        ded = r.num(f"{p}.deductible_usd", ins.deductible_usd, f"{plan}_deductible_usd")
        coins = r.num(f"{p}.coinsurance_fraction", ins.coinsurance_fraction, f"{plan}_coinsurance_fraction")
        copay_day = r.fixed(f"{p}.copay_per_day_usd", ins.copay_per_day_usd or 0.0)
        copay_adm = (
            r.num(f"{p}.copay_per_admission_usd", ins.copay_per_admission_usd, "employer_copay_per_admission_usd")
            if plan == "employer"
            else r.fixed(f"{p}.copay_per_admission_usd", ins.copay_per_admission_usd or 0.0)
        )
        oop = r.num(f"{p}.oop_max_usd", ins.oop_max_usd, f"{plan}_oop_max_usd")
        kind = "commercial"
    elif plan == "medicaid":
        ded = r.fixed(f"{p}.deductible_usd", ins.deductible_usd or 0.0)
        coins = r.fixed(f"{p}.coinsurance_fraction", ins.coinsurance_fraction or 0.0)
        copay_day = r.num(f"{p}.copay_per_day_usd", ins.copay_per_day_usd, "medicaid_copay_per_day_usd")
        copay_adm = r.num(
            f"{p}.copay_per_admission_usd", ins.copay_per_admission_usd, "medicaid_copay_per_admission_usd"
        )
        oop = r.fixed(f"{p}.oop_max_usd", INF if ins.oop_max_usd is None else ins.oop_max_usd)
        kind = "commercial"
    else:
        ded, coins, copay_day, copay_adm, oop = zero, zero, zero, zero, inf
        kind = "medicare" if plan == "medicare" else "uninsured"

    oon = ins.out_of_network
    q = f"{p}.out_of_network"
    any_out_of_network = any(not st.in_network for option in r.scenario.options for st in option.stages)
    if oon.covered and kind == "commercial" and plan != "medicaid" and any_out_of_network:
        oon_fraction = r.num(
            f"{q}.allowed_fraction_of_billed", oon.allowed_fraction_of_billed, "out_of_network_allowed_fraction"
        )
        oon_ded = r.num(f"{q}.deductible_usd", oon.deductible_usd, "out_of_network_deductible_usd")
        oon_coins = r.num(f"{q}.coinsurance_fraction", oon.coinsurance_fraction, "out_of_network_coinsurance_fraction")
        oon_oop = inf if oon.no_oop_max else r.num(f"{q}.oop_max_usd", oon.oop_max_usd, "out_of_network_oop_max_usd")
        oon_covered = True
    else:
        oon_fraction, oon_ded, oon_coins, oon_oop = np.ones(r.n), zero, zero, inf
        oon_covered = False

    medicare: dict[str, np.ndarray] = {}
    if kind == "medicare":
        medicare = {
            "part_a_deductible": r.num("medicare.part_a_deductible", None, "medicare_part_a_deductible_usd"),
            "day_61_90": r.num("medicare.day_61_90", None, "medicare_part_a_coinsurance_day_61_90_usd_per_day"),
            "reserve_day": r.num("medicare.reserve_day", None, "medicare_lifetime_reserve_coinsurance_usd_per_day"),
            "full_days": r.num("medicare.full_days", None, "medicare_full_coverage_days"),
            "coinsurance_days_end": r.num("medicare.coinsurance_days_end", None, "medicare_coinsurance_days_end"),
            "reserve_left": r.num(
                f"{p}.medicare_lifetime_reserve_days_left",
                ins.medicare_lifetime_reserve_days_left,
                "medicare_lifetime_reserve_days",
            ),
            "psych_limit": r.num("medicare.psych_limit", None, "medicare_psychiatric_hospital_lifetime_days"),
            "psych_used": r.fixed(f"{p}.medicare_psychiatric_days_used", ins.medicare_psychiatric_days_used),
            "days_used": r.fixed(f"{p}.medicare_benefit_period_days_used", ins.medicare_benefit_period_days_used),
            "part_a_met": np.full(r.n, 1.0 if ins.medicare_part_a_deductible_met else 0.0),
            "part_b_deductible": r.num("medicare.part_b_deductible", None, "medicare_part_b_deductible_usd"),
            "part_b_met": r.fixed(f"{p}.medicare_part_b_deductible_met_usd", ins.medicare_part_b_deductible_met_usd),
            "part_b_coinsurance": r.num("medicare.part_b_coinsurance", None, "medicare_part_b_coinsurance_fraction"),
        }

    return ResolvedPlan(
        kind=kind,
        deductible_usd=ded,
        deductible_met_usd=np.minimum(r.fixed(f"{p}.deductible_met_usd", ins.deductible_met_usd), ded),
        coinsurance_fraction=coins,
        copay_per_day_usd=copay_day,
        copay_per_admission_usd=copay_adm,
        oop_max_usd=oop,
        # Deductible payments count toward the out-of-pocket maximum, so at least that much of
        # it is already used.
        oop_met_usd=np.minimum(
            np.maximum(
                r.fixed(f"{p}.oop_met_usd", ins.oop_met_usd), r.fixed(f"{p}.deductible_met_usd", ins.deductible_met_usd)
            ),
            oop,
        ),
        oon_covered=oon_covered,
        oon_allowed_fraction=oon_fraction,
        oon_deductible_usd=oon_ded,
        oon_deductible_met_usd=np.minimum(r.fixed(f"{q}.deductible_met_usd", oon.deductible_met_usd), oon_ded),
        oon_coinsurance_fraction=oon_coins,
        oon_oop_max_usd=oon_oop,
        oon_oop_met_usd=np.minimum(
            np.maximum(
                r.fixed(f"{q}.oop_met_usd", oon.oop_met_usd), r.fixed(f"{q}.deductible_met_usd", oon.deductible_met_usd)
            ),
            oon_oop,
        ),
        medicare=medicare,
    )


@dataclass
class ResolvedHousehold:
    pay_usd_per_hour: np.ndarray
    work_hours_per_week: np.ndarray
    shift_hours: np.ndarray
    pto_hours: np.ndarray
    std: dict[str, np.ndarray] | None
    state_program: dict[str, np.ndarray] | None
    children_ages: tuple[int, ...]
    school_hours_per_week: tuple[np.ndarray, ...]
    family_help_hours_per_week: np.ndarray
    partner_pay_usd_per_hour: np.ndarray
    partner_shift_hours: np.ndarray
    childcare: LibraryInputs | None  # None: no child needs paid care
    childcare_max_age_years: float


def resolve_household(r: Resolver) -> ResolvedHousehold:
    h = r.scenario.household
    p = "household"
    working = h.work_schedule != "not_working"
    hours = r.num(f"{p}.work_hours_per_week", h.work_hours_per_week, "full_time_hours_per_week")
    if not working:
        hours = np.zeros(r.n)
    if h.pay_basis == "salary" and (h.salary_usd_per_year is not None or f"{p}.salary_usd_per_year" in r.variations):
        salary = r.num(f"{p}.salary_usd_per_year", h.salary_usd_per_year)
        pay = np.where(hours > 0, salary / (52.0 * np.maximum(hours, 1e-9)), 0.0)
    else:
        pay = r.num(f"{p}.pay_usd_per_hour", h.pay_usd_per_hour, "median_hourly_earnings_usd_per_hour")
    if not working:
        pay = np.zeros(r.n)
    pto = r.num(f"{p}.paid_time_off_hours", h.paid_time_off_hours, "paid_time_off_hours") if working else np.zeros(r.n)

    std = None
    if h.short_term_disability is not None and working:
        s = h.short_term_disability
        q = f"{p}.short_term_disability"
        std = {
            "fraction": r.num(f"{q}.replacement_fraction", s.replacement_fraction, "std_replacement_fraction"),
            "waiting_days": np.rint(r.num(f"{q}.waiting_days", s.waiting_days, "std_waiting_days")),
            "weekly_cap": r.num(f"{q}.weekly_cap_usd", s.weekly_cap_usd, "std_weekly_cap_usd_per_week"),
            "max_weeks": r.num(f"{q}.max_weeks", s.max_weeks, "std_max_weeks"),
        }

    state_program = None
    table = r.assumptions.tables.get("state_leave_programs")
    if h.use_state_program and working and h.state and table is not None:
        row = next((row for row in table.rows if row["state"] == h.state), None)
        if row is not None and row["covers_own_illness"].strip().lower() == "true":
            limit = row["first_tier_limit_usd_per_week"].strip()
            state_program = {
                "first_fraction": np.full(r.n, float(row["first_tier_fraction"])),
                "first_limit": np.full(r.n, float(limit) if limit else INF),
                "upper_fraction": np.full(r.n, float(row["upper_tier_fraction"])),
                "weekly_max": np.full(r.n, float(row["weekly_max_usd"])),
                "waiting_days": np.full(r.n, float(row["waiting_days"])),
                "max_weeks": np.full(r.n, float(row["max_weeks"])),
            }

    school = []
    max_age = r.assumptions.value("childcare_max_age_years")
    for i, child in enumerate(h.children):
        path = f"{p}.children[{i}].school_hours_per_week"
        if child.school_hours_per_week is not None or path in r.variations:
            school.append(r.num(path, child.school_hours_per_week))
        elif 5 <= child.age_years <= max_age:
            school.append(r.num(path, None, "school_hours_per_week"))
        else:
            school.append(np.zeros(r.n))

    childcare: LibraryInputs | None = None
    if h.patient_is_caregiver and any(c.age_years <= max_age for c in h.children):
        index = state_childcare_index(r.scenario, r.assumptions)
        # National prices, scaled to the family's state where the library has its price index.
        childcare = LibraryInputs(r) if index is None else ScaledLibraryInputs(r, index, CHILDCARE_PRICE_KEYS)

    return ResolvedHousehold(
        pay_usd_per_hour=pay,
        work_hours_per_week=hours,
        shift_hours=hours / h.work_days_per_week,
        pto_hours=pto,
        std=std,
        state_program=state_program,
        children_ages=tuple(c.age_years for c in h.children),
        school_hours_per_week=tuple(school),
        family_help_hours_per_week=r.fixed(f"{p}.family_help_hours_per_week", h.family_help_hours_per_week),
        partner_pay_usd_per_hour=r.fixed(f"{p}.partner_pay_usd_per_hour", h.partner_pay_usd_per_hour),
        partner_shift_hours=r.num("partner_shift_hours", None, "full_time_hours_per_week") / 5.0,
        childcare=childcare,
        childcare_max_age_years=max_age,
    )


class LibraryInputs(dict):
    """Library figures looked up on first use, so ``defaults_used`` lists only the figures a
    scenario's arithmetic actually touched (a transit fare is not "used" by a family that drives)."""

    def __init__(self, resolver: Resolver):
        super().__init__()
        self._resolver = resolver

    def __missing__(self, key: str) -> np.ndarray:
        value = self._resolver.num(key, None, key)
        self[key] = value
        return value


class ScaledLibraryInputs(LibraryInputs):
    """Library figures multiplied by a factor on lookup (e.g. a state's child-care price index)."""

    def __init__(self, resolver: Resolver, factor: float, keys: frozenset[str]):
        super().__init__(resolver)
        self.factor = factor
        self._keys = keys

    def __missing__(self, key: str) -> np.ndarray:
        value = super().__missing__(key)
        if key in self._keys:
            value = value * self.factor
            self[key] = value
        return value


#: Child-care prices a state's price index scales.
CHILDCARE_PRICE_KEYS = frozenset(
    {
        "childcare_full_week_infant_usd_per_week",
        "childcare_full_week_toddler_usd_per_week",
        "childcare_full_week_preschool_usd_per_week",
        "childcare_full_week_school_age_usd_per_week",
        "babysitter_usd_per_hour",
        "babysitter_additional_child_usd_per_hour",
    }
)


def state_childcare_index(scenario: Scenario, assumptions: AssumptionSet) -> float | None:
    """The family's state's child-care price index (state price / national), if the library has one."""
    state = scenario.household.state
    table = assumptions.tables.get("childcare_by_state")
    if not state or table is None:
        return None
    row = next((row for row in table.rows if row["state"] == state), None)
    return float(row["price_index"]) if row is not None else None


def resolve_travel(r: Resolver) -> LibraryInputs:
    return LibraryInputs(r)
