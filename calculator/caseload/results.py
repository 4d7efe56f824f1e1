"""The results table: one row per client and option, every input row accounted for.

Columns, each header carrying its unit in brackets:

- ``row`` (the input row), ``client_id``, ``option``, ``status`` (``ok``; ``problem``: this row
  has a mistake, named in ``problems`` with the column, the value and what is allowed;
  ``not computed``: another row of the same client has one);
- the option's totals, every one :func:`calculator.compare` gives and rounded by the same
  function: the cash total (``family_total``), with paid time off used
  (``family_total_with_leave``), after tax (``family_total_after_tax``) and both
  (``family_total_with_leave_after_tax``), then their parts (out of pocket, each component,
  what insurance paid and allowed, leave used, the change in taxes, out of pocket and lost
  income after tax, leave used after tax); then ``difference_from_first_option [USD]``;
- the client's headline: the second option minus the first (the cash total, and each total
  beside it), the option that costs the family least, and the component that differs most
  between the first two;
- what the option asks beyond money (nights away, work hours missed and kept, childcare hours,
  visits ...);
- every line of the arithmetic, stage by stage (``stage1.treatment.deductible [USD]``), then the
  whole pathway's (``pathway.taxes.tax_lost_wages.1``): a line marked ``[USD]`` counts in the
  cash total; ``[USD, counted in family_total_with_leave]`` (paid time off used),
  ``[USD, counted in family_total_after_tax]`` (a change in taxes) and
  ``[USD, counted in leave_used_after_tax]`` count only in the total named (as
  :attr:`calculator.compare.LineResult.counted_in`); lines marked ``information`` (billed,
  allowed, paid by the insurer, wages before leave) are counted in no total;
- ``library_version``: the assumptions library the figures came from.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from ..compare import BESIDE, LOGISTICS_NAMES, counted_in
from ..engine import COMPONENTS
from ..money import cents_fast
from .clients import Clients
from .run import Outcomes

OK, PROBLEM, NOT_COMPUTED = "ok", "problem", "not computed"
#: The headline totals: the cash total, then those compare shows beside it (with leave used,
#: after tax, and both).
HEADLINE = ("family_total", *(name for name in BESIDE if name.startswith("family_total_")))
#: The totals in the table's order (the headline first); any other total compare gives follows.
TOTALS_FIRST = (
    *HEADLINE,
    "out_of_pocket",
    *COMPONENTS,
    "insurer_paid",
    "allowed",
    "leave_used",
    "tax_effect",
    "out_of_pocket_after_tax",
    "lost_income_after_tax",
    "leave_used_after_tax",
)
LOGISTICS_UNITS = {
    "days": "days",
    "weeks": "weeks",
    "nights_away": "nights",
    "program_days": "days",
    "visits": "visits",
}


def money(name: str) -> str:
    return f"{name} [USD]"


def _logistics_unit(name: str) -> str:
    if name in LOGISTICS_UNITS:
        return LOGISTICS_UNITS[name]
    if name.endswith("_days"):
        return "days"
    return "hours" if "hours" in name else ""


def results_frame(clients: Clients, outcomes: Outcomes, library_version: str) -> pd.DataFrame:
    """The results table for a caseload (see the module docstring), rows in input order."""
    cells = clients.cells
    status, problems = _status(clients, outcomes)
    option_names = cells.values.get("option.name", np.full(len(cells.rows), "", dtype=object))
    data: dict[str, object] = {
        "row": cells.rows,
        "client_id": cells.client_ids,
        "option": option_names,
        "status": status,
        "problems": problems,
    }
    for name in _ordered(outcomes.totals, TOTALS_FIRST):
        data[money(name)] = outcomes.totals[name]
    data.update(_client_figures(clients, outcomes))
    for name, values in outcomes.logistics.items():
        unit = _logistics_unit(name)
        data[f"{name} [{unit}]" if unit else name] = np.round(values, 2)
    for key in outcomes.lines:
        data[_line_header(key)] = outcomes.lines[key]
    data["library_version"] = np.full(len(cells.rows), library_version, dtype=object)
    return order_columns(pd.DataFrame(data))


IDENTITY = ("row", "client_id", "option", "status", "problems")
#: The headline difference of each total beside the cash total: ``client_second_minus_first_{suffix}``.
HEADLINE_SUFFIX = {name: name.removeprefix("family_total_") for name in HEADLINE[1:]}
CLIENT_FIGURES = (
    "difference_from_first_option",
    "client_second_minus_first",
    *(f"client_second_minus_first_{suffix}" for suffix in HEADLINE_SUFFIX.values()),
    "client_cheapest_option",
    "client_main_driver",
    "client_main_driver_difference",
)
_LINE = re.compile(r"^(?:stage(\d+)|pathway)\.(\w+)\.(\w+?)(?:\.(\d+))? \[USD(, information|, counted in \w+)?\]$")


def order_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The results' columns in their one order, whatever set of lines a table happens to have
    (partitions of a caseload each have theirs; put together they read as one table)."""
    return frame[sorted(frame.columns, key=_column_rank)]


def _column_rank(header: str) -> tuple:
    name = header.split(" [", 1)[0]
    if name in IDENTITY:
        return (0, IDENTITY.index(name))
    if header == "library_version":
        return (6,)
    line = _LINE.match(header)
    if line:
        stage, component, item, occurrence, info = line.groups()
        in_total = info != ", information"
        key = (None if stage is None else int(stage) - 1, component, item, int(occurrence or 1) - 1, in_total)
        return (5, *_line_order(key))
    if name in CLIENT_FIGURES:
        return (2, CLIENT_FIGURES.index(name))
    if name in LOGISTICS_NAMES or header.endswith(("[hours]", "[days]", "[nights]", "[visits]", "[weeks]")):
        return (3, LOGISTICS_NAMES.index(name) if name in LOGISTICS_NAMES else len(LOGISTICS_NAMES), name)
    return (1, TOTALS_FIRST.index(name) if name in TOTALS_FIRST else len(TOTALS_FIRST), name)


def _ordered(names, first: tuple[str, ...]) -> list[str]:
    return [n for n in first if n in names] + [n for n in names if n not in first]


def _status(clients: Clients, outcomes: Outcomes) -> tuple[np.ndarray, np.ndarray]:
    cells = clients.cells
    n = len(cells.rows)
    status = np.full(n, OK, dtype=object)
    text = np.full(n, "", dtype=object)
    for p, found in cells.problems.items():
        status[p] = PROBLEM
        text[p] = "; ".join(str(x) for x in found)
    computed = outcomes.computed
    for c in np.flatnonzero(~clients.ok):
        rows = clients.options(c)
        with_problems = ", ".join(f"row {int(cells.rows[r])}" for r in rows if r in cells.problems)
        for r in rows:
            if r not in cells.problems:
                status[r] = NOT_COMPUTED
                text[r] = f"not computed: {with_problems} of this client has a problem" if with_problems else ""
    status[(status == OK) & ~computed] = NOT_COMPUTED
    return status, text


def _client_figures(clients: Clients, outcomes: Outcomes) -> dict[str, np.ndarray]:
    """Per row: this option minus the client's first; per client: the headline figures."""
    n = len(clients.cells.rows)
    totals = outcomes.totals
    family = totals.get("family_total", np.full(n, np.nan))
    client = clients.row_client
    first_row = np.where(client >= 0, clients.option_rows[np.maximum(client, 0), 0], 0)
    second_row = np.where(client >= 0, clients.option_rows[np.maximum(client, 0), 1], -1)
    second_row = np.where(second_row >= 0, second_row, first_row)
    diffs = {c: totals[c][second_row] - totals[c][first_row] for c in COMPONENTS if c in totals}
    driver, amount = _main_driver(diffs, n)
    # The headline compares the client's first two options, as the page does.
    both = ~np.isnan(family[first_row]) & ~np.isnan(family[second_row]) & (second_row != first_row)
    out = {
        money("difference_from_first_option"): cents_fast(family - family[first_row]),
        money("client_second_minus_first"): np.where(both, cents_fast(family[second_row] - family[first_row]), np.nan),
    }
    for name, suffix in HEADLINE_SUFFIX.items():
        if name in totals:
            # As Comparison.difference(name): second minus first, rounded to the cent.
            diff = cents_fast(totals[name][second_row] - totals[name][first_row])
            out[money(f"client_second_minus_first_{suffix}")] = np.where(both, diff, np.nan)
    out["client_cheapest_option"] = _cheapest(clients, family)
    out["client_main_driver"] = np.where(both, driver, "")
    out[money("client_main_driver_difference")] = np.where(both, amount, np.nan)
    return out


def _main_driver(diffs: dict[str, np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """As :meth:`calculator.compare.Comparison.main_driver`: the component whose difference is
    largest in size (the first such, in component order), and that difference."""
    if not diffs:
        return np.full(n, "", dtype=object), np.full(n, np.nan)
    names = list(diffs)
    table = np.column_stack([diffs[c] for c in names])
    pick = np.argmax(np.abs(np.nan_to_num(table, nan=-1.0)), axis=1)
    amount = cents_fast(table[np.arange(n), pick])
    return np.array(names, dtype=object)[pick], amount


def _cheapest(clients: Clients, family: np.ndarray) -> np.ndarray:
    """The name of the client's option with the lowest family total (the first, on a tie)."""
    names = clients.cells.values.get("option.name", np.full(family.size, "", dtype=object))
    rows = clients.option_rows
    totals = np.where(rows >= 0, family[np.maximum(rows, 0)], np.inf)
    best = rows[np.arange(rows.shape[0]), np.argmin(np.nan_to_num(totals, nan=np.inf), axis=1)]
    client = clients.row_client
    out = np.where(client >= 0, names[best[np.maximum(client, 0)]], "")
    computed = np.isfinite(totals).any(axis=1)
    has = (client >= 0) & computed[np.maximum(client, 0)]
    return np.where(has, out, "").astype(object)


@functools.cache
def _item_rank() -> dict[tuple[str, str], int]:
    """The engine's own order of items within each component (read off one detailed run)."""
    from ..batch import evaluate_rows
    from ..examples import load_example

    rank: dict[tuple[str, str], int] = {}
    for name in ("default", "california-salaried-disability"):
        for option in evaluate_rows(load_example(name), {}, 1):
            for line in option.lines:
                rank.setdefault((line.component, line.item), len(rank))
    return rank


def _line_order(key: tuple) -> tuple:
    stage, component, item, occurrence, _ = key
    component_rank = COMPONENTS.index(component) if component in COMPONENTS else len(COMPONENTS)
    item_rank = _item_rank().get((component, item), len(_item_rank()))
    return (stage is None, stage or 0, component_rank, item_rank, item, occurrence)


def _line_header(key: tuple) -> str:
    stage, component, item, occurrence, in_total = key
    where = "pathway" if stage is None else f"stage{stage + 1}"
    name = f"{where}.{component}.{item}"
    if stage is None or occurrence:
        name += f".{occurrence + 1}"
    total = counted_in(component, item, in_total)
    if total is None:
        return f"{name} [USD, information]"
    return f"{name} [USD]" if total == "family_total" else f"{name} [USD, counted in {total}]"
