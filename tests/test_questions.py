"""Questions to ask follow from what the scenario left open, and go away once it is answered."""

from __future__ import annotations

from calculator import (
    compare,
    default_assumptions,
    load_example,
    questions_to_ask,
    scenario_from_dict,
    scenario_to_dict,
)
from ui.words import EN


def _asks(scenario):
    return [(EN.who(q.who), EN.question(q)[0]) for q in questions_to_ask(scenario, default_assumptions())]


def test_the_default_family_is_asked_about_prices_plan_terms_and_leave():
    asked = _asks(load_example("default"))
    who = {a for a, _ in asked}
    assert {"The program", "Your insurer", "Your employer", "You"} <= who
    assert any("price per day" in q and "Residential 30 days" in q for _, q in asked)
    assert any("authorize" in q for _, q in asked)
    assert any("plan year renew" in q for _, q in asked)
    assert any("short-term disability" in q for _, q in asked)


def test_questions_the_family_has_answered_are_not_asked_again():
    data = scenario_to_dict(load_example("default"))
    for option in data["options"]:
        for stage in option["stages"]:
            stage.update(
                price_usd=500,
                authorized_days=30,
                admission_fee_usd=0,
                visits_per_week=1,
                no_visit_days=7,
                family_program_days=0,
            )
    data["insurance"].update(
        deductible_usd=1000,
        coinsurance_fraction=0.2,
        oop_max_usd=4000,
        deductible_met_usd=100,
        plan_year_renews_month=7,
    )
    data["household"].update(paid_time_off_hours=40, state="NJ", short_term_disability={"replacement_fraction": 0.6})
    asked = _asks(scenario_from_dict(data))
    assert not any("price per day" in q or "authorize" in q or "renew" in q or "admission fee" in q for _, q in asked)
    assert not any("short-term disability" in q or "paid time off" in q for _, q in asked)
    # NJ's row could not confirm intermittent pay or a minimum benefit, so the question asks about them too.
    assert (
        "Your state",
        "How do I claim Temporary Disability Insurance (TDI), and what does my clinician need to certify? "
        "Ask also about: pay for hours missed for outpatient sessions, the minimum weekly benefit.",
    ) in asked


def test_the_uninsured_are_pointed_to_a_good_faith_estimate_and_medicare_to_certification():
    assert any("Good Faith Estimate" in q for _, q in _asks(load_example("uninsured-adult")))
    medicare = _asks(load_example("medicare-beneficiary"))
    assert any("Medicare-certified" in q for _, q in medicare)
    assert not any("in network" in q for _, q in medicare)


def test_care_already_arranged_the_tax_return_and_the_shift_are_asked_until_answered():
    data = scenario_to_dict(load_example("default"))
    data["household"]["work_schedule"] = "evening"
    data["options"][1]["stages"][0]["session_time"] = "evening"
    asked = [q for _, q in _asks(scenario_from_dict(data))]
    assert any("4-year-old in paid care" in q for q in asked)
    assert any("How do you file your taxes" in q for q in asked)
    assert any("HSA" in q for q in asked)
    assert any("rest of the shift" in q for q in asked)
    data["household"]["children"][0]["paid_care_hours_per_week"] = 40
    data["household"]["lose_whole_shift"] = False
    data["taxes"] = {"filing_status": "single", "other_income_usd_per_year": 0, "hsa_fsa_usd": 500}
    asked = [q for _, q in _asks(scenario_from_dict(data))]
    assert not any("paid care" in q or "file your taxes" in q or "HSA" in q or "shift" in q for q in asked)


def test_a_state_benefit_taxed_only_in_part_asks_the_state_what_share_is_taxable():
    data = scenario_to_dict(load_example("default"))
    data["household"].update(state="NJ", pay_usd_per_hour=25, paid_time_off_hours=0)
    comparison = compare(scenario_from_dict(data))
    assert any(r.code == "benefit_taxed_in_full" for r in comparison.reasons)
    asked = questions_to_ask(comparison.scenario, default_assumptions(), comparison.reasons)
    share = [q for q in asked if q.topic == "benefit_taxes"]
    assert [q.who for q in share] == ["state"]
    assert "what share of the program did my employer pay for" in EN.question(share[0])[0]
