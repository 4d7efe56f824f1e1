"""Reading a caseload's cells: each column parsed at once, every bad cell named.

A cell is read as the scenario format reads the field (same kinds, units and limits), a little
more forgiving of how spreadsheets write things: a dollar sign and thousands commas for money, ``20%`` for a share,
``TRUE``/``yes`` for true, ``12/7/2026`` for a date, an option's label for its code. A cell that
cannot be read, or is out of range, becomes an :class:`calculator.errors.InputProblem` naming
the column, the value as typed and what is allowed; nothing is clamped or dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import _MISSING, InputProblem, _range_text
from .columns import CLIENT_ID, Column, column

#: ``date.toordinal()`` of 1970-01-01, to turn numpy's days since 1970 into ordinals.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
GUIDE_MARK = "#"
MAX_ID_CHARACTERS = 100


@dataclass
class Cells:
    """A caseload file read into typed columns.

    Attributes
    ----------
    rows : (R,) int array
        Each data row's number as a spreadsheet shows it (the header is row 1).
    client_ids : (R,) object array
        The ``client_id`` of each row (``""`` when empty).
    columns : dict
        Header -> :class:`Column` for every known column of the file.
    values : dict
        Header -> typed values: float arrays (``nan`` empty) for numbers, dates (ordinals) and
        yes/no (1/0); object arrays of text (``""`` empty) for choices and text.
    filled : dict
        Header -> ``(R,)`` bool, True where the cell is not empty (whether or not it is valid).
    problems : dict
        Row position -> the problems found in that row.
    """

    rows: np.ndarray
    client_ids: np.ndarray
    columns: dict[str, Column]
    values: dict[str, np.ndarray]
    filled: dict[str, np.ndarray]
    problems: dict[int, list[InputProblem]] = field(default_factory=dict)

    def add(self, positions, name: str, raw, message: str) -> None:
        """Record ``message`` against column ``name`` for each row position (``raw``: its cells)."""
        if isinstance(positions, np.ndarray) and positions.dtype == bool:
            positions = np.flatnonzero(positions)
        for p in positions:
            value = _shown(raw[p]) if raw is not None else _MISSING
            self.problems.setdefault(int(p), []).append(InputProblem(name, value, message))

    def take(self, keep: np.ndarray) -> Cells:
        """The rows at positions ``keep`` (problems renumbered)."""
        where = {int(old): new for new, old in enumerate(keep)}
        return Cells(
            rows=self.rows[keep],
            client_ids=self.client_ids[keep],
            columns=self.columns,
            values={k: v[keep] for k, v in self.values.items()},
            filled={k: v[keep] for k, v in self.filled.items()},
            problems={where[p]: list(v) for p, v in self.problems.items() if p in where},
        )


def _shown(value):
    """A typed cell as a person wrote it: ``1500`` rather than ``1500.0``; text unchanged."""
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return value


def parse_cells(frame: pd.DataFrame, library_keys: frozenset[str]) -> Cells:
    """Type every column of a caseload table (text cells, as :func:`calculator.spreadsheet.read_table` gives).

    Rows whose ``client_id`` starts with ``#`` (the template's guide rows) and empty rows are
    left out; every other row is kept, problems and all. ``row`` numbers (a ``row`` column of
    ``frame`` if present, else position + 2) follow the rows through.
    """
    rows = frame.pop("row").to_numpy(int) if "row" in frame.columns else np.arange(len(frame)) + 2
    frame = frame.reset_index(drop=True)
    ids = frame[CLIENT_ID].to_numpy(object) if CLIENT_ID in frame.columns else np.full(len(frame), "", object)
    keep = ~np.char.startswith(ids.astype(str), GUIDE_MARK) & (frame != "").any(axis=1).to_numpy()
    frame = frame.loc[keep].reset_index(drop=True)
    cells = Cells(rows[keep], ids[keep], {}, {}, {})
    for name in frame.columns:
        _parse_column(cells, name, frame[name], library_keys)
    return cells


def _parse_column(cells: Cells, name: str, series: pd.Series, library_keys: frozenset[str]) -> None:
    filled = (series != "").to_numpy(bool)
    col = column(name)
    if not filled.any():
        if col is not None:
            cells.columns[name] = col
            cells.filled[name] = filled
            cells.values[name] = _EMPTY[col.kind](len(series)) if col.kind in _EMPTY else np.full(len(series), np.nan)
        return
    raw = series.to_numpy(object)
    if col is None:
        if filled.any():
            cells.add(
                filled, name, raw, "is not a column of the caseload format (check the spelling; see the template)"
            )
        return
    cells.columns[name] = col
    cells.filled[name] = filled
    parser = _PARSERS.get(col.kind, _number)
    values, bad = parser(cells, col, _Raw(raw, series), filled, library_keys)
    cells.values[name] = values
    if bad is not None and bad.any():
        cells.add(bad, name, raw, _kind_message(col))


def _kind_message(col: Column) -> str:
    if col.kind in ("bool",):
        return "must be true or false"
    if col.kind == "date":
        return "must be a date written YYYY-MM-DD"
    if col.kind == "int":
        return "must be a whole number"
    if col.kind == "select":
        return "must be one of " + ", ".join(str(o) for o in col.spec.options)
    return "must be a number"


@dataclass(frozen=True)
class _Raw:
    """A column's cells, as an object array (for messages) and as the table's own series."""

    cells: np.ndarray
    series: pd.Series


# ---- one parser per kind; each returns (values, cells that could not be read) ----------------------


def _text(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, _keys) -> tuple[np.ndarray, None]:
    lengths = raw.series.str.len().to_numpy(int)
    raw = raw.cells
    if col.kind == "id":
        cells.add(~filled, col.name, None, "is required: rows with the same client_id are one client's options")
        cells.add(lengths > MAX_ID_CHARACTERS, col.name, raw, f"must be at most {MAX_ID_CHARACTERS} characters")
    elif col.spec.max_length is not None:
        cells.add(lengths > col.spec.max_length, col.name, raw, f"must be at most {col.spec.max_length} characters")
    return raw, None


def _numbers(raw: _Raw, filled: np.ndarray, percent: bool) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from text; ``$``, thousands commas and (for shares) a ``%`` sign allowed."""
    values = np.array(_fast_floats(raw.series), dtype=float)  # a writable copy
    retry = filled & np.isnan(values)
    raw = raw.cells
    for p in np.flatnonzero(retry):
        text = str(raw[p]).replace(",", "").replace("$", "").strip()
        scale = 1.0
        if percent and text.endswith("%"):
            text, scale = text[:-1].strip(), 0.01
        try:
            values[p] = float(text) * scale
        except ValueError:
            continue
    bad = filled & ~np.isfinite(values)
    return np.where(bad, np.nan, values), bad


def _fast_floats(series: pd.Series) -> np.ndarray:
    """Text to numbers (empty: ``nan``); cells that are not plain numbers come back ``nan``."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.array(series, type=pa.string())
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    except (ImportError, ValueError, TypeError):
        # Some cell is not a plain number (or Arrow is missing): read cell by cell.
        return pd.to_numeric(series, errors="coerce").to_numpy(float, na_value=np.nan)


def _number(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, _keys) -> tuple[np.ndarray, np.ndarray]:
    values, bad = _numbers(raw, filled, col.kind == "percent")
    raw = raw.cells
    if col.kind == "int":
        bad |= filled & ~bad & (values != np.round(values))
    ok = filled & ~bad
    bounds = col.spec.bounds
    outside = np.zeros(raw.size, dtype=bool)
    for name, test in (("ge", np.less), ("gt", np.less_equal), ("le", np.greater), ("lt", np.greater_equal)):
        if name in bounds:
            outside |= ok & test(values, bounds[name])
    cells.add(outside, col.name, raw, "out of range: " + _range_text(bounds))
    return np.where(bad | outside, np.nan, values), bad


def _override(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, keys) -> tuple[np.ndarray, np.ndarray]:
    values, bad = _numbers(raw, filled, percent=False)
    raw = raw.cells
    key = col.name.split(".", 1)[1]
    if key not in keys:
        cells.add(filled, col.name, raw, "is not a figure in the assumptions library (check the key)")
        return np.full(raw.size, np.nan), None
    cells.add(filled & ~bad & (values < 0), col.name, raw, "out of range: must be at least 0")
    return np.where(values < 0, np.nan, values), bad


def _bool(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, _keys) -> tuple[np.ndarray, np.ndarray]:
    words = raw.series.str.lower()
    yes, no = words.isin(TRUE_WORDS).to_numpy(bool), words.isin(FALSE_WORDS).to_numpy(bool)
    values = np.where(yes, 1.0, np.where(no, 0.0, np.nan))
    return values, filled & ~yes & ~no


def _select(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, _keys) -> tuple[np.ndarray, np.ndarray]:
    lookup = {str(o).lower(): o for o in col.spec.options}
    lookup.update({str(label).lower(): o for o, label in col.spec.option_labels.items()})
    values = raw.series.str.lower().map(lookup).fillna("").to_numpy(object)
    return values, filled & (values == "")


def _date(cells: Cells, col: Column, raw: _Raw, filled: np.ndarray, _keys) -> tuple[np.ndarray, np.ndarray]:
    text = pd.Series(raw.cells, dtype=object).where(filled, None)
    raw = raw.cells
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    us = parsed.isna() & filled
    if us.any():
        # Excel's CSV writes dates the way the computer shows them: 12/7/2026 in the US.
        parsed = parsed.where(~us, pd.to_datetime(text.where(us, None), format="%m/%d/%Y", errors="coerce"))
    days = parsed.to_numpy("datetime64[D]").astype("int64").astype(float)
    values = np.where(parsed.isna().to_numpy(), np.nan, days + EPOCH_ORDINAL)
    bad = filled & np.isnan(values)
    outside = ~bad & filled & ((values < FIRST_DATE.toordinal()) | (values > LAST_DATE.toordinal()))
    cells.add(outside, col.name, raw, f"must be between {FIRST_DATE} and {LAST_DATE}")
    return np.where(outside, np.nan, values), bad


_EMPTY = {
    "id": lambda n: np.full(n, "", dtype=object),
    "text": lambda n: np.full(n, "", dtype=object),
    "select": lambda n: np.full(n, "", dtype=object),
}

_PARSERS = {
    "id": _text,
    "text": _text,
    "bool": _bool,
    "select": _select,
    "date": _date,
    "override": _override,
}
