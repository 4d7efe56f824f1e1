"""Data lint over every assumptions file, and the loader's error collection."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import warnings
from pathlib import Path

import pytest

from calculator.assumptions import (
    DEFAULT_DIRECTORY,
    RELIABILITY,
    UNITS,
    AssumptionsError,
    load_assumptions,
    parse_assumptions,
)

TOML_FILES = sorted(p for p in DEFAULT_DIRECTORY.glob("*.toml") if p.name != "help_lines.toml")
STATE_TABLE = DEFAULT_DIRECTORY / "state_leave_programs.csv"
STATE_COLUMNS = (
    "state,program,covers_own_illness,first_tier_fraction,first_tier_limit_usd_per_week,upper_tier_fraction,"
    "weekly_max_usd,waiting_days,max_weeks,effective_from,updates,source_title,source_url,reliability,notes"
).split(",")


def _figures():
    for path in TOML_FILES:
        for key, record in tomllib.loads(path.read_text()).items():
            yield pytest.param(path.name, key, record, id=f"{path.stem}:{key}")


@pytest.mark.parametrize(("file", "key", "record"), list(_figures()))
def test_every_figure_is_complete_sourced_and_in_range(file, key, record):
    for required in ("label", "description", "unit", "low", "typical", "high", "as_of", "source"):
        assert required in record, f"{file} {key}: missing {required}"
    assert record["unit"] in UNITS
    low, typical, high = record["low"], record["typical"], record["high"]
    assert low <= typical <= high
    assert low >= 0, "money and counts are never negative"
    if record["unit"] == "fraction":
        assert low >= 0 and high <= 1
    source = record["source"]
    assert source["url"].startswith(("https://", "http://"))
    assert source["reliability"] in RELIABILITY
    assert source["title"].strip()
    if source["reliability"] == "estimate":
        assert "estimate" in record.get("notes", "").lower() or "estimate" in source.get("notes", "").lower(), (
            f"{key}: an estimate must say so, with its reasoning, in its notes"
        )


def test_figures_older_than_three_years_are_warnings_not_failures():
    library = load_assumptions()
    stale = [w for w in library.warnings if "three years" in w.message]
    for w in stale:
        warnings.warn(f"stale figure: {w}", stacklevel=1)
    assert all(library[w.key].as_of < dt.date.today() - dt.timedelta(days=3 * 365) for w in stale)


def test_state_leave_table_has_the_documented_columns_and_sane_values():
    rows = list(csv.DictReader(io.StringIO(STATE_TABLE.read_text())))
    assert list(rows[0].keys()) == STATE_COLUMNS
    states = {r["state"] for r in rows}
    assert {"CA", "NJ", "NY", "RI", "WA", "MA", "CT", "OR", "CO"} <= states
    for r in rows:
        assert r["covers_own_illness"] in {"true", "false"}
        assert 0 < float(r["first_tier_fraction"]) <= 1 and 0 < float(r["upper_tier_fraction"]) <= 1
        assert float(r["weekly_max_usd"]) > 0
        assert int(r["waiting_days"]) >= 0 and int(r["max_weeks"]) > 0
        assert r["source_url"].startswith("http") and r["reliability"] in RELIABILITY
        dt.date.fromisoformat(r["effective_from"])
        assert r["updates"] == "none" or re.fullmatch(r"yearly on \d\d-\d\d", r["updates"])


STATE_ROWS = b"""state,program,weekly_max_usd,effective_from,updates
RI,TDI,1043,2024-07-01,yearly on 07-01
RI,TDI,1103,2025-07-01,yearly on 07-01
NJ,TDI,1119,2026-01-01,yearly on 01-01
"""


def test_a_state_row_is_picked_by_the_date_it_takes_effect():
    table = parse_assumptions({"state_leave_programs.csv": STATE_ROWS}).tables["state_leave_programs"]
    assert table.rows_for("RI", dt.date(2024, 3, 1))["weekly_max_usd"] == "1043", "before all rows: the earliest"
    assert table.rows_for("RI", dt.date(2024, 7, 1))["weekly_max_usd"] == "1043"
    assert table.rows_for("RI", dt.date(2025, 6, 30))["weekly_max_usd"] == "1043"
    assert table.rows_for("RI", dt.date(2025, 7, 1))["weekly_max_usd"] == "1103"
    assert table.rows_for("RI", dt.date(2030, 1, 1))["weekly_max_usd"] == "1103", "after all rows: the latest"
    assert table.rows_for("NJ", dt.date(2020, 1, 1))["weekly_max_usd"] == "1119"
    assert table.rows_for("TX", dt.date(2026, 1, 1)) is None
    assert len(table.rows) == 3, "rows keep every row, as before"


def test_a_state_row_needs_a_date_that_parses_once_per_state_and_a_known_schedule():
    bad = (
        STATE_ROWS
        + b"RI,TDI,1200,2025-07-01,yearly on 07-01\nNY,DBL,170,someday,none\nCA,SDI,1765,2026-01-01,monthly\n"
    )
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"state_leave_programs.csv": bad})
    messages = {p.key: p.message for p in caught.value.problems}
    assert "RI has two rows effective from 2025-07-01" in messages["line 5"]
    assert "effective_from must be an ISO date" in messages["line 6"]
    assert "yearly on MM-DD" in messages["line 7"]
    with pytest.raises(AssumptionsError, match="missing column"):
        parse_assumptions({"state_leave_programs.csv": b"state,weekly_max_usd,as_of\nRI,1103,2025-07-01\n"})


def test_help_lines_include_988_911_and_the_samhsa_helpline():
    lines = {h.key: h for h in load_assumptions().help_lines}
    assert "988" in lines["crisis_988"].contact
    assert "911" in lines["emergency_911"].contact
    assert "662-4357" in lines["samhsa_helpline"].contact
    assert [h.key for h in load_assumptions().help_lines][0] == "emergency_911"


GOOD = b"""
[good_figure]
label = "Good"
description = "A figure with everything."
unit = "USD/day"
low = 1
typical = 2
high = 3
as_of = 2026-01-01
[good_figure.source]
title = "A source"
url = "https://example.org/"
read = 2026-11-28
reliability = "government"
"""

BAD = b"""
[has_unknown_key]
label = "Unknown key"
description = "Has a key the schema does not know."
unit = "USD/day"
low = 1
typical = 2
high = 3
as_of = 2026-01-01
colour = "blue"
[has_unknown_key.source]
title = "A source"
url = "https://example.org/"
read = 2026-11-28
reliability = "government"

[has_bad_unit]
label = "Bad unit"
description = "Uses a unit outside the vocabulary."
unit = "dollars per fortnight"
low = 1
typical = 2
high = 3
as_of = 2026-01-01
[has_bad_unit.source]
title = "A source"
url = "https://example.org/"
read = 2026-11-28
reliability = "survey"

[has_no_source]
label = "No source"
description = "Forgot where it came from."
unit = "fraction"
low = 0.1
typical = 0.2
high = 0.3
as_of = 2026-01-01
"""


def test_one_error_names_every_problem_with_its_file_and_key():
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"good.toml": GOOD, "bad.toml": BAD})
    problems = {(p.file, p.key): p.message for p in caught.value.problems}
    assert ("bad.toml", "has_unknown_key") in problems and "colour" in problems[("bad.toml", "has_unknown_key")]
    assert ("bad.toml", "has_bad_unit") in problems and "unit" in problems[("bad.toml", "has_bad_unit")]
    assert ("bad.toml", "has_no_source") in problems and "source" in problems[("bad.toml", "has_no_source")]
    text = str(caught.value)
    for key in ("has_unknown_key", "has_bad_unit", "has_no_source"):
        assert f"bad.toml [{key}]" in text
    assert "good_figure" not in text


def test_range_and_fraction_rules_are_enforced():
    out_of_order = GOOD.replace(b"low = 1", b"low = 5")
    not_a_fraction = GOOD.replace(b'unit = "USD/day"', b'unit = "fraction"')
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"x.toml": out_of_order, "y.toml": not_a_fraction.replace(b"good_figure", b"other")})
    messages = {p.file: p.message for p in caught.value.problems}
    assert "low <= typical <= high" in messages["x.toml"]
    assert "between 0 and 1" in messages["y.toml"]


def test_the_set_is_immutable_versioned_and_overridable():
    library = parse_assumptions({"good.toml": GOOD})
    assert len(library.version) == 12
    other = parse_assumptions({"good.toml": GOOD + b"\n"})
    assert other.version != library.version, "the stamp covers every byte of every file"
    with pytest.raises(TypeError):
        library.figures["good_figure"] = None  # type: ignore[index]
    changed = library.with_overrides({"good_figure": 2.5})
    assert changed.value("good_figure") == 2.5 and library.value("good_figure") == 2
    assert changed.overridden() == {"good_figure": (2.5, 2.0)}
    table = changed.table()
    assert table.loc[0, "Library default"] == 2.0 and table.loc[0, "Typical"] == 2.5
    with pytest.raises(AssumptionsError, match="no such assumption"):
        library.with_overrides({"nope": 1})
    with pytest.raises(AssumptionsError, match="zero or more"):
        library.with_overrides({"good_figure": -1})


def test_the_shipped_library_loads_with_a_table_of_every_figure():
    library = load_assumptions()
    table = library.table()
    assert len(table) == len(library.figures) >= 80
    assert table["Link"].str.startswith("http").all()
    assert set(table["Reliability"]) <= set(RELIABILITY)


def test_the_datasheet_names_every_file():
    readme = (DEFAULT_DIRECTORY / "README.md").read_text()
    for path in Path(DEFAULT_DIRECTORY).iterdir():
        if path.suffix in {".toml", ".csv"}:
            assert path.name in readme, f"assumptions/README.md does not describe {path.name}"
