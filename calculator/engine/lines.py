"""Lines: each amount the engine works out, born with the numbers that explain it.

A :class:`Line` is one item of one component in one stage (``stage=None``: the whole pathway),
summed over the stage's days, with its ``basis``: the numbers a sentence needs to show the
arithmetic ("28 nights × $110/night"), keyed by name with the unit in the name. Turning a basis
into words is the face's job (``ui/words.py``), so the same line reads in English or Spanish.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The components of what a family gives up, in the order the page shows them.
COMPONENTS = ("treatment", "lodging_meals", "childcare", "lost_income", "travel", "other")
#: :func:`day_total` adds days in this many interleaved running sums.
LANES = 8
#: The components paid out of pocket (everything but lost income).
OUT_OF_POCKET = ("treatment", "lodging_meals", "childcare", "travel", "other")
#: Lines outside the cash total: paid time off used (counted in the total "including leave
#: used") and the after-tax adjustments (counted in the after-tax totals).
EXTRA_COMPONENTS = ("leave", "taxes")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of one option's arithmetic.

    Attributes
    ----------
    component : str
        One of :data:`COMPONENTS` or :data:`EXTRA_COMPONENTS`.
    item : str
        What the line is (``"deductible"``, ``"patient_lodging"`` ...).
    stage : int or None
        The stage (0-based) the amount falls in; ``None`` for the whole pathway.
    amount_usd : (N,) array
        The amount over the stage, per draw [USD].
    in_total : bool
        Counted in the component's total; ``False`` for lines shown for information (billed
        charges, what insurance paid, wages before leave).
    basis : mapping
        The numbers behind the amount, names carrying units (``nights``, ``rate_usd_per_night``),
        each a float (draw 0) or a short code (``"hotel"``).
    figures : tuple of str
        Library keys the line's arithmetic used.
    """

    component: str
    item: str
    stage: int | None
    amount_usd: np.ndarray
    in_total: bool = True
    basis: Mapping[str, Any] = field(default_factory=dict)
    figures: tuple[str, ...] = ()


def stage_sum(daily: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Sum of a daily ``(N, D)`` amount over a stage's days, shape ``(N,)`` (as :func:`day_total`)."""
    return day_total(np.where(mask, daily, 0.0))


def day_total(daily: np.ndarray, from_day: int = 0) -> np.ndarray:
    """Sum of a daily ``(N, D)`` amount over its days (from day ``from_day``), shape ``(N,)``.

    Notes
    -----
    The days are added in :data:`LANES` interleaved running sums (day ``i`` in sum ``i mod 8``,
    in day order), which are then added as a tree, ``((s0 + s1) + (s2 + s3)) + ((s4 + s5) +
    (s6 + s7))``: the order numpy's own sum uses for up to 128 values, written out so that it
    holds for any number of days. Days past the calendar would add zeros to the running sums,
    which changes nothing (each running sum has ``+ 0.0`` added once, so even the sign of a zero
    is the same): the total depends on the amounts alone, not on how many days the calendar
    has, so a client's totals are the same bit for bit alone or beside clients in care for
    longer (:mod:`calculator.caseload` runs them together).
    """
    n, d = daily.shape
    width = _lane_days(d)
    # Days first, so each row of 8 days is added to the running sums as one contiguous block.
    by_day = np.empty((width, n))
    by_day[:d] = daily.T
    by_day[d:] = 0.0
    by_day[:from_day] = 0.0
    s = by_day.reshape(-1, LANES, n).sum(axis=0) + 0.0
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))


def _lane_days(n_days: int) -> int:
    """Days rounded up to whole rows of :data:`LANES`."""
    return max(LANES, -(-n_days // LANES) * LANES)


def stage_count(daily: np.ndarray, mask: np.ndarray) -> float:
    """Days of the stage (draw 0) on which ``daily`` is positive."""
    return float(((daily[0] > 0) & mask[0]).sum())


def per_stage(
    masks: tuple[np.ndarray, ...],
    component: str,
    item: str,
    daily: np.ndarray,
    basis: Callable[[int, np.ndarray], Mapping[str, Any]] | None = None,
    in_total: bool = True,
) -> list[Line]:
    """One :class:`Line` per stage for a daily amount; ``basis(k, mask)`` gives each its numbers."""
    return [
        Line(component, item, k, stage_sum(daily, m), in_total, basis(k, m) if basis else {})
        for k, m in enumerate(masks)
    ]


def first(x: np.ndarray | float) -> float:
    """Draw 0 of a per-draw value, as a float (the basis of a line is shown for one case)."""
    return float(np.asarray(x).reshape(-1)[0])


@dataclass
class Part:
    """What one component function returns: daily ``(N, D)`` arrays by name, and its lines."""

    daily: dict[str, np.ndarray] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
