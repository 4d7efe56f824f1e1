"""Scenario links and the widget-state mapping: round trips exactly, refuse damaged or oversized input."""

from __future__ import annotations

import base64
import zlib

import pytest

from calculator import ScenarioError, load_example, scenario_from_dict
from calculator.examples import example_names
from ui import fields
from ui.share import decode, encode


@pytest.mark.parametrize("name", example_names())
def test_link_and_widget_state_round_trip(name):
    scenario = load_example(name)
    assert decode(encode(scenario)) == scenario
    state = fields.widget_state(scenario.model_dump(mode="json"))
    assert scenario_from_dict(fields.scenario_data(state)) == scenario


def test_damaged_link_gives_a_plain_message():
    with pytest.raises(ScenarioError, match="damaged"):
        decode(encode(load_example("default"))[:-10] + "!!!")


def test_link_that_inflates_past_the_limit_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"{" + b" " * 200_000 + b"}", 9)).rstrip(b"=").decode()
    with pytest.raises(ScenarioError, match="KB"):
        decode(bomb)
