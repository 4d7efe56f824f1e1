"""How state wage-replacement programs turn a weekly wage into a weekly benefit: the formula kinds.

Every state program in ``assumptions/state_leave_programs.csv`` and
``assumptions/state_family_leave_programs.csv`` names one :class:`Formula` and gives its numbers
(fractions and weekly wage limits in dollars). The set is closed: a row naming any other kind
fails the library's lint. The functions are pure arithmetic on arrays (no library, no scenario),
so the engine and the loader share them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class Formula(StrEnum):
    """The kinds of benefit formula, each a rule on the worker's average weekly wage (AWW).

    Notes
    -----
    ``flat_share_with_cap``
        ``tier1_fraction x AWW`` (NJ, NY, HI, RI, DE, VT, NH). New York's Disability Benefits Law
        ("half of the wage, up to $170") is this kind with a fraction of 0.50.
    ``two_tier``
        ``tier1_fraction`` of the AWW up to ``tier1_limit`` plus ``tier2_fraction`` of the AWW
        above it (WA, MA, CT, OR, CO, DC, ME): marginal tiers around a share of the state
        average weekly wage.
    ``three_tier``
        As two tiers, with a third rate ``tier3_fraction`` above ``tier2_limit`` (MN).
    ``step_with_floor``
        California since SB 951: ``tier1_fraction x AWW`` when the AWW is below ``tier1_limit``;
        otherwise the greater of ``tier2_fraction x AWW`` and ``tier1_fraction x tier1_limit``
        (the floor removes the drop at the threshold). Not marginal: the higher rate applies to
        the whole wage below the threshold.

    Every kind is then raised to the program's weekly minimum (never above the wage itself) and
    capped at its weekly maximum.
    """

    FLAT = "flat_share_with_cap"
    TWO_TIER = "two_tier"
    THREE_TIER = "three_tier"
    STEP_WITH_FLOOR = "step_with_floor"


#: The numbers each kind needs (columns of the program tables, without their unit suffix).
REQUIRED: Mapping[Formula, tuple[str, ...]] = {
    Formula.FLAT: ("tier1_fraction",),
    Formula.TWO_TIER: ("tier1_fraction", "tier1_limit", "tier2_fraction"),
    Formula.THREE_TIER: ("tier1_fraction", "tier1_limit", "tier2_fraction", "tier2_limit", "tier3_fraction"),
    Formula.STEP_WITH_FLOOR: ("tier1_fraction", "tier1_limit", "tier2_fraction"),
}


@dataclass(frozen=True, slots=True)
class FormulaTerms:
    """The numbers of one program's formula [fractions; USD/week]. Unused tiers are ``inf``/0."""

    kind: Formula
    tier1_fraction: float
    tier1_limit: float = np.inf
    tier2_fraction: float = 0.0
    tier2_limit: float = np.inf
    tier3_fraction: float = 0.0
    weekly_max: float = np.inf
    weekly_min: float = 0.0


def _flat(t: FormulaTerms, wage: np.ndarray) -> np.ndarray:
    return t.tier1_fraction * wage


def _tiers(t: FormulaTerms, wage: np.ndarray) -> np.ndarray:
    first = t.tier1_fraction * np.minimum(wage, t.tier1_limit)
    second = t.tier2_fraction * np.maximum(np.minimum(wage, t.tier2_limit) - t.tier1_limit, 0.0)
    third = t.tier3_fraction * np.maximum(wage - t.tier2_limit, 0.0)
    return first + second + third


def _step_with_floor(t: FormulaTerms, wage: np.ndarray) -> np.ndarray:
    floor = t.tier1_fraction * t.tier1_limit
    return np.where(wage < t.tier1_limit, t.tier1_fraction * wage, np.maximum(t.tier2_fraction * wage, floor))


_RULES: Mapping[Formula, Callable[[FormulaTerms, np.ndarray], np.ndarray]] = {
    Formula.FLAT: _flat,
    Formula.TWO_TIER: _tiers,
    Formula.THREE_TIER: _tiers,
    Formula.STEP_WITH_FLOOR: _step_with_floor,
}


def weekly_benefit(terms: FormulaTerms, weekly_wage_usd: np.ndarray) -> np.ndarray:
    """The weekly benefit [USD/week] for average weekly wages ``weekly_wage_usd``.

    Notes
    -----
    The kind's rule (see :class:`Formula`), raised to ``weekly_min`` or the wage if that is
    less, then capped at ``weekly_max``. A wage of zero pays nothing.
    """
    wage = np.maximum(np.asarray(weekly_wage_usd, dtype=float), 0.0)
    raw = _RULES[terms.kind](terms, wage)
    floored = np.maximum(raw, np.minimum(terms.weekly_min, wage))
    return np.minimum(floored, terms.weekly_max)
