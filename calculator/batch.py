"""Many variations of one scenario at once, for uncertainty and break-even analysis.

``evaluate_batch`` runs the same arithmetic as :func:`calculator.compare` over N draws in one
vectorized pass and returns only the totals, as ``(N, options)`` arrays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .assumptions import AssumptionSet
from .compare import default_assumptions
from .engine import TOTALS, run, totals
from .resolve import resolve
from .scenario import Scenario

BATCH_TOTALS = TOTALS


@dataclass(frozen=True)
class BatchTotals:
    """Totals by draw and option [USD], unrounded: ``totals[name]`` has shape ``(N, options)``."""

    names: tuple[str, ...]
    totals: dict[str, np.ndarray]

    def difference(self, metric: str = "family_total") -> np.ndarray:
        """Second option minus first, per draw [USD]."""
        t = self.totals[metric]
        return t[:, 1] - t[:, 0]


def evaluate_batch(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray | float],
    n: int | None = None,
    assumptions: AssumptionSet | None = None,
) -> BatchTotals:
    """Evaluate ``n`` variations of ``scenario`` at once.

    Parameters
    ----------
    variations : mapping
        Field path (``"options[0].stages[0].length_days"``, ``"household.pay_usd_per_hour"``)
        or assumption key (``"residential_price_usd_per_day"``) to an array of ``n`` values.
        An assumption key varies the figure only where the user left the field to the library.
    n : int, optional
        Number of draws; defaults to the length of the variation arrays.
    """
    if n is None:
        lengths = {np.size(v) for v in variations.values()} or {1}
        n = max(lengths)
    outcomes = run(resolve(scenario, assumptions or default_assumptions(), variations, n), detail=False)
    return BatchTotals(
        names=tuple(o.name for o in outcomes),
        totals={name: totals(outcomes, name) for name in BATCH_TOTALS},
    )
