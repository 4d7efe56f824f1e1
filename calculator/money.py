"""Rounding and formatting money for people: totals half-up to the cent, lines made to add up.

The model computes in float dollars; what a person sees is rounded here, once. A total is
rounded from its exact value (:func:`cents`); the lines (or the parts) beside it are then
rounded by the largest-remainder method (:func:`split_cents`): each part is its exact value
rounded down or up, and the parts with the largest remainders take the cents the total still
needs. So every total shown equals the sum of the lines shown beside it, and no line strays
more than a cent from its exact value.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import numpy as np

CENT = Decimal("0.01")
#: Float noise below this many cents is ignored (533.5800000000001 is 533.58).
_NOISE = Decimal("0.000001")


def cents(x: float) -> float:
    """Round dollars half-up to the cent (never Python's banker's ``round``)."""
    return float(Decimal(repr(float(x))).quantize(CENT, rounding=ROUND_HALF_UP))


def exact_cents(x: float) -> Decimal:
    """Dollars as a number of cents, float noise removed (``533.5800000000001 -> 53358``)."""
    return (Decimal(repr(float(x))) * 100).quantize(_NOISE, rounding=ROUND_HALF_UP)


def to_cents(x: float) -> int:
    """Dollars rounded half-up to a whole number of cents."""
    return int(exact_cents(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_cents(total_cents: int, parts_usd: Sequence[float]) -> list[int]:
    """Parts in whole cents that add up to ``total_cents`` (largest remainder).

    Parameters
    ----------
    total_cents : int
        The rounded total the parts must add up to, normally ``to_cents(sum(parts_usd))``.
    parts_usd : sequence of float
        The exact parts [USD], any sign.

    Notes
    -----
    Each part starts at its exact value rounded down; the cents the total still needs go, one
    each, to the parts with the largest remainders (ties: the earlier part). When the total is
    the rounded sum, every part ends at its exact value rounded down or up, so a part that is
    a whole number of cents (a capped share equal to the maximum) is never moved, and a part
    below a bound in whole cents never rounds above it.
    """
    exact = [exact_cents(x) for x in parts_usd]
    floors = [int(e.to_integral_value(rounding=ROUND_FLOOR)) for e in exact]
    need = total_cents - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    out = list(floors)
    if need >= 0:
        for k in range(need):
            out[order[k % len(order)]] += 1
    else:
        for k in range(-need):
            out[order[::-1][k % len(order)]] -= 1
    return out


def cents_array(x: np.ndarray) -> np.ndarray:
    return np.array([cents(v) for v in np.asarray(x, dtype=float).ravel()]).reshape(np.shape(x))


def usd(x: float, *, decimals: int = 0) -> str:
    """``1234.5 -> "$1,235"`` (half-up); ``decimals=2`` keeps the cents."""
    value = Decimal(repr(float(x))).quantize(Decimal(1) if decimals == 0 else CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.{decimals}f}"


def rate(x: float, unit: str) -> str:
    """A price per unit, with as many decimals as it needs: ``$0.725/mile``, ``$575/day``."""
    text = f"{x:,.3f}".rstrip("0").rstrip(".")
    if "." in text and len(text.split(".")[1]) == 1:
        text += "0"
    return f"${text}/{unit}"


def split_cumulative(weekly: np.ndarray, total: float) -> np.ndarray:
    """Weekly amounts rounded so that they add up to ``total`` (already rounded) exactly.

    The running total is rounded week by week and the last week absorbs the cent or two by
    which the rounded line items and the rounded weekly sums can differ.
    """
    running = cents_array(np.cumsum(weekly))
    if running.size:
        running[-1] = total
    out = np.diff(running, prepend=0.0)
    return cents_array(out)
