"""Inpatient vs intensive outpatient: what each option really costs a family.

A pure model (no Streamlit, no charts). The public API:

>>> from calculator import compare, default_scenario
>>> result = compare(default_scenario())
>>> result.headline()                       # doctest: +SKIP

Every name below is imported on first use (PEP 562), so ``import calculator`` costs almost
nothing: reading a scenario file needs pydantic but not numpy, and nothing needs pandas until a
table is asked for (``Comparison.summary()``, ``OptionResult.lines_frame()``, the analysis).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

#: Public name -> the module that defines it.
_EXPORTS = {
    "AssumptionSet": ".assumptions",
    "AssumptionsError": ".assumptions",
    "load_assumptions": ".assumptions",
    "evaluate_batch": ".batch",
    "evaluate_rows": ".batch",
    "Comparison": ".compare",
    "OptionResult": ".compare",
    "compare": ".compare",
    "default_assumptions": ".compare",
    "InputProblem": ".errors",
    "ScenarioError": ".errors",
    "default_scenario": ".examples",
    "example_names": ".examples",
    "load_example": ".examples",
    "Question": ".questions",
    "questions_to_ask": ".questions",
    "Scenario": ".scenario",
    "dump_scenario": ".scenario_io",
    "parse_scenario": ".scenario_io",
    "scenario_from_dict": ".scenario_io",
    "scenario_to_dict": ".scenario_io",
}

__all__ = [
    "AssumptionSet",
    "AssumptionsError",
    "Comparison",
    "InputProblem",
    "OptionResult",
    "Question",
    "Scenario",
    "ScenarioError",
    "compare",
    "default_assumptions",
    "default_scenario",
    "dump_scenario",
    "evaluate_batch",
    "evaluate_rows",
    "example_names",
    "load_assumptions",
    "load_example",
    "parse_scenario",
    "questions_to_ask",
    "scenario_from_dict",
    "scenario_to_dict",
]

if TYPE_CHECKING:  # for type checkers and editors: the names, imported eagerly
    from .assumptions import AssumptionsError, AssumptionSet, load_assumptions
    from .batch import evaluate_batch, evaluate_rows
    from .compare import Comparison, OptionResult, compare, default_assumptions
    from .errors import InputProblem, ScenarioError
    from .examples import default_scenario, example_names, load_example
    from .questions import Question, questions_to_ask
    from .scenario import Scenario
    from .scenario_io import dump_scenario, parse_scenario, scenario_from_dict, scenario_to_dict


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


class _Package(types.ModuleType):
    """Keeps ``calculator.compare`` the function, as it always was.

    Importing the submodule ``calculator.compare`` sets the package's attribute of that name to
    the module; an exported name always wins over a submodule of the same name.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _EXPORTS:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
