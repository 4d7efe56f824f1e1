"""What drives the difference: each uncertain figure swung from its low to its high."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assumptions import AssumptionSet
from ..scenario import Scenario
from .sampling import evaluate, first_two, uncertain_figures

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


def tornado(scenario: Scenario, library: AssumptionSet, metric: str = "family_total") -> pd.DataFrame:
    """How much each uncertain figure moves the difference between the first two options.

    Returns
    -------
    DataFrame
        One row per uncertain figure, largest swing first, with columns
        :data:`TORNADO_COLUMNS`: ``diff_at_low_usd`` / ``diff_at_high_usd`` are the difference
        (second option minus first) [USD] with that figure at its low / high and every other
        figure typical; ``change_at_*`` subtract the difference at typical; ``swing_usd`` is
        ``|diff_at_high_usd - diff_at_low_usd|``. ``attrs["baseline_difference_usd"]`` holds
        the difference at typical, ``attrs["option_names"]`` the two options.

    Notes
    -----
    All ``2K`` swings (plus one all-typical row) run as ``2K + 1`` draws of the first two
    options, in bounded chunks (:func:`~calculator.analysis.sampling.evaluate`). ``K`` is at
    most the number of figures in the library, so the work is bounded whatever the scenario.
    """
    figures = uncertain_figures(scenario, library)
    n = 2 * len(figures) + 1
    variations = {}
    for i, f in enumerate(figures):
        col = np.full(n, f.typical)
        col[2 * i], col[2 * i + 1] = f.low, f.high
        variations[f.key] = col
    totals = evaluate(first_two(scenario), variations, n, library, (metric,))[metric]
    diff = totals[:, 1] - totals[:, 0]
    base = float(diff[-1])
    rows = []
    for i, f in enumerate(figures):
        lo, hi = float(diff[2 * i]), float(diff[2 * i + 1])
        rows.append(
            {
                "key": f.key,
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
