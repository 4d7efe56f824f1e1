"""The counselor's page, driven headless with AppTest: template, upload, progress, results, problems."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from calculator import spreadsheet
from calculator.caseload import run_caseload
from calculator.caseload.synthetic import synthetic_caseload
from ui.caseload_page import RESULT_KEY, UPLOAD_KEY

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "caseload.py")


def _page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def _labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def test_the_page_shows_the_crisis_lines_and_offers_the_template():
    at = _page()
    for where in (at.main, at.sidebar):
        bars = [e.proto.body for e in where.get("html") if 'class="helpnow"' in e.proto.body]
        assert len(bars) == 1 and 'href="tel:988"' in bars[0] and 'href="tel:911"' in bars[0]
    assert _labels(at) == ["Template (Excel)", "Template (CSV)", "Template with example clients"]
    assert at.file_uploader(key=UPLOAD_KEY).allowed_type == [".csv", ".xlsx"]


def test_an_uploaded_caseload_is_worked_out_with_its_problems_named_and_offered_for_download():
    table = synthetic_caseload(30, seed=9)
    table.loc[3, "option.stages[0].length_days"] = "400"
    content = spreadsheet.csv_bytes(table.drop(columns="row"))
    at = _page()
    at.file_uploader(key=UPLOAD_KEY).set_value(("clients.csv", content, "text/csv"))
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Clients": "30", "Rows with results": "59 of 60", "Rows with a problem": "1"}
    assert "Some rows have a mistake" in at.warning[0].value
    problems = at.dataframe[0].value
    assert list(problems["row"]) == [5]
    assert list(problems["status"]) == ["has a problem"]  # the same words as the preview below
    assert "option.stages[0].length_days: out of range: allowed 1 to 365 (got '400')" in problems["problems"].iloc[0]
    assert _labels(at)[-2:] == ["Results (Excel)", "Results (CSV)"]
    kept = at.session_state[RESULT_KEY][1].frame
    expected = run_caseload(table).frame
    assert kept.equals(expected)


def test_a_file_that_is_not_a_caseload_gets_a_plain_message_and_removing_it_forgets_the_results():
    at = _page()
    at.file_uploader(key=UPLOAD_KEY).set_value(("notes.csv", b"name,age\nAna,4\n", "text/csv"))
    at.run()
    assert not at.exception
    assert "client_id" in at.error[0].value
    content = spreadsheet.csv_bytes(synthetic_caseload(2, seed=1).drop(columns="row"))
    at.file_uploader(key=UPLOAD_KEY).set_value(("clients.csv", content, "text/csv"))
    at.run()
    assert RESULT_KEY in at.session_state
    at.file_uploader(key=UPLOAD_KEY).set_value(None)
    at.run()
    assert RESULT_KEY not in at.session_state


def test_the_page_speaks_the_language_chosen_in_the_address():
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert _labels(at) == ["Plantilla (Excel)", "Plantilla (CSV)", "Plantilla con clientes de ejemplo"]
    assert any("Lista de clientes" in m.value for m in at.markdown)
    # The crisis lines stay, in Spanish too.
    bars = [e.proto.body for e in at.main.get("html") if 'class="helpnow"' in e.proto.body]
    assert len(bars) == 1 and 'href="tel:988"' in bars[0]
