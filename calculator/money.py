"""Rounding and formatting money for people: totals half-up to the cent, lines made to add up.

The model computes in float dollars; what a person sees is rounded here, once. A total is
rounded from its exact value (:func:`cents`); the lines (or the parts) beside it are then
rounded by the largest-remainder method (:func:`split_cents`): each part is its exact value
rounded down or up, and the parts with the largest remainders take the cents the total still
needs. So every total shown equals the sum of the lines shown beside it, and no line strays
more than a cent from its exact value.

:func:`to_cents_rows` and :func:`split_cents_rows` do the same over arrays of draws (a caseload
runs thousands of clients at once), giving element by element what :func:`to_cents` and
:func:`split_cents` give (tests/test_money.py checks them against each other).
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


def cents_fast(x: np.ndarray) -> np.ndarray:
    """:func:`cents` over an array, without a Python loop: the same floats, element by element.

    Notes
    -----
    Half-up rounding of ``|x| × 100``, the sign put back; an amount within a hair of a half cent
    (where the binary value and its shortest decimal spelling could round apart) goes through
    :func:`cents` itself, so the result always equals ``cents(x)``. ``-0.0`` becomes ``0.0``.
    """
    x = np.asarray(x, dtype=float)
    scaled = np.abs(x) * 100.0
    whole = np.floor(scaled + 0.5)
    out = np.copysign(whole / 100.0, x) + 0.0
    fraction = scaled - np.floor(scaled)
    close = np.abs(fraction - 0.5) <= 1e-12 * scaled + 1e-9
    close |= ~np.isfinite(x)
    if close.any():
        out[close] = [cents(v) if np.isfinite(v) else v for v in x[close]]
    return out


#: Micro-cents in a cent: :func:`exact_cents` keeps six decimals of a cent.
_MICRO = 1_000_000
#: Above this many dollars the fast path of :func:`exact_cents_rows` is not exact: Decimal only.
_FAST_LIMIT_USD = 1e7


def exact_cents_rows(x: np.ndarray) -> np.ndarray:
    """:func:`exact_cents` over an array, as whole micro-cents (``int64``).

    Notes
    -----
    ``x × 10^8`` in floating point is within ``|x × 10^8| × 2.3e-16`` of the exact product of the
    shortest decimal spelling of ``x`` (what :func:`exact_cents` multiplies), so rounding it half
    away from zero gives the same micro-cents unless its fraction is within that of a half; those
    amounts, and any above ten million dollars, go through :func:`exact_cents` itself.
    """
    x = np.asarray(x, dtype=float)
    scaled = np.abs(x) * (100.0 * _MICRO)
    whole = np.floor(scaled)
    fraction = scaled - whole
    out = np.copysign(whole + (fraction >= 0.5), x).astype(np.int64)
    slow = (np.abs(fraction - 0.5) <= scaled * 4.5e-16 + 1e-9) | ~(np.abs(x) < _FAST_LIMIT_USD)
    if slow.any():
        out[slow] = [int(exact_cents(v) * _MICRO) for v in x[slow]]
    return out


def to_cents_rows(x: np.ndarray) -> np.ndarray:
    """:func:`to_cents` over an array: dollars rounded half-up to whole cents (``int64``)."""
    micro = exact_cents_rows(x)
    return np.sign(micro) * ((np.abs(micro) + _MICRO // 2) // _MICRO)


def split_cents_rows(total_cents: np.ndarray, parts_usd: np.ndarray) -> np.ndarray:
    """:func:`split_cents` for every draw at once.

    Parameters
    ----------
    total_cents : (N,) int array
        Each draw's rounded total.
    parts_usd : (K, N) array
        The K exact parts of each draw [USD].

    Returns
    -------
    (K, N) int64 array
        Each part in whole cents, adding up to ``total_cents`` in every draw: each part its exact
        value rounded down, and the cents still needed one each to the parts with the largest
        remainders (ties: the earlier part), round and round if more are needed than there are
        parts; taken back from the smallest remainders (ties: the later part) when the total is
        below the rounded-down parts.
    """
    exact = exact_cents_rows(np.asarray(parts_usd, dtype=float))
    k = exact.shape[0]
    if k == 0:
        return exact
    floors = exact // _MICRO
    remainder = exact - floors * _MICRO
    need = np.asarray(total_cents, dtype=np.int64) - floors.sum(axis=0)
    order = np.argsort(-remainder, axis=0, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(k)[:, None], axis=0)
    more, less = np.maximum(need, 0), np.maximum(-need, 0)
    add = more // k + (rank < more % k)
    take = less // k + ((k - 1 - rank) < less % k)
    return floors + add - take
