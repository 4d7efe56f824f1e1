"""Benchmark of caseloads (a script that prints figures, not a timed test).

Default: 10,000 made-up clients x 2 options (20,000 rows) from a CSV file to a CSV file through
``python -m calculator caseload``, end to end including the process start (median of 3 runs),
with the cost per client and per row against one ``compare()`` as a ratio, and where the time
goes inside the run.

``--dask``: 1,000,000 rows (500,000 clients x 2 options) on a local Dask cluster (2 worker
processes, 1 thread each): the time, the peak memory of each worker, rows per second per core,
and the ratio to the same file run in one process (whose results it must equal). Needs the
optional extra: ``make bench-scale``.

Run: ``make bench`` or ``PYTHONPATH=. .venv/bin/python scripts/bench_caseload.py [--dask]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from calculator import compare, spreadsheet
from calculator.caseload import read_caseload, results_csv, run_caseload
from calculator.caseload.synthetic import synthetic_caseload
from calculator.examples import example_names, load_example

CLIENTS = 10_000
BIG_ROWS = 1_000_000
ROOT = Path(__file__).resolve().parent.parent


def _machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {_load()}"


def _load() -> str:
    """The load average over the last 1 and 5 minutes (other work sharing the cores)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def _write_caseload(path: Path, clients: int, seed: int) -> int:
    table = synthetic_caseload(clients, seed=seed)
    path.write_bytes(spreadsheet.csv_bytes(table.drop(columns="row")))
    return len(table)


def _end_to_end(source: Path, target: Path, extra: list[str] | None = None) -> float:
    command = [sys.executable, "-m", "calculator", "caseload", str(source), "-o", str(target), *(extra or [])]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"caseload run failed ({done.returncode}): {done.stderr}")
    return elapsed


def _compare_time() -> float:
    """Median seconds of one compare() over the shipped examples (each run 10 times)."""
    scenarios = [load_example(n) for n in example_names()]
    for s in scenarios:
        compare(s)
    runs = []
    for _ in range(10):
        for s in scenarios:
            t = time.perf_counter()
            compare(s)
            runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def _phases(source: Path) -> str:
    t0 = time.perf_counter()
    table = read_caseload(source.read_bytes(), source.name)
    t1 = time.perf_counter()
    result = run_caseload(table)
    t2 = time.perf_counter()
    results_csv(result.frame)
    t3 = time.perf_counter()
    return (
        f"read {t1 - t0:.2f} s, check and run {t2 - t1:.2f} s ({result.groups} groups of clients alike in shape, "
        f"{result.passes} engine passes), write {t3 - t2:.2f} s"
    )


def bench_local() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "clients.csv", Path(tmp) / "results.csv"
        rows = _write_caseload(source, CLIENTS, seed=1)
        start = statistics.median(
            _timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)) for _ in range(3)
        )
        runs = [_end_to_end(source, target) for _ in range(3)]
        total = statistics.median(runs)
        one = _compare_time()
        print(f"Caseload benchmark ({_machine()})")
        print(f"  {CLIENTS:,} clients x 2 options = {rows:,} rows, CSV to CSV, end to end with process start:")
        print(f"    {total:.2f} s (runs: {', '.join(f'{r:.2f}' for r in runs)}; a bare Python start {start:.2f} s)")
        print(f"    in-process: {_phases(source)}")
        per_client, per_row = total / CLIENTS, total / rows
        print(f"  one compare(): {one * 1e3:.1f} ms (median over the shipped examples)")
        print(
            f"  per client: {per_client * 1e6:.0f} us = 1/{one / per_client:.0f} of one compare(); "
            f"per row: {per_row * 1e6:.0f} us = 1/{one / per_row:.0f}"
        )
        print(f"  at the end: {_load()}")


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_dask(big_rows: int = BIG_ROWS) -> None:
    from dask.distributed import Client

    from calculator.caseload.distributed import local_cluster, run_dask

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "big.csv"
        rows = _write_caseload(source, big_rows // 2, seed=2)
        print(
            f"Dask benchmark ({_machine()}): {rows:,} rows ({rows // 2:,} clients x 2 options), "
            f"{source.stat().st_size / 1e6:.0f} MB of CSV"
        )
        workers = 2
        t = time.perf_counter()
        # The cluster first, so its worker processes start fresh (their peak memory is their own).
        with local_cluster(workers) as cluster:
            started = time.perf_counter() - t
            with Client(cluster) as client:
                t = time.perf_counter()
                table = read_caseload(source.read_bytes(), source.name)
                result = run_dask(table, scheduler=cluster.scheduler_address, partitions=8 * workers)
                dask_s = time.perf_counter() - t
                peaks = client.run(_peak_memory_mb)
        t = time.perf_counter()
        single = run_caseload(read_caseload(source.read_bytes(), source.name))
        single_s = time.perf_counter() - t
        same = result.frame.equals(single.frame)
        print(f"  local cluster of {workers} workers x 1 thread: started in {started:.1f} s")
        print(f"  read and run on the cluster: {dask_s:.1f} s; results equal the one-process run: {same}")
        print(f"  peak memory per worker: {', '.join(f'{p:,.0f} MB' for p in peaks.values())}")
        print(f"  rows per second per core: {rows / dask_s / workers:,.0f}")
        print(f"  one process: {single_s:.1f} s read and run ({rows / single_s:,.0f} rows/s on one core)")
        print(f"  one process / cluster time: {single_s / dask_s:.2f}")
        print(f"  at the end: {_load()}")


def _peak_memory_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dask", action="store_true", help="the 1,000,000-row run on a local Dask cluster")
    parser.add_argument("--rows", type=int, default=BIG_ROWS, help="rows for --dask (default 1,000,000)")
    args = parser.parse_args()
    bench_dask(args.rows) if args.dask else bench_local()


if __name__ == "__main__":
    main()
