"""The one seam between the app and the model: ``calculator.compare``, remembered in the session.

A comparison is remembered in the session that asked for it (:mod:`ui.memo`), keyed by the
scenario's JSON, never in a process-wide cache: nothing one family enters is kept for other
sessions or after the session ends. The library of figures (no personal data) is loaded once
per process.
"""

from __future__ import annotations

import logging

import streamlit as st

import calculator
from calculator import AssumptionsError, Comparison, InputProblem, Scenario

from . import memo

log = logging.getLogger(__name__)


def _compare(scenario: Scenario) -> Comparison:
    return calculator.compare(scenario)


def run(scenario: Scenario, key: str | None = None) -> tuple[Comparison | None, list[InputProblem]]:
    """Compare ``scenario`` (``key``: its JSON, when the caller has it); problems (e.g. an
    impossible assumption override) come back as field problems."""
    try:
        return memo.remember("compare", key or scenario.model_dump_json(), lambda: _compare(scenario)), []
    except AssumptionsError as exc:
        return None, [InputProblem(f"assumption_overrides.{p.key}", None, p.message) for p in exc.problems]
    except Exception as exc:  # a model failure must not take the page down; log the type only, never inputs
        log.error("calculator.compare failed: %s", type(exc).__name__)
        return None, [
            InputProblem("scenario", None, "the calculator could not work this scenario out; try other figures")
        ]


@st.cache_resource
def assumptions() -> calculator.AssumptionSet:
    """The shipped library of figures: the same for everyone, loaded once per process."""
    return calculator.default_assumptions()
