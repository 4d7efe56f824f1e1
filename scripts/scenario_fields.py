"""Print the scenario format as a Markdown table (every field, type/unit, allowed range, default).

The README's "Scenario format" section is this script's output; tests/test_readme.py fails if
a field is missing there.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from calculator.scenario import Scenario


def _bounds(info) -> str:
    found = {}
    metas = list(info.metadata)
    stack = [info.annotation]
    while stack:
        ann = stack.pop()
        metas += list(getattr(ann, "__metadata__", ()))
        stack += list(typing.get_args(ann))
    for meta in metas:
        for inner in [meta, *(getattr(meta, "metadata", None) or [])]:
            for name in ("ge", "gt", "le", "lt"):
                value = getattr(inner, name, None)
                if value is not None:
                    found[name] = value
    low = found.get("ge", found.get("gt"))
    high = found.get("le", found.get("lt"))
    if low is None and high is None:
        return ""
    fmt = lambda x: f"{x:,}" if isinstance(x, int) else f"{x:g}"  # noqa: E731
    return f"{fmt(low) if low is not None else ''} – {fmt(high) if high is not None else ''}"


def _type(ann: Any) -> str:
    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if origin is typing.Literal:
        return " / ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        parts = [_type(a) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin is tuple:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return "table of key = number"
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return f"table ({ann.__name__})"
    return getattr(ann, "__name__", str(ann))


def _inner_model(ann: Any):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for a in typing.get_args(ann):
        found = _inner_model(a)
        if found:
            return found
    return None


# What leaving a field empty means, where it is not simply "the library's typical value".
NONE_MEANS = {
    "household.state": "none (no state program)",
    "household.short_term_disability": "none",
    "household.pay_usd_per_hour": "library: BLS median",
    "household.salary_usd_per_year": "required when pay_basis is salary",
    "insurance.copay_per_day_usd": "none",
    "insurance.copay_per_admission_usd": "library (employer); none otherwise",
    "insurance.deductible_usd": "library preset for the plan type",
    "insurance.coinsurance_fraction": "library preset for the plan type",
    "insurance.oop_max_usd": "library preset for the plan type (Medicaid, Medicare, uninsured: none)",
    "options[].stages[].authorized_days": "all days authorized",
    "options[].stages[].cash_price_usd_per_day": "the stage's price",
    "options[].stages[].one_way_travel_minutes": "distance / library drive speed (flight: library)",
    "options[].stages[].admission_fee_usd": "library (residential); none otherwise",
    "options[].stages[].price_usd": "library price for the level (Medicare IOP/PHP: Medicare per diem)",
    "options[].stages[].days_per_week": "library for the level (residential levels: 7)",
    "options[].stages[].hours_per_day": "library for the level (residential levels: 24)",
    "options[].stages[].visits_per_week": "library (residential levels); none otherwise",
    "options[].stages[].no_visit_days": "library (residential levels)",
    "options[].stages[].family_program_days": "library (residential levels); none otherwise",
}


def rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str, str, str]]:
    out = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        default = (
            "library default"
            if info.default is None and not info.is_required()
            else (
                "required"
                if info.is_required()
                else repr(info.default)
                if not isinstance(info.default, BaseModel)
                else "see below"
            )
        )
        if info.default_factory is not None:
            default = "empty"
        default = NONE_MEANS.get(path, default)
        out.append((path, _type(info.annotation), _bounds(info), default, (info.description or "").replace("|", "/")))
        inner = _inner_model(info.annotation)
        if inner is not None:
            sep = (
                "[]."
                if typing.get_origin(info.annotation) is tuple
                or tuple in [typing.get_origin(a) for a in typing.get_args(info.annotation)]
                else "."
            )
            out += rows(inner, f"{path}{sep}")
    return out


def main() -> None:
    print("| Field | Type / unit | Allowed | Default | Meaning |")
    print("|---|---|---|---|---|")
    for path, kind, bounds, default, text in rows(Scenario):
        print(f"| `{path}` | {kind} | {bounds} | {default} | {text} |")


if __name__ == "__main__":
    main()
