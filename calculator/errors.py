"""Plain-language input errors: every problem at once, each naming the field and what is allowed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


def _out_of_range(ctx: Mapping[str, Any]) -> str:
    return "out of range: " + _range_text({k: ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx})


#: What each pydantic error type means, in words: the text itself, or a function of the error's context.
_MESSAGES: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    **dict.fromkeys(("greater_than_equal", "less_than_equal", "greater_than", "less_than"), _out_of_range),
    "missing": "is required",
    "extra_forbidden": "is not a known field (check the spelling; see the README for every field)",
    "literal_error": lambda ctx: f"must be one of {ctx.get('expected', '')}",
    "finite_number": "must be a finite number",
    **dict.fromkeys(("float_parsing", "float_type"), "must be a number"),
    **dict.fromkeys(("int_parsing", "int_type", "int_from_float"), "must be a whole number"),
    **dict.fromkeys(("bool_type", "bool_parsing"), "must be true or false"),
    "too_short": lambda ctx: f"needs at least {ctx.get('min_length')} item(s)",
    "too_long": lambda ctx: f"allows at most {ctx.get('max_length')} item(s)",
    "string_too_short": "must not be empty",
    "string_too_long": lambda ctx: f"must be at most {ctx.get('max_length')} characters",
    **dict.fromkeys(("date_from_datetime_parsing", "date_parsing", "date_type"), "must be a date written YYYY-MM-DD"),
}


def _message(error: dict[str, Any]) -> str:
    """One pydantic error in plain words: from :data:`_MESSAGES`, else pydantic's own message."""
    ctx = error.get("ctx", {}) or {}
    if error["type"] == "value_error":
        # A validator's own words, without the prefix pydantic adds.
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    message = _MESSAGES.get(error["type"])
    if message is None:
        return error["msg"]
    return message if isinstance(message, str) else message(ctx)


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
