"""Scenario files: TOML or JSON in, TOML or JSON out, with size and depth limits and clear errors.

The functions here work on text and bytes, not paths, so the app (uploads, links, the inputs
on the page), the CLI (files) and the tests share them: one boundary, one set of checks.

Before a file is parsed it must be at most :data:`MAX_SCENARIO_BYTES` and nest tables and lists
(and TOML's dotted keys) at most :data:`MAX_NESTING` deep, counted by a linear scan of the text:
the standard parsers recurse per level (a few thousand ``[`` end in ``RecursionError``) and
TOML's dotted keys take time quadratic in their length. After parsing, the scenario is
validated (:class:`calculator.Scenario`), its options' names checked to differ, and its
``assumption_overrides`` checked against the library (:mod:`calculator.overrides`); every
problem is reported at once.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import tomli_w
from pydantic import ValidationError

from . import paths
from .errors import InputProblem, ScenarioError, problems_from_validation
from .overrides import override_problems
from .scenario import Scenario

if TYPE_CHECKING:
    from .assumptions import AssumptionSet

#: A scenario is a few kilobytes; anything bigger is a mistake (or an attack), refused unread.
#: The largest scenario the schema allows (4 options of 6 stages and 20 other costs, 10
#: children, every name and label 60 characters of four-byte UTF-8, every assumption changed)
#: takes about 55 KB as TOML and 66 KB as this module's JSON, so the limit leaves it room
#: (tests/test_limits.py writes that scenario and reads it back).
MAX_SCENARIO_BYTES = 128 * 1024
#: Tables and lists inside each other. A scenario needs 5 (scenario, options, an option, its
#: stages, a stage); more than this is not a scenario.
MAX_NESTING = 16

#: Strings and comments, replaced by a placeholder before brackets and dots are counted (so a
#: bracket in an option's name is not nesting). Quantifiers are possessive and a string left
#: open runs to the end of its line (or of the text), so no character is scanned twice.
_TOML_STRINGS = re.compile(
    r'"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)|"(?:[^"\\\n]++|\\.)*+"?|\'[^\'\n]*+\'?|#[^\n]*+'
)
_JSON_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+"?')
_BRACKETS = re.compile(r"[\[\]{}]")
#: A run of dotted key parts (TOML's ``a.b.c = 1`` nests a table per part; a string part is
#: the placeholder by then). It starts only at the start of a word, and its last part is
#: optional so a match, once begun, never fails: each character is looked at once or twice.
_DOTTED = re.compile(r"(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]++[ \t]*+\.[ \t]*+)++[A-Za-z0-9_-]*+")


def _nesting(text: str, format: str) -> int:
    """How deeply ``text`` nests lists and tables: its deepest brackets (plus, in TOML, its
    longest dotted key), counted outside strings and comments, in a few linear passes."""
    plain = (_TOML_STRINGS if format == "toml" else _JSON_STRINGS).sub("s", text)
    depth = deepest = 0
    for bracket in _BRACKETS.findall(plain):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if format == "toml":
        deepest += max((m.group().count(".") + 1 for m in _DOTTED.finditer(plain)), default=0)
    return deepest


def _data_nesting(data: Any) -> int:
    """How deeply ``data``'s dicts and lists nest (iteratively: no recursion on hostile data)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Mapping):
            children = node.values()
        elif isinstance(node, (list, tuple)):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _too_deep(where: str) -> ScenarioError:
    return ScenarioError(
        [
            InputProblem(
                where,
                f"more than {MAX_NESTING} levels",
                f"is nested too deeply: a scenario has at most {MAX_NESTING} levels of tables and lists",
            )
        ]
    )


def _override_values(raw: Mapping[str, Any], scenario: Scenario | None) -> dict[str, Any]:
    """The overrides as the model read them (numbers from numeric text), true/false kept as written."""
    out = {}
    for key, value in raw.items():
        if isinstance(value, bool):
            out[key] = value
        elif scenario is not None:
            out[key] = scenario.assumption_overrides.get(key, value)
        elif isinstance(value, str):
            try:
                out[key] = float(value)
            except ValueError:
                out[key] = value
        else:
            out[key] = value
    return out


def _name_problems(options: Any) -> list[InputProblem]:
    """Options that share a name (ignoring case and spaces at the ends), each named at its
    own name field, so the page shows the problem beside the input that needs changing.

    Results, charts and the chance each option is cheaper are keyed by name; two options of
    one name would be merged or mistaken for each other.
    """
    if not isinstance(options, (list, tuple)):
        return []
    first: dict[str, int] = {}
    problems = []
    for i, option in enumerate(options):
        name = option.get("name") if isinstance(option, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            continue
        key = name.strip().casefold()
        if key in first:
            message = f"is also the name of option {first[key] + 1}: give each option its own name"
            problems.append(InputProblem(paths.option(i, "name"), name, message))
        else:
            first[key] = i
    return problems


def _library(library: AssumptionSet | None) -> AssumptionSet:
    if library is not None:
        return library
    from .compare import default_assumptions  # the engine is imported only when a library is needed

    return default_assumptions()


def scenario_from_dict(data: Any, *, library: AssumptionSet | None = None) -> Scenario:
    """Validate plain data into a :class:`Scenario`, raising :class:`ScenarioError` with every problem.

    Parameters
    ----------
    data : dict
        A scenario as plain data (a parsed file, the page's inputs).
    library : AssumptionSet, optional
        The library ``assumption_overrides`` are checked against (keys, units, plausible
        ranges); the shipped library by default. Read only when there are overrides.
    """
    if not isinstance(data, dict):
        raise ScenarioError([InputProblem("scenario", type(data).__name__, "must be a table of fields")])
    if _data_nesting(data) > MAX_NESTING:
        raise _too_deep("scenario")
    scenario, problems = None, []
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation(exc)
    problems += _name_problems(data.get("options"))
    raw = data.get("assumption_overrides")
    if isinstance(raw, Mapping) and raw:
        reported = frozenset(p.field for p in problems)
        problems += override_problems(_override_values(raw, scenario), _library(library), skip=reported)
    if problems:
        raise ScenarioError(problems)
    return scenario


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number this calculator accepts")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one table")
        out[key] = value
    return out


def _decode(content: bytes | str) -> str:
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
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([InputProblem("file", "binary data", "must be a UTF-8 text file (TOML or JSON)")]) from None


def _load(text: str, format: str) -> Any:
    if format not in ("json", "toml"):
        raise ScenarioError([InputProblem("format", format, "must be 'toml' or 'json'")])
    if _nesting(text, format) > MAX_NESTING:
        raise _too_deep("file")
    try:
        if format == "json":
            return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
        return tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        reason = "a number has thousands of digits" if "integer string conversion" in str(exc) else exc
        raise ScenarioError([InputProblem("file", "-", f"is not valid {format.upper()}: {reason}")]) from None
    except RecursionError:  # a nesting the scan above did not see; never a traceback
        raise _too_deep("file") from None


def parse_scenario(
    content: bytes | str, *, format: str | None = None, library: AssumptionSet | None = None
) -> Scenario:
    """Parse a scenario file's content (TOML or JSON; guessed from the content when not given).

    Size, encoding and nesting are checked before parsing; then :func:`scenario_from_dict`
    (``library`` as there). Raises :class:`ScenarioError` listing every problem.
    """
    text = _decode(content)
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"
    return scenario_from_dict(_load(text, format), library=library)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Plain data for a scenario (dates as ISO strings); fields left to the library are omitted."""
    return scenario.model_dump(mode="json", exclude_none=True)


def dump_scenario(scenario: Scenario, *, format: str = "toml") -> str:
    """Write a scenario as TOML (default) or JSON text."""
    data = scenario_to_dict(scenario)
    if format == "json":
        # UTF-8 as written: a name in any script costs its own bytes, not six per character.
        return json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"
    if format == "toml":
        # TOML has a native date; keep the start date one so the file reads naturally.
        data["start_date"] = scenario.start_date
        return tomli_w.dumps(data)
    raise ValueError("format must be 'toml' or 'json'")
