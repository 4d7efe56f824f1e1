"""The one seam between the app and the model: a cached ``calculator.compare`` keyed by scenario JSON."""

from __future__ import annotations

import logging

import streamlit as st

import calculator
from calculator import AssumptionsError, Comparison, InputProblem, Scenario

log = logging.getLogger(__name__)


@st.cache_data(max_entries=64, ttl=15 * 60, show_spinner=False)
def _compare_json(scenario_json: str) -> Comparison:
    return calculator.compare(Scenario.model_validate_json(scenario_json))


def run(scenario: Scenario) -> tuple[Comparison | None, list[InputProblem]]:
    """Compare ``scenario``; problems (e.g. an impossible assumption override) come back as field problems."""
    try:
        return _compare_json(scenario.model_dump_json()), []
    except AssumptionsError as exc:
        return None, [InputProblem(f"assumption_overrides.{p.key}", None, p.message) for p in exc.problems]
    except Exception as exc:  # a model failure must not take the page down; log the type only, never inputs
        log.error("calculator.compare failed: %s", type(exc).__name__)
        return None, [
            InputProblem("scenario", None, "the calculator could not work this scenario out; try other figures")
        ]


@st.cache_resource
def assumptions() -> calculator.AssumptionSet:
    return calculator.default_assumptions()
