"""Command line: ``python -m calculator compare FILE [--format table|json|csv]`` and ``example``.

Errors in a scenario are printed as a list (field, value, allowed range) with exit status 2,
never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .compare import Comparison, compare
from .engine import COMPONENTS
from .errors import ScenarioError
from .examples import example_names, example_text
from .money import usd
from .scenario_io import MAX_SCENARIO_BYTES, parse_scenario


def _table(c: Comparison) -> str:
    summary = c.summary()
    width = max(len(str(i)) for i in summary.index) + 2
    cols = list(summary.columns)
    colw = max(14, *(len(n) + 2 for n in cols))
    out = [f"{'':{width}}" + "".join(f"{n:>{colw}}" for n in cols)]
    for label, row in summary.iterrows():
        out.append(f"{label:{width}}" + "".join(f"{usd(v, decimals=2):>{colw}}" for v in row))
    out += ["", c.headline()]
    if c.warnings:
        out += ["", "Warnings:"] + [f"  - {w}" for w in c.warnings]
    out += ["", f"Assumptions library version {c.assumptions_version}."]
    out += ["Not medical advice. In an emergency call 911; for a mental-health or substance-use crisis call or text 988."]
    return "\n".join(out)


def _json(c: Comparison) -> str:
    data = {
        "assumptions_version": c.assumptions_version,
        "headline": c.headline(),
        "difference_family_total_usd": c.difference("family_total"),
        "warnings": list(c.warnings),
        "options": [
            {
                "name": o.name,
                "totals_usd": o.totals,
                "logistics": o.logistics,
                "lines": o.lines.to_dict(orient="records"),
                "weekly": json.loads(o.weekly.to_json(orient="records", date_format="iso")),
            }
            for o in c.options
        ],
    }
    return json.dumps(data, indent=2, default=str)


def _csv(c: Comparison) -> str:
    lines = c.lines()[["option", "component", "stage", "item", "amount_usd", "in_total", "basis"]]
    return lines.to_csv(index=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Compare what residential treatment and an intensive outpatient program cost a family.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser("compare", help="compare the options in a scenario file (TOML or JSON)")
    cmp_.add_argument("file", help="scenario file, or - for standard input")
    cmp_.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ex = sub.add_parser("example", help="print an example scenario (TOML)")
    ex.add_argument("name", nargs="?", default="default", help=f"one of: {', '.join(example_names())}")
    args = parser.parse_args(argv)

    if args.command == "example":
        try:
            sys.stdout.write(example_text(args.name))
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        return 0

    try:
        if args.file == "-":
            content = sys.stdin.buffer.read(MAX_SCENARIO_BYTES + 1)
        else:
            path = Path(args.file)
            if not path.is_file():
                print(f"error: no such file: {args.file}", file=sys.stderr)
                return 2
            with path.open("rb") as fh:
                content = fh.read(MAX_SCENARIO_BYTES + 1)
        fmt = "json" if args.file.endswith(".json") else "toml" if args.file.endswith(".toml") else None
        scenario = parse_scenario(content, format=fmt)
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    result = compare(scenario)
    text = {"table": _table, "json": _json, "csv": _csv}[args.format](result)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


__all__ = ["main", "COMPONENTS"]
