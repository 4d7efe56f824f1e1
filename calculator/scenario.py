"""The scenario: one family, one insurance plan, and the treatment pathways they are weighing.

A scenario is a frozen pydantic model, so the same validation applies whether it arrives from
the app, a TOML or JSON file, or a shared link. Any field left as ``None`` is filled from the
assumptions library when the scenario is computed (see :mod:`calculator.resolve`).

Units are in the names: ``*_usd`` dollars, ``*_fraction`` a share between 0 and 1 (never a
percentage), ``*_days`` calendar days, ``*_hours_per_week`` hours in a 7-day week.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

LEVELS = ("withdrawal_management", "residential", "php", "iop", "outpatient")
#: Levels where the patient lives at the program around the clock.
RESIDENTIAL_LEVELS = frozenset({"withdrawal_management", "residential"})
LEVEL_LABELS = {
    "withdrawal_management": "Withdrawal management (detox)",
    "residential": "Residential (inpatient)",
    "php": "Partial hospitalization (PHP)",
    "iop": "Intensive outpatient (IOP)",
    "outpatient": "Standard outpatient",
}
PLAN_TYPES = ("employer", "marketplace", "medicare", "medicaid", "uninsured")
PLAN_LABELS = {
    "employer": "Employer plan",
    "marketplace": "Marketplace (ACA) plan",
    "medicare": "Original Medicare",
    "medicaid": "Medicaid",
    "uninsured": "No insurance (self-pay)",
}
STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "PR",
]

Money = Annotated[float, Field(ge=0, le=10_000_000)]
Fraction = Annotated[float, Field(ge=0, le=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True)


class Child(_Model):
    """A child the patient looks after."""

    age_years: int = Field(ge=0, le=17, description="Age in whole years.")
    school_hours_per_week: float | None = Field(
        None,
        ge=0,
        le=60,
        description="Hours a week the child is at school or in care already paid for; "
        "default: the school week for ages 5 and up, none below.",
    )


class ShortTermDisability(_Model):
    """Employer short-term disability insurance."""

    replacement_fraction: Fraction | None = Field(None, description="Share of pay replaced.")
    waiting_days: int | None = Field(None, ge=0, le=180, description="Elimination period in calendar days.")
    weekly_cap_usd: Money | None = Field(None, description="Largest weekly benefit.")
    max_weeks: int | None = Field(None, ge=1, le=104, description="Longest benefit duration in weeks.")


class Household(_Model):
    """The patient's work, pay, leave and family."""

    state: Literal[tuple(STATES)] | None = Field(None, description="Two-letter state code (state leave programs).")
    pay_basis: Literal["hourly", "salary"] = Field("hourly", description="How the patient is paid.")
    pay_usd_per_hour: float | None = Field(None, ge=0, le=2_000, description="Hourly pay before tax.")
    salary_usd_per_year: float | None = Field(None, ge=0, le=5_000_000, description="Annual salary before tax.")
    work_hours_per_week: float | None = Field(None, ge=0, le=100, description="Usual paid hours a week.")
    work_schedule: Literal["day", "evening", "night", "not_working"] = Field(
        "day", description="When the patient usually works (sessions at the same time of day collide)."
    )
    work_days_per_week: int = Field(5, ge=1, le=7, description="Work days a week, Monday first.")
    paid_time_off_hours: float | None = Field(None, ge=0, le=2_000, description="Paid leave hours available.")
    short_term_disability: ShortTermDisability | None = Field(
        None, description="Employer short-term disability; absent means none."
    )
    use_state_program: StrictBool = Field(True, description="Claim the state's disability/medical-leave benefit.")
    fmla_eligible: StrictBool = Field(True, description="12+ months, 1,250+ hours, employer with 50+ staff nearby.")
    patient_is_caregiver: StrictBool = Field(True, description="The patient looks after the children listed.")
    children: tuple[Child, ...] = Field((), max_length=10)
    family_help_hours_per_week: float = Field(
        0, ge=0, le=168, description="Hours a week a partner, relatives or friends can look after the children."
    )
    partner_pay_usd_per_hour: float = Field(
        0, ge=0, le=2_000, description="Pay a partner loses per hour off work to drive or visit; 0 if none."
    )
    partner_drives_to_sessions: StrictBool = Field(
        False, description="A partner drives the patient to and from outpatient sessions and waits."
    )

    @model_validator(mode="after")
    def _pay_matches_basis(self) -> Household:
        if self.pay_basis == "salary" and self.salary_usd_per_year is None and self.work_schedule != "not_working":
            raise ValueError("salary_usd_per_year is required when pay_basis is 'salary'")
        return self


class OutOfNetwork(_Model):
    """Out-of-network terms of the plan."""

    covered: StrictBool = Field(True, description="The plan pays anything out of network.")
    allowed_fraction_of_billed: Fraction | None = Field(
        None, description="Allowed amount as a share of the facility's billed charge."
    )
    deductible_usd: Money | None = None
    deductible_met_usd: Money = 0
    coinsurance_fraction: Fraction | None = None
    oop_max_usd: Money | None = None
    no_oop_max: StrictBool = Field(False, description="The plan has no out-of-network out-of-pocket maximum.")
    oop_met_usd: Money = 0
    balance_billing: StrictBool = Field(True, description="The facility bills the difference above the allowed amount.")

    @model_validator(mode="after")
    def _met_within(self) -> OutOfNetwork:
        if self.deductible_usd is not None and self.deductible_met_usd > self.deductible_usd:
            raise ValueError("deductible_met_usd cannot exceed deductible_usd")
        if self.oop_max_usd is not None and self.oop_met_usd > self.oop_max_usd:
            raise ValueError("oop_met_usd cannot exceed oop_max_usd")
        return self


class Insurance(_Model):
    """The plan's cost-sharing. ``None`` fields take the preset for ``plan_type``."""

    plan_type: Literal[PLAN_TYPES] = Field("employer", description="Preset whose rules and defaults apply.")
    deductible_usd: Money | None = Field(None, description="Annual in-network deductible.")
    deductible_met_usd: Money = Field(0, description="Deductible already paid this plan year.")
    coinsurance_fraction: Fraction | None = Field(None, description="Share of allowed charges after the deductible.")
    copay_per_day_usd: Money | None = Field(None, description="Copay for each program day.")
    copay_per_admission_usd: Money | None = Field(None, description="Copay for each admission to a residential level.")
    copay_before_deductible: StrictBool = Field(
        False, description="Copays are owed before the deductible is met (and do not count toward it)."
    )
    oop_max_usd: Money | None = Field(None, description="In-network out-of-pocket maximum a plan year.")
    oop_met_usd: Money = Field(
        0,
        description="Out-of-pocket spending already counted this plan year "
        "(never less than the deductible already met, which counts toward it).",
    )
    plan_year_renews_month: int = Field(1, ge=1, le=12, description="Month the deductible and maximum reset.")
    plan_year_renews_day: int = Field(1, ge=1, le=28, description="Day of that month.")
    out_of_network: OutOfNetwork = OutOfNetwork()
    medicare_part_a_deductible_met: StrictBool = Field(
        False, description="Already in a benefit period whose Part A deductible is paid."
    )
    medicare_benefit_period_days_used: int = Field(
        0, ge=0, le=150, description="Inpatient days already used in this benefit period."
    )
    medicare_lifetime_reserve_days_left: int | None = Field(
        None, ge=0, le=60, description="Lifetime reserve days not yet used."
    )
    medicare_psychiatric_days_used: int = Field(
        0, ge=0, le=190, description="Lifetime days already used in freestanding psychiatric hospitals."
    )
    medicare_part_b_deductible_met_usd: Money = Field(
        0, description="Part B deductible already paid this calendar year."
    )

    @model_validator(mode="after")
    def _met_within(self) -> Insurance:
        if self.deductible_usd is not None and self.deductible_met_usd > self.deductible_usd:
            raise ValueError("deductible_met_usd cannot exceed deductible_usd")
        if self.oop_max_usd is not None and self.oop_met_usd > self.oop_max_usd:
            raise ValueError("oop_met_usd cannot exceed oop_max_usd")
        if self.deductible_usd is not None and self.oop_max_usd is not None and self.deductible_usd > self.oop_max_usd:
            raise ValueError("deductible_usd cannot exceed oop_max_usd")
        return self


class Stage(_Model):
    """One stage of a treatment pathway (e.g. 30 days residential, then 8 weeks IOP)."""

    level: Literal[LEVELS]
    length_days: int | None = Field(None, ge=1, le=365, description="Calendar days in this stage.")
    days_per_week: int | None = Field(None, ge=1, le=7, description="Program days a week (outpatient levels).")
    hours_per_day: float | None = Field(None, gt=0, le=12, description="Program hours on a program day.")
    session_time: Literal["day", "evening"] = Field("day", description="Outpatient levels: when sessions are held.")
    price_usd: Money | None = Field(None, description="The facility's price, on the basis below.")
    price_basis: Literal["per_day", "per_session", "per_week", "program"] = Field(
        "per_day",
        description="per_day: per calendar day (residential levels) or per program day (outpatient); "
        "per_session: per program day (outpatient levels only); per_week: per week in the stage; "
        "program: one fee for the whole stage.",
    )
    admission_fee_usd: Money | None = Field(None, description="One-off fee on admission, not covered by insurance.")
    includes_lodging: StrictBool = Field(True, description="Residential levels: the price includes a bed.")
    includes_meals: StrictBool = Field(True, description="Residential levels: the price includes meals.")
    in_network: StrictBool = Field(
        True, description="The facility is in the plan's network (Medicare: takes Medicare)."
    )
    authorized_days: int | None = Field(
        None, ge=0, le=365, description="Program days the insurer has authorized; later days are self-pay."
    )
    cash_price_usd_per_day: Money | None = Field(
        None, description="Self-pay price per program day for days past authorization; default: the price."
    )
    freestanding_psychiatric_hospital: StrictBool = Field(
        False, description="Medicare: the facility is a freestanding psychiatric hospital (190-day lifetime limit)."
    )
    distance_miles: float | None = Field(None, ge=0, le=5_000, description="One-way distance from home.")
    travel_mode: Literal["car", "transit", "flight"] = Field("car", description="How the family gets there.")
    one_way_travel_minutes: float | None = Field(None, ge=0, le=1_440, description="Door-to-door time one way.")
    patient_lodging: Literal["home", "sober_living", "hotel", "rental"] = Field(
        "home", description="Outpatient levels: where the patient sleeps."
    )
    visits_per_week: float | None = Field(None, ge=0, le=7, description="Residential levels: family visits a week.")
    no_visit_days: int | None = Field(None, ge=0, le=365, description="Days at the start with no visits.")
    family_program_days: int | None = Field(
        None, ge=0, le=30, description="Weekday family-program days the family attends."
    )
    drug_testing_usd_per_week: Money = Field(0, description="Drug testing the family pays for.")
    medication_usd_per_week: Money = Field(0, description="Medication the family pays for.")

    @property
    def is_residential(self) -> bool:
        return self.level in RESIDENTIAL_LEVELS

    @model_validator(mode="after")
    def _price_basis_needs_price(self) -> Stage:
        if self.price_basis not in {"per_day", "per_session"} and self.price_usd is None:
            raise ValueError(f"price_usd is required when price_basis is {self.price_basis!r}")
        if self.price_basis == "per_session" and self.level in RESIDENTIAL_LEVELS:
            raise ValueError(
                "price_basis 'per_session' is for outpatient levels; use 'per_day' for a residential level"
            )
        return self


class OtherCost(_Model):
    label: str = Field(min_length=1, max_length=60)
    amount_usd: Money


class Pathway(_Model):
    """An option the family is weighing: stages in order."""

    name: str = Field(min_length=1, max_length=60)
    stages: tuple[Stage, ...] = Field(min_length=1, max_length=6)
    other_costs: tuple[OtherCost, ...] = Field((), max_length=20)


class Scenario(_Model):
    """Everything the calculator needs; any ``None`` comes from the assumptions library."""

    start_date: dt.date
    household: Household = Household()
    insurance: Insurance = Insurance()
    options: tuple[Pathway, ...] = Field(min_length=2, max_length=4)
    assumption_overrides: dict[str, float] = Field(
        default_factory=dict, description="Assumption key -> value for this scenario only."
    )

    @model_validator(mode="after")
    def _dates(self) -> Scenario:
        if not dt.date(2000, 1, 1) <= self.start_date <= dt.date(2100, 12, 31):
            raise ValueError("start_date must be between 2000-01-01 and 2100-12-31")
        return self
