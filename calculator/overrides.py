"""A scenario's ``assumption_overrides``, checked at the boundary like every other field.

An override replaces one library figure's typical value for one scenario. It must name a figure
the library has, be a plain number (not true/false), and lie in a plausible range for that
figure (:func:`allowed_range`). Every problem is returned at once, each naming the field
``assumption_overrides.KEY``, the value and the allowed range with the figure's unit, so the
same plain-language list reaches the command line, an upload, a shared link and the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import keys as K
from . import paths
from .assumptions import AssumptionSet, Figure
from .errors import InputProblem

#: How far past the library's own range an override may go: up to this many times the highest
#: value the figure has ever had (and, for rates that must stay above zero, down to the lowest
#: divided by it). Wide enough for any real family's quote, narrow enough to stop a typo of
#: several zeros (and the 1e26 that once overflowed the money formatting).
PLAUSIBLE_MULTIPLE = 10.0

#: Units that cannot be zero: a speed or a schedule of zero hours has no meaning (and divides).
POSITIVE_UNITS = frozenset({"miles/hour", "hours/day", "hours/week", "days/week"})
#: Hard ceilings set by the calendar and the unit itself, whatever the library's high.
UNIT_CEILINGS = {"fraction": 1.0, "days/week": 7.0, "hours/day": 24.0, "hours/week": 168.0}
#: A stage's length, however it is given, is one calendar year at most (the scenario's own
#: ``length_days`` limit), so an override cannot make the calendar longer than a typed length.
MAX_STAGE_DAYS = 365


@dataclass(frozen=True, slots=True)
class OverrideRange:
    """The values an override of one figure may take, inclusive, in the figure's unit."""

    key: str
    unit: str
    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def text(self) -> str:
        unit = "(a fraction, not a percentage)" if self.unit == "fraction" else self.unit
        return f"allowed {_number(self.low)} to {_number(self.high)} {unit}"


def _length_ceiling(key: str) -> float | None:
    for level in K.LEVELS:
        if key == K.length(level):
            return float(MAX_STAGE_DAYS if level in K.RESIDENTIAL_LEVELS else MAX_STAGE_DAYS // 7)
    return None


def _round_bound(x: float) -> float:
    """Four significant figures, so a range reads ``0 to 1,605`` rather than ``0 to 1,605.4000000001``."""
    return float(f"{x:.4g}") if x else 0.0


def allowed_range(figure: Figure) -> OverrideRange:
    """The plausible range for an override of ``figure``.

    Notes
    -----
    From 0 (a cost the family does not pay, a share of nothing) up to
    :data:`PLAUSIBLE_MULTIPLE` times the highest ``high`` among the figure's dated values; for
    :data:`POSITIVE_UNITS` from the lowest ``low`` divided by the same multiple. Capped by the
    unit (:data:`UNIT_CEILINGS`: a fraction at 1, days a week at 7) and, for a typical stage
    length, by :data:`MAX_STAGE_DAYS`. A figure whose every value is 0 may be set up to 1 times
    the multiple.
    """
    top = max(max(v.high, v.typical) for v in figure.values)
    high = PLAUSIBLE_MULTIPLE * (top if top > 0 else 1.0)
    low = 0.0
    if figure.unit in POSITIVE_UNITS:
        low = min(v.low for v in figure.values) / PLAUSIBLE_MULTIPLE
    if figure.unit == "days/week":
        low = 1.0
    for ceiling in (UNIT_CEILINGS.get(figure.unit), _length_ceiling(figure.key)):
        if ceiling is not None:
            high = min(high, ceiling)
    return OverrideRange(figure.key, figure.unit, _round_bound(low), _round_bound(high))


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def field(key: str) -> str:
    """The field path of one override: ``assumption_overrides.hotel_usd_per_night``."""
    return paths.join("assumption_overrides", key)


def override_problems(
    overrides: Mapping[str, Any],
    library: AssumptionSet,
    *,
    skip: frozenset[str] = frozenset(),
) -> list[InputProblem]:
    """Every problem with ``overrides`` against ``library``, in the order given.

    Parameters
    ----------
    overrides : mapping
        Library key -> value, as written in the file (values that are not numbers are reported
        only when they are true/false, which a number field would otherwise read as 1 or 0).
    library : AssumptionSet
        The library the scenario will be computed with.
    skip : frozenset of str
        Field paths already reported (by the scenario's own validation).
    """
    problems = []
    for key, value in overrides.items():
        name = field(str(key))
        if name in skip:
            continue
        if key not in library:
            problems.append(InputProblem(name, value, "is not an assumption in the library (check the key's spelling)"))
            continue
        if isinstance(value, bool):
            problems.append(InputProblem(name, value, f"must be a number in {library[key].unit}, not true/false"))
            continue
        if not _is_number(value) or not math.isfinite(value):
            continue  # the scenario's own validation names it (not a number, not finite)
        allowed = allowed_range(library[key])
        if value not in allowed:
            problems.append(InputProblem(name, value, "out of range: " + allowed.text()))
    return problems


__all__ = ["PLAUSIBLE_MULTIPLE", "OverrideRange", "allowed_range", "field", "override_problems"]
