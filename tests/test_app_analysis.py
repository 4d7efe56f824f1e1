"""The analysis section renders in Streamlit and says what the model computes."""

from __future__ import annotations

import textwrap

import pytest
from streamlit.testing.v1 import AppTest

from calculator import default_scenario
from calculator.analysis import analyse
from ui.safety import md
from ui.words import EN

N = 2_000

HARNESS = textwrap.dedent(
    f"""
    import calculator
    from ui.analysis import render_analysis

    render_analysis(calculator.default_scenario(), n_draws={N})
    """
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    script = tmp_path_factory.mktemp("harness") / "analysis_harness.py"
    script.write_text(HARNESS)
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    return at


def test_the_section_renders_without_an_exception(app):
    assert not app.exception
    assert [h.value for h in app.header] == [], "the page, not the section, draws the heading"
    assert [s.value for s in app.subheader] == [
        "The range of plausible costs",
        "What drives the difference",
        "Where the answer flips",
    ]
    assert len(app.dataframe) == 3


def test_its_words_match_the_model(app):
    expected = analyse(default_scenario(), n=N)
    shown = [m.value for m in app.markdown]
    # Dollar signs are escaped so Streamlit does not read "$1 ... $2" as mathematics.
    assert md(EN.uncertainty(expected.uncertainty)) in shown
    assert md(EN.drivers(expected.tornado)) in shown
    assert "\\$" in md(EN.uncertainty(expected.uncertainty))
    for b in expected.break_even:
        assert f"- {md(EN.break_even(b))}" in shown
