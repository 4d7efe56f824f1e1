"""The resolved inputs: what :func:`calculator.resolve.resolve` hands the engine.

Every record is frozen and holds numbers only: the scenario's own values where the family gave
them, the library's figures (in force on the dates of care) where it did not. Numeric inputs are
arrays over draws, shape ``(N,)`` (N = 1 for a plain comparison; the analysis varies some of
them draw by draw); a figure whose value changes during the care is a :class:`Dated`. Choices
(levels, schedules, yes/no terms) stay plain Python values. The engine reads nothing else: no
scenario, no library, no lookups in the middle of its arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .leave_formulas import FormulaTerms

Array = np.ndarray


@dataclass(frozen=True, slots=True)
class Dated:
    """A figure whose value can change during the care (a new calendar year, plan year, July 1 cap).

    Attributes
    ----------
    values : (N, K) array
        The K values the figure takes in the window, per draw [the figure's unit].
    index : (D,) or (N, D) int array
        Which of the K values is in force on each day of the calendar: one row for every draw,
        or a row per draw when each draw has its own start date (a caseload, see
        :class:`Calendar`).
    """

    values: Array
    index: Array

    def on_days(self, n_days: int) -> Array:
        """Value on each of the first ``n_days`` days, shape ``(N, n_days)``."""
        if self.values.shape[1] == 1:
            return self.values
        if self.index.ndim == 2:
            return np.take_along_axis(self.values, self.index[:, :n_days], axis=1)
        return self.values[:, self.index[:n_days]]

    def at(self, day: Array) -> Array:
        """Value on one day per draw (``day`` an ``(N,)`` int array), shape ``(N,)``.

        A day past the calendar (an event that never happens) takes the last day's value.
        """
        rows = np.arange(self.values.shape[0])
        last = self.index.shape[-1] - 1
        d = np.clip(day.astype(int), 0, last)
        k = self.index[rows, d] if self.index.ndim == 2 else self.index[d]
        return self.values[rows, k]

    @property
    def first(self) -> Array:
        """The value on the first day, shape ``(N,)``."""
        if self.index.ndim == 2:
            return self.values[np.arange(self.values.shape[0]), self.index[:, 0]]
        return self.values[:, self.index[0]]


@dataclass(frozen=True, slots=True)
class Calendar:
    """The days of care, from the start date, in whole weeks (the longest option).

    ``plan_year`` and ``calendar_year`` number each day's plan year and calendar year from 0
    (the year the first day falls in); ``weekday`` is each day's weekday (Monday = 0). Each is
    ``(D,)`` when every draw starts on ``start_date``, or ``(N, D)`` when each draw has its own
    start date (a caseload run through :func:`calculator.resolve.resolve` with a ``start_date``
    variation; ``start_date`` is then the scenario's, and ``starts`` holds each draw's own start
    date as a ``datetime.date.toordinal()`` number). ``np.atleast_2d`` gives either as rows
    that broadcast against ``(N, D)`` arrays.
    """

    start_date: dt.date
    n_days: int
    weekday: Array
    plan_year: Array
    calendar_year: Array
    starts: Array | None = None

    def head(self, n_days: int) -> Calendar:
        """The first ``n_days`` days (an option shorter than the longest)."""
        return Calendar(
            start_date=self.start_date,
            n_days=n_days,
            weekday=self.weekday[..., :n_days],
            plan_year=self.plan_year[..., :n_days],
            calendar_year=self.calendar_year[..., :n_days],
            starts=self.starts,
        )

    def start_of(self, draw: int) -> dt.date:
        """The first day of care of draw ``draw`` (for the numbers behind a line: draw 0)."""
        return self.start_date if self.starts is None else dt.date.fromordinal(int(self.starts[draw]))


@dataclass(frozen=True, slots=True, kw_only=True)
class StageInputs:
    """One stage of a pathway: its shape, price, schedule and travel, as arrays over draws.

    ``price_per_program_day_usd``, ``price_per_week_usd`` and ``program_fee_usd`` are the price
    on its basis (only one is non-zero); ``cash_price_usd_per_day`` is ``None`` when the cash
    price is the price itself. ``authorized_days`` is ``inf`` when every day is authorized.
    ``single_case_agreement``: an out-of-network program paid at in-network terms.
    ``payer_declines``: the plan pays nothing at this program, and why (``"imd"``: Medicaid and
    an Institution for Mental Diseases). ``sliding_scale_discount_fraction``: the share taken
    off the cash price of self-pay days (``None``: none). ``state_funded``: a state or grant
    program pays the self-pay days less the family's share.
    """

    index: int
    level: str
    residential: bool
    session_time: str
    patient_lodging: str
    travel_mode: str
    in_network: bool
    includes_lodging: bool
    includes_meals: bool
    freestanding_psychiatric_hospital: bool
    has_authorization_limit: bool
    price_from: str  # "entered", "library" or "medicare_per_diem"
    length_days: Array
    days_per_week: Array
    hours_per_day: Array
    price_per_program_day_usd: Array
    price_per_week_usd: Array
    program_fee_usd: Array
    admission_fee_usd: Array
    cash_price_usd_per_day: Array | None
    authorized_days: Array
    distance_miles: Array
    one_way_minutes: Array
    visits_per_week: Array
    no_visit_days: Array
    family_program_days: Array
    drug_testing_usd_per_week: Array
    medication_usd_per_week: Array
    single_case_agreement: bool = False
    payer_declines: str | None = None  # why the payer pays nothing here: "imd", or None
    sliding_scale_discount_fraction: Array | None = None
    state_funded: bool = False

    @property
    def away_from_home(self) -> bool:
        """The patient sleeps at the program or near it."""
        return self.residential or self.patient_lodging != "home"


@dataclass(frozen=True, slots=True)
class OtherCost:
    label: str
    amount_usd: Array


@dataclass(frozen=True, slots=True)
class OptionInputs:
    """A pathway the family is weighing: its stages in order and costs the family added."""

    name: str
    stages: tuple[StageInputs, ...]
    other_costs: tuple[OtherCost, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AdvantageTerms:
    """A Medicare Advantage plan, in network: per-day inpatient copays, outpatient cost sharing, MOOP.

    ``moop_usd`` and ``combined_moop_usd`` are :class:`Dated` over calendar years when they come
    from the library, ``(N,)`` arrays otherwise (``inf`` for an HMO's combined maximum).
    """

    network: str  # "hmo" or "ppo"
    inpatient_copay_usd_per_day: Array
    inpatient_copay_days: Array
    outpatient_copay_usd_per_day: Array
    outpatient_coinsurance_fraction: Array
    moop_usd: Array | Dated
    moop_met_usd: Array
    combined_moop_usd: Array | Dated


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementTerms:
    """Who pays Original Medicare's cost sharing besides the family, and what share of each part.

    ``kind`` is ``"medigap"``, ``"qmb"``, ``"full_dual"`` or ``"premium_only"``. The four
    fractions are the shares of the Part A deductible, Part A daily coinsurance, Part B deductible
    and Part B coinsurance the supplement pays. ``office_copay_usd_per_visit``: what Plan N leaves
    to the family on each standard outpatient visit. ``oop_limit_usd``: Plans K and L's yearly
    limit (``inf`` for other plans), :class:`Dated` over calendar years when from the library.
    ``medicaid_copay_*``: a full dual's Medicaid copays, owed instead of Medicare's cost sharing.
    """

    kind: str
    plan: str | None
    part_a_deductible_fraction: float
    part_a_coinsurance_fraction: float
    part_b_deductible_fraction: float
    part_b_coinsurance_fraction: float
    office_copay_usd_per_visit: Array
    oop_limit_usd: Array | Dated
    oop_met_usd: Array
    medicaid_copay_per_day_usd: Array
    medicaid_copay_per_admission_usd: Array


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanTerms:
    """In-network cost sharing. ``kind`` picks the rules: commercial, medicare,
    medicare_advantage or uninsured.

    ``deductible_usd`` and ``oop_max_usd`` are :class:`Dated` over plan years when they come from
    the library (a plan-year figure such as the ACA limit), plain ``(N,)`` arrays otherwise.
    ``advantage`` holds a Medicare Advantage plan's terms; ``supplement`` what pays Original
    Medicare's cost sharing besides the family (Medigap, Medicaid), if anything.
    """

    plan_type: str
    kind: str
    deductible_usd: Array | Dated
    deductible_met_usd: Array
    coinsurance_fraction: Array
    copay_per_day_usd: Array
    copay_per_admission_usd: Array
    copay_before_deductible: bool
    oop_max_usd: Array | Dated
    oop_met_usd: Array
    advantage: AdvantageTerms | None = None
    supplement: SupplementTerms | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutOfNetworkTerms:
    """Out-of-network cost sharing; ``covered`` False means out-of-network days are self-pay."""

    covered: bool
    balance_billing: bool
    allowed_fraction: Array
    deductible_usd: Array
    deductible_met_usd: Array
    coinsurance_fraction: Array
    oop_max_usd: Array
    oop_met_usd: Array


@dataclass(frozen=True, slots=True, kw_only=True)
class MedicareTerms:
    """Original Medicare's Part A and Part B amounts (in force on each day) and the history.

    The history (``part_a_deductible_met``, ``benefit_period_days_used``) describes the benefit
    period the first inpatient day falls in, unless that day opens a new one.
    """

    part_a_deductible_usd: Dated
    part_a_deductible_met: Array
    day_61_90_usd_per_day: Dated
    reserve_day_usd_per_day: Dated
    full_coverage_days: Array
    coinsurance_days_end: Array
    reserve_days_left: Array
    psychiatric_limit_days: Array
    psychiatric_days_used: Array
    benefit_period_days_used: Array
    part_b_deductible_usd: Dated
    part_b_deductible_met_usd: Array
    part_b_coinsurance_fraction: Array
    #: Days in a row out of hospital after which the next inpatient day opens a new benefit
    #: period (``None``: the stay never starts a new one).
    new_period_after_days: Array | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DisabilityTerms:
    """Employer short-term disability insurance."""

    replacement_fraction: Array
    waiting_days: Array
    weekly_cap_usd: Array
    max_weeks: Array


#: Waiting days a program never pays back.
NEVER = np.inf


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgramRow:
    """One dated row of a state program: its formula and the rules of its waiting period and length.

    Attributes
    ----------
    program : str
        The program's name (``"Temporary Disability Insurance (TDI)"``).
    effective_from : date
        The day the row's numbers take effect.
    due : date or None
        The day a newer row was due and is not in the library (the row is then used past it);
        ``None`` when nothing is due yet or a newer row exists.
    formula : FormulaTerms
        The weekly benefit rule (:func:`calculator.leave_formulas.weekly_benefit`).
    waiting_days : int
        Unpaid days at the start of a claim [days].
    waiting_paid_back_after_days : float
        The waiting days are paid back once the leave lasts this many days [days]; ``inf``: never.
    waiting_counts_toward_max : bool
        The unpaid days count toward ``max_weeks`` (Maine, Massachusetts).
    max_weeks : float
        Longest benefit per claim [weeks].
    intermittent : str
        ``"no"`` (whole days of full-time leave only), ``"hours"`` (missed hours are paid, each
        day at least ``intermittent_min_hours``) or ``"days"`` (whole work days only).
    """

    program: str
    effective_from: dt.date
    due: dt.date | None
    formula: FormulaTerms
    waiting_days: int
    waiting_paid_back_after_days: float
    waiting_counts_toward_max: bool
    max_weeks: float
    intermittent: str
    intermittent_min_hours: float


@dataclass(frozen=True, slots=True, kw_only=True)
class StateProgramTerms:
    """A state program that replaces wages: the worker's own illness, or a partner's family care.

    ``rows`` are the program's dated rows; ``row_index`` says which is in force on each day of the
    calendar (the claim uses the row in force on its first day). No benefit is paid for a day
    before ``pays_from_day`` (a program that starts paying during the care: Maine from
    2026-05-01); ``pays_from_day`` is the calendar length or more when it never pays in the window.
    With a calendar per draw (:class:`Calendar`), ``row_index`` is ``(N, D)`` and
    ``pays_from_day`` an ``(N,)`` int array, each draw's from its own start date.
    """

    state: str
    kind: str  # "own_illness" or "family_care"
    rows: tuple[ProgramRow, ...]
    row_index: Array
    pays_from_day: int | Array

    @property
    def program(self) -> str:
        """The name of the row in force on the first day (draw 0's)."""
        return self.rows[int(np.atleast_2d(self.row_index)[0, 0])].program


@dataclass(frozen=True, slots=True, kw_only=True)
class ChildInputs:
    """A child under the age for paid care, and the care the child already has.

    ``school_hours_per_week`` fall on weekday daytimes; ``paid_care_hours_per_week`` (care the
    family already pays for and keeps paying) on weekdays in ``paid_care_part`` (the part of the
    day the patient works, see :mod:`calculator.dayparts`). ``paid_care_assumed``: the paid care
    is the default (work hours plus the commute, less school), not the family's own figure.
    """

    age_years: int
    age_group: str
    school_hours_per_week: Array
    paid_care_hours_per_week: Array
    paid_care_part: str
    paid_care_assumed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class HouseholdInputs:
    """The patient's work, pay and leave, the children who need care, and a partner's time.

    ``family_help_hours_per_week`` is help at any time of day; ``family_help_by_part`` help tied
    to a part of the day. ``lose_whole_shift``: a session that overlaps a shift costs the shift.
    """

    state: str | None
    work_schedule: str
    work_days_per_week: int
    pay_usd_per_hour: Array
    work_hours_per_week: Array
    paid_time_off_hours: Array
    disability: DisabilityTerms | None
    state_program: StateProgramTerms | None
    children: tuple[ChildInputs, ...]
    family_help_hours_per_week: Array
    partner_pay_usd_per_hour: Array
    partner_shift_hours: Array
    partner_drives_to_sessions: bool
    #: The family's choice of order: "best", "pto_first" or "state_first".
    benefit_order: str = "pto_first"
    #: A partner's state family-leave program (caring for the patient), when they can claim it.
    partner_family_leave: StateProgramTerms | None = None
    #: A partner's usual paid hours a week [hours] (their weekly wage for the family-leave formula).
    partner_hours_per_week: Array | None = None
    #: Unpaid help by part of the day (:data:`calculator.dayparts.PARTS`) [hours/week], ``(N,)`` each.
    family_help_by_part: Mapping[str, Array] = field(default_factory=dict)
    lose_whole_shift: bool = False

    @property
    def shift_hours(self) -> Array:
        """Hours in one work day [hours], shape ``(N,)``."""
        return self.work_hours_per_week / self.work_days_per_week


@dataclass(frozen=True, slots=True, kw_only=True)
class Prices:
    """Travel, lodging, food and child-care prices. A price the scenario never uses is zero.

    ``hotel_usd_per_night``, ``meals_usd_per_day``, ``car_cost_usd_per_mile`` and
    ``medical_mileage_usd_per_mile`` are :class:`Dated` (the federal rates they come from change
    on their own dates). ``car_cost_usd_per_mile`` is the running cost of a car the family owns
    or the IRS business rate, as ``car_rate`` says. Child-care prices already include the
    state's price index (``childcare_state_index``, 1 when the library has none for the state).
    ``food_at_home_usd_per_week`` is credited for each day the patient eats away, in the total
    when ``count_food_at_home``. ``medical_lodging_cap_usd_per_night`` limits lodging counted as
    a medical expense.
    """

    car_cost_usd_per_mile: Dated
    car_rate: str  # "running_cost" or "irs_business_rate": which figure car_cost_usd_per_mile is
    medical_mileage_usd_per_mile: Dated
    parking_usd_per_trip: Array
    transit_fare_usd_per_ride: Array
    flight_round_trip_usd_per_trip: Array
    hotel_usd_per_night: Dated
    meals_usd_per_day: Dated
    sober_living_usd_per_month: Array
    rental_usd_per_month: Array
    overnight_threshold_minutes: Array
    visitors_per_visit: Array
    family_program_hours_per_day: Array
    sitter_usd_per_hour: Array
    sitter_additional_child_usd_per_hour: Array
    full_week_care_usd_per_week: Mapping[str, Array]
    full_week_care_hours: Array
    childcare_state_index: float | None
    food_at_home_usd_per_week: Array
    count_food_at_home: bool
    medical_lodging_cap_usd_per_night: Array


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxSchedule:
    """A bracket schedule: ``rates[i]`` applies to taxable income from ``starts_usd[i]`` up to the
    next start [USD/year, fractions]; ``deduction_usd`` is taken off income first (the standard
    deduction, plus a state's personal exemption)."""

    starts_usd: Array
    rates: Array
    deduction_usd: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxYear:
    """The tax law of one calendar year of care.

    ``figures_year`` is the year whose published figures are used: the latest in the library
    when ``year``'s are not published yet. ``federal`` is the household's filing status;
    ``federal_single`` a partner's own return when the couple does not file jointly. ``state``
    is ``None`` where the library has no table for the state (no state tax counted).
    """

    year: int
    figures_year: int
    federal: TaxSchedule
    federal_single: TaxSchedule
    state: TaxSchedule | None
    state_figures_year: int | None
    social_security_wage_base_usd: Array


@dataclass(frozen=True, slots=True, kw_only=True)
class BenefitTaxes:
    """How a benefit is taxed: federal income tax (``"taxable"``, ``"partly"``: taxable to the
    extent the employer paid for it, counted here as taxable in full, or ``"exempt"``), state
    income tax and Social Security and Medicare tax (both yes/no)."""

    federal: str
    state: bool
    payroll: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxInputs:
    """The household's return and the law, for the after-tax view (an estimate).

    Amounts a year [USD/year], arrays over draws: the patient's wages for a full year at the
    usual hours, a partner's (used for a partner's own return, or already inside
    ``other_income_usd_per_year`` when filing jointly), and other income on the return.
    """

    filing_status: str
    filing_status_assumed: bool
    joint: bool
    state: str | None
    wages_usd_per_year: Array
    partner_wages_usd_per_year: Array
    other_income_usd_per_year: Array
    social_security_tax_fraction: Array
    medicare_tax_fraction: Array
    additional_medicare_tax_fraction: Array
    additional_medicare_threshold_usd: Array
    medical_floor_fraction: Array
    hsa_fsa_usd: Array
    other_itemized_usd: Array
    employer_benefit: BenefitTaxes
    state_benefit: BenefitTaxes
    state_benefit_source: str  # "table" or "rule" (no row: Rev. Rul. 2025-4's general rule)
    years: tuple[TaxYear, ...]


@dataclass(frozen=True, slots=True)
class FigureUse:
    """A library figure the scenario relied on: which fields it filled, and whether it is current.

    ``not_current_from`` is the first day of care for which the library holds no current value
    (a yearly figure whose next value is not published yet); the latest value was used.
    ``value_starts`` are the dates the values used took effect. ``structural`` figures shape the
    arithmetic itself (the age until which children need paid
    care) and are read once, so the analysis never varies them draw by draw.
    """

    key: str
    paths: tuple[str, ...]
    not_current_from: dt.date | None = None
    structural: bool = False
    value_starts: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs:
    """Everything the engine needs for one scenario and N draws."""

    n: int
    calendar: Calendar
    options: tuple[OptionInputs, ...]
    plan: PlanTerms
    out_of_network: OutOfNetworkTerms
    medicare: MedicareTerms | None
    household: HouseholdInputs
    prices: Prices
    taxes: TaxInputs
    figures_used: Mapping[str, FigureUse]
