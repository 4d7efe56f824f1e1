"""Every library key the model can ask for exists, and only calculator/keys.py spells keys."""

from __future__ import annotations

import ast
from pathlib import Path

from calculator import keys
from calculator.compare import default_assumptions

CALCULATOR = Path(__file__).resolve().parent.parent / "calculator"


def test_every_key_the_model_can_form_is_in_the_library():
    library = default_assumptions()
    missing = sorted(k for k in keys.all_keys() if k not in library)
    assert not missing, f"keys the model asks for but the library lacks: {missing}"


def test_level_prices_use_the_unit_the_library_has():
    # A standard outpatient session is priced per session; every other level per day.
    assert keys.price("outpatient") == "outpatient_price_usd_per_session"
    assert keys.price("iop") == "iop_price_usd_per_day"


def _key_literals(path: Path, library_keys: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in library_keys:
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
        if isinstance(node, ast.JoinedStr):
            pieces = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if pieces.startswith("_") and any(k.endswith(pieces) for k in library_keys if len(pieces) > 4):
                found.append(f"{path.name}:{node.lineno}: an f-string builds a library key ({pieces!r})")
    return found


def _field_names(model) -> set[str]:
    """Every scenario field name, nested models included (some share a name with a library key:
    ``visits_per_week`` is both the family's entry and the library's typical figure)."""
    import typing

    from pydantic import BaseModel

    names = set()
    for name, info in model.model_fields.items():
        names.add(name)
        stack = [info.annotation]
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                names |= _field_names(ann)
            stack += list(typing.get_args(ann))
    return names


def test_library_keys_are_spelt_only_in_keys_py():
    from calculator.scenario import Scenario

    library_keys = set(default_assumptions().figures) - _field_names(Scenario)
    found = []
    for path in sorted(CALCULATOR.rglob("*.py")):
        if path.name != "keys.py":
            found += _key_literals(path, library_keys)
    assert not found, "\n".join(found)
