"""A batch cut into chunks on several threads gives the totals of one pass.

Equal to a billionth of a cent: a chunk's calendar can be shorter than the whole batch's (its
longest draw is shorter), and summing fewer trailing zero days can change the last bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from calculator import batch, default_assumptions, evaluate_batch, load_example

LIBRARY = default_assumptions()


def _variations(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    return {
        "options[0].stages[0].length_days": rng.integers(5, 90, n).astype(float),
        "residential_price_usd_per_day": rng.uniform(300, 1_200, n),
        "household.pay_usd_per_hour": rng.uniform(12, 80, n),
        "babysitter_usd_per_hour": rng.uniform(15, 30, n),
    }


@pytest.mark.parametrize("name", ["default", "california-salaried-disability"])
def test_chunks_on_threads_give_the_totals_of_one_pass(monkeypatch, name):
    scenario, n = load_example(name), 700
    v = _variations(n)
    monkeypatch.setattr(batch, "CHUNK_DRAW_DAYS", 10**9)
    whole = evaluate_batch(scenario, v, n, LIBRARY)
    monkeypatch.setattr(batch, "CHUNK_DRAW_DAYS", 3_000)
    monkeypatch.setattr(batch, "MIN_CHUNK_DRAWS", 8)
    calls = []
    real = batch._totals
    monkeypatch.setattr(batch, "_totals", lambda inputs: calls.append(inputs.n) or real(inputs))
    chunked = evaluate_batch(scenario, v, n, LIBRARY)
    assert len(calls) > 2 and sum(calls) == n, "the batch really was cut into chunks"
    assert whole.names == chunked.names
    for metric, totals in whole.totals.items():
        np.testing.assert_allclose(totals, chunked.totals[metric], rtol=1e-12, atol=1e-9, err_msg=metric)


def test_chunks_cover_every_draw_once_in_order():
    assert batch.chunks(0, 7) == []
    for n, days in [(1, 7), (10_000, 56), (117, 2_191), (33, 3_000)]:
        bounds = batch.chunks(n, days)
        assert [a for a, _ in bounds] == [0, *[b for _, b in bounds[:-1]]]
        assert sum(b - a for a, b in bounds) == n
        assert all(b > a for a, b in bounds)


def test_the_allocator_setting_is_applied_once_and_harmlessly():
    first = batch.keep_freed_memory()
    assert batch.keep_freed_memory() is first  # cached: set once per process
    assert isinstance(first, bool)
