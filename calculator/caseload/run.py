"""Running a caseload: each group of clients in a few vectorized passes of the batch engine.

For each group (clients whose arithmetic has the same shape, :mod:`.clients`), one client is
validated by the scenario model and becomes the group's scenario; every other client's numbers
and start date reach the engine as draws (:func:`calculator.resolve.resolve`'s variations), so a
group of 5,000 clients costs one resolve and a few engine passes, not 5,000 comparisons.

A pass holds clients whose plans have copays alike; the engine's sums over days do not depend
on the calendar's length (:func:`calculator.engine.lines.day_total`), so each client's
arithmetic is exactly what :func:`calculator.compare` does for that client alone, whichever other
clients share its pass (tests/test_caseload.py checks it to the cent, and the Dask run against
this one row for row).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..assumptions import AssumptionSet
from ..batch import OptionRows, arrange_rows, take_draws
from ..engine import run
from ..errors import ScenarioError
from ..inputs import Inputs
from ..resolve import START_DATE, StructuralFigureVaries, resolve
from ..scenario import Scenario
from ..scenario_io import scenario_from_dict
from .clients import Clients, problems_at, scenario_data

#: Most draws x days in one engine pass (about 8 MB per daily array): big groups are cut into
#: passes of this size, so memory stays flat however long the caseload.
PASS_CELLS = 300_000

Progress = Callable[[int, int], None]


@dataclass
class Outcomes:
    """Every computed option's figures, as columns over the caseload's rows (``nan``: not computed).

    ``lines`` is keyed by ``(stage, component, item, occurrence, in_total)``; ``stage`` is
    ``None`` for a line of the whole pathway.
    """

    n_rows: int
    totals: dict[str, np.ndarray] = field(default_factory=dict)
    logistics: dict[str, np.ndarray] = field(default_factory=dict)
    lines: dict[tuple, np.ndarray] = field(default_factory=dict)
    passes: int = 0
    groups: int = 0

    def put(self, rows: np.ndarray, option: OptionRows) -> None:
        """Store one option's figures for the caseload rows ``rows`` (one per draw)."""
        for store, figures in ((self.totals, option.totals), (self.logistics, option.logistics)):
            for name, values in figures.items():
                store.setdefault(name, np.full(self.n_rows, np.nan))[rows] = values
        for line in option.lines:
            key = (line.stage, line.component, line.item, line.occurrence, line.in_total)
            self.lines.setdefault(key, np.full(self.n_rows, np.nan))[rows] = line.amount_usd

    @property
    def computed(self) -> np.ndarray:
        family = self.totals.get("family_total")
        return np.zeros(self.n_rows, dtype=bool) if family is None else ~np.isnan(family)


def run_clients(
    clients: Clients,
    library: AssumptionSet,
    progress: Progress | None = None,
    pass_cells: int = PASS_CELLS,
    jobs: int = 1,
) -> Outcomes:
    """Run every valid client; clients the model refuses get their problems recorded instead.

    ``progress(done, total)`` is called as clients are done. ``jobs`` above 1 shares the work
    among that many processes forked from this one (where the system can fork); each client's
    figures are the same either way.
    """
    out = Outcomes(len(clients.cells.rows))
    units = _units(clients, out, jobs)
    total, done = int(clients.ok.sum()), 0
    for passes in _unit_results(clients, library, units, pass_cells, jobs):
        for chunk, options in passes:
            _record(out, clients, chunk, options)
            done += chunk.size
            if progress is not None:
                progress(done, total)
    return out


def _units(clients: Clients, out: Outcomes, jobs: int) -> list[tuple[Scenario, np.ndarray]]:
    """``(scenario, clients)`` to run: each group, cut into pieces when several processes share it."""
    units = []
    groups = [np.flatnonzero(clients.group == g) for g in np.unique(clients.group[clients.group >= 0])]
    piece = max(1, -(-int(clients.ok.sum()) // (2 * jobs))) if jobs > 1 else None
    for members in groups:
        scenario, members = _group_scenario(clients, members)
        out.groups += 1
        if scenario is None:
            continue
        step = piece or members.size
        units += [(scenario, members[i : i + step]) for i in range(0, members.size, step)]
    return units


#: What forked workers read: set in the parent just before the pool forks (never sent).
_SHARED: dict = {}


def _unit_results(clients: Clients, library: AssumptionSet, units: list, pass_cells: int, jobs: int):
    """Each unit's passes, ``[(clients, options), ...]``, here or in forked processes."""
    import multiprocessing

    if jobs <= 1 or len(units) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for scenario, members in units:
            yield _run_unit(clients, library, scenario, members, pass_cells)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _SHARED.update(clients=clients, library=library, units=units, pass_cells=pass_cells)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = [pool.submit(_run_shared_unit, i) for i in range(len(units))]
            for future in as_completed(futures):
                yield future.result()
    finally:
        _SHARED.clear()


def _run_shared_unit(i: int) -> list:
    scenario, members = _SHARED["units"][i]
    return _run_unit(_SHARED["clients"], _SHARED["library"], scenario, members, _SHARED["pass_cells"])


def _run_unit(clients: Clients, library: AssumptionSet, scenario: Scenario, members: np.ndarray, pass_cells: int):
    passes = []
    for part, inputs in _resolved(clients, scenario, members, library):
        for chunk, draws in _passes(inputs, part, pass_cells):
            passes.append((chunk, arrange_rows(run(take_draws(inputs, draws), detail=True))))
    return passes


def _group_scenario(clients: Clients, members: np.ndarray) -> tuple[Scenario | None, np.ndarray]:
    """The group's scenario (its first client, validated by the model), and the clients it covers.

    Should the model refuse it for a reason the row checks do not know, every client of the
    group is validated alone: those refused get the model's problems, the rest run together.
    """
    try:
        return scenario_from_dict(scenario_data(clients, int(members[0]))), members
    except ScenarioError:
        pass
    valid = []
    for c in members:
        try:
            scenario_from_dict(scenario_data(clients, int(c)))
            valid.append(int(c))
        except ScenarioError as exc:
            clients.ok[c] = False
            for row, problems in problems_at(clients, int(c), list(exc.problems)).items():
                clients.cells.problems.setdefault(row, []).extend(problems)
    if not valid:
        return None, np.array([], dtype=int)
    return scenario_from_dict(scenario_data(clients, valid[0])), np.array(valid)


def _variations(clients: Clients, scenario: Scenario, members: np.ndarray) -> tuple[Scenario, dict[str, np.ndarray]]:
    """Each member's numbers by field path, and its start date (when they differ)."""
    cells = clients.cells
    first = clients.run_rows[members, 0]
    out: dict[str, np.ndarray] = {}
    for name, col in cells.columns.items():
        if not col.varies:
            continue
        if col.level == "client":
            if cells.filled[name][first[0]]:
                out[col.path()] = cells.values[name][first]
            continue
        for o in range(len(scenario.options)):
            rows = clients.run_rows[members, o]
            # Clients of one group fill the same cells, so the first client's row speaks for all.
            if cells.filled[name][rows[0]]:
                out[col.path(o)] = cells.values[name][rows]
    starts = cells.values["start_date"][first].astype(np.int64)
    if (starts == starts[0]).all():
        scenario = scenario.model_copy(update={"start_date": dt.date.fromordinal(int(starts[0]))})
    else:
        out[START_DATE] = starts
    return scenario, out


def _resolved(clients: Clients, scenario: Scenario, members: np.ndarray, library: AssumptionSet):
    """``(members, inputs)`` for the group; split where a shaping figure differs by start date."""
    scenario, variations = _variations(clients, scenario, members)
    try:
        yield members, resolve(scenario, library, variations, members.size)
    except StructuralFigureVaries as exc:
        for value in np.unique(exc.values):
            yield from _resolved(clients, scenario, members[exc.values == value], library)


def _passes(inputs: Inputs, members: np.ndarray, pass_cells: int):
    """``(clients, draws)`` per engine pass, at most ``pass_cells`` draws x days each.

    A pass holds draws alike in what decides the order of the engine's additions: whether the
    plan has copays (the engine takes another, equally valid path for plans with none). The
    sums over days do not depend on the calendar's length, so each client's figures are those it
    gets alone, bit for bit. Draws are sorted by length so a pass's calendar is no longer than
    it needs to be.
    """
    plan = inputs.plan
    days = np.column_stack([_days(option) for option in inputs.options])
    keys = ((plan.copay_per_day_usd > 0) | (plan.copay_per_admission_usd > 0)).astype(np.int64)
    longest = days.max(axis=1)
    for k in np.unique(keys):
        draws = np.flatnonzero(keys == k)
        draws = draws[np.argsort(longest[draws], kind="stable")]
        start = 0
        while start < draws.size:
            # Days only grow along ``draws``: size the pass by the longest it could reach.
            reach = max(1, pass_cells // int(longest[draws[start]]))
            size = max(1, pass_cells // int(longest[draws[min(start + reach, draws.size) - 1]]))
            yield members[draws[start : start + size]], draws[start : start + size]
            start += size


def _days(option) -> np.ndarray:
    """Days in each draw's calendar for this option (whole weeks, as the engine sizes it)."""
    total = sum(s.length_days for s in option.stages)
    return np.maximum(7, np.ceil(total / 7.0) * 7).astype(np.int64)


def _record(out: Outcomes, clients: Clients, chunk: np.ndarray, options: tuple[OptionRows, ...]) -> None:
    out.passes += 1
    for o, option in enumerate(options):
        out.put(clients.run_rows[chunk, o], option)
