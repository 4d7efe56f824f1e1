"""Time the full decision analysis beside one plain comparison, on the default scenario.

Prints the median of a few repeats of each and their ratio. Goals: the analysis (10,000
draws, a tornado over every uncertain figure, every break-even curve) under 0.5 s and under
200 times one ``compare``.

    python scripts/benchmark_analysis.py [--repeats 5] [--draws 10000] [--example default]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# Run as `python scripts/benchmark_analysis.py` from anywhere: the project root holds `calculator`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator import compare, default_assumptions, load_example  # noqa: E402
from calculator.analysis import DEFAULT_DRAWS, analyse, break_even, tornado, uncertainty  # noqa: E402

GOAL_SECONDS = 0.5
GOAL_RATIO = 200.0


def _median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--draws", type=int, default=DEFAULT_DRAWS)
    parser.add_argument("--example", default="default")
    args = parser.parse_args()

    scenario = load_example(args.example)
    assumptions = default_assumptions()
    compare(scenario, assumptions)  # warm up: library read, imports
    analyse(scenario, n=args.draws, assumptions=assumptions)

    one = _median_seconds(lambda: compare(scenario, assumptions), args.repeats)
    parts = {
        f"uncertainty ({args.draws:,} draws)": _median_seconds(
            lambda: uncertainty(scenario, assumptions, n=args.draws), args.repeats
        ),
        "tornado": _median_seconds(lambda: tornado(scenario, assumptions), args.repeats),
        "break-even curves": _median_seconds(lambda: break_even(scenario, assumptions), args.repeats),
    }
    full = _median_seconds(lambda: analyse(scenario, n=args.draws, assumptions=assumptions), args.repeats)
    ratio = full / one
    print(f"scenario: {args.example}; median of {args.repeats} repeats")
    print(f"one compare():             {one * 1000:8.1f} ms")
    for name, seconds in parts.items():
        print(f"  {name:<24} {seconds * 1000:8.1f} ms")
    print(f"full analyse():            {full * 1000:8.1f} ms")
    print(f"ratio analyse / compare:   {ratio:8.1f}x")
    ok_time = full < GOAL_SECONDS
    ok_ratio = ratio < GOAL_RATIO
    print(
        f"goal < {GOAL_SECONDS:.1f} s: {'met' if ok_time else 'MISSED'}; "
        f"goal < {GOAL_RATIO:.0f}x: {'met' if ok_ratio else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
