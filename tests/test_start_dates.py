"""Each draw on its own start date: the same numbers as the scenario started on that date.

A caseload runs clients who start on different days in one pass: ``resolve`` takes a
``start_date`` variation (each draw's start as an ordinal) and gives each draw its own calendar
(weekdays, plan years, calendar years) and the library's figures in force on its own dates. These
tests run every golden case and example on a spread of start dates at once and check each draw
against the scenario moved to that start date and run alone, bit for bit.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import numpy as np
import pytest

from calculator import example_names, load_example, scenario_from_dict
from calculator.compare import default_assumptions
from calculator.engine import run
from calculator.resolve import START_DATE, StructuralFigureVaries, resolve
from calculator.timeline import plan_year_segments, plan_year_segments_rows, segment_cumsum

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.toml"))


def _scenarios():
    for name in example_names():
        yield name, load_example(name)
    for path in GOLDEN:
        with path.open("rb") as f:
            yield path.stem, scenario_from_dict(tomllib.load(f)["scenario"])


def _starts(scenario, seed: int) -> list[dt.date]:
    """The scenario's own start, the days around January 1 and July 1, and random days over three years."""
    rng = np.random.default_rng(seed)
    fixed = [scenario.start_date, dt.date(2026, 12, 25), dt.date(2027, 6, 28), dt.date(2028, 2, 27)]
    spread = [dt.date(2025, 9, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 1100, size=6)]
    return fixed + spread


def _run_together(scenario, library, starts: list[dt.date]):
    """``(draws, outcomes)`` passes: every start in one pass, except where a structural figure
    (the tax law of the start year, say) differs between them; those run apart, as a caseload does."""
    ordinals = np.array([d.toordinal() for d in starts])
    pending = [np.arange(len(starts))]
    while pending:
        draws = pending.pop()
        try:
            yield draws, run(resolve(scenario, library, {START_DATE: ordinals[draws]}, draws.size))
        except StructuralFigureVaries as exc:
            assert np.unique(exc.values).size > 1
            pending += [draws[exc.values == v] for v in np.unique(exc.values)]


@pytest.mark.parametrize(("name", "scenario"), list(_scenarios()), ids=lambda x: x if isinstance(x, str) else "")
def test_each_draw_on_its_own_start_date_equals_the_scenario_started_that_day(name, scenario):
    library = default_assumptions()
    starts = _starts(scenario, seed=len(name))
    checked = 0
    for draws, together in _run_together(scenario, library, starts):
        checked += _check_alone(scenario, library, [starts[d] for d in draws], together)
    assert checked == len(starts)


def _check_alone(scenario, library, starts: list[dt.date], together) -> int:
    for i, start in enumerate(starts):
        alone = run(resolve(scenario.model_copy(update={"start_date": start}), library))
        for a, b in zip(together, alone, strict=True):
            for key, daily in b.daily.items():
                got = a.daily[key][i, : daily.shape[1]]
                assert np.array_equal(got, daily[0]), f"{a.name} {key} starting {start}"
                assert not a.daily[key][i, daily.shape[1] :].any(), f"{key} after the end, starting {start}"
            assert [(x.item, x.stage) for x in a.lines] == [(x.item, x.stage) for x in b.lines]
            for x, y in zip(a.lines, b.lines, strict=True):
                assert x.amount_usd[i] == y.amount_usd[0], f"{a.name} {x.item} starting {start}"
    return len(starts)


def test_plan_years_per_row_match_the_one_calendar_rule():
    rng = np.random.default_rng(7)
    for _ in range(100):
        n_days, month, day = int(rng.integers(7, 800)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
        starts = [dt.date(2026, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 900, size=4)]
        rows = plan_year_segments_rows(np.array([d.toordinal() for d in starts]), n_days, month, day)
        for i, start in enumerate(starts):
            assert np.array_equal(rows[i], plan_year_segments(start, n_days, month, day))


def test_running_totals_per_row_restart_exactly_as_with_one_calendar():
    rng = np.random.default_rng(3)
    for _ in range(50):
        n_days = int(rng.integers(7, 900))
        starts = np.array(
            [(dt.date(2026, 1, 1) + dt.timedelta(days=int(d))).toordinal() for d in rng.integers(0, 900, 5)]
        )
        seg = plan_year_segments_rows(starts, n_days, int(rng.integers(1, 13)), 1)
        x = rng.random((5, n_days)) * 1000
        together = segment_cumsum(x.copy(), seg)
        for i in range(5):
            assert np.array_equal(together[i], segment_cumsum(x[i : i + 1].copy(), seg[i])[0])


def test_a_drawn_library_figure_moves_each_draws_own_dates_alike():
    # Uncertainty draws vary a library figure; with a start date per draw, each draw's periods
    # move by the same share as they would for that start date alone. (The starts share a tax
    # year: starts in different years are run apart, see _run_together.)
    from calculator import keys as K

    library = default_assumptions()
    scenario = load_example("default")
    starts = [dt.date(2026, 12, 7), dt.date(2026, 12, 28), dt.date(2026, 9, 21)]
    drawn = {K.price("residential"): np.array([500.0, 650.0, 800.0]), K.HOTEL: np.array([90.0, 120.0, 150.0])}
    ordinals = np.array([d.toordinal() for d in starts])
    together = run(resolve(scenario, library, {START_DATE: ordinals, **drawn}, 3), detail=False)
    for i, start in enumerate(starts):
        one = {k: v[i : i + 1] for k, v in drawn.items()}
        alone = run(resolve(scenario.model_copy(update={"start_date": start}), library, one, 1), detail=False)
        for a, b in zip(together, alone, strict=True):
            assert a.total("family_total")[i] == b.total("family_total")[0]


def test_sums_over_days_do_not_depend_on_how_many_days_follow():
    # A client alone has a calendar of its own length; beside longer stays, zero days follow.
    # Its totals must be the same bit for bit, for any lengths, signed zeros included.
    from calculator.engine.lines import day_total, stage_sum

    rng = np.random.default_rng(5)
    for d in [1, 7, 8, 56, 63, 120, 127, 128, 129, 200, 365, 400, 731]:
        x = rng.standard_normal((6, d)) * 10.0 ** rng.uniform(-3, 6, (6, d))
        x[0] = -0.0
        mask = rng.random((6, d)) < 0.7
        for extra in (1, 7, 9, 64, 500):
            longer = np.concatenate([x, np.zeros((6, extra))], axis=1)
            longer_mask = np.concatenate([mask, rng.random((6, extra)) < 0.5], axis=1)
            assert day_total(longer).tobytes() == day_total(x).tobytes(), (d, extra)
            assert stage_sum(longer, longer_mask).tobytes() == stage_sum(x, mask).tobytes(), (d, extra)
        if d <= 128:
            # The order written out is numpy's own for up to 128 values (what compare used before).
            padded = np.concatenate([x, np.zeros((6, 128 - d))], axis=1)
            assert np.array_equal(day_total(x), padded.sum(axis=1)), d
        one = day_total(x[1:2])
        assert one[0] == day_total(x)[1]
