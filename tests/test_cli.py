"""The command line: compare a file in three formats; print an example; errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator import compare, load_example
from calculator.money import usd
from ui.words import EN

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True, text=True, input=stdin
    )


def test_example_prints_a_scenario_that_compare_accepts(tmp_path):
    out = run("example")
    assert out.returncode == 0
    path = tmp_path / "s.toml"
    path.write_text(out.stdout)
    table = run("compare", str(path))
    assert table.returncode == 0, table.stderr
    expected = compare(load_example("default"))
    assert EN.headline(expected) in table.stdout
    assert "988" in table.stdout


def test_json_and_csv_carry_the_same_totals():
    path = ROOT / "examples" / "single-parent-hourly.toml"
    expected = compare(load_example("single-parent-hourly"))
    data = json.loads(run("compare", str(path), "--format", "json").stdout)
    for option, mine in zip(data["options"], expected.options, strict=True):
        assert option["totals_usd"]["family_total"] == pytest.approx(mine.totals["family_total"], abs=0.005)
    rows = list(csv.DictReader(io.StringIO(run("compare", str(path), "--format", "csv").stdout)))
    counted = [r for r in rows if r["in_total"] == "True" and r["option"] == expected.options[0].name]
    assert sum(float(r["amount_usd"]) for r in counted) == pytest.approx(
        expected.options[0].totals["family_total"], abs=0.005
    )


def test_a_bad_file_lists_its_problems_and_exits_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(run("example").stdout.replace("length_days = 30", "length_days = 900"))
    out = run("compare", str(path))
    assert out.returncode == 2
    assert "options[0].stages[0].length_days: out of range: allowed 1 to 365 (got 900)" in out.stderr
    assert "Traceback" not in out.stderr
    missing = run("compare", str(tmp_path / "nope.toml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_several_files_give_one_csv_row_per_file_and_option_and_a_bad_file_is_named(tmp_path):
    files = [str(ROOT / "examples" / f"{n}.toml") for n in ("default", "medicare-beneficiary")]
    out = run("compare", *files, "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(Path(r["file"]).stem, r["option"]) for r in rows] == [
        ("default", o.name) for o in compare(load_example("default")).options
    ] + [("medicare-beneficiary", o.name) for o in compare(load_example("medicare-beneficiary")).options]
    medicare = compare(load_example("medicare-beneficiary"))
    assert float(rows[2]["family_total"]) == pytest.approx(medicare.options[0].totals["family_total"], abs=0.005)
    bad = tmp_path / "client-7.toml"
    bad.write_text("start_date = 2027-01-01\n")
    mixed = run("compare", files[0], str(bad), "--format", "csv")
    assert mixed.returncode == 2
    assert f"{bad}: " in mixed.stderr and "options: is required" in mixed.stderr
    assert len(list(csv.DictReader(io.StringIO(mixed.stdout)))) == 2, "the good file is still reported"


def test_assumptions_prints_the_refresh_checklist_with_each_declared_gap():
    out = run("assumptions", "--date", "2026-12-02")
    assert out.returncode == 0, out.stderr
    # GSA rates were due on 2026-10-01 and Oregon's row on 2026-07-01, each with the reason it is missing.
    assert "- hotel_usd_per_night: a new value was due 2026-10-01" in out.stdout
    assert "- state_leave_programs:OR: a new row was due 2026-07-01" in out.stdout
    assert "declared gap: The state average weekly wage" in out.stdout
    assert "Newest value older than three years" in out.stdout and "std_replacement_fraction" in out.stdout
    # On the last day of 2026 the Medicare deductible is not due yet; on 2027-01-02 it is.
    assert "medicare_part_a_deductible_usd" not in run("assumptions", "--date", "2026-12-31").stdout
    assert (
        "medicare_part_a_deductible_usd: a new value was due 2027-01-01"
        in run("assumptions", "--date", "2027-01-02").stdout
    )


def test_assumptions_refuses_a_bad_date_without_a_traceback():
    out = run("assumptions", "--date", "next week")
    assert out.returncode == 2 and "not a date (YYYY-MM-DD)" in out.stderr and "Traceback" not in out.stderr


def test_every_format_carries_leave_used_and_the_after_tax_totals():
    path = ROOT / "examples" / "default.toml"
    expected = compare(load_example("default"))
    table = run("compare", str(path)).stdout
    data = json.loads(run("compare", str(path), "--format", "json").stdout)
    assert "estimate, not tax advice" in table and "estimate, not tax advice" in data["after_tax_note"]
    for option, mine in zip(data["options"], expected.options, strict=True):
        assert EN.leave_caption(mine) in table and option["leave_used"] == EN.leave_caption(mine)
        for code in ("leave_used", "family_total_with_leave", "family_total_after_tax"):
            assert option["totals_usd"][code] == pytest.approx(mine.totals[code], abs=0.005)
            assert usd(mine.totals[code], decimals=2) in table
    rows = list(csv.DictReader(io.StringIO(run("compare", str(path), "--format", "csv").stdout)))
    first = expected.options[0]
    for code in ("family_total_with_leave", "family_total_after_tax"):
        lines = [r for r in rows if r["option"] == first.name and r["counted_in"] in ("family_total", code)]
        assert sum(float(r["amount_usd"]) for r in lines) == pytest.approx(first.totals[code], abs=0.005)
