"""The app, driven headless with AppTest: what is shown equals what ``calculator.compare`` computes.

Expected scenarios are built here from the shipped defaults, independently of the app's own
state code, and widgets are addressed by the scenario field they set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculator import compare, default_scenario, scenario_from_dict, scenario_to_dict
from calculator.money import usd
from ui.safety import plain
from ui.share import encode
from ui.words import EN

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _next_monday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def expected(**changes):
    """The app's starting scenario (defaults, starting next Monday) with nested changes applied."""
    data = scenario_to_dict(default_scenario())
    data["start_date"] = _next_monday().isoformat()
    for path, value in changes.items():
        node = data
        parts = path.split(".")
        for p in parts[:-1]:
            node = node[int(p)] if p.isdigit() else node[p]
        node[parts[-1]] = value
    return compare(scenario_from_dict(data))


def unescape(text: str) -> str:
    return plain(text)


def unescaped(frame):
    """A static table as a person reads it (the page escapes its text for markdown)."""

    def text(x):
        return plain(x) if isinstance(x, str) else x

    out = frame.map(text)
    out.index = out.index.map(text)
    out.columns = out.columns.map(text)
    return out


def value(at: AppTest, key: str):
    """An input's value: its widget's while it is on the page, else the one the page keeps."""
    return at.session_state[key] if key in at.session_state else at.session_state["ui.values"][key]


def shown_headline(at: AppTest) -> str:
    heads = [unescape(m.value.removeprefix("#### ")) for m in at.markdown if m.value.startswith("#### ")]
    assert heads, "no headline shown"
    return heads[0]


def shown_totals(at: AppTest) -> list[str]:
    """The answer's metrics in order: A out of pocket, A total, B out of pocket, B total."""
    return [m.value for m in at.metric if m.label in ("Out of pocket", "Total cost to your family")]


def totals_of(comparison) -> list[str]:
    return [usd(o.totals[k]) for o in comparison.options for k in ("out_of_pocket", "family_total")]


def assert_matches(at: AppTest, comparison) -> None:
    assert not at.exception
    assert shown_headline(at) == EN.headline(comparison)
    assert shown_totals(at) == totals_of(comparison)


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    return app


def html_of(node) -> list[str]:
    """The bodies of the st.html blocks under ``node`` (the crisis bar, the copy control)."""
    return [e.proto.body for e in node.get("html")]


def test_defaults_render_the_answer_at_once(at):
    assert_matches(at, expected())
    assert at.session_state["start_date"] == _next_monday()


@pytest.mark.parametrize("where", ["main", "sidebar"])
def test_crisis_lines_can_be_tapped_to_call_or_text_on_the_page_and_in_the_side_panel(at, where):
    bars = [b for b in html_of(getattr(at, where)) if 'class="helpnow"' in b]
    assert len(bars) == 1, f"one crisis bar in the {where}"
    bar = bars[0]
    for link in ('href="tel:911"', 'href="tel:988"', 'href="sms:988"', 'href="tel:18006624357"', 'href="sms:435748"'):
        assert link in bar, link
    # Spanish-language options of 988 (press 2; text AYUDA), marked as Spanish for screen readers.
    assert 'href="sms:988?&amp;body=AYUDA" lang="es"' in bar
    assert "marque 2" in bar
    # Never "Emergency: 911: Call 911".
    assert "911: Call 911" not in bar


def test_changing_pay_updates_results_exactly(at):
    at.number_input(key="household.pay_usd_per_hour").set_value(42.5).run()
    assert_matches(at, expected(**{"household.pay_usd_per_hour": 42.5}))


def test_changing_children_updates_results_exactly(at):
    at.number_input(key="ui.n_children").set_value(2).run()
    at.number_input(key="household.children[1].age_years").set_value(9).run()
    at.number_input(key="household.family_help.weekday_daytime_hours_per_week").set_value(40.0).run()
    want = expected(**{"household.family_help.weekday_daytime_hours_per_week": 40.0})
    data = scenario_to_dict(want.scenario)
    data["household"]["children"] = [{"age_years": 4}, {"age_years": 5}]
    # The new child's age was typed as 9 after it appeared with the default age.
    data["household"]["children"][1]["age_years"] = 9
    assert_matches(at, compare(scenario_from_dict(data)))


def test_changing_insurance_updates_results_exactly(at):
    at.selectbox(key="insurance.plan_type").set_value("marketplace").run()
    at.number_input(key="insurance.deductible_met_usd").set_value(1000.0).run()
    assert_matches(at, expected(**{"insurance.plan_type": "marketplace", "insurance.deductible_met_usd": 1000.0}))


def test_changing_program_preset_updates_results_exactly(at):
    at.selectbox(key="ui.options[0].preset").set_value("Residential 28 days then IOP 8 weeks").run()
    want = expected()
    data = scenario_to_dict(want.scenario)
    data["options"][0] = {
        "name": "Residential 28 days, then IOP 8 weeks",
        "stages": [
            {"level": "residential", "length_days": 28},
            {"level": "iop", "length_days": 56, "days_per_week": 3, "hours_per_day": 3.0},
        ],
    }
    assert_matches(at, compare(scenario_from_dict(data)))
    at.number_input(key="options[0].stages[1].distance_miles").set_value(12.0).run()
    data["options"][0]["stages"][1]["distance_miles"] = 12.0
    assert_matches(at, compare(scenario_from_dict(data)))


def test_safety_box_shows_warning_above_the_results(at):
    at.checkbox(key="safety.detox").check().run()
    assert not at.exception
    caution = [e for e in at.error if "may not be safe or appropriate" in e.value]
    assert caution, "no caution shown"
    # Above the cost comparison: the caution comes before the headline in page order.
    values = [str(getattr(n, "value", "")) for n in _walk(at.main)]
    first_caution = next(i for i, v in enumerate(values) if "may not be safe" in v)
    first_headline = next(i for i, v in enumerate(values) if v.startswith("#### "))
    assert first_caution < first_headline


def _walk(node):
    """Every element under ``node`` in page order."""
    children = getattr(node, "children", None)
    if children:
        for k in sorted(children):
            yield from _walk(children[k])
    else:
        yield node


def test_shared_link_restores_every_input():
    data = scenario_to_dict(default_scenario())
    data["start_date"] = "2027-03-01"
    data["household"].update(state="CA", pay_usd_per_hour=31.25, children=[{"age_years": 2}, {"age_years": 11}])
    data["insurance"].update(
        plan_type="marketplace", deductible_usd=3000.0, deductible_met_usd=500.0, coinsurance_fraction=0.3
    )
    data["options"][1]["stages"][0]["distance_miles"] = 7.0
    scenario = scenario_from_dict(data)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["s"] = encode(scenario)
    app.run()
    assert not app.exception
    assert app.session_state["household.pay_usd_per_hour"] == 31.25
    assert app.session_state["household.children[1].age_years"] == 11
    assert app.session_state["insurance.coinsurance_fraction"] == pytest.approx(30.0)
    assert_matches(app, compare(scenario))
    # Rebuilt from the widgets, the scenario is exactly the one in the link.
    from ui import fields

    kept = app.session_state["ui.values"]  # every input; a widget on the page holds its own value
    state = {
        k: app.session_state[k] if k in app.session_state else kept[k]
        for k in fields.widget_state(scenario.model_dump(mode="json"))
    }
    assert scenario_from_dict(fields.scenario_data(state)) == scenario


def test_link_is_written_only_when_asked(at):
    assert "s" not in at.query_params
    at.number_input(key="household.pay_usd_per_hour").set_value(30.0).run()
    assert "s" not in at.query_params
    at.button(key="ui.link").click().run()
    assert not at.exception
    assert "s" in at.query_params


def test_bad_input_shows_a_message_and_keeps_the_last_answer(at):
    at.number_input(key="household.pay_usd_per_hour").set_value(5000.0).run()
    assert not at.exception
    messages = [unescape(e.value) for e in at.error]
    assert any("allowed 0 to 2,000" in m for m in messages), messages
    assert any("last valid inputs" in i.value for i in at.info)
    assert at.session_state["household.pay_usd_per_hour"] == 5000.0  # nothing typed is lost
    assert_matches(at, expected())  # the last valid result is still on screen


def test_cross_field_problem_is_shown_near_the_insurance_inputs(at):
    at.radio(key="ui.mode").set_value("Detailed").run()
    at.number_input(key="insurance.deductible_usd").set_value(1000.0).run()
    at.number_input(key="insurance.deductible_met_usd").set_value(1500.0).run()
    assert not at.exception
    shown = [e.value for e in at.sidebar.error]
    assert any("Deductible already paid this plan year" in e and "cannot be more than" in e for e in shown), shown


def test_detailed_mode_edits_a_stage_and_an_assumption(at):
    at.radio(key="ui.mode").set_value("Detailed").run()
    at.number_input(key="options[0].stages[0].authorized_days").set_value(14).run()
    assert at.selectbox(key="ui.options[0].preset").value == "Residential 30 days"  # same shape
    at.number_input(key="options[0].stages[0].length_days").set_value(21).run()
    at.multiselect(key="ui.overrides").set_value(["car_cost_usd_per_mile"]).run()
    at.number_input(key="assumption_overrides.car_cost_usd_per_mile").set_value(0.5).run()
    data = scenario_to_dict(expected().scenario)
    data["options"][0]["stages"][0].update(authorized_days=14, length_days=21)
    data["options"][0]["name"] = "Residential 21 days"  # a name the family did not type follows the stages
    data["assumption_overrides"] = {"car_cost_usd_per_mile": 0.5}
    assert_matches(at, compare(scenario_from_dict(data)))
    assert at.selectbox(key="ui.options[0].preset").value == "Custom"


def test_the_assumptions_and_sources_table_lists_every_figure_with_its_link(at):
    from calculator import default_assumptions

    library = default_assumptions()
    open_expander(at, "ui.open.library")  # worked out only while open
    # One row per dated value: a figure with 2025 and 2026 values shows both, each with its date.
    values = sum(len(f.values) for f in library.figures.values())
    table = next(df for df in at.dataframe if "Reliability" in df.value.columns and len(df.value) == values)
    shown = table.value
    assert set(shown["Figure"]) == {f.label for f in library.figures.values()}
    assert shown["Link"].str.startswith("http").all()
    assert {"Low", "Typical", "High", "From", "Reliability"} <= set(shown.columns)
    deductible = shown[shown["Figure"] == library["medicare_part_a_deductible_usd"].label]
    assert list(deductible["From"]) == ["2025-01-01", "2026-01-01"] and list(deductible["Typical"]) == [1676, 1736]


def open_expander(at: AppTest, key: str) -> None:
    """Open one of the page's expanders whose contents are drawn only while open."""
    at.session_state[key] = True
    at.run()
    assert not at.exception


def test_questions_to_ask_are_shown_for_the_figures_left_empty(at):
    from calculator import default_assumptions, questions_to_ask

    shown = " ".join(unescape(m.value) for m in at.markdown)
    assert "Questions to ask before you decide" in [h.value for h in at.header]
    comparison = expected()
    for q in questions_to_ask(comparison.scenario, default_assumptions(), comparison.reasons):
        assert EN.question(q)[0] in shown


def test_every_option_shows_leave_used_and_an_after_tax_total_beside_the_cash_total(at):
    comparison = expected()
    metrics = {(m.label, m.value) for m in at.metric}
    captions = " ".join(unescape(c.value) for c in at.caption)
    for o in comparison.options:
        assert ("After tax (estimate)", usd(o.totals["family_total_after_tax"])) in metrics
        assert ("Including leave used", usd(o.totals["family_total_with_leave"])) in metrics
        assert EN.leave_caption(o) in captions
    assert "estimate, not tax advice" in captions
    assert not [t for t in at.table if "after tax" in " ".join(t.value.columns)], "tables are drawn when asked for"
    at.toggle(key="ui.table.after_tax").set_value(True).run()
    first = comparison.options[0]
    table = next(unescaped(t.value) for t in at.table if f"{first.name}: after tax" in unescaped(t.value).columns)
    assert list(table[f"{first.name}: after tax"]) == [
        usd(first.totals[f"{r}_after_tax"])
        for r in ("out_of_pocket", "lost_income", "family_total", "leave_used", "family_total_with_leave")
    ]


def test_detailed_mode_sets_the_tax_return_the_shift_and_the_time_of_day_help(at):
    at.radio(key="ui.mode").set_value("Detailed").run()
    at.selectbox(key="taxes.filing_status").set_value("married_joint").run()
    at.number_input(key="taxes.other_income_usd_per_year").set_value(50000.0).run()
    at.selectbox(key="household.lose_whole_shift").set_value(True).run()
    at.number_input(key="household.children[0].paid_care_hours_per_week").set_value(20.0).run()
    at.selectbox(key="household.driving_cost").set_value("irs_business_rate").run()
    data = scenario_to_dict(expected().scenario)
    data["taxes"] = {"filing_status": "married_joint", "other_income_usd_per_year": 50000.0}
    data["household"].update(lose_whole_shift=True, driving_cost="irs_business_rate")
    data["household"]["children"][0]["paid_care_hours_per_week"] = 20.0
    want = compare(scenario_from_dict(data))
    assert_matches(at, want)
    metrics = [m.value for m in at.metric if m.label == "After tax (estimate)"]
    assert metrics == [usd(o.totals["family_total_after_tax"]) for o in want.options]


def test_the_plans_terms_as_used_are_on_the_page(at):
    from calculator.scenario import PLAN_LABELS

    comparison = expected()
    title = f"The plan's terms as used ({PLAN_LABELS['employer']})"
    assert title in [e.label for e in at.expander]
    open_expander(at, "ui.open.terms")
    table = next(unescaped(t.value) for t in at.table if "Value" in t.value.columns)
    assert list(zip(table.index, table["Value"], strict=True)) == EN.plan_terms(comparison)[1:]
