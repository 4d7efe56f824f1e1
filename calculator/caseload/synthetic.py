"""Made-up caseloads for benchmarks and tests: the shipped examples, varied client by client.

Each client is one of the example scenarios (:mod:`calculator.examples`) with its numbers moved
by a random share (pay, prices, deductibles, distances ...), its stage lengths by up to two
weeks, its own start date within a year, and now and then the other commercial plan type, so a
caseload has the mix of shapes and numbers a program's real caseload has. No real person's
figures are involved. Built column by column, so a million rows take seconds.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..examples import example_names, load_example
from . import scenario_rows
from .columns import CLIENT_ID, column

#: Relative spread of a number (uniform, +/-); lengths move by up to two weeks either way.
SPREAD = 0.25
LENGTH_SPREAD_DAYS = 14
FIRST_START = dt.date(2026, 7, 1)
PLAN_SWAP_SHARE = 0.3


def synthetic_caseload(n_clients: int, seed: int = 0) -> pd.DataFrame:
    """``n_clients`` made-up clients as a caseload table of text cells, as a file would hold them,
    with a ``row`` column (the spreadsheet row number)."""
    rng = np.random.default_rng(seed)
    archetypes = [pd.DataFrame(scenario_rows("x", load_example(name)), dtype=object) for name in example_names()]
    names = list(dict.fromkeys(n for a in archetypes for n in a.columns))
    choice = rng.integers(0, len(archetypes), n_clients)
    parts = []
    for a, rows in enumerate(archetypes):
        clients = np.flatnonzero(choice == a)
        if clients.size:
            parts.append(_clients_like(rows.reindex(columns=names, fill_value="").fillna(""), clients, rng))
    frame = pd.concat(parts, ignore_index=True).sort_values(["_client", "_option"], kind="stable")
    frame = frame.drop(columns=["_client", "_option"]).reset_index(drop=True)
    frame.insert(0, "row", np.arange(len(frame)) + 2)
    return frame


def _clients_like(rows: pd.DataFrame, clients: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """One archetype's rows repeated for each of ``clients``, each client's numbers moved."""
    n_options = len(rows)
    client = np.repeat(clients, n_options)
    out = rows.iloc[np.tile(np.arange(n_options), clients.size)].reset_index(drop=True)
    out["_client"], out["_option"] = client, np.tile(np.arange(n_options), clients.size)
    out[CLIENT_ID] = pd.Series(client + 1).map("client-{:07d}".format)
    starts = np.datetime64(FIRST_START) + rng.integers(0, 365, clients.size).astype("timedelta64[D]")
    out["start_date"] = np.repeat(starts.astype(str), n_options)
    if "insurance.plan_type" in out and rows["insurance.plan_type"].iloc[0] in ("employer", "marketplace"):
        other = "marketplace" if rows["insurance.plan_type"].iloc[0] == "employer" else "employer"
        swap = np.repeat(rng.random(clients.size) < PLAN_SWAP_SHARE, n_options)
        out.loc[swap, "insurance.plan_type"] = other
    for name in rows.columns:
        col = column(name)
        if col is None or not col.varies or (rows[name] == "").all():
            continue
        per_client = col.level == "client"
        out[name] = _moved(col, rows[name].to_numpy(), clients.size, per_client, rng)
    return out


def _moved(col, base: np.ndarray, n_clients: int, per_client: bool, rng: np.random.Generator) -> np.ndarray:
    """The column's cells for every client: each filled cell moved by a random share."""
    n_options = base.size
    filled = np.tile(base != "", n_clients)
    values = np.tile(np.where(base != "", base, "0").astype(float), n_clients)
    draws = n_clients if per_client else n_clients * n_options
    if col.name.endswith("length_days"):
        shift = rng.integers(-LENGTH_SPREAD_DAYS, LENGTH_SPREAD_DAYS + 1, draws)
        values = values + (np.repeat(shift, n_options) if per_client else shift)
    else:
        factor = 1.0 + rng.uniform(-SPREAD, SPREAD, draws)
        values = values * (np.repeat(factor, n_options) if per_client else factor)
    bounds = col.spec.bounds
    values = np.clip(values, bounds.get("ge", bounds.get("gt", -np.inf)), bounds.get("le", np.inf))
    if "gt" in bounds:
        values = np.maximum(values, bounds["gt"] + 0.01)
    text = _as_text(col.kind, values)
    return np.where(filled, text, "").astype(object)


def _as_text(kind: str, values: np.ndarray) -> np.ndarray:
    if kind == "int":
        return np.rint(values).astype(np.int64).astype(str)
    decimals = 3 if kind == "percent" else 2
    return np.round(values, decimals).astype(str)
