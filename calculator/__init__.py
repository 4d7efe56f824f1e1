"""Inpatient vs intensive outpatient: what each option really costs a family.

A pure model (no Streamlit, no charts). The public API:

>>> from calculator import compare, default_scenario
>>> result = compare(default_scenario())
>>> result.headline()                       # doctest: +SKIP
"""

from .assumptions import AssumptionsError, AssumptionSet, load_assumptions
from .batch import evaluate_batch, evaluate_rows
from .compare import Comparison, OptionResult, compare, default_assumptions
from .errors import InputProblem, ScenarioError
from .examples import default_scenario, example_names, load_example
from .questions import Question, questions_to_ask
from .scenario import Scenario
from .scenario_io import dump_scenario, parse_scenario, scenario_from_dict, scenario_to_dict

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
