"""The README documents the two commands and every scenario field, exactly as the model describes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from calculator import paths, schema

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _scenario_fields_script():
    spec = importlib.util.spec_from_file_location("scenario_fields", ROOT / "scripts" / "scenario_fields.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_names_the_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_readme_scenario_table_is_the_scripts_output():
    script = _scenario_fields_script()
    assert script.readme_table(README) == script.table(), (
        "README's scenario table differs from the model; regenerate it with "
        "`PYTHONPATH=. python scripts/scenario_fields.py --write README.md`"
    )


def test_readme_documents_every_scenario_field():
    missing = [p for p in schema.specs() if f"`{paths.schema_path(p)}`" not in README]
    assert not missing, f"README's scenario table lacks {missing}"
