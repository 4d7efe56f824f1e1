"""The after-tax view's arithmetic, worked by hand from the 2026 figures, and its tables' lint."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from calculator import compare, default_assumptions, load_example, scenario_from_dict, scenario_to_dict
from calculator.assumptions import DEFAULT_DIRECTORY, RELIABILITY
from calculator.inputs import TaxSchedule
from calculator.resolve import federal_schedule, parse_brackets
from calculator.tax import bracket_tax, income_tax, marginal_rate, payroll_tax

LIBRARY = default_assumptions()


def _single_2026() -> TaxSchedule:
    year, schedule = federal_schedule(LIBRARY, "single", 2026)
    assert year == 2026
    return schedule


def test_the_bracket_tax_adds_each_bracket_at_its_rate():
    s = _single_2026()
    # 10% of the first 12,400 + 12% of the next 37,600: 1,240 + 4,512
    assert bracket_tax(50_000.0, s.starts_usd, s.rates) == pytest.approx(5_752.0)
    # into the 22% bracket: 1,240 + 12% x 38,000 (= 4,560) + 22% x 9,600 (= 2,112)
    assert bracket_tax(60_000.0, s.starts_usd, s.rates) == pytest.approx(7_912.0)
    assert bracket_tax(np.array([0.0, -5.0]), s.starts_usd, s.rates).tolist() == [0.0, 0.0]
    assert marginal_rate(50_399.0, s.starts_usd, s.rates) == pytest.approx(0.12)
    assert marginal_rate(50_400.0, s.starts_usd, s.rates) == pytest.approx(0.22)


def test_income_tax_takes_the_deduction_first_and_a_joint_state_return_is_two_halves():
    s = _single_2026()
    # 66,100 - 16,100 = 50,000 taxable
    assert income_tax(66_100.0, s) == pytest.approx(5_752.0)
    starts, rates = parse_brackets("0:0.0495")
    illinois = TaxSchedule(starts_usd=starts, rates=rates, deduction_usd=2_925.0)
    # two filers with 50,000 each: 2 x 4.95% x (50,000 - 2,925) = 0.099 x 47,075
    assert income_tax(100_000.0, illinois, split=True) == pytest.approx(4_660.425)
    assert parse_brackets("") == (pytest.approx([0.0]), pytest.approx([0.0]))


def test_payroll_tax_stops_social_security_at_the_wage_base_and_adds_the_extra_medicare_tax():
    scenario = scenario_to_dict(load_example("default"))
    scenario["household"]["pay_usd_per_hour"] = 100.0
    from calculator.resolve import resolve

    law = resolve(scenario_from_dict(scenario), LIBRARY).taxes
    year = law.years[0]
    # 6.2% x 184,500 = 11,439; 1.45% x 200,000 = 2,900; nothing above the 200,000 threshold
    assert payroll_tax(np.array([200_000.0]), law, year, np.zeros(1))[0] == pytest.approx(14_339.0)
    # at 250,000: 11,439 + 3,625 + 0.9% x 50,000 (= 450)
    assert payroll_tax(np.array([250_000.0]), law, year, np.zeros(1))[0] == pytest.approx(15_514.0)


def test_a_state_with_no_income_tax_and_one_with_no_table_add_nothing():
    data = scenario_to_dict(load_example("single-parent-hourly"))  # Texas
    texas = compare(scenario_from_dict(data))
    data["household"]["state"] = "PR"  # no row in the state table
    puerto_rico = compare(scenario_from_dict(data))
    for a, b in zip(texas.options, puerto_rico.options, strict=True):
        assert a.totals["tax_effect"] == pytest.approx(b.totals["tax_effect"], abs=0.011)
    assert any(r.code == "state_tax_not_found" for r in puerto_rico.reasons)


def _rows(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((DEFAULT_DIRECTORY / f"{name}.csv").read_text())))


def _brackets_ok(text: str) -> None:
    starts, rates = parse_brackets(text)
    assert starts[0] == 0 and (np.diff(starts) > 0).all(), text
    assert ((rates >= 0) & (rates < 1)).all(), text


def test_the_federal_table_has_every_filing_status_with_increasing_brackets_and_a_source():
    rows = _rows("federal_income_tax")
    years = {r["tax_year"] for r in rows}
    for year in years:
        assert {r["filing_status"] for r in rows if r["tax_year"] == year} == {
            "single",
            "married_joint",
            "head_of_household",
        }
    for r in rows:
        _brackets_ok(r["brackets"])
        assert float(r["standard_deduction_usd"]) > 0
        assert r["reliability"] in RELIABILITY and r["source_url"].startswith("http")
        assert r["read_as"].startswith(("primary", "secondary"))


def test_the_state_table_covers_every_state_and_dc_and_says_how_it_was_read():
    rows = _rows("state_income_tax")
    assert len({r["state"] for r in rows}) == len(rows) == 51
    for r in rows:
        assert r["kind"] in {"none", "flat", "graduated"}
        if r["kind"] == "none":
            assert r["brackets_single"] == ""
        else:
            _brackets_ok(r["brackets_single"])
        assert float(r["standard_deduction_single_usd"]) >= 0 and float(r["personal_exemption_single_usd"]) >= 0
        assert r["reliability"] in RELIABILITY and r["read_as"].startswith(("primary", "secondary"))


def test_the_benefit_tax_table_uses_its_closed_vocabulary():
    for r in _rows("benefit_taxes"):
        assert r["federal_income_tax"] in {"taxable", "partly", "exempt"}
        assert r["state_income_tax"] in {"taxable", "exempt"}
        assert r["payroll_tax"] in {"yes", "no"}
        assert r["reliability"] in RELIABILITY and r["read_as"].startswith(("primary", "secondary"))
