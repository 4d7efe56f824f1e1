"""The printable summary: built from structured data, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from calculator import compare, default_assumptions, default_scenario, load_example
from calculator.money import usd
from ui.report import build_pdf, latin1, report_data
from ui.words import EN, NOT_ADVICE

MADE_ON = dt.date(2026, 11, 30)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("name", ["default", "california-salaried-disability", "medicare-beneficiary"])
def test_summary_holds_the_totals_stamp_and_help_lines(name):
    comparison = compare(default_scenario() if name == "default" else load_example(name))
    pdf = build_pdf(report_data(comparison, default_assumptions().help_lines, [], MADE_ON))
    assert pdf.startswith(b"%PDF")
    pages, text = _text(pdf)
    assert 1 <= pages <= 2
    flat = " ".join(text.split())
    for option in comparison.options:
        assert usd(option.totals["family_total"]) in flat
        assert usd(option.totals["out_of_pocket"]) in flat
    assert comparison.assumptions_version in flat
    assert MADE_ON.isoformat() in flat
    for line in default_assumptions().help_lines:
        assert line.contact in flat
    assert " ".join(NOT_ADVICE.split()) in flat


def test_safety_items_are_printed_as_a_caution():
    comparison = compare(default_scenario())
    pdf = build_pdf(
        report_data(comparison, default_assumptions().help_lines, ["Needs detox or withdrawal care"], MADE_ON)
    )
    _, text = _text(pdf)
    assert "may not be safe or appropriate" in " ".join(text.split())


def test_text_outside_latin1_never_breaks_the_pdf():
    assert latin1("3 h × 3 days — “quoted” ≥ 9 ✓") == '3 h x 3 days - "quoted" >= 9 ?'
    comparison = compare(load_example("single-parent-hourly"))
    data = report_data(comparison, default_assumptions().help_lines, [], MADE_ON)
    data = type(data)(**{**data.__dict__, "headline": "Résumé ✓ — 漢字 test"})
    pages, text = _text(build_pdf(data))
    assert pages <= 2 and "Résumé" in text


def test_questions_to_ask_are_printed_and_the_summary_stays_within_two_pages():
    from calculator import questions_to_ask

    comparison = compare(load_example("default"))
    asked = questions_to_ask(comparison.scenario, default_assumptions())
    pages, text = _text(
        build_pdf(report_data(comparison, default_assumptions().help_lines, ["Needs detox"], MADE_ON, asked))
    )
    flat = " ".join(text.split())
    assert pages <= 2
    assert "Questions to ask before deciding" in flat
    assert " ".join(EN.question(asked[0])[0].split()) in flat


def test_the_summary_prints_leave_used_and_the_after_tax_totals_with_the_warning():
    comparison = compare(default_scenario())
    pages, text = _text(build_pdf(report_data(comparison, default_assumptions().help_lines, [], MADE_ON)))
    flat = " ".join(text.split())
    assert pages <= 2
    for label in ("Paid time off used", "Total including leave used", "Total cost after tax (estimate)"):
        assert label in flat
    for option in comparison.options:
        for code in ("leave_used", "family_total_with_leave", "family_total_after_tax"):
            assert usd(option.totals[code]) in flat
    assert "estimate, not tax advice" in flat
