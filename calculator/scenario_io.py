"""Scenario files: TOML or JSON in, TOML or JSON out, with size limits and clear errors.

The functions here work on text and bytes, not paths, so the app (uploads), the CLI (files)
and the tests share them.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

import tomli_w
from pydantic import ValidationError

from .errors import InputProblem, ScenarioError, problems_from_validation
from .scenario import Scenario

#: A scenario is a few kilobytes; anything bigger is a mistake (or an attack), refused unread.
MAX_SCENARIO_BYTES = 64 * 1024


def scenario_from_dict(data: Any) -> Scenario:
    """Validate plain data into a :class:`Scenario`, raising :class:`ScenarioError` with every problem."""
    if not isinstance(data, dict):
        raise ScenarioError([InputProblem("scenario", type(data).__name__, "must be a table of fields")])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc)) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number this calculator accepts")


def parse_scenario(content: bytes | str, *, format: str | None = None) -> Scenario:
    """Parse a scenario file's content (TOML or JSON; guessed from the content when not given)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if len(raw) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            [
                InputProblem(
                    "file",
                    f"{len(raw):,} bytes",
                    f"is too large: a scenario file is at most {MAX_SCENARIO_BYTES // 1024} KB",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([InputProblem("file", "binary data", "must be a UTF-8 text file (TOML or JSON)")]) from None
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"
    try:
        if format == "json":
            data = json.loads(text, parse_constant=_reject_constant)
        elif format == "toml":
            data = tomllib.loads(text)
        else:
            raise ScenarioError([InputProblem("format", format, "must be 'toml' or 'json'")])
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        if isinstance(exc, ScenarioError):
            raise
        raise ScenarioError([InputProblem("file", "-", f"is not valid {format.upper()}: {exc}")]) from None
    return scenario_from_dict(data)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Plain data for a scenario (dates as ISO strings); fields left to the library are omitted."""
    return scenario.model_dump(mode="json", exclude_none=True)


def dump_scenario(scenario: Scenario, *, format: str = "toml") -> str:
    """Write a scenario as TOML (default) or JSON text."""
    data = scenario_to_dict(scenario)
    if format == "json":
        return json.dumps(data, indent=2, allow_nan=False) + "\n"
    if format == "toml":
        # TOML has a native date; keep the start date one so the file reads naturally.
        data["start_date"] = scenario.start_date
        return tomli_w.dumps(data)
    raise ValueError("format must be 'toml' or 'json'")
