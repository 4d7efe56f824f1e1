"""Plain-language input errors: every problem at once, each naming the field and what is allowed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from . import paths, schema


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One bad input: where it is, what was given, and what is allowed."""

    field: str
    value: Any
    message: str

    def __str__(self) -> str:
        shown = _short(self.value)
        return f"{self.field}: {self.message}" + (f" (got {shown})" if shown is not None else "")


class ScenarioError(ValueError):
    """Raised with every problem found in a scenario."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = tuple(problems)
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the scenario:\n{body}")


def _short(value: Any) -> str | None:
    if value is _MISSING:
        return None
    try:
        text = repr(value)
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        text = "a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."


_MISSING = object()


def field_path(loc: tuple[Any, ...]) -> str:
    """``('options', 0, 'stages', 1, 'length_days')`` -> ``options[0].stages[1].length_days``."""
    parts = [
        part if isinstance(part, int) else str(part)
        for part in loc
        if isinstance(part, int) or not str(part).startswith(("function-", "literal[", "tagged-union"))
    ]
    return paths.join(*parts) or "scenario"


def _fmt(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return f"{int(x):,}"
    if isinstance(x, (int, float)):
        return f"{x:,}"
    return str(x)


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bounds = {k: ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx}
        return "out of range: " + _range_text(bounds)
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling; see the README for every field)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "finite_number":
        return "must be a finite number"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        return "must be a " + ("whole number" if kind.startswith("int") else "number")
    if kind in {"bool_type", "bool_parsing"}:
        return "must be true or false"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return "must be a date written YYYY-MM-DD"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    return error["msg"]


def _range_text(bounds: dict[str, Any]) -> str:
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    if low is not None and high is not None:
        return f"allowed {_fmt(low)} to {_fmt(high)}"
    if low is not None:
        return f"must be {'at least' if 'ge' in bounds else 'more than'} {_fmt(low)}"
    return f"must be {'at most' if 'le' in bounds else 'less than'} {_fmt(high)}"


def problems_from_validation(error: ValidationError) -> list[InputProblem]:
    """Turn pydantic's errors on a :class:`calculator.Scenario` into :class:`InputProblem` s.

    An out-of-range message gives the field's whole allowed range from :mod:`calculator.schema`
    (pydantic reports only the end that was crossed).
    """
    problems = []
    errors = error.errors()
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = tuple(err["loc"])
        # A list whose item failed is also reported as "too short"; the item's error says it all.
        if err["type"] == "too_short" and any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs):
            continue
        path = field_path(loc)
        message = _message(err)
        if message.startswith("out of range"):
            bounds = schema.bounds(path) or {k: v for k, v in (err.get("ctx") or {}).items()}
            message = "out of range: " + _range_text(bounds)
        value = err.get("input", _MISSING) if err["type"] != "missing" else _MISSING
        if isinstance(value, dict):
            value = _MISSING
        problems.append(InputProblem(path, value, message))
    return problems
