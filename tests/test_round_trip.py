"""Save, then load: the same scenario and the same results, for any valid scenario.

1,000 scenarios drawn from the whole schema (odd Unicode names, dates at the edges of the
allowed range, lists at their limits, assumption overrides) go through ``dump_scenario`` and
``parse_scenario`` in TOML and in JSON, the formats the app's download, the command line and a
shared link use.
"""

from __future__ import annotations

import pytest
from cases import largest_scenario
from fuzzing import valid_scenarios
from hypothesis import HealthCheck, given, settings
from strategies import scenarios

from calculator import compare, dump_scenario, load_example, parse_scenario, scenario_to_dict
from calculator.examples import example_names

ROUND_TRIPS = 1_000
TALLY = {"scenarios": 0}


def _loaded(scenario, fmt: str):
    return parse_scenario(dump_scenario(scenario, format=fmt), format=fmt)


@settings(
    max_examples=ROUND_TRIPS,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(valid_scenarios())
def test_any_valid_scenario_comes_back_the_same_from_toml_and_json(scenario):
    for fmt in ("toml", "json"):
        loaded = _loaded(scenario, fmt)
        assert loaded == scenario, fmt
        assert scenario_to_dict(loaded) == scenario_to_dict(scenario), fmt
    TALLY["scenarios"] += 1


def test_the_round_trips_covered_a_thousand_scenarios():
    assert TALLY["scenarios"] >= ROUND_TRIPS


def _same_results(a, b) -> None:
    ra, rb = compare(a), compare(b)
    assert [o.totals for o in ra.options] == [o.totals for o in rb.options]
    assert [o.lines for o in ra.options] == [o.lines for o in rb.options]
    assert [r.code for r in ra.reasons] == [r.code for r in rb.reasons]


@settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st_scenario=valid_scenarios() | scenarios())
def test_a_loaded_scenario_gives_identical_results(st_scenario):
    for fmt in ("toml", "json"):
        _same_results(st_scenario, _loaded(st_scenario, fmt))


@pytest.mark.parametrize("name", [*example_names(), "largest"])
def test_the_examples_and_the_largest_scenario_give_identical_results_after_saving(name):
    scenario = largest_scenario() if name == "largest" else load_example(name)
    for fmt in ("toml", "json"):
        _same_results(scenario, _loaded(scenario, fmt))
