"""Bad input gets a clear error naming the field, the value and the allowed range; all at once."""

from __future__ import annotations

import copy
import json

import pytest

from calculator import ScenarioError, compare, default_scenario, example_names, load_example, parse_scenario
from calculator.scenario_io import MAX_SCENARIO_BYTES, dump_scenario, scenario_from_dict, scenario_to_dict
from ui.words import EN


def _base() -> dict:
    return scenario_to_dict(default_scenario())


def test_every_problem_is_reported_at_once_with_field_value_and_range():
    data = _base()
    data["household"]["work_hours_per_week"] = 130
    data["options"][0]["stages"][0]["length_days"] = 0
    data["insurance"]["coinsurance_fraction"] = 1.5
    data["household"]["colour"] = "blue"
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    problems = {p.field: p for p in caught.value.problems}
    assert set(problems) == {
        "household.work_hours_per_week",
        "options[0].stages[0].length_days",
        "insurance.coinsurance_fraction",
        "household.colour",
    }
    assert problems["household.work_hours_per_week"].message == "out of range: allowed 0 to 100"
    assert problems["household.work_hours_per_week"].value == 130
    assert problems["options[0].stages[0].length_days"].message == "out of range: allowed 1 to 365"
    assert problems["insurance.coinsurance_fraction"].message == "out of range: allowed 0 to 1"
    assert "not a known field" in problems["household.colour"].message
    assert "household.work_hours_per_week: out of range: allowed 0 to 100 (got 130)" in str(caught.value)


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        (
            lambda d: d["insurance"].update(deductible_usd=3000, oop_max_usd=2000),
            "insurance",
            "cannot exceed oop_max_usd",
        ),
        (
            lambda d: d["insurance"].update(deductible_usd=1000, deductible_met_usd=1500),
            "insurance",
            "deductible_met_usd",
        ),
        (lambda d: d.update(options=d["options"][:1]), "options", "at least 2"),
        (lambda d: d["household"].update(pay_usd_per_hour=float("nan")), "household.pay_usd_per_hour", "finite"),
        (lambda d: d["household"].update(pay_usd_per_hour="twenty"), "household.pay_usd_per_hour", "number"),
        (lambda d: d["household"].update(fmla_eligible="yes"), "household.fmla_eligible", "true or false"),
        (lambda d: d.update(start_date="next week"), "start_date", "YYYY-MM-DD"),
        (lambda d: d["options"][0]["stages"][0].update(level="spa"), "options[0].stages[0].level", "one of"),
        (lambda d: d["household"].update(state="ZZ"), "household.state", "one of"),
        (lambda d: d["household"].update(children=[{"age_years": 21}]), "household.children[0].age_years", "0 to 17"),
        (
            lambda d: d["options"][1]["stages"][0].update(price_basis="program"),
            "options[1].stages[0]",
            "price_usd is required",
        ),
    ],
)
def test_impossible_input_is_refused_with_a_message_naming_the_field(patch, field, words):
    data = copy.deepcopy(_base())
    patch(data)
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    matching = [p for p in caught.value.problems if p.field == field]
    assert matching, [str(p) for p in caught.value.problems]
    assert words in matching[0].message


def test_unusual_input_warns_without_blocking():
    data = _base()
    data["options"][1]["stages"][0].update(days_per_week=2, hours_per_day=2)
    data["household"]["work_hours_per_week"] = 70
    result = compare(scenario_from_dict(data))
    warnings = [EN.reason(r) for r in result.reasons]
    assert any("below the 9 hours that define an adult IOP" in w for w in warnings)
    assert any("unusually high" in w for w in warnings)


def test_files_that_are_too_large_binary_or_malformed_get_clear_messages():
    with pytest.raises(ScenarioError, match="too large"):
        parse_scenario(b"#" * (MAX_SCENARIO_BYTES + 1))
    with pytest.raises(ScenarioError, match="UTF-8"):
        parse_scenario(b"\xff\xfe\x00\x01binary")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        parse_scenario("start_date = [unclosed")
    with pytest.raises(ScenarioError, match="not valid JSON"):
        parse_scenario('{"start_date": NaN}')


@pytest.mark.parametrize("name", example_names())
def test_examples_load_compare_and_round_trip_through_both_formats(name):
    scenario = load_example(name)
    result = compare(scenario)
    assert len(result.options) >= 2
    for fmt in ("toml", "json"):
        assert parse_scenario(dump_scenario(scenario, format=fmt), format=fmt) == scenario


def test_json_round_trip_keeps_every_field():
    scenario = load_example("california-salaried-disability")
    text = dump_scenario(scenario, format="json")
    assert json.loads(text)["household"]["short_term_disability"]["weekly_cap_usd"] == 1500


def test_per_session_prices_an_outpatient_program_day_and_is_refused_for_residential():
    data = _base()
    data["options"][1]["stages"][0].update(price_usd=250, price_basis="per_session")
    per_session = compare(scenario_from_dict(data))
    data["options"][1]["stages"][0].update(price_basis="per_day")
    assert per_session.options[1].totals == compare(scenario_from_dict(data)).options[1].totals
    data["options"][0]["stages"][0].update(price_usd=500, price_basis="per_session")
    with pytest.raises(ScenarioError, match="outpatient levels"):
        scenario_from_dict(data)


@pytest.mark.parametrize("name", example_names())
def test_weekly_tables_add_up_to_the_totals_to_the_cent(name):
    from calculator.engine import COMPONENTS

    for option in compare(load_example(name)).options:
        weekly = option.weekly.frame()
        for c in (*COMPONENTS, "insurer_paid"):
            assert round(weekly[c].sum() - option.totals[c], 6) == 0, (option.name, c)
        assert weekly["cumulative_family_total"].iloc[-1] == pytest.approx(option.totals["family_total"], abs=1e-9)
        # Costs never fall week to week, except by the food the household does not buy (a credit
        # in lodging and meals, for each week away).
        assert ((weekly["family_total"] - weekly["lodging_meals"]) >= 0).all()


def test_a_state_childcare_price_index_scales_childcare_prices():
    import dataclasses
    from types import MappingProxyType

    from calculator import default_assumptions
    from calculator.assumptions import StateTable

    library = default_assumptions()
    row = {"state": "MA", "price_index": "1.500"}
    tables = dict(library.tables)
    tables["childcare_by_state"] = StateTable("childcare_by_state", tuple(row), (MappingProxyType(row),))
    scaled = dataclasses.replace(library, tables=MappingProxyType(tables))
    data = _base()
    data["household"]["state"] = "MA"
    scenario = scenario_from_dict(data)
    base = compare(scenario, library).options[0]
    more = compare(scenario, scaled).options[0]
    # Every childcare price (full week and sitter) is 1.5 times the national one, and the
    # cheaper-of rule picks the same arrangement, so the bill is 1.5 times as large.
    assert base.totals["childcare"] > 0
    assert more.totals["childcare"] == pytest.approx(1.5 * base.totals["childcare"], abs=0.02)
    assert "MA prices: national × 1.500" in " ".join(EN.basis(x) for x in more.lines)
    data["household"]["state"] = "TX"
    # The same childcare exactly; shown to the cent it may differ by one: each component is its
    # share of the rounded total (largest remainder), which the state program changes here.
    texas = compare(scenario_from_dict(data), scaled).options[0].totals["childcare"]
    assert texas == pytest.approx(base.totals["childcare"], abs=0.011)
