"""From rows to clients: a client's rows joined, the rules between fields checked, and clients
that share the shape of their arithmetic grouped so each group runs in one vectorized pass.

A client is every row with the same ``client_id``, one per option, in file order. Its own fields
(household, insurance, start date) may be filled on each row or only the first; rows that
disagree are a problem. The rules the scenario model checks between fields (a deductible already
met above the deductible, a salary basis without a salary, ...) are checked here for every row at
once, with the model's own words; one client of each group is then validated by the model
itself, so a rule this module does not know still stops the group (tests/test_caseload.py
checks the two agree on many random rows).

Clients share a group when everything but their numbers and start dates is the same: their
choices (plan type, levels, travel modes ...), which fields they left empty, the shape-giving
whole numbers (:data:`~calculator.caseload.columns.STRUCTURAL`), whether a partner earns
(:data:`~calculator.caseload.columns.POSITIVE_SHAPES`) and their assumption overrides.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import paths
from ..errors import InputProblem
from ..scenario import RESIDENTIAL_LEVELS
from .columns import DISABILITY, OPTION, OVERRIDES, POSITIVE_SHAPES, Column
from .parse import Cells

MIN_OPTIONS, MAX_OPTIONS = 2, 4
#: The name of an option run a second time for a client left with one (names stay 60 characters).
COPY_SUFFIX = " (again)"
COPY_NAME_ROOM = 60 - len(COPY_SUFFIX)


@dataclass
class Clients:
    """The clients of a caseload.

    Attributes
    ----------
    cells : Cells
        The rows, client fields merged onto every row of the client.
    ids : list of str
        Each client's ``client_id``, in order of first appearance.
    option_rows : (C, 4) int array
        Row positions of each client's options, in file order (-1 past the last).
    run_rows : (C, 4) int array
        The rows that make up the client's scenario: its options without a problem, in order
        (a lone one twice, since a scenario compares at least two; the copy's figures are
        the same and are not shown twice).
    ok : (C,) bool
        The client's own fields are sound and at least one option row is: its run rows run.
    group : (C,) int array
        Clients with the same number share the shape of their arithmetic (-1: not ok).
    row_client : (R,) int array
        The client of each row (-1: a row without a ``client_id``).
    """

    cells: Cells
    ids: list[str]
    option_rows: np.ndarray
    run_rows: np.ndarray
    ok: np.ndarray
    group: np.ndarray
    row_client: np.ndarray

    def options(self, c: int) -> np.ndarray:
        """Row positions of client ``c``'s options, in file order."""
        rows = self.option_rows[c]
        return rows[rows >= 0]

    def scenario_rows(self, c: int) -> np.ndarray:
        """Row positions that make up client ``c``'s scenario (see ``run_rows``)."""
        rows = self.run_rows[c]
        return rows[rows >= 0]


def build_clients(cells: Cells) -> Clients:
    """Join rows into clients, check every rule between fields, and group the valid clients."""
    codes, uniques = pd.factorize(pd.Series(cells.client_ids, dtype=object).where(cells.client_ids != "", None))
    position = pd.Series(codes).groupby(codes).cumcount().to_numpy()
    n_clients = len(uniques)
    option_rows = np.full((n_clients, MAX_OPTIONS), -1)
    fits = (codes >= 0) & (position < MAX_OPTIONS)
    option_rows[codes[fits], position[fits]] = np.flatnonzero(fits)
    counts = np.bincount(codes[codes >= 0], minlength=n_clients)
    _check_option_counts(cells, codes, counts)
    _merge_client_fields(cells, codes)
    _check_items(cells)
    _check_rules(cells)
    run_rows, ok = _runnable(cells, codes, option_rows)
    clients = Clients(cells, [str(u) for u in uniques], option_rows, run_rows, ok, np.full(n_clients, -1), codes)
    clients.group = _groups(clients)
    return clients


def _runnable(cells: Cells, codes: np.ndarray, option_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows each client runs: a problem in the client's own fields stops the client; a
    problem in an option's fields stops that option only."""
    n_clients = option_rows.shape[0]
    bad_row = np.zeros(len(cells.rows), dtype=bool)
    client_ok = np.ones(n_clients, dtype=bool)
    for p, found in cells.problems.items():
        bad_row[p] = True
        if codes[p] >= 0 and any(_client_level(x.field) for x in found):
            client_ok[codes[p]] = False
    run_rows = np.full_like(option_rows, -1)
    for c in range(n_clients):
        rows = [r for r in option_rows[c] if r >= 0 and not bad_row[r]]
        if client_ok[c] and rows:
            rows = rows if len(rows) >= MIN_OPTIONS else rows * MIN_OPTIONS
            run_rows[c, : len(rows)] = rows
    return run_rows, client_ok & (run_rows[:, 0] >= 0)


def _client_level(name: str) -> bool:
    from .columns import column

    col = column(name)
    return col is not None and col.level == "client"


def _check_option_counts(cells: Cells, codes: np.ndarray, counts: np.ndarray) -> None:
    wrong = (codes >= 0) & ~np.isin(counts[np.maximum(codes, 0)], range(MIN_OPTIONS, MAX_OPTIONS + 1))
    for p in np.flatnonzero(wrong):
        n = int(counts[codes[p]])
        cells.add(
            [p],
            "client_id",
            cells.client_ids,
            f"this client has {n} row{'s' if n != 1 else ''}: a client needs {MIN_OPTIONS} to {MAX_OPTIONS}, one per option",
        )


def _merge_client_fields(cells: Cells, codes: np.ndarray) -> None:
    """Fill each client field from the client's first row that has it; flag rows that disagree."""
    n = len(cells.rows)
    order = np.argsort(np.where(codes >= 0, codes, np.iinfo(np.int64).max), kind="stable")
    order = order[codes[order] >= 0]
    if order.size == 0:
        return
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    client_of_start = sorted_codes[starts]
    for name, col in cells.columns.items():
        if col.level != "client" or col.kind == "id" or not cells.filled[name].any():
            continue
        values, filled = cells.values[name], cells.filled[name]
        usable = filled & _valid(values)
        # The first usable row of each client: the smallest position among its usable rows.
        candidate = np.where(usable[order], order, n)
        first = np.full(codes.max() + 1, n)
        first[client_of_start] = np.minimum.reduceat(candidate, starts)
        source = np.where(codes >= 0, first[np.maximum(codes, 0)], n)
        has = source < n
        merged = values.copy()
        merged[has] = values[source[has]]
        differs = usable & has & (merged != values)
        for p in np.flatnonzero(differs):
            cells.add([p], name, values, f"differs from this client's earlier row ({_shown_one(merged[p])})")
        cells.values[name] = merged
        cells.filled[name] = filled | has


def _valid(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        return values != ""
    return ~np.isnan(values)


def _shown_one(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- items (stages, children, added costs) and the rules between fields ------------------------------


def _items(cells: Cells) -> dict[tuple[str, str, int], list[str]]:
    """``(level, letter, index)`` -> the file's columns of that numbered item."""
    out: dict[tuple[str, str, int], list[str]] = {}
    for name, col in cells.columns.items():
        if col.item is not None:
            out.setdefault((col.level, *col.item), []).append(name)
    return out


def _any_filled(cells: Cells, names: list[str]) -> np.ndarray:
    out = np.zeros(len(cells.rows), dtype=bool)
    for n in names:
        out |= cells.filled[n]
    return out


def _check_items(cells: Cells) -> None:
    """A stage, child or added cost exists when any of its cells is filled; its required fields
    must then be filled too, and stages come in order from the first."""
    items = _items(cells)
    option_row = _option_row_mask(cells)
    _require(cells, f"{OPTION}name", option_row, "is required: a short name for the option")
    _require(cells, f"{OPTION}stages[0].level", option_row, "is required: every option needs a first stage")
    for (level, letter, index), names in sorted(items.items()):
        present = _any_filled(cells, names)
        for field_name in _REQUIRED_IN_ITEM.get(letter, ()):
            name = _item_column(level, letter, index, field_name)
            _require(cells, name, present, "is required when the other fields of this item are filled in")
        if letter == "s" and index > 0:
            before = _any_filled(cells, items.get((level, letter, index - 1), []))
            cells.add(present & ~before, names[0], None, f"stage {index} is filled in but stage {index - 1} is empty")
    _check_disability(cells)


_REQUIRED_IN_ITEM = {"s": ("level",), "c": ("age_years",), "k": ("label", "amount_usd")}


def _item_column(level: str, letter: str, index: int, field_name: str) -> str:
    base = {"s": f"{OPTION}stages", "c": "household.children", "k": f"{OPTION}other_costs"}[letter]
    return f"{base}[{index}].{field_name}"


def _option_row_mask(cells: Cells) -> np.ndarray:
    return cells.client_ids != ""


def _require(cells: Cells, name: str, where: np.ndarray, message: str) -> None:
    filled = cells.filled.get(name, np.zeros(len(cells.rows), dtype=bool))
    cells.add(where & ~filled, name, None, message)


def _check_disability(cells: Cells) -> None:
    """Disability insurance is there when its yes/no says so or any of its fields is filled."""
    fields = [n for n in cells.columns if n.startswith(DISABILITY + ".")]
    any_field = _any_filled(cells, fields)
    said = cells.values.get(DISABILITY, np.full(len(cells.rows), np.nan))
    cells.add((said == 0) & any_field, DISABILITY, said, "is false but disability fields are filled in")
    present = np.where(np.isnan(said), any_field, said == 1)
    cells.values[DISABILITY] = present.astype(float)
    cells.filled[DISABILITY] = np.ones(len(cells.rows), dtype=bool)
    if DISABILITY not in cells.columns:
        from .columns import column

        cells.columns[DISABILITY] = column(DISABILITY)


def _value(cells: Cells, name: str, default: Any = np.nan) -> np.ndarray:
    n = len(cells.rows)
    if name not in cells.values:
        return np.full(n, default, dtype=object if isinstance(default, str) else float)
    values = cells.values[name]
    if values.dtype == object:
        return np.where(values == "", default, values)
    return np.where(np.isnan(values), default, values)


def _check_rules(cells: Cells) -> None:
    """The scenario model's rules between fields, for every row at once, in the model's words."""
    v = lambda name, default=np.nan: _value(cells, name, default)  # noqa: E731
    salary = (v("household.pay_basis", "hourly") == "salary") & (v("household.work_schedule", "day") != "not_working")
    cells.add(
        salary & np.isnan(v("household.salary_usd_per_year")),
        "household.salary_usd_per_year",
        None,
        "salary_usd_per_year is required when pay_basis is 'salary'",
    )
    for prefix in ("insurance.", "insurance.out_of_network."):
        _plan_limits(cells, prefix, both=prefix == "insurance.")
    for name in [n for n in cells.columns if re.fullmatch(r"option\.stages\[\d+\]\.level", n)]:
        _stage_rules(cells, name.removesuffix("level"))


def _plan_limits(cells: Cells, prefix: str, both: bool) -> None:
    v = lambda name: _value(cells, prefix + name)  # noqa: E731
    ded, met = v("deductible_usd"), np.nan_to_num(v("deductible_met_usd"))
    oop, oop_met = v("oop_max_usd"), np.nan_to_num(v("oop_met_usd"))
    shown = lambda name: _value(cells, prefix + name)  # noqa: E731
    cells.add(
        met > ded,
        prefix + "deductible_met_usd",
        shown("deductible_met_usd"),
        "deductible_met_usd cannot exceed deductible_usd",
    )
    cells.add(oop_met > oop, prefix + "oop_met_usd", shown("oop_met_usd"), "oop_met_usd cannot exceed oop_max_usd")
    if both:
        cells.add(
            ded > oop, prefix + "deductible_usd", shown("deductible_usd"), "deductible_usd cannot exceed oop_max_usd"
        )


def _stage_rules(cells: Cells, stage: str) -> None:
    basis = _value(cells, stage + "price_basis", "per_day")
    level = _value(cells, stage + "level", "")
    no_price = np.isnan(_value(cells, stage + "price_usd"))
    for name in ("per_week", "program"):
        cells.add(
            (basis == name) & no_price & (level != ""),
            stage + "price_usd",
            None,
            f"price_usd is required when price_basis is '{name}'",
        )
    cells.add(
        (basis == "per_session") & np.isin(level, list(RESIDENTIAL_LEVELS)),
        stage + "price_basis",
        basis,
        "price_basis 'per_session' is for outpatient levels; use 'per_day' for a residential level",
    )


# ---- groups: clients whose arithmetic has the same shape ---------------------------------------------


def _codes(values: np.ndarray, col: Column, filled: np.ndarray) -> np.ndarray:
    """What of a column shapes the arithmetic: a varying number only whether it is filled (and,
    for :data:`~calculator.caseload.columns.POSITIVE_SHAPES`, whether it is above zero)."""
    if col.template in POSITIVE_SHAPES:
        above = np.zeros(filled.shape, dtype=bool)
        above[filled] = values[filled].astype(float) > 0
        return filled.astype(np.int64) + above
    if col.varies or col.kind in ("date", "text", "id"):
        return filled.astype(np.int64)
    return pd.factorize(pd.Series(values, dtype=object).where(filled, None))[0].astype(np.int64)


def _combine(parts: list[np.ndarray], n: int) -> np.ndarray:
    key = np.zeros(n, dtype=np.int64)
    for codes in parts:
        key = pd.factorize(key * (int(codes.max(initial=0)) + 2) + codes + 1)[0].astype(np.int64)
    return key


def _groups(clients: Clients) -> np.ndarray:
    cells = clients.cells
    n = len(cells.rows)
    client_parts, option_parts = [], []
    for name, col in cells.columns.items():
        if col.kind == "id":
            continue
        codes = _codes(cells.values[name], col, cells.filled[name])
        (option_parts if col.level == "option" else client_parts).append(codes)
    row_client, row_option = _combine(client_parts, n), _combine(option_parts, n)
    rows = clients.run_rows
    table = np.column_stack(
        [row_client[rows[:, 0]]] + [np.where(rows[:, o] >= 0, row_option[rows[:, o]], -1) for o in range(MAX_OPTIONS)]
    )
    group = np.full(len(clients.ids), -1)
    if clients.ok.any():
        group[clients.ok] = np.unique(table[clients.ok], axis=0, return_inverse=True)[1].reshape(-1)
    return group


# ---- one client as a scenario dictionary -------------------------------------------------------------


def scenario_data(clients: Clients, c: int) -> dict[str, Any]:
    """Client ``c`` as plain scenario data (what a TOML file would hold), from its filled cells."""
    cells = clients.cells
    data: dict[str, Any] = {}
    first = clients.run_rows[c, 0]
    if cells.values.get(DISABILITY) is not None and cells.values[DISABILITY][first] == 1:
        _put(data, paths.split(DISABILITY), {})
    for name, col in cells.columns.items():
        if col.level != "client" or col.kind == "id" or name == DISABILITY:
            continue
        if cells.filled[name][first]:
            _put_cell(data, col, col.path(), cells.values[name][first])
    rows = list(clients.scenario_rows(c))
    for o, row in enumerate(rows):
        for name, col in cells.columns.items():
            if col.level == "option" and cells.filled[name][row]:
                _put_cell(data, col, col.path(o), cells.values[name][row])
    out = _lists(data)
    options = out.get("options", [])
    for o, row in enumerate(rows):
        if row in rows[:o] and o < len(options) and isinstance(options[o].get("name"), str):
            # A client left with one option that can run runs it twice (a scenario has two or
            # more); options must be named apart, so the copy, whose figures are the same and
            # are never shown, takes another name.
            options[o]["name"] = options[o]["name"][:COPY_NAME_ROOM] + COPY_SUFFIX
    return out


def _put_cell(data: dict, col: Column, path: str, value: Any) -> None:
    if col.kind == "override":
        data.setdefault("assumption_overrides", {})[col.name.removeprefix(OVERRIDES)] = float(value)
        return
    _put(data, paths.split(path), _python(col, value))


def _python(col: Column, value: Any) -> Any:
    if col.kind == "int":
        return int(value)
    if col.kind in ("money", "number", "percent"):
        return float(value)
    if col.kind == "bool":
        return bool(value)
    if col.kind == "date":
        return dt.date.fromordinal(int(value)).isoformat()
    return value


def _put(data: dict, parts: list, value: Any) -> None:
    """Set a nested value; list indexes become dictionary keys until :func:`_lists` orders them."""
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _lists(node: Any) -> Any:
    """Turn ``{0: ..., 2: ...}`` (items by index) into lists in index order."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        return [_lists(node[k]) for k in sorted(node)]
    return {k: _lists(v) for k, v in node.items()}


def problems_at(clients: Clients, c: int, path_problems: list[InputProblem]) -> dict[int, list[InputProblem]]:
    """The model's problems for client ``c`` (scenario paths) as row positions and column names."""
    out: dict[int, list[InputProblem]] = {}
    rows = clients.scenario_rows(c)
    for p in path_problems:
        match = re.match(r"options\[(\d+)\]\.?(.*)", p.field)
        if match and int(match.group(1)) < rows.size:
            row, name = int(rows[int(match.group(1))]), OPTION + match.group(2)
        else:
            row, name = int(rows[0]), p.field
        out.setdefault(row, []).append(InputProblem(name, p.value, p.message))
    return out
