"""The public comparison: each option's costs as rounded lines with their numbers, week by week.

:func:`compare` resolves the scenario once, runs the engine once, and arranges what it returns
for people: every total rounded half-up to the cent from its exact value, and the parts and
lines beside it rounded so that they add up to it exactly (largest remainder,
:func:`calculator.money.split_cents`, worked for every draw at once by :func:`rounded_rows`, which
a caseload shares); weekly tables that add up to the totals; and what each
option asks of the family beyond money. It writes no sentences: ``ui/words.py`` turns the
numbers and codes into words.

Totals (``OptionResult.totals``), all in USD:

- ``family_total`` (the cash total) = ``out_of_pocket`` + ``lost_income``, and each is the sum
  of its components, each component the sum of its lines;
- ``insurer_paid`` and ``allowed``: ``allowed`` (rounded from its exact value) = the family's
  share of covered care (the deductible, copay, coinsurance and cap lines) + self-pay days +
  ``insurer_paid``, exactly;
- ``leave_used``: the pay of the paid time off used; ``family_total_with_leave`` adds it;
- ``tax_effect``: the after-tax lines (negative: taxes fall); ``family_total_after_tax`` =
  ``family_total`` + ``tax_effect`` = ``out_of_pocket_after_tax`` + ``lost_income_after_tax``;
- ``leave_used_after_tax`` (the leave's pay less its tax) and
  ``family_total_with_leave_after_tax`` = ``family_total_after_tax`` + ``leave_used_after_tax``.

``Comparison.difference(metric)`` is always **second option minus first option**: positive
means the second option costs the family more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from .assumptions import AssumptionSet, load_assumptions
from .engine import COMPONENTS, LOGISTICS, OUT_OF_POCKET, Line, OptionOutcome, run
from .inputs import FigureUse, Inputs
from .money import cents, split_cents_rows, split_cumulative, to_cents_rows
from .plan_terms import PlanSummary, plan_terms
from .resolve import resolve
from .scenario import Scenario
from .warnings import Reason, outcome_reasons, scenario_reasons

TOTALS = (
    "out_of_pocket",
    "lost_income",
    "family_total",
    "insurer_paid",
    "allowed",
    "leave_used",
    "family_total_with_leave",
    "tax_effect",
    "out_of_pocket_after_tax",
    "lost_income_after_tax",
    "family_total_after_tax",
    "leave_used_after_tax",
    "family_total_with_leave_after_tax",
)
#: Totals shown beside the cash total.
BESIDE = ("leave_used", "family_total_with_leave", "family_total_after_tax", "family_total_with_leave_after_tax")
#: Totals that have an after-tax twin (``{name}_after_tax``).
AFTER_TAX_ROWS = ("out_of_pocket", "lost_income", "family_total", "leave_used", "family_total_with_leave")
#: Treatment lines that make up the family's share of covered care (capped by the maximum).
PATIENT_SHARE = ("deductible", "copay", "coinsurance", "oop_cap")
#: After-tax lines that adjust the out-of-pocket costs; the others adjust lost income.
TAX_ON_COSTS = ("tax_hsa_fsa", "tax_medical_deduction")
#: Lines for information never shown when they come to nothing.
HIDDEN_WHEN_ZERO = frozenset({"food_at_home"})


@lru_cache(maxsize=1)
def default_assumptions() -> AssumptionSet:
    """The library shipped in ``assumptions/`` (read once per process)."""
    return load_assumptions()


@dataclass(frozen=True, slots=True)
class LineResult:
    """One line for people: the amount rounded to the cent, with the numbers behind it.

    ``stage`` is 0-based (``None``: the whole pathway); ``level`` is that stage's level of care.
    """

    component: str
    item: str
    stage: int | None
    level: str | None
    amount_usd: float
    in_total: bool
    basis: Mapping[str, Any]

    @property
    def counted_in(self) -> str | None:
        """The total the line counts in (:func:`counted_in`)."""
        return counted_in(self.component, self.item, self.in_total)


def counted_in(component: str, item: str, in_total: bool) -> str | None:
    """The total a line counts in: ``family_total`` (the cash total), ``family_total_with_leave``
    (paid time off used), ``family_total_after_tax`` (a tax line), ``leave_used_after_tax`` (the
    tax on the leave's pay), or ``None`` for a line shown for information."""
    if not in_total:
        return None
    if component == "leave":
        return "family_total_with_leave"
    if component == "taxes":
        return "leave_used_after_tax" if item == "tax_leave" else "family_total_after_tax"
    return "family_total"


@dataclass(frozen=True, slots=True)
class StageLogistics:
    """What a stage asks of the family in an average week (hours a week, rounded to 0.1)."""

    stage: int
    level: str
    days: int
    weeks: float
    sleeps: str  # "program", "home", "sober_living", "hotel" or "rental"
    treatment_hours_per_week: float
    travel_hours_per_week: float
    work_hours_kept_per_week: float
    childcare_hours_per_week: float
    nights_away: int
    visits: float


@dataclass(frozen=True, slots=True)
class Weekly:
    """Week by week [USD]: ``amounts[name]`` per week for each component, ``insurer_paid``,
    ``family_total`` and ``out_of_pocket`` (rounded so the weeks add up to the totals)."""

    week_start: tuple[dt.date, ...]
    amounts: Mapping[str, np.ndarray]

    @property
    def weeks(self) -> int:
        return len(self.week_start)

    def cumulative(self, name: str) -> np.ndarray:
        return np.array([cents(x) for x in np.cumsum(self.amounts[name])])

    def frame(self):
        """The weekly table as a pandas DataFrame (pandas imported only when asked for)."""
        import pandas as pd

        data: dict[str, Any] = {"week": np.arange(1, self.weeks + 1), "week_start": list(self.week_start)}
        data.update({k: v for k, v in self.amounts.items()})
        data["cumulative_family_total"] = self.cumulative("family_total")
        data["cumulative_out_of_pocket"] = self.cumulative("out_of_pocket")
        return pd.DataFrame(data)


@dataclass(frozen=True)
class OptionResult:
    """One pathway's results, rounded to the cent for people.

    Attributes
    ----------
    name : str
    levels : tuple of str
        Each stage's level of care.
    totals : dict
        Each component and each of :data:`TOTALS` [USD]; components add up to the totals exactly.
    lines : tuple of LineResult
        Every line with its numbers; lines with ``in_total`` add up to the component totals.
    weekly : Weekly
    logistics : dict
        What the option asks of the family beyond money (nights away, hours, work kept, ...).
    stages : tuple of StageLogistics
    """

    name: str
    levels: tuple[str, ...]
    totals: dict[str, float]
    lines: tuple[LineResult, ...]
    weekly: Weekly
    logistics: dict[str, float]
    stages: tuple[StageLogistics, ...]

    def lines_frame(self):
        """Every line as a DataFrame (``component, stage, level, item, amount_usd, in_total, basis``)."""
        import pandas as pd

        columns = ["component", "stage", "level", "item", "amount_usd", "in_total", "basis"]
        return pd.DataFrame([{c: getattr(line, c) for c in columns} for line in self.lines], columns=columns)

    def line(self, item: str, stage: int | None = None) -> LineResult | None:
        """The line ``item`` of ``stage`` (None: the first such line), if shown."""
        return next((x for x in self.lines if x.item == item and (stage is None or x.stage == stage)), None)


@dataclass(frozen=True)
class Comparison:
    """Every option of one scenario, for this family."""

    scenario: Scenario
    options: tuple[OptionResult, ...]
    reasons: tuple[Reason, ...]
    assumptions_version: str
    figures_used: Mapping[str, FigureUse]
    library: AssumptionSet = field(repr=False)
    #: The payer's terms as used (the family's, else typical figures), for the page and the PDF.
    plan_terms: PlanSummary | None = None

    @property
    def names(self) -> list[str]:
        return [o.name for o in self.options]

    def difference(self, metric: str = "family_total") -> float:
        """Second option minus first [USD]; positive: the second costs more."""
        return cents(self.options[1].totals[metric] - self.options[0].totals[metric])

    def main_driver(self) -> tuple[str, float]:
        """The component that differs most between the first two options, and by how much (B - A)."""
        a, b = self.options[0].totals, self.options[1].totals
        diffs = {c: b[c] - a[c] for c in COMPONENTS}
        key = max(diffs, key=lambda c: abs(diffs[c]))
        return key, cents(diffs[key])

    def summary(self):
        """Components and totals (rows, by code) by option (columns) [USD], a DataFrame: the cash
        total, what insurance paid, then the totals beside the cash total (leave used, after tax)."""
        import pandas as pd

        rows = [*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid", *BESIDE]
        return pd.DataFrame({o.name: [o.totals[r] for r in rows] for o in self.options}, index=rows)

    def tax_summary(self):
        """Before and after tax, side by side: rows (by code) out of pocket, lost income, the total,
        leave used and the total including it; columns ``(option, "before_tax" | "after_tax")`` [USD]."""
        import pandas as pd

        data = {}
        for o in self.options:
            data[(o.name, "before_tax")] = [o.totals[r] for r in AFTER_TAX_ROWS]
            data[(o.name, "after_tax")] = [o.totals[f"{r}_after_tax"] for r in AFTER_TAX_ROWS]
        return pd.DataFrame(data, index=list(AFTER_TAX_ROWS))

    @cached_property
    def assumptions_used(self):
        """The library figures this comparison used, one row per value in force during the care,
        with ``Used for``: the fields each filled."""
        table = self.library.table()
        used_values = {(k, d.isoformat()) for k, use in self.figures_used.items() for d in use.value_starts}
        used = table[[(k, f) in used_values for k, f in zip(table["Key"], table["From"], strict=True)]].copy()
        used["Used for"] = used["Key"].map(lambda k: ", ".join(self.figures_used[k].paths))
        return used.reset_index(drop=True)


def compare(scenario: Scenario, assumptions: AssumptionSet | None = None) -> Comparison:
    """Compare every option of ``scenario`` for this family.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (see :func:`calculator.scenario_from_dict`).
    assumptions : AssumptionSet, optional
        Defaults to the shipped library.
    """
    library = assumptions or default_assumptions()
    inputs = resolve(scenario, library)
    outcomes = run(inputs)
    options = tuple(_option_result(inputs, o) for o in outcomes)
    reasons = (*scenario_reasons(scenario), *outcome_reasons(scenario, inputs, outcomes, library))
    if scenario.assumption_overrides:
        library = library.with_overrides(scenario.assumption_overrides)
    return Comparison(
        scenario=scenario,
        options=options,
        reasons=reasons,
        assumptions_version=library.version,
        figures_used=inputs.figures_used,
        library=library,
        plan_terms=plan_terms(scenario, inputs),
    )


# ---- one option, rounded -----------------------------------------------------------------


def _option_result(inputs: Inputs, o: OptionOutcome) -> OptionResult:
    totals, amounts = rounded(o.lines)
    lines = tuple(
        LineResult(
            line.component,
            line.item,
            line.stage,
            o.stages[line.stage].level if line.stage is not None else None,
            amount,
            line.in_total,
            dict(line.basis),
        )
        for line, amount in zip(o.lines, amounts, strict=True)
        if _shown(line, amount)
    )
    return OptionResult(
        name=o.name,
        levels=tuple(s.level for s in o.stages),
        totals=totals,
        lines=lines,
        weekly=_weekly(inputs, o, totals),
        logistics=_logistics(o),
        stages=tuple(_stage_logistics(o, k) for k in range(len(o.stages))),
    )


def _shown(line: Line, amount: float) -> bool:
    if line.in_total or line.item in HIDDEN_WHEN_ZERO:
        return amount != 0.0
    return True


def _exact_rows(lines: tuple[Line, ...]) -> np.ndarray:
    """Every line's exact amount for every draw [USD], shape ``(lines, N)``."""
    n = max((np.size(x.amount_usd) for x in lines), default=1)
    return np.array([np.broadcast_to(np.asarray(x.amount_usd, dtype=float), (n,)) for x in lines]).reshape(-1, n)


def _sum(exact: np.ndarray, items: list[int]) -> np.ndarray:
    """The exact amounts of lines ``items`` added in their order, draw by draw [USD], shape ``(N,)``."""
    total = np.zeros(exact.shape[1])
    for i in items:
        total = total + exact[i]
    return total


def _split(total_cents: np.ndarray, groups: list[list[int]], exact: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Give each group of lines (indexes into the lines) its share of ``total_cents``, then each
    line its share of its group's; writes the lines' cents into ``out``; returns the groups'."""
    shares = split_cents_rows(total_cents, np.array([_sum(exact, g) for g in groups]).reshape(len(groups), -1))
    for g, share in zip(groups, shares, strict=True):
        if g:
            out[g] = split_cents_rows(share, exact[g])
    return shares


def rounded(lines: tuple[Line, ...]) -> tuple[dict[str, float], list[float]]:
    """The option's totals and every line's amount, in dollars rounded to the cent (draw 0; see
    :func:`rounded_rows` for the rules)."""
    totals, amounts = rounded_rows(lines)
    return {k: int(v[0]) / 100.0 for k, v in totals.items()}, [int(c) / 100.0 for c in amounts[:, 0]]


def rounded_rows(lines: tuple[Line, ...]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The option's totals and every line's amount in whole cents, for every draw at once.

    Returns ``totals`` (each an ``(N,)`` int array) and the lines' cents, ``(lines, N)``: draw
    ``i`` is what the option would show were draw ``i`` the only one (a caseload's clients are
    draws; :func:`rounded` is draw 0 of a comparison).

    Notes
    -----
    The cash total is rounded from its exact value, then split into out of pocket and lost
    income, those into components, and each component into its lines (treatment first into the
    family's share of covered care, self-pay, balance bills and fees), always by largest
    remainder; so the lines add up to the components and the components to the totals, and the
    family's share never rounds above a maximum it reached. ``allowed`` is rounded from its exact
    value and ``insurer_paid`` is what is left of it after the family's share and self-pay. Leave used,
    the change in taxes and the leave's pay after tax are each rounded from their exact values
    (so the same leave shows the same in every option), their lines split to match, and the
    totals beside the cash total are the cash total plus them. Lines for information are
    rounded on their own, except insurance's.
    """
    exact = _exact_rows(lines)
    out = to_cents_rows(exact)
    counted = [i for i, x in enumerate(lines) if x.in_total]
    by = {c: [i for i in counted if lines[i].component == c] for c in (*COMPONENTS, "leave", "taxes")}
    family = to_cents_rows(_sum(exact, [i for c in COMPONENTS for i in by[c]]))
    oop, lost = _split(family, [[i for c in OUT_OF_POCKET for i in by[c]], by["lost_income"]], exact, out)
    comps = split_cents_rows(oop, np.array([_sum(exact, by[c]) for c in OUT_OF_POCKET]))
    cents_of = dict(zip(OUT_OF_POCKET, comps, strict=True), lost_income=lost)
    for c in OUT_OF_POCKET:
        groups = _treatment_groups(lines, by[c]) if c == "treatment" else [by[c]]
        _split(cents_of[c], groups, exact, out)
    totals = {c: cents_of[c] for c in COMPONENTS}
    totals.update(out_of_pocket=oop, lost_income=lost, family_total=family)
    totals.update(_insurance(lines, exact, out))
    totals.update(_beside(lines, by, exact, out, family))
    return totals, out


def _treatment_groups(lines: tuple[Line, ...], idx: list[int]) -> list[list[int]]:
    share = [i for i in idx if lines[i].item in PATIENT_SHARE]
    rest = [[i] for i in idx if lines[i].item not in PATIENT_SHARE]
    return [share, *rest] if share else rest


def _insurance(lines: tuple[Line, ...], exact: np.ndarray, out: np.ndarray) -> dict[str, np.ndarray]:
    """``allowed`` from its exact value, split over the stages; each stage's ``insurer_paid`` is what
    is left of its allowed amount after the family's share and self-pay shown, so the two add up
    to the allowed amount to the cent (two half cents never both round up).

    Should a stage's family share round above its allowed amount (a cent at most, on amounts of a
    few cents), insurance is rounded from its exact value instead and ``allowed`` is the sum.
    """
    paid = [i for i, x in enumerate(lines) if x.item == "insurer_paid"]
    rows = [i for i, x in enumerate(lines) if x.item == "allowed"]
    n = exact.shape[1]
    family = {}
    for i in rows:
        # A supplement's payment is a negative line of the family's share and part of insurance.
        parts = [
            j
            for j, y in enumerate(lines)
            if y.stage == lines[i].stage and y.in_total and y.item in (*PATIENT_SHARE, "supplement", "self_pay")
        ]
        family[i] = out[parts].sum(axis=0) if parts else np.zeros(n, dtype=np.int64)
    allowed = to_cents_rows(_sum(exact, rows))
    if rows:
        out[rows] = split_cents_rows(allowed, exact[rows])
    by_stage = {lines[i].stage: i for i in rows}
    left = {
        j: out[by_stage[lines[j].stage]] - family[by_stage[lines[j].stage]] for j in paid if lines[j].stage in by_stage
    }
    if all((v >= 0).all() for v in left.values()) and len(left) == len(paid):
        for j, v in left.items():
            out[j] = v
        insurer = out[paid].sum(axis=0) if paid else np.zeros(n, dtype=np.int64)
        return {"insurer_paid": insurer, "allowed": allowed}
    insurer = to_cents_rows(_sum(exact, paid))
    if paid:
        out[paid] = split_cents_rows(insurer, exact[paid])
    total = np.zeros(n, dtype=np.int64)
    for i in rows:
        out[i] = family[i] + out[[j for j in paid if lines[j].stage == lines[i].stage]].sum(axis=0)
        total = total + out[i]
    return {"insurer_paid": insurer, "allowed": total}


def _beside(lines: tuple[Line, ...], by: dict[str, list[int]], exact: np.ndarray, out: np.ndarray, family) -> dict:
    """Leave used, the change in taxes and the leave's pay after tax, each rounded from its exact
    value with its lines split to match; the totals beside the cash total add them to it."""
    leave = by["leave"]
    taxes = [i for i in by["taxes"] if lines[i].item != "tax_leave"]
    tax_leave = [i for i in by["taxes"] if lines[i].item == "tax_leave"]
    leave_used = to_cents_rows(_sum(exact, leave))
    _split(leave_used, [leave], exact, out)
    tax = to_cents_rows(_sum(exact, taxes))
    on_costs = [i for i in taxes if lines[i].item in TAX_ON_COSTS]
    on_income = [i for i in taxes if lines[i].item not in TAX_ON_COSTS]
    costs_tax, income_tax = _split(tax, [on_costs, on_income], exact, out)
    leave_after = to_cents_rows(_sum(exact, leave) + _sum(exact, tax_leave))
    _split(leave_after - leave_used, [tax_leave], exact, out)
    return {
        "leave_used": leave_used,
        "family_total_with_leave": family + leave_used,
        "tax_effect": tax,
        "family_total_after_tax": family + tax,
        "out_of_pocket_after_tax": _cents_total(by, out, OUT_OF_POCKET) + costs_tax,
        "lost_income_after_tax": _cents_total(by, out, ("lost_income",)) + income_tax,
        "leave_used_after_tax": leave_after,
        "family_total_with_leave_after_tax": family + tax + leave_after,
    }


def _cents_total(by, out: np.ndarray, components) -> np.ndarray:
    return out[[i for c in components for i in by[c]]].sum(axis=0)


def _weekly(inputs: Inputs, o: OptionOutcome, totals: dict[str, float]) -> Weekly:
    n_weeks = int(np.ceil(o.length_days[0] / 7))
    start = inputs.calendar.start_date
    amounts = {}
    for c in (*COMPONENTS, "insurer_paid"):
        by_week = o.daily[c][0].reshape(-1, 7).sum(axis=1)[:n_weeks]
        amounts[c] = split_cumulative(by_week, totals[c])
    amounts["family_total"] = np.array([cents(x) for x in sum(amounts[c] for c in COMPONENTS)])
    amounts["out_of_pocket"] = np.array([cents(x) for x in sum(amounts[c] for c in OUT_OF_POCKET)])
    return Weekly(tuple(start + dt.timedelta(days=7 * w) for w in range(n_weeks)), amounts)


def _logistics(o: OptionOutcome) -> dict[str, float]:
    total = {k: float(v[0].sum()) for k, v in o.daily.items()}
    return logistics_from(total, float(o.length_days[0]))


def logistics_from(total: Mapping[str, Any], days: Any) -> dict[str, Any]:
    """The logistics a family lives with, named as the results name them, from the engine's
    daily figures summed over the option's days (floats for one scenario, arrays over draws)."""
    return {
        "days": days,
        "weeks": days / 7.0,
        "nights_away": total["nights_away"],
        "program_days": total["program_days"],
        "treatment_hours": total["treatment_hours"],
        "patient_travel_hours": total["patient_travel_hours"],
        "family_travel_hours": total["family_travel_hours"],
        "work_hours_scheduled": total["scheduled_work_hours"],
        "work_hours_missed": total["missed_work_hours"],
        "work_hours_kept": total["scheduled_work_hours"] - total["missed_work_hours"],
        "paid_time_off_hours_used": total["pto_hours"],
        "childcare_hours": total["childcare_hours"],
        "visits": total["visits"],
        "family_program_days": total["family_program_days"],
        "partner_hours_off": total["partner_hours_off"],
        "self_pay_days": total["self_pay_days"],
        "medicare_reserve_days": total["medicare_reserve_days"],
    }


#: The logistics' names, in the order the results show them.
LOGISTICS_NAMES = tuple(logistics_from(dict.fromkeys(LOGISTICS, 0.0), 0.0))


def _stage_logistics(o: OptionOutcome, k: int) -> StageLogistics:
    m = o.stage_masks[k][0]
    weeks = m.sum() / 7.0
    s = o.stages[k]

    def per_week(name: str) -> float:
        return round(float(o.daily[name][0][m].sum() / weeks), 1)

    kept = o.daily["scheduled_work_hours"][0][m] - o.daily["missed_work_hours"][0][m]
    return StageLogistics(
        stage=k,
        level=s.level,
        days=int(m.sum()),
        weeks=round(float(weeks), 1),
        sleeps="program" if s.residential else s.patient_lodging,
        treatment_hours_per_week=per_week("treatment_hours"),
        travel_hours_per_week=per_week("patient_travel_hours"),
        work_hours_kept_per_week=round(float(kept.sum() / weeks), 1),
        childcare_hours_per_week=per_week("childcare_hours"),
        nights_away=int(o.daily["nights_away"][0][m].sum()),
        visits=round(float(o.daily["visits"][0][m].sum()), 1),
    )
