"""The assumptions library: every default figure the model uses, as validated, dated data.

Figures live in ``assumptions/*.toml`` and per-state tables in ``assumptions/*.csv`` (each
described by ``assumptions/README.md``). A figure is a dated parameter: its metadata (label,
description, unit, when a new value is due) and one or more values, each keyed by the date it
takes effect and carrying its own low/typical/high and source. The model asks for the value in
force on a date (:meth:`Figure.in_force`); with no date it gets the newest value.

This module reads the files, checks every record against a closed set of keys and units, and
returns an immutable :class:`AssumptionSet`. Every problem in every file is collected
(file, key, message) and raised together in one :class:`AssumptionsError`, so a person fixing
the data sees the whole list at once.
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

FIGURE_KEYS_REQUIRED = frozenset({"label", "description", "unit", "updates", "values"})
FIGURE_KEYS_OPTIONAL = frozenset({"notes", "gaps"})
VALUE_KEYS_REQUIRED = frozenset({"from", "low", "typical", "high", "source"})
VALUE_KEYS_OPTIONAL = frozenset({"notes"})
GAP_KEYS_REQUIRED = frozenset({"from", "reason"})
GAP_KEYS_OPTIONAL: frozenset[str] = frozenset()
SOURCE_KEYS_REQUIRED = frozenset({"title", "url", "read", "reliability"})
SOURCE_KEYS_OPTIONAL = frozenset({"notes"})

HELP_LINE_FILE = "help_lines.toml"
HELP_LINE_KEYS_REQUIRED = frozenset({"label", "description", "contact", "source"})
HELP_LINE_KEYS_OPTIONAL = frozenset(
    {"text", "tty", "url", "order", "call", "sms", "spanish", "spanish_sms_body", "spanish_source", "es"}
)
#: Keys of a help line's translation table (``[key.es]``): the words, in that language.
HELP_LINE_TRANSLATED_KEYS = frozenset({"label", "description", "contact", "text", "spanish"})


@dataclass(frozen=True, slots=True)
class _Keys:
    """A record's closed set of keys: those it must have and those it may have."""

    required: frozenset[str]
    optional: frozenset[str]


_FIGURE_KEYS = _Keys(FIGURE_KEYS_REQUIRED, FIGURE_KEYS_OPTIONAL)
_VALUE_KEYS = _Keys(VALUE_KEYS_REQUIRED, VALUE_KEYS_OPTIONAL)
_GAP_KEYS = _Keys(GAP_KEYS_REQUIRED, GAP_KEYS_OPTIONAL)
_HELP_LINE_KEYS = _Keys(HELP_LINE_KEYS_REQUIRED, HELP_LINE_KEYS_OPTIONAL)

#: Columns every dated state table must have (``rows_for`` picks a row by them).
STATE_TABLE_DATE_COLUMNS = ("state", "effective_from", "updates")
#: Tables that must be dated (others may be; a table with ``effective_from`` is checked).
DATED_TABLES = frozenset({"state_leave_programs", "state_family_leave_programs"})

#: A newest value that took effect longer ago than this is reported as stale (a warning).
STALE_AFTER_DAYS = 3 * 365

#: Every day in this span must have a current value, or a declared gap, for each figure that
#: is updated on a schedule. Move it forward as the calculator's horizon moves.
COVERAGE_START = dt.date(2026, 1, 1)
COVERAGE_END = dt.date(2027, 12, 31)

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
    """Where a value comes from."""

    title: str
    url: str
    read: dt.date
    reliability: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class DatedValue:
    """One value of a figure, in force from ``start`` until the next value's start.

    Attributes
    ----------
    start : date
        The date this value takes effect (for a price or survey figure: the start of the
        period it describes).
    low, typical, high : float
        Plausible range [the figure's unit]; ``low <= typical <= high``.
    """

    start: dt.date
    low: float
    typical: float
    high: float
    source: Source
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """A value known to be due from ``start`` but not (yet) in the library, and why.

    A gap covers every day from ``start`` until a value with a later start exists; meanwhile
    the value before it stays in force.
    """

    start: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One default figure: its metadata and its values keyed by the date each takes effect.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"residential_price_usd_per_day"``.
    updates : Schedule or None
        When a new value is due (``None``: no schedule; prices, surveys, estimates).
    values : tuple of DatedValue
        At least one, in strictly increasing ``start`` order.
    gaps : tuple of Gap
        Values known to be due but not in the library.
    override : float or None
        A scenario's own typical value; it applies on every date.

    Notes
    -----
    ``low``, ``typical``, ``high`` and ``source`` read the newest value (``typical`` returns
    the override when set), so callers that do not care about dates keep working.
    """

    key: str
    label: str
    description: str
    unit: str
    updates: Schedule | None
    values: tuple[DatedValue, ...]
    gaps: tuple[Gap, ...] = ()
    notes: str = ""
    file: str = ""
    override: float | None = None

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError(f"{self.key}: a figure needs at least one value")
        starts = [v.start for v in self.values]
        if any(a >= b for a, b in zip(starts, starts[1:], strict=False)):
            raise ValueError(f"{self.key}: values must be in strictly increasing date order")

    # ---- dates ---------------------------------------------------------------------------

    def in_force(self, on: dt.date) -> DatedValue:
        """The latest value whose start is on or before ``on`` (the earliest if ``on`` precedes all)."""
        i = bisect.bisect_right([v.start for v in self.values], on)
        return self.values[max(i - 1, 0)]

    def valid_until(self, value: DatedValue) -> dt.date | None:
        """The next scheduled update after ``value`` took effect; ``None`` with no schedule."""
        return self.updates.next_after(value.start) if self.updates else None

    def is_current(self, on: dt.date) -> bool:
        """Whether the library holds the value in force on ``on``.

        False before the first value, and on or after the newest value's :meth:`valid_until`
        (a new value was due and is not recorded). A value followed by a newer one is current
        until that one starts, even if the newer one came later than scheduled.
        """
        if on < self.values[0].start:
            return False
        value = self.in_force(on)
        until = self.valid_until(value)
        return value is not self.values[-1] or until is None or on < until

    def gap_on(self, on: dt.date) -> Gap | None:
        """The declared gap covering ``on``: the latest gap starting on or before it, if no
        value starts after the gap and on or before ``on``."""
        gap = next((g for g in reversed(self.gaps) if g.start <= on), None)
        if gap is None or any(gap.start < v.start <= on for v in self.values):
            return None
        return gap

    def typical_on(self, on: dt.date) -> float:
        """The typical value in force on ``on`` (the override, when set)."""
        return self.override if self.override is not None else self.in_force(on).typical

    # ---- the newest value (for callers that do not ask about dates) ----------------------

    @property
    def latest(self) -> DatedValue:
        return self.values[-1]

    @property
    def low(self) -> float:
        return self.latest.low

    @property
    def typical(self) -> float:
        return self.override if self.override is not None else self.latest.typical

    @property
    def high(self) -> float:
        return self.latest.high

    @property
    def default_typical(self) -> float:
        """The library's own typical value (of the newest value), whatever the override."""
        return self.latest.typical

    @property
    def overridden(self) -> bool:
        return self.override is not None and self.override != self.latest.typical

    @property
    def source(self) -> Source:
        return self.latest.source


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
    #: The number to dial (a ``tel:`` link), and to text (an ``sms:`` link); empty: none.
    call: str = ""
    sms: str = ""
    #: The Spanish-language option in words (``call 988 and press 2``), the word to text for
    #: it (``AYUDA``), and where both are documented.
    spanish: str = ""
    spanish_sms_body: str = ""
    spanish_source: Source | None = None
    #: ``(language code, ((key, words), ...))`` pairs: the line's words in other languages
    #: (keys of :data:`HELP_LINE_TRANSLATED_KEYS`). Tuples keep the record hashable and picklable.
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def in_language(self, lang: str) -> HelpLine:
        """This line with its words in ``lang`` where the data has them (English otherwise)."""
        words = dict(self.translations).get(lang)
        return replace(self, **dict(words)) if words else self


@dataclass(frozen=True, slots=True)
class StateTable:
    """A per-state CSV table: column names and rows of strings (typed by the reader).

    A dated table has ``effective_from`` (ISO date) and ``updates`` columns and may hold
    several rows per state; :meth:`rows_for` picks the one in force on a date.
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]

    def __reduce__(self):
        # Read-only row views cannot be pickled (a cached comparison is); rebuild them on load.
        return _state_table, (self.name, self.columns, tuple(dict(r) for r in self.rows))

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
    """Immutable set of figures, help lines and state tables, with a version stamp.

    ``version`` is a hash of every file's bytes. Two sets are equal when they have the same
    version and the same figures (so an overridden or :meth:`pinned` copy differs).
    """

    figures: Mapping[str, Figure]
    help_lines: tuple[HelpLine, ...]
    tables: Mapping[str, StateTable]
    version: str
    warnings: tuple[Problem, ...] = field(default=())

    def __reduce__(self):
        # Read-only mappings cannot be pickled (a cached comparison holds its library).
        return _assumption_set, (dict(self.figures), self.help_lines, dict(self.tables), self.version, self.warnings)

    def __getitem__(self, key: str) -> Figure:
        try:
            return self.figures[key]
        except KeyError:
            raise KeyError(f"no assumption named {key!r}") from None

    def value(self, key: str, on: dt.date | None = None) -> float:
        """The typical value of figure ``key`` in force on ``on`` (the newest when ``on`` is
        None); an override applies on every date."""
        fig = self[key]
        return fig.typical if on is None else fig.typical_on(on)

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __hash__(self) -> int:
        overrides = tuple(sorted((k, f.override) for k, f in self.figures.items() if f.override is not None))
        return hash((self.version, overrides))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AssumptionSet):
            return NotImplemented
        return self.version == other.version and dict(self.figures) == dict(other.figures)

    def with_overrides(self, overrides: Mapping[str, float]) -> AssumptionSet:
        """Return a copy whose typical values are replaced for one scenario, on every date.

        The library's own values are kept, so the app can show the override beside the
        default. Raises :class:`AssumptionsError` naming every unknown key or impossible value
        (negative, not finite, a fraction above 1).
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
            figures[key] = replace(fig, override=float(value))
        if problems:
            raise AssumptionsError(problems)
        return replace(self, figures=MappingProxyType(figures))

    def overridden(self) -> dict[str, tuple[float, float]]:
        """``{key: (value, library default)}`` for every overridden figure."""
        return {k: (f.typical, f.default_typical) for k, f in self.figures.items() if f.overridden}

    def pinned(self) -> AssumptionSet:
        """A copy where every dated value's low and high equal its typical: nothing is uncertain.

        Overrides are kept as they are.
        """
        figures = {
            k: replace(f, values=tuple(replace(v, low=v.typical, high=v.typical) for v in f.values))
            for k, f in self.figures.items()
        }
        return replace(self, figures=MappingProxyType(figures))

    def table(self):
        """A pandas DataFrame with one row per dated value, for display (pandas imported lazily).

        ``Typical`` is the override when one is set (it applies on every date), with the
        library's own value in ``Library default``; ``Until`` is the next scheduled update
        (empty for figures with no schedule).
        """
        import pandas as pd

        rows = []
        for f in sorted(self.figures.values(), key=lambda f: (f.file, f.key)):
            for v in f.values:
                until = f.valid_until(v)
                rows.append(
                    {
                        "Figure": f.label,
                        "Key": f.key,
                        "Unit": f.unit,
                        "Low": v.low,
                        "Typical": f.override if f.override is not None else v.typical,
                        "High": v.high,
                        "Library default": v.typical if f.overridden else None,
                        "From": v.start.isoformat(),
                        "Until": until.isoformat() if until else "",
                        "Reliability": v.source.reliability,
                        "Source": v.source.title,
                        "Link": v.source.url,
                        "Read": v.source.read.isoformat(),
                        "Notes": " ".join(n for n in (v.notes, f.notes) if n),
                        "File": f.file,
                    }
                )
        return pd.DataFrame(rows)


def _state_table(name: str, columns: tuple[str, ...], rows: tuple[dict, ...]) -> StateTable:
    return StateTable(name, columns, tuple(MappingProxyType(r) for r in rows))


def _assumption_set(figures: dict, help_lines, tables: dict, version: str, warnings) -> AssumptionSet:
    return AssumptionSet(MappingProxyType(figures), help_lines, MappingProxyType(tables), version, warnings)


def maintenance_report(library: AssumptionSet, today: dt.date) -> list[tuple[str, str]]:
    """What is due for a refresh on ``today``, as ``(key, reason)`` pairs (pure; no printing).

    Lists every figure whose newest value took effect more than three years before ``today``,
    and every figure whose next scheduled update (``updates``) has come with no newer value
    recorded, naming any gap declared for it. Rows of dated state tables are checked the same
    way, under the key ``"<table>:<state>"`` (e.g. ``"state_leave_programs:RI"``).
    """
    out: list[tuple[str, str]] = []
    for key in sorted(library.figures):
        fig = library.figures[key]
        newest = fig.latest
        if (today - newest.start).days > STALE_AFTER_DAYS:
            out.append((key, f"newest value took effect {newest.start.isoformat()}, more than three years ago"))
        due = fig.valid_until(newest)
        if due is not None and due <= today:
            gap = fig.gap_on(today)
            note = f" (declared gap: {gap.reason})" if gap else ""
            out.append((key, f"a new value was due {due.isoformat()} ({fig.updates}) and none is recorded{note}"))
    for name in sorted(library.tables):
        table = library.tables[name]
        if "effective_from" not in table.columns:
            continue
        for state in sorted({r["state"] for r in table.rows}):
            row = table.rows_for(state, dt.date.max)
            start = dt.date.fromisoformat(row["effective_from"])
            key = f"{name}:{state}"
            if (today - start).days > STALE_AFTER_DAYS:
                out.append((key, f"newest row took effect {start.isoformat()}, more than three years ago"))
            schedule = Schedule.parse(row.get("updates", NO_UPDATES))
            if schedule is not None and schedule.next_after(start) <= today:
                due = schedule.next_after(start)
                gap = (row.get("gap_reason") or "").strip()
                note = f" (declared gap: {gap})" if gap else ""
                out.append((key, f"a new row was due {due.isoformat()} ({schedule}) and none is recorded{note}"))
    return out


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


def _check_keys(file: str, key: str, where: str, raw: dict, keys: _Keys, problems: list[Problem]) -> bool:
    """Report each missing required key, then each unknown key; true when there were none."""
    start = len(problems)
    for missing in sorted(keys.required - raw.keys()):
        problems.append(Problem(file, key, f"{where}missing required key {missing!r}"))
    for unknown in sorted(raw.keys() - keys.required - keys.optional):
        problems.append(Problem(file, key, f"{where}unknown key {unknown!r}"))
    return len(problems) == start


def _parse_source(file: str, key: str, raw: object, problems: list[Problem], where: str = "") -> Source | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, f"{where}missing source (a table with title, url, read, reliability)"))
        return None
    ok = True
    for missing in sorted(SOURCE_KEYS_REQUIRED - raw.keys()):
        problems.append(Problem(file, key, f"{where}source is missing {missing!r}"))
        ok = False
    for unknown in sorted(raw.keys() - SOURCE_KEYS_REQUIRED - SOURCE_KEYS_OPTIONAL):
        problems.append(Problem(file, key, f"{where}source has unknown key {unknown!r}"))
        ok = False
    if not ok:
        return None
    url = raw["url"]
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        problems.append(Problem(file, key, f"{where}source url must start with http(s)://, got {url!r}"))
        ok = False
    read = _as_date(raw["read"])
    if read is None:
        problems.append(Problem(file, key, f"{where}source read must be a date, got {raw['read']!r}"))
        ok = False
    if raw["reliability"] not in RELIABILITY:
        problems.append(
            Problem(
                file, key, f"{where}source reliability {raw['reliability']!r} is not one of {', '.join(RELIABILITY)}"
            )
        )
        ok = False
    if not ok:
        return None
    return Source(
        title=str(raw["title"]), url=url, read=read, reliability=raw["reliability"], notes=str(raw.get("notes", ""))
    )


def _parse_value(file: str, key: str, i: int, raw: object, unit: str, problems: list[Problem]) -> DatedValue | None:
    where = f"values[{i}]: "
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, f"{where}must be a table"))
        return None
    start = len(problems)
    _check_keys(file, key, where, raw, _VALUE_KEYS, problems)
    begins = _as_date(raw["from"]) if "from" in raw else None
    if "from" in raw and begins is None:
        problems.append(Problem(file, key, f"{where}from must be a date, got {raw['from']!r}"))
    if begins is not None:
        where = f"values[{i}] (from {begins.isoformat()}): "
    numbers = {}
    for name in ("low", "typical", "high"):
        if name in raw:
            problem = _value_problem(unit, raw[name])
            if problem:
                problems.append(Problem(file, key, f"{where}{name} {problem}"))
            else:
                numbers[name] = float(raw[name])
    if len(numbers) == 3 and not numbers["low"] <= numbers["typical"] <= numbers["high"]:
        got = f"{numbers['low']} / {numbers['typical']} / {numbers['high']}"
        problems.append(Problem(file, key, f"{where}needs low <= typical <= high, got {got}"))
    source = _parse_source(file, key, raw["source"], problems, where) if "source" in raw else None
    if len(problems) > start:
        return None
    return DatedValue(begins, numbers["low"], numbers["typical"], numbers["high"], source, str(raw.get("notes", "")))


def _parse_gap(file: str, key: str, i: int, raw: object, problems: list[Problem]) -> Gap | None:
    where = f"gaps[{i}]: "
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, f"{where}must be a table"))
        return None
    if not _check_keys(file, key, where, raw, _GAP_KEYS, problems):
        return None
    begins = _as_date(raw["from"])
    if begins is None:
        problems.append(Problem(file, key, f"{where}from must be a date, got {raw['from']!r}"))
        return None
    if not str(raw["reason"]).strip():
        problems.append(Problem(file, key, f"{where}reason must say why the value is missing"))
        return None
    return Gap(begins, str(raw["reason"]))


def _array(file: str, key: str, name: str, raw: object, problems: list[Problem]) -> list | None:
    if isinstance(raw, list):
        return raw
    problems.append(Problem(file, key, f"{name} must be an array of tables ([[{key}.{name}]])"))
    return None


def _parse_figure(file: str, key: str, raw: object, problems: list[Problem]) -> Figure | None:
    """A figure's table as a :class:`Figure`, or ``None`` with every problem found added to ``problems``."""
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, "must be a table"))
        return None
    start = len(problems)
    _check_keys(file, key, "", raw, _FIGURE_KEYS, problems)
    unit = raw.get("unit")
    unit_known = isinstance(unit, str) and unit in UNITS  # a list or table is not a unit (and not hashable)
    if "unit" in raw and not unit_known:
        problems.append(Problem(file, key, f"unknown unit {unit!r} (allowed: {', '.join(sorted(UNITS))})"))
    schedule = _parse_schedule(file, key, raw, problems)
    values = _parse_values(file, key, raw, unit if unit_known else "", problems)
    gaps = _parse_gaps(file, key, raw, problems)
    _check_gaps_follow_values(file, key, gaps, values, problems)
    if len(problems) > start:
        return None
    figure = Figure(
        key=key,
        label=str(raw["label"]),
        description=str(raw["description"]),
        unit=unit,
        updates=schedule,
        values=tuple(values),
        gaps=tuple(gaps),
        notes=str(raw.get("notes", "")),
        file=file,
    )
    return figure if _check_coverage(figure, problems) else None


def _parse_schedule(file: str, key: str, raw: dict, problems: list[Problem]) -> Schedule | None:
    """The figure's ``updates`` schedule; ``None`` when absent, ``"none"`` or malformed (reported)."""
    if "updates" not in raw:
        return None
    try:
        return Schedule.parse(raw["updates"])
    except ValueError as exc:
        problems.append(Problem(file, key, str(exc)))
        return None


def _parse_values(file: str, key: str, raw: dict, unit: str, problems: list[Problem]) -> list[DatedValue]:
    """The figure's well-formed ``[[values]]``; at least one is needed, in strictly increasing ``from`` order."""
    raw_values = _array(file, key, "values", raw["values"], problems) if "values" in raw else None
    if raw_values is not None and not raw_values:
        problems.append(Problem(file, key, "needs at least one value"))
    values: list[DatedValue] = []
    for i, item in enumerate(raw_values or ()):
        value = _parse_value(file, key, i, item, unit, problems)
        if value is not None:
            values.append(value)
    for earlier, later in zip(values, values[1:], strict=False):
        if later.start <= earlier.start:
            problems.append(
                Problem(
                    file,
                    key,
                    f"values must be in strictly increasing 'from' order: {later.start.isoformat()} "
                    f"follows {earlier.start.isoformat()}",
                )
            )
    return values


def _parse_gaps(file: str, key: str, raw: dict, problems: list[Problem]) -> list[Gap]:
    """The figure's well-formed ``[[gaps]]`` (optional), in strictly increasing ``from`` order."""
    raw_gaps = _array(file, key, "gaps", raw["gaps"], problems) if "gaps" in raw else None
    gaps: list[Gap] = []
    for i, item in enumerate(raw_gaps or ()):
        gap = _parse_gap(file, key, i, item, problems)
        if gap is not None:
            gaps.append(gap)
    for earlier, later in zip(gaps, gaps[1:], strict=False):
        if later.start <= earlier.start:
            problems.append(Problem(file, key, f"gaps must be in strictly increasing 'from' order: {later.start}"))
    return gaps


def _check_gaps_follow_values(
    file: str, key: str, gaps: list[Gap], values: list[DatedValue], problems: list[Problem]
) -> None:
    """A gap follows a value: it may not come before the first one, nor start the same day as one."""
    for gap in gaps:
        before = [v for v in values if v.start <= gap.start]
        if not before and values:
            problems.append(Problem(file, key, f"gap from {gap.start.isoformat()} comes before the first value"))
        elif before and before[-1].start == gap.start:
            problems.append(
                Problem(
                    file,
                    key,
                    f"gap from {gap.start.isoformat()} must come after the value it follows, which starts the "
                    "same day (remove the gap now that the value is recorded)",
                )
            )


def _check_coverage(figure: Figure, problems: list[Problem]) -> bool:
    """Report the first day of the coverage span a scheduled figure leaves uncovered; true when there is none."""
    uncovered = _first_uncovered_day(figure)
    if uncovered is None:
        return True
    problems.append(
        Problem(
            figure.file,
            figure.key,
            f"is updated {figure.updates} but has no current value on {uncovered.isoformat()} (first uncovered "
            f"day of {COVERAGE_START.year}-{COVERAGE_END.year}): add the value in force then, or declare a "
            f"[[{figure.key}.gaps]] entry saying why it is missing",
        )
    )
    return False


def _first_uncovered_day(figure: Figure) -> dt.date | None:
    """For a scheduled figure, the first day of the coverage span with neither a current value nor a gap.

    Whether a day is covered changes only where a value or gap starts or a value's scheduled
    update falls, so checking the span's first day and those dates finds the first uncovered day.
    """
    if figure.updates is None:
        return None
    edges = {COVERAGE_START, *(v.start for v in figure.values), *(g.start for g in figure.gaps)}
    edges |= {figure.valid_until(v) for v in figure.values}
    for day in sorted(d for d in edges if COVERAGE_START <= d <= COVERAGE_END):
        if not figure.is_current(day) and figure.gap_on(day) is None:
            return day
    return None


def _parse_help_line(file: str, key: str, raw: object, problems: list[Problem]) -> HelpLine | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, key, "must be a table"))
        return None
    start = len(problems)
    _check_keys(file, key, "", raw, _HELP_LINE_KEYS, problems)
    source = _parse_source(file, key, raw.get("source"), problems) if "source" in raw else None
    spanish_source = (
        _parse_source(file, key, raw["spanish_source"], problems, "spanish_") if "spanish_source" in raw else None
    )
    translations = _parse_help_translations(file, key, raw, problems)
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
        call=str(raw.get("call", "")),
        sms=str(raw.get("sms", "")),
        spanish=str(raw.get("spanish", "")),
        spanish_sms_body=str(raw.get("spanish_sms_body", "")),
        spanish_source=spanish_source,
        translations=translations,
    )


def _parse_help_translations(
    file: str, key: str, raw: dict, problems: list[Problem]
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """``[key.es]``-style tables: a language code -> the line's words in that language."""
    out = {}
    for lang in ("es",):
        table = raw.get(lang)
        if table is None:
            continue
        if not isinstance(table, dict):
            problems.append(Problem(file, key, f"{lang} must be a table"))
            continue
        _check_keys(file, key, f"{lang}: ", table, _Keys(frozenset(), HELP_LINE_TRANSLATED_KEYS), problems)
        out[lang] = tuple((k, str(v)) for k, v in table.items() if k in HELP_LINE_TRANSLATED_KEYS)
    return tuple(out.items())


def _check_dated_table(name: str, table: StateTable, problems: list[Problem]) -> None:
    """``effective_from`` parses and is unique per state; ``updates`` is a schedule or "none"."""
    file = f"{name}.csv"
    before = len(problems)
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
    if name in DATED_TABLES and len(problems) == before:
        # The program tables' own schema: formula kinds, numbers, and 2026-2027 coverage.
        from .leave_programs import lint_program_table

        problems.extend(Problem(file, where, message) for where, message in lint_program_table(table))


def parse_assumptions(files: Mapping[str, bytes], *, today: dt.date | None = None) -> AssumptionSet:
    """Build an :class:`AssumptionSet` from file contents (pure: no file system access).

    Parameters
    ----------
    files : mapping of file name to bytes
        ``*.toml`` figure files, ``help_lines.toml`` and ``*.csv`` state tables.
    today : date, optional
        Reference date for the staleness warning (newest value more than three years old).
    """
    found = _Collected(today=today or dt.date.today())
    for name in sorted(files):
        if name.endswith(".toml"):
            _read_toml(name, files[name], found)
        elif name.endswith(".csv"):
            _read_csv(name, files[name], found)
    if found.problems:
        raise AssumptionsError(found.problems)
    return AssumptionSet(
        figures=MappingProxyType(found.figures),
        help_lines=tuple(sorted(found.help_lines, key=lambda h: (h.order, h.key))),
        tables=MappingProxyType(found.tables),
        version=_version(files),
        warnings=tuple(found.warnings),
    )


@dataclass(slots=True)
class _Collected:
    """What :func:`parse_assumptions` gathers file by file: records, problems and warnings."""

    today: dt.date
    figures: dict[str, Figure] = field(default_factory=dict)
    help_lines: list[HelpLine] = field(default_factory=list)
    tables: dict[str, StateTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _read_toml(name: str, data: bytes, found: _Collected) -> None:
    """Each top-level table of a TOML file: a help line in ``help_lines.toml``, a figure elsewhere."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        found.problems.append(Problem(name, "-", f"not valid TOML: {exc}"))
        return
    for key, raw in doc.items():
        if name == HELP_LINE_FILE:
            _add_help_line(name, key, raw, found)
        else:
            _add_figure(name, key, raw, found)


def _add_help_line(file: str, key: str, raw: object, found: _Collected) -> None:
    line = _parse_help_line(file, key, raw, found.problems)
    if line:
        found.help_lines.append(line)


def _add_figure(file: str, key: str, raw: object, found: _Collected) -> None:
    """Add a figure defined once across all files; warn when its newest value is over three years old."""
    if key in found.figures:
        found.problems.append(Problem(file, key, f"defined twice (also in {found.figures[key].file})"))
        return
    fig = _parse_figure(file, key, raw, found.problems)
    if not fig:
        return
    found.figures[key] = fig
    newest = fig.latest.start
    if (found.today - newest).days > STALE_AFTER_DAYS:
        found.warnings.append(
            Problem(file, key, f"newest value took effect {newest.isoformat()}, more than three years ago")
        )


def _read_csv(name: str, data: bytes, found: _Collected) -> None:
    """A per-state table; its dates are checked only when every row has as many cells as the header."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
        rows = tuple(MappingProxyType(dict(row)) for row in reader)
        columns = tuple(reader.fieldnames or ())
    except (csv.Error, UnicodeDecodeError) as exc:
        found.problems.append(Problem(name, "-", f"not valid CSV: {exc}"))
        return
    rows_complete = _check_cell_counts(name, rows, found.problems)
    table = StateTable(name.removesuffix(".csv"), columns, rows)
    if rows_complete:
        _check_dated_table(table.name, table, found.problems)
    found.tables[table.name] = table


def _check_cell_counts(file: str, rows: Iterable[Mapping[str, str]], problems: list[Problem]) -> bool:
    """Report each row with more or fewer cells than the header; true when there is none."""
    start = len(problems)
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            problems.append(Problem(file, f"line {i}", "row has a different number of cells than the header"))
    return len(problems) == start


def _version(files: Mapping[str, bytes]) -> str:
    """A short hash of every file's name and contents, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:12]


def load_assumptions(directory: Path | str = DEFAULT_DIRECTORY) -> AssumptionSet:
    """Read every ``*.toml`` and ``*.csv`` file in ``directory`` and validate them together."""
    directory = Path(directory)
    files = {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.suffix in {".toml", ".csv"}}
    return parse_assumptions(files)
