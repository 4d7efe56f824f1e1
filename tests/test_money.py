"""The rounding over arrays of draws gives, element by element, what the one-amount rules give.

``compare`` rounds through :func:`calculator.money.to_cents_rows` and
:func:`~calculator.money.split_cents_rows` (for one draw, or a caseload's thousands); the
one-amount :func:`~calculator.money.to_cents` and :func:`~calculator.money.split_cents` are the
rules written with Python's decimals, so these tests check the array versions against them,
including amounts a hair from a half cent or a half micro-cent where a float product could round
the other way.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.money import (
    exact_cents,
    exact_cents_rows,
    split_cents,
    split_cents_rows,
    to_cents,
    to_cents_rows,
)

#: Amounts as money turns up: whole cents, half cents, thirds of a cent, float sums, negatives.
AMOUNTS = st.one_of(
    st.integers(-(10**9), 10**9).map(lambda c: c / 100),
    st.integers(-(10**9), 10**9).map(lambda c: (2 * c + 1) / 200),
    st.integers(-(10**9), 10**9).map(lambda c: c / 300),
    st.integers(-(10**12), 10**12).map(lambda c: (2 * c + 1) / 2e8),
    st.floats(-5e7, 5e7, allow_nan=False, allow_infinity=False),
    st.lists(st.integers(0, 10**6).map(lambda c: c / 100), min_size=2, max_size=6).map(sum),
)


def _neighbours(x: float) -> list[float]:
    """``x`` and the floats a few steps either side of it."""
    out = [x]
    for direction in (np.inf, -np.inf):
        y = x
        for _ in range(3):
            y = float(np.nextafter(y, direction))
            out.append(y)
    return out


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(AMOUNTS, min_size=1, max_size=20))
def test_cents_over_an_array_equal_the_decimal_rule_for_each_amount(amounts):
    xs = np.array([y for x in amounts for y in _neighbours(x)])
    micro = exact_cents_rows(xs)
    cents = to_cents_rows(xs)
    for x, m, c in zip(xs, micro, cents, strict=True):
        assert int(m) == int(exact_cents(x) * 1_000_000), repr(x)
        assert int(c) == to_cents(x), repr(x)


def test_amounts_a_hair_from_a_half_cent_round_as_the_decimal_rule_rounds():
    # 0.125 is a half cent exactly; 1.005 is stored a hair below its spelling; large amounts put
    # the half micro-cent out of a float product's reach.
    edges = [0.005, 0.015, 1.005, 2.675, 0.125, -0.125, -1.005, 533.5800000000001, 1e7 + 0.005, 4.5e7 + 0.015]
    xs = np.array([y for x in edges for y in _neighbours(x)] + [0.0, -0.0])
    assert [int(c) for c in to_cents_rows(xs)] == [to_cents(x) for x in xs]
    assert isinstance(exact_cents(1.005), Decimal)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.lists(AMOUNTS, min_size=1, max_size=5), min_size=1, max_size=6),
    st.sampled_from([0, 0, 0, 1, -1, 7, -7]),
)
def test_splitting_over_draws_gives_each_draw_the_largest_remainder_split(draws, nudge):
    """Draws with the same number of parts; the total is the rounded sum, or off it by ``nudge``
    cents (as when a part of a split is itself split), ties and negative parts included."""
    k = len(draws[0])
    parts = np.array([(d * k)[:k] for d in draws], dtype=float).T
    totals = np.array([to_cents(sum(parts[:, n])) + nudge for n in range(parts.shape[1])])
    together = split_cents_rows(totals, parts)
    for n in range(parts.shape[1]):
        alone = split_cents(int(totals[n]), list(parts[:, n]))
        assert [int(c) for c in together[:, n]] == alone
        assert int(together[:, n].sum()) == int(totals[n])


def test_ties_go_to_the_earlier_part_and_cents_taken_back_come_from_the_later():
    parts = np.array([[0.005], [0.005], [0.005]])
    assert split_cents_rows(np.array([2]), parts)[:, 0].tolist() == split_cents(2, [0.005] * 3) == [1, 1, 0]
    assert split_cents_rows(np.array([-1]), parts)[:, 0].tolist() == split_cents(-1, [0.005] * 3) == [0, 0, -1]
