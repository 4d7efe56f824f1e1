"""The model: what each treatment pathway costs a family, day by day, for N draws at once.

Every result is an ``(N, D)`` array (draws by calendar days from the start date), so one call
prices a single scenario (N = 1) or ten thousand variations of it with the same arithmetic.

Components of what the family gives up (all in USD, never negative):

- ``treatment``: the family's share of treatment charges (deductible, copays, coinsurance up
  to the out-of-pocket maximum), balance bills, self-pay days and admission fees;
- ``lodging_meals``: the patient's housing and meals when the program does not include them
  and the patient is not at home, plus the family's hotel nights and meals for visits;
- ``childcare``: paid care for the hours no one in the household can cover;
- ``lost_income``: wages not replaced by paid time off or disability benefits, the patient's
  and a partner's;
- ``travel``: driving, fares and parking;
- ``other``: drug testing, medication and costs the user adds.

``out_of_pocket`` is everything but lost income; ``family_total`` is all six.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import insurance as ins
from .assumptions import AssumptionSet
from .resolve import (
    ResolvedHousehold,
    ResolvedPlan,
    ResolvedStage,
    Resolver,
    resolve_household,
    resolve_plan,
    resolve_stage,
    resolve_travel,
)
from .scenario import Scenario
from .timeline import (
    first_true,
    plan_year_segments,
    schedule_mask,
    take_within,
    week_sums,
    weekdays,
)

COMPONENTS = ("treatment", "lodging_meals", "childcare", "lost_income", "travel", "other")
OUT_OF_POCKET = ("treatment", "lodging_meals", "childcare", "travel", "other")
COMPONENT_LABELS = {
    "treatment": "Treatment (your share)",
    "lodging_meals": "Lodging and meals",
    "childcare": "Childcare",
    "lost_income": "Lost income",
    "travel": "Travel",
    "other": "Other",
}
#: Days in an average month (365 / 12), to turn monthly rents into a daily cost.
DAYS_PER_MONTH = 365.0 / 12.0
SUNDAY = 6


@dataclass
class OptionArrays:
    """Everything computed for one pathway: ``(N, D)`` arrays keyed by name."""

    name: str
    stages: list[ResolvedStage]
    stage_masks: list[np.ndarray]
    length_days: np.ndarray
    detail: bool = True
    lines: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Simulation:
    """All options of one scenario over the same day grid."""

    scenario: Scenario
    assumptions: AssumptionSet
    n: int
    options: list[OptionArrays]
    defaults_used: dict[str, set[str]]

    def totals(self, name: str) -> np.ndarray:
        """``(N, options)`` totals of line ``name`` over the whole pathway."""
        return np.stack([o.lines[name].sum(axis=1) for o in self.options], axis=1)


def simulate(
    scenario: Scenario,
    assumptions: AssumptionSet,
    variations: Mapping[str, np.ndarray] | None = None,
    n: int = 1,
    detail: bool = True,
) -> Simulation:
    """Run the model for every option of ``scenario`` over ``n`` draws.

    Parameters
    ----------
    scenario : Scenario
        The family, plan and options.
    assumptions : AssumptionSet
        The library (the scenario's own overrides are applied here).
    variations : mapping of str to (n,) arrays, optional
        Values replacing scenario fields (by path, e.g. ``"household.pay_usd_per_hour"``) or
        library figures (by key) draw by draw; see :mod:`calculator.resolve`.
    n : int
        Number of draws.
    detail : bool
        Also keep the lines behind the explanations and logistics (billed, deductible, hours,
        visits, ...). Batch runs that need only the totals turn this off.
    """
    if scenario.assumption_overrides:
        assumptions = assumptions.with_overrides(scenario.assumption_overrides)
    r = Resolver(scenario, assumptions, variations or {}, n)
    plan = resolve_plan(r)
    household = resolve_household(r)
    travel = resolve_travel(r)
    resolved = [
        [resolve_stage(r, i, j, stage) for j, stage in enumerate(option.stages)]
        for i, option in enumerate(scenario.options)
    ]
    options = []
    for i, stages in enumerate(resolved):
        # Each option gets its own day grid, as long as its longest draw, in whole weeks.
        longest = int(np.max(sum(s.length_days for s in stages)))
        grid = _Grid(scenario, n, max(7, -(-longest // 7) * 7))
        options.append(
            _simulate_option(scenario.options[i].name, i, stages, grid, plan, household, travel, scenario, r, detail)
        )
    return Simulation(scenario, assumptions, n, options, r.defaults_used)


class _Grid:
    def __init__(self, scenario: Scenario, n: int, n_days: int):
        self.n = n
        self.n_days = n_days
        self.day = np.arange(n_days)
        self.weekday = weekdays(scenario.start_date, n_days)
        ins_ = scenario.insurance
        self.plan_year = plan_year_segments(
            scenario.start_date, n_days, ins_.plan_year_renews_month, ins_.plan_year_renews_day
        )
        self.calendar_year = plan_year_segments(scenario.start_date, n_days, 1, 1)
        self.weekday_mask = np.broadcast_to(self.weekday < 5, (n, n_days))

    def zeros(self) -> np.ndarray:
        return np.zeros((self.n, self.n_days))

    def flags(self) -> np.ndarray:
        return np.zeros((self.n, self.n_days), dtype=bool)


def _simulate_option(
    name: str,
    option_index: int,
    stages: list[ResolvedStage],
    g: _Grid,
    plan: ResolvedPlan,
    hh: ResolvedHousehold,
    tr: dict[str, np.ndarray],
    scenario: Scenario,
    r: Resolver,
    detail: bool,
) -> OptionArrays:
    n = g.n
    day = g.day[None, :]
    start = np.zeros(n)
    masks = []
    programs = []  # billable program days of each stage (every day in residential levels)
    for s in stages:
        end = start + s.length_days
        m = (day >= start[:, None]) & (day < end[:, None])
        masks.append(m)
        programs.append(m if s.stage.is_residential else m & schedule_mask(s.days_per_week, g.weekday))
        start = end
    total_days = start
    active = day < total_days[:, None]
    out = OptionArrays(name=name, stages=stages, stage_masks=masks, length_days=total_days, detail=detail)
    L = out.lines

    # ---- where the patient is each day -------------------------------------------------
    away = g.flags()  # sleeping at the program or near it, not at home
    session = g.flags()  # an outpatient program day while living at home
    outpatient = g.flags()  # an outpatient program day, wherever the patient sleeps
    evening = g.flags()  # ... held in the evening
    away_from_job = g.flags()  # too far from home to work the usual job at all
    unable_to_work = g.flags()  # full-time care: disability benefits can apply
    program_day = g.flags()  # billable program day (every day in residential levels)
    hours_today = g.zeros()  # hours in treatment
    round_trip_hours = g.zeros()  # patient's commute on outpatient days
    for s, m, sched in zip(stages, masks, programs, strict=True):
        st = s.stage
        if st.is_residential:
            away |= m
            away_from_job |= m
            unable_to_work |= m
            program_day |= m
            hours_today += m * 24.0
            continue
        program_day |= sched
        outpatient |= sched
        hours_today += sched * s.hours_per_day[:, None]
        if st.session_time == "evening":
            evening |= sched
        if st.level == "php":
            unable_to_work |= m
        if st.patient_lodging == "home":
            session |= sched
            round_trip_hours += sched * (2.0 * s.one_way_minutes / 60.0)[:, None]
        else:
            # Lodging is chosen near the program, so there is no daily commute; whether the
            # usual job is still reachable depends on how far home (and the job) is.
            away |= m
            far = s.one_way_minutes > tr["overnight_drive_threshold_minutes"]
            away_from_job |= m & far[:, None]

    _treatment(out, stages, masks, programs, g, plan, scenario)
    _lodging_and_travel(out, stages, masks, programs, g, tr)
    _childcare(out, g, hh, away, session, evening, hours_today, round_trip_hours, active)
    _income(out, g, hh, away_from_job, unable_to_work, outpatient, evening, hours_today, round_trip_hours, scenario)
    _other(out, stages, masks, g, scenario, option_index, r)

    if detail:
        L["nights_away"] = away.astype(float)
        L["treatment_hours"] = hours_today
        L["program_days"] = program_day.astype(float)
        L["patient_travel_hours"] = round_trip_hours
    L["lost_income"] = L["patient_lost_wages"] + L["partner_lost_wages"]
    L["treatment"] = L["patient_share"] + L["balance_bill"] + L["self_pay"] + L["admission_fees"]
    L["lodging_meals"] = L["patient_lodging"] + L["patient_meals"] + L["family_lodging"] + L["family_meals"]
    L["out_of_pocket"] = sum(L[c] for c in OUT_OF_POCKET)
    L["family_total"] = L["out_of_pocket"] + L["lost_income"]
    return out


# ---- 1. treatment --------------------------------------------------------------------------


def _treatment(out: OptionArrays, stages, masks, programs, g: _Grid, plan: ResolvedPlan, scenario: Scenario) -> None:
    billed = g.zeros()
    covered = g.flags()
    in_net = g.flags()
    residential_level = g.flags()
    psychiatric = g.flags()
    admission_fees = g.zeros()
    copay_day_owed = g.zeros()
    copay_admission_owed = g.zeros()
    has_copays = bool(np.any(plan.copay_per_day_usd) or np.any(plan.copay_per_admission_usd))
    cash_parts = []  # (days, cash price per day): priced only if some day turns out self-pay
    previous_residential = False
    for s, m, billable in zip(stages, masks, programs, strict=True):
        days_per_week = 7.0 if s.stage.is_residential else s.days_per_week
        per_program_day = s.price_per_program_day_usd + s.price_per_week_usd / days_per_week
        count = billable.sum(axis=1)
        first_day = m & (np.cumsum(m, axis=1) == 1)
        # A flat program fee is spread over the stage's program days (on its first day when
        # the stage has none), so authorization and plan-year rules treat it like day rates.
        fee_per_day = np.where(count > 0, s.program_fee_usd / np.maximum(count, 1), 0.0)
        day_price = per_program_day + fee_per_day
        cash_rate = s.cash_price_usd_per_day if s.cash_price_usd_per_day is not None else day_price
        if (count > 0).all():
            charge_days = billable
        else:
            charge_days = np.where((count == 0)[:, None], first_day, billable)
            day_price = np.where(count == 0, s.program_fee_usd, day_price)
            cash_rate = np.where(count == 0, s.program_fee_usd, cash_rate)
        billed += charge_days * day_price[:, None]
        if np.isinf(s.authorized_days).all():
            covered |= charge_days
        else:
            covered |= charge_days & (np.cumsum(charge_days, axis=1) <= s.authorized_days[:, None])
        cash_parts.append((charge_days, cash_rate))
        if s.stage.in_network:
            in_net |= charge_days
        if np.any(s.admission_fee_usd):
            admission_fees += first_day * s.admission_fee_usd[:, None]
        if s.stage.is_residential:
            residential_level |= m
            if s.stage.freestanding_psychiatric_hospital:
                psychiatric |= m
            if has_copays and not previous_residential:
                copay_admission_owed += first_day * plan.copay_per_admission_usd[:, None]
        if has_copays:
            copay_day_owed += charge_days * plan.copay_per_day_usd[:, None]
        previous_residential = s.stage.is_residential

    L = out.lines
    detail = out.detail
    parts = {k: g.zeros() for k in ("allowed", "deductible", "copay", "coinsurance", "saved_by_cap")} if detail else {}
    insurer = g.zeros()
    patient = g.zeros()
    balance = g.zeros()
    self_pay_days = billed > 0  # every charged day starts as self-pay; covered days are removed below
    reserve_days = None
    if plan.kind == "commercial":
        any_out_of_network = any(not s.stage.in_network for s in stages)
        tiers = [("in", covered & in_net)]
        if plan.oon_covered and any_out_of_network:
            tiers.append(("out", covered & ~in_net))
        for tier, mask in tiers:
            if tier == "in":
                allowed = billed * mask
                share = ins.commercial(
                    allowed,
                    (copay_day_owed * mask, copay_admission_owed * mask) if has_copays else None,
                    g.plan_year,
                    deductible=plan.deductible_usd,
                    deductible_met=plan.deductible_met_usd,
                    coinsurance=plan.coinsurance_fraction,
                    oop_max=plan.oop_max_usd,
                    oop_met=plan.oop_met_usd,
                    copay_before_deductible=scenario.insurance.copay_before_deductible,
                )
            else:
                allowed = billed * plan.oon_allowed_fraction[:, None] * mask
                share = ins.commercial(
                    allowed,
                    None,
                    g.plan_year,
                    deductible=plan.oon_deductible_usd,
                    deductible_met=plan.oon_deductible_met_usd,
                    coinsurance=plan.oon_coinsurance_fraction,
                    oop_max=plan.oon_oop_max_usd,
                    oop_met=plan.oon_oop_met_usd,
                    copay_before_deductible=False,
                )
                if scenario.insurance.out_of_network.balance_billing:
                    balance += (billed - allowed) * mask
            insurer += share["insurer"]
            patient += share["patient"]
            self_pay_days &= ~mask
            if detail:
                parts["allowed"] += allowed
                parts["deductible"] += share["deductible"]
                parts["copay"] += share["copay"]
                parts["coinsurance"] += share["coinsurance"]
                parts["saved_by_cap"] += share["before_cap"] - share["patient"]
    elif plan.kind == "medicare":
        part_a_days = covered & in_net & residential_level
        a = ins.medicare_part_a(billed * part_a_days, part_a_days, part_a_days & psychiatric, plan.medicare)
        part_b_days = covered & in_net & ~residential_level
        b = ins.medicare_part_b(billed * part_b_days, g.calendar_year, plan.medicare)
        insurer += a["insurer"] + b["insurer"]
        patient += a["patient"] + b["patient"]
        self_pay_days &= ~(a["covered"] | part_b_days)
        reserve_days = a["reserve_day"]
        if detail:
            parts["allowed"] += billed * (a["covered"] | part_b_days)
            parts["deductible"] += a["deductible"] + b["deductible"]
            parts["coinsurance"] += a["coinsurance"] + b["coinsurance"]
    # Self-pay: days past authorization, out-of-network days the plan does not cover, days
    # Medicare no longer covers, and everything for the uninsured. The cash price is both the
    # allowed amount and the family's share.
    if self_pay_days.any():
        cash = g.zeros()
        for days, cash_rate in cash_parts:
            cash += days * cash_rate[:, None]
        self_pay = cash * self_pay_days
    else:
        self_pay = g.zeros()

    L["insurer_paid"] = insurer
    L["patient_share"] = patient
    L["balance_bill"] = balance
    L["self_pay"] = self_pay
    L["admission_fees"] = admission_fees
    if detail:
        L["billed"] = billed + admission_fees
        L["allowed"] = parts["allowed"] + self_pay
        for k in ("deductible", "copay", "coinsurance", "saved_by_cap"):
            L[k] = parts[k]
        L["self_pay_days"] = self_pay_days.astype(float)
        L["medicare_reserve_days"] = reserve_days.astype(float) if reserve_days is not None else g.zeros()


# ---- 2 and 5. lodging, meals and travel ----------------------------------------------------


def _trip_cost(s: ResolvedStage, tr: dict[str, np.ndarray], travellers: np.ndarray) -> np.ndarray:
    """Cost of one round trip to the program [USD], shape ``(N,)``."""
    mode = s.stage.travel_mode
    if mode == "car":
        return 2.0 * s.distance_miles * tr["car_cost_usd_per_mile"] + tr["parking_usd_per_trip"]
    if mode == "transit":
        return 2.0 * tr["transit_fare_usd_per_ride"] * travellers
    return tr["flight_round_trip_usd_per_trip"] * travellers


def _lodging_and_travel(out: OptionArrays, stages, masks, programs, g: _Grid, tr) -> None:
    L = out.lines
    zero = g.zeros
    patient_lodging, patient_meals = zero(), zero()
    family_lodging, family_meals = zero(), zero()
    travel, family_travel_hours = zero(), zero()
    visits, family_days, partner_hours = zero(), zero(), zero()
    one = np.ones(g.n)
    previous_away = False
    for k, (s, m, sched) in enumerate(zip(stages, masks, programs, strict=True)):
        st = s.stage
        away_stage = st.is_residential or st.patient_lodging != "home"
        first_day = m & (np.cumsum(m, axis=1) == 1)
        last_day = m & (np.cumsum(m[:, ::-1], axis=1)[:, ::-1] == 1)
        next_away = k + 1 < len(stages) and (
            stages[k + 1].stage.is_residential or stages[k + 1].stage.patient_lodging != "home"
        )
        trip = _trip_cost(s, tr, one)
        hours_per_trip = 2.0 * s.one_way_minutes / 60.0
        if away_stage:
            # Taking the patient in and bringing them home: one trip each way for the family
            # (a flight is one ticket there and one back: half a round trip each).
            transfer = trip * (0.5 if st.travel_mode == "flight" else 1.0)
            if not previous_away:
                travel += first_day * transfer[:, None]
                family_travel_hours += first_day * hours_per_trip[:, None]
            if not next_away:
                travel += last_day * transfer[:, None]
                family_travel_hours += last_day * hours_per_trip[:, None]
        else:
            travel += sched * trip[:, None]
        if st.is_residential:
            if not st.includes_lodging:
                patient_lodging += m * tr["hotel_usd_per_night"][:, None]
            if not st.includes_meals:
                patient_meals += m * tr["meals_usd_per_day"][:, None]
            stage_day = np.cumsum(m, axis=1) - 1
            open_for_visits = m & (stage_day >= s.no_visit_days[:, None])
            overnight = (s.one_way_minutes > tr["overnight_drive_threshold_minutes"]) | (st.travel_mode == "flight")
            # Family-program days: the first weekdays once visiting opens.
            weekday_open = open_for_visits & g.weekday_mask
            fp = weekday_open & (np.cumsum(weekday_open, axis=1) <= s.family_program_days[:, None])
            # Visits: on each Sunday once visiting opens, visits_per_week of them (0.5 = every
            # other week), except on the last day (the family comes for the discharge then).
            sunday = open_for_visits & (g.weekday == SUNDAY)[None, :] & ~last_day
            v = sunday * s.visits_per_week[:, None]
            visitors = tr["visitors_per_visit"]
            group_trip = _trip_cost(s, tr, visitors)
            fp_first = fp & (np.cumsum(fp, axis=1) == 1)
            fp_trips = np.where(overnight[:, None], fp_first, fp)
            travel += (v + fp_trips) * group_trip[:, None]
            family_travel_hours += (v + fp_trips) * hours_per_trip[:, None]
            stay = overnight[:, None]
            family_lodging += np.where(stay, v + fp, 0.0) * tr["hotel_usd_per_night"][:, None]
            family_meals += np.where(stay, 2.0 * v + fp, 0.0) * (visitors * tr["meals_usd_per_day"])[:, None]
            visits += v
            family_days += fp
            partner_hours += fp * (tr["family_program_hours_per_day"] + hours_per_trip)[:, None]
        elif st.patient_lodging != "home":
            if st.patient_lodging == "sober_living":
                patient_lodging += m * (tr["sober_living_usd_per_month"] / DAYS_PER_MONTH)[:, None]
            elif st.patient_lodging == "rental":
                patient_lodging += m * (tr["rental_one_bedroom_usd_per_month"] / DAYS_PER_MONTH)[:, None]
            else:
                patient_lodging += m * tr["hotel_usd_per_night"][:, None]
                patient_meals += m * tr["meals_usd_per_day"][:, None]
        previous_away = away_stage
    L["patient_lodging"] = patient_lodging
    L["patient_meals"] = patient_meals
    L["family_lodging"] = family_lodging
    L["family_meals"] = family_meals
    L["travel"] = travel
    L["family_travel_hours"] = family_travel_hours
    L["visits"] = visits
    L["family_program_days"] = family_days
    L["_partner_program_hours"] = partner_hours


# ---- 3. childcare --------------------------------------------------------------------------


def _age_group(age: int) -> str:
    if age <= 1:
        return "infant"
    if age == 2:
        return "toddler"
    if age <= 4:
        return "preschool"
    return "school_age"


def _childcare(
    out, g: _Grid, hh: ResolvedHousehold, away, session, evening, hours_today, round_trip_hours, active
) -> None:
    L = out.lines
    cost = g.zeros()
    hours_arranged = g.zeros()
    L["childcare"] = cost
    L["childcare_hours"] = hours_arranged
    if hh.childcare is None:
        return
    c = hh.childcare
    weekday = g.weekday_mask
    outing = np.where(session, hours_today + round_trip_hours, 0.0)  # hours out for a session
    # Family help is available in every calendar week the pathway touches (a last, partial
    # week included) and covers all the children at once.
    help_w = hh.family_help_hours_per_week[:, None]
    first = True
    for age, school_week in zip(hh.children_ages, hh.school_hours_per_week, strict=True):
        if age > hh.childcare_max_age_years:
            continue
        # Hours the child is at school or in care already paid for, on weekdays.
        cover_today = np.where(weekday, (school_week / 5.0)[:, None], 0.0)
        need_away = np.where(away, 24.0 - cover_today, 0.0)
        # An evening session falls outside school and daycare; a daytime one needs care only
        # for the hours beyond them.
        need_session = np.where(evening, outing, np.maximum(outing - cover_today, 0.0))
        need = np.where(active, need_away + np.where(session, need_session, 0.0), 0.0)
        need_w = week_sums(need)
        uncovered_w = np.maximum(need_w - help_w, 0.0)
        rate = c["babysitter_usd_per_hour"] if first else c["babysitter_additional_child_usd_per_hour"]
        full_week = c[f"childcare_full_week_{_age_group(age)}_usd_per_week"]
        hourly_w = rate[:, None] * uncovered_w
        combined_w = full_week[:, None] + rate[:, None] * np.maximum(
            uncovered_w - c["childcare_full_week_hours"][:, None], 0.0
        )
        cost_w = np.where(uncovered_w > 0, np.minimum(hourly_w, combined_w), 0.0)
        # Spread each week's cost and hours over its days in proportion to the need.
        share = np.where(need_w > 0, 1.0 / np.where(need_w > 0, need_w, 1.0), 0.0)
        cost += need * np.repeat(cost_w * share, 7, axis=1)
        hours_arranged += need * np.repeat(uncovered_w * share, 7, axis=1)
        first = False


# ---- 4. lost income ------------------------------------------------------------------------


def _income(
    out,
    g: _Grid,
    hh: ResolvedHousehold,
    away_from_job,
    unable_to_work,
    outpatient,
    evening,
    hours_today,
    round_trip_hours,
    scenario,
) -> None:
    L = out.lines
    household = scenario.household
    schedule = household.work_schedule
    pay = hh.pay_usd_per_hour[:, None]
    shift = hh.shift_hours[:, None]
    workday = schedule_mask(np.full(g.n, float(household.work_days_per_week)), g.weekday) & (shift > 0)
    # A session collides with work when both are in the day or both in the evening; night
    # workers and people not working lose no shifts to outpatient care.
    if schedule == "day":
        collides = outpatient & ~evening
    elif schedule == "evening":
        collides = outpatient & evening
    else:
        collides = np.zeros_like(outpatient)
    missed = np.where(workday & away_from_job, shift, 0.0) + np.where(
        workday & collides & ~away_from_job, np.minimum(shift, hours_today + round_trip_hours), 0.0
    )
    pto_hours = take_within(np.cumsum(missed, axis=1), missed, hh.pto_hours[:, None])
    unpaid = (missed - pto_hours) * pay

    # Disability benefits: for full-time care (residential levels and PHP), when a clinician
    # would certify the patient unable to work, counted from the first such day, after the
    # waiting period and up to the longest duration.
    benefit = np.zeros_like(unpaid)
    if hh.std is not None or hh.state_program is not None:
        first_day = first_true(unable_to_work)
        since = g.day[None, :] - first_day[:, None]
        benefit_w = np.zeros((g.n, g.n_days // 7))
        eligible_any = np.zeros_like(unpaid)
        for program in (hh.std, hh.state_program):
            if program is None:
                continue
            eligible = (
                unable_to_work
                & (since >= program["waiting_days"][:, None])
                & (since < program["waiting_days"][:, None] + 7.0 * program["max_weeks"][:, None])
            )
            base_w = week_sums(np.where(eligible, unpaid, 0.0))
            if program is hh.std:
                paid_w = np.minimum(program["fraction"][:, None] * base_w, program["weekly_cap"][:, None])
            else:
                weekly_wage = hh.pay_usd_per_hour * hh.work_hours_per_week
                weekly_benefit = np.minimum(
                    program["first_fraction"] * np.minimum(weekly_wage, program["first_limit"])
                    + program["upper_fraction"] * np.maximum(weekly_wage - program["first_limit"], 0.0),
                    program["weekly_max"],
                )
                fraction = np.where(weekly_wage > 0, weekly_benefit / np.where(weekly_wage > 0, weekly_wage, 1.0), 0.0)
                paid_w = np.minimum(fraction[:, None] * base_w, weekly_benefit[:, None])
            # Employer plans and state programs are coordinated: the family gets the larger.
            benefit_w = np.maximum(benefit_w, paid_w)
            eligible_any = np.where(eligible, unpaid, eligible_any)
        base_w = week_sums(eligible_any)
        share = np.where(base_w > 0, benefit_w / np.where(base_w > 0, base_w, 1.0), 0.0)
        benefit = eligible_any * np.repeat(share, 7, axis=1)

    partner_pay = hh.partner_pay_usd_per_hour[:, None]
    partner_shift = hh.partner_shift_hours[:, None]
    partner_hours = np.zeros_like(unpaid)
    # A partner misses work for family-program days (weekdays) and, if they drive the patient
    # to daytime sessions, for the session and the drive.
    partner_hours += np.minimum(partner_shift, L.pop("_partner_program_hours"))
    if household.partner_drives_to_sessions:
        partner_hours += np.where(
            outpatient & ~evening & g.weekday_mask & (round_trip_hours > 0),
            np.minimum(partner_shift, hours_today + round_trip_hours),
            0.0,
        )

    L["patient_lost_wages"] = unpaid - benefit
    L["partner_lost_wages"] = partner_hours * partner_pay
    if out.detail:
        L["missed_work_hours"] = missed
        L["missed_wages"] = missed * pay
        L["pto_hours"] = pto_hours
        L["pto_pay"] = pto_hours * pay
        L["disability_benefit"] = benefit
        L["partner_hours_off"] = partner_hours
        L["scheduled_work_hours"] = np.where(workday & (g.day[None, :] < out.length_days[:, None]), shift, 0.0)


# ---- 6. other ------------------------------------------------------------------------------


def _other(out, stages, masks, g: _Grid, scenario: Scenario, option_index: int, r: Resolver) -> None:
    per_stage = g.zeros()
    for s, m in zip(stages, masks, strict=True):
        per_stage += m * ((s.drug_testing_usd_per_week + s.medication_usd_per_week) / 7.0)[:, None]
    added = g.zeros()
    for j, cost in enumerate(scenario.options[option_index].other_costs):
        added[:, 0] += r.fixed(f"options[{option_index}].other_costs[{j}].amount_usd", cost.amount_usd)
    out.lines["other_stage"] = per_stage
    out.lines["other_added"] = added
    out.lines["other"] = per_stage + added
