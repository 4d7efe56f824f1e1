"""Whatever a link, a file or an input holds, the page answers with a clear message and keeps
working: the crisis lines stay on top, a broken link leaves the address, changed figures the
calculator cannot use are left out (or cleared with one button), and a failure anywhere below
the help lines leaves them in place."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, assert_matches, expected, html_of, unescape

from calculator import default_scenario, scenario_to_dict
from ui import results

BAD_OVERRIDES = {"nope": 1.0, "hotel_usd_per_night": 1e26}


def _link(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def _with_bad_overrides() -> dict:
    data = scenario_to_dict(default_scenario())
    data["start_date"] = expected().scenario.start_date.isoformat()
    data["assumption_overrides"] = {**BAD_OVERRIDES, "car_cost_usd_per_mile": 0.5}
    return data


def _crisis_lines_on_top(at: AppTest) -> None:
    for where in (at.main, at.sidebar):
        bars = [b for b in html_of(where) if 'class="helpnow"' in b]
        assert len(bars) == 1 and 'href="tel:988"' in bars[0]


def _errors(at: AppTest) -> str:
    return " ".join(unescape(e.value) for e in at.error)


def _open(link: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = link
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("link", "says"),
    [
        (_link(b'{"a":' * 3000 + b"1" + b"}" * 3000), "nested too deeply"),
        (_link(b"[" * 100_000), "nested too deeply"),
        ("!!not-a-link!!", "damaged or incomplete"),
        (_link(json.dumps(scenario_to_dict(default_scenario())).encode())[:-40], "damaged or incomplete"),
        (_link(b"\x00\xff" * 100), "could not be opened"),
        ("A" * 40_000, "too long"),
    ],
    ids=["deep-json", "deep-list", "not-base64", "truncated", "binary", "too-long"],
)
def test_a_broken_link_says_so_keeps_the_page_and_leaves_the_address(link, says):
    at = _open(link)
    _crisis_lines_on_top(at)
    assert "This link could not be opened" in _errors(at) and says in _errors(at)
    assert "s" not in at.query_params, "a reload starts afresh"
    assert_matches(at, expected())  # the page works, with the defaults


def test_a_link_with_changes_the_calculator_cannot_use_opens_without_them():
    at = _open(_link(json.dumps(_with_bad_overrides()).encode()))
    notice = " ".join(unescape(s.value) for s in at.success)
    assert "Opened the scenario from the link" in notice
    assert "nope" in notice and "not an assumption in the library" in notice
    assert "hotel_usd_per_night" in notice and "allowed 0 to" in notice
    assert not at.error
    assert at.session_state["ui.overrides"] == ["car_cost_usd_per_mile"], "the usable change is kept"
    want = expected(**{"assumption_overrides": {"car_cost_usd_per_mile": 0.5}})
    assert_matches(at, want)


def test_a_file_with_changes_the_calculator_cannot_use_opens_without_them():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    data = _with_bad_overrides()
    text = json.dumps(data)
    at.get("file_uploader")[0].upload("scenario.json", text.encode(), "application/json").run()
    assert not at.exception
    notice = " ".join(unescape(s.value) for s in at.success)
    assert "Opened the scenario file" in notice and "nope" in notice
    assert at.session_state["ui.overrides"] == ["car_cost_usd_per_mile"]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("broken.toml", b"start_date = \n[[[", "is not valid TOML"),
        ("junk.toml", bytes(range(256)) * 8, "must be a UTF-8 text file"),
        ("deep.json", b'{"a":' * 5000 + b"1" + b"}" * 5000, "nested too deeply"),
        ("huge.toml", b"# " + b"x" * (200 * 1024), "too large"),
        ("nonsense.json", b'{"options": 3}', "could not be opened"),
    ],
)
def test_a_broken_file_changes_nothing_and_says_why(name, content, says):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.get("file_uploader")[0].upload(name, content, "application/octet-stream").run()
    assert not at.exception
    _crisis_lines_on_top(at)
    assert "That file could not be opened, so nothing was changed" in _errors(at)
    assert says in _errors(at), _errors(at)
    assert_matches(at, expected())


def test_a_change_the_page_cannot_use_can_be_cleared_in_either_mode():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.radio(key="ui.mode").set_value("Detailed").run()
    at.multiselect(key="ui.overrides").set_value(["car_cost_usd_per_mile"]).run()
    at.number_input(key="assumption_overrides.car_cost_usd_per_mile").set_value(-5.0).run()
    assert "allowed 0 to" in _errors(at)
    at.radio(key="ui.mode").set_value("Guided").run()  # the change's own input is out of sight now
    at.button(key="ui.clear_overrides").click().run()
    assert not at.exception and not at.error
    assert at.session_state["ui.overrides"] == []
    assert_matches(at, expected())


def test_a_failure_below_the_help_lines_leaves_them_and_says_so(monkeypatch):
    def broken(comparison):
        raise RuntimeError("boom")

    monkeypatch.setattr(results, "render_costs", broken)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, "no traceback on the page"
    _crisis_lines_on_top(at)
    assert "Something went wrong on this page" in _errors(at)
    assert "boom" not in _errors(at)


def test_names_are_shown_as_typed_never_as_links_or_images():
    data = scenario_to_dict(default_scenario())
    data["options"][0]["name"] = "![x](http://evil.example/x.png)"
    data["options"][1]["name"] = "[Call 988 now](https://evil.example/)"
    data["options"][1]["other_costs"] = [{"label": '=HYPERLINK("http://evil.example")\r<b>x</b>', "amount_usd": 5.0}]
    at = _open(_link(json.dumps(data).encode()))
    at.session_state["ui.open.lines.1"] = True  # the line with the cost's label
    at.toggle(key="ui.table.costs").set_value(True).run()
    assert len(at.table) >= 2
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.label for e in at.expander]
    texts += [str(v) for t in at.table for v in [*t.value.columns, *t.value.index, *t.value.to_numpy().ravel()]]
    shown = "\n".join(texts)
    assert "![x](" not in shown and "](https://evil.example" not in shown and "](http://evil.example" not in shown
    assert "evil.example" in unescape(shown), "the names are there, as text"
    assert any(unescape(m.value) == "**A. ![x](http://evil.example/x.png)**" for m in at.markdown)
    assert '=HYPERLINK("http://evil.example") <b>x</b>' in unescape(shown), "a line break in a label is a space"
