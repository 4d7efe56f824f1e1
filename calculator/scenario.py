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

from .dayparts import WEEK_HOURS
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
    "medicare_advantage": N_("Medicare Advantage"),
    "medigap": N_("Medicare with a supplement (Medigap)"),
    "medicare_medicaid": N_("Medicare and Medicaid"),
    "medicaid": N_("Medicaid"),
    "uninsured": N_("No insurance (self-pay)"),
}
PLAN_TYPES = tuple(PLAN_LABELS)
#: Plan types that follow Original Medicare's Part A and Part B rules (alone, with Medigap or
#: with Medicaid paying some or all of the cost sharing).
ORIGINAL_MEDICARE_PLANS = frozenset({"medicare", "medigap", "medicare_medicaid"})
#: Every plan type for a person on Medicare.
MEDICARE_PLANS = ORIGINAL_MEDICARE_PLANS | {"medicare_advantage"}
#: The standardized Medigap plans (Massachusetts, Minnesota and Wisconsin have their own).
MEDIGAP_LABELS = {
    "A": N_("Plan A"),
    "B": N_("Plan B"),
    "C": N_("Plan C (only if eligible for Medicare before 2020)"),
    "D": N_("Plan D"),
    "F": N_("Plan F (only if eligible for Medicare before 2020)"),
    "G": N_("Plan G"),
    "K": N_("Plan K"),
    "L": N_("Plan L"),
    "M": N_("Plan M"),
    "N": N_("Plan N"),
}
MEDIGAP_PLANS = tuple(MEDIGAP_LABELS)
#: Medigap plans that pay the Part B deductible: no longer sold to people new to Medicare from 2020.
PART_B_DEDUCTIBLE_PLANS = frozenset({"C", "F"})
DUAL_LABELS = {
    "qmb": N_("QMB: Medicaid pays all Medicare cost sharing"),
    "full": N_("Full Medicaid, not QMB: Medicaid pays the cost sharing, small copays"),
    "premium_only": N_("Help with premiums only (SLMB, QI): no help with cost sharing"),
}
IMD_LABELS = {
    "not_asked": N_("Not known yet"),
    "16_or_fewer": N_("16 beds or fewer"),
    "over_16_covered": N_("More than 16 beds, and Medicaid pays (state waiver)"),
    "over_16_not_covered": N_("More than 16 beds, and Medicaid will not pay"),
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

#: Postal codes are their own labels.
STATE_LABELS = {code: code for code in STATES}

Money = Annotated[float, Field(ge=0, le=10_000_000)]
Fraction = Annotated[float, Field(ge=0, le=1)]

_RESIDENTIAL = N_("Residential levels.")
_OUTPATIENT = N_("Outpatient levels.")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True)


class Child(_Model):
    """A child the patient looks after, and the care the child already has."""

    age_years: int = Field(
        ge=0, le=17, description="Age in whole years.", json_schema_extra=ui(N_("Age (years)"), unit="years", start=5)
    )
    school_hours_per_week: float | None = Field(
        None,
        ge=0,
        le=60,
        description="Hours a week the child is at school (weekday daytime); default: the school week for ages "
        "5 and up, none below.",
        json_schema_extra=ui(
            N_("Hours a week at school"),
            N_("Weekday daytime hours at school or preschool. Leave empty: a school week from age 5, none below."),
            kind="number",
            unit="hours/week",
            empty=N_("library school week from age 5; none below"),
        ),
    )
    paid_care_hours_per_week: float | None = Field(
        None,
        ge=0,
        le=60,
        description="Hours a week of paid care already arranged (day care, after-school care, a sitter) that the "
        "family keeps paying whichever option it chooses; it falls in the part of the day the patient works. "
        "Default: the patient's work hours plus the commute, less school, when the patient works; none otherwise.",
        json_schema_extra=ui(
            N_("Hours a week in paid care already arranged"),
            N_(
                "Day care, after-school care or a sitter you already pay for and keep paying: no option is "
                "charged for these hours again. Leave empty: your work hours plus the commute, less school."
            ),
            kind="number",
            unit="hours/week",
            empty=N_("the patient's work hours plus the commute, less school, if the patient works; none otherwise"),
        ),
    )


class FamilyHelp(_Model):
    """Unpaid help with the children (a partner, relatives, friends), by part of the day."""

    weekday_daytime_hours_per_week: float = Field(
        0,
        ge=0,
        le=WEEK_HOURS["daytime"],
        description="Hours a week of help on weekdays between 08:00 and 18:00 (at most 50).",
        json_schema_extra=ui(
            N_("Weekday daytime (hours a week)"),
            N_("08:00 to 18:00, Monday to Friday: at most 50 hours."),
            kind="number",
            unit="hours/week",
        ),
    )
    weekday_evening_hours_per_week: float = Field(
        0,
        ge=0,
        le=WEEK_HOURS["evening"],
        description="Hours a week of help on weekday evenings, 18:00 to 23:00 (at most 25).",
        json_schema_extra=ui(
            N_("Weekday evenings (hours a week)"),
            N_("18:00 to 23:00, Monday to Friday: at most 25 hours."),
            kind="number",
            unit="hours/week",
        ),
    )
    night_hours_per_week: float = Field(
        0,
        ge=0,
        le=WEEK_HOURS["night"],
        description="Hours a week of help at night, 23:00 to 08:00, any day (at most 63).",
        json_schema_extra=ui(
            N_("Nights (hours a week)"),
            N_("23:00 to 08:00, every night: at most 63 hours."),
            kind="number",
            unit="hours/week",
        ),
    )
    weekend_hours_per_week: float = Field(
        0,
        ge=0,
        le=WEEK_HOURS["weekend"],
        description="Hours a week of help on Saturday and Sunday, 08:00 to 23:00 (at most 30).",
        json_schema_extra=ui(
            N_("Weekend days (hours a week)"),
            N_("08:00 to 23:00, Saturday and Sunday: at most 30 hours."),
            kind="number",
            unit="hours/week",
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
    paid_with_after_tax_premiums: StrictBool = Field(
        False,
        description="The worker paid the premiums with after-tax money, so the benefit is not taxed "
        "(an employer-paid plan's benefit is taxable).",
        json_schema_extra=ui(
            N_("I pay the premiums myself, after tax"),
            N_("Then the benefit is not taxed. A plan your employer pays for is taxed like wages."),
        ),
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
    family_help: FamilyHelp = Field(
        FamilyHelp(),
        description="Unpaid help with the children, by part of the day: each part's hours cover only that part.",
        json_schema_extra=ui(N_("Who else can look after the children, and when")),
    )
    family_help_hours_per_week: float = Field(
        0,
        ge=0,
        le=168,
        description="Hours a week of unpaid help available at any time of day, on top of family_help "
        "(used where it saves most).",
        json_schema_extra=ui(
            N_("Other help at any time of day (hours a week)"),
            N_("Someone who can come whenever needed. Help tied to a time of day goes above. A week has 168 hours."),
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
    benefit_order: Literal["best", "pto_first", "state_first"] = Field(
        "best",
        description="Whether paid time off or the state benefit is used first for missed work; "
        "best: the order that brings in more benefit money.",
        json_schema_extra=ui(
            N_("Paid time off or the state benefit first"),
            N_(
                "Where a state pays during medical leave, claiming its benefit first keeps paid time off for later. "
                "The best order is the one that brings the family more benefit money."
            ),
            option_labels={
                "best": N_("Whichever leaves the family better off"),
                "pto_first": N_("Paid time off first"),
                "state_first": N_("State benefit first, paid time off for the unpaid days"),
            },
        ),
    )
    voluntary_leave_insurance: StrictBool = Field(
        False,
        description="Has the voluntary paid family and medical leave insurance sold in Vermont or New Hampshire.",
        json_schema_extra=ui(
            N_("Has Vermont or New Hampshire paid-leave insurance"),
            N_("Those states' plans are voluntary: they pay only if you or your employer bought one."),
        ),
    )
    partner_family_leave: StrictBool = Field(
        True,
        description="A partner can claim the state's paid family leave to care for the patient, where the state has it.",
        json_schema_extra=ui(
            N_("A partner can claim the state's paid family leave"),
            N_(
                "In states with paid family leave, it can replace part of a partner's pay for days off to drive, "
                "visit or attend family sessions."
            ),
        ),
    )
    lose_whole_shift: StrictBool | None = Field(
        None,
        description="A session that overlaps a shift costs the whole shift, not only the hours that collide; "
        "default: yes for evening shifts, no for daytime work.",
        json_schema_extra=ui(
            N_("A session that overlaps a shift costs the whole shift"),
            N_("Many evening and shift jobs cannot be left for a few hours. Leave empty: yes for evening work."),
            empty=N_("yes for an evening schedule; no otherwise (only the hours that collide)"),
        ),
    )
    driving_cost: Literal["running_cost", "irs_business_rate"] = Field(
        "running_cost",
        description="How a mile of driving is priced: running_cost, the fuel and upkeep of a car the family "
        "already owns; irs_business_rate, the IRS business rate (the whole cost of owning a car).",
        json_schema_extra=ui(
            N_("Price each mile driven at"),
            N_("The car is owned whichever option you choose, so its running cost is what an extra mile costs."),
            option_labels={
                "running_cost": N_("What it costs to run a car you own (fuel, upkeep)"),
                "irs_business_rate": N_("The IRS business rate (the whole cost of owning a car)"),
            },
        ),
    )
    count_food_at_home: StrictBool = Field(
        True,
        description="Count the groceries not bought for the patient while the patient eats away from home "
        "(at a program that includes meals, or on meals already counted).",
        json_schema_extra=ui(
            N_("Count the food not bought at home while the patient is away"),
            N_("A residential program feeds the patient, so the household buys less food. Shown either way."),
        ),
    )

    @model_validator(mode="after")
    def _pay_matches_basis(self) -> Household:
        if self.pay_basis == "salary" and self.salary_usd_per_year is None and self.work_schedule != "not_working":
            raise ValueError("salary_usd_per_year is required when pay_basis is 'salary'")
        return self


class Taxes(_Model):
    """The household's tax return, for the after-tax view (an estimate, not tax advice)."""

    filing_status: Literal["single", "married_joint", "head_of_household"] | None = Field(
        None,
        description="Federal filing status; default: married filing jointly when a partner's pay is given, head "
        "of household with children, single otherwise.",
        json_schema_extra=ui(
            N_("Filing status"),
            option_labels={
                "single": N_("Single"),
                "married_joint": N_("Married filing jointly"),
                "head_of_household": N_("Head of household"),
            },
            empty=N_("married filing jointly with a partner's pay; head of household with children; single"),
        ),
    )
    other_income_usd_per_year: Money | None = Field(
        None,
        description="Other income on the same return a year (a spouse's pay, interest); default: the partner's "
        "pay for a full-time year when filing jointly, none otherwise.",
        json_schema_extra=ui(
            N_("Other income on the same tax return, a year ($)"),
            N_("A spouse's pay when filing jointly, interest, a second job."),
            kind="money",
            unit="USD/year",
            empty=N_("the partner's pay for a full-time year when filing jointly; none otherwise"),
        ),
    )
    hsa_fsa_usd: Money = Field(
        0,
        description="Money in a health savings account or flexible spending account to pay these costs with.",
        json_schema_extra=ui(
            N_("Money in an HSA or FSA for these costs ($)"),
            N_("Costs paid from it were paid with pre-tax dollars."),
            kind="money",
            unit="USD",
        ),
    )
    other_itemized_deductions_usd: Money = Field(
        0,
        description="Other itemized deductions a year (mortgage interest, state and local taxes, gifts), for the "
        "medical-expense deduction estimate.",
        json_schema_extra=ui(
            N_("Other itemized deductions, a year ($)"),
            N_("Mortgage interest, state and local taxes, gifts to charity: they decide whether itemizing helps."),
            kind="money",
            unit="USD/year",
        ),
    )


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


class MedicareAdvantage(_Model):
    """A Medicare Advantage plan's terms (from its Summary of Benefits), in network unless said."""

    network: Literal["hmo", "ppo"] = Field(
        "hmo",
        description="hmo: the plan pays nothing out of network except emergencies; ppo: out of network costs more.",
        json_schema_extra=ui(
            N_("Kind of plan"),
            N_("An HMO pays only its network (except emergencies); a PPO also pays out of network, at a higher share."),
            option_labels={"hmo": N_("HMO (network only)"), "ppo": N_("PPO (out of network costs more)")},
        ),
    )
    inpatient_copay_usd_per_day: Money | None = Field(
        None,
        description="Copay for each day of an inpatient psychiatric (residential-level) stay, days 1 to N.",
        json_schema_extra=ui(
            N_("Inpatient psychiatric copay per day ($)"),
            N_("From the plan's Summary of Benefits, for example $395 a day for days 1-6."),
            kind="money",
            unit="USD/day",
            empty=N_("library estimate"),
        ),
    )
    inpatient_copay_days: int | None = Field(
        None,
        ge=0,
        le=190,
        description="The copay is owed on days 1 to this day of each stay; later days cost nothing.",
        json_schema_extra=ui(
            N_("Days of each stay with that copay"),
            N_("Later days of the stay cost $0."),
            unit="days",
            empty=N_("library estimate"),
        ),
    )
    outpatient_copay_usd_per_day: Money | None = Field(
        None,
        description="Copay for each PHP, IOP or outpatient program day (session).",
        json_schema_extra=ui(
            N_("PHP, IOP or outpatient copay per day ($)"),
            kind="money",
            unit="USD/day",
            empty=N_("none"),
        ),
    )
    outpatient_coinsurance_fraction: Fraction | None = Field(
        None,
        description="Share of each PHP, IOP or outpatient program day's allowed amount (after any copay).",
        json_schema_extra=ui(
            N_("PHP, IOP or outpatient coinsurance (%)"),
            N_("Leave empty when the plan charges a copay instead."),
            kind="percent",
            unit="fraction",
            empty=N_("none when a copay is given; otherwise a library estimate"),
        ),
    )
    moop_usd: Money | None = Field(
        None,
        description="The plan's in-network maximum out of pocket (MOOP) for the calendar year.",
        json_schema_extra=ui(
            N_("In-network maximum out of pocket for the year ($)"),
            N_("CMS caps it each year; most plans set a lower one."),
            kind="money",
            unit="USD",
            empty=N_("library: median plan, up to the CMS limit"),
        ),
    )
    moop_met_usd: Money = Field(
        0,
        description="In-network cost sharing already counted toward the maximum this calendar year.",
        json_schema_extra=ui(N_("Already spent toward that maximum ($)"), kind="money", unit="USD"),
    )
    combined_moop_usd: Money | None = Field(
        None,
        description="PPO: the maximum for in- and out-of-network cost sharing together, a calendar year.",
        json_schema_extra=ui(
            N_("PPO: maximum in and out of network together ($)"),
            kind="money",
            unit="USD",
            empty=N_("library: the CMS limit"),
        ),
    )

    @model_validator(mode="after")
    def _met_within(self) -> MedicareAdvantage:
        if self.moop_usd is not None and self.moop_met_usd > self.moop_usd:
            raise ValueError("moop_met_usd cannot exceed moop_usd")
        if self.moop_usd is not None and self.combined_moop_usd is not None and self.combined_moop_usd < self.moop_usd:
            raise ValueError("combined_moop_usd cannot be below moop_usd (it covers in-network care too)")
        return self


class Medigap(_Model):
    """A Medicare supplement (Medigap) policy: which standardized plan, and its yearly figures."""

    plan: Literal[MEDIGAP_PLANS] = Field(
        "G",
        description="The standardized Medigap plan letter.",
        json_schema_extra=ui(
            N_("Medigap plan"),
            N_("The letter on the policy. Plans C and F are sold only to people eligible for Medicare before 2020."),
            option_labels=MEDIGAP_LABELS,
        ),
    )
    eligible_before_2020: StrictBool = Field(
        False,
        description="The person was eligible for Medicare before January 1, 2020 (needed for Plans C and F).",
        json_schema_extra=ui(N_("Eligible for Medicare before 2020")),
    )
    plan_n_copay_usd_per_visit: Money | None = Field(
        None,
        description="Plan N: the copay for each standard outpatient (office) visit.",
        json_schema_extra=ui(
            N_("Plan N: copay per office visit ($)"),
            N_("Plan N leaves a copay of up to $20 for some office visits."),
            kind="money",
            unit="USD",
            empty=N_("library: up to $20"),
        ),
    )
    oop_limit_usd: Money | None = Field(
        None,
        description="Plans K and L: the yearly limit on what the person pays, after which the plan pays all.",
        json_schema_extra=ui(
            N_("Plans K and L: yearly out-of-pocket limit ($)"),
            kind="money",
            unit="USD",
            empty=N_("library: the limit for the year"),
        ),
    )
    oop_met_usd: Money = Field(
        0,
        description="Plans K and L: amount already counted toward that limit this calendar year.",
        json_schema_extra=ui(N_("Plans K and L: already counted toward the limit ($)"), kind="money", unit="USD"),
    )

    @model_validator(mode="after")
    def _plan_allowed(self) -> Medigap:
        if self.plan in PART_B_DEDUCTIBLE_PLANS and not self.eligible_before_2020:
            raise ValueError(
                f"Medigap Plan {self.plan} is sold only to people eligible for Medicare before 2020: "
                "set eligible_before_2020 = true, or choose Plan G (or D)"
            )
        if self.oop_limit_usd is not None and self.oop_met_usd > self.oop_limit_usd:
            raise ValueError("oop_met_usd cannot exceed oop_limit_usd")
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
    medicare_advantage: MedicareAdvantage = Field(
        MedicareAdvantage(),
        description="Medicare Advantage: the plan's terms.",
        json_schema_extra=ui(N_("Medicare Advantage terms")),
    )
    medigap: Medigap = Field(
        Medigap(),
        description="Medicare with a supplement: the Medigap plan.",
        json_schema_extra=ui(N_("Medigap policy")),
    )
    dual_status: Literal[tuple(DUAL_LABELS)] = Field(
        "qmb",
        description="Medicare and Medicaid: what Medicaid pays (qmb, full or premium_only).",
        json_schema_extra=ui(
            N_("What Medicaid pays"),
            N_("On the Medicaid or Medicare Savings Program notice. QMB: no Medicare cost sharing at all."),
            option_labels=DUAL_LABELS,
        ),
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
    single_case_agreement: StrictBool = Field(
        False,
        description="Out of network, but the plan agreed to pay this program at in-network terms "
        "(a single-case agreement).",
        json_schema_extra=ui(
            N_("Single-case agreement (out of network, paid as in network)"),
            N_(
                "The insurer agreed in writing to pay this program as if it were in network, usually when no "
                "suitable in-network program is available. Get the agreement's days and rate in writing."
            ),
        ),
    )
    medicaid_beds: Literal[tuple(IMD_LABELS)] = Field(
        "not_asked",
        description="Medicaid, residential levels: the facility's size (over 16 beds may be an Institution "
        "for Mental Diseases that Medicaid does not pay for adults 21-64 without a state waiver).",
        json_schema_extra=ui(
            N_("Medicaid: beds at the facility"),
            N_(
                "Medicaid may not pay for adults 21 to 64 in a mental-health or addiction facility with more than "
                "16 beds (an 'Institution for Mental Diseases') unless the state has a waiver."
            ),
            option_labels=IMD_LABELS,
        ),
    )
    sliding_scale_discount_fraction: Fraction | None = Field(
        None,
        description="Share of the cash price the program takes off for this family (its sliding fee scale).",
        json_schema_extra=ui(
            N_("Sliding-scale discount (%)"),
            N_("Many programs lower the self-pay price by income. Ask the program for its sliding fee scale."),
            kind="percent",
            unit="fraction",
            empty=N_("none (a state- or grant-funded place: no charge)"),
        ),
    )
    state_funded: StrictBool = Field(
        False,
        description="A state- or grant-funded (for example SAMHSA block grant) place: the grant pays what "
        "insurance does not, less the family's sliding-scale share.",
        json_schema_extra=ui(
            N_("State- or grant-funded place"),
            N_(
                "Programs funded by the state or a federal block grant treat people who cannot pay, at reduced or "
                "no cost. The family pays only its sliding-scale share (enter the discount; empty: no charge)."
            ),
        ),
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
    taxes: Taxes = Field(
        Taxes(), description="The household's tax return, for the after-tax view.", json_schema_extra=ui(N_("Taxes"))
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
