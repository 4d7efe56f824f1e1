"""The model stays pure: no Streamlit, no charts, no dollar figures in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CALCULATOR = Path(__file__).resolve().parent.parent / "calculator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_calculator_never_imports_streamlit_or_altair():
    offenders = {p.name: _imports(p) & {"streamlit", "altair"} for p in CALCULATOR.glob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}


def test_no_dollar_literals_in_the_model():
    # Dollar figures belong in assumptions/; code may hold only structural constants.
    pattern = re.compile(r"\$\s?\d|\b\d{3,}\.\d{2}\b")
    found = []
    for path in CALCULATOR.glob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            if pattern.search(code) and '"' not in code and "'" not in code:
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, found
