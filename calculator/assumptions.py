"""The assumptions library: every default figure the model uses, as validated data.

Figures live in ``assumptions/*.toml`` (one table per figure) and per-state tables in
``assumptions/*.csv`` (each described by ``assumptions/README.md``). This module reads them,
checks every record against a closed set of keys and units, and returns an immutable
:class:`AssumptionSet`.

Every problem in every file is collected (file, key, message) and raised together in one
:class:`AssumptionsError`, so a person fixing the data sees the whole list at once.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "assumptions"

UNITS = frozenset(
    {
        "USD",
        "USD/day",
        "USD/week",
        "USD/month",
        "USD/year",
        "USD/hour",
        "USD/mile",
        "USD/night",
        "USD/session",
        "USD/admission",
        "USD/trip",
        "USD/benefit period",
        "days",
        "weeks",
        "hours",
        "hours/day",
        "hours/week",
        "days/week",
        "minutes",
        "miles",
        "miles/hour",
        "fraction",
        "count",
        "years",
    }
)
RELIABILITY = ("government", "survey", "commercial", "marketing", "estimate")

FIGURE_KEYS_REQUIRED = frozenset({"label", "description", "unit", "low", "typical", "high", "as_of", "source"})
FIGURE_KEYS_OPTIONAL = frozenset({"notes"})
SOURCE_KEYS_REQUIRED = frozenset({"title", "url", "read", "reliability"})
SOURCE_KEYS_OPTIONAL = frozenset({"notes"})

HELP_LINE_FILE = "help_lines.toml"
HELP_LINE_KEYS_REQUIRED = frozenset({"label", "description", "contact", "source"})
HELP_LINE_KEYS_OPTIONAL = frozenset({"text", "tty", "url", "order"})

#: Columns every dated state table must have (``rows_for`` picks a row by them).
STATE_TABLE_DATE_COLUMNS = ("state", "effective_from", "updates")
#: Tables that must be dated (others may be; a table with ``effective_from`` is checked).
DATED_TABLES = frozenset({"state_leave_programs"})

#: A figure older than this is reported as stale (a warning, not a failure).
STALE_AFTER_DAYS = 3 * 365


NO_UPDATES = "none"
_SCHEDULE = re.compile(r"yearly on (\d\d)-(\d\d)")


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a figure's next value is due: once a year, on ``month``-``day``.

    Written in the files as ``"yearly on MM-DD"`` (e.g. ``"yearly on 10-01"`` for a federal
    fiscal year); ``"none"`` (no schedule) parses to ``None``.
    """

    month: int
    day: int

    def __post_init__(self) -> None:
        if (self.month, self.day) == (2, 29):
            raise ValueError("a yearly update cannot fall on 02-29")
        dt.date(2001, self.month, self.day)  # raises ValueError for an impossible date

    @classmethod
    def parse(cls, text: str) -> Schedule | None:
        """``"yearly on MM-DD"`` -> a schedule; ``"none"`` -> ``None``; anything else raises."""
        if text == NO_UPDATES:
            return None
        match = _SCHEDULE.fullmatch(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f'updates must be "none" or "yearly on MM-DD", got {text!r}')
        return cls(int(match.group(1)), int(match.group(2)))

    def next_after(self, d: dt.date) -> dt.date:
        """The first scheduled date strictly after ``d``."""
        this_year = dt.date(d.year, self.month, self.day)
        return this_year if this_year > d else dt.date(d.year + 1, self.month, self.day)

    def __str__(self) -> str:
        return f"yearly on {self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure comes from."""

    title: str
    url: str
    read: dt.date
    reliability: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """One default figure with its plausible range.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"residential_price_usd_per_day"``.
    low, typical, high : float
        Plausible range [unit]; ``low <= typical <= high``.
    default_typical : float
        The library's own typical value, kept when a scenario overrides ``typical``.
    """

    key: str
    label: str
    description: str
    unit: str
    low: float
    typical: float
    high: float
    as_of: dt.date
    source: Source
    file: str
    notes: str = ""
    default_typical: float | None = None

    @property
    def overridden(self) -> bool:
        return self.default_typical is not None and self.default_typical != self.typical


@dataclass(frozen=True, slots=True)
class HelpLine:
    """A crisis or help line shown on every screen."""

    key: str
    label: str
    description: str
    contact: str
    source: Source
    text: str = ""
    tty: str = ""
    url: str = ""
    order: int = 0


@dataclass(frozen=True, slots=True)
class StateTable:
    """A per-state CSV table: column names and rows of strings (typed by the reader).

    A dated table has ``effective_from`` (ISO date) and ``updates`` columns and may hold
    several rows per state; :meth:`rows_for` picks the one in force on a date.
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]

    def rows_for(self, state: str, on: dt.date) -> Mapping[str, str] | None:
        """The row for ``state`` in force on ``on``: the latest ``effective_from`` on or before
        it, the earliest when ``on`` precedes them all; ``None`` when the state has no row.
        A table without ``effective_from`` gives the state's first row."""
        rows = [r for r in self.rows if r.get("state") == state]
        if not rows or "effective_from" not in self.columns:
            return rows[0] if rows else None
        rows.sort(key=lambda r: dt.date.fromisoformat(r["effective_from"]))
        starts = [dt.date.fromisoformat(r["effective_from"]) for r in rows]
        return rows[max(bisect.bisect_right(starts, on) - 1, 0)]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} [{self.key}]: {self.message}"


class AssumptionsError(ValueError):
    """Raised with every problem found in the assumption files."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the assumptions library:\n{lines}")


@dataclass(frozen=True)
class AssumptionSet:
    """Immutable set of figures, help lines and state tables, with a version stamp."""

    figures: Mapping[str, Figure]
    help_lines: tuple[HelpLine, ...]
    tables: Mapping[str, StateTable]
    version: str
    warnings: tuple[Problem, ...] = field(default=())

    def __getitem__(self, key: str) -> Figure:
        try:
            return self.figures[key]
        except KeyError:
            raise KeyError(f"no assumption named {key!r}") from None

    def value(self, key: str) -> float:
        """The typical value of figure ``key`` (after any override)."""
        return self[key].typical

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __hash__(self) -> int:
        overrides = tuple(sorted((k, f.typical) for k, f in self.figures.items() if f.overridden))
        return hash((self.version, overrides))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AssumptionSet) and hash(self) == hash(other)

    def with_overrides(self, overrides: Mapping[str, float]) -> AssumptionSet:
        """Return a copy whose typical values are replaced for one scenario.

        The library's own value is kept in ``default_typical`` so the app can show the
        override beside the default. Raises :class:`AssumptionsError` naming every unknown
        key or impossible value (negative, not finite, a fraction above 1).
        """
        problems = []
        figures = dict(self.figures)
        for key, value in overrides.items():
            if key not in figures:
                problems.append(Problem("override", key, "no such assumption"))
                continue
            fig = figures[key]
            problem = _value_problem(fig.unit, value)
            if problem:
                problems.append(Problem("override", key, problem))
                continue
            default = fig.default_typical if fig.default_typical is not None else fig.typical
            figures[key] = replace(fig, typical=float(value), default_typical=default)
        if problems:
            raise AssumptionsError(problems)
        return replace(self, figures=MappingProxyType(figures))

    def overridden(self) -> dict[str, tuple[float, float]]:
        """``{key: (value, library default)}`` for every overridden figure."""
        return {
            k: (f.typical, f.default_typical)
            for k, f in self.figures.items()
            if f.overridden and f.default_typical is not None
        }

    def table(self):
        """A pandas DataFrame of every figure, for display (pandas is imported lazily)."""
        import pandas as pd

        rows = [
            {
                "Figure": f.label,
                "Key": f.key,
                "Unit": f.unit,
                "Low": f.low,
                "Typical": f.typical,
                "High": f.high,
                "Library default": f.default_typical if f.overridden else None,
                "As of": f.as_of.isoformat(),
                "Reliability": f.source.reliability,
                "Source": f.source.title,
                "Link": f.source.url,
                "Read": f.source.read.isoformat(),
                "Notes": f.notes,
                "File": f.file,
            }
            for f in sorted(self.figures.values(), key=lambda f: (f.file, f.key))
        ]
        return pd.DataFrame(rows)


def _value_problem(unit: str, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a number, got {value!r}"
    if not math.isfinite(value):
        return f"must be a finite number, got {value!r}"
    if value < 0:
        return f"must be zero or more, got {value}"
    if unit == "fraction" and value > 1:
        return f"is a fraction and must be between 0 and 1, got {value}"
    return None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _parse_source(file: str, key: str, raw: object, problems: list[Problem]) -> Source | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, "missing source (a table with title, url, read, reliability)"))
        return None
    ok = True
    for missing in sorted(SOURCE_KEYS_REQUIRED - raw.keys()):
        problems.append(Problem(file, key, f"source is missing {missing!r}"))
        ok = False
    for unknown in sorted(raw.keys() - SOURCE_KEYS_REQUIRED - SOURCE_KEYS_OPTIONAL):
        problems.append(Problem(file, key, f"source has unknown key {unknown!r}"))
        ok = False
    if not ok:
        return None
    url = raw["url"]
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        problems.append(Problem(file, key, f"source url must start with http(s)://, got {url!r}"))
        ok = False
    read = _as_date(raw["read"])
    if read is None:
        problems.append(Problem(file, key, f"source read must be a date, got {raw['read']!r}"))
        ok = False
    if raw["reliability"] not in RELIABILITY:
        problems.append(
            Problem(file, key, f"source reliability {raw['reliability']!r} is not one of {', '.join(RELIABILITY)}")
        )
        ok = False
    if not ok:
        return None
    return Source(
        title=str(raw["title"]), url=url, read=read, reliability=raw["reliability"], notes=str(raw.get("notes", ""))
    )


def _parse_figure(file: str, key: str, raw: object, problems: list[Problem]) -> Figure | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, "must be a table"))
        return None
    start = len(problems)
    for missing in sorted(FIGURE_KEYS_REQUIRED - raw.keys()):
        problems.append(Problem(file, key, f"missing required key {missing!r}"))
    for unknown in sorted(raw.keys() - FIGURE_KEYS_REQUIRED - FIGURE_KEYS_OPTIONAL):
        problems.append(Problem(file, key, f"unknown key {unknown!r}"))
    unit = raw.get("unit")
    if "unit" in raw and unit not in UNITS:
        problems.append(Problem(file, key, f"unknown unit {unit!r} (allowed: {', '.join(sorted(UNITS))})"))
    numbers = {}
    for name in ("low", "typical", "high"):
        if name in raw:
            problem = _value_problem(unit if unit in UNITS else "", raw[name])
            if problem:
                problems.append(Problem(file, key, f"{name} {problem}"))
            else:
                numbers[name] = float(raw[name])
    if len(numbers) == 3 and not numbers["low"] <= numbers["typical"] <= numbers["high"]:
        problems.append(
            Problem(
                file,
                key,
                f"needs low <= typical <= high, got {numbers['low']} / {numbers['typical']} / {numbers['high']}",
            )
        )
    as_of = _as_date(raw.get("as_of")) if "as_of" in raw else None
    if "as_of" in raw and as_of is None:
        problems.append(Problem(file, key, f"as_of must be a date, got {raw['as_of']!r}"))
    source = _parse_source(file, key, raw.get("source"), problems) if "source" in raw else None
    if len(problems) > start:
        return None
    return Figure(
        key=key,
        label=str(raw["label"]),
        description=str(raw["description"]),
        unit=unit,
        low=numbers["low"],
        typical=numbers["typical"],
        high=numbers["high"],
        as_of=as_of,
        source=source,
        file=file,
        notes=str(raw.get("notes", "")),
    )


def _parse_help_line(file: str, key: str, raw: object, problems: list[Problem]) -> HelpLine | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, "must be a table"))
        return None
    start = len(problems)
    for missing in sorted(HELP_LINE_KEYS_REQUIRED - raw.keys()):
        problems.append(Problem(file, key, f"missing required key {missing!r}"))
    for unknown in sorted(raw.keys() - HELP_LINE_KEYS_REQUIRED - HELP_LINE_KEYS_OPTIONAL):
        problems.append(Problem(file, key, f"unknown key {unknown!r}"))
    source = _parse_source(file, key, raw.get("source"), problems) if "source" in raw else None
    if len(problems) > start:
        return None
    return HelpLine(
        key=key,
        label=str(raw["label"]),
        description=str(raw["description"]),
        contact=str(raw["contact"]),
        source=source,
        text=str(raw.get("text", "")),
        tty=str(raw.get("tty", "")),
        url=str(raw.get("url", "")),
        order=int(raw.get("order", 0)),
    )


def _check_dated_table(name: str, table: StateTable, problems: list[Problem]) -> None:
    """``effective_from`` parses and is unique per state; ``updates`` is a schedule or "none"."""
    file = f"{name}.csv"
    missing = [c for c in STATE_TABLE_DATE_COLUMNS if c not in table.columns]
    if missing:
        if name in DATED_TABLES or "effective_from" in table.columns:
            problems.append(Problem(file, "-", f"missing column(s) {', '.join(missing)}"))
        return
    seen: set[tuple[str, dt.date]] = set()
    for i, row in enumerate(table.rows, start=2):
        where = f"line {i}"
        start = _as_date(row["effective_from"])
        if start is None:
            problems.append(Problem(file, where, f"effective_from must be an ISO date, got {row['effective_from']!r}"))
        elif (row["state"], start) in seen:
            problems.append(Problem(file, where, f"{row['state']} has two rows effective from {start.isoformat()}"))
        else:
            seen.add((row["state"], start))
        try:
            Schedule.parse(row["updates"])
        except ValueError as exc:
            problems.append(Problem(file, where, str(exc)))


def parse_assumptions(files: Mapping[str, bytes], *, today: dt.date | None = None) -> AssumptionSet:
    """Build an :class:`AssumptionSet` from file contents (pure: no file system access).

    Parameters
    ----------
    files : mapping of file name to bytes
        ``*.toml`` figure files, ``help_lines.toml`` and ``*.csv`` state tables.
    today : date, optional
        Reference date for the staleness warning (figures older than three years).
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    figures: dict[str, Figure] = {}
    help_lines: list[HelpLine] = []
    tables: dict[str, StateTable] = {}
    today = today or dt.date.today()
    for name in sorted(files):
        data = files[name]
        if name.endswith(".toml"):
            try:
                doc = tomllib.loads(data.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                problems.append(Problem(name, "-", f"not valid TOML: {exc}"))
                continue
            for key, raw in doc.items():
                if name == HELP_LINE_FILE:
                    line = _parse_help_line(name, key, raw, problems)
                    if line:
                        help_lines.append(line)
                    continue
                if key in figures:
                    problems.append(Problem(name, key, f"defined twice (also in {figures[key].file})"))
                    continue
                fig = _parse_figure(name, key, raw, problems)
                if fig:
                    figures[key] = fig
                    if (today - fig.as_of).days > STALE_AFTER_DAYS:
                        warnings.append(
                            Problem(name, key, f"figure describes {fig.as_of.isoformat()}, more than three years ago")
                        )
        elif name.endswith(".csv"):
            try:
                reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
                rows = tuple(MappingProxyType(dict(row)) for row in reader)
                columns = tuple(reader.fieldnames or ())
            except (csv.Error, UnicodeDecodeError) as exc:
                problems.append(Problem(name, "-", f"not valid CSV: {exc}"))
                continue
            ragged = False
            for i, row in enumerate(rows, start=2):
                if None in row or any(v is None for v in row.values()):
                    problems.append(Problem(name, f"line {i}", "row has a different number of cells than the header"))
                    ragged = True
            table = StateTable(name.removesuffix(".csv"), columns, rows)
            if not ragged:
                _check_dated_table(table.name, table, problems)
            tables[table.name] = table
    if problems:
        raise AssumptionsError(problems)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return AssumptionSet(
        figures=MappingProxyType(figures),
        help_lines=tuple(sorted(help_lines, key=lambda h: (h.order, h.key))),
        tables=MappingProxyType(tables),
        version=digest.hexdigest()[:12],
        warnings=tuple(warnings),
    )


def load_assumptions(directory: Path | str = DEFAULT_DIRECTORY) -> AssumptionSet:
    """Read every ``*.toml`` and ``*.csv`` file in ``directory`` and validate them together."""
    directory = Path(directory)
    files = {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.suffix in {".toml", ".csv"}}
    return parse_assumptions(files)
