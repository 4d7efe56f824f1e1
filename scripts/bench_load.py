"""Benchmark (not a test): many people using one server at once, measured at the server.

Issue 13's load row: 25 concurrent users changing inputs, with clients light enough that they do
not crowd out the server (scripts/streamlit_client.py: one websocket each, no browser). The
server is started through the project's launcher (scripts/serve.py, the hardened settings) on a
free port. Each user opens the page (the default scenario), waits for it to settle (the
analysis included), then changes the hourly pay a few times with a think time between changes,
and leaves. Users arrive spread over a few seconds, as people do.

Printed: the time from a change to the new answer (the headline) arriving over the websocket,
and to the page settling (its deferred analysis done), p50/p95/max; errors and exceptions; the
server's resident memory (RSS) before anyone came, after one warm-up user (imports and the
library loaded), at its peak, and once every session has closed and ``ui/janitor.py`` has swept
(Streamlit keeps a closed session ``server.disconnectedSessionTTL`` seconds for a reconnect,
60 in the project's settings, 5 here unless ``--reconnect-s`` says otherwise); the machine's
load average. Streamlit does not report its script-run durations, so one user alone, before the
crowd, gives the server's own time for the same change.

    .venv/bin/python scripts/bench_load.py [--users 25] [--changes 4] [--think-s 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # noqa: E402 - run as a script from make bench

from scripts.streamlit_client import Run, Session  # noqa: E402

PAY = "household.pay_usd_per_hour"
GOAL_P95_S = 1.0
#: How long a user waits for one interaction to settle (its answer and its analysis) [s].
TIMEOUT_S = 120.0


@dataclass
class Tally:
    """Every interaction's timings, and what went wrong."""

    answer_s: list[float] = field(default_factory=list)
    settled_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    unsettled: int = 0

    def add(self, run: Run, opening: bool = False) -> None:
        """An answer that arrived counts even when the analysis after it did not come in time
        (counted apart as unsettled); no answer at all is an error."""
        if run.answer_s is None:
            self.errors.append(run.error or "no answer")
            return
        (self.open_s if opening else self.answer_s).append(run.answer_s)
        if run.settled_s is None:
            self.unsettled += 1
        elif not opening:
            self.settled_s.append(run.settled_s)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """Resident memory of ``pid`` [MB] (``VmHWM``: its peak so far), from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(port: int, reconnect_s: float) -> subprocess.Popen:
    """The app through the project's launcher (it execs Streamlit, so the pid is the server's)."""
    args = [sys.executable, str(ROOT / "scripts" / "serve.py"), f"--server.port={port}"]
    args.append(f"--server.disconnectedSessionTTL={reconnect_s:g}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start within 180 s")


async def one_user(url: str, tally: Tally, changes: int, think_s: float, rng: random.Random) -> None:
    session = Session(url)
    try:
        tally.add(await session.open(TIMEOUT_S), opening=True)
        for _ in range(changes):
            await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
            if PAY not in session.widgets:
                tally.errors.append("the pay input is missing")
                return
            tally.add(await session.set_number(PAY, round(rng.uniform(12, 60), 2), TIMEOUT_S))
        tally.errors += session.exceptions
    except Exception as exc:  # a benchmark counts a failure rather than stopping
        tally.errors.append(type(exc).__name__)
    finally:
        await session.close()


async def crowd(url: str, users: int, changes: int, think_s: float) -> Tally:
    """``users`` users arriving over ``users / 5`` seconds (at least 2), all at once on the server."""
    tally, rng = Tally(), random.Random(13)
    spread_s = max(2.0, users / 5)

    async def arrive(i: int) -> None:
        await asyncio.sleep(spread_s * i / users)
        await one_user(url, tally, changes, think_s, random.Random(rng.random()))

    await asyncio.gather(*(arrive(i) for i in range(users)))
    return tally


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _line(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: none"
    return (
        f"{label}: n={len(values)} p50 {_pct(values, 0.5) * 1000:6.0f} ms, p95 {_pct(values, 0.95) * 1000:6.0f} ms, "
        f"max {max(values) * 1000:6.0f} ms"
    )


def wait_swept(pid: int, reconnect_s: float) -> float:
    """Wait out the reconnect window and a few janitor sweeps; the RSS then [MB]."""
    from ui.janitor import SWEEP_S

    time.sleep(reconnect_s + 6 * SWEEP_S)
    return _rss_mb(pid)


def report(args: argparse.Namespace, alone: Tally, tally: Tally, memory: dict[str, float]) -> None:
    print(f"users {args.users}, {args.changes} changes each, think time ~{args.think_s:g} s; cores {os.cpu_count()}")
    print(_line("one user alone, change -> answer (the server's own time)", alone.answer_s))
    print(_line("one user alone, change -> page settled", alone.settled_s))
    print(_line("crowd: page opened -> answer", tally.open_s))
    print(_line("crowd: change -> answer", tally.answer_s))
    print(_line("crowd: change -> page settled (analysis included)", tally.settled_s))
    print(f"errors (no answer): {len(tally.errors)} {sorted(set(tally.errors))[:5]}")
    print(f"interactions whose analysis had not shown within {TIMEOUT_S:g} s: {tally.unsettled}")
    print("server RSS [MB]: " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items()))
    p95 = _pct(tally.answer_s, 0.95)
    met = p95 < GOAL_P95_S and not tally.errors
    print(f"goal: p95 change -> answer under {GOAL_P95_S:g} s with no error: {'met' if met else 'not met'}")
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--changes", type=int, default=4)
    parser.add_argument("--think-s", type=float, default=2.0)
    parser.add_argument("--reconnect-s", type=float, default=5.0)
    args = parser.parse_args()
    print("load average (1, 5, 15 min) at the start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.reconnect_s)
    memory = {"started": _rss_mb(server.pid)}
    try:
        alone = asyncio.run(crowd(url, 1, args.changes, args.think_s))
        memory["after one user, swept"] = wait_swept(server.pid, args.reconnect_s)
        tally = asyncio.run(crowd(url, args.users, args.changes, args.think_s))
        memory["peak"] = _rss_mb(server.pid, "VmHWM")
        memory["all closed, swept"] = wait_swept(server.pid, args.reconnect_s)
        report(args, alone, tally, memory)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
