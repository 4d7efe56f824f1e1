"""The state program tables: their columns, the typed rows the model reads, and their lint.

Two tables share one schema (``assumptions/README.md`` describes every column):
``state_leave_programs.csv`` (programs that pay during the worker's own illness) and
``state_family_leave_programs.csv`` (programs that pay a worker caring for a family member with a
serious health condition). A row is one program's numbers from the day they take effect; a state
may hold several rows, and the claim uses the row in force on its first day.

:func:`lint_program_table` is called by the library loader, so a bad row, an unknown formula
kind or a state with neither a current row nor a declared gap on some day of 2026-2027 stops the
library from loading. :func:`program_row` turns a checked row into a
:class:`calculator.inputs.ProgramRow`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import numpy as np

from .inputs import NEVER, ProgramRow
from .leave_formulas import REQUIRED, Formula, FormulaTerms

if TYPE_CHECKING:
    from .assumptions import StateTable

#: The program tables: own illness, and family care (a partner caring for the patient).
OWN_ILLNESS = "state_leave_programs"
FAMILY_CARE = "state_family_leave_programs"
PROGRAM_TABLES = {OWN_ILLNESS: "own_illness", FAMILY_CARE: "family_care"}

COLUMNS = (
    "state",
    "program",
    "status",
    "pays_from",
    "effective_from",
    "updates",
    "formula",
    "tier1_fraction",
    "tier1_limit_usd_per_week",
    "tier2_fraction",
    "tier2_limit_usd_per_week",
    "tier3_fraction",
    "weekly_max_usd",
    "weekly_min_usd",
    "waiting_days",
    "waiting_paid_back_after_days",
    "waiting_counts_toward_max",
    "max_weeks",
    "max_weeks_period_months",
    "intermittent",
    "intermittent_min_hours",
    "min_months_with_employer",
    "min_hours_with_employer",
    "min_employer_size",
    "not_verified",
    "gap_reason",
    "source_title",
    "source_url",
    "source_read",
    "reliability",
    "notes",
)
#: ``pays``: a program paying in the period; ``voluntary``: insurance a worker or employer may buy
#: (VT, NH), paid only when the family says they have it; ``not_yet``: enacted but not paying.
STATUSES = ("pays", "voluntary", "not_yet")
INTERMITTENT = ("no", "hours", "days")
#: Numbers a row of a paying program may hold, by column (columns holding a fraction are marked).
_NUMBERS = {
    "tier1_fraction": True,
    "tier1_limit_usd_per_week": False,
    "tier2_fraction": True,
    "tier2_limit_usd_per_week": False,
    "tier3_fraction": True,
    "weekly_max_usd": False,
    "weekly_min_usd": False,
    "waiting_days": False,
    "waiting_paid_back_after_days": False,
    "max_weeks": False,
    "max_weeks_period_months": False,
    "intermittent_min_hours": False,
    "min_months_with_employer": False,
    "min_hours_with_employer": False,
    "min_employer_size": False,
}
_FORMULA_COLUMNS = {
    "tier1_fraction": "tier1_fraction",
    "tier1_limit": "tier1_limit_usd_per_week",
    "tier2_fraction": "tier2_fraction",
    "tier2_limit": "tier2_limit_usd_per_week",
    "tier3_fraction": "tier3_fraction",
}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _number(row: Mapping[str, str], column: str, default: float = np.nan) -> float:
    text = (row.get(column) or "").strip()
    return float(text) if text else default


def rows_of(table: StateTable, state: str) -> list[Mapping[str, str]]:
    """The state's rows in the order they take effect."""
    rows = [r for r in table.rows if r.get("state") == state]
    return sorted(rows, key=lambda r: r["effective_from"])


def pays_from(row: Mapping[str, str]) -> dt.date | None:
    """The first day the program pays anything (``None``: it already paid before any date asked)."""
    return _date(row.get("pays_from", "")) if (row.get("pays_from") or "").strip() else None


def program_row(row: Mapping[str, str], due: dt.date | None) -> ProgramRow:
    """A checked row of a paying or voluntary program as the engine's record."""
    numbers = {k: _number(row, column) for k, column in _FORMULA_COLUMNS.items()}
    kind = Formula(row["formula"])
    terms = FormulaTerms(
        kind=kind,
        tier1_fraction=numbers["tier1_fraction"],
        tier1_limit=numbers["tier1_limit"] if kind != Formula.FLAT else np.inf,
        tier2_fraction=0.0 if np.isnan(numbers["tier2_fraction"]) else numbers["tier2_fraction"],
        tier2_limit=np.inf if np.isnan(numbers["tier2_limit"]) else numbers["tier2_limit"],
        tier3_fraction=0.0 if np.isnan(numbers["tier3_fraction"]) else numbers["tier3_fraction"],
        weekly_max=_number(row, "weekly_max_usd"),
        weekly_min=_number(row, "weekly_min_usd", 0.0),
    )
    return ProgramRow(
        program=row["program"],
        effective_from=dt.date.fromisoformat(row["effective_from"]),
        due=due,
        formula=terms,
        waiting_days=int(_number(row, "waiting_days", 0.0)),
        waiting_paid_back_after_days=_number(row, "waiting_paid_back_after_days", NEVER),
        waiting_counts_toward_max=row["waiting_counts_toward_max"].strip() == "true",
        max_weeks=_number(row, "max_weeks"),
        intermittent=row["intermittent"].strip() or "no",
        intermittent_min_hours=_number(row, "intermittent_min_hours", 0.0),
    )


# ---- lint ------------------------------------------------------------------------------------


def lint_program_table(table: StateTable) -> list[tuple[str, str]]:
    """Every problem in a program table, as ``(where, message)``; empty when the table is sound."""
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        return [("-", f"missing column(s) {', '.join(missing)}")]
    unknown = [c for c in table.columns if c not in COLUMNS]
    if unknown:
        return [("-", f"unknown column(s) {', '.join(unknown)}")]
    problems = []
    for i, row in enumerate(table.rows, start=2):
        problems += [(f"line {i}", m) for m in _row_problems(row)]
    for state in sorted({r["state"] for r in table.rows}):
        problems += [(state, m) for m in _state_problems(table, state)]
    return problems


def _row_problems(row: Mapping[str, str]) -> Iterator[str]:
    from .assumptions import RELIABILITY

    if row["status"] not in STATUSES:
        yield f"status must be one of {', '.join(STATUSES)}, got {row['status']!r}"
        return
    if (row["pays_from"] or "").strip() and _date(row["pays_from"]) is None:
        yield f"pays_from must be an ISO date or empty, got {row['pays_from']!r}"
    if row["reliability"] not in RELIABILITY:
        yield f"reliability {row['reliability']!r} is not one of {', '.join(RELIABILITY)}"
    if not row["source_url"].startswith(("https://", "http://")):
        yield f"source_url must start with http(s)://, got {row['source_url']!r}"
    if _date(row["source_read"]) is None:
        yield f"source_read must be the ISO date the source was read, got {row['source_read']!r}"
    bad = [c for c in filter(None, (x.strip() for x in row["not_verified"].split(";"))) if c not in COLUMNS]
    if bad:
        yield f"not_verified names unknown column(s) {', '.join(bad)}"
    if row["status"] == "not_yet":
        filled = [c for c in ("formula", *_NUMBERS) if (row[c] or "").strip()]
        if filled:
            yield f"a program that does not pay yet has no numbers, got {', '.join(filled)}"
        return
    yield from _number_problems(row)
    yield from _formula_problems(row)


def _value_problem(column: str, text: str, is_fraction: bool) -> str | None:
    try:
        value = float(text)
    except ValueError:
        return f"{column} must be a number, got {text!r}"
    if value < 0 or not np.isfinite(value):
        return f"{column} must be zero or more, got {text}"
    if is_fraction and value > 1:
        return f"{column} is a fraction and must be between 0 and 1, got {text}"
    return None


def _number_problems(row: Mapping[str, str]) -> Iterator[str]:
    for column, is_fraction in _NUMBERS.items():
        text = (row[column] or "").strip()
        problem = _value_problem(column, text, is_fraction) if text else None
        if problem:
            yield problem
    for column in ("weekly_max_usd", "waiting_days", "max_weeks", "waiting_counts_toward_max", "intermittent"):
        if not (row[column] or "").strip():
            yield f"{column} is required for a paying program"
    if (row["waiting_days"] or "").strip() and not row["waiting_days"].strip().isdigit():
        yield f"waiting_days must be a whole number of days, got {row['waiting_days']!r}"
    if row["waiting_counts_toward_max"].strip() not in {"true", "false", ""}:
        yield f"waiting_counts_toward_max must be true or false, got {row['waiting_counts_toward_max']!r}"
    if row["intermittent"].strip() not in INTERMITTENT + ("",):
        yield f"intermittent must be one of {', '.join(INTERMITTENT)}, got {row['intermittent']!r}"
    if row["intermittent"].strip() == "hours" and not (row["intermittent_min_hours"] or "").strip():
        yield "intermittent_min_hours is required when intermittent is hours"


def _formula_problems(row: Mapping[str, str]) -> Iterator[str]:
    try:
        kind = Formula(row["formula"])
    except ValueError:
        yield f"formula must be one of {', '.join(f.value for f in Formula)}, got {row['formula']!r}"
        return
    for name in REQUIRED[kind]:
        if not (row[_FORMULA_COLUMNS[name]] or "").strip():
            yield f"formula {kind.value} needs {_FORMULA_COLUMNS[name]}"
    if kind == Formula.THREE_TIER:
        low, high = _number(row, "tier1_limit_usd_per_week"), _number(row, "tier2_limit_usd_per_week")
        if low >= high:
            yield f"tier2_limit_usd_per_week ({high:g}) must be above tier1_limit_usd_per_week ({low:g})"


def _state_problems(table: StateTable, state: str) -> Iterator[str]:
    """One state's rows together: a gap only on the newest row, and 2026-2027 covered."""
    from .assumptions import Schedule

    rows = rows_of(table, state)
    for row in rows[:-1]:
        if row["gap_reason"].strip():
            yield f"gap_reason belongs on the newest row only (row from {row['effective_from']})"
    newest = rows[-1]
    if newest["status"] == "not_yet" or Schedule.parse(newest["updates"]) is None:
        return
    uncovered = first_uncovered_day(table, state)
    if uncovered is not None:
        yield (
            f"is updated {newest['updates']} but has no current row on {uncovered.isoformat()}: add the row in force "
            "then, or say why it is missing in the newest row's gap_reason"
        )


def row_due(table: StateTable, state: str, row: Mapping[str, str]) -> dt.date | None:
    """The day a newer row was due after ``row`` (its next scheduled date), if no newer row exists."""
    from .assumptions import Schedule

    rows = rows_of(table, state)
    if row is not rows[-1]:
        return None
    schedule = Schedule.parse(row["updates"])
    return schedule.next_after(dt.date.fromisoformat(row["effective_from"])) if schedule else None


def first_uncovered_day(table: StateTable, state: str) -> dt.date | None:
    """The first day of the coverage span a paying program has neither a current row nor a gap."""
    from .assumptions import COVERAGE_END, COVERAGE_START

    rows = rows_of(table, state)
    newest = rows[-1]
    starts = [dt.date.fromisoformat(r["effective_from"]) for r in rows]
    due = row_due(table, state, newest)
    begins = pays_from(rows[0]) or COVERAGE_START
    edges = {COVERAGE_START, begins, *starts} | ({due} if due else set())
    for day in sorted(d for d in edges if COVERAGE_START <= d <= COVERAGE_END):
        if day < begins:
            continue
        if day < starts[0]:
            return day
        if due is not None and day >= due and not newest["gap_reason"].strip():
            return day
    return None
