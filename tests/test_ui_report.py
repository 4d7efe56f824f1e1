"""The printable summary: built from structured data, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from calculator import (
    compare,
    default_assumptions,
    default_scenario,
    load_example,
    scenario_from_dict,
    scenario_to_dict,
)
from calculator.engine import COMPONENTS
from calculator.money import usd
from ui.report import build_pdf, report_data
from ui.words import EN, NOT_ADVICE, words

MADE_ON = dt.date(2026, 11, 30)
LINES = default_assumptions().help_lines


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _pdf(comparison, ticked=(), questions=None, w=EN) -> tuple[int, str]:
    return _text(build_pdf(report_data(comparison, LINES, list(ticked), MADE_ON, questions, w)))


@pytest.mark.parametrize("name", ["default", "california-salaried-disability", "medicare-beneficiary"])
def test_summary_holds_the_totals_stamp_and_help_lines(name):
    comparison = compare(default_scenario() if name == "default" else load_example(name))
    pages, flat = _pdf(comparison)
    assert 1 <= pages <= 4
    for option in comparison.options:
        assert usd(option.totals["family_total"]) in flat
        assert usd(option.totals["out_of_pocket"]) in flat
    assert comparison.assumptions_version in flat
    assert MADE_ON.isoformat() in flat
    for line in LINES:
        assert line.contact in flat
    assert "AYUDA" in flat  # 988's Spanish-language text option
    assert " ".join(NOT_ADVICE.split()) in flat
    # The small fixes a reader caught.
    assert "911: Call 911" not in flat
    assert "(intensive outpatient (iop))" not in flat.lower()


def test_summary_lists_the_plans_terms_each_typical_figure_marked():
    comparison = compare(load_example("single-parent-hourly"))  # deductible 2,500, 600 met, 20%, max 6,000
    _, flat = _pdf(comparison)
    assert "The plan's terms" in flat
    # The same terms the page and the command line print (comparison.plan_terms).
    assert "Deductible for the year $2,500.00" in flat
    assert "Deductible already paid $600.00" in flat
    assert "Coinsurance after the deductible 20%" in flat
    assert "Out-of-pocket maximum for the year $6,000.00" in flat
    assert "Out-of-pocket maximum for the year $6,000.00 (typical figure)" not in flat
    assert "Copay per program day" in flat
    assert "all days authorized" in flat


def test_summary_lists_authorized_days_leave_and_disability():
    comparison = compare(load_example("california-salaried-disability"))
    _, flat = _pdf(comparison)
    assert "14 days authorized" in flat
    assert "Work, leave and disability" in flat
    assert "60% (entered) of pay after 7 (entered) days" in flat
    # Which program paid the disability benefit, at what weekly amount, for how many weeks.
    disability = [x for o in comparison.options for x in o.lines if x.item == "disability" and x.amount_usd > 0]
    assert disability
    assert " ".join(EN.basis(disability[0]).split()) in flat


def test_summary_lists_every_figure_used_with_its_value_date_and_source_link():
    comparison = compare(default_scenario())
    _, flat = _pdf(comparison)
    assert "Every library figure this comparison used" in flat
    used = comparison.assumptions_used
    for _i, row in used.iterrows():
        assert row["Figure"] in flat, row["Figure"]
    # Links can wrap inside a table cell; their hosts cannot be missing.
    squashed = flat.replace(" ", "")
    for link in used["Link"]:
        assert link.replace(" ", "")[:40] in squashed, link
    assert "from Jan 1, 2026" in flat  # an in-force date, written out


def test_safety_items_are_printed_as_a_caution():
    _, flat = _pdf(compare(default_scenario()), ["Needs detox or withdrawal care"])
    assert "may not be safe or appropriate" in flat


def test_names_in_any_script_print_as_written():
    comparison = compare(load_example("single-parent-hourly"))
    data = report_data(comparison, LINES, [], MADE_ON)
    names = ("Nguyễn Thị Hương", "Анна Петрова", "Σοφία ≥ 3 × “quoted”")
    data = type(data)(**{**data.__dict__, "headline": " — ".join(names)})
    pages, flat = _text(build_pdf(data))
    assert pages <= 4
    for name in names:
        assert name in flat
    assert "?????" not in flat


def test_no_help_with_children_line_without_children_and_no_doubled_not_working():
    data = scenario_to_dict(default_scenario())
    data["household"].update(children=[], work_schedule="not_working")
    _, flat = _pdf(compare(scenario_from_dict(data)))
    assert "Help with children" not in flat
    assert "not working, not working" not in flat
    assert "not working now" in flat


def test_questions_to_ask_are_printed():
    from calculator import questions_to_ask

    comparison = compare(load_example("default"))
    asked = questions_to_ask(comparison.scenario, default_assumptions())
    pages, flat = _pdf(comparison, ["Needs detox"], asked)
    assert pages <= 4
    assert "Questions to ask before deciding" in flat
    assert " ".join(EN.question(asked[0])[0].split()) in flat


def test_the_summary_in_spanish():
    es = words("es")
    comparison = compare(default_scenario())
    pages, flat = _pdf(comparison, ["Needs detox or withdrawal care"], w=es)
    assert pages <= 4
    assert " ".join(es.headline(comparison).split()) in flat
    assert "Las condiciones del plan" in flat
    assert "Necesita desintoxicación" in flat.replace("necesita", "Necesita")
    assert "Llame al 911" in flat
    assert es.money(comparison.options[0].totals["family_total"]) in flat


def test_the_summary_prints_leave_used_and_the_after_tax_totals_with_the_warning():
    comparison = compare(default_scenario())
    pages, flat = _pdf(comparison)
    assert pages <= 4
    for label in ("Paid time off used", "Total including leave used", "Total cost after tax (estimate)"):
        assert label in flat
    for option in comparison.options:
        for code in ("leave_used", "family_total_with_leave", "family_total_after_tax"):
            assert usd(option.totals[code]) in flat
    assert "estimate, not tax advice" in flat


def test_a_saving_left_out_of_the_bars_is_explained_only_when_there_is_one():
    note = "A part that is a saving (such as food not bought at home while away) is not drawn"
    # The default residential stay saves more food at home than it spends on meals away, so its
    # lodging-and-meals part is below zero and cannot be drawn as a bar.
    with_credit = compare(default_scenario())
    assert any(o.totals[c] < 0 for o in with_credit.options for c in COMPONENTS)
    assert note in _pdf(with_credit)[1]
    data = scenario_to_dict(default_scenario())
    data["household"]["count_food_at_home"] = False
    without = compare(scenario_from_dict(data))
    assert note not in _pdf(without)[1]
