"""A counselor enters each payer in the app (Detailed mode) and sees what ``compare`` computes.

Widgets are addressed by the scenario field they set; the expected comparison is built from the
app's starting scenario with the same changes (``test_app.expected``).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, assert_matches, expected

from calculator.scenario import PLAN_LABELS
from ui.guided import PLAN_WORDS


@pytest.fixture
def detailed() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.radio(key="ui.mode").set_value("Detailed").run()
    return app


def test_guided_mode_offers_every_payer_in_plain_words():
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    box = app.selectbox(key="insurance.plan_type")
    assert list(box.options) == list(PLAN_WORDS.values())
    assert set(PLAN_WORDS) == set(PLAN_LABELS)  # every payer, in the words a family uses
    for words in ("Original Medicare", "Medicare Advantage", "(Medigap)", "Medicare and Medicaid"):
        assert any(words in option for option in box.options), words
    box.set_value("medigap").run()
    assert not app.exception
    assert_matches(app, expected(**{"insurance.plan_type": "medigap"}))


def test_medicare_advantage_terms_are_entered_in_detailed_mode(detailed):
    detailed.selectbox(key="insurance.plan_type").set_value("medicare_advantage").run()
    detailed.number_input(key="insurance.medicare_advantage.inpatient_copay_usd_per_day").set_value(395.0).run()
    detailed.number_input(key="insurance.medicare_advantage.inpatient_copay_days").set_value(5).run()
    detailed.number_input(key="insurance.medicare_advantage.moop_usd").set_value(5900.0).run()
    want = expected(
        **{
            "insurance.plan_type": "medicare_advantage",
            "insurance.medicare_advantage.inpatient_copay_usd_per_day": 395.0,
            "insurance.medicare_advantage.inpatient_copay_days": 5,
            "insurance.medicare_advantage.moop_usd": 5900.0,
        }
    )
    assert_matches(detailed, want)
    assert want.options[0].line("copay", 0).amount_usd == pytest.approx(5 * 395.0)
    # The PPO's out-of-network terms appear only for a PPO.
    assert not [w for w in detailed.number_input if w.key == "insurance.out_of_network.coinsurance_fraction"]
    detailed.selectbox(key="insurance.medicare_advantage.network").set_value("ppo").run()
    assert [w for w in detailed.number_input if w.key == "insurance.out_of_network.coinsurance_fraction"]


def test_medigap_and_dual_eligibility_are_entered_in_detailed_mode(detailed):
    detailed.selectbox(key="insurance.plan_type").set_value("medigap").run()
    detailed.selectbox(key="insurance.medigap.plan").set_value("F").run()
    assert not detailed.exception
    assert any("eligible for Medicare before 2020" in e.value for e in detailed.sidebar.error)
    detailed.checkbox(key="insurance.medigap.eligible_before_2020").check().run()
    want = expected(
        **{
            "insurance.plan_type": "medigap",
            "insurance.medigap.plan": "F",
            "insurance.medigap.eligible_before_2020": True,
        }
    )
    assert_matches(detailed, want)
    detailed.selectbox(key="insurance.plan_type").set_value("medicare_medicaid").run()
    detailed.selectbox(key="insurance.dual_status").set_value("full").run()
    detailed.number_input(key="insurance.copay_per_admission_usd").set_value(75.0).run()
    want = expected(
        **{
            "insurance.plan_type": "medicare_medicaid",
            "insurance.dual_status": "full",
            "insurance.copay_per_admission_usd": 75.0,
            "insurance.medigap.plan": "F",
            "insurance.medigap.eligible_before_2020": True,
        }
    )
    assert_matches(detailed, want)


def test_stage_payer_terms_are_entered_in_detailed_mode(detailed):
    detailed.selectbox(key="insurance.plan_type").set_value("uninsured").run()
    detailed.number_input(key="options[0].stages[0].sliding_scale_discount_fraction").set_value(40.0).run()
    detailed.checkbox(key="options[1].stages[0].state_funded").check().run()
    want = expected(
        **{
            "insurance.plan_type": "uninsured",
            "options.0.stages.0.sliding_scale_discount_fraction": 0.4,
            "options.1.stages.0.state_funded": True,
        }
    )
    assert_matches(detailed, want)
    detailed.selectbox(key="insurance.plan_type").set_value("medicaid").run()
    detailed.selectbox(key="options[0].stages[0].medicaid_beds").set_value("over_16_not_covered").run()
    detailed.selectbox(key="insurance.plan_type").set_value("employer").run()
    detailed.checkbox(key="options[0].stages[0].in_network").uncheck().run()
    detailed.checkbox(key="options[0].stages[0].single_case_agreement").check().run()
    assert not detailed.exception
    want = expected(
        **{
            "options.0.stages.0.sliding_scale_discount_fraction": 0.4,
            "options.1.stages.0.state_funded": True,
            "options.0.stages.0.medicaid_beds": "over_16_not_covered",
            "options.0.stages.0.in_network": False,
            "options.0.stages.0.single_case_agreement": True,
        }
    )
    assert_matches(detailed, want)
