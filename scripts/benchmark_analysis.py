"""Time the full decision analysis beside one plain comparison, for every pathway that matters.

For each shipped example, the longest usual pathway (90 days residential then 26 weeks IOP) and
the largest scenario the schema allows (four options of six year-long stages, ten children),
prints the best of a few repeats of ``compare`` and ``analyse`` (10,000 draws asked for), the
draws the work budget let the uncertainty run use, and the ratio. Goals (issue 13): under
0.5 s for every example, under 1 s for any pathway the schema allows.

``--quality`` also compares each budgeted answer with 10,000 independent PERT draws (the method
before the budget): the largest gap in any option's or the difference's P10/P50/P90, as a
share of that band's width (P90 - P10).

    python scripts/benchmark_analysis.py [--repeats 5] [--draws 10000] [--quality]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

# Run as `python scripts/benchmark_analysis.py` from anywhere: the project root holds `calculator`.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cases import largest_scenario, long_pathway  # noqa: E402

from calculator import compare, default_assumptions, example_names, load_example  # noqa: E402
from calculator.analysis import DEFAULT_DRAWS, analyse, break_even, tornado, uncertainty  # noqa: E402
from calculator.analysis.sampling import evaluate, pert_draws, uncertain_figures  # noqa: E402

EXAMPLE_GOAL_S, ANY_GOAL_S = 0.5, 1.0


def best_seconds(fn, repeats: int) -> float:
    """The best of ``repeats`` runs: the least disturbed by other work on a shared machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cases() -> dict[str, tuple[object, float]]:
    out = {name: (load_example(name), EXAMPLE_GOAL_S) for name in example_names()}
    out["90 d residential + 26 wk IOP"] = (long_pathway(), ANY_GOAL_S)
    out["largest the schema allows"] = (largest_scenario(), ANY_GOAL_S)
    return out


def quality(scenario, library, seed: int = 2026) -> float:
    """Largest P10/P50/P90 gap between the budgeted answer and 10,000 independent draws, as a
    share of the 10,000-draw band's width, over every option and the difference."""
    figures = uncertain_figures(scenario, library)
    rng = np.random.default_rng(seed)
    draws = {f.key: pert_draws(f.low, f.typical, f.high, 10_000, rng) for f in figures}
    ref = evaluate(scenario, draws, 10_000, library, ("family_total",))["family_total"]
    got = uncertainty(scenario, library, n=10_000, seed=seed)
    columns = [*ref.T, ref[:, 1] - ref[:, 0]]
    bands = [got.band(i) for i in range(ref.shape[1])] + [got.difference_band()]
    worst = 0.0
    for column, band in zip(columns, bands, strict=True):
        p = np.percentile(column, (10, 50, 90))
        worst = max(worst, float(np.max(np.abs(np.array(band) - p))) / max(p[2] - p[0], 1.0))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--draws", type=int, default=DEFAULT_DRAWS)
    parser.add_argument("--quality", action="store_true", help="compare with 10,000 independent draws")
    parser.add_argument("--parts", action="store_true", help="also time uncertainty, tornado, break-even")
    args = parser.parse_args()
    library = default_assumptions()
    print(f"best of {args.repeats}; {args.draws:,} draws asked for")
    header = f"{'pathway':32} {'compare':>9} {'analyse':>9} {'ratio':>7} {'draws':>7}  goal"
    print(header + ("   quality" if args.quality else ""))
    for name, (scenario, goal) in cases().items():
        analyse(scenario, n=args.draws, assumptions=library)  # warm up: imports, library, caches
        one = best_seconds(lambda s=scenario: compare(s, library), args.repeats)
        result = analyse(scenario, n=args.draws, assumptions=library)
        full = best_seconds(lambda s=scenario: analyse(s, n=args.draws, assumptions=library), args.repeats)
        met = "met" if full < goal else "MISSED"
        line = (
            f"{name:32} {one * 1e3:7.1f}ms {full * 1e3:7.0f}ms {full / one:6.0f}x "
            f"{result.uncertainty.n_draws:7,}  < {goal:.1f} s {met}"
        )
        if args.quality:
            line += f"   {quality(scenario, library):6.1%} of the band"
        print(line, flush=True)
        if args.parts:
            parts = {
                "uncertainty": lambda s=scenario: uncertainty(s, library, n=args.draws),
                "tornado": lambda s=scenario: tornado(s, library),
                "break-even": lambda s=scenario: break_even(s, library),
            }
            print("    " + ", ".join(f"{k} {best_seconds(f, args.repeats) * 1e3:.0f} ms" for k, f in parts.items()))


if __name__ == "__main__":
    main()
