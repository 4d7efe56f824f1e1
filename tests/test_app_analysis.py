"""The analysis section renders in Streamlit and says what the model computes."""

from __future__ import annotations

import textwrap

import pytest
from streamlit.testing.v1 import AppTest
from test_app import unescaped

from calculator import default_scenario
from calculator.analysis import analyse
from ui.safety import md
from ui.words import EN

N = 2_000

HARNESS = textwrap.dedent(
    f"""
    import calculator
    from ui.analysis import render_analysis

    render_analysis(calculator.default_scenario(), n_draws={N}, defer=False)
    """
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    script = tmp_path_factory.mktemp("harness") / "analysis_harness.py"
    script.write_text(HARNESS)
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    for key in ("ui.table.bands", "ui.table.tornado", "ui.table.break_even"):
        at.toggle(key=key).set_value(True).run()
    return at


def test_the_section_renders_without_an_exception(app):
    assert not app.exception
    assert [h.value for h in app.header] == [], "the page, not the section, draws the heading"
    assert [s.value for s in app.subheader] == [
        "The range of plausible costs",
        "What drives the difference",
        "Where the answer flips",
    ]
    assert len(app.table) == 3  # static tables: they wrap on a phone and a screen reader reads them


def test_its_words_match_the_model(app):
    expected = analyse(default_scenario(), n=N)
    shown = [m.value for m in app.markdown]
    # Dollar signs are escaped so Streamlit does not read "$1 ... $2" as mathematics.
    assert md(EN.uncertainty(expected.uncertainty)) in shown
    assert md(EN.drivers(expected.tornado)) in shown
    assert "\\$" in md(EN.uncertainty(expected.uncertainty))
    for b in expected.break_even:
        assert f"- {md(EN.break_even(b))}" in shown


def test_the_break_even_table_never_shows_a_raw_none(app):
    expected = analyse(default_scenario(), n=N)
    table = unescaped(app.table[2].value)
    assert "None" not in table.to_string() and not table.isna().any().any()
    assert (table["Break-even"] == "no crossing").sum() == sum(b.crossing is None for b in expected.break_even)


def test_the_share_of_cases_reads_as_plain_english(app):
    shown = " ".join(m.value for m in app.markdown)
    assert "of plausible cases" in shown or "in all plausible cases" in shown
    assert "in all of plausible cases" not in shown


def test_the_drivers_chart_has_a_readable_axis_title_and_every_chart_an_accessible_description(app):
    import json

    specs = [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]
    assert specs and all(s.get("description") for s in specs)
    titles = [
        layer.get("encoding", {}).get("x", {}).get("title")
        for s in specs
        for layer in s.get("layer", [])
        if isinstance(layer.get("encoding", {}).get("x", {}).get("title"), str)
    ]
    assert "How much the gap changes (USD)" in titles
    assert not any("−" in t or " from " in t for t in titles), titles
