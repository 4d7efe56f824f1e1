"""Decision analysis: how sure the answer is, what drives it, and where it flips.

Three analyses of one scenario, all run through :func:`calculator.evaluate_batch` (the same
vectorized arithmetic as :func:`calculator.compare`), never a Python loop over draws:

- :func:`uncertainty`: every library figure the scenario uses and the user did not enter is
  drawn from a PERT distribution over its low/typical/high; figures the user entered are held
  fixed. Result: each option's total at P10/P50/P90 and the chance each option costs less.
- :func:`tornado`: each uncertain figure swung from low to high with the rest at typical; the
  change in the difference between the options, largest first.
- :func:`break_even`: for the inputs that matter most (length of stay, IOP weeks, prices, pay,
  deductible left, childcare rate, distance) the value at which both options cost the family
  the same, with the curve of the difference against that input.

Sign convention (as in :meth:`calculator.Comparison.difference`): **difference = second option
minus first option** [USD]; positive means the second option costs the family more. With more
than two options the tornado and break-even curves compare the first two.

This module is pure: numpy and pandas only (no Streamlit, no charts).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .assumptions import AssumptionSet
from .batch import BatchTotals, evaluate_batch
from .compare import default_assumptions
from .engine import simulate
from .money import usd
from .scenario import Scenario, Stage

#: The totals the uncertainty bands are given for [USD].
METRICS = ("family_total", "out_of_pocket")
METRIC_LABELS = {"family_total": "Total cost to your family", "out_of_pocket": "Out of pocket"}
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_261_207
PERCENTILES = (10, 50, 90)
#: Points on each break-even curve.
GRID_POINTS = 41
#: Draws per engine call: small enough that a day grid stays in cache, large enough to vectorize.
CHUNK_DRAWS = 2_000
#: Largest draws x days in one chunk: bounds memory (a few hundred MB at most) for long pathways.
CHUNK_DRAW_DAYS = 200_000
#: Draws x days the app spends on the uncertainty run before it uses fewer draws.
APP_DRAW_DAYS = 1_500_000

_SHORT_LEVEL = {
    "withdrawal_management": "detox",
    "residential": "residential",
    "php": "PHP",
    "iop": "IOP",
    "outpatient": "outpatient",
}


# ---- helpers ------------------------------------------------------------------------------


def pinned_assumptions(assumptions: AssumptionSet | None = None) -> AssumptionSet:
    """A copy of ``assumptions`` with every dated value's low and high set to its typical value.

    With it nothing is uncertain: :func:`uncertainty` bands collapse to the plain
    :func:`calculator.compare` totals and the tornado is empty.
    """
    return (assumptions or default_assumptions()).pinned()


def _effective(scenario: Scenario, assumptions: AssumptionSet) -> AssumptionSet:
    """The library after the scenario's own overrides (what the engine uses)."""
    if scenario.assumption_overrides:
        return assumptions.with_overrides(scenario.assumption_overrides)
    return assumptions


def uncertain_keys(scenario: Scenario, assumptions: AssumptionSet | None = None) -> tuple[str, ...]:
    """Library figures this scenario uses, did not override, and whose low < high (sorted).

    The engine is run once (one draw) to learn which defaults the scenario actually uses; a
    figure the user set in ``assumption_overrides`` counts as entered and is held fixed.
    """
    assumptions = assumptions or default_assumptions()
    used = simulate(scenario, assumptions).defaults_used
    eff = _effective(scenario, assumptions)
    keys = [k for k in used if k not in scenario.assumption_overrides and k in eff and eff[k].low < eff[k].high]
    return tuple(sorted(keys))


def pert_draws(low: float, typical: float, high: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws from the PERT distribution over ``[low, high]`` with mode ``typical``.

    Notes
    -----
    ``x = a + (b - a) * Beta(alpha, beta)`` with ``alpha = 1 + 4 (m - a) / (b - a)`` and
    ``beta = 1 + 4 (b - m) / (b - a)`` (``a`` low, ``m`` typical, ``b`` high). When
    ``a == b`` the figure is fixed and every draw is ``typical``. A typical value outside the
    range (an override) widens the range to include it.
    """
    a, b, m = min(low, typical), max(high, typical), typical
    if not b > a:
        return np.full(n, float(m))
    alpha = 1.0 + 4.0 * (m - a) / (b - a)
    beta = 1.0 + 4.0 * (b - m) / (b - a)
    return a + (b - a) * rng.beta(alpha, beta, size=n)


def _longest_days(scenario: Scenario) -> int:
    """Days in the longest option as entered (stages left to the library count as 90 days)."""
    return max(sum(st.length_days or 90 for st in option.stages) for option in scenario.options)


def recommended_draws(scenario: Scenario, budget_draw_days: int = APP_DRAW_DAYS) -> int:
    """Draws for an interactive run: 10,000 for any usual pathway, fewer (not under 1,000) for
    pathways of many months, so the page stays responsive; the page says how many it used."""
    return int(min(DEFAULT_DRAWS, max(1_000, budget_draw_days // max(1, _longest_days(scenario)))))


def _evaluate(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray],
    n: int,
    assumptions: AssumptionSet,
    metrics: tuple[str, ...] = METRICS,
) -> dict[str, np.ndarray]:
    """``evaluate_batch`` in chunks of :data:`CHUNK_DRAWS` draws on up to two threads.

    Draws are independent, so chunking changes nothing but speed: the ``(draws, days)`` arrays
    stay small enough for the CPU cache and numpy releases the GIL for the array arithmetic.
    Returns ``{metric: (n, options)}`` [USD].
    """
    chunk = max(50, min(CHUNK_DRAWS, CHUNK_DRAW_DAYS // max(1, _longest_days(scenario))))
    bounds = [(i, min(i + chunk, n)) for i in range(0, n, chunk)]

    def run(bound: tuple[int, int]) -> BatchTotals:
        lo, hi = bound
        part = {k: (v[lo:hi] if np.ndim(v) else v) for k, v in variations.items()}
        return evaluate_batch(scenario, part, hi - lo, assumptions)

    if len(bounds) > 1:
        workers = max(1, min(len(bounds), os.cpu_count() or 1, 4))
        with ThreadPoolExecutor(workers) as pool:
            parts = list(pool.map(run, bounds))
    else:
        parts = [run(b) for b in bounds]
    return {m: np.concatenate([p.totals[m] for p in parts], axis=0) for m in metrics}


def _phrase_count(p: float) -> str:
    k = int(math.floor(p * 10 + 0.5))
    if p >= 1.0:
        return "In every plausible case"
    if k >= 10:
        return "In nearly every plausible case"
    if k <= 0:
        return "In almost no plausible case"
    return f"In {k} of 10 plausible cases"


# ---- 1. uncertainty -----------------------------------------------------------------------


@dataclass(frozen=True)
class UncertaintyResult:
    """Each option's totals over plausible values of the figures the user left to the library.

    Attributes
    ----------
    option_names : tuple of str
    n_draws, seed : int
        Simulation size and the seed that reproduces it.
    varied_keys : tuple of str
        Library figures that were drawn (the rest were fixed).
    bands : DataFrame
        ``option, metric, p10_usd, p50_usd, p90_usd, mean_usd``: one row per option and metric
        in :data:`METRICS`.
    difference : DataFrame
        ``metric, p10_usd, p50_usd, p90_usd, mean_usd`` of the difference, second option minus
        first [USD].
    probability_cheaper : dict
        ``{metric: {option name: probability}}``: the share of draws in which that option costs
        the family strictly less than every other option (0–1). Ties count for no option.
    """

    option_names: tuple[str, ...]
    n_draws: int
    seed: int
    varied_keys: tuple[str, ...]
    bands: pd.DataFrame
    difference: pd.DataFrame
    probability_cheaper: dict[str, dict[str, float]]

    def band(self, option: str | int, metric: str = "family_total") -> tuple[float, float, float]:
        """``(P10, P50, P90)`` of one option's total [USD]."""
        name = self.option_names[option] if isinstance(option, int) else option
        row = self.bands[(self.bands["option"] == name) & (self.bands["metric"] == metric)].iloc[0]
        return float(row["p10_usd"]), float(row["p50_usd"]), float(row["p90_usd"])

    def difference_band(self, metric: str = "family_total") -> tuple[float, float, float]:
        """``(P10, P50, P90)`` of second option minus first [USD]."""
        row = self.difference[self.difference["metric"] == metric].iloc[0]
        return float(row["p10_usd"]), float(row["p50_usd"]), float(row["p90_usd"])

    def likely_cheaper(self, metric: str = "family_total") -> tuple[str, float]:
        """The option most often cheapest and how often (0–1)."""
        probs = self.probability_cheaper[metric]
        name = max(self.option_names, key=lambda o: probs[o])
        return name, probs[name]

    def words(self, metric: str = "family_total") -> str:
        """The finding in one or two sentences, e.g. *In 8 of 10 plausible cases IOP costs your
        family less; the gap is between $A and $B.* The gap is the P10–P90 range of the
        difference between the first two options."""
        what = "costs your family less" if metric == "family_total" else "costs your family less out of pocket"
        if not self.varied_keys:
            lo, _, _ = self.difference_band(metric)
            if abs(lo) < 0.5:
                return f"{self.option_names[0]} and {self.option_names[1]} cost the same; every figure is fixed."
            cheaper = self.option_names[1] if lo < 0 else self.option_names[0]
            return f"With every figure fixed, {cheaper} {what} by {usd(abs(lo))}."
        name, p = self.likely_cheaper(metric)
        lead = _phrase_count(p)
        p10, _, p90 = self.difference_band(metric)
        # The gap from the cheaper option's side: how much more the other one costs.
        first_two = self.option_names[:2]
        if name in first_two:
            sign = -1.0 if name == first_two[1] else 1.0
            gap_lo, gap_hi = sorted((sign * p10, sign * p90))
            if gap_lo >= 0:
                gap = f"the gap is between {usd(gap_lo)} and {usd(gap_hi)}"
            else:
                gap = f"the gap runs from {usd(-gap_lo)} the other way to {usd(gap_hi)} in its favour"
            return f"{lead} {name} {what}; {gap}."
        return f"{lead} {name} {what}."


def uncertainty(
    scenario: Scenario,
    n: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    assumptions: AssumptionSet | None = None,
) -> UncertaintyResult:
    """Each option's totals at P10/P50/P90 when the library's figures are uncertain.

    Parameters
    ----------
    scenario : Scenario
    n : int
        Number of draws (default 10,000).
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same numbers.
    assumptions : AssumptionSet, optional
        Defaults to the shipped library.

    Notes
    -----
    Only figures in :func:`uncertain_keys` vary (used by this scenario, not entered by the
    user, low < high), each independently from a PERT distribution (:func:`pert_draws`),
    drawn in sorted key order. They are passed to the engine as assumption-key variations, so
    they replace the library value only where the user left the field empty.
    """
    assumptions = assumptions or default_assumptions()
    eff = _effective(scenario, assumptions)
    keys = uncertain_keys(scenario, assumptions)
    rng = np.random.default_rng(seed)
    draws = {k: pert_draws(eff[k].low, eff[k].typical, eff[k].high, n, rng) for k in keys}
    if keys:
        totals = _evaluate(scenario, draws, n, assumptions)
    else:
        one = evaluate_batch(scenario, {}, 1, assumptions)
        totals = {m: np.repeat(one.totals[m], n, axis=0) for m in METRICS}
    names = tuple(o.name for o in scenario.options)

    rows = []
    for m in METRICS:
        pct = np.percentile(totals[m], PERCENTILES, axis=0)
        for i, name in enumerate(names):
            rows.append(
                {
                    "option": name,
                    "metric": m,
                    "p10_usd": float(pct[0, i]),
                    "p50_usd": float(pct[1, i]),
                    "p90_usd": float(pct[2, i]),
                    "mean_usd": float(totals[m][:, i].mean()),
                }
            )
    bands = pd.DataFrame(rows)
    diff_rows = []
    probs: dict[str, dict[str, float]] = {}
    for m in METRICS:
        t = totals[m]
        d = t[:, 1] - t[:, 0]
        pct = np.percentile(d, PERCENTILES)
        diff_rows.append(
            {
                "metric": m,
                "p10_usd": float(pct[0]),
                "p50_usd": float(pct[1]),
                "p90_usd": float(pct[2]),
                "mean_usd": float(d.mean()),
            }
        )
        probs[m] = {}
        for i, name in enumerate(names):
            others = np.delete(t, i, axis=1)
            probs[m][name] = float(np.mean(t[:, i] < others.min(axis=1)))
    return UncertaintyResult(
        option_names=names,
        n_draws=n,
        seed=seed,
        varied_keys=keys,
        bands=bands,
        difference=pd.DataFrame(diff_rows),
        probability_cheaper=probs,
    )


# ---- 2. tornado ---------------------------------------------------------------------------

TORNADO_COLUMNS = (
    "key",
    "label",
    "unit",
    "low",
    "typical",
    "high",
    "diff_at_low_usd",
    "diff_at_high_usd",
    "change_at_low_usd",
    "change_at_high_usd",
    "swing_usd",
)


def tornado(
    scenario: Scenario,
    assumptions: AssumptionSet | None = None,
    metric: str = "family_total",
) -> pd.DataFrame:
    """How much each uncertain figure moves the difference between the options.

    Parameters
    ----------
    scenario : Scenario
    assumptions : AssumptionSet, optional
    metric : str
        ``"family_total"`` (default) or ``"out_of_pocket"``.

    Returns
    -------
    DataFrame
        One row per figure in :func:`uncertain_keys`, largest swing first, with columns
        :data:`TORNADO_COLUMNS`: ``diff_at_low_usd`` / ``diff_at_high_usd`` are the difference
        (second option minus first) [USD] with that figure at its low / high and every other
        figure typical; ``change_at_*`` subtract the difference at typical; ``swing_usd`` is
        ``|diff_at_high_usd - diff_at_low_usd|``. ``attrs["baseline_difference_usd"]`` holds
        the difference at typical.

    Notes
    -----
    All ``2K`` swings (plus one all-typical row) run in one engine call of ``2K + 1`` draws.
    """
    assumptions = assumptions or default_assumptions()
    eff = _effective(scenario, assumptions)
    keys = uncertain_keys(scenario, assumptions)
    k = len(keys)
    n = 2 * k + 1
    variations = {}
    for i, key in enumerate(keys):
        f = eff[key]
        col = np.full(n, f.typical)
        col[2 * i] = f.low
        col[2 * i + 1] = f.high
        variations[key] = col
    totals = evaluate_batch(scenario, variations, n, assumptions).totals[metric]
    diff = totals[:, 1] - totals[:, 0]
    base = float(diff[-1])
    rows = []
    for i, key in enumerate(keys):
        f = eff[key]
        lo, hi = float(diff[2 * i]), float(diff[2 * i + 1])
        rows.append(
            {
                "key": key,
                "label": f.label,
                "unit": f.unit,
                "low": f.low,
                "typical": f.typical,
                "high": f.high,
                "diff_at_low_usd": lo,
                "diff_at_high_usd": hi,
                "change_at_low_usd": lo - base,
                "change_at_high_usd": hi - base,
                "swing_usd": abs(hi - lo),
            }
        )
    frame = pd.DataFrame(rows, columns=list(TORNADO_COLUMNS))
    frame = frame.sort_values(["swing_usd", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)
    frame.attrs["baseline_difference_usd"] = base
    frame.attrs["option_names"] = tuple(o.name for o in scenario.options[:2])
    return frame


def _fmt_range(low: float, high: float, unit: str) -> str:
    """``"$500 to $650 per day"``, ``"15 to 500 miles"``, ``"10% to 30%"``."""
    if unit.startswith("USD"):
        per = unit.removeprefix("USD").removeprefix("/")
        dec = 2 if max(abs(low), abs(high)) < 10 else 0
        text = f"{usd(low, decimals=dec)} to {usd(high, decimals=dec)}"
        return f"{text} per {per}" if per else text
    if unit == "fraction":
        return f"{low:.0%} to {high:.0%}"

    def num(v: float) -> str:
        return f"{v:,.2f}".rstrip("0").rstrip(".")

    return f"{num(low)} to {num(high)} {unit}"


def tornado_words(frame: pd.DataFrame, top: int = 3) -> str:
    """The top drivers of the difference in words, naming each figure by its library label."""
    moving = frame[frame["swing_usd"] >= 0.5].head(top)
    if moving.empty:
        return "No uncertain figure changes the difference between the options."
    first, second = frame.attrs.get("option_names", ("the first option", "the second option"))
    parts = []
    for _, r in moving.iterrows():
        parts.append(
            f"{r['label'].lower()} (from {_fmt_range(r['low'], r['high'], r['unit'])} "
            f"moves the gap by {usd(r['swing_usd'])})"
        )
    if len(parts) == 1:
        listed = parts[0]
    else:
        listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    many = "What drives the difference most" if len(parts) > 1 else "What drives the difference"
    return f"{many} between {first} and {second}: {listed}."


# ---- 3. break-even ------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    """Where the first two options cost the family the same as one input changes.

    Attributes
    ----------
    label : str
        The input in words (``"residential length of stay"``).
    path : str
        The scenario field path (or assumption key) varied.
    unit : str
        Unit of the values shown (``"days"``, ``"weeks"``, ``"USD/day"`` ...).
    current : float
        The input's value in this scenario [unit].
    crossing : float or None
        The break-even value nearest the current value [unit]; ``None`` when the difference
        keeps its sign over the range. For whole-day inputs it is the last whole value on
        the current side before the cheaper option changes.
    crossings : tuple of float
        Every crossing found in the range [unit].
    bracket : tuple of float, optional
        ``(value on the current side, value on the other side)`` around ``crossing`` [unit].
    values, differences_usd : ndarray
        The curve: input values [unit] and difference, second option minus first [USD].
    current_difference_usd : float
    integer : bool
        The model rounds this input to whole days.
    words : str
    """

    label: str
    path: str
    unit: str
    current: float
    crossing: float | None
    crossings: tuple[float, ...]
    bracket: tuple[float, float] | None
    values: np.ndarray
    differences_usd: np.ndarray
    current_difference_usd: float
    integer: bool
    words: str
    option_names: tuple[str, str] = ("", "")

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"value": self.values, "difference_usd": self.differences_usd})


@dataclass
class _Input:
    label: str
    path: str
    unit: str
    current_x: float  # in model units (days, USD, miles, ...)
    lo_x: float
    hi_x: float
    vary: Callable[[np.ndarray], dict[str, np.ndarray]]
    integer: bool = False
    scale: float = 1.0  # display = offset + scale * x
    offset: float = 0.0
    lower: str = "below"  # words for display values below / above the crossing
    higher: str = "above"
    subject: str = ""
    noun: str = ""  # the input with its article ("your pay"); default "the " + label
    fmt: Callable[[float], str] = field(default=lambda v: f"{v:,.1f}")

    def __post_init__(self) -> None:
        self.noun = self.noun or f"the {self.label}"

    def show(self, x: np.ndarray | float) -> np.ndarray | float:
        return self.offset + self.scale * x


def _find_stage(
    scenario: Scenario, want: Callable[[Stage], bool], prefer_not: int | None = None
) -> tuple[int, int] | None:
    hits = [(i, j) for i, option in enumerate(scenario.options[:2]) for j, s in enumerate(option.stages) if want(s)]
    if prefer_not is not None:
        hits.sort(key=lambda ij: ij[0] == prefer_not)
    return hits[0] if hits else None


def _money(v: float) -> str:
    return usd(v)


def _inputs(scenario: Scenario, assumptions: AssumptionSet) -> list[_Input]:
    """The break-even inputs this scenario has, each with its variation in model units."""
    sim = simulate(scenario, assumptions)
    eff = _effective(scenario, assumptions)
    inputs: list[_Input] = []

    def widen(cur: float, lo: float = 0.25, hi: float = 3.0) -> tuple[float, float]:
        return cur * lo, cur * hi

    res = _find_stage(scenario, lambda s: s.level == "residential") or _find_stage(scenario, lambda s: s.is_residential)
    out = _find_stage(scenario, lambda s: s.level == "iop", res[0] if res else None) or _find_stage(
        scenario, lambda s: not s.is_residential, res[0] if res else None
    )
    for ij, kind in ((res, "res"), (out, "out")):
        if ij is None:
            continue
        i, j = ij
        st = scenario.options[i].stages[j]
        rs = sim.options[i].stages[j]
        short = _SHORT_LEVEL[st.level]
        path = f"options[{i}].stages[{j}]"
        days = float(rs.length_days[0])
        lo, hi = max(1.0, math.floor(days * 0.25)), min(365.0, math.ceil(days * 3.0))
        if kind == "res":
            inputs.append(
                _Input(
                    label=f"{short} length of stay",
                    path=f"{path}.length_days",
                    unit="days",
                    current_x=days,
                    lo_x=lo,
                    hi_x=hi,
                    vary=lambda x, p=f"{path}.length_days": {p: x},
                    integer=True,
                    subject=f"the {short} stay is",
                    lower="shorter than",
                    higher="longer than",
                    fmt=lambda v: f"{v:,.0f} days",
                )
            )
        else:
            inputs.append(
                _Input(
                    label=f"{short} length",
                    path=f"{path}.length_days",
                    unit="weeks",
                    current_x=days,
                    lo_x=lo,
                    hi_x=hi,
                    vary=lambda x, p=f"{path}.length_days": {p: x},
                    integer=True,
                    scale=1.0 / 7.0,
                    subject=f"the {short} runs",
                    lower="shorter than",
                    higher="longer than",
                    fmt=lambda v: f"{v:,.1f}".removesuffix(".0") + " weeks",
                )
            )
        if st.price_usd is None or st.price_basis in {"per_day", "per_session"}:
            price = float(rs.price_per_program_day_usd[0])
            unit = "USD/day" if st.is_residential else "USD/program day"
            if price > 0:
                plo, phi = widen(price)
            else:
                key = f"{st.level}_price_usd_per_day"
                if key not in eff:
                    continue
                plo, phi = 0.0, 3.0 * eff[key].high
            inputs.append(
                _Input(
                    label=f"{short} price per {'day' if st.is_residential else 'program day'}",
                    path=f"{path}.price_usd",
                    unit=unit,
                    current_x=price,
                    lo_x=plo,
                    hi_x=phi,
                    vary=lambda x, p=f"{path}.price_usd": {p: x},
                    subject=f"the {short} price is",
                    lower="under",
                    higher="over",
                    fmt=lambda v, u=unit: f"{usd(v)}/{u.removeprefix('USD/')}",
                )
            )

    h = scenario.household
    if h.work_schedule != "not_working":
        if h.pay_basis == "salary" and h.salary_usd_per_year is not None:
            cur = float(h.salary_usd_per_year)
            lo, hi = widen(cur)
            inputs.append(
                _Input(
                    "your salary",
                    "household.salary_usd_per_year",
                    "USD/year",
                    cur,
                    lo,
                    hi,
                    lambda x: {"household.salary_usd_per_year": x},
                    noun="your salary",
                    subject="your salary is",
                    lower="under",
                    higher="over",
                    fmt=lambda v: f"{usd(v)} a year",
                )
            )
        else:
            cur = float(
                h.pay_usd_per_hour
                if h.pay_usd_per_hour is not None
                else eff.value("median_hourly_earnings_usd_per_hour")
            )
            lo, hi = widen(cur)
            inputs.append(
                _Input(
                    "your pay",
                    "household.pay_usd_per_hour",
                    "USD/hour",
                    cur,
                    lo,
                    hi,
                    lambda x: {"household.pay_usd_per_hour": x},
                    noun="your pay",
                    subject="your pay is",
                    lower="under",
                    higher="over",
                    fmt=lambda v: f"{usd(v, decimals=2)}/hour",
                )
            )

    ins = scenario.insurance
    if ins.plan_type in {"employer", "marketplace"}:
        ded = float(
            ins.deductible_usd if ins.deductible_usd is not None else eff.value(f"{ins.plan_type}_deductible_usd")
        )
        if ded > 0:
            inputs.append(
                _Input(
                    "deductible left",
                    "insurance.deductible_met_usd",
                    "USD",
                    float(ins.deductible_met_usd),
                    0.0,
                    ded,
                    lambda x: {"insurance.deductible_met_usd": x},
                    scale=-1.0,
                    offset=ded,
                    subject="the deductible left this plan year is",
                    lower="under",
                    higher="over",
                    fmt=lambda v: usd(v),
                )
            )

    if "babysitter_usd_per_hour" in sim.defaults_used:
        keys = [
            k
            for k in sim.defaults_used
            if k.startswith(("babysitter_", "childcare_full_week_")) and k != "childcare_full_week_hours"
        ]
        base = {k: eff.value(k) for k in keys}
        rate = base["babysitter_usd_per_hour"]
        if rate > 0:
            lo, hi = widen(rate)
            inputs.append(
                _Input(
                    "childcare rate",
                    "babysitter_usd_per_hour",
                    "USD/hour",
                    rate,
                    lo,
                    hi,
                    lambda x, b=base, r=rate: {k: v * x / r for k, v in b.items()},
                    subject="a babysitter costs",
                    lower="under",
                    higher="over",
                    fmt=lambda v: f"{usd(v, decimals=2)}/hour",
                )
            )

    for ij in (res, out):
        if ij is None:
            continue
        i, j = ij
        st = scenario.options[i].stages[j]
        short = _SHORT_LEVEL[st.level]
        cur = float(sim.options[i].stages[j].distance_miles[0])
        key = "residential_distance_miles" if st.is_residential else "outpatient_distance_miles"
        lo, hi = widen(cur) if cur > 0 else (0.0, eff[key].high)
        path = f"options[{i}].stages[{j}].distance_miles"
        inputs.append(
            _Input(
                f"distance to the {short} program",
                path,
                "miles",
                cur,
                lo,
                hi,
                lambda x, p=path: {p: x},
                subject=f"the {short} program is",
                lower="closer than",
                higher="farther than",
                fmt=lambda v: f"{v:,.0f} miles",
            )
        )
    return inputs


def _batch_inputs(
    scenario: Scenario, assumptions: AssumptionSet, inputs: list[_Input], xs: list[np.ndarray], metric: str
) -> list[np.ndarray]:
    """Differences [USD] at ``xs[i]`` for input ``i``, all inputs in one engine call."""
    sizes = [len(x) for x in xs]
    n = sum(sizes)
    if n == 0:
        return [np.zeros(0) for _ in xs]
    # Every input's key at its current value, then each block of rows moves one input.
    variations: dict[str, np.ndarray] = {}
    for inp in inputs:
        for key, value in inp.vary(np.array([inp.current_x])).items():
            variations.setdefault(key, np.full(n, float(value[0])))
    start = 0
    for inp, x in zip(inputs, xs, strict=True):
        if len(x):
            for key, value in inp.vary(np.asarray(x, dtype=float)).items():
                variations[key][start : start + len(x)] = value
        start += len(x)
    totals = evaluate_batch(scenario, variations, n, assumptions).totals[metric]
    diff = totals[:, 1] - totals[:, 0]
    out, start = [], 0
    for size in sizes:
        out.append(diff[start : start + size])
        start += size
    return out


def _refine(
    scenario: Scenario,
    assumptions: AssumptionSet,
    inputs: list[_Input],
    brackets: list[list[list[float]]],
    metric: str,
    points: int = 15,
    rounds: int = 8,
) -> list[list[list[float]]]:
    """Shrink each ``[x_a, x_b, d_a, d_b]`` bracket (a sign change) to a tolerance.

    Each round evaluates ``points`` interior points of every open bracket in one batch:
    continuous inputs stop at 0.0001 of the range or a cent of difference, whole-day inputs
    at adjacent days.
    """
    for _ in range(rounds):
        xs: list[np.ndarray] = []
        slots: list[list[int]] = []
        for inp, bs in zip(inputs, brackets, strict=True):
            pts, owners = [], []
            for b_i, (xa, xb, da, db) in enumerate(bs):
                if inp.integer:
                    if abs(xb - xa) <= 1:
                        continue
                    inner = np.unique(np.rint(np.linspace(xa, xb, points + 2)[1:-1]))
                    inner = inner[(inner != xa) & (inner != xb)]
                else:
                    tol = 1e-4 * (inp.hi_x - inp.lo_x)
                    if abs(xb - xa) <= tol or min(abs(da), abs(db)) < 0.005:
                        continue
                    inner = np.linspace(xa, xb, points + 2)[1:-1]
                pts.extend(inner.tolist())
                owners.extend([b_i] * len(inner))
            xs.append(np.array(pts))
            slots.append(owners)
        if not any(len(x) for x in xs):
            break
        diffs = _batch_inputs(scenario, assumptions, inputs, xs, metric)
        for bs, x, d, owners in zip(brackets, xs, diffs, slots, strict=True):
            for b_i in set(owners):
                xa, xb, da, db = bs[b_i]
                sel = [k for k, o in enumerate(owners) if o == b_i]
                px = np.concatenate([[xa], x[sel], [xb]])
                pd_ = np.concatenate([[da], d[sel], [db]])
                side = pd_ > 0
                flip = int(np.argmax(side[1:] != side[:-1]))
                bs[b_i] = [px[flip], px[flip + 1], pd_[flip], pd_[flip + 1]]
    return brackets


def break_even(
    scenario: Scenario,
    assumptions: AssumptionSet | None = None,
    metric: str = "family_total",
    grid_points: int = GRID_POINTS,
) -> list[BreakEven]:
    """Where the first two options cost the family the same, input by input.

    Parameters
    ----------
    scenario : Scenario
    assumptions : AssumptionSet, optional
    metric : str
        ``"family_total"`` (default) or ``"out_of_pocket"``.
    grid_points : int
        Points on each curve (41 by default).

    Returns
    -------
    list of BreakEven
        One per input the scenario has: residential length of stay [days], IOP length
        [weeks], the residential and IOP prices per day [USD/day] (skipped when the user
        priced a stage per week or per program), pay [USD/hour or USD/year], deductible left
        [USD], childcare rate [USD/hour; full-week prices scale with it; only with children],
        and the one-way distance to the residential program and to the IOP [miles] (that
        stage only).

    Notes
    -----
    Each input is varied by scenario field path, so it moves whether the user entered it or
    left it to the library; the others stay at their current values. Ranges run from 0.25× to
    3× the current value (lengths capped at 365 days; deductible left from 0 to the whole
    deductible). All curves are evaluated in one engine call, every sign change is refined
    with a few more batched calls (:func:`_refine`), and the crossing is interpolated
    linearly inside the final bracket (whole days for lengths of stay).
    """
    assumptions = assumptions or default_assumptions()
    inputs = _inputs(scenario, assumptions)
    xs = []
    for inp in inputs:
        g = np.linspace(inp.lo_x, inp.hi_x, grid_points)
        if inp.integer:
            g = np.unique(np.rint(g))
        g = np.unique(np.append(g, inp.current_x))
        xs.append(g)
    diffs = _batch_inputs(scenario, assumptions, inputs, xs, metric)
    brackets: list[list[list[float]]] = []
    for x, d in zip(xs, diffs, strict=True):
        side = d > 0
        idx = np.nonzero(side[1:] != side[:-1])[0]
        brackets.append([[x[k], x[k + 1], d[k], d[k + 1]] for k in idx])
    brackets = _refine(scenario, assumptions, inputs, brackets, metric)
    names = (scenario.options[0].name, scenario.options[1].name)
    results = []
    for inp, x, d, bs in zip(inputs, xs, diffs, brackets, strict=True):
        cur_d = float(d[np.searchsorted(x, inp.current_x)])
        cur_side = cur_d > 0
        crossings_x = []
        near = []
        for xa, xb, da, db in bs:
            if inp.integer:
                # The last whole value on the current side, and the first beyond it.
                here, there = (xa, xb) if (da > 0) == cur_side else (xb, xa)
                cx = here
            else:
                cx = xa if da == db else xa + (xb - xa) * (0.0 - da) / (db - da)
                here, there = (xa, xb) if (da > 0) == cur_side else (xb, xa)
            crossings_x.append(cx)
            near.append((abs(cx - inp.current_x), cx, here, there))
        near.sort()
        crossing = near[0][1] if near else None
        bracket = (float(inp.show(near[0][2])), float(inp.show(near[0][3]))) if near else None
        shown = inp.show(x)
        order = np.argsort(shown)
        res = BreakEven(
            label=inp.label,
            path=inp.path,
            unit=inp.unit,
            current=float(inp.show(inp.current_x)),
            crossing=None if crossing is None else float(inp.show(crossing)),
            crossings=tuple(sorted(float(inp.show(c)) for c in crossings_x)),
            bracket=bracket,
            values=np.asarray(shown)[order],
            differences_usd=d[order],
            current_difference_usd=cur_d,
            integer=inp.integer,
            words="",
            option_names=names,
        )
        results.append(replace(res, words=_break_even_words(res, inp)))
    return results


def _break_even_words(b: BreakEven, inp: _Input) -> str:
    first, second = b.option_names
    lo, hi = float(b.values.min()), float(b.values.max())
    if abs(b.current_difference_usd) < 0.5:
        cheaper = None
    else:
        cheaper = second if b.current_difference_usd < 0 else first
    if b.crossing is None:
        if cheaper is None:
            return f"{first} and {second} cost your family about the same at the current {b.label}."
        return (
            f"{cheaper} stays cheaper for your family with {inp.noun} anywhere from "
            f"{inp.fmt(lo)} to {inp.fmt(hi)}: no crossing in the plausible range."
        )
    direction = inp.lower if b.crossing < b.current else inp.higher
    # Whole days: the crossing is the last whole value on the current side, so "shorter than
    # 12 days" means 12 days still keeps the answer and 11 flips it.
    threshold = b.crossing
    extra = ""
    if len(b.crossings) > 1:
        extra = f" (the curve crosses {len(b.crossings)} times between {inp.fmt(lo)} and {inp.fmt(hi)})"
    if cheaper is None:
        return (
            f"The options cost your family the same at the current {b.label}; they swap at {inp.fmt(threshold)}{extra}."
        )
    return f"{cheaper} stays cheaper for your family unless {inp.subject} {direction} {inp.fmt(threshold)}{extra}."


# ---- all three ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    """Uncertainty bands, tornado and break-even curves for one scenario."""

    uncertainty: UncertaintyResult
    tornado: pd.DataFrame
    break_even: tuple[BreakEven, ...]

    def drivers_words(self, top: int = 3) -> str:
        return tornado_words(self.tornado, top)

    def words(self) -> list[str]:
        """Every finding as a sentence, in the order the app shows them."""
        return [self.uncertainty.words(), self.drivers_words(), *(b.words for b in self.break_even)]


def analyse(
    scenario: Scenario,
    n: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    assumptions: AssumptionSet | None = None,
) -> Analysis:
    """Run :func:`uncertainty`, :func:`tornado` and :func:`break_even` on ``scenario``."""
    assumptions = assumptions or default_assumptions()
    return Analysis(
        uncertainty=uncertainty(scenario, n=n, seed=seed, assumptions=assumptions),
        tornado=tornado(scenario, assumptions),
        break_even=tuple(break_even(scenario, assumptions)),
    )
