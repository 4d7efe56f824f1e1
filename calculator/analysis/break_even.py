"""Where the answer flips: the value of one input at which the first two options cost the same.

The inputs tested are a table (:data:`INPUTS`); each row names the input, the stage it belongs
to, its field and the unit it is shown in. A few small functions turn a row into a range to
scan for this scenario (:func:`prepare`), and every curve is evaluated in one engine call.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import keys as K
from .. import paths as P
from ..assumptions import AssumptionSet
from ..inputs import Inputs
from ..resolve import resolve
from ..scenario import Scenario, Stage
from .sampling import calendar_days, effective, evaluate, first_two, work_per_draw

#: Points on each break-even curve.
GRID_POINTS = 41
#: Ranges scanned around the current value: from this share of it to this multiple.
LOW_SHARE, HIGH_MULTIPLE = 0.25, 3.0
MAX_STAGE_DAYS = 365
#: Refining a crossing: interior points per bracket per round, and rounds at most.
REFINE_POINTS, REFINE_ROUNDS = 15, 8
#: The most option-days (points x two options x calendar days, weighted by
#: :func:`~calculator.analysis.sampling.work_per_draw`) all curves and their refining may
#: evaluate: the full grid for any usual scenario, a coarser one for pathways of many months.
BREAK_EVEN_OPTION_DAYS = 400_000
#: Fewest grid points per curve, and the share of the budget the grid may take before refining.
MIN_GRID_POINTS, GRID_SHARE = 9, 0.5


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input the break-even analysis moves.

    ``stage`` is ``"residential"`` or ``"outpatient"`` for a stage's field (the first such stage
    in the first two options), ``None`` for a household, plan or library input. Shown values are
    ``offset + scale * model value`` in ``unit``.
    """

    code: str
    stage: str | None
    field: str
    unit: str
    integer: bool = False
    scale: float = 1.0


INPUTS: tuple[InputRow, ...] = (
    InputRow("length", "residential", "length_days", "days", integer=True),
    InputRow("price", "residential", "price_usd", "USD/day"),
    InputRow("length", "outpatient", "length_days", "weeks", integer=True, scale=1.0 / 7.0),
    InputRow("price", "outpatient", "price_usd", "USD/program day"),
    InputRow("salary", None, P.household("salary_usd_per_year"), "USD/year"),
    InputRow("pay", None, P.household("pay_usd_per_hour"), "USD/hour"),
    InputRow("deductible_left", None, P.insurance("deductible_met_usd"), "USD", scale=-1.0),
    InputRow("childcare_rate", None, K.SITTER, "USD/hour"),
    InputRow("distance", "residential", "distance_miles", "miles"),
    InputRow("distance", "outpatient", "distance_miles", "miles"),
)


@dataclass(frozen=True)
class BreakEven:
    """Where the first two options cost the family the same as one input changes.

    Attributes
    ----------
    code : str
        Which input (``"length"``, ``"price"``, ``"pay"``, ``"salary"``, ``"deductible_left"``,
        ``"childcare_rate"``, ``"distance"``).
    level : str or None
        The level of care of the stage the input belongs to.
    path : str
        The scenario field path (or library key) varied.
    unit : str
        Unit of the values shown (``"days"``, ``"weeks"``, ``"USD/day"`` ...).
    current : float
        The input's value in this scenario [unit].
    crossing : float or None
        The break-even value nearest the current value [unit]; ``None`` when the difference
        keeps its sign over the range. For whole-day inputs it is the last whole value on
        the current side before the cheaper option changes.
    crossings : tuple of float
        Every crossing found in the range [unit].
    bracket : tuple of float, optional
        ``(value on the current side, value on the other side)`` around ``crossing`` [unit].
    values, differences_usd : ndarray
        The curve: input values [unit] and difference, second option minus first [USD].
    current_difference_usd : float
    integer : bool
        The model rounds this input to whole days.
    option_names : tuple of str
    """

    code: str
    level: str | None
    path: str
    unit: str
    current: float
    crossing: float | None
    crossings: tuple[float, ...]
    bracket: tuple[float, float] | None
    values: np.ndarray
    differences_usd: np.ndarray
    current_difference_usd: float
    integer: bool
    option_names: tuple[str, str] = ("", "")

    def table(self) -> pd.DataFrame:
        return pd.DataFrame({"value": self.values, "difference_usd": self.differences_usd})


@dataclass(frozen=True)
class _Input:
    """A row prepared for this scenario: its range in model units and how to vary it."""

    row: InputRow
    level: str | None
    path: str
    current_x: float
    lo_x: float
    hi_x: float
    vary: Callable[[np.ndarray], dict[str, np.ndarray]]
    offset: float = 0.0

    def show(self, x: np.ndarray | float) -> np.ndarray | float:
        return self.offset + self.row.scale * x


# ---- which inputs this scenario has --------------------------------------------------------


def _find_stage(
    scenario: Scenario, want: Callable[[Stage], bool], prefer_not: int | None = None
) -> tuple[int, int] | None:
    hits = [(i, j) for i, option in enumerate(scenario.options[:2]) for j, s in enumerate(option.stages) if want(s)]
    if prefer_not is not None:
        hits.sort(key=lambda ij: ij[0] == prefer_not)
    return hits[0] if hits else None


def _stages(scenario: Scenario) -> dict[str, tuple[int, int] | None]:
    """The residential stage and the outpatient stage the stage inputs move (in different options
    where possible)."""
    res = _find_stage(scenario, lambda s: s.level == "residential") or _find_stage(scenario, lambda s: s.is_residential)
    other = res[0] if res else None
    out = _find_stage(scenario, lambda s: s.level == "iop", other) or _find_stage(
        scenario, lambda s: not s.is_residential, other
    )
    return {"residential": res, "outpatient": out}


def _widen(cur: float) -> tuple[float, float]:
    return cur * LOW_SHARE, cur * HIGH_MULTIPLE


def _vary_path(path: str) -> Callable[[np.ndarray], dict[str, np.ndarray]]:
    return lambda x: {path: x}


def _stage_input(row: InputRow, scenario: Scenario, inputs: Inputs, library: AssumptionSet, ij) -> _Input | None:
    i, j = ij
    st, rs = scenario.options[i].stages[j], inputs.options[i].stages[j]
    path = P.stage(i, j, row.field)
    if row.code == "length":
        days = float(rs.length_days[0])
        lo, hi = max(1.0, math.floor(days * LOW_SHARE)), min(float(MAX_STAGE_DAYS), math.ceil(days * HIGH_MULTIPLE))
        return _Input(row, st.level, path, days, lo, hi, _vary_path(path))
    if row.code == "price":
        if st.price_usd is not None and st.price_basis not in {"per_day", "per_session"}:
            return None
        price = float(rs.price_per_program_day_usd.first[0])
        key = K.medicare_per_diem(st.level) if rs.price_from == "medicare_per_diem" else K.price(st.level)
        lo, hi = _widen(price) if price > 0 else (0.0, HIGH_MULTIPLE * library[key].in_force(scenario.start_date).high)
        return _Input(row, st.level, path, price, lo, hi, _vary_path(path))
    miles = float(rs.distance_miles[0])
    lo, hi = (
        _widen(miles) if miles > 0 else (0.0, library[K.distance(st.is_residential)].in_force(scenario.start_date).high)
    )
    return _Input(row, st.level, path, miles, lo, hi, _vary_path(path))


def _household_input(row: InputRow, scenario: Scenario, inputs: Inputs, library: AssumptionSet) -> _Input | None:
    h, ins = scenario.household, scenario.insurance
    if row.code in {"pay", "salary"}:
        salaried = h.pay_basis == "salary" and h.salary_usd_per_year is not None
        if h.work_schedule == "not_working" or salaried != (row.code == "salary"):
            return None
        cur = float(h.salary_usd_per_year) if salaried else float(inputs.household.pay_usd_per_hour[0])
        return _Input(row, None, row.field, cur, *_widen(cur), _vary_path(row.field))
    if row.code == "deductible_left":
        if ins.plan_type not in K.COMMERCIAL_PLANS:
            return None
        ded = inputs.plan.deductible_usd
        ded = float((ded.first if hasattr(ded, "first") else ded)[0])
        if ded <= 0:
            return None
        return _Input(row, None, row.field, float(ins.deductible_met_usd), 0.0, ded, _vary_path(row.field), offset=ded)
    return _childcare_input(row, scenario, inputs, library)


def _childcare_input(row: InputRow, scenario: Scenario, inputs: Inputs, library: AssumptionSet) -> _Input | None:
    """The sitter's rate, with every child-care price the scenario uses moving in proportion."""
    if K.SITTER not in inputs.figures_used:
        return None
    eff = effective(scenario, library)
    prices = [k for k in inputs.figures_used if k in K.CHILDCARE_PRICES]
    base = {k: eff.value(k, scenario.start_date) for k in prices}
    rate = base[K.SITTER]
    if rate <= 0:
        return None
    return _Input(row, None, K.SITTER, rate, *_widen(rate), lambda x: {k: v * x / rate for k, v in base.items()})


def prepare(scenario: Scenario, library: AssumptionSet) -> list[_Input]:
    """The rows of :data:`INPUTS` this scenario has, each with its range in model units."""
    inputs = resolve(scenario, library)
    stages = _stages(scenario)
    out = []
    for row in INPUTS:
        if row.stage is None:
            prepared = _household_input(row, scenario, inputs, library)
        else:
            ij = stages[row.stage]
            prepared = _stage_input(row, scenario, inputs, library, ij) if ij else None
        if prepared is not None:
            out.append(prepared)
    return out


# ---- evaluating the curves ----------------------------------------------------------------


@dataclass
class _Curves:
    """Evaluates the first two options' difference along the inputs' curves, within a budget.

    ``days`` is the calendar of the longest row (a length moved to the top of its range makes
    the calendar longer); ``rows_left`` counts the points the budget still allows.
    """

    scenario: Scenario
    library: AssumptionSet
    inputs: list[_Input]
    metric: str
    days: int
    rows_left: int

    @classmethod
    def start(cls, scenario: Scenario, library: AssumptionSet, metric: str, budget: int) -> _Curves:
        pair = first_two(scenario)
        inputs = prepare(pair, library)
        longer = max((inp.hi_x - inp.current_x for inp in inputs if inp.row.code == "length"), default=0.0)
        days = -(-(calendar_days(pair, library) + math.ceil(max(longer, 0.0))) // 7) * 7
        return cls(pair, library, inputs, metric, days, int(budget // work_per_draw(pair, library, days)))

    def differences(self, xs: list[np.ndarray]) -> list[np.ndarray]:
        """Differences [USD] at ``xs[i]`` for input ``i``, all inputs in one chunked run."""
        sizes = [len(x) for x in xs]
        n = sum(sizes)
        if n == 0:
            return [np.zeros(0) for _ in xs]
        self.rows_left -= n
        # Every input's key at its current value, then each block of rows moves one input.
        variations: dict[str, np.ndarray] = {}
        for inp in self.inputs:
            for key, value in inp.vary(np.array([inp.current_x])).items():
                variations.setdefault(key, np.full(n, float(value[0])))
        start = 0
        for inp, x in zip(self.inputs, xs, strict=True):
            if len(x):
                for key, value in inp.vary(np.asarray(x, dtype=float)).items():
                    variations[key][start : start + len(x)] = value
            start += len(x)
        totals = evaluate(self.scenario, variations, n, self.library, (self.metric,), self.days)[self.metric]
        diff = totals[:, 1] - totals[:, 0]
        return list(np.split(diff, np.cumsum(sizes)[:-1]))


def _inner_points(inp: _Input, bracket: list[float], points: int) -> np.ndarray:
    """Points inside an open ``[x_a, x_b, d_a, d_b]`` bracket; empty once it is small enough.

    Continuous inputs stop at 0.0001 of the range or a cent of difference, whole-day inputs at
    adjacent days.
    """
    xa, xb, da, db = bracket
    if inp.row.integer:
        if abs(xb - xa) <= 1:
            return np.zeros(0)
        inner = np.unique(np.rint(np.linspace(xa, xb, points + 2)[1:-1]))
        return inner[(inner != xa) & (inner != xb)]
    if abs(xb - xa) <= 1e-4 * (inp.hi_x - inp.lo_x) or min(abs(da), abs(db)) < 0.005:
        return np.zeros(0)
    return np.linspace(xa, xb, points + 2)[1:-1]


def _refine(curves: _Curves, brackets: list[list[list[float]]]):
    """Shrink each bracket (a sign change) with up to :data:`REFINE_POINTS` interior points per
    round, batched, for at most :data:`REFINE_ROUNDS` rounds and within the budget (fewer points
    per bracket, down to one, when it runs short)."""
    inputs = curves.inputs
    for _ in range(REFINE_ROUNDS):
        open_brackets = sum(len(bs) for bs in brackets)
        points = min(REFINE_POINTS, curves.rows_left // max(1, open_brackets))
        if points < 1:
            break
        xs, owners = [], []
        for inp, bs in zip(inputs, brackets, strict=True):
            pts = [(b_i, x) for b_i, b in enumerate(bs) for x in _inner_points(inp, b, points)]
            xs.append(np.array([x for _, x in pts]))
            owners.append([b_i for b_i, _ in pts])
        if not any(len(x) for x in xs):
            break
        diffs = curves.differences(xs)
        for bs, x, d, own in zip(brackets, xs, diffs, owners, strict=True):
            for b_i in set(own):
                xa, xb, da, db = bs[b_i]
                sel = [k for k, o in enumerate(own) if o == b_i]
                px = np.concatenate([[xa], x[sel], [xb]])
                pd_ = np.concatenate([[da], d[sel], [db]])
                side = pd_ > 0
                flip = int(np.argmax(side[1:] != side[:-1]))
                bs[b_i] = [px[flip], px[flip + 1], pd_[flip], pd_[flip + 1]]
    return brackets


def _crossing(inp: _Input, bracket: list[float], current_side: bool) -> tuple[float, float, float]:
    """The crossing in a final bracket and the bracket's ends ordered (current side, other side).

    Linear interpolation inside the bracket. Whole days: the last whole value on the current
    side (the bracket's end there, once refining has closed it to adjacent days; when the
    budget stopped refining earlier, the interpolated value rounded toward the current side).
    """
    xa, xb, da, db = bracket
    here, there = (xa, xb) if (da > 0) == current_side else (xb, xa)
    cx = xa if da == db else xa + (xb - xa) * (0.0 - da) / (db - da)
    if inp.row.integer:
        if abs(there - here) <= 1:
            return here, here, there
        whole = math.floor(cx) if here < there else math.ceil(cx)
        return float(min(max(whole, min(here, there)), max(here, there))), here, there
    return cx, here, there


def break_even(
    scenario: Scenario,
    library: AssumptionSet,
    metric: str = "family_total",
    grid_points: int = GRID_POINTS,
    budget: int = BREAK_EVEN_OPTION_DAYS,
) -> list[BreakEven]:
    """Where the first two options cost the family the same, input by input.

    Notes
    -----
    Each input is varied by scenario field path (the sitter's rate by library key), so it moves
    whether the user entered it or left it to the library; the others stay at their current
    values. Ranges run from 0.25× to 3× the current value (lengths capped at 365 days; the
    deductible left from 0 to the whole deductible; a price or distance of zero up to 3× the
    library's high price, or the library's high distance). All curves are evaluated in one
    chunked run of the first two options, every sign change is refined with a few more
    batched runs, and the crossing is interpolated linearly inside the final bracket (whole
    days for lengths).

    The work is bounded by ``budget`` option-days: the grid has ``grid_points`` points per curve
    unless :data:`GRID_SHARE` of the budget cannot pay for them (then fewer: as many as that
    share pays for, or :data:`MIN_GRID_POINTS` if the whole budget pays for those), and
    refining uses what is left.
    """
    curves = _Curves.start(scenario, library, metric, budget)
    inputs = curves.inputs
    # One more point per curve is its current value.
    share = int(curves.rows_left * GRID_SHARE) // max(1, len(inputs)) - 1
    whole = curves.rows_left // max(1, len(inputs)) - 1
    grid_points = max(2, min(grid_points, max(share, min(MIN_GRID_POINTS, whole))))
    xs = []
    for inp in inputs:
        g = np.linspace(inp.lo_x, inp.hi_x, grid_points)
        g = np.unique(np.rint(g)) if inp.row.integer else g
        xs.append(np.unique(np.append(g, inp.current_x)))
    diffs = curves.differences(xs)
    brackets = []
    for x, d in zip(xs, diffs, strict=True):
        side = d > 0
        brackets.append([[x[k], x[k + 1], d[k], d[k + 1]] for k in np.nonzero(side[1:] != side[:-1])[0]])
    brackets = _refine(curves, brackets)
    names = (scenario.options[0].name, scenario.options[1].name)
    return [_result(inp, x, d, bs, names) for inp, x, d, bs in zip(inputs, xs, diffs, brackets, strict=True)]


def _result(inp: _Input, x: np.ndarray, d: np.ndarray, brackets, names: tuple[str, str]) -> BreakEven:
    cur_d = float(d[np.searchsorted(x, inp.current_x)])
    found = sorted(
        (
            (abs(c - inp.current_x), c, here, there)
            for c, here, there in (_crossing(inp, b, cur_d > 0) for b in brackets)
        ),
        key=lambda t: t[0],
    )
    shown = inp.show(x)
    order = np.argsort(shown)
    return BreakEven(
        code=inp.row.code,
        level=inp.level,
        path=inp.path,
        unit=inp.row.unit,
        current=float(inp.show(inp.current_x)),
        crossing=float(inp.show(found[0][1])) if found else None,
        crossings=tuple(sorted(float(inp.show(c)) for _, c, _, _ in found)),
        bracket=(float(inp.show(found[0][2])), float(inp.show(found[0][3]))) if found else None,
        values=np.asarray(shown)[order],
        differences_usd=d[order],
        current_difference_usd=cur_d,
        integer=inp.row.integer,
        option_names=names,
    )


__all__ = ["BREAK_EVEN_OPTION_DAYS", "INPUTS", "BreakEven", "InputRow", "break_even", "prepare"]
