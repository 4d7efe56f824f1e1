"""Many variations of one scenario at once, for uncertainty and break-even analysis.

``evaluate_batch`` runs the same arithmetic as :func:`calculator.compare` over N draws and
returns only the totals, as ``(N, options)`` arrays. The engine works on ``(draws, days)``
arrays, so a large batch is cut into equal chunks of about :data:`CHUNK_DRAW_DAYS` draws x
days: memory stays bounded whatever N and the scenario's length, the arrays stay small enough
for the CPU's cache, and the chunks run on every core (numpy releases the GIL for the array
arithmetic). Draws are independent, so chunking changes nothing but speed and memory.
"""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .assumptions import AssumptionSet
from .compare import counted_in, default_assumptions, logistics_from, rounded_rows
from .engine import LOGISTICS, TOTALS, run, totals
from .engine.lines import day_total
from .inputs import Calendar, Dated, FigureUse, Inputs, StateProgramTerms, TaxSchedule
from .resolve import resolve
from .scenario import Scenario

BATCH_TOTALS = TOTALS
#: Draws x calendar days in one engine pass: about 800 KB per daily array. Measured on the
#: default scenario's 10,000 draws (with freed memory kept, :func:`keep_freed_memory`),
#: 60,000-120,000 ran quickest; 10,000 took 1.7x as long.
CHUNK_DRAW_DAYS = 100_000
#: Fewest draws in a chunk: each pass has a fixed cost (reading the scenario), which for a
#: scenario of years of stages would outweigh a handful of draws.
MIN_CHUNK_DRAWS = 32
#: Threads that run chunks at once.
THREADS = max(1, min(os.cpu_count() or 1, 4))
#: glibc's allocator, told to keep freed array memory for the next chunk (see
#: :func:`keep_freed_memory`): arrays under the first size come from the heap, and up to the
#: second stays mapped after it is freed.
HEAP_ARRAYS_BYTES, KEEP_FREED_BYTES = 8 * 2**20, 64 * 2**20


@dataclass(frozen=True)
class BatchTotals:
    """Totals by draw and option [USD], unrounded: ``totals[name]`` has shape ``(N, options)``."""

    names: tuple[str, ...]
    totals: dict[str, np.ndarray]

    def difference(self, metric: str = "family_total") -> np.ndarray:
        """Second option minus first, per draw [USD]."""
        t = self.totals[metric]
        return t[:, 1] - t[:, 0]


def chunks(n: int, days: int, threads: int = THREADS) -> list[tuple[int, int]]:
    """``(start, stop)`` of equal chunks of ``n`` draws of a ``days``-day calendar.

    One chunk when ``n * days`` is at most :data:`CHUNK_DRAW_DAYS`; otherwise chunks of about
    that many draws x days (never fewer than :data:`MIN_CHUNK_DRAWS` draws), and at least
    ``threads`` of them when there are draws enough, so every core works.
    """
    days = max(1, days)
    if n * days <= CHUNK_DRAW_DAYS:
        return [(0, n)] if n > 0 else []
    size = max(MIN_CHUNK_DRAWS, CHUNK_DRAW_DAYS // days)
    count = max(-(-n // size), min(threads, -(-n // MIN_CHUNK_DRAWS)))
    edges = np.linspace(0, n, count + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


@functools.cache
def keep_freed_memory() -> bool:
    """Let glibc keep freed array memory for reuse instead of handing it back at once.

    By default glibc gives each array over 128 KB fresh pages from the system and returns
    them when it is freed, so every chunk of a batch pays to fault in and zero its memory
    again: measured, a 10,000-draw batch ran about 2x slower for it. With arrays up to
    :data:`HEAP_ARRAYS_BYTES` served from the heap and up to :data:`KEEP_FREED_BYTES` of freed
    heap kept, the chunks reuse warm memory. The setting is the process's (it also speeds up
    ``compare``); the most it keeps beyond what is in use is :data:`KEEP_FREED_BYTES`. Returns
    whether it applied (elsewhere than glibc it does nothing).
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    return bool(mallopt(m_mmap_threshold, HEAP_ARRAYS_BYTES)) and bool(mallopt(m_trim_threshold, KEEP_FREED_BYTES))


def _totals(inputs: Inputs) -> BatchTotals:
    """One engine pass over resolved inputs: the totals only."""
    outcomes = run(inputs, detail=False)
    return BatchTotals(
        names=tuple(o.name for o in outcomes),
        totals={name: totals(outcomes, name) for name in BATCH_TOTALS},
    )


def evaluate_batch(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray | float],
    n: int | None = None,
    assumptions: AssumptionSet | None = None,
    *,
    days: int | None = None,
) -> BatchTotals:
    """Evaluate ``n`` variations of ``scenario`` at once.

    Parameters
    ----------
    variations : mapping
        Field path (``"options[0].stages[0].length_days"``, ``"household.pay_usd_per_hour"``)
        or assumption key (``"residential_price_usd_per_day"``) to an array of ``n`` values.
        An assumption key varies the figure only where the user left the field to the library.
    n : int, optional
        Number of draws; defaults to the length of the variation arrays.
    days : int, optional
        An upper bound on the calendar's days over every draw, if the caller knows one; it saves
        reading the whole batch once to find the calendar before cutting it into chunks.

    Notes
    -----
    Batches over :data:`CHUNK_DRAW_DAYS` draws x days run in chunks (:func:`chunks`) on up to
    :data:`THREADS` threads, and their totals are put back in draw order.
    """
    if n is None:
        lengths = {np.size(v) for v in variations.values()} or {1}
        n = max(lengths)
    keep_freed_memory()
    library = assumptions or default_assumptions()
    if days is None:
        inputs = resolve(scenario, library, variations, n)
        bounds = chunks(n, inputs.calendar.n_days)
        if len(bounds) == 1:
            return _totals(inputs)
    else:
        bounds = chunks(n, days)

    def part(bound: tuple[int, int]) -> BatchTotals:
        lo, hi = bound
        sliced = {k: (v[lo:hi] if np.ndim(v) else v) for k, v in variations.items()}
        return _totals(resolve(scenario, library, sliced, hi - lo))

    if len(bounds) == 1:
        return part(bounds[0])
    with ThreadPoolExecutor(min(len(bounds), THREADS)) as pool:
        parts = list(pool.map(part, bounds))
    return BatchTotals(
        names=parts[0].names,
        totals={name: np.concatenate([p.totals[name] for p in parts], axis=0) for name in BATCH_TOTALS},
    )


# ---- every line and figure, draw by draw (a caseload: one draw per client) ----------------------


@dataclass(frozen=True, slots=True)
class RowLine:
    """One line of one option, rounded to the cent for every draw [USD], shape ``(N,)``.

    ``stage`` is 0-based (``None``: the whole pathway); ``occurrence`` numbers lines that share
    component, item and stage (the family's added costs), from 0.
    """

    component: str
    item: str
    stage: int | None
    occurrence: int
    in_total: bool
    amount_usd: np.ndarray

    @property
    def counted_in(self) -> str | None:
        """The total the line counts in, as :attr:`calculator.compare.LineResult.counted_in`."""
        return counted_in(self.component, self.item, self.in_total)


@dataclass(frozen=True)
class OptionRows:
    """One option for every draw, arranged as :func:`calculator.compare` arranges one.

    ``totals`` holds the same names as :attr:`calculator.compare.OptionResult.totals`, rounded
    by the same function (:func:`calculator.compare.rounded_rows`: totals from their exact
    values, lines split to add up to them); ``logistics`` the same names as
    :attr:`~calculator.compare.OptionResult.logistics`; each an ``(N,)`` array.
    """

    name: str
    levels: tuple[str, ...]
    lines: tuple[RowLine, ...]
    totals: dict[str, np.ndarray]
    logistics: dict[str, np.ndarray]


def evaluate_rows(
    scenario: Scenario,
    variations: Mapping[str, np.ndarray | float],
    n: int,
    assumptions: AssumptionSet | None = None,
) -> tuple[OptionRows, ...]:
    """Every line, total and non-money figure of ``n`` variations of ``scenario``, draw by draw.

    The caseload's engine: each draw is one client (their numbers as field-path variations,
    their start date as a ``start_date`` variation, see :mod:`calculator.resolve`), and draw
    ``i`` of the result equals :func:`calculator.compare` on that client's own scenario.
    """
    return arrange_rows(run(resolve(scenario, assumptions or default_assumptions(), variations, n), detail=True))


def _option_rows(o) -> OptionRows:
    seen: dict[tuple, int] = {}
    keys = []
    for line in o.lines:
        key = (line.component, line.item, line.stage)
        seen[key] = seen.get(key, -1) + 1
        keys.append((*key, seen[key], line.in_total))
    # compare's own rounding, every draw at once: each client's totals and lines are what
    # compare() shows for that client alone, to the cent.
    totals, amounts = rounded_rows(o.lines)
    lines = [RowLine(*key, cents / 100.0) for key, cents in zip(keys, amounts, strict=True)]
    return OptionRows(
        name=o.name,
        levels=tuple(s.level for s in o.stages),
        lines=tuple(lines),
        totals={name: cents / 100.0 for name, cents in totals.items()},
        logistics=_row_logistics(o),
    )


def _row_logistics(o) -> dict[str, np.ndarray]:
    """As ``compare``'s logistics: each figure summed over the option's days, per draw."""
    total = {k: day_total(v) for k, v in o.daily.items() if k in LOGISTICS}
    return logistics_from(total, o.length_days.astype(float))


def arrange_rows(outcomes) -> tuple[OptionRows, ...]:
    """Each option's lines, totals and logistics, draw by draw (the engine run with detail)."""
    return tuple(_option_rows(o) for o in outcomes)


def take_draws(inputs: Inputs, rows: np.ndarray) -> Inputs:
    """The resolved inputs of draws ``rows`` only (a group of clients split into smaller passes).

    Every per-draw array keeps only those rows; per-day arrays shared by all draws (a
    :class:`~calculator.inputs.Dated` index, a calendar, a state program's rows by day) and a
    tax schedule's brackets are kept whole. The engine then sizes each option's calendar from
    these draws alone.
    """
    return _take(inputs, np.asarray(rows), inputs.calendar.weekday.ndim == 2)


def _take(node, rows: np.ndarray, per_row_calendar: bool):
    if isinstance(node, np.ndarray):
        return node[rows]
    if isinstance(node, Dated):
        return Dated(node.values[rows], node.index[rows] if node.index.ndim == 2 else node.index)
    if isinstance(node, Calendar):
        pick = (lambda a: a[rows]) if per_row_calendar else (lambda a: a)  # noqa: E731
        return dataclasses.replace(
            node,
            weekday=pick(node.weekday),
            plan_year=pick(node.plan_year),
            calendar_year=pick(node.calendar_year),
            starts=None if node.starts is None else node.starts[rows],
        )
    if isinstance(node, StateProgramTerms):
        return dataclasses.replace(
            node,
            row_index=node.row_index[rows] if node.row_index.ndim == 2 else node.row_index,
            pays_from_day=node.pays_from_day[rows]
            if isinstance(node.pays_from_day, np.ndarray)
            else node.pays_from_day,
        )
    if isinstance(node, tuple):
        return tuple(_take(x, rows, per_row_calendar) for x in node)
    if isinstance(node, dict):
        return {k: _take(v, rows, per_row_calendar) for k, v in node.items()}
    if dataclasses.is_dataclass(node) and not isinstance(node, FigureUse | TaxSchedule):
        changes = {f.name: _take(getattr(node, f.name), rows, per_row_calendar) for f in dataclasses.fields(node)}
        if isinstance(node, Inputs):
            changes["n"] = len(rows)
        return dataclasses.replace(node, **changes)
    return node
