"""Which library figures are uncertain for a scenario, how they are drawn, and running many draws.

Every analysis runs through :func:`calculator.evaluate_batch` (the same vectorized arithmetic as
:func:`calculator.compare`), never a Python loop over draws.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ..assumptions import AssumptionSet
from ..batch import BatchTotals, evaluate_batch
from ..resolve import resolve
from ..scenario import Scenario

#: The totals the analyses report [USD].
METRICS = ("family_total", "out_of_pocket")
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_261_207
#: Draws per engine call: small enough that a day grid stays in cache, large enough to vectorize.
CHUNK_DRAWS = 2_000
#: Largest draws x days in one chunk: bounds memory (a few hundred MB at most) for long pathways.
CHUNK_DRAW_DAYS = 200_000


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


def longest_days(scenario: Scenario) -> int:
    """Days in the longest option as entered (stages left to the library count as 90 days)."""
    return max(sum(st.length_days or 90 for st in option.stages) for option in scenario.options)


def evaluate(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray],
    n: int,
    library: AssumptionSet,
    metrics: tuple[str, ...] = METRICS,
) -> dict[str, np.ndarray]:
    """``evaluate_batch`` in chunks of :data:`CHUNK_DRAWS` draws on up to two threads.

    Draws are independent, so chunking changes nothing but speed: the ``(draws, days)`` arrays
    stay small enough for the CPU cache and numpy releases the GIL for the array arithmetic.
    Returns ``{metric: (n, options)}`` [USD].
    """
    chunk = max(50, min(CHUNK_DRAWS, CHUNK_DRAW_DAYS // max(1, longest_days(scenario))))
    bounds = [(i, min(i + chunk, n)) for i in range(0, n, chunk)]

    def run(bound: tuple[int, int]) -> BatchTotals:
        lo, hi = bound
        part = {k: (v[lo:hi] if np.ndim(v) else v) for k, v in variations.items()}
        return evaluate_batch(scenario, part, hi - lo, library)

    if len(bounds) > 1:
        workers = max(1, min(len(bounds), os.cpu_count() or 1, 4))
        with ThreadPoolExecutor(workers) as pool:
            parts = list(pool.map(run, bounds))
    else:
        parts = [run(b) for b in bounds]
    return {m: np.concatenate([p.totals[m] for p in parts], axis=0) for m in metrics}
