"""The page's limits agree with the schema: the largest scenario the schema allows can be saved,
shared by link, opened and analysed.

The largest scenarios (:mod:`largest`) fill every list, every name and every label with text
that is hard to store (emoji, CJK, four-byte characters that barely compress) and change every
library figure. Each must fit the file limit as TOML and as JSON, fit the link limit, come
back identical, and open on the page from a link with its names shown and its analysis worked
out (bounded by the model's work budget).
"""

from __future__ import annotations

import pytest
from largest import ALPHABETS, largest_file_scenario
from streamlit.testing.v1 import AppTest
from test_app import APP, unescape

from calculator import dump_scenario, parse_scenario
from calculator.scenario_io import MAX_SCENARIO_BYTES
from ui.share import MAX_LINK_CHARS, decode, encode


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_the_largest_scenario_fits_the_file_limit_as_toml_and_json_and_comes_back_the_same(alphabet):
    scenario = largest_file_scenario(alphabet)
    for fmt in ("toml", "json"):
        text = dump_scenario(scenario, format=fmt)
        assert len(text.encode("utf-8")) <= MAX_SCENARIO_BYTES, (fmt, len(text.encode("utf-8")))
        assert parse_scenario(text.encode("utf-8"), format=fmt) == scenario


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_the_largest_scenario_fits_in_a_link_and_comes_back_the_same(alphabet):
    scenario = largest_file_scenario(alphabet)
    link = encode(scenario)
    assert len(link) <= MAX_LINK_CHARS, len(link)
    assert decode(link) == scenario


def test_the_largest_scenario_opens_from_a_link_and_is_analysed():
    scenario = largest_file_scenario("astral")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["s"] = encode(scenario)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("Opened the scenario from the link" in s.value for s in at.success)
    cards = {unescape(m.value) for m in at.markdown}
    for letter, option in zip("ABCD", scenario.options, strict=True):
        assert f"**{letter}. {option.name}**" in cards
    at.button(key="ui.analysis.now").click().run()
    assert not at.exception
    assert [s.value for s in at.subheader][:1] == ["The range of plausible costs"]
    assert not [c for c in at.caption if "could not be worked out" in c.value]
