"""Decision analysis: how sure the answer is, what drives it, and where it flips.

Three analyses of one scenario, each in its own module, all run through
:func:`calculator.evaluate_batch` (the same vectorized arithmetic as :func:`calculator.compare`):

- :mod:`.uncertainty`: every library figure the scenario uses and the user did not enter is
  drawn from a PERT distribution over its low/typical/high (:mod:`.sampling`); figures the user
  entered are held fixed. Result: each option's total at P10/P50/P90 and the chance each option
  costs less.
- :mod:`.tornado`: each uncertain figure swung from low to high with the rest at typical; the
  change in the difference between the options, largest first.
- :mod:`.break_even`: for the inputs in its table (lengths, prices, pay, deductible left,
  childcare rate, distances) the value at which both options cost the family the same, with the
  curve of the difference against that input.

Sign convention (as in :meth:`calculator.Comparison.difference`): **difference = second option
minus first option** [USD]; positive means the second option costs the family more. With more
than two options the tornado and break-even curves compare the first two (and work out only
those two). The caller chooses the number of draws; each analysis keeps within a budget of work
(option-days, :func:`.sampling.work_per_draw`), so a scenario of years of stages runs fewer
draws (``UncertaintyResult.n_draws``) and coarser break-even grids rather than running for
minutes. This package is pure: numpy and pandas only; words are the face's job.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..assumptions import AssumptionSet
from ..batch import CHUNK_DRAW_DAYS
from ..compare import default_assumptions
from ..scenario import Scenario
from .break_even import INPUTS, BreakEven, break_even
from .sampling import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    METRICS,
    UncertainFigure,
    longest_days,
    pert_draws,
    uncertain_figures,
)
from .tornado import TORNADO_COLUMNS, tornado
from .uncertainty import PERCENTILES, UncertaintyResult, uncertainty


@dataclass(frozen=True)
class Analysis:
    """Uncertainty bands, tornado and break-even curves for one scenario."""

    uncertainty: UncertaintyResult
    tornado: pd.DataFrame
    break_even: tuple[BreakEven, ...]


def analyse(
    scenario: Scenario,
    n: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    assumptions: AssumptionSet | None = None,
) -> Analysis:
    """Run :func:`uncertainty` (``n`` draws), :func:`tornado` and :func:`break_even`."""
    library = assumptions or default_assumptions()
    return Analysis(
        uncertainty=uncertainty(scenario, library, n=n, seed=seed),
        tornado=tornado(scenario, library),
        break_even=tuple(break_even(scenario, library)),
    )


__all__ = [
    "CHUNK_DRAW_DAYS",
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "INPUTS",
    "METRICS",
    "PERCENTILES",
    "TORNADO_COLUMNS",
    "Analysis",
    "BreakEven",
    "UncertainFigure",
    "UncertaintyResult",
    "analyse",
    "break_even",
    "longest_days",
    "pert_draws",
    "tornado",
    "uncertain_figures",
    "uncertainty",
]
