"""Save, then load, and link, then open, on the page itself: identical results.

For random valid scenarios drawn from the whole schema (:func:`fuzzing.valid_scenarios`: odd
Unicode names, full lists, dates at the calendar's edges, assumption changes), the page is
opened from a link; the scenario it then holds must be the one in the link and its answer the
model's. The page's own link (the button) opened in a fresh session, and the scenario's TOML
file uploaded to a fresh session, must give the same scenario and the same answer. The
model-side round trip of 1,000 scenarios is ``tests/test_round_trip.py``; this one is modest
(each example runs the page five times).
"""

from __future__ import annotations

from fuzzing import valid_scenarios
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest
from test_app import APP, shown_headline, value

from calculator import compare, dump_scenario, scenario_from_dict
from calculator.money import usd
from ui import fields
from ui.safety import md, plain
from ui.share import encode
from ui.words import EN

PAGE_ROUND_TRIPS = 12


def _held(at: AppTest, scenario) -> object:
    """The scenario the page holds, rebuilt from its inputs."""
    keys = fields.widget_state(scenario.model_dump(mode="json"))
    return scenario_from_dict(fields.scenario_data({k: value(at, k) for k in keys}, at.session_state["ui.exact"]))


def _answer(at: AppTest) -> tuple[str, list[str]]:
    assert not at.exception, at.exception
    return shown_headline(at), [m.value for m in at.metric]


def _fresh(link: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if link:
        at.query_params["s"] = link
    at.run()
    return at


@settings(
    max_examples=PAGE_ROUND_TRIPS,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(valid_scenarios())
def test_link_and_file_round_trips_on_the_page_give_the_same_scenario_and_answer(scenario):
    want = compare(scenario)
    opened = _fresh(encode(scenario))
    assert _held(opened, scenario) == scenario
    headline, metrics = _answer(opened)
    assert headline == plain(md(EN.headline(want)))  # as shown: a line break in a name is a space
    assert [usd(o.totals["family_total"]) for o in want.options] == [
        m.value for m in opened.metric if m.label == "Total cost to your family"
    ]

    opened.button(key="ui.link").click().run()  # the page's own link, opened elsewhere
    again = _fresh(opened.query_params["s"])
    assert _held(again, scenario) == scenario
    assert _answer(again) == (headline, metrics)

    uploaded = _fresh()
    toml = dump_scenario(_held(opened, scenario)).encode("utf-8")  # what "Save scenario (TOML)" writes
    uploaded.get("file_uploader")[0].upload("scenario.toml", toml, "application/toml").run()
    assert _held(uploaded, scenario) == scenario
    assert _answer(uploaded) == (headline, metrics)
