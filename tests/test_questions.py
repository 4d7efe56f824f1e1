"""Questions to ask follow from what the scenario left open, and go away once it is answered."""

from __future__ import annotations

from calculator import default_assumptions, load_example, questions_to_ask, scenario_from_dict, scenario_to_dict
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
