"""Caseloads: a spreadsheet of clients in, a spreadsheet of results out.

A benefits counselor keeps clients in a spreadsheet: one row per client and option, a column per
scenario field (:mod:`.columns`). This package reads such a file (CSV or XLSX), checks every
cell and every rule between fields (:mod:`.parse`, :mod:`.clients`), runs every valid client
through the vectorized engine, a few passes per group of clients alike in shape (:mod:`.run`),
and writes one row per client and option with every total, line and non-money figure
(:mod:`.results`). A row with a mistake gets its own row naming every problem; nothing is
dropped.

>>> from calculator.caseload import read_caseload, run_caseload    # doctest: +SKIP
>>> result = run_caseload(read_caseload(content, "clients.csv"))  # doctest: +SKIP
>>> result.frame                                                   # doctest: +SKIP

Pure: bytes and tables in and out, no file paths, no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import spreadsheet
from ..assumptions import AssumptionSet
from ..batch import keep_freed_memory
from ..compare import default_assumptions
from ..errors import _range_text
from ..examples import example_names, load_example
from ..scenario import Scenario
from ..scenario_io import scenario_to_dict
from .clients import build_clients
from .columns import CLIENT_ID, DISABILITY, OPTION, OVERRIDES, Column, column, item_words, template_columns
from .parse import GUIDE_MARK, parse_cells
from .results import NOT_COMPUTED, OK, PROBLEM, results_frame
from .run import PASS_CELLS, Progress, run_clients

__all__ = [
    "CaseloadResult",
    "NOT_COMPUTED",
    "OK",
    "PROBLEM",
    "read_caseload",
    "results_csv",
    "results_xlsx",
    "run_caseload",
    "scenario_rows",
    "template_csv",
    "template_frame",
    "template_xlsx",
]


@dataclass(frozen=True)
class CaseloadResult:
    """A caseload's results: the table, and how the run went.

    ``groups``: clients alike in shape that shared a scenario; ``passes``: engine passes.
    """

    frame: pd.DataFrame
    clients: int
    clients_computed: int
    rows_with_problems: tuple[int, ...]
    groups: int
    passes: int

    @property
    def all_computed(self) -> bool:
        return not self.rows_with_problems and bool((self.frame["status"] == OK).all())


def read_caseload(content: bytes, filename: str) -> pd.DataFrame:
    """A caseload file (CSV or XLSX bytes) as a table of text cells with each row's number.

    Raises :class:`calculator.spreadsheet.SpreadsheetError` when the file cannot be read as a
    table or has no ``client_id`` column; problems in the cells are found later, row by row.
    """
    frame = spreadsheet.read_table(content, filename)
    if CLIENT_ID not in frame.columns:
        raise spreadsheet.SpreadsheetError(
            f"the first row must name the columns and include {CLIENT_ID!r} (download the template to start)"
        )
    frame.insert(0, "row", np.arange(len(frame)) + 2)
    return frame


def run_caseload(
    table: pd.DataFrame,
    library: AssumptionSet | None = None,
    progress: Progress | None = None,
    pass_cells: int = PASS_CELLS,
    jobs: int = 1,
) -> CaseloadResult:
    """Run every client of a caseload table (from :func:`read_caseload`) and arrange the results.

    ``progress(done, total)`` is called as clients are computed; ``jobs`` processes share the
    work (the figures are the same whatever the number).
    """
    # The engine's short-lived arrays reuse freed memory rather than fresh pages (as batches do).
    keep_freed_memory()
    library = library or default_assumptions()
    cells = parse_cells(table.copy(), frozenset(library.figures))
    clients = build_clients(cells)
    outcomes = run_clients(clients, library, progress, pass_cells, jobs)
    frame = results_frame(clients, outcomes, library.version)
    return CaseloadResult(
        frame=frame,
        clients=len(clients.ids),
        clients_computed=int(clients.ok.sum()),
        rows_with_problems=tuple(sorted(int(cells.rows[p]) for p in cells.problems)),
        groups=outcomes.groups,
        passes=outcomes.passes,
    )


def results_csv(frame: pd.DataFrame) -> bytes:
    """The results table as CSV (text cells defused against formulas)."""
    return spreadsheet.csv_bytes(frame)


def results_xlsx(frame: pd.DataFrame) -> bytes:
    """The results table as an XLSX workbook (sheet ``Results``, header frozen)."""

    def style(sheet, table: pd.DataFrame) -> None:
        sheet.freeze_panes = "E2"
        for i, name in enumerate(table.columns, 1):
            sheet.column_dimensions[_letter(i)].width = max(10, min(40, len(str(name)) + 2))

    return spreadsheet.xlsx_bytes({"Results": frame}, styles={"Results": style})


# ---- the template ---------------------------------------------------------------------------------


GUIDE_ROWS = ("what", "unit", "allowed", "if empty")


def _guide(col: Column) -> dict[str, str]:
    """The four guide cells of a column: what it is, its unit, what is allowed, what empty means."""
    if col.kind == "id":
        return {
            "what": "Client identifier (same on each of the client's rows)",
            "unit": "text",
            "allowed": "1 to 100 characters",
            "if empty": "required",
        }
    spec = col.spec
    what = item_words(col) + (spec.label or spec.description)
    if col.name == DISABILITY:
        what = "Has employer short-term disability insurance"
    return {"what": what, "unit": _unit(col), "allowed": _allowed(col), "if empty": _if_empty(col)}


def _unit(col: Column) -> str:
    spec = col.spec
    if col.kind == "percent":
        return "fraction (0.2 = 20%)"
    if col.kind == "date":
        return "date"
    return spec.unit or {"bool": "true/false", "select": "choice", "text": "text"}.get(col.kind, "number")


def _allowed(col: Column) -> str:
    spec = col.spec
    if col.kind == "select":
        return " | ".join(str(o) for o in spec.options)
    if col.kind == "bool":
        return "true | false"
    if col.kind == "date":
        return "YYYY-MM-DD, 2000-01-01 to 2100-12-31"
    if col.kind == "text":
        return f"{spec.min_length or 0} to {spec.max_length} characters"
    bounds = spec.bounds
    text = _range_text(bounds).removeprefix("allowed ") if bounds else "any number"
    return text + (" (whole number)" if col.kind == "int" else "")


def _if_empty(col: Column) -> str:
    spec = col.spec
    if col.name == DISABILITY:
        return "yes if any disability field is filled in, else none"
    if spec.required:
        return "required" if col.item is None else "required for this item"
    if spec.optional:
        return spec.empty or "library typical figure"
    default = spec.default
    if isinstance(default, bool):
        return "true" if default else "false"
    return str(default)


def template_frame(examples: bool = False) -> pd.DataFrame:
    """The template: every column, four guide rows (``# what``, ``# unit`` ...), and optionally
    the shipped examples as filled-in clients."""
    columns = list(template_columns())
    rows: list[dict[str, str]] = []
    for guide in GUIDE_ROWS:
        rows.append({c.name: _guide(c)[guide] for c in columns} | {CLIENT_ID: f"{GUIDE_MARK} {guide}"})
    if examples:
        for name in example_names():
            rows += scenario_rows(f"example-{name}", load_example(name))
    names = [c.name for c in columns]
    names += [n for row in rows for n in row if n not in names]
    return pd.DataFrame(rows, columns=list(dict.fromkeys(names))).fillna("")


def template_csv(examples: bool = False) -> bytes:
    return spreadsheet.csv_bytes(template_frame(examples))


def template_xlsx(examples: bool = False) -> bytes:
    """The template as a workbook: guide rows, a frozen header, drop-down lists for choices."""
    return spreadsheet.xlsx_bytes({"Clients": template_frame(examples)}, styles={"Clients": _template_style})


def _template_style(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.freeze_panes = f"B{len(GUIDE_ROWS) + 2}"
    first = len(GUIDE_ROWS) + 2
    for i, name in enumerate(frame.columns, 1):
        letter = _letter(i)
        sheet.column_dimensions[letter].width = max(12, min(30, len(name) * 0.6 + 4))
        col = column(name)
        choices = _choices(col) if col is not None else None
        if choices and len(",".join(choices)) < 250:
            check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            check.add(f"{letter}{first}:{letter}{first + 9999}")
            sheet.data_validations.append(check)


def _choices(col: Column) -> list[str] | None:
    if col.kind == "select":
        return [str(o) for o in col.spec.options]
    if col.kind == "bool":
        return ["true", "false"]
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


# ---- a scenario as caseload rows ------------------------------------------------------------------


def scenario_rows(client_id: str, scenario: Scenario) -> list[dict[str, str]]:
    """A scenario as caseload rows, one per option (the client's fields on each row).

    The fields the scenario sets are filled in; the rest stay empty, as in its file.
    """
    data = scenario.model_dump(mode="json", exclude_none=True, exclude_unset=True)
    data.setdefault("start_date", scenario_to_dict(scenario)["start_date"])
    options = data.pop("options")
    client = {CLIENT_ID: client_id, **_flat(data, "")}
    if "household" in data and "short_term_disability" in data["household"]:
        client[DISABILITY] = "true"
    return [client | _flat(option, OPTION.rstrip(".")) for option in options]


def _flat(node: Any, prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            name = f"{OVERRIDES}{key}" if prefix == OVERRIDES.rstrip(".") else (f"{prefix}.{key}" if prefix else key)
            out |= _flat(value, name)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out |= _flat(value, f"{prefix}[{i}]")
    else:
        out[prefix] = _cell(node)
    return out


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
