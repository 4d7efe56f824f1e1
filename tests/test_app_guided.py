"""Guided mode holds the common cases, and what the page shows follows what the family changes.

Expected comparisons are built here from the shipped defaults (``expected`` in test_app), not
from the app's own state code; widgets are addressed by the scenario field they set.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, assert_matches, expected, html_of, unescape, value

from calculator import compare, scenario_from_dict, scenario_to_dict
from calculator.scenario import PLAN_TYPES
from ui.guided import PLAN_WORDS, weeks_key
from ui.report import report_data

HOURS_IN_WEEK = 168


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    return app


def _single_mother(at: AppTest) -> None:
    """A $3,000 deductible; an evening IOP, 3 evenings a week for 10 weeks (guided mode only)."""
    at.number_input(key="insurance.deductible_usd").set_value(3000.0).run()
    at.number_input(key=weeks_key(1, 0)).set_value(10).run()
    at.selectbox(key="options[1].stages[0].session_time").set_value("evening").run()


def _single_mother_expected():
    want = expected(**{"insurance.deductible_usd": 3000.0})
    data = scenario_to_dict(want.scenario)
    data["options"][1] = {
        "name": "Evening IOP 10 weeks",
        "stages": [
            {"level": "iop", "length_days": 70, "days_per_week": 3, "hours_per_day": 3.0, "session_time": "evening"}
        ],
    }
    return compare(scenario_from_dict(data))


def test_guided_mode_holds_the_single_mothers_case_deductible_length_and_evening_sessions(at):
    assert at.session_state["ui.mode"] == "Guided"
    _single_mother(at)
    want = _single_mother_expected()
    assert_matches(at, want)
    # The IOP of 10 weeks costs more than the 8 weeks the defaults assumed.
    eight_weeks = expected(**{"insurance.deductible_usd": 3000.0})
    assert want.options[1].totals["family_total"] > eight_weeks.options[1].totals["family_total"]


def test_option_names_the_family_did_not_type_follow_the_stages_in_headline_card_and_pdf(at):
    _single_mother(at)
    assert value(at, "options[1].name") == "Evening IOP 10 weeks"
    headline = [m.value for m in at.markdown if m.value.startswith("#### ")][0]
    assert "Evening IOP 10 weeks" in headline and "IOP 8 weeks" not in headline
    assert "**B. Evening IOP 10 weeks**" in [m.value for m in at.markdown]
    pdf = report_data(_single_mother_expected(), (), [], dt.date(2026, 12, 1))
    assert [o.name for o in pdf.options] == ["Residential 30 days", "Evening IOP 10 weeks"]


def test_a_typed_name_stays_and_an_emptied_one_follows_the_stages_again(at):
    at.radio(key="ui.mode").set_value("Detailed").run()
    at.text_input(key="options[1].name").input("Sunrise IOP").run()
    at.number_input(key="options[1].stages[0].length_days").set_value(70).run()
    assert value(at, "options[1].name") == "Sunrise IOP"
    at.text_input(key="options[1].name").input("").run()
    assert value(at, "options[1].name") == "IOP 10 weeks"
    assert not at.exception


def test_childcare_is_shown_per_child_never_more_hours_than_a_week_has(at):
    at.number_input(key="ui.n_children").set_value(2).run()
    at.number_input(key="household.children[1].age_years").set_value(3).run()
    for part in ("weekday_evening", "night", "weekend"):
        at.number_input(key=f"household.family_help.{part}_hours_per_week").set_value(0.0).run()
    values = [m.value for m in at.metric if m.label == "Childcare to arrange, per child"]
    assert len(values) == 2 and all(v.endswith(" h a week") for v in values)
    assert all(float(v.split(" h")[0].replace(",", "")) <= HOURS_IN_WEEK for v in values)
    captions = " ".join(c.value for c in at.caption)
    assert "child-hours a week for 2 children" in captions


HELP = "household.family_help.{}_hours_per_week"
PARTS = ("weekday_daytime", "weekday_evening", "night", "weekend")


def test_with_no_children_the_family_help_default_is_cleared_not_left_hidden(at):
    # The default family: help on weekday evenings, nights and weekends (25 + 63 + 30 hours).
    assert [value(at, HELP.format(p)) for p in PARTS] == [0.0, 25.0, 63.0, 30.0]
    at.number_input(key="ui.n_children").set_value(0).run()
    assert [value(at, HELP.format(p)) for p in PARTS] == [0.0] * 4
    assert value(at, "household.family_help_hours_per_week") == 0.0
    warnings = " ".join(w.value for w in at.warning)
    assert "Family help hours are set" not in warnings
    data = scenario_to_dict(expected().scenario)
    data["household"].update(children=[], family_help_hours_per_week=0.0)
    data["household"]["family_help"] = {f"{p}_hours_per_week": 0.0 for p in PARTS}
    assert_matches(at, compare(scenario_from_dict(data)))


def test_the_family_help_default_is_shown_where_its_effect_shows(at):
    captions = " ".join(c.value for c in at.caption)
    assert (
        "Assumes others look after the children (unpaid): weekday evenings 25 h, nights 63 h, weekends 30 h a week"
        in captions
    )
    inputs = {n.label: n.value for n in at.number_input}
    assert inputs["Weekday evenings (hours a week)"] == 25.0
    assert inputs["Nights (hours a week)"] == 63.0
    assert inputs["Weekend days (hours a week)"] == 30.0
    # Help at any time of day is asked only once a scenario sets it.
    assert "Other help at any time of day (hours a week)" not in inputs


def test_guided_mode_asks_for_care_already_paid_for_and_a_whole_lost_shift(at):
    at.number_input(key="household.children[0].paid_care_hours_per_week").set_value(20.0).run()
    at.selectbox(key="household.lose_whole_shift").set_value(True).run()
    data = scenario_to_dict(expected().scenario)
    data["household"]["children"][0]["paid_care_hours_per_week"] = 20.0
    data["household"]["lose_whole_shift"] = True
    assert_matches(at, compare(scenario_from_dict(data)))


@pytest.mark.parametrize(
    ("plan", "key", "value", "path"),
    [
        ("medicare_advantage", "insurance.medicare_advantage.moop_usd", 4000.0, ("medicare_advantage", "moop_usd")),
        ("medigap", "insurance.medigap.plan", "N", ("medigap", "plan")),
        ("medicare_medicaid", "insurance.dual_status", "qmb", ("dual_status",)),
    ],
)
def test_guided_mode_offers_every_payer_in_plain_words_and_its_main_term(at, plan, key, value, path):
    assert set(PLAN_WORDS) == set(PLAN_TYPES)
    box = at.selectbox(key="insurance.plan_type")
    assert box.label == "What insurance do you have?"
    assert "Medicare Advantage (a Medicare plan from a private company)" in box.options
    box.set_value(plan).run()
    widget = at.selectbox(key=key) if isinstance(value, str) else at.number_input(key=key)
    widget.set_value(value).run()
    data = scenario_to_dict(expected().scenario)
    data["insurance"]["plan_type"] = plan
    node = data["insurance"]
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    assert_matches(at, compare(scenario_from_dict(data)))
    assert not at.exception


def test_every_control_has_its_own_accessible_name_in_detailed_mode(at):
    at.radio(key="ui.mode").set_value("Detailed").run()
    kinds = ("number_input", "selectbox", "checkbox", "toggle", "radio", "text_input", "date_input", "multiselect")
    labels = [w.label for kind in kinds for w in getattr(at, kind)]
    labels += [b.proto.label for b in at.get("button")]
    repeated = sorted({x for x in labels if labels.count(x) > 1})
    assert not repeated, f"labels used more than once: {repeated}"


def test_the_share_link_has_a_real_copy_control(at):
    at.button(key="ui.link").click().run()
    copy = [h for h in html_of(at.main) if 'id="share-copy"' in h]
    assert copy, "no copy button"
    assert "navigator.clipboard.writeText" in copy[0]
    assert "?s=" in copy[0] and 'readonly value="' in copy[0]


def test_guided_mode_shows_the_answer_so_far_above_its_questions_and_it_follows_each_answer(at):
    from test_app import shown_headline

    def in_short() -> list[str]:
        return [unescape(i.value) for i in at.info if "The answer so far" in i.value]

    (first,) = in_short()
    assert shown_headline(at) in first
    _single_mother(at)
    (after,) = in_short()
    assert after != first and shown_headline(at) in after
    # Detailed mode has no questions on the page to put it above.
    at.radio(key="ui.mode").set_value("Detailed").run()
    assert not in_short()
