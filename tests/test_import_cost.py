"""Importing the model is cheap: heavy libraries load only when their work is asked for.

Each check runs in a fresh interpreter, so nothing another test imported can hide a cost.
Import time itself is measured by ``scripts/benchmark_import.py``, never timed here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import calculator

ROOT = Path(__file__).resolve().parent.parent

STEPS = """
import json, sys
from pathlib import Path
seen = {}
def note(step):
    seen[step] = sorted(m for m in ("numpy", "pandas", "pydantic", "streamlit", "altair") if m in sys.modules)
import calculator
note("import")
scenario = calculator.parse_scenario(Path("examples/default.toml").read_text())
note("parse")
result = calculator.compare(scenario)
note("compare")
result.summary()
note("table")
print(json.dumps(seen))
"""


def _loaded() -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", STEPS], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_heavy_libraries_load_only_when_their_work_is_asked_for():
    seen = _loaded()
    assert seen["import"] == [], "import calculator loads nothing heavy"
    assert seen["parse"] == ["pydantic"], "reading a scenario needs pydantic, not numpy"
    assert "numpy" in seen["compare"] and "pandas" not in seen["compare"], "compare() builds no table"
    assert "pandas" in seen["table"], "a table is built when asked for"
    assert all("streamlit" not in mods and "altair" not in mods for mods in seen.values())


def test_every_public_name_is_listed_and_importable():
    assert sorted(calculator.__all__) == sorted(calculator._EXPORTS)
    for name in calculator.__all__:
        assert getattr(calculator, name) is not None
    assert callable(calculator.compare), "the function, not the submodule of the same name"
