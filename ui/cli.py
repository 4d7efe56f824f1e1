"""Command line: ``python -m calculator compare FILE [--format table|json|csv]``, ``example``,
``assumptions`` (the maintainer's refresh checklist) and ``caseload`` (a spreadsheet of clients, see
``ui/caseload_cli.py``).

Errors in a scenario are printed as a list (field, value, allowed range) with exit status 2,
never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from calculator.compare import Comparison, compare
from calculator.errors import ScenarioError
from calculator.examples import example_names, example_text
from calculator.scenario_io import MAX_SCENARIO_BYTES, parse_scenario
from calculator.spreadsheet import FORMULA_TRIGGERS, neutralise

from . import i18n
from .words import EN, Words, words

#: The session's words (``--lang``), set by :func:`main`.
W: Words = EN


def _(text: str) -> str:
    return W.gettext(text)


def _table(c: Comparison) -> str:
    summary = c.summary()
    summary.index = [W.component(k) for k in summary.index]
    width = max(len(str(i)) for i in summary.index) + 2
    cols = list(summary.columns)
    colw = max(14, *(len(n) + 2 for n in cols))
    out = [f"{'':{width}}" + "".join(f"{n:>{colw}}" for n in cols)]
    for label, row in summary.iterrows():
        out.append(f"{label:{width}}" + "".join(f"{W.money(v, 2):>{colw}}" for v in row))
    out += ["", *(f"{o.name}: {W.leave_caption(o)}." for o in c.options), W.after_tax_note()]
    out += ["", W.headline(c)]
    out += ["", _("The plan's terms as used:")] + [f"  {label}: {value}" for label, value in W.plan_terms(c)]
    if c.reasons:
        out += ["", _("Warnings:")] + [f"  - {W.reason(r)}" for r in c.reasons]
    out += ["", _("Assumptions library version {version}.").format(version=c.assumptions_version)]
    out += [
        _(
            "Not medical advice. In an emergency call 911; for a mental-health or substance-use crisis call or text "
            "988 (in Spanish: press 2, or text AYUDA to 988)."
        )
    ]
    return "\n".join(out)


def _json(c: Comparison) -> str:
    data = {
        "assumptions_version": c.assumptions_version,
        "headline": W.headline(c),
        "difference_family_total_usd": c.difference("family_total"),
        "warnings": [W.reason(r) for r in c.reasons],
        "plan_terms": [{"term": label, "value": value} for label, value in W.plan_terms(c)],
        "after_tax_note": W.after_tax_note(),
        "options": [
            {
                "name": o.name,
                "totals_usd": o.totals,
                "leave_used": W.leave_caption(o),
                "logistics": o.logistics,
                "lines": W.lines_table(o).to_dict(orient="records"),
                "weekly": json.loads(o.weekly.frame().to_json(orient="records", date_format="iso")),
            }
            for o in c.options
        ],
    }
    return json.dumps(data, indent=2, default=str)


#: A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
#: One rule for every file the project writes (calculator/spreadsheet.py).
FORMULA_STARTS = FORMULA_TRIGGERS


def safe_csv(frame) -> str:
    """``frame`` as CSV a spreadsheet opens as plain text.

    A text cell that starts like a formula (:data:`FORMULA_STARTS`) gets a leading ``'``, which
    spreadsheets show as text; every text cell is quoted, so a line break inside one (a CR in an
    option's name) stays inside its row. Numbers, negative ones included, stay numbers.
    """
    import csv

    return frame.map(neutralise).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)


def _csv(c: Comparison) -> str:
    import pandas as pd

    lines = pd.concat([W.lines_table(o).assign(option=o.name) for o in c.options], ignore_index=True)
    return safe_csv(lines[["option", "component", "stage", "item", "amount_usd", "in_total", "counted_in", "basis"]])


def _summary_csv(results: list[tuple[str, Comparison]]) -> str:
    """One row per file and option: a counselor's caseload at a glance."""
    import pandas as pd

    rows = []
    for name, c in results:
        for o in c.options:
            rows.append({"file": name, "option": o.name, **o.totals, "headline": W.headline(c)})
    return safe_csv(pd.DataFrame(rows))


def _read(file: str) -> bytes | None:
    if file == "-":
        return sys.stdin.buffer.read(MAX_SCENARIO_BYTES + 1)
    path = Path(file)
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return fh.read(MAX_SCENARIO_BYTES + 1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description=_("Compare what residential treatment and an intensive outpatient program cost a family."),
    )
    parser.add_argument(
        "--lang",
        choices=tuple(i18n.LANGUAGES),
        default=i18n.DEFAULT,
        help=_("language of the words and numbers: en (English) or es (Spanish)"),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser(
        "compare",
        help="compare the options in scenario files (TOML or JSON)",
        description="Compare the options in one scenario file, or several (one per client): with several "
        "files, csv gives one row per file and option, json a list, table one block per file.",
    )
    cmp_.add_argument("files", nargs="+", metavar="FILE", help="scenario file(s), or - for standard input")
    cmp_.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ex = sub.add_parser("example", help="print an example scenario (TOML)")
    ex.add_argument("name", nargs="?", default="default", help=f"one of: {', '.join(example_names())}")
    lib = sub.add_parser(
        "assumptions",
        help="list the library figures due for a refresh",
        description="The maintainer's checklist: figures and state-program rows whose next scheduled value is "
        "due with none recorded (naming any declared gap), and those whose newest value took effect more than "
        "three years ago.",
    )
    lib.add_argument("--date", type=_iso_date, default=None, help="check as of this day (YYYY-MM-DD; default today)")
    _caseload_parser(sub)
    return parser


def _caseload_parser(sub) -> None:
    """``caseload``: a spreadsheet of clients in, a spreadsheet of results out (ui/caseload_cli.py)."""
    from .caseload_cli import add_arguments

    add_arguments(
        sub.add_parser(
            "caseload",
            help="run a caseload spreadsheet (CSV or XLSX, one row per client and option)",
            description="Run every client of a caseload spreadsheet at once and write one row per client and "
            "option: every cost line, the totals, the non-money figures and the headline difference. A row "
            "with a mistake gets its own row naming each problem; exit status 1 says some rows have problems, "
            "2 that the file could not be read. Start from the template: "
            "python -m calculator caseload --template > clients.csv",
        )
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _assumptions_report(on: dt.date | None) -> int:
    """Print the refresh checklist, due values first, then figures older than three years."""
    from calculator.assumptions import load_assumptions, maintenance_report

    today = on or dt.date.today()
    library = load_assumptions()
    report = maintenance_report(library, today)
    due = [(k, r) for k, r in report if "was due" in r]
    old = [(k, r) for k, r in report if "was due" not in r]
    out = [f"Assumptions library {library.version}, checked on {today.isoformat()}."]
    out += ["", f"Due for a new value ({len(due)}):"] + [f"  - {k}: {r}" for k, r in due]
    out += ["", f"Newest value older than three years ({len(old)}):"] + [f"  - {k}: {r}" for k, r in old]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _example(name: str) -> int:
    try:
        sys.stdout.write(example_text(name))
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    return 0


def _compare_files(files: list[str]) -> tuple[list[tuple[str, Comparison]], bool]:
    """Each readable, valid file compared; problems printed to standard error (``failed`` set)."""
    results: list[tuple[str, Comparison]] = []
    failed = False
    for file in files:
        content = _read(file)
        if content is None:
            print(_("error: no such file: {file}").format(file=file), file=sys.stderr)
            failed = True
            continue
        fmt = "json" if file.endswith(".json") else "toml" if file.endswith(".toml") else None
        try:
            scenario = parse_scenario(content, format=fmt)
        except ScenarioError as exc:
            prefix = f"{file}: " if len(files) > 1 else ""
            print(prefix + _problems(exc), file=sys.stderr)
            failed = True
            continue
        results.append((file, compare(scenario)))
    return results, failed


def _problems(exc: ScenarioError) -> str:
    """The scenario's problems, one a line (field paths as in the file; messages translated)."""
    from calculator.errors import _short

    head = W.ngettext("{n} problem in the scenario:", "{n} problems in the scenario:", len(exc.problems))
    body = []
    for p in exc.problems:
        shown = _short(p.value)
        got = " (" + _("got {value}").format(value=shown) + ")" if shown is not None else ""
        body.append(f"  - {p.field}: {W.problem(p.message)}{got}")
    return head.format(n=len(exc.problems)) + "\n" + "\n".join(body)


def _language(argv: list[str] | None) -> str:
    """``--lang`` read before the parser is built, so its help is in that language too."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in i18n.LANGUAGES else i18n.DEFAULT
        if a.startswith("--lang="):
            value = a.partition("=")[2]
            return value if value in i18n.LANGUAGES else i18n.DEFAULT
    return i18n.DEFAULT


def main(argv: list[str] | None = None) -> int:
    global W
    W = words(_language(argv))
    args = _parser().parse_args(argv)
    if args.command == "example":
        return _example(args.name)
    if args.command == "assumptions":
        return _assumptions_report(args.date)
    if args.command == "caseload":
        from .caseload_cli import run

        return run(args)
    results, failed = _compare_files(args.files)
    if len(args.files) == 1:
        if not results:
            return 2
        text = {"table": _table, "json": _json, "csv": _csv}[args.format](results[0][1])
    elif args.format == "csv":
        text = _summary_csv(results)
    elif args.format == "json":
        text = "[\n" + ",\n".join(_json(c) for _, c in results) + "\n]"
    else:
        text = "\n\n".join(f"== {name}\n{_table(c)}" for name, c in results)
    if text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 2 if failed else 0


__all__ = ["FORMULA_STARTS", "main", "safe_csv"]
