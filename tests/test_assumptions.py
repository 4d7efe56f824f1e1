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
    Schedule,
    load_assumptions,
    maintenance_report,
    parse_assumptions,
)
from calculator.leave_formulas import Formula
from calculator.leave_programs import COLUMNS

TOML_FILES = sorted(p for p in DEFAULT_DIRECTORY.glob("*.toml") if p.name != "help_lines.toml")
PROGRAM_TABLES = (DEFAULT_DIRECTORY / "state_leave_programs.csv", DEFAULT_DIRECTORY / "state_family_leave_programs.csv")


def _figures():
    for path in TOML_FILES:
        for key, record in tomllib.loads(path.read_text()).items():
            yield pytest.param(path.name, key, record, id=f"{path.stem}:{key}")


@pytest.mark.parametrize(("file", "key", "record"), list(_figures()))
def test_every_figure_is_complete_sourced_and_in_range(file, key, record):
    for required in ("label", "description", "unit", "updates", "values"):
        assert required in record, f"{file} {key}: missing {required}"
    assert record["unit"] in UNITS
    assert record["updates"] == "none" or re.fullmatch(r"yearly on \d\d-\d\d", record["updates"])
    assert record["values"], "at least one dated value"
    starts = [v["from"] for v in record["values"]]
    assert starts == sorted(set(starts)), "values in strictly increasing date order"
    for value in record["values"]:
        low, typical, high = value["low"], value["typical"], value["high"]
        assert low <= typical <= high
        assert low >= 0, "money and counts are never negative"
        if record["unit"] == "fraction":
            assert low >= 0 and high <= 1
        source = value["source"]
        assert source["url"].startswith(("https://", "http://"))
        assert source["reliability"] in RELIABILITY
        assert source["title"].strip()
        if source["reliability"] == "estimate":
            notes = " ".join((record.get("notes", ""), value.get("notes", ""), source.get("notes", ""))).lower()
            assert "estimate" in notes, f"{key}: an estimate must say so, with its reasoning, in its notes"
    for gap in record.get("gaps", ()):
        assert gap["reason"].strip(), "a gap says why the value is missing"


def test_figures_older_than_three_years_are_warnings_not_failures():
    library = load_assumptions()
    stale = [w for w in library.warnings if "three years" in w.message]
    for w in stale:
        warnings.warn(f"stale figure: {w}", stacklevel=1)
    assert all(library[w.key].latest.start < dt.date.today() - dt.timedelta(days=3 * 365) for w in stale)


@pytest.mark.parametrize("path", PROGRAM_TABLES, ids=lambda p: p.stem)
def test_state_program_tables_have_the_documented_columns_and_sane_values(path):
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert tuple(rows[0].keys()) == COLUMNS
    for r in rows:
        assert r["status"] in {"pays", "voluntary", "not_yet"}
        assert r["source_url"].startswith("http") and r["reliability"] in RELIABILITY
        dt.date.fromisoformat(r["effective_from"])
        dt.date.fromisoformat(r["source_read"])
        assert r["updates"] == "none" or re.fullmatch(r"yearly on \d\d-\d\d", r["updates"])
        if r["status"] == "not_yet":
            continue
        assert r["formula"] in {f.value for f in Formula}
        assert 0 < float(r["tier1_fraction"]) <= 1
        assert float(r["weekly_max_usd"]) > 0
        assert int(r["waiting_days"]) >= 0 and float(r["max_weeks"]) > 0
        assert r["intermittent"] in {"no", "hours", "days"}


STATE_ROWS = b"""state,program,weekly_max_usd,effective_from,updates
RI,TDI,1043,2024-07-01,yearly on 07-01
RI,TDI,1103,2025-07-01,yearly on 07-01
NJ,TDI,1119,2026-01-01,yearly on 01-01
"""


def test_a_state_row_is_picked_by_the_date_it_takes_effect():
    # A dated table of another name: only the generic date checks apply (no program-table schema).
    table = parse_assumptions({"dated_rows.csv": STATE_ROWS}).tables["dated_rows"]
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
        parse_assumptions({"dated_rows.csv": bad})
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


def figure(key: str, *values: str, unit: str = "USD/day", updates: str = "none", extra: str = "") -> bytes:
    """A small figure file: ``values`` are the bodies of its [[key.values]] tables (from, numbers)."""
    text = f"""
[{key}]
label = "{key}"
description = "A test figure."
unit = "{unit}"
updates = "{updates}"
{extra}
"""
    for body in values:
        text += f"""
[[{key}.values]]
{body}
[{key}.values.source]
title = "A source"
url = "https://example.org/"
read = 2026-11-28
reliability = "government"
"""
    return text.encode()


def gap(key: str, start: str, reason: str = "Not published yet.") -> bytes:
    return f'\n[[{key}.gaps]]\nfrom = {start}\nreason = "{reason}"\n'.encode()


GOOD = figure("good_figure", "from = 2026-01-01\nlow = 1\ntypical = 2\nhigh = 3")

BAD = (
    figure("has_unknown_key", "from = 2026-01-01\nlow = 1\ntypical = 2\nhigh = 3", extra='colour = "blue"')
    + figure("has_bad_unit", "from = 2026-01-01\nlow = 1\ntypical = 2\nhigh = 3", unit="dollars per fortnight")
    + b"""
[has_no_source]
label = "No source"
description = "Forgot where it came from."
unit = "fraction"
updates = "none"
[[has_no_source.values]]
from = 2026-01-01
low = 0.1
typical = 0.2
high = 0.3
"""
)

#: A yearly figure with three dated values: 100 from 2025, 110-130 from 2026, 130 from 2027.
DEDUCTIBLE = figure(
    "deductible_usd",
    "from = 2025-01-01\nlow = 100\ntypical = 100\nhigh = 100",
    "from = 2026-01-01\nlow = 110\ntypical = 120\nhigh = 130",
    "from = 2027-01-01\nlow = 130\ntypical = 130\nhigh = 130",
    unit="USD/year",
    updates="yearly on 01-01",
)


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
    out_of_order = GOOD.replace(b"low = 1\n", b"low = 5\n")
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
    assert len(table) == sum(len(f.values) for f in library.figures.values())
    assert table["Key"].nunique() == len(library.figures) >= 80
    assert table["Link"].str.startswith("http").all()
    assert set(table["Reliability"]) <= set(RELIABILITY)


def test_the_datasheet_names_every_file():
    readme = (DEFAULT_DIRECTORY / "README.md").read_text()
    for path in Path(DEFAULT_DIRECTORY).iterdir():
        if path.suffix in {".toml", ".csv"}:
            assert path.name in readme, f"assumptions/README.md does not describe {path.name}"


# ---- dated values ---------------------------------------------------------------------------


def test_the_value_in_force_is_the_latest_that_has_started_or_the_earliest_before_all():
    library = parse_assumptions({"d.toml": DEDUCTIBLE})
    fig = library["deductible_usd"]
    assert [v.start for v in fig.values] == [dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2027, 1, 1)]
    assert fig.in_force(dt.date(2024, 6, 1)).typical == 100, "before every value: the earliest"
    assert fig.in_force(dt.date(2025, 12, 31)).typical == 100
    assert fig.in_force(dt.date(2026, 1, 1)).typical == 120, "a value is in force from its own start date"
    assert fig.in_force(dt.date(2026, 7, 1)).high == 130
    assert fig.in_force(dt.date(2031, 1, 1)).typical == 130, "after every value: the latest"
    assert library.value("deductible_usd", dt.date(2026, 7, 1)) == 120
    assert library.value("deductible_usd") == 130, "no date: the newest value"
    assert (fig.low, fig.typical, fig.high) == (130, 130, 130)
    assert fig.latest is fig.values[-1] and fig.source.title == "A source"


def test_a_yearly_value_is_current_until_its_next_scheduled_update():
    fig = parse_assumptions({"d.toml": DEDUCTIBLE})["deductible_usd"]
    assert fig.valid_until(fig.values[1]) == dt.date(2027, 1, 1)
    assert fig.valid_until(fig.values[2]) == dt.date(2028, 1, 1)
    assert not fig.is_current(dt.date(2024, 12, 31)), "before the first value"
    assert fig.is_current(dt.date(2025, 1, 1))
    assert fig.is_current(dt.date(2027, 12, 31))
    assert not fig.is_current(dt.date(2028, 1, 1)), "the 2028 value was due and is not recorded"
    fixed = parse_assumptions({"g.toml": GOOD})["good_figure"]
    assert fixed.updates is None and fixed.valid_until(fixed.latest) is None
    assert fixed.is_current(dt.date(2040, 1, 1)), "a figure with no schedule stays current"


def test_a_late_value_keeps_the_one_before_it_current_until_it_starts():
    late = figure(
        "late_usd",
        "from = 2026-01-01\nlow = 1\ntypical = 1\nhigh = 1",
        "from = 2027-03-01\nlow = 2\ntypical = 2\nhigh = 2",
        updates="yearly on 01-01",
    )
    fig = parse_assumptions({"l.toml": late})["late_usd"]
    assert fig.is_current(dt.date(2027, 2, 1)), "the 2026 value was in force until the late value started"
    assert fig.in_force(dt.date(2027, 2, 1)).typical == 1


def test_a_schedule_names_the_next_update_strictly_after_a_date():
    fiscal = Schedule.parse("yearly on 10-01")
    assert fiscal == Schedule(10, 1) and str(fiscal) == "yearly on 10-01"
    assert fiscal.next_after(dt.date(2025, 10, 1)) == dt.date(2026, 10, 1)
    assert fiscal.next_after(dt.date(2025, 9, 30)) == dt.date(2025, 10, 1)
    assert fiscal.next_after(dt.date(2025, 12, 31)) == dt.date(2026, 10, 1)
    assert Schedule.parse("none") is None
    for bad in ("yearly", "monthly on 01", "yearly on 13-01", "yearly on 02-29", "yearly on 1-1"):
        with pytest.raises(ValueError):
            Schedule.parse(bad)


def test_overrides_apply_on_every_date_and_keep_the_library_values():
    library = parse_assumptions({"d.toml": DEDUCTIBLE})
    changed = library.with_overrides({"deductible_usd": 99})
    for on in (None, dt.date(2024, 1, 1), dt.date(2026, 6, 1), dt.date(2030, 1, 1)):
        assert changed.value("deductible_usd", on) == 99
    fig = changed["deductible_usd"]
    assert fig.override == 99 and fig.overridden and fig.default_typical == 130
    assert changed.overridden() == {"deductible_usd": (99.0, 130.0)}
    assert library.value("deductible_usd", dt.date(2026, 6, 1)) == 120, "the original set is unchanged"
    table = changed.table()
    assert list(table["Typical"]) == [99, 99, 99]
    assert list(table["Library default"]) == [100, 120, 130]
    assert changed != library and changed == library.with_overrides({"deductible_usd": 99})


def test_pinned_sets_every_low_and_high_to_its_typical():
    library = parse_assumptions({"d.toml": DEDUCTIBLE + GOOD})
    pinned = library.pinned()
    middle = pinned["deductible_usd"].values[1]
    assert (middle.low, middle.typical, middle.high) == (120, 120, 120)
    assert (pinned["good_figure"].low, pinned["good_figure"].high) == (2, 2)
    assert pinned.value("deductible_usd", dt.date(2025, 6, 1)) == 100, "typical values do not move"
    assert library["deductible_usd"].values[1].low == 110, "the original set is unchanged"
    assert pinned != library and pinned.version == library.version
    kept = library.with_overrides({"good_figure": 2.5}).pinned()
    assert kept.value("good_figure") == 2.5, "an override survives pinning"


def test_the_table_has_one_row_per_dated_value_with_from_and_until():
    table = parse_assumptions({"d.toml": DEDUCTIBLE, "g.toml": GOOD}).table()
    rows = table[table["Key"] == "deductible_usd"]
    assert list(rows["From"]) == ["2025-01-01", "2026-01-01", "2027-01-01"]
    assert list(rows["Until"]) == ["2026-01-01", "2027-01-01", "2028-01-01"]
    assert list(rows["Typical"]) == [100, 120, 130] and list(rows["Low"]) == [100, 110, 130]
    assert rows["Library default"].isna().all()
    good = table[table["Key"] == "good_figure"].iloc[0]
    assert good["From"] == "2026-01-01" and good["Until"] == "", "no schedule, no end date"
    assert {"Figure", "Unit", "Reliability", "Source", "Link", "Read", "Notes", "File"} <= set(table.columns)


def test_unknown_keys_in_a_value_or_a_gap_are_errors():
    value = figure("odd_value", "from = 2026-01-01\nlow = 1\ntypical = 2\nhigh = 3\ncolour = 'blue'")
    odd_gap = GOOD.replace(b"good_figure", b"odd_gap") + gap("odd_gap", "2027-01-01") + b"colour = 'red'\n"
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"v.toml": value, "g.toml": odd_gap})
    messages = {p.key: p.message for p in caught.value.problems}
    assert messages["odd_value"] == "values[0]: unknown key 'colour'"
    assert messages["odd_gap"] == "gaps[0]: unknown key 'colour'"


def test_values_must_start_on_strictly_increasing_dates():
    backwards = figure(
        "backwards",
        "from = 2026-01-01\nlow = 1\ntypical = 1\nhigh = 1",
        "from = 2025-01-01\nlow = 2\ntypical = 2\nhigh = 2",
    )
    twice = figure(
        "twice",
        "from = 2026-01-01\nlow = 1\ntypical = 1\nhigh = 1",
        "from = 2026-01-01\nlow = 2\ntypical = 2\nhigh = 2",
    )
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"b.toml": backwards, "t.toml": twice, "e.toml": figure("empty")})
    messages = {p.key: p.message for p in caught.value.problems}
    assert "strictly increasing 'from' order: 2025-01-01 follows 2026-01-01" in messages["backwards"]
    assert "strictly increasing 'from' order: 2026-01-01 follows 2026-01-01" in messages["twice"]
    assert "values" in messages["empty"]


def test_the_schema_rejects_a_bad_schedule_and_a_misplaced_gap():
    bad_schedule = GOOD.replace(b'updates = "none"', b'updates = "every spring"')
    early_gap = GOOD.replace(b"good_figure", b"early_gap") + gap("early_gap", "2025-06-01")
    same_day = GOOD.replace(b"good_figure", b"same_day") + gap("same_day", "2026-01-01")
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"a.toml": bad_schedule, "b.toml": early_gap, "c.toml": same_day})
    messages = {p.key: p.message for p in caught.value.problems}
    assert "yearly on MM-DD" in messages["good_figure"]
    assert "comes before the first value" in messages["early_gap"]
    assert "must come after the value it follows" in messages["same_day"]


# ---- coverage of 2026-2027 ------------------------------------------------------------------


def test_a_scheduled_figure_must_have_a_current_value_or_a_declared_gap_every_day_of_2026_and_2027():
    one_year = figure("cms_amount_usd", "from = 2026-01-01\nlow = 5\ntypical = 5\nhigh = 5", updates="yearly on 01-01")
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"m.toml": one_year})
    (problem,) = caught.value.problems
    assert (problem.file, problem.key) == ("m.toml", "cms_amount_usd")
    assert "no current value on 2027-01-01" in problem.message

    declared = one_year + gap("cms_amount_usd", "2027-01-01", "CY2027 amounts not published yet.")
    fig = parse_assumptions({"m.toml": declared})["cms_amount_usd"]
    assert fig.gap_on(dt.date(2026, 12, 31)) is None
    assert fig.gap_on(dt.date(2027, 6, 1)).reason == "CY2027 amounts not published yet."
    assert fig.typical_on(dt.date(2027, 6, 1)) == 5, "the 2026 value stays in force during the gap"


def test_a_figure_starting_mid_span_or_on_a_fiscal_year_is_uncovered_where_its_values_stop():
    mid = figure("mid_usd", "from = 2026-03-01\nlow = 1\ntypical = 1\nhigh = 1", updates="yearly on 03-01")
    fiscal = figure("gsa_usd", "from = 2025-10-01\nlow = 1\ntypical = 1\nhigh = 1", updates="yearly on 10-01")
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"m.toml": mid, "f.toml": fiscal})
    messages = {p.key: p.message for p in caught.value.problems}
    assert "no current value on 2026-01-01" in messages["mid_usd"], "before the first value counts as uncovered"
    assert "no current value on 2026-10-01" in messages["gsa_usd"]


def test_a_gap_covers_only_until_a_later_value_starts():
    late = figure(
        "late_usd",
        "from = 2025-01-01\nlow = 1\ntypical = 1\nhigh = 1",
        "from = 2026-03-01\nlow = 2\ntypical = 2\nhigh = 2",
        updates="yearly on 01-01",
    ) + gap("late_usd", "2026-01-01")
    with pytest.raises(AssumptionsError) as caught:
        parse_assumptions({"l.toml": late})
    (problem,) = caught.value.problems
    # 2026-01-01 to 02-28 is the gap; the value from 2026-03-01 is valid until 2027-01-01.
    assert "no current value on 2027-01-01" in problem.message
    fig = parse_assumptions({"l.toml": late + gap("late_usd", "2027-01-01")})["late_usd"]
    assert fig.gap_on(dt.date(2026, 2, 1)).start == dt.date(2026, 1, 1)
    assert fig.gap_on(dt.date(2026, 3, 1)) is None, "the later value ends the first gap"
    assert fig.gap_on(dt.date(2027, 1, 1)).start == dt.date(2027, 1, 1)


def test_a_figure_with_no_schedule_needs_no_coverage():
    old = figure("old_survey_usd", "from = 2010-01-01\nlow = 1\ntypical = 1\nhigh = 1")
    library = parse_assumptions({"o.toml": old}, today=dt.date(2026, 12, 2))
    assert library.value("old_survey_usd") == 1
    (warning,) = library.warnings
    assert warning.key == "old_survey_usd" and "2010-01-01, more than three years ago" in warning.message


def test_the_shipped_library_keeps_its_public_shape():
    library = load_assumptions()
    fig = library["medicare_part_a_deductible_usd"]
    assert (fig.low, fig.typical, fig.high) == (1736, 1736, 1736)
    assert fig.in_force(dt.date(2026, 6, 1)).start == dt.date(2026, 1, 1)
    assert str(fig.updates) == "yearly on 01-01" and fig.gap_on(dt.date(2027, 2, 1)) is not None
    assert fig.label and fig.unit == "USD/benefit period" and fig.source.reliability == "government"
    assert library.value("hotel_usd_per_night", dt.date(2026, 1, 1)) == 110
    rows = library.tables["state_leave_programs"].rows
    assert {r["state"] for r in rows} >= {"CA", "RI"} and "weekly_max_usd" in rows[0]


# ---- maintenance --------------------------------------------------------------------------------


def test_the_maintenance_report_lists_a_yearly_figure_once_its_next_value_is_due():
    library = parse_assumptions({"d.toml": DEDUCTIBLE})
    assert maintenance_report(library, dt.date(2027, 12, 31)) == []
    assert maintenance_report(library, dt.date(2028, 1, 1)) == [
        ("deductible_usd", "a new value was due 2028-01-01 (yearly on 01-01) and none is recorded")
    ]
    assert not library["deductible_usd"].is_current(dt.date(2028, 1, 1))


def test_the_maintenance_report_names_a_declared_gap_and_old_figures():
    fiscal = figure("gsa_usd", "from = 2025-10-01\nlow = 1\ntypical = 1\nhigh = 1", updates="yearly on 10-01") + gap(
        "gsa_usd", "2026-10-01", "FY2027 rates not read."
    )
    old = figure("old_survey_usd", "from = 2010-01-01\nlow = 1\ntypical = 1\nhigh = 1")
    library = parse_assumptions({"f.toml": fiscal, "o.toml": old}, today=dt.date(2026, 12, 2))
    assert maintenance_report(library, dt.date(2026, 9, 30)) == [
        ("old_survey_usd", "newest value took effect 2010-01-01, more than three years ago")
    ]
    assert maintenance_report(library, dt.date(2026, 12, 2)) == [
        (
            "gsa_usd",
            "a new value was due 2026-10-01 (yearly on 10-01) and none is recorded "
            "(declared gap: FY2027 rates not read.)",
        ),
        ("old_survey_usd", "newest value took effect 2010-01-01, more than three years ago"),
    ]


def test_the_maintenance_report_checks_each_state_row_by_its_own_schedule():
    library = parse_assumptions({"dated_rows.csv": STATE_ROWS})
    assert maintenance_report(library, dt.date(2026, 6, 30)) == []
    assert maintenance_report(library, dt.date(2026, 7, 1)) == [
        ("dated_rows:RI", "a new row was due 2026-07-01 (yearly on 07-01) and none is recorded")
    ]
    due = dict(maintenance_report(library, dt.date(2027, 1, 1)))
    assert set(due) == {"dated_rows:RI", "dated_rows:NJ"}


def test_the_shipped_library_report_on_a_december_day_is_next_years_checklist():
    report = maintenance_report(load_assumptions(), dt.date(2026, 12, 2))
    due = {key for key, reason in report if "was due" in reason}
    # GSA, HUD and the Medicaid maxima were due on 2026-10-01; the IOP and PHP per diems since 2025;
    # the RI/OR/CO/ME caps on 2026-07-01 and DC's on 2026-10-01 (MA and CT now have 2026 rows).
    programs = {f"{t}:{s}" for t in ("state_leave_programs", "state_family_leave_programs") for s in ("OR", "CO", "DC")}
    assert due == {
        "hotel_usd_per_night",
        "meals_usd_per_day",
        "rental_one_bedroom_usd_per_month",
        "medicaid_copay_per_day_usd",
        "medicaid_copay_per_admission_usd",
        "medicare_iop_hospital_per_diem_usd_per_day",
        # payers.toml: the 2026 combined MA limit, the 2025+ Plan L limit and the indexed
        # Medicaid maxima were not found (declared gaps).
        "medicare_advantage_combined_moop_usd",
        "medigap_plan_l_oop_limit_usd",
        "medicaid_max_copay_outpatient_usd",
        "medicaid_max_copay_inpatient_stay_usd",
        "medicare_php_hospital_per_diem_usd_per_day",
        "state_leave_programs:RI",
        "state_family_leave_programs:RI",
        "state_leave_programs:ME",
        "state_family_leave_programs:ME",
        *programs,
    }
    # Each names the gap declared for it, so the checklist says why the value is missing.
    assert all("declared gap" in reason for key, reason in report if "was due" in reason)
    stale = {key for key, reason in report if "three years" in reason}
    assert {"std_replacement_fraction", "school_hours_per_week", "residential_price_usd_per_day"} <= stale
    assert "medicare_part_a_deductible_usd" not in {key for key, _ in report}, "its 2027 value is due on 2027-01-01"


def test_a_unit_that_is_not_a_word_is_a_problem_not_a_crash():
    from calculator.assumptions import AssumptionsError, parse_assumptions

    text = b"""
[x]
label = "X"
description = "X."
unit = ["USD"]
updates = "none"
[[x.values]]
from = 2026-01-01
low = 1
typical = 1
high = 1
[x.values.source]
title = "T"
url = "https://example.org"
read = 2026-11-28
reliability = "estimate"
"""
    with pytest.raises(AssumptionsError, match="unknown unit"):
        parse_assumptions({"a.toml": text})
