"""The public comparison: each option's costs as lines with their arithmetic, week by week.

``Comparison.difference(metric)`` is always **second option minus first option**: positive
means the second option costs the family more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .assumptions import AssumptionSet, load_assumptions
from .engine import COMPONENT_LABELS, COMPONENTS, OUT_OF_POCKET, OptionArrays, Simulation, simulate
from .money import cents, rate, split_cumulative, usd
from .resolve import state_childcare_index
from .scenario import LEVEL_LABELS, PLAN_LABELS, Scenario
from .warnings import model_warnings, scenario_warnings

TOTALS = ("out_of_pocket", "lost_income", "family_total", "insurer_paid", "allowed")
TOTAL_LABELS = {
    "out_of_pocket": "Out of pocket",
    "lost_income": "Lost income",
    "family_total": "Total cost to your family",
    "insurer_paid": "Paid by insurance",
    "allowed": "Allowed treatment charges",
}


@lru_cache(maxsize=1)
def default_assumptions() -> AssumptionSet:
    """The library shipped in ``assumptions/`` (read once per process)."""
    return load_assumptions()


@dataclass(frozen=True)
class OptionResult:
    """One pathway's results, rounded to the cent for people.

    Attributes
    ----------
    totals : dict
        Each component and each of :data:`TOTALS` [USD]; components add up to the totals exactly.
    lines : DataFrame
        ``component, stage, item, amount_usd, basis, in_total``: every line with its arithmetic
        in words; lines with ``in_total`` add up to the component totals.
    weekly : DataFrame
        One row per week: ``week, week_start`` and each component [USD], ``family_total`` and
        ``cumulative_family_total``.
    logistics : dict
        What the option asks of the family beyond money (nights away, hours, work kept, ...).
    stages : DataFrame
        The same logistics per stage, per week.
    """

    name: str
    totals: dict[str, float]
    lines: pd.DataFrame
    weekly: pd.DataFrame
    logistics: dict[str, float]
    stages: pd.DataFrame
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    scenario: Scenario
    options: tuple[OptionResult, ...]
    warnings: tuple[str, ...]
    assumptions_version: str
    assumptions_used: pd.DataFrame

    @property
    def names(self) -> list[str]:
        return [o.name for o in self.options]

    def difference(self, metric: str = "family_total") -> float:
        """Second option minus first [USD]; positive: the second costs more."""
        return cents(self.options[1].totals[metric] - self.options[0].totals[metric])

    def summary(self) -> pd.DataFrame:
        """Components and totals (rows) by option (columns) [USD]."""
        rows = list(COMPONENTS) + ["out_of_pocket", "family_total", "insurer_paid"]
        labels = {**COMPONENT_LABELS, **TOTAL_LABELS}
        data = {o.name: [o.totals[r] for r in rows] for o in self.options}
        return pd.DataFrame(data, index=[labels[r] for r in rows])

    def weekly(self) -> pd.DataFrame:
        """All options' weekly tables, stacked, with an ``option`` column."""
        return pd.concat([o.weekly.assign(option=o.name) for o in self.options], ignore_index=True)

    def lines(self) -> pd.DataFrame:
        return pd.concat([o.lines.assign(option=o.name) for o in self.options], ignore_index=True)

    def headline(self) -> str:
        """The answer in one sentence, for the top of the page."""
        return headline(self)


def compare(scenario: Scenario, assumptions: AssumptionSet | None = None) -> Comparison:
    """Compare every option of ``scenario`` for this family.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (see :func:`calculator.scenario_from_dict`).
    assumptions : AssumptionSet, optional
        Defaults to the shipped library.
    """
    assumptions = assumptions or default_assumptions()
    sim = simulate(scenario, assumptions)
    options = tuple(_option_result(sim, o, i) for i, o in enumerate(sim.options))
    warnings = tuple(scenario_warnings(scenario)) + tuple(model_warnings(sim))
    return Comparison(
        scenario=scenario,
        options=options,
        warnings=warnings,
        assumptions_version=sim.assumptions.version,
        assumptions_used=_assumptions_used(sim),
    )


# ---- building one option's tables ---------------------------------------------------------


def _stage_label(option: OptionArrays, k: int) -> str:
    return f"{k + 1}. {LEVEL_LABELS[option.stages[k].stage.level]}"


def _sum(option: OptionArrays, line: str, k: int | None = None) -> float:
    x = option.lines[line][0]
    if k is not None:
        x = x[option.stage_masks[k][0]]
    return float(x.sum())


def _count(option: OptionArrays, line: str, k: int) -> float:
    return float((option.lines[line][0][option.stage_masks[k][0]] > 0).sum())


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.1f}"


def _option_result(sim: Simulation, o: OptionArrays, index: int) -> OptionResult:
    rows: list[dict] = []
    scenario = sim.scenario
    plan = scenario.insurance.plan_type

    def add(component: str, k: int | None, item: str, amount: float, basis: str, in_total: bool = True) -> None:
        if abs(amount) < 0.005 and in_total:
            return
        rows.append(
            {
                "component": component,
                "stage": _stage_label(o, k) if k is not None else "Whole pathway",
                "item": item,
                "amount_usd": cents(amount),
                "basis": basis,
                "in_total": in_total,
            }
        )

    care_index = state_childcare_index(scenario, sim.assumptions)
    tr = {k: sim.assumptions.value(k) for k in ("car_cost_usd_per_mile", "hotel_usd_per_night", "meals_usd_per_day")}
    for k, s in enumerate(o.stages):
        st = s.stage
        int(s.length_days[0])
        program_days = _count(o, "program_days", k)
        billed = _sum(o, "billed", k) - _sum(o, "admission_fees", k)
        allowed = _sum(o, "allowed", k)
        day_rate = billed / program_days if program_days else 0.0
        unit = "day" if st.is_residential else "program day"
        add(
            "treatment",
            k,
            "Billed charges",
            billed,
            f"{_n(program_days)} {unit}s × {usd(day_rate, decimals=2)}/{unit}",
            False,
        )
        network = "in network" if st.in_network else "out of network"
        add(
            "treatment",
            k,
            "Allowed amount",
            allowed,
            f"what the plan recognizes ({PLAN_LABELS[plan]}, {network})",
            False,
        )
        add("treatment", k, "Paid by insurance", _sum(o, "insurer_paid", k), "allowed amount less your share", False)
        ded = _sum(o, "deductible", k)
        add(
            "treatment",
            k,
            "Deductible",
            ded,
            f"the first {usd(ded, decimals=2)} of allowed charges until the deductible is met",
        )
        copay = _sum(o, "copay", k)
        add("treatment", k, "Copays", copay, "per-day and per-admission copays owed on this stage")
        coins = _sum(o, "coinsurance", k)
        if plan == "medicare" and st.is_residential:
            coins_basis = "Part A daily coinsurance for days 61-90 and lifetime reserve days"
        else:
            base = allowed - ded - copay - _sum(o, "self_pay", k)
            fraction = coins / base if base > 0 else 0.0
            coins_basis = f"{fraction:.0%} of {usd(base, decimals=2)} left after deductible and copays"
        add("treatment", k, "Coinsurance", coins, coins_basis)
        add(
            "treatment",
            k,
            "Out-of-pocket maximum reached",
            -_sum(o, "saved_by_cap", k),
            "your share stops at the plan year's out-of-pocket maximum; the plan pays the rest",
        )
        add(
            "treatment",
            k,
            "Balance bill",
            _sum(o, "balance_bill", k),
            "billed charges above the allowed amount (out of network; no maximum applies)",
        )
        sp_days = _count(o, "self_pay_days", k)
        why = "no insurance" if plan == "uninsured" else "days past authorization, or care the plan does not cover"
        add("treatment", k, "Self-pay days", _sum(o, "self_pay", k), f"{_n(sp_days)} {unit}s at the cash price ({why})")
        add(
            "treatment",
            k,
            "Admission fee",
            _sum(o, "admission_fees", k),
            "one-off fee on admission; insurers rarely cover it",
        )

        nights = _count(o, "patient_lodging", k)
        add(
            "lodging_meals",
            k,
            "Patient's lodging",
            _sum(o, "patient_lodging", k),
            f"{_n(nights)} nights ({st.patient_lodging.replace('_', ' ') if not st.is_residential else 'room not included in the price'})",
        )
        add(
            "lodging_meals",
            k,
            "Patient's meals",
            _sum(o, "patient_meals", k),
            f"{_n(_count(o, 'patient_meals', k))} days × {usd(tr['meals_usd_per_day'], decimals=2)}/day",
        )
        add(
            "lodging_meals",
            k,
            "Family's hotel nights",
            _sum(o, "family_lodging", k),
            f"overnight visits and family-program days × {usd(tr['hotel_usd_per_night'], decimals=2)}/night",
        )
        add(
            "lodging_meals",
            k,
            "Family's meals away",
            _sum(o, "family_meals", k),
            f"visitors × days away × {usd(tr['meals_usd_per_day'], decimals=2)}/day",
        )

        care_hours = _sum(o, "childcare_hours", k)
        state_note = (
            f"; {scenario.household.state} prices: national × {care_index:.3f}" if care_index is not None else ""
        )
        add(
            "childcare",
            k,
            "Paid childcare",
            _sum(o, "childcare", k),
            f"{_n(care_hours)} hours no one in the household can cover, at the cheaper of a sitter by the hour "
            f"or a full week of care{state_note}",
        )

        missed = _sum(o, "missed_work_hours", k)
        add(
            "lost_income",
            k,
            "Wages for work missed",
            _sum(o, "missed_wages", k),
            f"{_n(missed)} work hours missed × your hourly pay",
            False,
        )
        add(
            "lost_income",
            k,
            "Covered by paid time off",
            _sum(o, "pto_pay", k),
            f"{_n(_sum(o, 'pto_hours', k))} hours of paid time off",
            False,
        )
        add(
            "lost_income",
            k,
            "Replaced by disability benefits",
            _sum(o, "disability_benefit", k),
            "short-term disability or the state program, after the waiting period",
            False,
        )
        add(
            "lost_income",
            k,
            "Your wages lost",
            _sum(o, "patient_lost_wages", k),
            "wages missed less paid time off and disability benefits",
        )
        add(
            "lost_income",
            k,
            "Partner's wages lost",
            _sum(o, "partner_lost_wages", k),
            f"{_n(_sum(o, 'partner_hours_off', k))} hours off work for family-program days and driving",
        )

        trips_basis = f"{_n(s.distance_miles[0])} miles each way by {st.travel_mode}" + (
            f", {rate(tr['car_cost_usd_per_mile'], 'mile')}" if st.travel_mode == "car" else ""
        )
        add("travel", k, "Travel", _sum(o, "travel", k), f"trips to the program and family visits; {trips_basis}")
        add(
            "other",
            k,
            "Drug testing and medication",
            _sum(o, "other_stage", k),
            "weekly amounts entered for this stage",
        )
    for c in scenario.options[index].other_costs:
        add("other", None, c.label, c.amount_usd, "entered by you")

    lines = pd.DataFrame(rows, columns=["component", "stage", "item", "amount_usd", "basis", "in_total"])
    counted = lines[lines["in_total"]]
    totals = {c: cents(counted.loc[counted["component"] == c, "amount_usd"].sum()) for c in COMPONENTS}
    totals["out_of_pocket"] = cents(sum(totals[c] for c in OUT_OF_POCKET))
    totals["family_total"] = cents(totals["out_of_pocket"] + totals["lost_income"])
    totals["insurer_paid"] = cents(_sum(o, "insurer_paid"))
    totals["allowed"] = cents(_sum(o, "allowed"))

    weekly = _weekly(sim, o, totals)
    logistics, stages = _logistics(o)
    return OptionResult(
        name=o.name,
        totals=totals,
        lines=lines,
        weekly=weekly,
        logistics=logistics,
        stages=stages,
        warnings=(),
    )


def _weekly(sim: Simulation, o: OptionArrays, totals: dict[str, float]) -> pd.DataFrame:
    n_weeks = int(np.ceil(o.length_days[0] / 7))
    start = sim.scenario.start_date
    data: dict[str, object] = {
        "week": np.arange(1, n_weeks + 1),
        "week_start": [start + dt.timedelta(days=7 * w) for w in range(n_weeks)],
    }
    for c in (*COMPONENTS, "insurer_paid"):
        by_week = o.lines[c][0].reshape(-1, 7).sum(axis=1)[:n_weeks]
        data[c] = split_cumulative(by_week, totals[c])
    frame = pd.DataFrame(data)
    frame["family_total"] = frame[list(COMPONENTS)].sum(axis=1).map(cents)
    frame["out_of_pocket"] = frame[list(OUT_OF_POCKET)].sum(axis=1).map(cents)
    frame["cumulative_family_total"] = frame["family_total"].cumsum().map(cents)
    frame["cumulative_out_of_pocket"] = frame["out_of_pocket"].cumsum().map(cents)
    return frame


def _logistics(o: OptionArrays) -> tuple[dict[str, float], pd.DataFrame]:
    L = {k: v[0] for k, v in o.lines.items()}
    days = float(o.length_days[0])
    weeks = days / 7.0
    scheduled = float(L["scheduled_work_hours"].sum())
    missed = float(L["missed_work_hours"].sum())
    summary = {
        "days": days,
        "weeks": weeks,
        "nights_away": float(L["nights_away"].sum()),
        "program_days": float(L["program_days"].sum()),
        "treatment_hours": float(L["treatment_hours"].sum()),
        "patient_travel_hours": float(L["patient_travel_hours"].sum()),
        "family_travel_hours": float(L["family_travel_hours"].sum()),
        "work_hours_scheduled": scheduled,
        "work_hours_missed": missed,
        "work_hours_kept": scheduled - missed,
        "paid_time_off_hours_used": float(L["pto_hours"].sum()),
        "childcare_hours": float(L["childcare_hours"].sum()),
        "visits": float(L["visits"].sum()),
        "family_program_days": float(L["family_program_days"].sum()),
        "partner_hours_off": float(L["partner_hours_off"].sum()),
        "self_pay_days": float(L["self_pay_days"].sum()),
        "medicare_reserve_days": float(L["medicare_reserve_days"].sum()),
    }
    rows = []
    for k, s in enumerate(o.stages):
        m = o.stage_masks[k][0]
        w = m.sum() / 7.0
        rows.append(
            {
                "stage": _stage_label(o, k),
                "days": int(m.sum()),
                "weeks": round(w, 1),
                "where the patient sleeps": "at the program"
                if s.stage.is_residential
                else ("at home" if s.stage.patient_lodging == "home" else s.stage.patient_lodging.replace("_", " ")),
                "treatment hours a week": round(float(L["treatment_hours"][m].sum() / w), 1),
                "travel hours a week": round(float(L["patient_travel_hours"][m].sum() / w), 1),
                "work hours kept a week": round(
                    float((L["scheduled_work_hours"][m] - L["missed_work_hours"][m]).sum() / w), 1
                ),
                "childcare hours to arrange a week": round(float(L["childcare_hours"][m].sum() / w), 1),
                "nights away": int(L["nights_away"][m].sum()),
                "family visits": round(float(L["visits"][m].sum()), 1),
            }
        )
    return summary, pd.DataFrame(rows)


def _assumptions_used(sim: Simulation) -> pd.DataFrame:
    table = sim.assumptions.table()
    # One row per figure: the newest dated value, the one ``value(key)`` gives the model.
    used = table[table["Key"].isin(sim.defaults_used)].drop_duplicates("Key", keep="last").copy()
    used["Used for"] = used["Key"].map(lambda k: ", ".join(sorted(sim.defaults_used[k])))
    return used.reset_index(drop=True)


# ---- words --------------------------------------------------------------------------------


def main_driver(comparison: Comparison) -> tuple[str, float]:
    """The component that differs most between the first two options, and by how much (B - A)."""
    a, b = comparison.options[0].totals, comparison.options[1].totals
    diffs = {c: b[c] - a[c] for c in COMPONENTS}
    key = max(diffs, key=lambda c: abs(diffs[c]))
    return key, cents(diffs[key])


def headline(comparison: Comparison) -> str:
    a, b = comparison.options[0], comparison.options[1]
    diff = comparison.difference("family_total")
    if abs(diff) < 0.5:
        return f"{a.name} and {b.name} cost your family about the same: {usd(a.totals['family_total'])} in all."
    cheaper, dearer = (b, a) if diff < 0 else (a, b)
    driver, amount = main_driver(comparison)
    reason = COMPONENT_LABELS[driver].lower().replace(" (your share)", "")
    more_or_less = "more" if (amount > 0) == (dearer is b) else "less"
    return (
        f"{cheaper.name} costs your family about {usd(abs(diff))} less in all "
        f"({usd(cheaper.totals['family_total'])} against {usd(dearer.totals['family_total'])}), "
        f"mostly because of {reason}: {usd(abs(amount))} {more_or_less} with {dearer.name}."
    )
