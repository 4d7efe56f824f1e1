"""The shipped example scenarios (``examples/*.toml``), the first of them the app's defaults."""

from __future__ import annotations

from pathlib import Path

from .scenario import Scenario
from .scenario_io import parse_scenario

EXAMPLES_DIRECTORY = Path(__file__).resolve().parent.parent / "examples"


def example_names() -> list[str]:
    """Names of the shipped examples, ``default`` first."""
    names = sorted(p.stem for p in EXAMPLES_DIRECTORY.glob("*.toml"))
    return ["default"] + [n for n in names if n != "default"]


def example_text(name: str) -> str:
    path = EXAMPLES_DIRECTORY / f"{name}.toml"
    if not path.is_file():
        raise KeyError(f"no example named {name!r}; choose one of: {', '.join(example_names())}")
    return path.read_text(encoding="utf-8")


def load_example(name: str) -> Scenario:
    return parse_scenario(example_text(name), format="toml")


def default_scenario() -> Scenario:
    """The app's built-in defaults: residential 30 days vs IOP 8 weeks for one working parent."""
    return load_example("default")
