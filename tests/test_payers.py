"""Every payer, as a family or a counselor meets it: its rule named on each line, its warnings and
questions, its terms in structured form, and a clear error for a plan it cannot have.

The numbers themselves are checked by hand in ``tests/golden/`` and against loops in
``test_differential_insurance.py``; this file checks what the numbers are wrapped in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from calculator import (
    ScenarioError,
    compare,
    default_assumptions,
    questions_to_ask,
    scenario_from_dict,
    scenario_to_dict,
)
from ui.words import EN

GOLDEN = Path(__file__).parent / "golden"


def _golden(stem: str) -> dict:
    with (GOLDEN / f"{stem}.toml").open("rb") as f:
        return tomllib.load(f)["scenario"]


def _compare(data: dict):
    return compare(scenario_from_dict(data))


def _basis(result, option: int, item: str, stage: int = 0) -> str:
    line = result.options[option].line(item, stage)
    assert line is not None, f"no {item} line in option {option}, stage {stage}"
    return EN.basis(line)


def _reasons(result) -> list[str]:
    return [EN.reason(r) for r in result.reasons]


def _questions(result) -> list[str]:
    asked = questions_to_ask(result.scenario, default_assumptions(), result.reasons)
    return [" ".join(EN.question(q)) for q in asked]


MEDIGAP_G = "the_same_psychiatric_stays_with_medigap_plan_g_leave_the_family_nothing_to_pay_of_part_a"
ADVANTAGE = (
    "a_medicare_advantage_plan_charges_395_a_day_for_days_1_to_5_of_a_30_day_psychiatric_stay_and_an_hmo_pays_"
    "nothing_out_of_network"
)
QMB = "a_qualified_medicare_beneficiary_owes_nothing_of_medicare_s_cost_sharing_for_the_same_stay"
PLAN_N = "part_b_iop_with_medigap_plan_n_leaves_the_part_b_deductible_and_a_20_copay_per_office_visit"
IMD = (
    "a_medicaid_residential_stay_at_a_possible_imd_costs_the_medicaid_copay_until_the_family_learns_medicaid_will_"
    "not_pay_then_the_cash_price"
)
SLIDING = "an_uninsured_family_with_a_40_percent_sliding_scale_discount_pays_60_percent_of_the_cash_price"
SCA = "a_single_case_agreement_turns_an_out_of_network_stay_into_in_network_cost_sharing_with_no_balance_bill"
PERIODS = (
    "a_second_medicare_stay_more_than_60_days_after_the_first_opens_a_new_benefit_period_and_owes_the_part_a_"
    "deductible_again"
)
STATE_FUNDED = "a_state_funded_place_costs_the_family_only_its_sliding_scale_share_and_the_grant_pays_the_rest"


# ---- every line names the rule that produced it ----------------------------------------------


def test_medigap_lines_say_which_plan_pays_which_part():
    result = _compare(_golden(MEDIGAP_G))
    assert _basis(result, 0, "supplement") == "Medigap Plan G pays the Part A deductible ($1,736.00)"
    assert "Part A daily coinsurance ($2,170.00)" in _basis(result, 1, "supplement")
    assert _basis(result, 0, "deductible").startswith("Original Medicare Part A: the hospital deductible")
    assert EN.item(result.options[0].line("supplement", 0)) == "Paid by Medigap"


def test_plan_n_lines_name_the_deductible_and_the_office_copays_it_leaves():
    result = _compare(_golden(PLAN_N))
    iop = _basis(result, 0, "supplement", 0)
    assert "Medigap Plan N pays the Part B coinsurance ($1,191.40)" in iop
    assert "leaves the Part B deductible ($283.00) to you" in iop
    assert "except a $20.00 copay on each of 4 office visits ($80.00)" in _basis(result, 0, "supplement", 1)


def test_medicare_advantage_lines_show_the_days_and_the_daily_copay():
    result = _compare(_golden(ADVANTAGE))
    assert _basis(result, 0, "copay") == (
        "Medicare Advantage: 5 days × $395.00/day (the plan's copay for days 1-5 of each inpatient stay; later days $0)"
    )
    assert "HMO pays nothing out of network" in _basis(result, 1, "self_pay")
    assert _basis(result, 2, "copay") == "Medicare Advantage: 24 program days × $40.00 copay"


def test_qmb_and_a_new_benefit_period_are_said_in_words():
    qmb = _compare(_golden(QMB))
    assert "Qualified Medicare Beneficiary (QMB) owes nothing" in _basis(qmb, 0, "supplement")
    assert EN.item(qmb.options[0].line("supplement", 0)) == "Paid by Medicaid"
    periods = _compare(_golden(PERIODS))
    assert any("opens a new Medicare benefit period" in r and "owed 2 times" in r for r in _reasons(periods))
    assert not any("Stay, 56 days" in r and "benefit period" in r for r in _reasons(periods))


def test_a_family_without_coverage_never_reads_in_network():
    for stem in (SLIDING, STATE_FUNDED):
        result = _compare(_golden(stem))
        words = " ".join(EN.basis(line) for o in result.options for line in o.lines)
        assert "in network" not in words and "in-network" not in words
    sliding = _compare(_golden(SLIDING))
    assert _basis(sliding, 0, "self_pay") == (
        "14 days × $500.00 cash price = $7,000.00, less the sliding-scale discount of 40% (no insurance)"
    )
    assert _basis(sliding, 0, "allowed").startswith("the cash price the family pays")


def test_a_single_case_agreement_is_named_and_out_of_network_care_gets_the_no_surprises_act_in_words():
    result = _compare(_golden(SCA))
    assert "single-case agreement" in _basis(result, 0, "allowed")
    assert _basis(result, 0, "deductible").startswith("Employer plan: the first $1,000.00")
    assert _basis(result, 1, "coinsurance").startswith("Out of network: 40% of $13,000.00")
    reasons = _reasons(result)
    assert any("No Surprises Act" in r and "planned admission" in r for r in reasons)
    asked = _questions(result)
    assert any("Same program out of network" in q and "single-case agreement" in q for q in asked)
    assert not any("Program with a single-case agreement: the program is out of network" in q for q in asked)


# ---- warnings and questions ------------------------------------------------------------------------


def test_a_medicaid_residential_stay_is_flagged_as_a_possible_imd_with_the_question_to_ask():
    result = _compare(_golden(IMD))
    reasons = _reasons(result)
    assert any(r.startswith("Residential, beds not known") and "Institution for Mental Diseases" in r for r in reasons)
    assert any("Medicaid will not pay at this facility" in r for r in reasons)
    asked = _questions(result)
    assert any("beds not known" in q and "how many beds" in q for q in asked)
    assert not any("over 16 beds and no waiver" in q and "how many beds" in q for q in asked)
    assert "Institution for Mental Diseases" in _basis(result, 1, "self_pay")


def test_medicare_iop_settings_and_the_benefit_period_are_asked_about():
    result = _compare(_golden(QMB))
    assert any("only at a hospital outpatient department" in r for r in _reasons(result))
    asked = _questions(result)
    assert any("community mental health center" in q for q in asked)
    assert any("Qualified Medicare Beneficiary" in q for q in asked)
    assert any("in the last 60 days" in q for q in asked)
    assert not any("authorize" in q for q in asked), "Original Medicare has no prior authorization to ask about"


def test_the_uninsured_are_asked_about_sliding_scales_and_state_funded_programs_with_the_survey_figures():
    data = _golden(SLIDING)
    for option in data["options"]:
        option["stages"][0].pop("sliding_scale_discount_fraction")
    asked = _questions(_compare(data))
    assert any("sliding fee scale" in q for q in asked)
    state = next(q for q in asked if "state-funded or grant-funded" in q)
    # The library's N-SSATS shares, not numbers written in the words.
    library = default_assumptions()
    assert f"{library.value('treatment_facilities_sliding_fee_fraction'):.0%}" in state
    assert f"{library.value('treatment_facilities_free_care_fraction'):.0%}" in state


def test_a_state_funded_place_with_no_fee_says_so():
    reasons = _reasons(_compare(_golden(STATE_FUNDED)))
    assert any("no charge is shown" in r for r in reasons)
    assert sum("no charge is shown" in r for r in reasons) == 1  # the option with a fee is not flagged


def test_medicare_advantage_asks_for_the_plans_own_terms_when_left_to_typical_figures():
    data = _golden(ADVANTAGE)
    data["insurance"]["medicare_advantage"] = {"network": "hmo"}
    result = _compare(data)
    assert any("copay per day for an inpatient psychiatric stay" in q for q in _questions(result))
    assert not any("copay per day for an inpatient" in q for q in _questions(_compare(_golden(ADVANTAGE))))


def test_medicaid_copays_above_the_federal_maximum_are_flagged():
    data = _golden(IMD)
    data["insurance"]["copay_per_admission_usd"] = 150
    assert any("above the federal maximum of $75.00" in r for r in _reasons(_compare(data)))
    assert not any("federal maximum" in r for r in _reasons(_compare(_golden(IMD))))


# ---- the plan's terms, structured for the page and the PDF ----------------------------------------


def test_plan_terms_list_what_was_used_and_which_were_typical_figures():
    data = _golden(ADVANTAGE)
    data["insurance"]["medicare_advantage"].pop("moop_usd")
    result = _compare(data)
    terms = result.plan_terms
    assert terms.plan_type == "medicare_advantage"
    assert terms.get("advantage_inpatient_copay_usd_per_day").value == 395.0
    assert not terms.get("advantage_inpatient_copay_usd_per_day").typical
    moop = terms.get("advantage_moop_usd")
    assert moop.typical and moop.value == default_assumptions().value(
        "medicare_advantage_moop_usd", result.scenario.start_date
    )
    printed = dict(EN.plan_terms(result))
    assert printed["Payer"] == "Medicare Advantage"
    assert printed["Inpatient psychiatric copay per day"] == "$395.00/day"
    assert printed["Maximum out of pocket (in network) for the year"].endswith("(typical figure)")


def test_plan_terms_of_a_medigap_plan_give_its_shares_and_of_the_uninsured_nothing():
    medigap = _compare(_golden(PLAN_N)).plan_terms
    assert medigap.get("medigap_plan").value == "N"
    assert medigap.get("medigap_part_b_deductible_fraction").value == 0.0
    assert medigap.get("medigap_part_a_deductible_fraction").value == 1.0
    assert medigap.get("medigap_plan_n_copay").value == 20.0
    assert dict(EN.plan_terms(_compare(_golden(PLAN_N))))["Medigap plan"] == "Plan N"
    assert _compare(_golden(SLIDING)).plan_terms.terms == ()


# ---- input the model refuses, with the field and the fix ---------------------------------------------


def test_medigap_plan_f_needs_medicare_before_2020():
    data = _golden(MEDIGAP_G)
    data["insurance"]["medigap"] = {"plan": "F"}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data)
    (problem,) = err.value.problems
    assert problem.field == "insurance.medigap"
    assert "eligible for Medicare before 2020" in problem.message and "Plan G" in problem.message
    data["insurance"]["medigap"]["eligible_before_2020"] = True
    assert _compare(data).options[0].totals["treatment"] == 0.0


def test_advantage_spending_cannot_exceed_its_maximum_and_a_combined_maximum_covers_the_in_network_one():
    data = _golden(ADVANTAGE)
    data["insurance"]["medicare_advantage"].update(moop_met_usd=6000)
    with pytest.raises(ScenarioError, match="moop_met_usd cannot exceed moop_usd"):
        scenario_from_dict(data)
    data["insurance"]["medicare_advantage"].update(moop_met_usd=0, combined_moop_usd=5000)
    with pytest.raises(ScenarioError, match="combined_moop_usd cannot be below moop_usd"):
        scenario_from_dict(data)


def test_every_payer_round_trips_through_a_file():
    from calculator import dump_scenario, parse_scenario

    for stem in (ADVANTAGE, MEDIGAP_G, QMB, PLAN_N, IMD, SLIDING, SCA, STATE_FUNDED):
        scenario = scenario_from_dict(_golden(stem))
        assert parse_scenario(dump_scenario(scenario), format="toml") == scenario
        assert scenario_from_dict(scenario_to_dict(scenario)) == scenario
