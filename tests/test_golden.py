"""Golden cases: hand-computed scenarios in tests/golden/*.toml, checked against ``compare``.

Each case file holds a ``description``, a ``scenario`` (exactly as the scenario schema accepts
it) and ``expected`` numbers per option, each with its arithmetic worked by hand in a comment
above it. The expected values come from the documented rules, never from running the code.

Layout of ``expected``::

    [expected."Option name"]
    treatment = 4500.00            # any of the totals (components and TOTALS)
    [expected."Option name".lines]
    "1. Residential (inpatient) | Deductible" = 1886.00   # "stage | item" -> amount_usd
    [expected."Option name".logistics]
    work_hours_missed = 80         # keys of OptionResult.logistics

Any key not in this layout makes the case fail, so a typo cannot silently skip a check.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from checks import assert_adds_up

import calculator
from calculator.compare import TOTALS
from calculator.engine import COMPONENTS
from ui.words import EN

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.toml"))
CASE_KEYS = {"description", "scenario", "expected"}
OPTION_KEYS = set(COMPONENTS) | set(TOTALS) | {"lines", "logistics"}
LOGISTICS_KEYS = {
    "days",
    "weeks",
    "nights_away",
    "program_days",
    "treatment_hours",
    "patient_travel_hours",
    "family_travel_hours",
    "work_hours_scheduled",
    "work_hours_missed",
    "work_hours_kept",
    "paid_time_off_hours_used",
    "childcare_hours",
    "visits",
    "family_program_days",
    "partner_hours_off",
    "self_pay_days",
    "medicare_reserve_days",
}


def _load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def _validate_case(path: Path, case: dict) -> None:
    """The case file's own keys: anything unknown is an error, not a skipped check."""
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{path.name}: unknown top-level keys {sorted(unknown)}"
    missing = CASE_KEYS - set(case)
    assert not missing, f"{path.name}: missing keys {sorted(missing)}"
    desc = case["description"]
    assert isinstance(desc, str) and desc.strip(), "description must be a sentence"
    snake = re.sub(r"[^a-z0-9]+", "_", desc.lower()).strip("_")
    assert path.stem == snake, f"{path.name}: file name should be the description in snake case ({snake})"
    expected = case["expected"]
    assert isinstance(expected, dict) and expected, "expected must name at least one option"
    names = [o["name"] for o in case["scenario"].get("options", [])]
    for option, checks in expected.items():
        assert option in names, f"{path.name}: expected option {option!r} is not in the scenario {names}"
        assert isinstance(checks, dict) and checks, f"{path.name}: nothing expected for {option!r}"
        unknown = set(checks) - OPTION_KEYS
        assert not unknown, f"{path.name}: unknown keys {sorted(unknown)} for {option!r}"
        for key, value in checks.items():
            if key in ("lines", "logistics"):
                assert isinstance(value, dict) and value
                for k, v in value.items():
                    assert isinstance(v, int | float) and not isinstance(v, bool), f"{key}.{k} must be a number"
                if key == "logistics":
                    bad = set(value) - LOGISTICS_KEYS
                    assert not bad, f"{path.name}: unknown logistics keys {sorted(bad)}"
                else:
                    for k in value:
                        assert k.count(" | ") == 1, f"{path.name}: line key {k!r} must be 'stage | item'"
            else:
                assert isinstance(value, int | float) and not isinstance(value, bool), f"{key} must be a number"


def _compare(path: Path):
    case = _load(path)
    _validate_case(path, case)
    scenario = calculator.scenario_from_dict(case["scenario"])
    return case, calculator.compare(scenario)


def _c(x: float) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal("0.01"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path) -> None:
    case, result = _compare(path)
    by_name = {o.name: o for o in result.options}
    failures = []
    for option, checks in case["expected"].items():
        o = by_name[option]
        for key, want in checks.items():
            if key == "lines":
                # Lines are named as the page names them: "1. Residential (inpatient) | Deductible".
                lines = EN.lines_table(o)
                for label, amount in want.items():
                    stage, item = label.split(" | ")
                    hit = lines[(lines["stage"] == stage) & (lines["item"] == item)]
                    if len(hit) != 1:
                        failures.append(f"{option}: line {label!r} not found (or not unique): {len(hit)} rows")
                        continue
                    got = float(hit["amount_usd"].iloc[0])
                    if got != pytest.approx(amount, abs=0.01):
                        failures.append(f"{option}: line {label!r} = {got}, expected {amount}")
            elif key == "logistics":
                for name, amount in want.items():
                    got = o.logistics[name]
                    if got != pytest.approx(amount, abs=0.01):
                        failures.append(f"{option}: logistics {name} = {got}, expected {amount}")
            else:
                got = o.totals[key]
                if got != pytest.approx(want, abs=0.01):
                    failures.append(f"{option}: {key} = {got}, expected {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case_adds_up(path: Path) -> None:
    """Components add up to out_of_pocket and family_total to the cent; lines to components; the
    totals beside the cash total (leave used, after tax) to their lines; insurance to the allowed
    amount."""
    _case, result = _compare(path)
    for o in result.options:
        assert_adds_up(o)


def test_there_are_enough_golden_cases() -> None:
    assert len(CASES) >= 28


def test_an_unknown_key_in_a_case_file_fails(tmp_path: Path) -> None:
    good = _load(CASES[0])
    bad = dict(good, expcted={})
    with pytest.raises(AssertionError, match="unknown top-level"):
        _validate_case(CASES[0], bad)
    option = next(iter(good["expected"]))
    bad = dict(good, expected={option: {"treatmnt": 1.0}})
    with pytest.raises(AssertionError, match="unknown keys"):
        _validate_case(CASES[0], bad)
    bad = dict(good, expected={option: {"logistics": {"nights": 1.0}}})
    with pytest.raises(AssertionError, match="unknown logistics"):
        _validate_case(CASES[0], bad)
