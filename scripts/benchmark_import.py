"""What importing the model costs, step by step, each in a fresh interpreter.

Prints the best of a few runs of: ``import calculator``; reading a scenario
file (pydantic); one ``compare`` (numpy and the engine); a table (pandas). Each figure is the
time from start to that step, so the differences are what each step adds. The goal (issue 13):
``import calculator`` imports no pandas until a table is asked for.

    python scripts/benchmark_import.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = """
import time, sys, json
t0 = time.perf_counter()
marks = {}
def mark(step):
    marks[step] = (time.perf_counter() - t0, "pandas" in sys.modules)
import calculator
mark("import calculator")
from pathlib import Path
scenario = calculator.parse_scenario(Path("examples/default.toml").read_text())
mark("+ read a scenario file")
result = calculator.compare(scenario)
mark("+ one compare()")
result.summary()
mark("+ a table (summary)")
print(json.dumps(marks))
"""


def run_once() -> dict[str, tuple[float, bool]]:
    out = subprocess.run([sys.executable, "-c", STEPS], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    runs = [run_once() for _ in range(args.repeats)]
    steps = list(runs[0])
    best = {step: min(r[step][0] for r in runs) for step in steps}
    print(f"best of {args.repeats} fresh interpreters (seconds since the first import)")
    for step in steps:
        pandas = "pandas loaded" if runs[0][step][1] else "no pandas"
        print(f"  {step:26} {best[step] * 1e3:7.0f} ms   {pandas}")
    full = best[steps[-2]]
    print(f"import calculator / everything one comparison needs: {best[steps[0]] / full:.2f}")
    print(f"goal: no pandas until a table is asked for: {'met' if not runs[0][steps[-2]][1] else 'MISSED'}")


if __name__ == "__main__":
    main()
