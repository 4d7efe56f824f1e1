"""The scenario: one family, one insurance plan, and the treatment pathways they are weighing.

A scenario is a frozen pydantic model, so the same validation applies whether it arrives from
the app, a TOML or JSON file, or a shared link. Any field left as ``None`` is filled from the
assumptions library when the scenario is computed (see :mod:`calculator.resolve`).

Units are in the names: ``*_usd`` dollars, ``*_fraction`` a share between 0 and 1 (never a
percentage), ``*_days`` calendar days, ``*_hours_per_week`` hours in a 7-day week.

This model is the one place each field is described: ``Field`` holds its limits and the file
format's description, ``ui(...)`` the words people see (label, help, unit, widget kind, option
labels, what leaving it empty means). :mod:`calculator.schema` reads them back for the app, the
README's field table and the error messages. Human-readable words are wrapped in ``N_`` so a
gettext extraction finds them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from .schema import N_, ui

LEVEL_LABELS = {
    "withdrawal_management": N_("Withdrawal management (detox)"),
    "residential": N_("Residential (inpatient)"),
    "php": N_("Partial hospitalization (PHP)"),
    "iop": N_("Intensive outpatient (IOP)"),
    "outpatient": N_("Standard outpatient"),
}
LEVELS = tuple(LEVEL_LABELS)
#: Levels where the patient lives at the program around the clock.
RESIDENTIAL_LEVELS = frozenset({"withdrawal_management", "residential"})
PLAN_LABELS = {
    "employer": N_("Employer plan"),
    "marketplace": N_("Marketplace (ACA) plan"),
    "medicare": N_("Original Medicare"),
    "medicaid": N_("Medicaid"),
    "uninsured": N_("No insurance (self-pay)"),
}
PLAN_TYPES = tuple(PLAN_LABELS)
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

#: Postal codes are their own labels.
STATE_LABELS = {code: code for code in STATES}

Money = Annotated[float, Field(ge=0, le=10_000_000)]
Fraction = Annotated[float, Field(ge=0, le=1)]

_RESIDENTIAL = N_("Residential levels.")
_OUTPATIENT = N_("Outpatient levels.")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True)


class Child(_Model):
    """A child the patient looks after."""

    age_years: int = Field(
        ge=0, le=17, description="Age in whole years.", json_schema_extra=ui(N_("Age (years)"), unit="years", start=5)
    )
    school_hours_per_week: float | None = Field(
        None,
        ge=0,
        le=60,
        description="Hours a week the child is at school or in care already paid for; "
        "default: the school week for ages 5 and up, none below.",
        json_schema_extra=ui(
            N_("Hours a week at school or in care already paid for"),
            N_("Leave empty: a school week from age 5, none below."),
            kind="number",
            unit="hours/week",
            empty=N_("library school week from age 5; none below"),
        ),
    )


class ShortTermDisability(_Model):
    """Employer short-term disability insurance."""

    replacement_fraction: Fraction | None = Field(
        None,
        description="Share of pay replaced.",
        json_schema_extra=ui(N_("Share of pay replaced (%)"), kind="percent", unit="fraction"),
    )
    waiting_days: int | None = Field(
        None,
        ge=0,
        le=180,
        description="Elimination period in calendar days.",
        json_schema_extra=ui(
            N_("Waiting period (days)"), N_("Days before benefits start (the elimination period)."), unit="days"
        ),
    )
    weekly_cap_usd: Money | None = Field(
        None,
        description="Largest weekly benefit.",
        json_schema_extra=ui(N_("Largest weekly benefit ($)"), kind="money", unit="USD/week"),
    )
    max_weeks: int | None = Field(
        None,
        ge=1,
        le=104,
        description="Longest benefit duration in weeks.",
        json_schema_extra=ui(N_("Longest benefit (weeks)"), unit="weeks"),
    )


class Household(_Model):
    """The patient's work, pay, leave and family."""

    state: Literal[tuple(STATES)] | None = Field(
        None,
        description="Two-letter state code (state leave programs).",
        json_schema_extra=ui(
            N_("State you live in"),
            N_("Some states pay a benefit during medical leave (for example CA, NJ, NY, WA)."),
            empty=N_("none (no state program)"),
            option_labels=STATE_LABELS,
        ),
    )
    pay_basis: Literal["hourly", "salary"] = Field(
        "hourly",
        description="How the patient is paid.",
        json_schema_extra=ui(
            N_("How the patient is paid"),
            option_labels={"hourly": N_("By the hour"), "salary": N_("Yearly salary")},
        ),
    )
    pay_usd_per_hour: float | None = Field(
        None,
        ge=0,
        le=2_000,
        description="Hourly pay before tax.",
        json_schema_extra=ui(
            N_("Pay per hour, before tax ($)"),
            N_("Leave empty to use a typical US wage."),
            kind="money",
            unit="USD/hour",
            empty=N_("library: BLS median"),
        ),
    )
    salary_usd_per_year: float | None = Field(
        None,
        ge=0,
        le=5_000_000,
        description="Annual salary before tax.",
        json_schema_extra=ui(
            N_("Yearly salary, before tax ($)"),
            N_("Needed when paid a salary."),
            kind="money",
            unit="USD/year",
            empty=N_("required when pay_basis is salary"),
        ),
    )
    work_hours_per_week: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Usual paid hours a week.",
        json_schema_extra=ui(
            N_("Work hours a week"), N_("Leave empty for a typical full-time week."), kind="number", unit="hours/week"
        ),
    )
    work_schedule: Literal["day", "evening", "night", "not_working"] = Field(
        "day",
        description="When the patient usually works (sessions at the same time of day collide).",
        json_schema_extra=ui(
            N_("When the patient works"),
            N_("IOP sessions during work hours mean missed work; evening sessions may not."),
            option_labels={
                "day": N_("Daytime"),
                "evening": N_("Evenings"),
                "night": N_("Nights"),
                "not_working": N_("Not working now"),
            },
        ),
    )
    work_days_per_week: int = Field(
        5,
        ge=1,
        le=7,
        description="Work days a week, Monday first.",
        json_schema_extra=ui(N_("Work days a week"), unit="days/week"),
    )
    paid_time_off_hours: float | None = Field(
        None,
        ge=0,
        le=2_000,
        description="Paid leave hours available.",
        json_schema_extra=ui(
            N_("Paid time off available (hours)"),
            N_("Vacation and sick hours the patient can use. Leave empty for a typical amount."),
            kind="number",
            unit="hours",
        ),
    )
    short_term_disability: ShortTermDisability | None = Field(
        None,
        description="Employer short-term disability; absent means none.",
        json_schema_extra=ui(N_("Short-term disability"), empty=N_("none")),
    )
    use_state_program: StrictBool = Field(
        True,
        description="Claim the state's disability/medical-leave benefit.",
        json_schema_extra=ui(
            N_("Claim the state's disability or paid-leave benefit"), N_("Only matters in states that have one.")
        ),
    )
    fmla_eligible: StrictBool = Field(
        True,
        description="12+ months, 1,250+ hours, employer with 50+ staff nearby.",
        json_schema_extra=ui(
            N_("Job protected by FMLA"),
            N_("Usually: 12 months with an employer of 50+ people and 1,250 hours worked."),
        ),
    )
    patient_is_caregiver: StrictBool = Field(
        True,
        description="The patient looks after the children listed.",
        json_schema_extra=ui(N_("The patient looks after the children")),
    )
    children: tuple[Child, ...] = Field(
        (), max_length=10, description="Children the patient looks after.", json_schema_extra=ui(N_("Children"))
    )
    family_help_hours_per_week: float = Field(
        0,
        ge=0,
        le=168,
        description="Hours a week a partner, relatives or friends can look after the children.",
        json_schema_extra=ui(
            N_("Hours a week others can look after the children"),
            N_("A partner, relatives or friends, unpaid. A week has 168 hours."),
            kind="number",
            unit="hours/week",
        ),
    )
    partner_pay_usd_per_hour: float = Field(
        0,
        ge=0,
        le=2_000,
        description="Pay a partner loses per hour off work to drive or visit; 0 if none.",
        json_schema_extra=ui(
            N_("Partner's pay per hour lost when driving or visiting ($)"),
            N_("0 if no partner or no pay lost."),
            kind="money",
            unit="USD/hour",
        ),
    )
    partner_drives_to_sessions: StrictBool = Field(
        False,
        description="A partner drives the patient to and from outpatient sessions and waits.",
        json_schema_extra=ui(N_("A partner drives the patient to outpatient sessions")),
    )

    @model_validator(mode="after")
    def _pay_matches_basis(self) -> Household:
        if self.pay_basis == "salary" and self.salary_usd_per_year is None and self.work_schedule != "not_working":
            raise ValueError("salary_usd_per_year is required when pay_basis is 'salary'")
        return self


class OutOfNetwork(_Model):
    """Out-of-network terms of the plan."""

    covered: StrictBool = Field(
        True,
        description="The plan pays anything out of network.",
        json_schema_extra=ui(N_("The plan pays anything out of network")),
    )
    allowed_fraction_of_billed: Fraction | None = Field(
        None,
        description="Allowed amount as a share of the facility's billed charge.",
        json_schema_extra=ui(N_("Allowed amount as a share of the bill (%)"), kind="percent", unit="fraction"),
    )
    deductible_usd: Money | None = Field(
        None,
        description="Annual out-of-network deductible.",
        json_schema_extra=ui(N_("Out-of-network deductible ($)"), kind="money", unit="USD"),
    )
    deductible_met_usd: Money = Field(
        0,
        description="Out-of-network deductible already paid this plan year.",
        json_schema_extra=ui(N_("Out-of-network deductible already paid ($)"), kind="money", unit="USD"),
    )
    coinsurance_fraction: Fraction | None = Field(
        None,
        description="Share of allowed charges after the out-of-network deductible.",
        json_schema_extra=ui(N_("Out-of-network coinsurance (%)"), kind="percent", unit="fraction"),
    )
    oop_max_usd: Money | None = Field(
        None,
        description="Out-of-network out-of-pocket maximum a plan year.",
        json_schema_extra=ui(N_("Out-of-network out-of-pocket maximum ($)"), kind="money", unit="USD"),
    )
    no_oop_max: StrictBool = Field(
        False,
        description="The plan has no out-of-network out-of-pocket maximum.",
        json_schema_extra=ui(N_("No out-of-network maximum")),
    )
    oop_met_usd: Money = Field(
        0,
        description="Out-of-network out-of-pocket spending already counted this plan year.",
        json_schema_extra=ui(N_("Already spent toward that maximum ($)"), kind="money", unit="USD"),
    )
    balance_billing: StrictBool = Field(
        True,
        description="The facility bills the difference above the allowed amount.",
        json_schema_extra=ui(N_("The facility bills above the allowed amount")),
    )

    @model_validator(mode="after")
    def _met_within(self) -> OutOfNetwork:
        if self.deductible_usd is not None and self.deductible_met_usd > self.deductible_usd:
            raise ValueError("deductible_met_usd cannot exceed deductible_usd")
        if self.oop_max_usd is not None and self.oop_met_usd > self.oop_max_usd:
            raise ValueError("oop_met_usd cannot exceed oop_max_usd")
        return self


class Insurance(_Model):
    """The plan's cost-sharing. ``None`` fields take the preset for ``plan_type``."""

    plan_type: Literal[PLAN_TYPES] = Field(
        "employer",
        description="Preset whose rules and defaults apply.",
        json_schema_extra=ui(
            N_("Insurance"),
            N_("Empty figures below take this plan type's typical terms."),
            option_labels=PLAN_LABELS,
        ),
    )
    deductible_usd: Money | None = Field(
        None,
        description="Annual in-network deductible.",
        json_schema_extra=ui(
            N_("Deductible for the year ($)"),
            N_("Leave empty for a typical plan."),
            kind="money",
            unit="USD",
            empty=N_("library preset for the plan type"),
        ),
    )
    deductible_met_usd: Money = Field(
        0,
        description="Deductible already paid this plan year.",
        json_schema_extra=ui(
            N_("Deductible already paid this plan year ($)"),
            N_("What you have already paid toward the deductible."),
            kind="money",
            unit="USD",
        ),
    )
    coinsurance_fraction: Fraction | None = Field(
        None,
        description="Share of allowed charges after the deductible.",
        json_schema_extra=ui(
            N_("Coinsurance (%)"),
            N_("Your share of costs after the deductible."),
            kind="percent",
            unit="fraction",
            empty=N_("library preset for the plan type"),
        ),
    )
    copay_per_day_usd: Money | None = Field(
        None,
        description="Copay for each program day.",
        json_schema_extra=ui(N_("Copay per day ($)"), kind="money", unit="USD/day", empty=N_("none")),
    )
    copay_per_admission_usd: Money | None = Field(
        None,
        description="Copay for each admission to a residential level.",
        json_schema_extra=ui(
            N_("Copay per admission ($)"),
            kind="money",
            unit="USD",
            empty=N_("library (employer); none otherwise"),
        ),
    )
    copay_before_deductible: StrictBool = Field(
        False,
        description="Copays are owed before the deductible is met (and do not count toward it).",
        json_schema_extra=ui(N_("Copays are owed before the deductible is met")),
    )
    oop_max_usd: Money | None = Field(
        None,
        description="In-network out-of-pocket maximum a plan year.",
        json_schema_extra=ui(
            N_("Out-of-pocket maximum for the year ($)"),
            N_("Leave empty for a typical plan."),
            kind="money",
            unit="USD",
            empty=N_("library preset for the plan type (Medicaid, Medicare, uninsured: none)"),
        ),
    )
    oop_met_usd: Money = Field(
        0,
        description="Out-of-pocket spending already counted this plan year "
        "(never less than the deductible already met, which counts toward it).",
        json_schema_extra=ui(N_("Already spent toward the out-of-pocket maximum ($)"), kind="money", unit="USD"),
    )
    plan_year_renews_month: int = Field(
        1,
        ge=1,
        le=12,
        description="Month the deductible and maximum reset.",
        json_schema_extra=ui(N_("Plan year renews: month"), N_("The deductible starts over on this date.")),
    )
    plan_year_renews_day: int = Field(
        1, ge=1, le=28, description="Day of that month.", json_schema_extra=ui(N_("Plan year renews: day"))
    )
    out_of_network: OutOfNetwork = Field(
        OutOfNetwork(),
        description="The plan's out-of-network terms.",
        json_schema_extra=ui(N_("Out-of-network terms")),
    )
    medicare_part_a_deductible_met: StrictBool = Field(
        False,
        description="Already in a benefit period whose Part A deductible is paid.",
        json_schema_extra=ui(N_("Part A deductible already paid this benefit period")),
    )
    medicare_benefit_period_days_used: int = Field(
        0,
        ge=0,
        le=150,
        description="Inpatient days already used in this benefit period.",
        json_schema_extra=ui(N_("Hospital days used this benefit period"), unit="days"),
    )
    medicare_lifetime_reserve_days_left: int | None = Field(
        None,
        ge=0,
        le=60,
        description="Lifetime reserve days not yet used.",
        json_schema_extra=ui(N_("Lifetime reserve days left"), N_("Empty: all 60."), unit="days"),
    )
    medicare_psychiatric_days_used: int = Field(
        0,
        ge=0,
        le=190,
        description="Lifetime days already used in freestanding psychiatric hospitals.",
        json_schema_extra=ui(N_("Lifetime days used in psychiatric hospitals"), unit="days"),
    )
    medicare_part_b_deductible_met_usd: Money = Field(
        0,
        description="Part B deductible already paid this calendar year.",
        json_schema_extra=ui(N_("Part B deductible already paid ($)"), kind="money", unit="USD"),
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

    level: Literal[LEVELS] = Field(
        description="Level of care.",
        json_schema_extra=ui(N_("Level of care"), option_labels=LEVEL_LABELS, start="iop"),
    )
    length_days: int | None = Field(
        None,
        ge=1,
        le=365,
        description="Calendar days in this stage.",
        json_schema_extra=ui(N_("Length (calendar days)"), N_("Empty: a typical length for this level."), unit="days"),
    )
    days_per_week: int | None = Field(
        None,
        ge=1,
        le=7,
        description="Program days a week (outpatient levels).",
        json_schema_extra=ui(
            N_("Program days a week"),
            _OUTPATIENT,
            unit="days/week",
            empty=N_("library for the level (residential levels: 7)"),
        ),
    )
    hours_per_day: float | None = Field(
        None,
        gt=0,
        le=12,
        description="Program hours on a program day.",
        json_schema_extra=ui(
            N_("Hours a program day"),
            _OUTPATIENT,
            kind="number",
            unit="hours/day",
            empty=N_("library for the level (residential levels: 24)"),
        ),
    )
    session_time: Literal["day", "evening"] = Field(
        "day",
        description="Outpatient levels: when sessions are held.",
        json_schema_extra=ui(N_("Sessions held"), option_labels={"day": N_("Daytime"), "evening": N_("Evenings")}),
    )
    price_usd: Money | None = Field(
        None,
        description="The facility's price, on the basis below.",
        json_schema_extra=ui(
            N_("Facility's price ($)"),
            N_("From the facility's quote. Empty: a typical price."),
            kind="money",
            unit="USD",
            empty=N_("library price for the level (Medicare IOP/PHP: Medicare per diem)"),
        ),
    )
    price_basis: Literal["per_day", "per_session", "per_week", "program"] = Field(
        "per_day",
        description="per_day: per calendar day (residential levels) or per program day (outpatient); "
        "per_session: per program day (outpatient levels only); per_week: per week in the stage; "
        "program: one fee for the whole stage.",
        json_schema_extra=ui(
            N_("The price is"),
            option_labels={
                "per_day": N_("Per day (per program day)"),
                "per_session": N_("Per session (outpatient)"),
                "per_week": N_("Per week"),
                "program": N_("For the whole stage"),
            },
        ),
    )
    admission_fee_usd: Money | None = Field(
        None,
        description="One-off fee on admission, not covered by insurance.",
        json_schema_extra=ui(
            N_("Admission fee ($)"),
            N_("One-off; insurers rarely cover it."),
            kind="money",
            unit="USD",
            empty=N_("library (residential); none otherwise"),
        ),
    )
    includes_lodging: StrictBool = Field(
        True,
        description="Residential levels: the price includes a bed.",
        json_schema_extra=ui(N_("Price includes a bed"), _RESIDENTIAL),
    )
    includes_meals: StrictBool = Field(
        True,
        description="Residential levels: the price includes meals.",
        json_schema_extra=ui(N_("Price includes meals"), _RESIDENTIAL),
    )
    in_network: StrictBool = Field(
        True,
        description="The facility is in the plan's network (Medicare: takes Medicare).",
        json_schema_extra=ui(N_("In the plan's network")),
    )
    authorized_days: int | None = Field(
        None,
        ge=0,
        le=365,
        description="Program days the insurer has authorized; later days are self-pay.",
        json_schema_extra=ui(
            N_("Days the insurer has authorized"),
            N_("Later days are priced at the cash price. Empty: all days."),
            unit="days",
            empty=N_("all days authorized"),
        ),
    )
    cash_price_usd_per_day: Money | None = Field(
        None,
        description="Self-pay price per program day for days past authorization; default: the price.",
        json_schema_extra=ui(
            N_("Cash price per day after authorization ($)"),
            N_("Empty: the facility's price."),
            kind="money",
            unit="USD/day",
            empty=N_("the stage's price"),
        ),
    )
    freestanding_psychiatric_hospital: StrictBool = Field(
        False,
        description="Medicare: the facility is a freestanding psychiatric hospital (190-day lifetime limit).",
        json_schema_extra=ui(N_("Freestanding psychiatric hospital (Medicare 190-day limit)")),
    )
    distance_miles: float | None = Field(
        None,
        ge=0,
        le=5_000,
        description="One-way distance from home.",
        json_schema_extra=ui(
            N_("Miles from home, one way"),
            N_("Empty: a typical distance for this level."),
            kind="number",
            unit="miles",
        ),
    )
    travel_mode: Literal["car", "transit", "flight"] = Field(
        "car",
        description="How the family gets there.",
        json_schema_extra=ui(
            N_("Getting there"),
            option_labels={"car": N_("Car"), "transit": N_("Public transit"), "flight": N_("Flight")},
        ),
    )
    one_way_travel_minutes: float | None = Field(
        None,
        ge=0,
        le=1_440,
        description="Door-to-door time one way.",
        json_schema_extra=ui(
            N_("Minutes each way"),
            N_("Empty: worked out from the distance."),
            kind="number",
            unit="minutes",
            empty=N_("distance / library drive speed (flight: library)"),
        ),
    )
    patient_lodging: Literal["home", "sober_living", "hotel", "rental"] = Field(
        "home",
        description="Outpatient levels: where the patient sleeps.",
        json_schema_extra=ui(
            N_("Where the patient sleeps"),
            _OUTPATIENT,
            option_labels={
                "home": N_("At home"),
                "sober_living": N_("Sober living"),
                "hotel": N_("Hotel"),
                "rental": N_("Rented room"),
            },
        ),
    )
    visits_per_week: float | None = Field(
        None,
        ge=0,
        le=7,
        description="Residential levels: family visits a week.",
        json_schema_extra=ui(
            N_("Family visits a week"),
            _RESIDENTIAL,
            kind="number",
            unit="visits/week",
            empty=N_("library (residential levels); none otherwise"),
        ),
    )
    no_visit_days: int | None = Field(
        None,
        ge=0,
        le=365,
        description="Days at the start with no visits.",
        json_schema_extra=ui(
            N_("Days with no visits at the start"), unit="days", empty=N_("library (residential levels)")
        ),
    )
    family_program_days: int | None = Field(
        None,
        ge=0,
        le=30,
        description="Weekday family-program days the family attends.",
        json_schema_extra=ui(
            N_("Family-program days"), unit="days", empty=N_("library (residential levels); none otherwise")
        ),
    )
    drug_testing_usd_per_week: Money = Field(
        0,
        description="Drug testing the family pays for.",
        json_schema_extra=ui(N_("Drug testing a week ($)"), kind="money", unit="USD/week"),
    )
    medication_usd_per_week: Money = Field(
        0,
        description="Medication the family pays for.",
        json_schema_extra=ui(N_("Medication a week ($)"), kind="money", unit="USD/week"),
    )

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
    """A cost the family adds to an option themselves."""

    label: str = Field(
        min_length=1, max_length=60, description="What the cost is.", json_schema_extra=ui(N_("Other cost"))
    )
    amount_usd: Money = Field(
        description="The whole amount, counted on the first day.",
        json_schema_extra=ui(N_("Amount ($)"), kind="money", unit="USD", start=0.0),
    )


class Pathway(_Model):
    """An option the family is weighing: stages in order."""

    name: str = Field(
        min_length=1, max_length=60, description="A short name for the option.", json_schema_extra=ui(N_("Name"))
    )
    stages: tuple[Stage, ...] = Field(
        min_length=1, max_length=6, description="The stages, in order.", json_schema_extra=ui(N_("Stages"))
    )
    other_costs: tuple[OtherCost, ...] = Field(
        (), max_length=20, description="Costs the family adds.", json_schema_extra=ui(N_("Other costs"))
    )


class Scenario(_Model):
    """Everything the calculator needs; any ``None`` comes from the assumptions library."""

    start_date: dt.date = Field(
        description="First day of treatment, YYYY-MM-DD (2000-01-01 to 2100-12-31).",
        json_schema_extra=ui(
            N_("Treatment would start on"),
            N_("The first day of treatment. Plan years and school weeks follow the calendar from here."),
        ),
    )
    household: Household = Field(
        Household(),
        description="The patient's work, pay, leave and family.",
        json_schema_extra=ui(N_("Work and family")),
    )
    insurance: Insurance = Field(
        Insurance(), description="The plan's cost-sharing.", json_schema_extra=ui(N_("Insurance"))
    )
    options: tuple[Pathway, ...] = Field(
        min_length=2,
        max_length=4,
        description="The treatment pathways the family is weighing.",
        json_schema_extra=ui(N_("The programs you are weighing")),
    )
    assumption_overrides: dict[str, float] = Field(
        default_factory=dict,
        description="Assumption key -> value for this scenario only.",
        json_schema_extra=ui(N_("Assumptions changed for this scenario")),
    )

    @model_validator(mode="after")
    def _dates(self) -> Scenario:
        if not dt.date(2000, 1, 1) <= self.start_date <= dt.date(2100, 12, 31):
            raise ValueError("start_date must be between 2000-01-01 and 2100-12-31")
        return self
