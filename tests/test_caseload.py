"""Caseloads: a spreadsheet of clients in, a spreadsheet of results out, every client accounted for.

The figures are checked against ``compare`` on each client's own scenario (never against
numbers this code printed): the shipped examples through the template, and made-up clients with
their own start dates, numbers and plans. Bad rows are checked to name every problem and to
leave every other row computed; text that a spreadsheet would run as a formula comes out
defused in CSV and XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import compare, example_names, load_example, paths, scenario_from_dict, spreadsheet
from calculator.caseload import (
    NOT_COMPUTED,
    OK,
    PROBLEM,
    read_caseload,
    results_csv,
    results_xlsx,
    run_caseload,
    scenario_rows,
    template_frame,
    template_xlsx,
)
from calculator.caseload.columns import OPTION, STRUCTURAL, column, template_columns
from calculator.caseload.synthetic import synthetic_caseload
from calculator.compare import default_assumptions
from calculator.engine import run
from calculator.errors import ScenarioError
from calculator.resolve import resolve
from calculator.schema import specs
from ui.cli import main

# ---- helpers (independent of the code under test: a row's cells become a scenario dict) -------------


def _typed(text: str, name: str):
    col = column(name)
    if col.kind == "bool":
        return text == "true"
    if col.kind == "int":
        return int(float(text))
    if col.kind in ("money", "number", "percent"):
        return float(text)
    return text


def _client_scenario(rows: list[dict[str, str]]) -> dict:
    """The scenario a client's rows describe, built by hand from the paths in the headers."""
    data: dict = {}
    for o, row in enumerate(rows):
        for name, text in row.items():
            if text == "" or name in ("client_id", "row", "household.short_term_disability"):
                continue
            path = name.replace(OPTION, f"options[{o}].", 1) if name.startswith(OPTION) else name
            _set(data, paths.split(path), _typed(text, name))
    if rows[0].get("household.short_term_disability") == "true":
        data.setdefault("household", {}).setdefault("short_term_disability", {})
    return _lists(data)


def _set(node: dict, parts: list, value) -> None:
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _lists(node):
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            return [_lists(node[k]) for k in sorted(node)]
        return {k: _lists(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_lists(x) for x in node]
    return node


def _results_of(frame: pd.DataFrame, client: str) -> pd.DataFrame:
    return frame[frame["client_id"] == client].reset_index(drop=True)


def _line_header(line, occurrence: int) -> str:
    """The results column of a compare line: where, what, which (from 1), unit and the total it counts in."""
    where = "pathway" if line.stage is None else f"stage{line.stage + 1}"
    name = f"{where}.{line.component}.{line.item}"
    if line.stage is None or occurrence > 1:
        name += f".{occurrence}"
    if line.counted_in is None:
        return f"{name} [USD, information]"
    return f"{name} [USD]" if line.counted_in == "family_total" else f"{name} [USD, counted in {line.counted_in}]"


def _assert_same_as_compare(rows: pd.DataFrame, comparison) -> None:
    for i, option in enumerate(comparison.options):
        got = rows.loc[i]
        assert got["status"] == OK and got["option"] == option.name
        for name, amount in option.totals.items():
            assert got[f"{name} [USD]"] == amount, f"{option.name}: {name}"
        seen: dict[tuple, int] = {}
        for line in option.lines:
            key = (line.component, line.item, line.stage)
            seen[key] = seen.get(key, 0) + 1
            header = _line_header(line, seen[key])
            assert got[header] == line.amount_usd, f"{option.name}: {header}"
        for name, value in option.logistics.items():
            header = next(c for c in rows.columns if c == name or c.startswith(name + " ["))
            assert got[header] == pytest.approx(value, abs=0.006), f"{option.name}: {name}"
        assert got["library_version"] == comparison.assumptions_version


# ---- the template, the shipped examples, and compare ---------------------------------------------------


def test_the_template_names_every_field_with_its_unit_range_and_empty_meaning(capsysbinary):
    assert main(["caseload", "--template"]) == 0
    table = spreadsheet.read_table(capsysbinary.readouterr().out, "template.csv")
    assert list(table.columns) == [c.name for c in template_columns()]
    guide = table.set_index("client_id")
    assert guide.loc["# unit", "household.pay_usd_per_hour"] == "USD/hour"
    assert guide.loc["# allowed", "household.pay_usd_per_hour"] == "0 to 2,000"
    assert guide.loc["# if empty", "household.pay_usd_per_hour"] == "library: BLS median"
    assert guide.loc["# allowed", "insurance.plan_type"].startswith("employer | marketplace")
    assert guide.loc["# what", "option.stages[1].price_usd"].startswith("Stage 2: ")
    # Every template column is a field of the scenario format, with the format's own limits.
    for col in template_columns()[1:]:
        if col.spec is not None and col.template:
            assert specs()[col.template] is col.spec


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_shipped_examples_as_rows_give_what_compare_gives_to_the_cent(file_format, capsysbinary):
    args = ["caseload", "--template"] + (["--format", "xlsx"] if file_format == "xlsx" else [])
    assert main(args) == 0
    header = list(spreadsheet.read_table(capsysbinary.readouterr().out, f"t.{file_format}").columns)
    rows = [row for name in example_names() for row in scenario_rows(name, load_example(name))]
    extra = [n for row in rows for n in row if n not in header]
    table = pd.DataFrame(rows, columns=header + list(dict.fromkeys(extra)), dtype=object).fillna("")
    content = spreadsheet.xlsx_bytes({"Clients": table}) if file_format == "xlsx" else spreadsheet.csv_bytes(table)
    result = run_caseload(read_caseload(content, f"clients.{file_format}"))
    assert result.all_computed and result.clients == len(example_names())
    for name in example_names():
        _assert_same_as_compare(_results_of(result.frame, name), compare(load_example(name)))


def test_the_template_with_examples_runs_as_it_is(tmp_path):
    path = tmp_path / "clients.xlsx"
    path.write_bytes(template_xlsx(examples=True))
    out = tmp_path / "results.xlsx"
    assert main(["caseload", str(path), "-o", str(out)]) == 0
    results = spreadsheet.read_table(out.read_bytes(), "results.xlsx")
    assert len(results) == 2 * len(example_names()) and set(results["status"]) == {OK}


def test_made_up_clients_on_their_own_dates_give_what_compare_gives_each_alone():
    # 80 clients from the examples with their numbers, plans and start dates moved: many share
    # a pass, and each must come out as compare gives it alone.
    table = synthetic_caseload(80, seed=11)
    result = run_caseload(table)
    assert result.all_computed
    assert result.groups < result.clients  # clients really shared passes
    for client, rows in table.drop(columns="row").groupby("client_id", sort=False):
        scenario = scenario_from_dict(_client_scenario(rows.to_dict("records")))
        _assert_same_as_compare(_results_of(result.frame, client), compare(scenario))


def _golden_scenarios() -> list[tuple[str, object]]:
    import tomllib
    from pathlib import Path

    out = []
    for path in sorted((Path(__file__).parent / "golden").glob("*.toml")):
        with path.open("rb") as f:
            out.append((path.stem, scenario_from_dict(tomllib.load(f)["scenario"])))
    return out


def test_the_golden_cases_as_rows_on_other_dates_give_what_compare_gives_to_the_cent():
    # Every hand-worked case (state programs by their dated rows, a partner's family leave,
    # the after-tax view by tax year, childcare by part of the day ...) as a client, and again
    # starting some weeks or months later, so the two share a pass on their own calendars (or
    # run apart where the tax law differs); each must come out as compare gives it alone.
    clients: dict[str, object] = {}
    for k, (_name, scenario) in enumerate(_golden_scenarios()):
        later = scenario.start_date + dt.timedelta(days=(17 + 53 * k) % 300)
        clients[f"g{k:02d}"] = scenario
        clients[f"g{k:02d}-later"] = scenario.model_copy(update={"start_date": later})
    rows = [row for client, scenario in clients.items() for row in scenario_rows(client, scenario)]
    result = run_caseload(pd.DataFrame(rows, dtype=object).fillna(""))
    assert result.all_computed and result.clients == len(clients)
    assert result.groups < result.clients
    for client, scenario in clients.items():
        _assert_same_as_compare(_results_of(result.frame, client), compare(scenario))


def test_a_partner_with_pay_and_one_without_are_run_apart():
    # A partner's pay above zero means a joint return by default (and a partner's family leave
    # where the state has it): two clients alike but for that must not share the first one's
    # filing status. The patient's lost wages are taxed at the couple's rates, or a single
    # parent's.
    base = load_example("single-parent-hourly")
    assert base.taxes.filing_status is None
    clients = {}
    for client, pay in (("no-partner-pay", 0.0), ("partner-pay", 35.0)):
        household = base.household.model_copy(update={"partner_pay_usd_per_hour": pay})
        clients[client] = base.model_copy(update={"household": household})
    rows = [row for client, s in clients.items() for row in scenario_rows(client, s)]
    result = run_caseload(pd.DataFrame(rows, dtype=object).fillna(""))
    for client, s in clients.items():
        _assert_same_as_compare(_results_of(result.frame, client), compare(s))
    taxes = [_results_of(result.frame, client).loc[0, "tax_effect [USD]"] for client in clients]
    assert taxes[0] != taxes[1]


@pytest.mark.parametrize("example", example_names())
def test_every_number_a_client_gives_reaches_the_engine_draw_by_draw(example):
    # The caseload passes a client's numbers to the engine as field-path variations; a number
    # the resolver read straight from the scenario would silently take the group's first
    # client's value. For each such field an example sets, a variation must move the result
    # exactly as changing the value does.
    library = default_assumptions()
    base = load_example(example).model_dump(mode="json", exclude_none=True)
    checked = 0
    for col in template_columns():
        if not col.varies:
            continue
        for o in range(len(base["options"])) if col.level == "option" else [0]:
            path = col.path(o)
            value = _get(base, path)
            if value is None:
                continue
            moved = _moved_value(col, value)
            try:
                alone = run(resolve(scenario_from_dict(_with(base, path, moved)), library), detail=False)
            except ScenarioError:
                continue
            varied = run(resolve(scenario_from_dict(base), library, {path: np.array([moved])}, 1), detail=False)
            for a, b in zip(alone, varied, strict=True):
                assert a.total("family_total")[0] == pytest.approx(b.total("family_total")[0], abs=1e-6), path
            checked += 1
    assert checked > 3
    assert "household.work_days_per_week" in STRUCTURAL


def _get(data, path):
    node = data
    for part in paths.split(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _with(data, path, value):
    import copy

    out = copy.deepcopy(data)
    parts = paths.split(path)
    node = out
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    return out


def _moved_value(col, value):
    high = col.spec.bounds.get("le", 1e6)
    moved = value * 0.5 if value else min(high, 3.0)
    return int(moved) if col.kind == "int" else float(moved)


# ---- bad rows never sink the file -------------------------------------------------------------------


def _caseload_with_three_bad_rows() -> pd.DataFrame:
    table = synthetic_caseload(50, seed=5)
    table.loc[4, "option.stages[0].length_days"] = "900"
    table.loc[4, "option.stages[0].level"] = "rehab"
    table.loc[17, "option.stages[0].price_basis"] = "per_week"
    table.loc[17, "option.stages[0].price_usd"] = ""
    table.loc[60, "option.stages[0].hours_per_day"] = "13"
    table["option.stages[0].travel_mode"] = table["option.stages[0].travel_mode"].fillna("")
    table.loc[60, "option.stages[0].travel_mode"] = "bicycle"
    return table


def test_three_bad_rows_among_a_hundred_give_97_results_and_three_rows_naming_every_problem():
    result = run_caseload(_caseload_with_three_bad_rows())
    frame = result.frame
    assert len(frame) == 100
    assert (frame["status"] == OK).sum() == 97
    bad = frame[frame["status"] == PROBLEM]
    assert list(bad["row"]) == [6, 19, 62] == list(result.rows_with_problems)
    assert bad[[c for c in frame.columns if c.endswith("[USD]")]].isna().all().all()
    assert frame.loc[frame["status"] == OK, "family_total [USD]"].notna().all()
    problems = dict(zip(bad["row"], bad["problems"], strict=True))
    assert "option.stages[0].length_days: out of range: allowed 1 to 365 (got '900')" in problems[6]
    assert "option.stages[0].level: must be one of withdrawal_management, residential" in problems[6]
    assert "option.stages[0].price_usd: price_usd is required when price_basis is 'per_week'" in problems[19]
    assert "option.stages[0].hours_per_day: out of range: allowed 0 to 12 (got '13')" in problems[62]
    assert "option.stages[0].travel_mode: must be one of car, transit, flight (got 'bicycle')" in problems[62]


def test_the_command_line_writes_every_row_and_its_exit_status_says_some_failed(tmp_path, capsys):
    source = tmp_path / "clients.csv"
    source.write_bytes(spreadsheet.csv_bytes(_caseload_with_three_bad_rows().drop(columns="row")))
    out = tmp_path / "results.csv"
    assert main(["caseload", str(source), "-o", str(out)]) == 1
    assert "3 rows with problems (rows 6, 19, 62)" in capsys.readouterr().err
    results = spreadsheet.read_table(out.read_bytes(), "results.csv")
    assert len(results) == 100 and (results["status"] == OK).sum() == 97


def test_a_problem_in_a_clients_own_fields_stops_that_client_and_says_so_on_each_row():
    table = synthetic_caseload(4, seed=2)
    table.loc[0, "start_date"] = "2026-02-30"
    result = run_caseload(table)
    rows = _results_of(result.frame, "client-0000001")
    assert rows.loc[0, "status"] == PROBLEM
    assert "start_date: must be a date written YYYY-MM-DD (got '2026-02-30')" in rows.loc[0, "problems"]
    assert rows.loc[1, "status"] == NOT_COMPUTED and "row 2 of this client has a problem" in rows.loc[1, "problems"]
    assert (result.frame["status"] == OK).sum() == 6


def test_client_rows_that_disagree_and_clients_with_one_row_are_named():
    table = synthetic_caseload(3, seed=4)
    table.loc[1, "insurance.plan_type"] = (
        "medicaid" if table.loc[0, "insurance.plan_type"] != "medicaid" else "employer"
    )
    table = table.drop(index=5)
    frame = run_caseload(table).frame
    assert "differs from this client's earlier row" in frame.loc[1, "problems"]
    assert "a client needs 2 to 4, one per option" in frame[frame["client_id"] == "client-0000003"]["problems"].iloc[0]


def test_unreadable_files_and_missing_columns_are_refused_with_a_reason(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"name,age\nAna,4\n")
    assert main(["caseload", str(bad)]) == 2
    assert "client_id" in capsys.readouterr().err
    assert main(["caseload", str(tmp_path / "missing.csv")]) == 2
    assert main(["caseload", str(bad), "-o", str(tmp_path / "out.pdf")]) == 2


def test_cells_are_read_the_way_spreadsheets_write_them():
    rows = scenario_rows("a", load_example("single-parent-hourly"))
    rows[0] |= {
        "household.pay_usd_per_hour": "$1,019.50",
        "insurance.coinsurance_fraction": "20%",
        "household.fmla_eligible": "FALSE",
        "start_date": "2/1/2027",
        "insurance.plan_type": "Employer plan",
    }
    rows[1]["household.pay_usd_per_hour"] = ""  # the client's fields may be filled on the first row only
    frame = run_caseload(pd.DataFrame(rows).fillna("")).frame
    assert list(frame["status"]) == [OK, OK]
    data = load_example("single-parent-hourly").model_dump(mode="json")
    data["household"]["pay_usd_per_hour"] = 1019.5
    _assert_same_as_compare(frame, compare(scenario_from_dict(data)))


# ---- the row checks and the model agree ---------------------------------------------------------------

_RULE_FIELDS = {
    "insurance.deductible_usd": st.sampled_from(["", "0", "1500", "6000"]),
    "insurance.deductible_met_usd": st.sampled_from(["", "0", "500", "2000"]),
    "insurance.oop_max_usd": st.sampled_from(["", "1000", "5000"]),
    "insurance.oop_met_usd": st.sampled_from(["", "0", "3000", "6000"]),
    "insurance.out_of_network.deductible_usd": st.sampled_from(["", "1000"]),
    "insurance.out_of_network.deductible_met_usd": st.sampled_from(["", "0", "1500"]),
    "household.pay_basis": st.sampled_from(["", "hourly", "salary"]),
    "household.salary_usd_per_year": st.sampled_from(["", "60000", "-5"]),
    "household.work_schedule": st.sampled_from(["", "day", "not_working", "sometimes"]),
    "option.stages[0].price_basis": st.sampled_from(["", "per_day", "per_session", "per_week", "program"]),
    "option.stages[0].price_usd": st.sampled_from(["", "400", "abc"]),
    "option.stages[0].level": st.sampled_from(["residential", "iop", "php"]),
    "option.stages[0].hours_per_day": st.sampled_from(["", "0", "3", "12.5"]),
    "start_date": st.sampled_from(["2027-01-04", "1999-12-31", "2027-13-01"]),
}


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.fixed_dictionaries(_RULE_FIELDS))
def test_the_row_checks_refuse_exactly_what_the_model_refuses(cells):
    rows = [{"client_id": "c", "option.name": "A"} | cells, {"client_id": "c", "option.name": "B"} | cells]
    result = run_caseload(pd.DataFrame(rows))
    caseload_ok = bool((result.frame["status"] == OK).all())
    try:
        scenario_from_dict(_client_scenario([_only_valid(r) for r in rows]))
        model_ok = all(_parses(r) for r in rows)
    except (ScenarioError, ValueError):
        model_ok = False
    assert caseload_ok == model_ok, result.frame["problems"].tolist()


def _parses(row: dict) -> bool:
    for name, text in row.items():
        if text and name not in ("client_id",):
            try:
                value = _typed(text, name)
            except ValueError:
                return False
            col = column(name)
            if col.kind == "select" and value not in col.spec.options:
                return False
            if col.kind == "date" and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d\d", text):
                return False
    return True


def _only_valid(row: dict) -> dict:
    return {k: v for k, v in row.items() if _parses({k: v})}


# ---- spreadsheet safety -----------------------------------------------------------------------------

TRIGGERS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://evil.example","a")']


def _client_named(name: str, i: int) -> list[dict[str, str]]:
    # Each option's name starts with the trigger (options of one client are named apart).
    rows = scenario_rows(f"{name}{i}", load_example("default"))
    return [row | {"option.name": f"{name} {o + 1}"[-60:]} for o, row in enumerate(rows)]


def test_formula_prefixes_are_defused_in_csv_and_xlsx_results():
    rows = [row for i, name in enumerate(TRIGGERS) for row in _client_named(name, i)]
    frame = run_caseload(pd.DataFrame(rows).fillna("")).frame
    assert (frame["status"] == OK).all()
    with_negative = frame["difference_from_first_option [USD]"].lt(0).any()
    cells = list(csv.reader(io.StringIO(results_csv(frame).decode("utf-8-sig"), newline="")))
    header, body = cells[0], cells[1:]
    assert len(body) == len(frame)  # a carriage return in a name never splits a row
    for column_name in ("client_id", "option"):
        for text in (row[header.index(column_name)] for row in body):
            assert not text.startswith(spreadsheet.FORMULA_TRIGGERS), text
            assert text.startswith("'")
    if with_negative:  # negative amounts stay numbers, not defused text
        assert any(row[header.index("difference_from_first_option [USD]")].startswith("-") for row in body)

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(results_xlsx(frame)))["Results"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(spreadsheet.FORMULA_TRIGGERS), cell.value


def test_the_shared_writer_defuses_text_and_leaves_numbers_alone():
    frame = pd.DataFrame({"label": TRIGGERS + ["plain"], "amount": [-1.5] * len(TRIGGERS) + [2.0]})
    text = spreadsheet.csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [r[0] for r in rows] == ["'" + t for t in TRIGGERS] + ["plain"]
    assert [r[1] for r in rows] == ["-1.5"] * len(TRIGGERS) + ["2"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(spreadsheet.xlsx_bytes({"S": frame})))["S"]
    values = [(c.value, c.data_type) for c in sheet["A"][1:]]
    assert all(v.startswith("'") and t == "s" for v, t in values[:-1])
    assert [c.value for c in sheet["B"][1:]] == [-1.5] * len(TRIGGERS) + [2]


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unread():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (spreadsheet.MAX_XLSX_UNPACKED_BYTES + 1))
    with pytest.raises(spreadsheet.SpreadsheetError, match="too large"):
        spreadsheet.read_table(buffer.getvalue(), "bomb.xlsx")


def test_the_template_lists_drop_downs_and_examples():
    frame = template_frame(examples=True)
    assert (frame["client_id"].str.startswith("example-")).sum() == 2 * len(example_names())
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(template_xlsx()))["Clients"]
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789") for v in sheet.data_validations.dataValidation}
    header = [c.value for c in sheet[1]]
    assert header[[i for i, h in enumerate(header) if h == "insurance.plan_type"][0]] == "insurance.plan_type"
    assert len(lists) > 20


def test_processes_sharing_the_work_give_the_same_results_row_for_row():
    table = synthetic_caseload(120, seed=8)
    alone = run_caseload(table).frame
    shared = run_caseload(table, jobs=2).frame
    pd.testing.assert_frame_equal(shared, alone)


def test_a_large_caseload_shows_a_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    source = tmp_path / "clients.csv"
    source.write_bytes(spreadsheet.csv_bytes(synthetic_caseload(2_500, seed=3).drop(columns="row")))
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["caseload", str(source), "-o", str(tmp_path / "out.csv"), "--jobs", "1"]) == 0
    bars = [t for t in terminal.getvalue().split("\r") if "/2500 [" in t]
    assert bars and bars[0].lstrip().startswith("0%")
    assert main(["caseload", str(source), "-o", str(tmp_path / "out.csv"), "--no-progress"]) == 0
    assert terminal.getvalue().count("/2500 [") == len(bars)
