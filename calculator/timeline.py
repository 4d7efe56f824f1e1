"""The day grid every cost is computed on, and the array helpers the model shares.

Every quantity is an array of shape ``(N, D)``: N draws (one per scenario variation; N = 1 for
a plain comparison) by D calendar days from the start date. Days are 0-based; day ``d`` is
``start_date + d``. Weeks are 7-day blocks from the start date (week 1 = days 0-6).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

#: Which weekdays (Mon = 0 ... Sun = 6) a schedule of k days a week uses, k = 0..7.
#: Spread through the week the way programs and jobs usually are (3 days: Mon, Wed, Fri).
WEEK_PATTERNS = np.array(
    [
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 1, 0, 0, 0],
        [1, 0, 1, 0, 1, 0, 0],
        [1, 1, 0, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1, 1, 1],
    ],
    dtype=bool,
)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekdays(start_date: dt.date, n_days: int) -> np.ndarray:
    """Weekday (Mon = 0) of each day, shape ``(D,)``."""
    return (start_date.weekday() + np.arange(n_days)) % 7


def schedule_mask(days_per_week: np.ndarray, weekday: np.ndarray) -> np.ndarray:
    """``(N, D)`` True on the weekdays a k-days-a-week schedule uses.

    ``weekday`` is ``(D,)``, or ``(N, D)`` when each draw has its own start date.
    """
    k = np.clip(np.rint(days_per_week).astype(int), 0, 7)
    if weekday.ndim == 2:
        return WEEK_PATTERNS[k[:, None], weekday]
    if k.size and (k == k[0]).all():
        # The same schedule in every draw: one row, broadcast (most scenarios).
        return np.broadcast_to(WEEK_PATTERNS[k[0], weekday][None, :], (k.size, weekday.size))
    return WEEK_PATTERNS[k[:, None], weekday[None, :]]


def plan_year_segments(start_date: dt.date, n_days: int, month: int, day: int) -> np.ndarray:
    """Plan-year number of each day, shape ``(D,)``: 0 until the first renewal date, then 1, ...

    A renewal on the start date itself does not open a new plan year: the scenario's amounts
    already met describe the plan year the first day falls in.
    """
    renews = np.zeros(n_days, dtype=int)
    for d in range(1, n_days):
        date = start_date + dt.timedelta(days=d)
        if date.month == month and date.day == day:
            renews[d] = 1
    return np.cumsum(renews)


def segment_cumsum(x: np.ndarray, seg: np.ndarray) -> np.ndarray:
    """Running total along days that restarts at each new plan year (``seg`` change).

    ``seg`` is ``(D,)``, or ``(N, D)`` when each draw has its own calendar.
    """
    out = np.cumsum(x, axis=1)
    if seg.ndim == 2:
        return _segment_restart_rows(out, seg)
    starts = np.flatnonzero(np.diff(seg)) + 1
    for s in starts:
        out[:, s:] -= out[:, s - 1 : s]
    return out


def _segment_restart_rows(out: np.ndarray, seg: np.ndarray) -> np.ndarray:
    """:func:`segment_cumsum`'s restarts with a calendar per row, in the same order of operations.

    The k-th restart of every row is taken at once; subtracting the running total one restart at
    a time, as the one-calendar loop does, keeps the results identical to the last bit.
    """
    n_days = seg.shape[1]
    first = np.nonzero(np.diff(seg, axis=1))
    if first[0].size == 0:
        return out
    rows = np.arange(seg.shape[0])
    day = np.arange(n_days)[None, :]
    # restart[k, r]: the day row r starts its (k+1)-th new segment (n_days: it never does).
    counts = np.bincount(first[0], minlength=seg.shape[0])
    restart = np.full((counts.max(), seg.shape[0]), n_days)
    order = np.arange(first[0].size) - (np.cumsum(counts) - counts)[first[0]]
    restart[order, first[0]] = first[1] + 1
    for s in restart:
        before = out[rows, np.clip(s - 1, 0, n_days - 1)]
        out -= np.where(day >= s[:, None], before[:, None], 0.0)
    return out


def plan_year_segments_rows(start_ordinals: np.ndarray, n_days: int, month: int, day: int) -> np.ndarray:
    """:func:`plan_year_segments` for many start dates at once, shape ``(N, D)``.

    ``start_ordinals`` are the start dates as ``datetime.date.toordinal()`` numbers.
    """
    starts = np.asarray(start_ordinals, dtype=np.int64)
    unique, inverse = np.unique(starts, return_inverse=True)
    years = range(
        dt.date.fromordinal(int(unique.min())).year, dt.date.fromordinal(int(unique.max())).year + 2 + n_days // 365
    )
    renewals = np.array([dt.date(y, month, day).toordinal() for y in years])
    offsets = renewals[None, :] - unique[:, None]
    offsets = np.where(offsets >= 1, offsets, n_days)  # a renewal on or before the start opens nothing
    segments = (np.arange(n_days)[None, None, :] >= offsets[:, :, None]).sum(axis=1)
    return segments[inverse.reshape(-1)]


def take_within(cumulative: np.ndarray, step: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """The part of today's ``step`` that falls under a running ``limit``.

    With ``cumulative`` the running total including today, the amount counted today is
    ``min(cumulative, limit) - min(cumulative - step, limit)``: everything until the limit is
    reached, nothing after. Summed over days this equals ``min(total, limit)`` exactly.
    """
    return np.minimum(cumulative, limit) - np.minimum(cumulative - step, limit)


def week_sums(x: np.ndarray) -> np.ndarray:
    """Sum ``(N, D)`` by 7-day week into ``(N, W)``; D must be a multiple of 7."""
    n, d = x.shape
    return x.reshape(n, d // 7, 7).sum(axis=2)


def first_true(mask: np.ndarray) -> np.ndarray:
    """Index of the first True day in each row, or D when there is none; shape ``(N,)``."""
    any_true = mask.any(axis=1)
    return np.where(any_true, mask.argmax(axis=1), mask.shape[1])
