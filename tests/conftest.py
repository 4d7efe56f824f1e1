"""Test-suite options: the long runs marked ``slow`` are skipped unless ``--slow`` is given.

``pytest`` (and ``make test``) runs the quick suite, which holds a small share of each long run;
``pytest -m slow --slow`` runs the full counts (10,000 fuzzed payloads, the 10,000-draw
references), as CI does after ``make test``.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow (the full fuzzing counts)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with `pytest -m slow --slow` (CI does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
