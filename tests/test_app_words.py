"""The page's sentences: the headline's wording, names from stages, numbers per locale."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from calculator import compare, default_scenario, load_example, scenario_from_dict, scenario_to_dict
from ui.words import EN, MOSTLY_SHARE, words

ES = words("es")


def _share_of_gap(comparison) -> float:
    a, b = comparison.options[0], comparison.options[1]
    cheaper, dearer = (b, a) if comparison.difference() < 0 else (a, b)
    part = max(dearer.totals[c] - cheaper.totals[c] for c in ("treatment", "childcare", "lost_income", "travel"))
    return part / abs(comparison.difference())


def test_the_headline_says_the_largest_part_when_the_main_driver_is_under_60_percent_of_the_gap():
    # The default family at $50 an hour: the stay's lost pay grows, so treatment is a smaller part.
    data = scenario_to_dict(default_scenario())
    data["household"]["pay_usd_per_hour"] = 50.0
    comparison = compare(scenario_from_dict(data))
    assert _share_of_gap(comparison) < MOSTLY_SHARE  # treatment is about 55% of the gap here
    headline = EN.headline(comparison)
    assert "The largest part is treatment" in headline and "mostly" not in headline


def test_the_headline_says_mostly_when_the_main_driver_is_over_60_percent_of_the_gap():
    comparison = compare(load_example("single-parent-hourly"))
    assert _share_of_gap(comparison) >= MOSTLY_SHARE  # childcare is about 61% of the gap here
    assert "mostly because of childcare" in EN.headline(comparison)


def test_names_from_stages():
    assert EN.pathway_name([{"level": "iop", "length_days": 70}]) == "IOP 10 weeks"
    assert EN.pathway_name([{"level": "iop", "length_days": 70, "session_time": "evening"}]) == "Evening IOP 10 weeks"
    assert EN.pathway_name([{"level": "iop", "length_days": 30}]) == "IOP 30 days"
    assert EN.pathway_name([{"level": "residential", "length_days": 28}, {"level": "iop", "length_days": 56}]) == (
        "Residential 28 days, then IOP 8 weeks"
    )
    assert ES.pathway_name([{"level": "iop", "length_days": 7}]) == "IOP 1 semana"


def test_the_level_is_named_once_not_twice():
    assert EN.option_part("IOP 8 weeks", "iop") == "IOP 8 weeks"
    assert (
        EN.option_part("Residential 28 days, then IOP 8 weeks", "iop") == "Residential 28 days, then IOP 8 weeks (IOP)"
    )
    assert "(intensive outpatient (iop))" not in EN.option_part("IOP 8 weeks", "iop").lower()


def test_money_numbers_and_dates_follow_the_locale_with_half_up_cents():
    assert EN.money(1234.5) == "$1,235" and EN.money(-4979.4) == "-$4,979" and EN.money(0.125, 2) == "$0.13"
    assert ES.money(1234.5) == "$1,235"  # US Spanish writes dollars as the US does
    assert EN.date(dt.date(2026, 12, 7)) == "Dec 7, 2026"
    assert ES.date(dt.date(2026, 12, 7)) == "7 dic 2026"
    assert EN.rate(0.725, "mile") == "$0.725/mile" and EN.rate(575, "day") == "$575/day"


def test_problems_from_the_model_name_the_fields_people_see():
    message = EN.problem("deductible_met_usd cannot exceed deductible_usd", "insurance.out_of_network")
    assert message == "“Out-of-network deductible already paid ($)” cannot be more than “Out-of-network deductible ($)”"
    assert ES.problem("out of range: allowed 0 to 2,000") == "fuera de rango: se permite de 0 a 2,000"


def test_the_page_says_why_a_total_sits_outside_the_middle_of_the_plausible_range():
    comparison = compare(default_scenario())
    a, b = comparison.options
    bands = pd.DataFrame(
        {
            "option": [a.name, b.name],
            "metric": ["family_total", "family_total"],
            "p10_usd": [a.totals["family_total"] + 500, b.totals["family_total"] - 100],
            "p50_usd": [a.totals["family_total"] + 900, b.totals["family_total"]],
            "p90_usd": [a.totals["family_total"] + 2000, b.totals["family_total"] + 100],
        }
    )
    said = EN.point_vs_range(comparison, SimpleNamespace(bands=bands))
    assert len(said) == 1  # only the option whose total is outside its band
    assert said[0].startswith(f"{a.name}: the total above ({EN.money(a.totals['family_total'])}) is lower than")
    assert "typical value of each figure you left empty" in said[0]


def test_spanish_arithmetic_takes_de_el_and_a_el_contractions():
    import tomllib
    from pathlib import Path

    from calculator import scenario_from_dict

    path = (
        Path(__file__).parent
        / "golden"
        / ("part_b_iop_with_medigap_plan_n_leaves_the_part_b_deductible_and_a_20_copay_per_office_visit.toml")
    )
    data = tomllib.loads(path.read_text())["scenario"]
    data["insurance"]["medigap"]["plan"] = "K"  # pays half of the Part B coinsurance
    comparison = compare(scenario_from_dict(data))
    line = next(x for o in comparison.options for x in o.lines if x.item == "supplement")
    assert "half of the Part B coinsurance" in EN.basis(line)
    spanish = ES.basis(line)
    assert "la mitad del coseguro de la Parte B" in spanish and " de el " not in spanish


def _a_stay_in_mid_2027():
    data = scenario_to_dict(default_scenario())
    data["start_date"] = "2027-06-01"
    return compare(scenario_from_dict(data))


def test_figures_used_past_their_latest_value_are_told_in_one_sentence_and_one_question():
    from calculator import load_assumptions, questions_to_ask

    c = _a_stay_in_mid_2027()
    past = [r for r in c.reasons if r.code == "figure_past_latest"]
    assert len(past) >= 2, "a mid-2027 stay uses several figures whose 2027 value is not in the library"
    texts = EN.reasons(c.reasons)
    # Every other warning keeps its own bullet; the figures share one.
    assert len(texts) == len(c.reasons) - len(past) + 1
    (grouped,) = [t for t in texts if "no value yet for the dates of care" in t]
    assert all(EN.figure_label(r.values["label"]) in grouped for r in past)
    assert f"for {len(past)} figures" in grouped
    asked = [q for q in questions_to_ask(c.scenario, load_assumptions(), c.reasons) if "past_latest" in q.topic]
    assert [q.topic for q in asked].count("figures_past_latest") == 1
    assert "figure_past_latest" not in [q.topic for q in asked]
    question, _why = EN.question(next(q for q in asked if q.topic == "figures_past_latest"))
    assert all(EN.figure_label(r.values["label"]) in question for r in past)


def test_one_figure_past_its_latest_value_keeps_its_own_sentence():
    c = _a_stay_in_mid_2027()
    (first, *_rest) = [r for r in c.reasons if r.code == "figure_past_latest"]
    assert EN.reasons((first,)) == [EN.reason(first)]
