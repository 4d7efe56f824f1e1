"""Benchmark of the calculator core (a script that prints figures, not a timed test).

Prints: one default comparison (``compare``), one scenario through the batch engine alone, and a
batch of 10,000 varied scenarios (``evaluate_batch``: equal chunks on every core), with the
ratio between one scenario alone and the per-scenario cost in the batch. Goal (issue 13): the
batch at least 50x cheaper per scenario. Figures are the best of a few repeats, the least
disturbed by other work on a shared machine. Run: ``make bench`` or
``.venv/bin/python scripts/benchmark.py``.
"""

from __future__ import annotations

import os
import platform
import statistics
import time

import numpy as np

from calculator import compare, default_scenario, evaluate_batch
from calculator.compare import default_assumptions

N = 10_000
GOAL_RATIO = 50


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return min(runs)


def variations(n: int, seed: int = 2026) -> dict[str, np.ndarray]:
    """Ten inputs varied at once: lengths, prices, pay, deductible, help, distance."""
    rng = np.random.default_rng(seed)
    return {
        "options[0].stages[0].length_days": rng.integers(14, 61, n).astype(float),
        "options[1].stages[0].length_days": rng.integers(28, 113, n).astype(float),
        "residential_price_usd_per_day": rng.uniform(300, 1_200, n),
        "iop_price_usd_per_day": rng.uniform(100, 500, n),
        "household.pay_usd_per_hour": rng.uniform(12, 80, n),
        "insurance.deductible_met_usd": rng.uniform(0, 1_800, n),
        "household.family_help_hours_per_week": rng.uniform(0, 150, n),
        "residential_distance_miles": rng.uniform(5, 400, n),
        "babysitter_usd_per_hour": rng.uniform(15, 30, n),
        "paid_time_off_hours": rng.uniform(0, 200, n),
    }


def main(rounds: int = 9) -> None:
    scenario = default_scenario()
    default_assumptions()
    compare(scenario)  # warm caches and imports
    v = variations(N)
    evaluate_batch(scenario, v)  # warm-up: first touches of the big arrays
    # Interleaved rounds: each round times one scenario alone and the whole batch back to back,
    # so a burst of other work on a shared machine slows both sides of that round's ratio.
    one, batch, cmp_ = [], [], []
    for _ in range(rounds):
        cmp_.append(timed(lambda: compare(scenario), 10))
        one.append(timed(lambda: evaluate_batch(scenario, {}, n=1), 10))
        batch.append(timed(lambda: evaluate_batch(scenario, v), 1))
    ratios = sorted(o / (b / N) for o, b in zip(one, batch, strict=True))
    ratio = statistics.median(ratios)
    per_draw = min(batch) / N
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"best of {rounds} interleaved rounds")
    print(f"one default comparison (compare):                 {min(cmp_) * 1e3:8.1f} ms")
    print(f"one scenario through the batch engine (n=1):      {min(one) * 1e3:8.1f} ms")
    print(f"batch of {N:,} varied scenarios:                 {min(batch) * 1e3:8.1f} ms")
    print(f"  per scenario in the batch:                      {per_draw * 1e6:8.1f} us")
    print(
        f"  alone / in batch (engine n=1 vs per draw):      {ratio:8.0f} x   (median of the rounds; "
        f"{ratios[0]:.0f}-{ratios[-1]:.0f} x)   goal >= {GOAL_RATIO}x: " + ("met" if ratio >= GOAL_RATIO else "MISSED")
    )
    print(f"  alone / in batch (compare vs per draw):         {min(cmp_) / per_draw:8.0f} x")


if __name__ == "__main__":
    main()
