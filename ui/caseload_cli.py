"""``python -m calculator caseload``: a spreadsheet of clients in, a spreadsheet of results out.

::

    python -m calculator caseload --template > clients.csv        # the empty template
    python -m calculator caseload --template -o clients.xlsx      # ... as a workbook
    python -m calculator caseload clients.csv -o results.csv      # run every client
    python -m calculator caseload clients.xlsx -o results.xlsx
    python -m calculator caseload big.csv -o out.csv --engine dask --scheduler tcp://10.0.0.5:8786

Exit status: 0 every client computed; 1 some rows have problems (the results still hold every
row, each problem named in its own row); 2 the command could not run (unreadable file, unknown
output type, Dask missing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: From this many clients a progress bar shows on a terminal.
PROGRESS_FROM_CLIENTS = 2_000
EXIT_PROBLEMS, EXIT_FAILED = 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="caseload: .csv or .xlsx (- for CSV on standard input)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="results file, .csv or .xlsx (default: CSV on standard output)"
    )
    parser.add_argument("--template", action="store_true", help="write the empty template instead of running")
    parser.add_argument("--examples", action="store_true", help="with --template: add the shipped examples as clients")
    parser.add_argument(
        "--format", choices=("csv", "xlsx"), help="format on standard output (default csv; -o takes it from the name)"
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this process (default); dask: partitions on a Dask cluster (pip install -r requirements-scale.txt)",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler (default: a local cluster)"
    )
    parser.add_argument(
        "--partitions", type=int, metavar="N", help="with --engine dask: partitions (default: 4 a worker)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="with --engine local: processes sharing the work (default 1; on a busy 2-core machine more did not help)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")


def run(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt is None:
        print(f"error: the output must end in .csv or .xlsx (got {args.output})", file=sys.stderr)
        return EXIT_FAILED
    if args.template:
        from calculator.caseload import template_csv, template_xlsx

        _write(args.output, (template_xlsx if fmt == "xlsx" else template_csv)(examples=args.examples))
        return 0
    if not args.file:
        print("error: name a caseload file (or use --template to start one)", file=sys.stderr)
        return EXIT_FAILED
    return _run_file(args, fmt)


def _format(args: argparse.Namespace) -> str | None:
    if args.output:
        suffix = Path(args.output).suffix.lower()
        return {".csv": "csv", ".xlsx": "xlsx"}.get(suffix)
    return args.format or "csv"


def _write(output: str | None, content: bytes) -> None:
    if output:
        Path(output).write_bytes(content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()


def _read(file: str) -> bytes | None:
    if file == "-":
        return sys.stdin.buffer.read()
    path = Path(file)
    return path.read_bytes() if path.is_file() else None


def _run_file(args: argparse.Namespace, fmt: str) -> int:
    from calculator.caseload import read_caseload, results_csv, results_xlsx
    from calculator.spreadsheet import SpreadsheetError

    content = _read(args.file)
    if content is None:
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_FAILED
    try:
        table = read_caseload(content, args.file)
    except SpreadsheetError as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    result = _compute(args, table)
    if result is None:
        return EXIT_FAILED
    _write(args.output, (results_xlsx if fmt == "xlsx" else results_csv)(result.frame))
    print(_summary(result, args.output), file=sys.stderr)
    return EXIT_PROBLEMS if result.rows_with_problems or not result.all_computed else 0


def _compute(args: argparse.Namespace, table):
    from calculator.caseload import run_caseload

    clients = table["client_id"].nunique()
    with _progress(clients, not args.no_progress) as progress:
        if args.engine == "dask":
            try:
                from calculator.caseload.distributed import run_dask
            except ImportError as exc:
                print(
                    f"error: --engine dask needs Dask: pip install -r requirements-scale.txt ({exc})", file=sys.stderr
                )
                return None
            return run_dask(table, scheduler=args.scheduler, partitions=args.partitions, progress=progress)
        return run_caseload(table, progress=progress, jobs=max(1, args.jobs or 1))


class _progress:
    """A progress bar on standard error for a large caseload on a terminal (tqdm), else nothing."""

    def __init__(self, clients: int, wanted: bool):
        self.bar = None
        if wanted and clients >= PROGRESS_FROM_CLIENTS and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=clients, unit=" clients", file=sys.stderr, dynamic_ncols=True, leave=False)

    def __enter__(self):
        return self.update if self.bar is not None else None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()


def _summary(result, output: str | None) -> str:
    frame = result.frame
    rows = len(frame)
    text = (
        f"caseload: {result.clients:,} client{'s' if result.clients != 1 else ''} in {rows:,} row{'s' if rows != 1 else ''}; "
        f"{result.clients_computed:,} computed"
    )
    problems = result.rows_with_problems
    if problems:
        shown = ", ".join(str(r) for r in problems[:10]) + (" ..." if len(problems) > 10 else "")
        text += f"; {len(problems):,} row{'s' if len(problems) != 1 else ''} with problems (rows {shown}): see the status and problems columns"
    not_computed = int((frame["status"] != "ok").sum())
    if not_computed:
        text += f"; {not_computed:,} result row{'s' if not_computed != 1 else ''} without figures"
    return text + (f". Results: {output}" if output else ".")
