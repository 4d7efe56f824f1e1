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
import functools
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .assumptions import AssumptionSet
from .compare import default_assumptions
from .engine import TOTALS, run, totals
from .inputs import Inputs
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
