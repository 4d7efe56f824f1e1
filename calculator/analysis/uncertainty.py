"""How sure the answer is: each option's totals when the library's figures are uncertain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..assumptions import AssumptionSet
from ..batch import evaluate_batch
from ..scenario import Scenario
from .sampling import DEFAULT_DRAWS, DEFAULT_SEED, METRICS, evaluate, latin_hypercube, uncertain_figures, work_per_draw

PERCENTILES = (10, 50, 90)
#: The most option-days (draws x options x calendar days, weighted by
#: :func:`~calculator.analysis.sampling.work_per_draw`) the uncertainty run may evaluate: the
#: full 10,000 draws for every shipped example (two options of up to 12 weeks), fewer for long
#: ones (3,386 for 90 days residential then 26 weeks IOP; 117 for the largest scenario the
#: schema allows), so the run takes about the same time and memory whatever the input.
UNCERTAINTY_OPTION_DAYS = 2_000_000
#: Fewest draws the budget may leave (the schema's largest scenario gets more than this).
MIN_DRAWS = 100


def budgeted_draws(scenario: Scenario, library: AssumptionSet, n: int, budget: int = UNCERTAINTY_OPTION_DAYS) -> int:
    """The draws the uncertainty run uses: ``n``, or fewer when ``n`` would pass ``budget``
    (weighted option-days, :func:`~calculator.analysis.sampling.work_per_draw`)."""
    fits = int(budget // max(1.0, work_per_draw(scenario, library)))
    return int(max(1, min(n, max(MIN_DRAWS, fits))))


@dataclass(frozen=True)
class UncertaintyResult:
    """Each option's totals over plausible values of the figures the user left to the library.

    Attributes
    ----------
    option_names : tuple of str
    n_draws, seed : int
        Simulation size (the draws actually run) and the seed that reproduces it.
    varied_keys : tuple of str
        Library figures that were drawn (the rest were fixed).
    bands : DataFrame
        ``option, metric, p10_usd, p50_usd, p90_usd, mean_usd``: one row per option and metric.
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
    #: The draws the caller asked for; more than ``n_draws`` when the work budget cut them.
    n_requested: int | None = None

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


def uncertainty(
    scenario: Scenario,
    library: AssumptionSet,
    n: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    budget: int = UNCERTAINTY_OPTION_DAYS,
) -> UncertaintyResult:
    """Each option's totals at P10/P50/P90 when the library's figures are uncertain.

    Notes
    -----
    Only :func:`~calculator.analysis.sampling.uncertain_figures` vary (used by this scenario, not
    entered by the user, low < high), each independently from a PERT distribution, drawn as a
    Latin hypercube (:func:`~calculator.analysis.sampling.latin_hypercube`) in key order from
    :func:`numpy.random.default_rng` seeded with ``seed``. They are passed to the engine as
    library-key variations, so they replace the library value only where the user left the field
    empty. The run uses ``n`` draws, or as many as ``budget`` option-days allow
    (:func:`budgeted_draws`); ``n_draws`` says how many.
    """
    figures = uncertain_figures(scenario, library)
    requested, n = n, budgeted_draws(scenario, library, n, budget)
    draws = latin_hypercube(figures, n, np.random.default_rng(seed))
    if figures:
        totals = evaluate(scenario, draws, n, library)
    else:
        one = evaluate_batch(scenario, {}, 1, library)
        totals = {m: np.repeat(one.totals[m], n, axis=0) for m in METRICS}
    names = tuple(o.name for o in scenario.options)
    return UncertaintyResult(
        option_names=names,
        n_draws=n,
        seed=seed,
        varied_keys=tuple(f.key for f in figures),
        bands=_bands(totals, names),
        difference=_difference(totals),
        probability_cheaper={m: _cheaper(totals[m], names) for m in METRICS},
        n_requested=requested,
    )


def _row(x: np.ndarray) -> dict[str, float]:
    pct = np.percentile(x, PERCENTILES)
    return {"p10_usd": float(pct[0]), "p50_usd": float(pct[1]), "p90_usd": float(pct[2]), "mean_usd": float(x.mean())}


def _bands(totals: dict[str, np.ndarray], names: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"option": name, "metric": m, **_row(totals[m][:, i])} for m in METRICS for i, name in enumerate(names)]
    )


def _difference(totals: dict[str, np.ndarray]) -> pd.DataFrame:
    return pd.DataFrame([{"metric": m, **_row(totals[m][:, 1] - totals[m][:, 0])} for m in METRICS])


def _cheaper(t: np.ndarray, names: tuple[str, ...]) -> dict[str, float]:
    return {name: float(np.mean(t[:, i] < np.delete(t, i, axis=1).min(axis=1))) for i, name in enumerate(names)}
