"""The README documents the two commands and every scenario field."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from calculator.scenario import Scenario

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    import typing

    out = []
    for name, info in model.model_fields.items():
        path = prefix + name
        out.append(path)
        stack, inner = [info.annotation], None
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                inner = ann
                break
            stack += list(typing.get_args(ann))
        if inner is not None:
            is_list = "tuple" in str(info.annotation)
            out += _paths(inner, path + ("[]." if is_list else "."))
    return out


def test_readme_names_the_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_readme_documents_every_scenario_field():
    missing = [p for p in _paths(Scenario) if f"`{p}`" not in README]
    assert not missing, f"README's scenario table lacks {missing}; regenerate it with scripts/scenario_fields.py"
