"""The layers stay apart: a pure model, an engine fed only resolved inputs, no figures in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CALCULATOR = Path(__file__).resolve().parent.parent / "calculator"
ENGINE = CALCULATOR / "engine"


def _imports(path: Path) -> set[str]:
    """Top-level names imported, relative imports resolved against the ``calculator`` package."""
    tree = ast.parse(path.read_text())
    package = path.relative_to(CALCULATOR.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names |= {f"{module}.{a.name}" for a in node.names}
    return names


def _model_files() -> list[Path]:
    return sorted(CALCULATOR.rglob("*.py"))


def test_the_model_never_imports_streamlit_altair_or_the_faces():
    found = {}
    for path in _model_files():
        if path.name == "__main__.py":
            continue  # the launcher of the command-line face
        bad = {n for n in _imports(path) if n.split(".")[0] in {"streamlit", "altair", "ui"}}
        if bad:
            found[str(path.relative_to(CALCULATOR))] = bad
    assert not found


def test_the_engine_takes_only_resolved_inputs():
    # The engine's arithmetic never reaches back to the scenario, the library or the resolver.
    forbidden = ("calculator.scenario", "calculator.assumptions", "calculator.resolve", "calculator.compare")
    found = {}
    for path in sorted(ENGINE.glob("*.py")) + [CALCULATOR / "insurance.py"]:
        bad = {n for n in _imports(path) if n.startswith(forbidden)}
        if bad:
            found[path.name] = bad
    assert not found


def _code_lines(node: ast.FunctionDef) -> int:
    """Lines of a function's code, its docstring not counted."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return (body[-1].end_lineno - body[0].lineno + 1) if body else 0


def test_the_engine_has_no_long_functions():
    # Each rule reads as a short function (the limit: about 60 lines of code).
    long = []
    for path in sorted(ENGINE.glob("*.py")) + [CALCULATOR / "insurance.py", CALCULATOR / "resolve.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and _code_lines(node) > 60:
                long.append(f"{path.name}:{node.name} ({_code_lines(node)} lines)")
    assert not long


def test_no_dollar_literals_in_the_model():
    # Dollar figures belong in assumptions/; code may hold only structural constants.
    pattern = re.compile(r"\$\s?\d|\b\d{3,}\.\d{2}\b")
    found = []
    for path in _model_files():
        for n, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            if pattern.search(code) and '"' not in code and "'" not in code:
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, found


def test_the_import_check_sees_relative_imports():
    # The checks above rely on resolving "from ..resolve import x" inside calculator/engine/.
    names = _imports(ENGINE / "treatment.py")
    assert "calculator.insurance" in names and "calculator.inputs" in names
