"""Which library figures are uncertain for a scenario, how they are drawn, and running many draws.

Every analysis runs through :func:`calculator.evaluate_batch` (the same vectorized arithmetic as
:func:`calculator.compare`), never a Python loop over draws, in chunks small enough that memory
stays bounded whatever the scenario (:func:`evaluate`).

The work of one evaluation is its *option-days*: options x calendar days the engine steps
through, weighted by what makes a day dearer (:func:`work_per_draw`). Each analysis has a
budget of them (see :mod:`.uncertainty`, :mod:`.break_even`), so the largest scenario the
schema allows (four options of six year-long stages, ten children) costs a bounded time and
memory, as a short one does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .. import keys as K
from ..assumptions import AssumptionSet
from ..batch import evaluate_batch
from ..resolve import resolve
from ..scenario import Scenario

#: The totals the analyses report [USD].
METRICS = ("family_total", "out_of_pocket")
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_261_207
#: Extra engine work for each stage of an option beyond the first, and for each child, as a
#: share of a day of a one-stage option with no children (CPU time per draw-day, measured:
#: six stages about 1.5x, ten children about 1.3x).
STAGE_WEIGHT, CHILD_WEIGHT = 0.1, 0.03
#: Points on the grid that tabulates each PERT distribution's quantile function.
QUANTILE_GRID = 2_049


@dataclass(frozen=True, slots=True)
class UncertainFigure:
    """A library figure the scenario relies on, with its plausible range on the start date."""

    key: str
    label: str
    unit: str
    low: float
    typical: float
    high: float


def effective(scenario: Scenario, library: AssumptionSet) -> AssumptionSet:
    """The library after the scenario's own overrides (what the engine uses)."""
    if scenario.assumption_overrides:
        return library.with_overrides(scenario.assumption_overrides)
    return library


def uncertain_figures(scenario: Scenario, library: AssumptionSet) -> tuple[UncertainFigure, ...]:
    """Library figures this scenario uses, did not override, and whose low < high (by key).

    The scenario is resolved once to learn which figures its arithmetic uses; a figure the user
    set in ``assumption_overrides`` counts as entered and is held fixed. Each range is the one
    of the value in force on the start date.
    """
    used = resolve(scenario, library).figures_used
    eff = effective(scenario, library)
    out = []
    for key in sorted(used):
        if key in scenario.assumption_overrides or used[key].structural:
            continue
        fig = eff[key]
        value = fig.in_force(scenario.start_date)
        if value.low < value.high:
            out.append(
                UncertainFigure(key, fig.label, fig.unit, value.low, fig.typical_on(scenario.start_date), value.high)
            )
    return tuple(out)


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


def pert_quantiles(low: float, typical: float, high: float, u: np.ndarray) -> np.ndarray:
    """The PERT distribution's quantiles at probabilities ``u`` (same parameters as :func:`pert_draws`).

    Notes
    -----
    The Beta(alpha, beta) density (both parameters between 1 and 5, so it is bounded) is
    integrated by the trapezoid rule on :data:`QUANTILE_GRID` points of [0, 1] and the
    cumulative distribution inverted by linear interpolation; the error in probability is
    below 1e-6, far under the sampling error of any number of draws used here.
    """
    a, b, m = min(low, typical), max(high, typical), typical
    if not b > a:
        return np.full(np.shape(u), float(m))
    alpha = 1.0 + 4.0 * (m - a) / (b - a)
    beta = 1.0 + 4.0 * (b - m) / (b - a)
    x = np.linspace(0.0, 1.0, QUANTILE_GRID)
    density = x ** (alpha - 1.0) * (1.0 - x) ** (beta - 1.0)
    cdf = np.concatenate(([0.0], np.cumsum((density[1:] + density[:-1]) / 2.0)))
    return a + (b - a) * np.interp(u, cdf / cdf[-1], x)


def latin_hypercube(figures: tuple[UncertainFigure, ...], n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """``n`` joint draws of ``figures``, a Latin hypercube: each figure independently PERT.

    Notes
    -----
    For each figure (in the order given) the probability range is cut into ``n`` equal strata;
    each stratum is drawn once, at a uniform point inside it, and the strata are paired across
    figures by an independent random permutation. Every figure's whole range is then covered
    evenly by few draws, so the percentiles settle with fewer draws than independent sampling
    (``scripts/benchmark_analysis.py --quality`` measures by how much).
    """
    out = {}
    for f in figures:
        u = (rng.permutation(n) + rng.random(n)) / n
        out[f.key] = pert_quantiles(f.low, f.typical, f.high, u)
    return out


def calendar_days(scenario: Scenario, library: AssumptionSet) -> int:
    """Calendar days the engine steps through for any draw of ``scenario`` (an upper bound) [days].

    The longest option, with each stage the library fills at the high of its typical length
    (weeks for outpatient levels), rounded up to whole weeks as the engine's calendar is.
    """
    eff = effective(scenario, library)

    def stage_days(stage) -> int:
        if stage.length_days is not None:
            return stage.length_days
        figure = eff[K.length(stage.level)]
        top = max(figure.in_force(scenario.start_date).high, figure.typical_on(scenario.start_date))
        return max(1, math.ceil(top * (1 if stage.is_residential else 7)))

    longest = max(sum(stage_days(s) for s in option.stages) for option in scenario.options)
    return -(-max(longest, 7) // 7) * 7


def work_per_draw(scenario: Scenario, library: AssumptionSet, days: int | None = None) -> float:
    """The work of one draw of ``scenario``: option-days, weighted [option-days].

    Notes
    -----
    ``days`` (default :func:`calendar_days`) x the sum over options of
    ``1 + STAGE_WEIGHT * (stages - 1)``, x ``1 + CHILD_WEIGHT * children``: the engine applies
    each stage's rules over the whole calendar and works out child care child by child, so a
    day of a six-stage option with ten children costs about twice a day of a one-stage option
    with none (measured on the engine; see :data:`STAGE_WEIGHT`).
    """
    days = days or calendar_days(scenario, library)
    per_day = sum(1.0 + STAGE_WEIGHT * (len(option.stages) - 1) for option in scenario.options)
    return days * per_day * (1.0 + CHILD_WEIGHT * len(scenario.household.children))


def first_two(scenario: Scenario) -> Scenario:
    """The scenario with only its first two options (what the tornado and break-even compare).

    Each option is worked out on its own, so the first two cost the same with or without the
    others; dropping the rest halves the work of a four-option scenario.
    """
    if len(scenario.options) <= 2:
        return scenario
    return scenario.model_copy(update={"options": scenario.options[:2]})


def longest_days(scenario: Scenario) -> int:
    """Days in the longest option as entered (stages left to the library count as 90 days)."""
    return max(sum(st.length_days or 90 for st in option.stages) for option in scenario.options)


def evaluate(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray],
    n: int,
    library: AssumptionSet,
    metrics: tuple[str, ...] = METRICS,
    days: int | None = None,
) -> dict[str, np.ndarray]:
    """:func:`calculator.evaluate_batch` (in bounded chunks on both cores) of ``n`` draws.

    ``days`` bounds the calendar the variations can reach (:func:`calendar_days` by default), so
    the batch is cut into chunks without being read whole first. Returns
    ``{metric: (n, options)}`` [USD].
    """
    batch = evaluate_batch(scenario, variations, n, library, days=days or calendar_days(scenario, library))
    return {m: batch.totals[m] for m in metrics}
