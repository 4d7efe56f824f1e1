"""Fuzzing the scenario boundary: whatever arrives, the project's own input error or an answer.

Payloads come from the schema (``fuzzing.schema_payloads``), from broken examples
(``fuzzing.mutated_examples``) and from damaged file text (``fuzzing.mutated_texts``). Each goes
through the page's path (:func:`calculator.scenario_from_dict`) and, as JSON and TOML text,
through the path of the command line, uploads and links (:func:`calculator.parse_scenario`).
The only exception allowed is :class:`calculator.ScenarioError`, and its message must render;
every scenario that validates is compared, with finite totals, in seconds at most.

The quick suite runs a small share of each family; ``pytest -m slow --slow`` runs the full count
(at least 10,000 payloads in all), as CI does.
"""

from __future__ import annotations

import math
import resource
import time

import pytest
from fuzzing import as_files, mutated_examples, mutated_texts, schema_payloads
from hypothesis import HealthCheck, given, settings

from calculator import ScenarioError, compare, parse_scenario, scenario_from_dict

QUICK, FULL = 120, 3_400
#: Per scenario that validates: "a few seconds" with a wide margin for a loaded machine (a
#: usual compare takes milliseconds; the largest scenario the schema allows under 0.1 s).
MAX_COMPARE_SECONDS = 10.0
MAX_MEMORY_MB = 1_024
TALLY = {"payloads": 0, "validated": 0, "refused": 0}


def _settings(count: int):
    return settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )


def _refused(error: ScenarioError) -> None:
    assert error.problems, "a refusal names at least one problem"
    assert all(p.field and p.message for p in error.problems)
    assert "problem(s) in the scenario" in str(error)  # the message the CLI and the page show
    TALLY["refused"] += 1


def _answer(scenario) -> None:
    start = time.perf_counter()
    result = compare(scenario)
    elapsed = time.perf_counter() - start
    assert elapsed < MAX_COMPARE_SECONDS, f"compare took {elapsed:.1f} s"
    for option in result.options:
        assert all(math.isfinite(v) for v in option.totals.values()), option.totals
    TALLY["validated"] += 1


def _through_the_boundary(payload: dict) -> None:
    TALLY["payloads"] += 1
    answered = []
    try:
        scenario = scenario_from_dict(payload)
    except ScenarioError as error:
        _refused(error)
    else:
        _answer(scenario)
        answered.append(scenario)
    for fmt, text in as_files(payload):
        _through_parse(text, fmt, answered)


def _through_parse(text: str | bytes, fmt: str | None, answered: list | None = None) -> None:
    """Parse; compare what validates, unless the same scenario was compared already."""
    answered = [] if answered is None else answered
    try:
        scenario = parse_scenario(text, format=fmt)
    except ScenarioError as error:
        _refused(error)
    else:
        if scenario not in answered:
            _answer(scenario)
            answered.append(scenario)


def _check_text(case: tuple[str, bytes]) -> None:
    TALLY["payloads"] += 1
    fmt, raw = case
    answered: list = []
    _through_parse(raw, fmt, answered)
    _through_parse(raw, None, answered)  # the format guessed from the content, as for an upload


def _family(strategy, check, count):
    @_settings(count)
    @given(strategy)
    def test(case):
        check(case)

    return test


test_schema_payloads = _family(schema_payloads(), _through_the_boundary, QUICK)
test_mutated_examples = _family(mutated_examples(), _through_the_boundary, QUICK)
test_mutated_texts = _family(mutated_texts(), _check_text, QUICK)
test_schema_payloads_full = pytest.mark.slow(_family(schema_payloads(), _through_the_boundary, FULL))
test_mutated_examples_full = pytest.mark.slow(_family(mutated_examples(), _through_the_boundary, FULL))
test_mutated_texts_full = pytest.mark.slow(_family(mutated_texts(), _check_text, FULL))


def _tally(expected: int) -> None:
    assert TALLY["payloads"] >= expected, TALLY
    assert TALLY["validated"] > TALLY["payloads"] // 20, TALLY
    assert TALLY["refused"] > TALLY["payloads"] // 4, TALLY
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    assert peak_mb < MAX_MEMORY_MB, f"peak memory {peak_mb:.0f} MB"
    print(f"fuzzing: {TALLY['payloads']:,} payloads, {TALLY['validated']:,} answers, {TALLY['refused']:,} refusals")


def test_the_fuzzing_reached_both_answers_and_stayed_in_memory():
    """Runs after the quick families above: the tally of what they tried."""
    _tally(3 * QUICK)


@pytest.mark.slow
def test_the_full_fuzzing_reached_both_answers_and_stayed_in_memory():
    """Runs after the full families above: at least 10,000 payloads in all."""
    _tally(3 * FULL)
    assert 3 * FULL >= 10_000
