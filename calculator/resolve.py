"""Resolve a scenario once: the family's own numbers, and the library's where it left a field empty.

:func:`resolve` returns :class:`calculator.inputs.Inputs`, frozen records of arrays over N
draws, and the list of library figures it used. Each numeric input is looked up in this order:

1. a variation of the scenario field itself (``"options[0].stages[0].length_days"``);
2. the value the user entered in the scenario;
3. a variation of the library figure the field defaults to (``"residential_price_usd_per_day"``);
4. the library's typical value in force on the dates of care (after the scenario's overrides).

So uncertainty draws (which vary library keys) move only the figures the user left to the
library, while break-even curves (which vary field paths) move the user's own inputs too.

A library figure is read on the start date, except where the rules date it: Medicare's amounts
and the federal travel rates on each day of care, a plan's preset deductible and maximum by plan
year, a state program's numbers when the claim starts (:class:`calculator.inputs.Dated`). Past
the latest published value the latest is used, and :class:`~calculator.inputs.FigureUse` says
from which day.

The start date itself can vary draw by draw (a caseload of clients who start on different days):
a ``start_date`` variation holds each draw's start as a ``datetime.date.toordinal()`` number.
Each draw then has its own calendar (weekdays, plan years, calendar years) and reads every
library figure on its own dates, exactly as the scenario would with that start date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import numpy as np

from . import keys as K
from . import leave_programs
from . import paths as P
from .assumptions import AssumptionSet
from .dayparts import SCHEDULE_PART
from .inputs import (
    AdvantageTerms,
    BenefitTaxes,
    Calendar,
    ChildInputs,
    Dated,
    DisabilityTerms,
    FigureUse,
    HouseholdInputs,
    Inputs,
    MedicareTerms,
    OptionInputs,
    OtherCost,
    OutOfNetworkTerms,
    PlanTerms,
    Prices,
    StageInputs,
    StateProgramTerms,
    SupplementTerms,
    TaxInputs,
    TaxSchedule,
    TaxYear,
)
from .insurance import MEDIGAP_BENEFITS
from .scenario import MEDICARE_PLANS, ORIGINAL_MEDICARE_PLANS, RESIDENTIAL_LEVELS, Scenario, Stage
from .timeline import plan_year_segments, plan_year_segments_rows, weekdays

INF = np.inf
#: The state programs table in ``assumptions/``.
STATE_PROGRAMS = "state_leave_programs"
STATE_CHILDCARE = "childcare_by_state"
#: The after-tax view's tables: federal brackets and standard deductions by tax year and filing
#: status, state brackets, and how each state's benefit is taxed.
FEDERAL_INCOME_TAX = "federal_income_tax"
STATE_INCOME_TAX = "state_income_tax"
BENEFIT_TAXES = "benefit_taxes"
#: How the commute figure's use is named beside the paid-care field it fills (not a field itself).
COMMUTE_USE = "(work hours plus the commute)"

#: The variation that gives each draw its own start date (ordinals, see the module docstring).
START_DATE = "start_date"


class StructuralFigureVaries(ValueError):
    """A figure that shapes the arithmetic takes different values on the draws' start dates.

    Raised only when the start date varies draw by draw; run the draws apart, grouped by
    ``values`` (the figure on each draw's start date).
    """

    def __init__(self, key: str, values: np.ndarray):
        super().__init__(f"{key} differs between the start dates of the draws; run them apart")
        self.key = key
        self.values = values


def resolve(
    scenario: Scenario,
    library: AssumptionSet,
    variations: Mapping[str, np.ndarray | float] | None = None,
    n: int = 1,
) -> Inputs:
    """Every number the engine needs for ``scenario``, as arrays over ``n`` draws.

    Parameters
    ----------
    scenario : Scenario
    library : AssumptionSet
        The assumptions library; the scenario's own overrides are applied here.
    variations : mapping of str to (n,) arrays, optional
        Values replacing scenario fields (by path) or library figures (by key) draw by draw.
    n : int
        Number of draws.
    """
    if scenario.assumption_overrides:
        library = library.with_overrides(scenario.assumption_overrides)
    ctx = _Context(scenario, library, dict(variations or {}), n)
    ctx.calendar = _calendar(scenario, ctx)
    # Checked first: draws that start under different tax law are run apart before any work.
    tax_law_date = _tax_law_date(ctx)
    options = tuple(_option(ctx, o) for o in range(len(scenario.options)))
    plan = _plan(ctx)
    return Inputs(
        n=n,
        calendar=ctx.calendar,
        options=options,
        plan=plan,
        out_of_network=_out_of_network(ctx, plan.kind),
        medicare=_medicare(ctx) if plan.kind == "medicare" else None,
        household=_household(ctx),
        prices=_prices(ctx),
        taxes=_taxes(ctx, tax_law_date),
        figures_used=ctx.figures_used(),
    )


# ---- looking numbers up ------------------------------------------------------------------------


class _Context:
    """Looks inputs up for N draws, and records which library figures were used, for what."""

    def __init__(self, scenario: Scenario, library: AssumptionSet, variations: dict, n: int):
        self.scenario = scenario
        self.library = library
        self.variations = variations
        self.n = n
        self.calendar: Calendar | None = None
        self._used: dict[str, set[str]] = {}
        self._not_current: dict[str, dt.date] = {}
        self._structural: set[str] = set()
        self._starts: dict[str, set[dt.date]] = {}
        starts = variations.pop(START_DATE, None)
        #: Each draw's start date as an ordinal, or None when every draw starts on the scenario's.
        self.starts = None if starts is None else np.broadcast_to(np.asarray(starts, dtype=np.int64), (n,))

    # -- plain values over draws

    def array(self, values: np.ndarray | float) -> np.ndarray:
        arr = np.asarray(values, dtype=float)
        if arr.ndim == 0:
            return np.full(self.n, float(arr))
        if arr.shape != (self.n,):
            raise ValueError(f"a variation has shape {arr.shape}, expected ({self.n},)")
        return arr

    def varied(self, path: str) -> bool:
        return path in self.variations

    def fixed(self, path: str, value: float) -> np.ndarray:
        """An input with a fixed default (not a library figure), still open to variation."""
        return self.array(self.variations[path]) if path in self.variations else np.full(self.n, float(value))

    def number(
        self,
        path: str,
        value: float | None,
        key: str | None = None,
        convert: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> np.ndarray:
        """The input at ``path`` on the start date, shape ``(N,)``.

        ``convert`` turns the figure's unit into the field's (weeks to days); it is not applied
        to a value the user gave for the field itself.
        """
        if path in self.variations:
            return self.array(self.variations[path])
        if value is not None:
            return np.full(self.n, float(value))
        if key is None:
            raise ValueError(f"{path} has no value and no default")
        base = self.figure(key, path)
        return convert(base) if convert else base

    def structural(self, key: str) -> float:
        """A figure that shapes the arithmetic itself, read once on the start date (never varied)."""
        self._structural.add(key)
        self._used.setdefault(key, set()).add(key)
        fig = self.library[key]
        if self.starts is not None:
            return self._structural_rows(key, fig)
        self._note_currency(key, fig, self.scenario.start_date)
        self._starts.setdefault(key, set()).add(fig.in_force(self.scenario.start_date).start)
        return float(fig.typical_on(self.scenario.start_date))

    def figure(self, key: str, used_for: str | None = None) -> np.ndarray:
        """Library figure ``key`` in force on the start date, shape ``(N,)``."""
        if self.starts is not None:
            return self.dated_rows(key, used_for, self.starts[:, None]).first
        return self.dated(key, used_for, anchors=(self.scenario.start_date,), index=None).first

    # -- values that change during the care

    def dated(
        self,
        key: str,
        used_for: str | None = None,
        *,
        anchors: tuple[dt.date, ...] | None = None,
        index: np.ndarray | None = None,
    ) -> Dated:
        """Library figure ``key`` over the calendar.

        With no ``anchors``, the value in force on each day. With ``anchors`` (one date per
        period) and ``index`` (each day's period), the value in force on each period's first day:
        a plan year's terms are those in force when the plan year began.
        """
        if self.starts is not None and anchors is None:
            return self.dated_rows(key, used_for, None)
        self._used.setdefault(key, set()).add(used_for or key)
        fig = self.library[key]
        if anchors is None:
            anchors, index = self._day_anchors(fig)
        typical = np.array([fig.typical_on(a) for a in anchors])
        for a in anchors:
            self._note_currency(key, fig, a)
            self._starts.setdefault(key, set()).add(fig.in_force(a).start)
        if key in self.variations:
            drawn = self.array(self.variations[key])
            # A drawn value moves every period alike: the same share of each period's typical.
            ratio = np.where(typical[0] != 0, typical / (typical[0] or 1.0), 1.0)
            values = drawn[:, None] * ratio[None, :]
        else:
            values = np.broadcast_to(typical[None, :], (self.n, typical.size))
        return Dated(np.ascontiguousarray(values), np.zeros(1, dtype=int) if index is None else index)

    # -- each draw on its own start date

    def dated_rows(self, key: str, used_for: str | None, anchors: np.ndarray | None, index=None) -> Dated:
        """:meth:`dated` when each draw has its own start date.

        ``anchors`` is an ``(N, J)`` array of dates (ordinals), one per period of each draw, and
        ``index`` each draw's period on each day; with no ``anchors``, the value in force on each
        day of each draw's own calendar.
        """
        self._used.setdefault(key, set()).add(used_for or key)
        fig = self.library[key]
        value_starts = np.array([v.start.toordinal() for v in fig.values])
        typical = np.array([fig.typical_on(v.start) for v in fig.values])
        days = self.starts[:, None] + np.arange(self.calendar.n_days)[None, :] if anchors is None else anchors
        which = np.clip(np.searchsorted(value_starts, days, side="right") - 1, 0, len(fig.values) - 1)
        # The values some day falls under (the figure's values are few: count, do not sort).
        used = np.flatnonzero(np.bincount(which.ravel(), minlength=len(fig.values)))
        for k in used:
            self._starts.setdefault(key, set()).add(fig.values[int(k)].start)
        for on in (int(days.min()), int(days.max())):
            self._note_currency(key, fig, dt.date.fromordinal(on))
        if anchors is None:
            # Only the values some day falls under, numbered 0..K-1 (as the one-calendar path does).
            number = np.zeros(len(fig.values), dtype=np.int64)
            number[used] = np.arange(used.size)
            index = number[which]
            values = np.broadcast_to(typical[used][None, :], (self.n, used.size))
            first = typical[used][index[:, 0]]
        else:
            values = typical[which]
            first = values[:, 0]
        if key in self.variations:
            # A drawn value moves every period alike: the same share of each period's typical.
            drawn = self.array(self.variations[key])
            ratio = np.where(first[:, None] != 0, values / np.where(first != 0, first, 1.0)[:, None], 1.0)
            values = drawn[:, None] * ratio
        return Dated(np.ascontiguousarray(values), np.zeros(1, dtype=int) if index is None else index)

    def _structural_rows(self, key: str, fig) -> float:
        unique, inverse = np.unique(self.starts, return_inverse=True)
        on = [dt.date.fromordinal(int(o)) for o in unique]
        typical = np.array([fig.typical_on(d) for d in on])
        for d in (on[0], on[-1]):
            self._note_currency(key, fig, d)
        for d in on:
            self._starts.setdefault(key, set()).add(fig.in_force(d).start)
        if np.unique(typical).size > 1:
            raise StructuralFigureVaries(key, typical[inverse.reshape(-1)])
        return float(typical[0])

    def dated_number(self, path: str, value: float | None, key: str) -> Dated:
        """Like :meth:`number`, but a library value follows the dates of care."""
        if path in self.variations or value is not None:
            return self.constant(self.number(path, value))
        return self.dated(key, path)

    def constant(self, values: np.ndarray) -> Dated:
        return Dated(values[:, None], np.zeros(self.calendar.n_days if self.calendar else 1, dtype=int))

    def _day_anchors(self, fig) -> tuple[tuple[dt.date, ...], np.ndarray]:
        cal = self.calendar
        start = self.scenario.start_date
        if cal is None:
            return (start,), np.zeros(1, dtype=int)
        starts = np.array([v.start.toordinal() for v in fig.values])
        days = start.toordinal() + np.arange(cal.n_days)
        which = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, len(starts) - 1)
        kinds, index = np.unique(which, return_inverse=True)
        first_day = [int(np.argmax(which == k)) for k in kinds]
        anchors = tuple(start + dt.timedelta(days=d) for d in first_day)
        # The last period's currency is checked on the last day of care, not its first.
        last = start + dt.timedelta(days=cal.n_days - 1)
        self._note_currency(fig.key, fig, last)
        return anchors, index

    def _note_currency(self, key: str, fig, on: dt.date) -> None:
        if not fig.is_current(on):
            first = self._first_not_current(fig, on)
            if key not in self._not_current or first < self._not_current[key]:
                self._not_current[key] = first

    def _first_not_current(self, fig, on: dt.date) -> dt.date:
        start = self.scenario.start_date
        value = fig.in_force(on)
        until = fig.valid_until(value)
        first = until if until is not None and until <= on else on
        return max(first, start) if on >= start else on

    def figures_used(self) -> dict[str, FigureUse]:
        return {
            k: FigureUse(
                k,
                tuple(sorted(paths)),
                self._not_current.get(k),
                k in self._structural,
                tuple(sorted(self._starts.get(k, ()))),
            )
            for k, paths in sorted(self._used.items())
        }


# ---- the calendar -------------------------------------------------------------------------------


def _stage_length(ctx: _Context, o: int, s: int, stage: Stage) -> np.ndarray:
    path = P.stage(o, s, "length_days")
    weeks_to_days = None if stage.is_residential else (lambda x: x * 7.0)
    return np.maximum(np.rint(ctx.number(path, stage.length_days, K.length(stage.level), weeks_to_days)), 1.0)


def _calendar(scenario: Scenario, ctx: _Context) -> Calendar:
    longest = 7
    for o, option in enumerate(scenario.options):
        total = sum(_stage_length(ctx, o, s, st) for s, st in enumerate(option.stages))
        longest = max(longest, int(np.max(total)))
    n_days = -(-longest // 7) * 7
    ins = scenario.insurance
    if ctx.starts is not None:
        return _calendar_rows(scenario, ctx.starts, n_days)
    return Calendar(
        start_date=scenario.start_date,
        n_days=n_days,
        weekday=weekdays(scenario.start_date, n_days),
        plan_year=plan_year_segments(scenario.start_date, n_days, ins.plan_year_renews_month, ins.plan_year_renews_day),
        calendar_year=plan_year_segments(scenario.start_date, n_days, 1, 1),
    )


def _calendar_rows(scenario: Scenario, starts: np.ndarray, n_days: int) -> Calendar:
    """A calendar for each draw, from its own start date (``starts``: ordinals)."""
    ins = scenario.insurance
    return Calendar(
        start_date=scenario.start_date,
        n_days=n_days,
        # date.weekday() of ordinal o is (o + 6) % 7: ordinal 1, January 1 of year 1, was a Monday.
        weekday=(starts[:, None] + 6 + np.arange(n_days)[None, :]) % 7,
        plan_year=plan_year_segments_rows(starts, n_days, ins.plan_year_renews_month, ins.plan_year_renews_day),
        calendar_year=plan_year_segments_rows(starts, n_days, 1, 1),
        starts=starts,
    )


def _period_starts_rows(starts: np.ndarray, segments: np.ndarray, month: int, day: int) -> np.ndarray:
    """:func:`_period_starts` for each draw's own start date, as an ``(N, J)`` array of ordinals."""
    unique, inverse = np.unique(starts, return_inverse=True)
    periods = int(segments.max()) + 1
    table = np.array(
        [
            [d.toordinal() for d in _period_starts(dt.date.fromordinal(int(o)), np.array([periods - 1]), month, day)]
            for o in unique
        ]
    )
    return table[inverse.reshape(-1)]


def _period_starts(start: dt.date, segments: np.ndarray, month: int, day: int) -> tuple[dt.date, ...]:
    """The first day of each plan year the calendar touches (the first began before the start)."""
    renewal = dt.date(start.year, month, day)
    first = renewal if renewal <= start else dt.date(start.year - 1, month, day)
    return tuple(dt.date(first.year + k, month, day) for k in range(int(segments.max()) + 1))


# ---- treatment stages ----------------------------------------------------------------------------


def _option(ctx: _Context, o: int) -> OptionInputs:
    option = ctx.scenario.options[o]
    other = tuple(
        OtherCost(c.label, ctx.fixed(P.other_cost(o, k, "amount_usd"), c.amount_usd))
        for k, c in enumerate(option.other_costs)
    )
    return OptionInputs(option.name, tuple(_stage(ctx, o, s, st) for s, st in enumerate(option.stages)), other)


def _stage(ctx: _Context, o: int, s: int, stage: Stage) -> StageInputs:
    path = lambda name: P.stage(o, s, name)  # noqa: E731
    residential = stage.is_residential
    if residential:
        days_per_week, hours = np.full(ctx.n, 7.0), np.full(ctx.n, 24.0)
    else:
        days_per_week = ctx.number(path("days_per_week"), stage.days_per_week, K.days_per_week(stage.level))
        hours = ctx.number(path("hours_per_day"), stage.hours_per_day, K.hours_per_day(stage.level))
    per_day, per_week, program, price_from = _price(ctx, path("price_usd"), stage)
    distance = ctx.number(path("distance_miles"), stage.distance_miles, K.distance(residential))
    visits = _visit_inputs(ctx, path, stage)
    return StageInputs(
        index=s,
        level=stage.level,
        residential=residential,
        session_time=stage.session_time,
        patient_lodging=stage.patient_lodging,
        travel_mode=stage.travel_mode,
        in_network=stage.in_network,
        includes_lodging=stage.includes_lodging,
        includes_meals=stage.includes_meals,
        freestanding_psychiatric_hospital=stage.freestanding_psychiatric_hospital,
        has_authorization_limit=stage.authorized_days is not None or ctx.varied(path("authorized_days")),
        price_from=price_from,
        length_days=_stage_length(ctx, o, s, stage),
        days_per_week=np.clip(np.rint(days_per_week), 1.0, 7.0),
        hours_per_day=hours,
        price_per_program_day_usd=per_day,
        price_per_week_usd=per_week,
        program_fee_usd=program,
        admission_fee_usd=_admission_fee(ctx, path("admission_fee_usd"), stage),
        cash_price_usd_per_day=(
            ctx.number(path("cash_price_usd_per_day"), stage.cash_price_usd_per_day)
            if stage.cash_price_usd_per_day is not None or ctx.varied(path("cash_price_usd_per_day"))
            else None
        ),
        authorized_days=ctx.fixed(
            path("authorized_days"), INF if stage.authorized_days is None else float(stage.authorized_days)
        ),
        distance_miles=distance,
        one_way_minutes=_one_way_minutes(ctx, path, stage, distance),
        drug_testing_usd_per_week=ctx.fixed(path("drug_testing_usd_per_week"), stage.drug_testing_usd_per_week),
        medication_usd_per_week=ctx.fixed(path("medication_usd_per_week"), stage.medication_usd_per_week),
        **visits,
        **_stage_payer_terms(ctx, path, stage),
    )


def _price(ctx: _Context, path: str, stage: Stage) -> tuple[Dated, np.ndarray, np.ndarray, str]:
    """The stage's price on its basis: per program day (a Dated), per week, or for the stage."""
    zero = np.zeros(ctx.n)
    if stage.price_usd is None:
        if ctx.scenario.insurance.plan_type in MEDICARE_PLANS and stage.level in {"iop", "php"}:
            # Medicare pays hospital IOP/PHP a national per diem; its approved amount is what
            # the 20 % coinsurance applies to, whatever the hospital lists.
            return ctx.dated_number(path, None, K.medicare_per_diem(stage.level)), zero, zero, "medicare_per_diem"
        return ctx.dated_number(path, None, K.price(stage.level)), zero, zero, "library"
    price = ctx.number(path, stage.price_usd)
    # An outpatient program day is one session, so the two bases price the same way.
    per_day = price if stage.price_basis in {"per_day", "per_session"} else zero
    per_week = price if stage.price_basis == "per_week" else zero
    program = price if stage.price_basis == "program" else zero
    return ctx.constant(per_day), per_week, program, "entered"


def _admission_fee(ctx: _Context, path: str, stage: Stage) -> np.ndarray:
    if stage.admission_fee_usd is None and stage.level == "residential":
        return ctx.number(path, None, K.RESIDENTIAL_ADMISSION_FEE)
    return ctx.fixed(path, stage.admission_fee_usd or 0.0)


def _one_way_minutes(ctx: _Context, path, stage: Stage, distance: np.ndarray) -> np.ndarray:
    if stage.one_way_travel_minutes is not None or ctx.varied(path("one_way_travel_minutes")):
        return ctx.number(path("one_way_travel_minutes"), stage.one_way_travel_minutes)
    if stage.travel_mode == "flight":
        return ctx.number(path("one_way_travel_minutes"), None, K.FLIGHT_HOURS) * 60.0
    speed = ctx.number("average_drive_speed", None, K.DRIVE_SPEED)
    return distance / np.maximum(speed, 1e-9) * 60.0


def _visit_inputs(ctx: _Context, path, stage: Stage) -> dict[str, np.ndarray]:
    if stage.is_residential:
        visits = ctx.number(path("visits_per_week"), stage.visits_per_week, K.VISITS_PER_WEEK)
        no_visit = ctx.number(path("no_visit_days"), stage.no_visit_days, K.NO_VISIT_DAYS)
        family_days = ctx.number(path("family_program_days"), stage.family_program_days, K.FAMILY_PROGRAM_DAYS)
    else:
        visits = ctx.fixed(path("visits_per_week"), stage.visits_per_week or 0.0)
        no_visit = ctx.fixed(path("no_visit_days"), stage.no_visit_days or 0.0)
        family_days = ctx.fixed(path("family_program_days"), stage.family_program_days or 0.0)
    return {
        "visits_per_week": visits,
        "no_visit_days": np.rint(no_visit),
        "family_program_days": np.rint(family_days),
    }


# ---- insurance ----------------------------------------------------------------------------------


#: The rules each plan type follows (``PlanTerms.kind``).
PLAN_KINDS = {
    "employer": "commercial",
    "marketplace": "commercial",
    "medicaid": "commercial",
    "medicare": "medicare",
    "medigap": "medicare",
    "medicare_medicaid": "medicare",
    "medicare_advantage": "medicare_advantage",
    "uninsured": "uninsured",
}


def _plan(ctx: _Context) -> PlanTerms:
    ins = ctx.scenario.insurance
    plan = ins.plan_type
    p = P.insurance
    zero = np.zeros(ctx.n)
    if plan in K.COMMERCIAL_PLANS:
        ded = _plan_year_number(ctx, p("deductible_usd"), ins.deductible_usd, K.deductible(plan))
        coins = ctx.number(p("coinsurance_fraction"), ins.coinsurance_fraction, K.coinsurance(plan))
        copay_day = ctx.fixed(p("copay_per_day_usd"), ins.copay_per_day_usd or 0.0)
        copay_adm = (
            ctx.number(p("copay_per_admission_usd"), ins.copay_per_admission_usd, K.EMPLOYER_ADMISSION_COPAY)
            if plan == "employer"
            else ctx.fixed(p("copay_per_admission_usd"), ins.copay_per_admission_usd or 0.0)
        )
        oop = _plan_year_number(ctx, p("oop_max_usd"), ins.oop_max_usd, K.oop_max(plan))
    elif plan == "medicaid":
        ded = ctx.fixed(p("deductible_usd"), ins.deductible_usd or 0.0)
        coins = ctx.fixed(p("coinsurance_fraction"), ins.coinsurance_fraction or 0.0)
        copay_day, copay_adm = _medicaid_copays(ctx)
        oop = ctx.fixed(p("oop_max_usd"), INF if ins.oop_max_usd is None else ins.oop_max_usd)
    else:
        ded, coins, copay_day, copay_adm, oop = zero, zero, zero, zero, np.full(ctx.n, INF)
    first_ded = ded.first if isinstance(ded, Dated) else ded
    first_oop = oop.first if isinstance(oop, Dated) else oop
    met = ctx.fixed(p("deductible_met_usd"), ins.deductible_met_usd)
    return PlanTerms(
        plan_type=plan,
        kind=PLAN_KINDS[plan],
        deductible_usd=ded,
        deductible_met_usd=np.minimum(met, first_ded),
        coinsurance_fraction=coins,
        copay_per_day_usd=copay_day,
        copay_per_admission_usd=copay_adm,
        copay_before_deductible=ins.copay_before_deductible,
        oop_max_usd=oop,
        # Deductible payments count toward the out-of-pocket maximum, so at least that much of
        # it is already used.
        oop_met_usd=np.minimum(np.maximum(ctx.fixed(p("oop_met_usd"), ins.oop_met_usd), met), first_oop),
        advantage=_advantage(ctx) if plan == "medicare_advantage" else None,
        supplement=_supplement(ctx) if plan in ORIGINAL_MEDICARE_PLANS - {"medicare"} else None,
    )


def _medicaid_copays(ctx: _Context) -> tuple[np.ndarray, np.ndarray]:
    """Medicaid's copays per program day and per admission: the family's, else the library's."""
    ins, p = ctx.scenario.insurance, P.insurance
    day = ctx.number(p("copay_per_day_usd"), ins.copay_per_day_usd, K.MEDICAID_DAY_COPAY)
    admission = ctx.number(p("copay_per_admission_usd"), ins.copay_per_admission_usd, K.MEDICAID_ADMISSION_COPAY)
    return day, admission


def _levels(ctx: _Context) -> set[str]:
    return {st.level for option in ctx.scenario.options for st in option.stages}


def _advantage(ctx: _Context) -> AdvantageTerms:
    """A Medicare Advantage plan's terms: the family's, else the library's (only those the care uses)."""
    a = ctx.scenario.insurance.medicare_advantage
    q = lambda name: P.join("insurance", "medicare_advantage", name)  # noqa: E731
    levels = _levels(ctx)
    inpatient = bool(levels & RESIDENTIAL_LEVELS)
    outpatient = bool(levels - RESIDENTIAL_LEVELS)
    zero = np.zeros(ctx.n)
    copay = ctx.fixed(q("outpatient_copay_usd_per_day"), a.outpatient_copay_usd_per_day or 0.0)
    coins_path = q("outpatient_coinsurance_fraction")
    if a.outpatient_coinsurance_fraction is None and a.outpatient_copay_usd_per_day is not None:
        coins = ctx.fixed(coins_path, 0.0)  # the plan charges a copay instead
    else:
        coins = ctx.number(coins_path, a.outpatient_coinsurance_fraction, K.MA_OUTPATIENT_COINSURANCE)
    combined = (
        _calendar_year_number(ctx, q("combined_moop_usd"), a.combined_moop_usd, K.MA_COMBINED_MOOP)
        if a.network == "ppo"
        else np.full(ctx.n, INF)
    )
    return AdvantageTerms(
        network=a.network,
        inpatient_copay_usd_per_day=(
            ctx.number(q("inpatient_copay_usd_per_day"), a.inpatient_copay_usd_per_day, K.MA_INPATIENT_COPAY)
            if inpatient
            else zero
        ),
        inpatient_copay_days=(
            np.rint(ctx.number(q("inpatient_copay_days"), a.inpatient_copay_days, K.MA_INPATIENT_COPAY_DAYS))
            if inpatient
            else zero
        ),
        outpatient_copay_usd_per_day=copay,
        outpatient_coinsurance_fraction=coins if outpatient else zero,
        moop_usd=_calendar_year_number(ctx, q("moop_usd"), a.moop_usd, K.MA_MOOP),
        moop_met_usd=ctx.fixed(q("moop_met_usd"), a.moop_met_usd),
        combined_moop_usd=combined,
    )


def _supplement(ctx: _Context) -> SupplementTerms:
    """Medigap, or Medicaid for a person on Medicare and Medicaid: what share of each part it pays."""
    ins = ctx.scenario.insurance
    g = ins.medigap
    q = lambda name: P.join("insurance", "medigap", name)  # noqa: E731
    zero, inf = np.zeros(ctx.n), np.full(ctx.n, INF)
    if ins.plan_type == "medigap":
        kind, plan, shares = "medigap", g.plan, MEDIGAP_BENEFITS[g.plan]
    else:
        kind = {"qmb": "qmb", "full": "full_dual", "premium_only": "premium_only"}[ins.dual_status]
        plan, shares = None, (0.0, 0.0, 0.0, 0.0) if kind == "premium_only" else (1.0, 1.0, 1.0, 1.0)
    office = plan == "N" and "outpatient" in _levels(ctx)
    day_copay, admission_copay = _medicaid_copays(ctx) if kind == "full_dual" else (zero, zero)
    return SupplementTerms(
        kind=kind,
        plan=plan,
        part_a_deductible_fraction=shares[0],
        part_a_coinsurance_fraction=shares[1],
        part_b_deductible_fraction=shares[2],
        part_b_coinsurance_fraction=shares[3],
        office_copay_usd_per_visit=(
            ctx.number(q("plan_n_copay_usd_per_visit"), g.plan_n_copay_usd_per_visit, K.MEDIGAP_PLAN_N_COPAY)
            if office
            else zero
        ),
        oop_limit_usd=(
            _calendar_year_number(ctx, q("oop_limit_usd"), g.oop_limit_usd, K.medigap_oop_limit(plan))
            if plan in K.MEDIGAP_LIMIT_PLANS
            else inf
        ),
        oop_met_usd=ctx.fixed(q("oop_met_usd"), g.oop_met_usd),
        medicaid_copay_per_day_usd=day_copay,
        medicaid_copay_per_admission_usd=admission_copay,
    )


def _calendar_year_number(ctx: _Context, path: str, value: float | None, key: str) -> np.ndarray | Dated:
    """A yearly term that resets on January 1: the user's value, or the library's for each year."""
    if path in ctx.variations or value is not None:
        return ctx.number(path, value)
    cal = ctx.calendar
    if ctx.starts is not None:
        dated = ctx.dated_rows(key, path, _period_starts_rows(ctx.starts, cal.calendar_year, 1, 1), cal.calendar_year)
        return dated.values[:, 0] if dated.values.shape[1] == 1 else dated
    anchors = tuple(dt.date(cal.start_date.year + k, 1, 1) for k in range(int(cal.calendar_year.max()) + 1))
    dated = ctx.dated(key, path, anchors=anchors, index=cal.calendar_year)
    return dated.values[:, 0] if dated.values.shape[1] == 1 else dated


def _stage_payer_terms(ctx: _Context, path, stage: Stage) -> dict:
    """A stage's terms with its payer: a single-case agreement, the IMD rule, self-pay help."""
    plan = ctx.scenario.insurance.plan_type
    discount_path = path("sliding_scale_discount_fraction")
    discount = None
    if stage.sliding_scale_discount_fraction is not None or ctx.varied(discount_path):
        discount = ctx.number(discount_path, stage.sliding_scale_discount_fraction)
    elif stage.state_funded:
        discount = ctx.fixed(discount_path, 1.0)  # a state- or grant-funded place with no fee given
    imd = plan == "medicaid" and stage.is_residential and stage.medicaid_beds == "over_16_not_covered"
    return {
        "single_case_agreement": stage.single_case_agreement and PLAN_KINDS[plan] in NETWORK_KINDS,
        "payer_declines": "imd" if imd else None,
        "sliding_scale_discount_fraction": discount,
        "state_funded": stage.state_funded,
    }


#: Plan kinds with a network, where a single-case agreement means something.
NETWORK_KINDS = frozenset({"commercial", "medicare_advantage"})


def _plan_year_number(ctx: _Context, path: str, value: float | None, key: str) -> np.ndarray | Dated:
    """A plan term: the user's value, or the library's for each plan year the care touches."""
    if path in ctx.variations or value is not None:
        return ctx.number(path, value)
    ins = ctx.scenario.insurance
    cal = ctx.calendar
    month, day = ins.plan_year_renews_month, ins.plan_year_renews_day
    if ctx.starts is not None:
        dated = ctx.dated_rows(key, path, _period_starts_rows(ctx.starts, cal.plan_year, month, day), cal.plan_year)
        return dated.values[:, 0] if dated.values.shape[1] == 1 else dated
    anchors = _period_starts(cal.start_date, cal.plan_year, month, day)
    dated = ctx.dated(key, path, anchors=anchors, index=cal.plan_year)
    return dated.values[:, 0] if dated.values.shape[1] == 1 else dated


def _out_of_network(ctx: _Context, kind: str) -> OutOfNetworkTerms:
    """Out-of-network terms: a commercial plan's (not Medicaid's), or a Medicare Advantage PPO's.

    A Medicare Advantage PPO has no separate deductible or maximum out of network unless the
    family gives them (its combined maximum caps both networks), and its allowed amount is the
    program's price unless given: what it pays is set by Medicare's rates, not a share of a bill.
    """
    ins = ctx.scenario.insurance
    oon = ins.out_of_network
    q = lambda name: P.join("insurance", "out_of_network", name)  # noqa: E731
    any_out = any(
        not st.in_network and not st.single_case_agreement for option in ctx.scenario.options for st in option.stages
    )
    zero, inf = np.zeros(ctx.n), np.full(ctx.n, INF)
    advantage_ppo = kind == "medicare_advantage" and ins.medicare_advantage.network == "ppo"
    commercial = kind == "commercial" and ins.plan_type != "medicaid"
    if not (oon.covered and (commercial or advantage_ppo) and any_out):
        return OutOfNetworkTerms(
            covered=False,
            balance_billing=oon.balance_billing,
            allowed_fraction=np.ones(ctx.n),
            deductible_usd=zero,
            deductible_met_usd=zero,
            coinsurance_fraction=zero,
            oop_max_usd=inf,
            oop_met_usd=zero,
        )
    if advantage_ppo:
        given = lambda value, default: default if value is None else value  # noqa: E731
        ded = ctx.fixed(q("deductible_usd"), given(oon.deductible_usd, 0.0))
        oop = ctx.fixed(q("oop_max_usd"), INF if oon.no_oop_max else given(oon.oop_max_usd, INF))
        allowed = ctx.fixed(q("allowed_fraction_of_billed"), given(oon.allowed_fraction_of_billed, 1.0))
    else:
        ded = ctx.number(q("deductible_usd"), oon.deductible_usd, K.OON_DEDUCTIBLE)
        oop = inf if oon.no_oop_max else ctx.number(q("oop_max_usd"), oon.oop_max_usd, K.OON_OOP_MAX)
        allowed = ctx.number(q("allowed_fraction_of_billed"), oon.allowed_fraction_of_billed, K.OON_ALLOWED_FRACTION)
    met = ctx.fixed(q("deductible_met_usd"), oon.deductible_met_usd)
    return OutOfNetworkTerms(
        covered=True,
        balance_billing=oon.balance_billing,
        allowed_fraction=allowed,
        deductible_usd=ded,
        deductible_met_usd=np.minimum(met, ded),
        coinsurance_fraction=ctx.number(q("coinsurance_fraction"), oon.coinsurance_fraction, K.OON_COINSURANCE),
        oop_max_usd=oop,
        oop_met_usd=np.minimum(np.maximum(ctx.fixed(q("oop_met_usd"), oon.oop_met_usd), met), oop),
    )


def _medicare(ctx: _Context) -> MedicareTerms:
    ins = ctx.scenario.insurance
    p = P.insurance
    cal = ctx.calendar
    years = tuple(dt.date(cal.start_date.year + k, 1, 1) for k in range(int(cal.calendar_year.max()) + 1))
    part_b_deductible = (
        ctx.dated_rows(
            K.MEDICARE_PART_B_DEDUCTIBLE,
            "medicare.part_b_deductible",
            _period_starts_rows(ctx.starts, cal.calendar_year, 1, 1),
            cal.calendar_year,
        )
        if ctx.starts is not None
        else ctx.dated(
            K.MEDICARE_PART_B_DEDUCTIBLE, "medicare.part_b_deductible", anchors=years, index=cal.calendar_year
        )
    )
    return MedicareTerms(
        part_a_deductible_usd=ctx.dated(K.MEDICARE_PART_A_DEDUCTIBLE, "medicare.part_a_deductible"),
        part_a_deductible_met=np.full(ctx.n, 1.0 if ins.medicare_part_a_deductible_met else 0.0),
        day_61_90_usd_per_day=ctx.dated(K.MEDICARE_DAY_61_90, "medicare.day_61_90"),
        reserve_day_usd_per_day=ctx.dated(K.MEDICARE_RESERVE_DAY, "medicare.reserve_day"),
        full_coverage_days=ctx.number("medicare.full_days", None, K.MEDICARE_FULL_DAYS),
        coinsurance_days_end=ctx.number("medicare.coinsurance_days_end", None, K.MEDICARE_COINSURANCE_DAYS_END),
        reserve_days_left=ctx.number(
            p("medicare_lifetime_reserve_days_left"), ins.medicare_lifetime_reserve_days_left, K.MEDICARE_RESERVE_DAYS
        ),
        psychiatric_limit_days=ctx.number("medicare.psych_limit", None, K.MEDICARE_PSYCH_LIMIT),
        psychiatric_days_used=ctx.fixed(p("medicare_psychiatric_days_used"), ins.medicare_psychiatric_days_used),
        benefit_period_days_used=ctx.fixed(
            p("medicare_benefit_period_days_used"), ins.medicare_benefit_period_days_used
        ),
        part_b_deductible_usd=part_b_deductible,
        part_b_deductible_met_usd=ctx.fixed(
            p("medicare_part_b_deductible_met_usd"), ins.medicare_part_b_deductible_met_usd
        ),
        part_b_coinsurance_fraction=ctx.number("medicare.part_b_coinsurance", None, K.MEDICARE_PART_B_COINSURANCE),
        new_period_after_days=_benefit_period_gap(ctx),
    )


def _benefit_period_gap(ctx: _Context) -> np.ndarray | None:
    """The 60-day rule, read only when a pathway has an inpatient stage after another stage."""
    later = any(st.is_residential for option in ctx.scenario.options for st in option.stages[1:])
    return ctx.number("medicare.benefit_period_gap", None, K.MEDICARE_BENEFIT_PERIOD_GAP) if later else None


# ---- the household ----------------------------------------------------------------------------------


def _household(ctx: _Context) -> HouseholdInputs:
    h = ctx.scenario.household
    p = P.household
    working = h.work_schedule != "not_working"
    zero = np.zeros(ctx.n)
    hours = ctx.number(p("work_hours_per_week"), h.work_hours_per_week, K.FULL_TIME_HOURS) if working else zero
    return HouseholdInputs(
        state=h.state,
        work_schedule=h.work_schedule,
        work_days_per_week=h.work_days_per_week,
        pay_usd_per_hour=_pay(ctx, hours) if working else zero,
        work_hours_per_week=hours,
        paid_time_off_hours=ctx.number(p("paid_time_off_hours"), h.paid_time_off_hours, K.PAID_TIME_OFF)
        if working
        else zero,
        disability=_disability(ctx) if working else None,
        state_program=_state_program(ctx) if working else None,
        children=_children(ctx),
        family_help_hours_per_week=ctx.fixed(p("family_help_hours_per_week"), h.family_help_hours_per_week),
        partner_pay_usd_per_hour=ctx.fixed(p("partner_pay_usd_per_hour"), h.partner_pay_usd_per_hour),
        partner_shift_hours=ctx.number("partner_shift_hours", None, K.FULL_TIME_HOURS) / 5.0,
        partner_drives_to_sessions=h.partner_drives_to_sessions,
        benefit_order=h.benefit_order,
        partner_family_leave=_partner_family_leave(ctx),
        partner_hours_per_week=ctx.number("partner_shift_hours", None, K.FULL_TIME_HOURS),
        family_help_by_part=_family_help(ctx),
        # A session that overlaps an evening shift costs the shift: such shifts are rarely split.
        lose_whole_shift=h.work_schedule == "evening" if h.lose_whole_shift is None else h.lose_whole_shift,
    )


def _family_help(ctx: _Context) -> dict[str, np.ndarray]:
    """Unpaid help by part of the day [hours/week]."""
    help_ = ctx.scenario.household.family_help
    fields = {
        "daytime": "weekday_daytime_hours_per_week",
        "evening": "weekday_evening_hours_per_week",
        "night": "night_hours_per_week",
        "weekend": "weekend_hours_per_week",
    }
    return {
        part: ctx.fixed(P.join("household", "family_help", name), getattr(help_, name)) for part, name in fields.items()
    }


def _pay(ctx: _Context, hours: np.ndarray) -> np.ndarray:
    h = ctx.scenario.household
    path = P.household("salary_usd_per_year")
    if h.pay_basis == "salary" and (h.salary_usd_per_year is not None or ctx.varied(path)):
        salary = ctx.number(path, h.salary_usd_per_year)
        return np.where(hours > 0, salary / (52.0 * np.maximum(hours, 1e-9)), 0.0)
    return ctx.number(P.household("pay_usd_per_hour"), h.pay_usd_per_hour, K.MEDIAN_HOURLY_PAY)


def _disability(ctx: _Context) -> DisabilityTerms | None:
    s = ctx.scenario.household.short_term_disability
    if s is None:
        return None
    q = lambda name: P.join("household", "short_term_disability", name)  # noqa: E731
    return DisabilityTerms(
        replacement_fraction=ctx.number(q("replacement_fraction"), s.replacement_fraction, K.STD_FRACTION),
        waiting_days=np.rint(ctx.number(q("waiting_days"), s.waiting_days, K.STD_WAITING_DAYS)),
        weekly_cap_usd=ctx.number(q("weekly_cap_usd"), s.weekly_cap_usd, K.STD_WEEKLY_CAP),
        max_weeks=ctx.number(q("max_weeks"), s.max_weeks, K.STD_MAX_WEEKS),
    )


def _state_program(ctx: _Context) -> StateProgramTerms | None:
    """The state program that pays during the worker's own illness, if the family claims one."""
    h = ctx.scenario.household
    if not h.use_state_program:
        return None
    return _program_terms(ctx, leave_programs.OWN_ILLNESS)


def _partner_family_leave(ctx: _Context) -> StateProgramTerms | None:
    """The state family-leave program a partner can claim to care for the patient."""
    h = ctx.scenario.household
    if not (h.partner_family_leave and h.partner_pay_usd_per_hour > 0):
        return None
    return _program_terms(ctx, leave_programs.FAMILY_CARE)


def _program_terms(ctx: _Context, table_name: str) -> StateProgramTerms | None:
    """A state program's dated rows laid over the calendar.

    Notes
    -----
    Each day of the calendar points at the row in force on it (the claim uses the row in force on
    its first day); days before the program first pays are marked by ``pays_from_day``. A
    program that is not paying yet gives ``None``, and so does voluntary insurance the family
    has not bought.
    """
    h = ctx.scenario.household
    table = ctx.library.tables.get(table_name)
    if table is None or not h.state:
        return None
    raw = leave_programs.rows_of(table, h.state)
    if not raw or raw[-1]["status"] == "not_yet":
        return None
    if raw[-1]["status"] == "voluntary" and not h.voluntary_leave_insurance:
        return None
    rows = tuple(leave_programs.program_row(r, leave_programs.row_due(table, h.state, r)) for r in raw)
    cal = ctx.calendar
    if ctx.starts is None:
        days = np.array([(cal.start_date + dt.timedelta(days=int(d))).toordinal() for d in range(cal.n_days)])
    else:
        # Each draw's own days: a row per draw, and the first paying day counted from its own start.
        days = ctx.starts[:, None] + np.arange(cal.n_days)[None, :]
    starts = np.array([r.effective_from.toordinal() for r in rows])
    row_index = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, len(rows) - 1)
    first = leave_programs.pays_from(raw[0])
    if ctx.starts is None:
        pays_from_day = 0 if first is None else max((first - cal.start_date).days, 0)
    else:
        pays_from_day = (
            np.zeros(ctx.n, dtype=np.int64) if first is None else np.maximum(first.toordinal() - ctx.starts, 0)
        )
    return StateProgramTerms(
        state=h.state,
        kind=leave_programs.PROGRAM_TABLES[table_name],
        rows=rows,
        row_index=row_index,
        pays_from_day=pays_from_day,
    )


def _age_group(age: int) -> str:
    if age <= 1:
        return "infant"
    if age == 2:
        return "toddler"
    if age <= 4:
        return "preschool"
    return "school_age"


def _children(ctx: _Context) -> tuple[ChildInputs, ...]:
    """Children young enough for paid care whom the patient looks after (none when not a caregiver),
    with the care each already has: school, and paid care the family keeps paying."""
    h = ctx.scenario.household
    if not h.children or not h.patient_is_caregiver:
        return ()
    max_age = ctx.structural(K.CHILDCARE_MAX_AGE)
    out = []
    for c, child in enumerate(h.children):
        if child.age_years > max_age:
            continue
        school = _school_hours(ctx, c, child.school_hours_per_week, child.age_years)
        paid, assumed = _paid_care_hours(ctx, c, child.paid_care_hours_per_week, school)
        out.append(
            ChildInputs(
                age_years=child.age_years,
                age_group=_age_group(child.age_years),
                school_hours_per_week=school,
                paid_care_hours_per_week=paid,
                paid_care_part=SCHEDULE_PART[h.work_schedule],
                paid_care_assumed=assumed,
            )
        )
    return tuple(out)


def _school_hours(ctx: _Context, c: int, value: float | None, age: int) -> np.ndarray:
    path = P.child(c, "school_hours_per_week")
    if value is not None or ctx.varied(path):
        return ctx.number(path, value)
    if age >= 5:
        return ctx.number(path, None, K.SCHOOL_HOURS)
    return np.zeros(ctx.n)


def _paid_care_hours(ctx: _Context, c: int, value: float | None, school: np.ndarray) -> tuple[np.ndarray, bool]:
    """Paid care already arranged [hours/week], and whether it is the default.

    Notes
    -----
    A child of a patient who works is already looked after during the work hours and the
    commute; less school when both fall in the daytime. So the default is
    ``work hours + 2 x commute x work days - school`` (never below zero), none when the patient
    does not work.
    """
    h = ctx.scenario.household
    path = P.child(c, "paid_care_hours_per_week")
    if value is not None or ctx.varied(path):
        return ctx.number(path, value), False
    if h.work_schedule == "not_working":
        return np.zeros(ctx.n), False
    hours = ctx.number(P.household("work_hours_per_week"), h.work_hours_per_week, K.FULL_TIME_HOURS)
    commute = 2.0 * ctx.figure(K.COMMUTE_MINUTES, f"{path} {COMMUTE_USE}") / 60.0 * h.work_days_per_week
    overlap = school if h.work_schedule == "day" else 0.0
    return np.where(hours > 0, np.maximum(hours + commute - overlap, 0.0), 0.0), True


# ---- prices -------------------------------------------------------------------------------------------


def _prices(ctx: _Context) -> Prices:
    """The prices the scenario's care touches; any other price is zero and not listed as used."""
    stages = [st for option in ctx.scenario.options for st in option.stages]
    modes = {st.travel_mode for st in stages}
    lodging = {st.patient_lodging for st in stages if not st.is_residential}
    residential = any(st.is_residential for st in stages)
    zero = np.zeros(ctx.n)

    def get(key: str, needed: bool) -> np.ndarray:
        return ctx.figure(key) if needed else zero

    def dated(key: str, needed: bool) -> Dated:
        return ctx.dated(key) if needed else ctx.constant(zero)

    hotel = residential or "hotel" in lodging
    car_rate = ctx.scenario.household.driving_cost
    return Prices(
        car_cost_usd_per_mile=dated(
            K.CAR_COST if car_rate == "running_cost" else K.IRS_BUSINESS_MILEAGE, "car" in modes
        ),
        car_rate=car_rate,
        medical_mileage_usd_per_mile=dated(K.IRS_MEDICAL_MILEAGE, "car" in modes),
        food_at_home_usd_per_week=get(K.FOOD_AT_HOME, hotel),
        count_food_at_home=ctx.scenario.household.count_food_at_home,
        medical_lodging_cap_usd_per_night=get(
            K.MEDICAL_LODGING_CAP,
            bool(lodging - {"home"}) or any(st.is_residential and not st.includes_lodging for st in stages),
        ),
        parking_usd_per_trip=get(K.PARKING, "car" in modes),
        transit_fare_usd_per_ride=get(K.TRANSIT_FARE, "transit" in modes),
        flight_round_trip_usd_per_trip=get(K.FLIGHT_FARE, "flight" in modes),
        hotel_usd_per_night=dated(K.HOTEL, hotel),
        meals_usd_per_day=dated(K.MEALS, hotel),
        sober_living_usd_per_month=get(K.SOBER_LIVING, "sober_living" in lodging),
        rental_usd_per_month=get(K.RENTAL, "rental" in lodging),
        overnight_threshold_minutes=get(K.OVERNIGHT_THRESHOLD, residential or bool(lodging - {"home"})),
        visitors_per_visit=get(K.VISITORS, residential),
        family_program_hours_per_day=get(K.FAMILY_PROGRAM_HOURS, residential),
        **_childcare_prices(ctx),
    )


def _childcare_prices(ctx: _Context) -> dict:
    children = _children(ctx)
    index = state_childcare_index(ctx.scenario, ctx.library)
    factor = 1.0 if index is None else index
    zero = np.zeros(ctx.n)
    groups = {c.age_group for c in children}
    return {
        "sitter_usd_per_hour": ctx.figure(K.SITTER) * factor if children else zero,
        "sitter_additional_child_usd_per_hour": ctx.figure(K.SITTER_ADDITIONAL_CHILD) * factor
        if len(children) > 1
        else zero,
        "full_week_care_usd_per_week": {g: ctx.figure(K.full_week_care(g)) * factor for g in sorted(groups)},
        "full_week_care_hours": ctx.figure(K.FULL_WEEK_HOURS) if children else zero,
        "childcare_state_index": index if children else None,
    }


def state_childcare_index(scenario: Scenario, library: AssumptionSet) -> float | None:
    """The family's state's child-care price index (state price / national), if the library has one."""
    state = scenario.household.state
    table = library.tables.get(STATE_CHILDCARE)
    if not state or table is None:
        return None
    row = next((row for row in table.rows if row["state"] == state), None)
    return float(row["price_index"]) if row is not None else None


# ---- taxes (the after-tax view) ------------------------------------------------------------------


def _taxes(ctx: _Context, on: dt.date) -> TaxInputs:
    """The household's return and the tax law of each calendar year the care touches, for a care
    starting ``on`` (:func:`_tax_law_date`)."""
    sc = ctx.scenario
    h, t = sc.household, sc.taxes
    status = t.filing_status or default_filing_status(sc)
    joint = status == "married_joint"
    working = h.work_schedule != "not_working"
    hours = (
        ctx.number(P.household("work_hours_per_week"), h.work_hours_per_week, K.FULL_TIME_HOURS)
        if working
        else np.zeros(ctx.n)
    )
    wages = _pay(ctx, hours) * hours * 52.0 if working else np.zeros(ctx.n)
    partner_hours = ctx.number("partner_shift_hours", None, K.FULL_TIME_HOURS)
    partner_wages = (
        ctx.fixed(P.household("partner_pay_usd_per_hour"), h.partner_pay_usd_per_hour) * partner_hours * 52.0
    )
    other_path = P.join("taxes", "other_income_usd_per_year")
    if t.other_income_usd_per_year is not None or ctx.varied(other_path):
        other = ctx.number(other_path, t.other_income_usd_per_year)
    else:
        other = partner_wages if joint else np.zeros(ctx.n)
    after_tax_premiums = h.short_term_disability is not None and h.short_term_disability.paid_with_after_tax_premiums
    state_benefit, source = _state_benefit_taxes(ctx, on)
    threshold = K.ADDITIONAL_MEDICARE_THRESHOLD_JOINT if joint else K.ADDITIONAL_MEDICARE_THRESHOLD_SINGLE
    return TaxInputs(
        filing_status=status,
        filing_status_assumed=t.filing_status is None,
        joint=joint,
        state=h.state,
        wages_usd_per_year=wages,
        partner_wages_usd_per_year=partner_wages,
        other_income_usd_per_year=other,
        social_security_tax_fraction=ctx.figure(K.SOCIAL_SECURITY_TAX),
        medicare_tax_fraction=ctx.figure(K.MEDICARE_TAX),
        additional_medicare_tax_fraction=ctx.figure(K.ADDITIONAL_MEDICARE_TAX),
        additional_medicare_threshold_usd=ctx.figure(threshold),
        medical_floor_fraction=ctx.figure(K.MEDICAL_AGI_FLOOR),
        hsa_fsa_usd=ctx.fixed(P.join("taxes", "hsa_fsa_usd"), t.hsa_fsa_usd),
        other_itemized_usd=ctx.fixed(P.join("taxes", "other_itemized_deductions_usd"), t.other_itemized_deductions_usd),
        employer_benefit=BenefitTaxes(
            federal="exempt" if after_tax_premiums else "taxable",
            state=not after_tax_premiums,
            payroll=not after_tax_premiums,
        ),
        state_benefit=state_benefit,
        state_benefit_source=source,
        years=_tax_years(ctx, status, on),
    )


def default_filing_status(scenario: Scenario) -> str:
    """Married filing jointly when a partner's pay is given; head of household with children;
    single otherwise (a guess the page states, and a question to ask)."""
    h = scenario.household
    if h.partner_pay_usd_per_hour > 0:
        return "married_joint"
    return "head_of_household" if h.children else "single"


def _tax_law_date(ctx: _Context) -> dt.date:
    """The start date whose tax law the after-tax view reads: the scenario's.

    With a start date per draw, every draw must start under the same law: in the same calendar
    year (so its tax years, and their federal schedules, are the same) and under the same rows of
    the state income-tax and benefit-tax tables. Draws that are not are run apart
    (:class:`StructuralFigureVaries`, grouped by the law each starts under).
    """
    if ctx.starts is None:
        return ctx.scenario.start_date
    unique, inverse = np.unique(ctx.starts, return_inverse=True)
    # The law changes only on January 1 and on the days the state's table rows take effect:
    # read it once for each stretch between those days that some start falls in.
    changes = np.array(sorted(_tax_row_dates(ctx)), dtype=np.int64)
    years = np.array([dt.date.fromordinal(int(o)).year for o in unique])
    stretch = years * (changes.size + 1) + np.searchsorted(changes, unique, side="right")
    _, first, which = np.unique(stretch, return_index=True, return_inverse=True)
    laws = [_tax_law(ctx, dt.date.fromordinal(int(unique[i]))) for i in first]
    codes = np.array([laws.index(law) for law in laws])[which.reshape(-1)]
    if codes.max() > 0:
        raise StructuralFigureVaries("tax law", codes[inverse.reshape(-1)])
    return dt.date.fromordinal(int(unique[0]))


def _tax_row_dates(ctx: _Context) -> set[int]:
    """The days (ordinals) a row of the state's income-tax or benefit-tax table takes effect."""
    state = ctx.scenario.household.state
    out: set[int] = set()
    for name in (STATE_INCOME_TAX, BENEFIT_TAXES):
        table = ctx.library.tables.get(name)
        if state and table is not None and "effective_from" in table.columns:
            out |= {
                dt.date.fromisoformat(r["effective_from"]).toordinal() for r in table.rows if r.get("state") == state
            }
    return out


def _tax_law(ctx: _Context, on: dt.date) -> tuple:
    """What the after-tax view reads for a care starting ``on``: its year and the state's table rows."""
    state = ctx.scenario.household.state
    rows = []
    for name in (STATE_INCOME_TAX, BENEFIT_TAXES):
        table = ctx.library.tables.get(name)
        row = table.rows_for(state, on) if state and table is not None else None
        rows.append(None if row is None else id(row))
    return (on.year, *rows)


def _tax_years(ctx: _Context, status: str, on: dt.date) -> tuple[TaxYear, ...]:
    cal = ctx.calendar
    n_years = int(cal.calendar_year.max()) + 1
    years = tuple(dt.date(on.year + k, 1, 1) for k in range(n_years))
    wage_base = ctx.dated(K.SOCIAL_SECURITY_WAGE_BASE, anchors=years, index=cal.calendar_year)
    state = _state_schedule(ctx, on)
    out = []
    for k, first_day in enumerate(years):
        federal_year, federal = federal_schedule(ctx.library, status, first_day.year)
        _, single = federal_schedule(ctx.library, "single", first_day.year)
        out.append(
            TaxYear(
                year=first_day.year,
                figures_year=federal_year,
                federal=federal,
                federal_single=single,
                state=state[1] if state else None,
                state_figures_year=state[0] if state else None,
                social_security_wage_base_usd=wage_base.values[:, k],
            )
        )
    return tuple(out)


def parse_brackets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``"0:0.10;12400:0.12"`` -> bracket starts [USD] and rates; empty text: no tax."""
    pairs = [item.split(":") for item in text.split(";") if item.strip()]
    if not pairs:
        return np.zeros(1), np.zeros(1)
    return np.array([float(a) for a, _ in pairs]), np.array([float(b) for _, b in pairs])


def federal_schedule(library: AssumptionSet, status: str, year: int) -> tuple[int, TaxSchedule]:
    """The federal schedule for ``status`` in tax ``year``: that year's row, else the latest
    published before it (the earliest when ``year`` precedes them all). Returns the year used."""
    rows = [r for r in library.tables[FEDERAL_INCOME_TAX].rows if r["filing_status"] == status]
    rows.sort(key=lambda r: int(r["tax_year"]))
    earlier = [r for r in rows if int(r["tax_year"]) <= year]
    row = earlier[-1] if earlier else rows[0]
    starts, rates = parse_brackets(row["brackets"])
    return int(row["tax_year"]), TaxSchedule(
        starts_usd=starts, rates=rates, deduction_usd=float(row["standard_deduction_usd"])
    )


def _state_schedule(ctx: _Context, on: dt.date) -> tuple[int, TaxSchedule] | None:
    """The state's single-filer schedule for a care starting ``on``; ``None`` with no state or no
    row (no state tax counted)."""
    state = ctx.scenario.household.state
    table = ctx.library.tables.get(STATE_INCOME_TAX)
    row = table.rows_for(state, on) if state and table is not None else None
    if row is None:
        return None
    starts, rates = parse_brackets(row["brackets_single"])
    deduction = float(row["standard_deduction_single_usd"] or 0) + float(row["personal_exemption_single_usd"] or 0)
    return int(row["tax_year"]), TaxSchedule(starts_usd=starts, rates=rates, deduction_usd=deduction)


def _state_benefit_taxes(ctx: _Context, on: dt.date) -> tuple[BenefitTaxes, str]:
    """How the state program's benefit is taxed for a care starting ``on``: the table's row, else
    the general rule of Rev. Rul. 2025-4 (taxable to the extent the employer paid for it)."""
    state = ctx.scenario.household.state
    table = ctx.library.tables.get(BENEFIT_TAXES)
    row = table.rows_for(state, on) if state and table is not None else None
    if row is None:
        return BenefitTaxes(federal="partly", state=True, payroll=True), "rule"
    return (
        BenefitTaxes(
            federal=row["federal_income_tax"],
            state=row["state_income_tax"] == "taxable",
            payroll=row["payroll_tax"] == "yes",
        ),
        "table",
    )
