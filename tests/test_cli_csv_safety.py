"""The command line's CSV opens in a spreadsheet as text: no formula runs, no row splits.

Option names, added costs' labels and file names are the family's or the counselor's own text;
a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a
spreadsheet (CSV injection), and a bare carriage return ends a row in some of them.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import tomli_w

from calculator import load_example, scenario_to_dict
from ui.cli import FORMULA_STARTS

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NAMES = ['=HYPERLINK("http://evil.example","call")', "+1+2\rsecond line", "@SUM(A1)"]


def _hostile_file(tmp_path: Path, name: str) -> Path:
    data = scenario_to_dict(load_example("default"))
    data["options"][0]["name"] = HOSTILE_NAMES[0]
    data["options"][1]["name"] = HOSTILE_NAMES[1]
    data["options"][1]["other_costs"] = [
        {"label": HOSTILE_NAMES[2], "amount_usd": 40.0},
        {"label": "-2\tminus", "amount_usd": 3.0},
    ]
    path = tmp_path / name
    path.write_text(tomli_w.dumps(data))
    return path


def _run(*args: str) -> str:
    # Bytes, decoded by hand: text mode would turn the carriage return under test into a newline.
    out = subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode("utf-8")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _assert_no_formula(rows: list[list[str]]) -> None:
    """No text cell starts like a formula (a number such as -8.69 is a number, not a formula)."""
    for row in rows:
        for cell in row:
            assert _is_number(cell) or not cell.startswith(FORMULA_STARTS), repr(cell)


def test_one_files_csv_neutralises_formulas_and_keeps_rows_whole(tmp_path):
    text = _run("compare", str(_hostile_file(tmp_path, "client.toml")), "--format", "csv")
    rows = _rows(text)
    header, body = rows[0], rows[1:]
    _assert_no_formula(rows)
    assert all(len(row) == len(header) for row in body), "no row split by a carriage return"
    options = {row[header.index("option")] for row in body}
    assert options == {"'" + HOSTILE_NAMES[0], "'" + HOSTILE_NAMES[1]}, "the text itself is kept, marked as text"
    assert any(row[header.index("item")] for row in body)
    for row in body:
        float(row[header.index("amount_usd")])  # numbers stay numbers


def test_a_caseloads_csv_neutralises_file_names_and_option_names(tmp_path):
    files = [_hostile_file(tmp_path, "=cmd.toml"), _hostile_file(tmp_path, "plain.toml")]
    text = _run("compare", *map(str, files), "--format", "csv")
    rows = _rows(text)
    _assert_no_formula(rows)
    header = rows[0]
    assert len(rows) == 1 + 2 * 2, "one row per file and option"
    assert all(len(row) == len(header) for row in rows[1:])
    for row in rows[1:]:
        float(row[header.index("family_total")])
