"""The scenario boundary refuses what would crash or stall the model, with the field named.

``assumption_overrides`` are checked like every other field (a known key, a number, a plausible
range in the figure's unit), and files nested too deeply are refused before a parser recurses
into them. Each case goes through :func:`calculator.parse_scenario`, the path the command line,
an upload and a shared link all take.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import tomli_w

from calculator import ScenarioError, compare, default_assumptions, dump_scenario, load_example, parse_scenario
from calculator.examples import example_names
from calculator.overrides import PLAUSIBLE_MULTIPLE, allowed_range
from calculator.scenario_io import MAX_NESTING, scenario_from_dict, scenario_to_dict

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = default_assumptions()


def _with_overrides(overrides: dict, fmt: str = "toml") -> str:
    """The default example with ``overrides`` written in, as a file's text."""
    data = scenario_to_dict(load_example("default"))
    data["assumption_overrides"] = overrides
    return json.dumps(data) if fmt == "json" else tomli_w.dumps(data)


HOSTILE = {
    "nope": 1.0,
    "hotel_usd_per_night": 1e26,
    "babysitter_usd_per_hour": 1e30,
    "car_cost_usd_per_mile": -0.5,
    "employer_coinsurance_fraction": 1.5,
    "iop_days_per_week": 0,
    "average_drive_speed_miles_per_hour": True,
}


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_bad_overrides_are_all_reported_at_once_naming_field_value_and_range(fmt):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(_with_overrides(HOSTILE, fmt), format=fmt)
    problems = {p.field: p for p in caught.value.problems}
    assert set(problems) == {f"assumption_overrides.{k}" for k in HOSTILE}
    assert "not an assumption in the library" in problems["assumption_overrides.nope"].message
    hotel = problems["assumption_overrides.hotel_usd_per_night"]
    high = PLAUSIBLE_MULTIPLE * max(v.high for v in LIBRARY["hotel_usd_per_night"].values)
    assert hotel.value == 1e26 and f"allowed 0 to {high:,.0f} USD/night" in hotel.message
    assert "allowed 0 to 1 (a fraction" in problems["assumption_overrides.employer_coinsurance_fraction"].message
    assert "allowed 1 to 7 days/week" in problems["assumption_overrides.iop_days_per_week"].message
    assert problems["assumption_overrides.car_cost_usd_per_mile"].value == -0.5
    assert "true/false" in problems["assumption_overrides.average_drive_speed_miles_per_hour"].message
    assert "(got 1e+26)" in str(caught.value), "the message shows the value given"


def test_override_problems_come_with_the_scenarios_other_problems():
    data = scenario_to_dict(load_example("default"))
    data["household"]["pay_usd_per_hour"] = 99_999
    data["assumption_overrides"] = {"hotel_usd_per_night": "1e26", "nope": 2, "meals_usd_per_day": "lots"}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    fields = [p.field for p in caught.value.problems]
    assert "household.pay_usd_per_hour" in fields
    assert "assumption_overrides.hotel_usd_per_night" in fields, "numeric text is range-checked too"
    assert "assumption_overrides.nope" in fields
    assert fields.count("assumption_overrides.meals_usd_per_day") == 1, "not a number: reported once"


def test_every_library_value_is_inside_its_own_override_range():
    outside = []
    for key, figure in LIBRARY.figures.items():
        allowed = allowed_range(figure)
        for value in figure.values:
            outside += [(key, x, allowed.text()) for x in (value.low, value.typical, value.high) if x not in allowed]
    assert not outside, outside


@pytest.mark.parametrize("name", example_names())
def test_every_override_at_either_end_of_its_range_computes_finite_totals(name):
    scenario = load_example(name)
    for end in ("low", "high"):
        overrides = {k: getattr(allowed_range(f), end) for k, f in LIBRARY.figures.items()}
        data = {**scenario_to_dict(scenario), "assumption_overrides": overrides}
        result = compare(scenario_from_dict(data))
        totals = [v for option in result.options for v in option.totals.values()]
        assert all(math.isfinite(v) for v in totals), (name, end)


def test_the_library_the_overrides_are_checked_against_can_be_passed():
    hotel = LIBRARY["hotel_usd_per_night"]
    pricey = dataclasses.replace(hotel, values=tuple(dataclasses.replace(v, high=100_000.0) for v in hotel.values))
    extra = dataclasses.replace(hotel, key="castle_usd_per_night")
    library = dataclasses.replace(
        LIBRARY,
        figures=types.MappingProxyType({**LIBRARY.figures, hotel.key: pricey, extra.key: extra}),
    )
    text = _with_overrides({"hotel_usd_per_night": 50_000.0, "castle_usd_per_night": 900.0})
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert {p.field for p in caught.value.problems} == {
        "assumption_overrides.hotel_usd_per_night",
        "assumption_overrides.castle_usd_per_night",
    }
    scenario = parse_scenario(text, library=library)
    assert scenario.assumption_overrides == {"hotel_usd_per_night": 50_000.0, "castle_usd_per_night": 900.0}


# ---- nesting and size --------------------------------------------------------------------------

DEEP = 3_000
DEEP_FILES = {
    "toml array": ("toml", "a = " + "[" * DEEP + "]" * DEEP),
    "toml inline table": ("toml", "a = " + "{b = " * DEEP + "1" + "}" * DEEP),
    "toml dotted key": ("toml", "a" + ".a" * 15_000 + " = 1"),
    "toml table header": ("toml", "[a" + ".a" * 15_000 + "]"),
    "json object": ("json", '{"a":' * DEEP),
    "json array": ("json", '{"options": ' + "[" * DEEP + "]" * DEEP + "}"),
}


@pytest.mark.parametrize("case", DEEP_FILES)
def test_deeply_nested_files_are_refused_before_parsing(case):
    fmt, text = DEEP_FILES[case]
    for given in (fmt, None):
        with pytest.raises(ScenarioError) as caught:
            parse_scenario(text, format=given)
        (problem,) = caught.value.problems
        assert problem.field == "file" and "nested too deeply" in problem.message


def test_deep_plain_data_is_refused_without_recursion():
    data: dict = {}
    node = data
    for _ in range(50_000):
        node["a"] = {}
        node = node["a"]
    with pytest.raises(ScenarioError, match="nested too deeply"):
        scenario_from_dict(data)


def test_brackets_and_dots_inside_text_are_not_nesting():
    scenario = load_example("default")
    odd = "[[[[{{{{a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r}}}}]]]]"
    data = scenario_to_dict(scenario)
    data["options"][0]["name"] = odd
    data["options"][1]["other_costs"] = [{"label": '"[[[[[[[[[[[[[[[[[[[[#', "amount_usd": 5.0}]
    named = scenario_from_dict(data)
    for fmt in ("toml", "json"):
        assert parse_scenario(dump_scenario(named, format=fmt), format=fmt) == named
    assert MAX_NESTING >= 5, "a scenario itself nests five deep (options, stages)"


def test_duplicate_json_keys_are_refused():
    text = json.dumps(scenario_to_dict(load_example("default")))
    with pytest.raises(ScenarioError, match="appears twice"):
        parse_scenario(text[:-1] + ', "start_date": "2030-01-01"}', format="json")


def test_numbers_of_thousands_of_digits_get_a_plain_message():
    for fmt, text in (("json", '{"a": ' + "9" * 5_000 + "}"), ("toml", "a = " + "9" * 5_000)):
        with pytest.raises(ScenarioError, match="thousands of digits"):
            parse_scenario(text, format=fmt)


def test_a_huge_integer_in_plain_data_is_named_without_crashing():
    data = scenario_to_dict(load_example("default"))
    data["household"]["pay_usd_per_hour"] = 10**5_000
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    assert "household.pay_usd_per_hour" in str(caught.value)


# ---- the same from the command line --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [_with_overrides(HOSTILE), DEEP_FILES["toml array"][1], DEEP_FILES["toml dotted key"][1]],
    ids=["overrides", "deep", "dotted"],
)
def test_the_command_line_names_the_problem_without_a_traceback(tmp_path, content):
    path = tmp_path / "client.toml"
    path.write_text(content)
    out = subprocess.run(
        [sys.executable, "-m", "calculator", "compare", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and re.search(r"\d+ problems? in the scenario:", out.stderr)
    assert "assumption_overrides.hotel_usd_per_night" in out.stderr or "nested too deeply" in out.stderr


def test_two_options_with_the_same_name_are_refused_at_the_second_name():
    # Results, charts and the chance each option is cheaper are keyed by name (found by fuzzing:
    # two identical options crashed the warnings).
    data = scenario_to_dict(load_example("default"))
    data["options"].append({**data["options"][0], "name": " residential 30 DAYS "})
    data["household"]["pay_usd_per_hour"] = -1  # reported with it, all at once
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    problems = {p.field: p for p in caught.value.problems}
    assert set(problems) == {"options[2].name", "household.pay_usd_per_hour"}
    assert "also the name of option 1: give each option its own name" in problems["options[2].name"].message
