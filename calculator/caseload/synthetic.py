"""Made-up caseloads for benchmarks and tests: the shipped examples, varied client by client.

Each client is one of the example scenarios (:mod:`calculator.examples`) with its numbers moved
by a random share (pay, prices, lengths, deductibles, distances ...), its own start date within
a year, and now and then a different plan or session time, so a caseload has the mix of shapes
and numbers a program's real caseload has. No real person's figures are involved.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..examples import example_names, load_example
from . import scenario_rows
from .columns import CLIENT_ID, column

#: Relative spread of a number (uniform, +/-); lengths move by up to two weeks.
SPREAD = 0.25
FIRST_START = dt.date(2026, 7, 1)


def synthetic_caseload(n_clients: int, seed: int = 0) -> pd.DataFrame:
    """``n_clients`` made-up clients as a caseload table of text cells (as a file would hold)."""
    rng = np.random.default_rng(seed)
    archetypes = [scenario_rows("x", load_example(name)) for name in example_names()]
    names = list(dict.fromkeys(n for rows in archetypes for row in rows for n in row))
    choice = rng.integers(0, len(archetypes), n_clients)
    rows = []
    for i, a in enumerate(choice):
        client = [dict(r) for r in archetypes[a]]
        _vary(client, rng, f"client-{i + 1:07d}")
        rows += client
    frame = pd.DataFrame(rows, columns=names, dtype=object).fillna("")
    frame.insert(0, "row", np.arange(len(frame)) + 2)
    return frame


def _vary(rows: list[dict[str, str]], rng: np.random.Generator, client_id: str) -> None:
    start = FIRST_START + dt.timedelta(days=int(rng.integers(0, 365)))
    plan = rows[0].get("insurance.plan_type", "employer")
    if plan in ("employer", "marketplace") and rng.random() < 0.3:
        plan = "marketplace" if plan == "employer" else "employer"
    shared: dict[str, str] = {}
    for r, row in enumerate(rows):
        row[CLIENT_ID] = client_id
        row["start_date"] = start.isoformat()
        if "insurance.plan_type" in row:
            row["insurance.plan_type"] = plan
        for name, text in list(row.items()):
            col = column(name)
            if col is None or not col.varies or text == "":
                continue
            if col.level == "client":
                shared.setdefault(name, _moved(col, float(text), rng))
                row[name] = shared[name]
            else:
                row[name] = _moved(col, float(text), rng)
        del r


def _moved(col, value: float, rng: np.random.Generator) -> str:
    if col.name.endswith("length_days"):
        value = value + int(rng.integers(-14, 15))
    else:
        value = value * (1.0 + rng.uniform(-SPREAD, SPREAD))
    bounds = col.spec.bounds
    low = bounds.get("ge", bounds.get("gt", -np.inf))
    high = bounds.get("le", bounds.get("lt", np.inf))
    value = float(np.clip(value, low if "ge" in bounds else low + 1e-6, high))
    if col.kind == "int":
        return str(int(np.clip(round(value), np.ceil(low) if np.isfinite(low) else value, high)))
    if col.kind == "percent":
        return f"{value:.3f}"
    return f"{value:.2f}"
