"""Words: every sentence the page, the PDF and the command line show, built from the model's numbers.

The model (``calculator/``) returns numbers, units and codes: lines with their ``basis``,
warnings as :class:`calculator.warnings.Reason`, questions as :class:`calculator.Question`,
analysis results. This module (pure: no Streamlit) turns them into plain words. Every string
meant for people goes through ``self.gettext`` so it can be translated; numbers and money go
through :meth:`Words.money` and friends.
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from calculator.analysis import BreakEven, UncertaintyResult
from calculator.compare import Comparison, LineResult
from calculator.money import rate, usd
from calculator.questions import Question
from calculator.scenario import LEVEL_LABELS, PLAN_LABELS
from calculator.warnings import Reason

#: The disclaimer on every screen and in the PDF: one text for both.
NOT_ADVICE = (
    "This tool compares costs and logistics. It is not medical advice and it never decides a level of care: "
    "a clinician who has assessed the person should make that call."
)
#: Warnings about one stage's input, introduced by the option, the stage and its level.
STAGE_REASONS = frozenset(
    {
        "iop_hours_low",
        "php_hours_low",
        "residential_long",
        "flying_to_sessions",
        "lodging_ignored",
        "medicare_residential",
        "medicare_not_accepted",
    }
)
SHORT_LEVEL = {
    "withdrawal_management": "detox",
    "residential": "residential",
    "php": "PHP",
    "iop": "IOP",
    "outpatient": "outpatient",
}


def _pct(x: float) -> str:
    """``0.0765 -> "7.65%"``, ``0.12 -> "12%"``."""
    return f"{x * 100:.2f}".rstrip("0").rstrip(".") + "%"


def n_(x: float) -> str:
    """A count: ``12`` or ``12.5``."""
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.1f}"


class Words:
    """The sentences of one language (English until a catalog is installed)."""

    def __init__(self, translation: gettext.NullTranslations | None = None):
        self.gettext = (translation or gettext.NullTranslations()).gettext

    # ---- numbers ------------------------------------------------------------------------

    @staticmethod
    def money(x: float, decimals: int = 0) -> str:
        return usd(x, decimals=decimals)

    @staticmethod
    def rate(x: float, unit: str) -> str:
        return rate(x, unit)

    # ---- names ----------------------------------------------------------------------------

    def component(self, code: str) -> str:
        _ = self.gettext
        return {
            "treatment": _("Treatment (your share)"),
            "lodging_meals": _("Lodging and meals"),
            "childcare": _("Childcare"),
            "lost_income": _("Lost income"),
            "travel": _("Travel"),
            "other": _("Other"),
            "out_of_pocket": _("Out of pocket"),
            "family_total": _("Total cost to your family"),
            "insurer_paid": _("Paid by insurance"),
            "allowed": _("Allowed treatment charges"),
            "leave": _("Paid time off used"),
            "taxes": _("Taxes (estimate)"),
            "leave_used": _("Paid time off used"),
            "family_total_with_leave": _("Total including leave used"),
            "tax_effect": _("Change in taxes (estimate)"),
            "out_of_pocket_after_tax": _("Out of pocket, after tax"),
            "lost_income_after_tax": _("Lost income, after tax"),
            "family_total_after_tax": _("Total cost after tax (estimate)"),
            "leave_used_after_tax": _("Paid time off used, after tax"),
            "family_total_with_leave_after_tax": _("After tax, including leave used"),
        }[code]

    def level(self, code: str) -> str:
        return self.gettext(LEVEL_LABELS[code])

    def plan(self, code: str) -> str:
        return self.gettext(PLAN_LABELS[code])

    def stage(self, k: int | None, level: str | None) -> str:
        """``"1. Residential (inpatient)"``, or ``"Whole pathway"``."""
        if k is None:
            return self.gettext("Whole pathway")
        return f"{k + 1}. {self.level(level)}"

    def item(self, line: LineResult) -> str:
        _ = self.gettext
        if line.item == "added":
            return str(line.basis.get("label", ""))
        return {
            "billed": _("Billed charges"),
            "allowed": _("Allowed amount"),
            "insurer_paid": _("Paid by insurance"),
            "deductible": _("Deductible"),
            "copay": _("Copays"),
            "coinsurance": _("Coinsurance"),
            "oop_cap": _("Out-of-pocket maximum reached"),
            "balance_bill": _("Balance bill"),
            "self_pay": _("Self-pay days"),
            "admission_fee": _("Admission fee"),
            "patient_lodging": _("Patient's lodging"),
            "patient_meals": _("Patient's meals"),
            "family_lodging": _("Family's hotel nights"),
            "family_meals": _("Family's meals away"),
            "childcare": _("Paid childcare"),
            "missed_wages": _("Wages for work missed"),
            "pto": _("Covered by paid time off"),
            "disability": _("Replaced by disability benefits"),
            "patient_lost_wages": _("Your wages lost"),
            "partner_lost_wages": _("Partner's wages lost"),
            "travel": _("Travel"),
            "stage_other": _("Drug testing and medication"),
            "food_at_home": _("Food not bought at home"),
            "pto_used": _("Paid time off used"),
            "tax_lost_wages": _("Tax not owed on wages lost"),
            "tax_benefits": _("Tax on disability benefits"),
            "tax_hsa_fsa": _("Tax saved paying from an HSA or FSA"),
            "tax_medical_deduction": _("Medical-expense deduction"),
            "tax_leave": _("Tax on the pay of the leave used"),
        }[line.item]

    def sleeps(self, code: str) -> str:
        _ = self.gettext
        return {
            "program": _("at the program"),
            "home": _("at home"),
            "sober_living": _("sober living"),
            "hotel": _("hotel"),
            "rental": _("rental"),
        }[code]

    # ---- the arithmetic of a line ---------------------------------------------------------

    def basis(self, line: LineResult) -> str:
        """How the line's amount is worked out, in words."""
        method = getattr(self, f"_basis_{line.item}", None)
        return method(line.amount_usd, line.basis) if method else ""

    def _unit(self, code: str, count: float) -> str:
        _ = self.gettext
        if code == "day":
            return _("day") if count == 1 else _("days")
        return _("program day") if count == 1 else _("program days")

    def _basis_billed(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        days = b.get("days", 0.0)
        unit = _("day") if b.get("unit") == "day" else _("program day")
        if b.get("rate_usd") is None:
            return _("{days} {units} at Medicare's approved amount in force on each day").format(
                days=n_(days), units=self._unit(b.get("unit", ""), days)
            )
        return f"{n_(days)} {unit}s × {self.money(b['rate_usd'], 2)}/{unit}"

    def _basis_allowed(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        network = _("in network") if b.get("in_network", True) else _("out of network")
        return _("what the plan recognizes ({plan}, {network})").format(plan=self.plan(b["plan_type"]), network=network)

    def _basis_insurer_paid(self, amount: float, b) -> str:
        return self.gettext("allowed amount less your share")

    def _basis_deductible(self, amount: float, b) -> str:
        _ = self.gettext
        text = _("the first {amount} of allowed charges until the deductible is met").format(
            amount=self.money(amount, 2)
        )
        if b.get("plan_years", 1) > 1:
            text += _("; the plan year renews during the stage, so the deductible is paid {n} times").format(
                n=b["plan_years"]
            )
        return text

    def _basis_copay(self, amount: float, b) -> str:
        return self.gettext("per-day and per-admission copays owed on this stage")

    def _basis_coinsurance(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        if b.get("rule") == "medicare_part_a":
            parts = []
            if b.get("days_61_90"):
                parts.append(
                    _("{days} days × {rate}/day (days 61-90)").format(
                        days=n_(b["days_61_90"]), rate=self.money(b["rate_61_90_usd_per_day"])
                    )
                )
            if b.get("reserve_days"):
                parts.append(
                    _("{days} lifetime reserve days × {rate}/day").format(
                        days=n_(b["reserve_days"]), rate=self.money(b["rate_reserve_usd_per_day"])
                    )
                )
            return (
                _("Part A daily coinsurance: ") + " + ".join(parts)
                if parts
                else _("Part A daily coinsurance for days 61-90 and lifetime reserve days")
            )
        return _("{fraction} of {base} left after deductible and copays").format(
            fraction=f"{b.get('fraction') or 0:.0%}", base=self.money(b.get("base_usd", 0.0), 2)
        )

    def _basis_oop_cap(self, amount: float, b) -> str:
        return self.gettext("your share stops at the plan year's out-of-pocket maximum; the plan pays the rest")

    def _basis_balance_bill(self, amount: float, b) -> str:
        return self.gettext("billed charges above the allowed amount (out of network; no maximum applies)")

    def _basis_self_pay(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        why = (
            _("no insurance")
            if b.get("reason") == "uninsured"
            else _("days past authorization, or care the plan does not cover")
        )
        unit = _("day") if b.get("unit") == "day" else _("program day")
        return _("{days} {unit}s at the cash price ({why})").format(days=n_(b.get("days", 0.0)), unit=unit, why=why)

    def _basis_admission_fee(self, amount: float, b) -> str:
        return self.gettext("one-off fee on admission; insurers rarely cover it")

    def _basis_patient_lodging(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        kind = (
            _("room not included in the price")
            if b.get("lodging") == "room_not_included"
            else self.sleeps(b.get("lodging", "home"))
        )
        return _("{nights} nights ({kind})").format(nights=n_(b.get("nights", 0.0)), kind=kind)

    def _basis_patient_meals(self, amount: float, b: Mapping[str, Any]) -> str:
        return f"{n_(b.get('days', 0.0))} {self.gettext('days')} × {self.money(b['rate_usd_per_day'], 2)}/{self.gettext('day')}"

    def _basis_family_lodging(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("overnight visits and family-program days × {rate}/night").format(
            rate=self.money(b["rate_usd_per_night"], 2)
        )

    def _basis_family_meals(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("visitors × days away × {rate}/day").format(rate=self.money(b["rate_usd_per_day"], 2))

    def _basis_childcare(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        names = {
            "daytime": _("weekday daytime"),
            "evening": _("weekday evening"),
            "night": _("night"),
            "weekend": _("weekend"),
        }
        by_part = b.get("hours_by_part", {})
        parts = ", ".join(f"{n_(h)} {names[p]}" for p, h in by_part.items() if h >= 0.05)
        text = _(
            "{hours} hours of care beyond what the children already have ({parts}), at the cheaper of a sitter by the "
            "hour or a full week of day care (daytime only) plus a sitter"
        ).format(hours=n_(b.get("hours", 0.0)), parts=parts or _("none"))
        kept = self._existing_care(b.get("existing_care", ()))
        if kept:
            text += _("; not charged again: {kept}").format(kept=kept)
        if b.get("state_index") is not None:
            text += _("; {state} prices: national × {index}").format(
                state=b.get("state", ""), index=f"{b['state_index']:.3f}"
            )
        return text

    def _existing_care(self, children) -> str:
        """``"the 4-year-old's 44.6 h a week of paid care (assumed: your work hours plus the commute)"``."""
        _ = self.gettext
        out = []
        for age, school, paid, assumed in children:
            bits = []
            if school:
                bits.append(_("{hours} h a week at school").format(hours=n_(school)))
            if paid:
                text = _("{hours} h a week of paid care").format(hours=n_(paid))
                if assumed:
                    text += _(" (assumed: your work hours plus the commute, which you keep paying for)")
                bits.append(text)
            if bits:
                out.append(_("the {age}-year-old's {care}").format(age=age, care=_(" and ").join(bits)))
        return "; ".join(out)

    def _basis_food_at_home(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        text = _(
            "{days} days away × {rate} a week ÷ 7: groceries for one adult the household does not buy "
            "(USDA Thrifty Food Plan, the lowest-cost plan)"
        ).format(days=n_(b.get("days", 0.0)), rate=self.money(b.get("rate_usd_per_week", 0.0), 2))
        return text

    def _basis_pto_used(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext(
            "{hours} hours × {pay}/hour: paid, but leave you cannot use later (counted in the total including leave used)"
        ).format(hours=n_(b.get("hours", 0.0)), pay=self.money(b.get("pay_usd_per_hour", 0.0), 2))

    def _rates_text(self, b: Mapping[str, Any]) -> str:
        """``"federal 12%, state 5%, Social Security and Medicare 7.65% (head of household)"``."""
        _ = self.gettext
        status = self.filing_status(b.get("filing_status", "single"))
        if b.get("filing_status_assumed"):
            status = _("{status}, assumed").format(status=status)
        if b.get("state"):
            text = _("federal {federal}, {state} {state_rate}, Social Security and Medicare {payroll} ({status})")
        else:
            text = _("federal {federal}, Social Security and Medicare {payroll} ({status}; no state entered)")
        text = text.format(
            federal=_pct(b.get("federal_rate", 0.0)),
            state=b.get("state"),
            state_rate=_pct(b.get("state_rate", 0.0)),
            payroll=_pct(b.get("payroll_rate", 0.0)),
            status=status,
        )
        years = b.get("figures_years", ())
        if years and b.get("year") is not None and (max(years) < b["year"] + b.get("years", 1) - 1):
            text += _("; {year} tax figures used for later years").format(year=max(years))
        return text

    def filing_status(self, code: str) -> str:
        _ = self.gettext
        return {
            "single": _("single"),
            "married_joint": _("married filing jointly"),
            "head_of_household": _("head of household"),
        }[code]

    def _basis_tax_lost_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{lost} of wages not earned are not taxed: at your marginal rates, {rates}").format(
            lost=self.money(b.get("lost_usd", 0.0)), rates=self._rates_text(b)
        )

    def _basis_tax_benefits(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        how = {
            "taxable": _("taxed like wages"),
            "partly": _("taxed on the share the employer paid for, counted here as if all of it"),
            "exempt": _("not taxed"),
        }
        return _("{amount} of benefits: employer disability {employer}; the state program {state}").format(
            amount=self.money(b.get("benefits_usd", 0.0)),
            employer=how[b.get("employer_benefit", "taxable")],
            state=how[b.get("state_benefit", "partly")],
        )

    def _basis_tax_hsa_fsa(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext(
            "{paid} of medical costs paid from the HSA or FSA, money set aside before income tax, Social Security and "
            "Medicare"
        ).format(paid=self.money(b.get("hsa_usd", 0.0)))

    def _basis_tax_medical_deduction(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext(
            "federal, if you itemize: medical costs of {medical} not paid from an HSA, less 7.5% of income ({floor}), "
            "leave {deductible} deductible; itemizing then beats the {std} standard deduction"
        ).format(
            medical=self.money(b.get("medical_usd", 0.0) - b.get("hsa_usd", 0.0)),
            floor=self.money(b.get("floor_usd", 0.0)),
            deductible=self.money(b.get("deductible_usd", 0.0)),
            std=self.money(b.get("standard_deduction_usd", 0.0)),
        )

    def _basis_tax_leave(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("the leave's {leave} of pay is taxed like wages: {rates}").format(
            leave=self.money(b.get("leave_usd", 0.0)), rates=self._rates_text(b)
        )

    def after_tax_note(self) -> str:
        """The plain warning beside every after-tax figure."""
        return self.gettext(
            "After-tax figures are an estimate, not tax advice: federal and state income tax and Social Security and "
            "Medicare at your household's rates; credits (such as the earned income credit) and local taxes are not "
            "counted. A tax preparer can tell you more."
        )

    def leave_caption(self, option) -> str:
        """``"Paid time off used: 144 h, worth $4,334"`` (or that none is used)."""
        _ = self.gettext
        hours = option.logistics.get("paid_time_off_hours_used", 0.0)
        if hours <= 0:
            return _("No paid time off used")
        return _("Paid time off used: {hours} h, worth {value}").format(
            hours=n_(hours), value=self.money(option.totals["leave_used"])
        )

    def _basis_missed_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} work hours missed × {pay}/hour").format(
            hours=n_(b.get("hours", 0.0)), pay=self.money(b.get("pay_usd_per_hour", 0.0), 2)
        )

    def _basis_pto(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} hours of paid time off").format(hours=n_(b.get("hours", 0.0)))

    def _basis_disability(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        if not b:
            return _("short-term disability or the state program, after the waiting period")
        who = (
            _("employer short-term disability") if b["program"] == "employer" else f"{b['state']} {b['state_program']}"
        )
        return _("{who}: up to {weekly} a week for {weeks} weeks, after its waiting period").format(
            who=who, weekly=self.money(b["weekly_usd"]), weeks=n_(b["weeks"])
        )

    def _basis_patient_lost_wages(self, amount: float, b) -> str:
        return self.gettext("wages missed less paid time off and disability benefits")

    def _basis_partner_lost_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} hours off work for family-program days and driving").format(
            hours=n_(b.get("hours", 0.0))
        )

    def _basis_travel(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        mode = {"car": _("car"), "transit": _("transit"), "flight": _("flight")}[b["mode"]]
        text = _("trips to the program and family visits; {miles} miles each way by {mode}").format(
            miles=n_(b.get("miles", 0.0)), mode=mode
        )
        if b.get("rate_usd_per_mile") is not None:
            text += f", {self.rate(b['rate_usd_per_mile'], _('mile'))}"
            text += {
                "running_cost": _(" (what it costs to run a car you own: fuel and upkeep)"),
                "irs_business_rate": _(" (the IRS business rate: the whole cost of owning a car)"),
            }.get(b.get("car_rate"), "")
        return text

    def _basis_stage_other(self, amount: float, b) -> str:
        return self.gettext("weekly amounts entered for this stage")

    def _basis_added(self, amount: float, b) -> str:
        return self.gettext("entered by you")

    def lines_table(self, option) -> pd.DataFrame:
        """An option's lines as a table for people: stage, item, amount, arithmetic.

        ``in_total``: counted in the cash total (``family_total``); ``counted_in`` names the total
        a line counts in (leave used and tax lines count in the totals beside the cash total).
        """
        return pd.DataFrame(
            [
                {
                    "component": line.component,
                    "stage": self.stage(line.stage, line.level),
                    "item": self.item(line),
                    "amount_usd": line.amount_usd,
                    "basis": self.basis(line),
                    "in_total": line.counted_in == "family_total",
                    "counted_in": line.counted_in or "",
                }
                for line in option.lines
            ],
            columns=["component", "stage", "item", "amount_usd", "basis", "in_total", "counted_in"],
        )

    # ---- the answer ------------------------------------------------------------------------

    def headline(self, comparison: Comparison) -> str:
        """The answer in one sentence, for the top of the page."""
        _ = self.gettext
        a, b = comparison.options[0], comparison.options[1]
        diff = comparison.difference("family_total")
        if abs(diff) < 0.5:
            return _("{a} and {b} cost your family about the same: {total} in all.").format(
                a=a.name, b=b.name, total=self.money(a.totals["family_total"])
            )
        cheaper, dearer = (b, a) if diff < 0 else (a, b)
        driver, amount = comparison.main_driver()
        reason = self.component(driver).lower().replace(_(" (your share)"), "")
        more = _("more") if (amount > 0) == (dearer is b) else _("less")
        return _(
            "{cheaper} costs your family about {diff} less in all ({low} against {high}), mostly because of "
            "{reason}: {amount} {more} with {dearer}."
        ).format(
            cheaper=cheaper.name,
            diff=self.money(abs(diff)),
            low=self.money(cheaper.totals["family_total"]),
            high=self.money(dearer.totals["family_total"]),
            reason=reason,
            amount=self.money(abs(amount)),
            more=more,
            dearer=dearer.name,
        )

    # ---- warnings ----------------------------------------------------------------------------

    def reason(self, r: Reason) -> str:
        """A warning as one plain sentence."""
        _ = self.gettext
        v = r.values
        where = ""
        if r.option is not None and r.stage is not None and r.code in STAGE_REASONS:
            where = _("{option}, stage {n} ({level}): ").format(
                option=r.option, n=r.stage + 1, level=self.level(r.level)
            )
        elif r.option is not None:
            where = f"{r.option}: "
        text = {
            "work_hours_high": lambda: _("Work hours of {hours} a week are unusually high; check the figure.").format(
                hours=f"{v['hours']:g}"
            ),
            "pay_below_minimum_wage": lambda: _(
                "Hourly pay is below the federal minimum wage ($7.25); check the figure."
            ),
            "family_help_without_children": lambda: _(
                "Family help hours are set but no children are listed, so they are not used."
            ),
            "tax_figures_past_latest": lambda: _(
                "Tax brackets and standard deductions for {year} are not in the library yet, so {used}'s are used "
                "for the after-tax figures."
            ).format(year=v["year"], used=v["figures_year"]),
            "state_tax_not_found": lambda: _(
                "The library has no income-tax table for {state}, so no state income tax is counted after tax."
            ).format(state=v["state"]),
            "benefit_taxed_in_full": lambda: _(
                "the state benefit ({amount}) is taxable only on the share your employer paid for; the after-tax "
                "figures count all of it as taxable, so they may overstate the tax."
            ).format(amount=self.money(v["amount_usd"])),
            "medical_deduction": lambda: _(
                "itemizing medical expenses might lower federal tax by about {amount}. This is an estimate, not tax "
                "advice: other medical costs in the year, and your other deductions, change it."
            ).format(amount=self.money(v["amount_usd"])),
            "plan_terms_not_used": lambda: _(
                "Deductible and coinsurance entries are not used for {plan}: its own rules apply."
            ).format(plan=v["plan_type"].title()),
            "iop_hours_low": lambda: _("{hours} hours a week is below the 9 hours that define an adult IOP.").format(
                hours=f"{v['hours_per_week']:g}"
            ),
            "php_hours_low": lambda: _("{hours} hours a week is below the 20 hours that define a PHP.").format(
                hours=f"{v['hours_per_week']:g}"
            ),
            "residential_long": lambda: _("a stay of {days} days is longer than most residential programs.").format(
                days=v["days"]
            ),
            "flying_to_sessions": lambda: _(
                "flying to every outpatient session is unusual; consider lodging near the program."
            ),
            "lodging_ignored": lambda: _(
                "'where the patient sleeps' applies to outpatient stages only and is ignored here."
            ),
            "medicare_residential": lambda: _(
                "Original Medicare does not cover residential rehab in a non-hospital facility; this assumes a "
                "Medicare-certified inpatient hospital or psychiatric unit. Ask the facility."
            ),
            "medicare_not_accepted": lambda: _(
                "the facility does not take Medicare, so the family pays its cash price."
            ),
            "job_not_protected": lambda: _(
                "you would miss about {hours} work hours and are not FMLA-eligible, so your job is not protected by "
                "federal law; ask your employer about leave."
            ).format(hours=f"{v['hours']:,.0f}"),
            "fmla_exceeded": lambda: _(
                "about {weeks} weeks of work missed is more than the {fmla} weeks of job-protected FMLA leave."
            ).format(weeks=f"{v['weeks']:.1f}", fmla=f"{v['fmla_weeks']:g}"),
            "authorization_runs_out": lambda: _(
                "the {auth} authorized days run out before the {level} stage ends; {days} days are priced at the cash "
                "rate. Ask the insurer how concurrent review works."
            ).format(auth=v["authorized_days"], level=self.level(r.level).lower(), days=f"{v['self_pay_days']:g}"),
            "balance_bill": lambda: _(
                "an out-of-network balance bill of about {amount} is not capped by any out-of-pocket maximum."
            ).format(amount=self.money(v["amount_usd"])),
            "medicare_reserve_days": lambda: _("uses {days} of Medicare's 60 lifetime reserve days.").format(
                days=f"{v['days']:g}"
            ),
            "medicare_days_not_covered": lambda: _(
                "some days are past what Medicare covers and are priced at the cash rate."
            ),
            "figure_past_latest": lambda: _(
                "{label}: the library has no value yet for care from {date}, so its latest ({value}, in force from "
                "{since}) is used."
            ).format(
                label=v["label"],
                date=v["from"].isoformat(),
                value=self._figure_value(v["latest_usd"], v["unit"]),
                since=v["latest_from"].isoformat(),
            ),
        }[r.code]()
        return where + text

    def _figure_value(self, value: float, unit: str) -> str:
        if unit == "USD/mile":
            return self.rate(value, "mile")
        if unit.startswith("USD"):
            per = unit.partition("/")[2]
            return self.money(value, 2 if value < 100 else 0) + (f"/{per}" if per else "")
        if unit == "fraction":
            return f"{value:.0%}"
        return f"{value:g} {unit}"

    # ---- questions ----------------------------------------------------------------------------

    def who(self, code: str) -> str:
        _ = self.gettext
        return {
            "program": _("The program"),
            "insurer": _("Your insurer"),
            "employer": _("Your employer"),
            "state": _("Your state"),
            "you": _("You"),
            "family": _("Family and friends"),
        }[code]

    def question(self, q: Question) -> tuple[str, str]:
        """``(question, why it matters)``."""
        _ = self.gettext
        where = q.option if q.level is None else f"{q.option} ({self.level(q.level).lower()})"
        v = q.values
        table = {
            "price": (
                _(
                    "{where}: what is the price per day, and what does it include (room, meals, doctors' visits, medication, drug tests)?"
                ),
                _("The price used is a national typical figure; programs vary several-fold."),
            ),
            "admission_fee": (
                _("{where}: is there an admission fee, and does insurance cover it?"),
                _("Some residential programs charge one up front."),
            ),
            "visits": (
                _("{where}: when can family visit, and how many family-program days are expected?"),
                _("Visits and family days mean travel, time off work and sometimes hotel nights."),
            ),
            "authorization": (
                _("{where}: how many days will you authorize at first, and how often is the stay reviewed?"),
                _("Days past what is authorized are priced at the program's cash rate."),
            ),
            "network": (
                _("{where}: is the program in network? If not, what do you allow, and can it bill me the difference?"),
                _("Out of network, a balance bill has no out-of-pocket maximum."),
            ),
            "medicare_certified": (
                _("{where}: is it a Medicare-certified hospital, and is it a freestanding psychiatric hospital?"),
                _(
                    "Original Medicare does not cover non-hospital residential rehab; freestanding psychiatric hospitals have a 190-day lifetime limit."
                ),
            ),
            "good_faith_estimate": (
                _("Can I have a written Good Faith Estimate, and is there a self-pay discount or payment plan?"),
                _("Uninsured and self-pay patients have a right to a good-faith estimate before care."),
            ),
            "plan_terms": (
                _("What are my deductible, coinsurance and out-of-pocket maximum for behavioral-health care?"),
                _("Typical plan terms were used; yours decide the largest line of the bill."),
            ),
            "amounts_met": (
                _("How much of this year's deductible and out-of-pocket maximum have I already met?"),
                _("Amounts already met lower what is left to pay."),
            ),
            "plan_year": (
                _("On what date does my plan year renew?"),
                _("A stay that crosses the renewal can pay the deductible twice."),
            ),
            "paid_time_off": (
                _("How many hours of paid time off (vacation and sick leave) do I have?"),
                _("Paid time off covers missed work first."),
            ),
            "disability": (
                _(
                    "Do I have short-term disability insurance? What share of pay does it replace, after how many days, and up to what?"
                ),
                _("It can replace part of your pay during full-time treatment."),
            ),
            "fmla": (
                _(
                    "Am I eligible for FMLA job-protected leave, and can I use it intermittently for outpatient sessions?"
                ),
                _("FMLA protects up to {fmla_weeks} weeks a year for eligible workers."),
            ),
            "state": (
                _("Which state do you work in?"),
                _("Several states replace part of your wages during treatment."),
            ),
            "state_program": (
                _("How do I claim {program}, and what does my clinician need to certify?"),
                _("The state program replaces part of your wages after its waiting period."),
            ),
            "family_help": (
                _(
                    "Who could look after the children, and when: weekday daytimes, weekday evenings, nights, "
                    "weekends? For how many hours a week each?"
                ),
                _(
                    "Every hour others can cover is an hour of childcare not to pay for; help in the daytime does not "
                    "cover an evening session."
                ),
            ),
            "existing_care": (
                _(
                    "Is your {age}-year-old in paid care while you work (day care, after-school care, a sitter), and "
                    "for how many hours a week?"
                ),
                _(
                    "The calculator assumed care during your work hours plus the commute, which you keep paying for "
                    "and which no option is charged for again."
                ),
            ),
            "whole_shift": (
                _(
                    "If a treatment session overlaps my shift, can I work the rest of the shift, or do I lose all of it?"
                ),
                _("Losing whole shifts can cost much more than the hours the sessions take."),
            ),
            "disability_taxes": (
                _("Who pays the premiums for my disability insurance at work: the company, or me from after-tax pay?"),
                _(
                    "A benefit from a plan the employer pays for is taxed like wages; if you paid with after-tax money, it is not."
                ),
            ),
            "benefit_taxes": (
                _("How much of the state benefit is taxable: what share of the program did my employer pay for?"),
                _("Only the employer's share is taxable; the after-tax figures counted all of it."),
            ),
            "tax_return": (
                _(
                    "How do you file your taxes (single, married filing jointly, head of household), and what other "
                    "income is on the return?"
                ),
                _("They set the tax rates the after-tax figures use; a typical guess was made."),
            ),
            "hsa_fsa": (
                _(
                    "Do you have money in a health savings account (HSA) or flexible spending account (FSA) for these costs?"
                ),
                _("Costs paid from it were paid with money set aside before tax."),
            ),
            "tax_figures_past_latest": (
                _("Have the federal tax brackets and standard deductions for {year} been published?"),
                _("The calculator used {since}'s for the after-tax figures."),
            ),
            "figure_past_latest": (
                _("{label}: has a value for {year} been published? The calculator used the one in force from {since}."),
                _("The figure changes on a schedule, and the newest value is not in the calculator's library yet."),
            ),
        }
        ask, why = table[q.topic]
        fill = {
            "where": where,
            "age": v.get("age", ""),
            "fmla_weeks": f"{v.get('fmla_weeks', 0):g}",
            "program": v.get("program", ""),
            "label": v.get("label", ""),
            "year": v["from"].year if "from" in v else v.get("year", ""),
            "since": v["latest_from"].isoformat() if "latest_from" in v else v.get("figures_year", ""),
        }
        return ask.format(**fill), why.format(**fill)

    # ---- the analysis --------------------------------------------------------------------------

    def _cases(self, p: float) -> str:
        _ = self.gettext
        k = int(math.floor(p * 10 + 0.5))
        if p >= 1.0:
            return _("In every plausible case")
        if k >= 10:
            return _("In nearly every plausible case")
        if k <= 0:
            return _("In almost no plausible case")
        return _("In {k} of 10 plausible cases").format(k=k)

    def uncertainty(self, u: UncertaintyResult, metric: str = "family_total") -> str:
        """The finding in one or two sentences, e.g. *In 8 of 10 plausible cases IOP costs your
        family less; the gap is between $A and $B* (the P10–P90 range of the difference)."""
        _ = self.gettext
        what = _("costs your family less") if metric == "family_total" else _("costs your family less out of pocket")
        first, second = u.option_names[:2]
        if not u.varied_keys:
            lo, _mid, _hi = u.difference_band(metric)
            if abs(lo) < 0.5:
                return _("{a} and {b} cost the same; every figure is fixed.").format(a=first, b=second)
            cheaper = second if lo < 0 else first
            return _("With every figure fixed, {name} {what} by {amount}.").format(
                name=cheaper, what=what, amount=self.money(abs(lo))
            )
        name, p = u.likely_cheaper(metric)
        lead = self._cases(p)
        if name not in (first, second):
            return f"{lead} {name} {what}."
        p10, _mid, p90 = u.difference_band(metric)
        # The gap from the cheaper option's side: how much more the other one costs.
        sign = -1.0 if name == second else 1.0
        gap_lo, gap_hi = sorted((sign * p10, sign * p90))
        if gap_lo >= 0:
            gap = _("the gap is between {lo} and {hi}").format(lo=self.money(gap_lo), hi=self.money(gap_hi))
        else:
            gap = _("the gap runs from {lo} the other way to {hi} in its favour").format(
                lo=self.money(-gap_lo), hi=self.money(gap_hi)
            )
        return f"{lead} {name} {what}; {gap}."

    def _range(self, low: float, high: float, unit: str) -> str:
        """``"$500 to $650 per day"``, ``"15 to 500 miles"``, ``"10% to 30%"``."""
        _ = self.gettext
        if unit.startswith("USD"):
            per = unit.removeprefix("USD").removeprefix("/")
            dec = 2 if max(abs(low), abs(high)) < 10 else 0
            text = _("{low} to {high}").format(low=self.money(low, dec), high=self.money(high, dec))
            return _("{text} per {per}").format(text=text, per=per) if per else text
        if unit == "fraction":
            return _("{low} to {high}").format(low=f"{low:.0%}", high=f"{high:.0%}")

        def num(x: float) -> str:
            return f"{x:,.2f}".rstrip("0").rstrip(".")

        return _("{low} to {high}").format(low=num(low), high=num(high)) + f" {unit}"

    def drivers(self, frame: pd.DataFrame, top: int = 3) -> str:
        """The top drivers of the difference, each named by its library label."""
        _ = self.gettext
        moving = frame[frame["swing_usd"] >= 0.5].head(top)
        if moving.empty:
            return _("No uncertain figure changes the difference between the options.")
        first, second = frame.attrs.get("option_names", (_("the first option"), _("the second option")))
        parts = [
            _("{label} (from {range} moves the gap by {swing})").format(
                label=r["label"].lower(),
                range=self._range(r["low"], r["high"], r["unit"]),
                swing=self.money(r["swing_usd"]),
            )
            for _i, r in moving.iterrows()
        ]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _(" and ") + parts[-1]
        lead = _("What drives the difference most") if len(parts) > 1 else _("What drives the difference")
        return _("{lead} between {a} and {b}: {listed}.").format(lead=lead, a=first, b=second, listed=listed)

    def break_even_label(self, b: BreakEven) -> str:
        _ = self.gettext
        short = SHORT_LEVEL.get(b.level or "", "")
        residential = b.level in {"residential", "withdrawal_management"}
        return {
            "length": _("{short} length of stay") if residential else _("{short} length"),
            "price": _("{short} price per day") if residential else _("{short} price per program day"),
            "pay": _("your pay"),
            "salary": _("your salary"),
            "deductible_left": _("deductible left"),
            "childcare_rate": _("childcare rate"),
            "distance": _("distance to the {short} program"),
        }[b.code].format(short=short)

    def _phrases(self, b: BreakEven) -> dict[str, Any]:
        """How to say the input: its noun, its subject, the words below/above, a value's format."""
        _ = self.gettext
        short = SHORT_LEVEL.get(b.level or "", "")
        label = self.break_even_label(b)
        money = lambda v: self.money(v)  # noqa: E731
        per = {
            "length": dict(
                subject=(_("the {short} stay is") if b.unit == "days" else _("the {short} runs")).format(short=short),
                lower=_("shorter than"),
                higher=_("longer than"),
                fmt=(lambda v: _("{n} days").format(n=f"{v:,.0f}"))
                if b.unit == "days"
                else (lambda v: _("{n} weeks").format(n=f"{v:,.1f}".removesuffix(".0"))),
            ),
            "price": dict(
                subject=_("the {short} price is").format(short=short),
                lower=_("under"),
                higher=_("over"),
                fmt=lambda v: f"{self.money(v)}/{b.unit.removeprefix('USD/')}",
            ),
            "pay": dict(
                noun=_("your pay"),
                subject=_("your pay is"),
                lower=_("under"),
                higher=_("over"),
                fmt=lambda v: f"{self.money(v, 2)}/" + _("hour"),
            ),
            "salary": dict(
                noun=_("your salary"),
                subject=_("your salary is"),
                lower=_("under"),
                higher=_("over"),
                fmt=lambda v: _("{amount} a year").format(amount=self.money(v)),
            ),
            "deductible_left": dict(
                subject=_("the deductible left this plan year is"), lower=_("under"), higher=_("over"), fmt=money
            ),
            "childcare_rate": dict(
                subject=_("a babysitter costs"),
                lower=_("under"),
                higher=_("over"),
                fmt=lambda v: f"{self.money(v, 2)}/" + _("hour"),
            ),
            "distance": dict(
                subject=_("the {short} program is").format(short=short),
                lower=_("closer than"),
                higher=_("farther than"),
                fmt=lambda v: _("{n} miles").format(n=f"{v:,.0f}"),
            ),
        }[b.code]
        per.setdefault("noun", _("the {label}").format(label=label))
        return per

    def break_even(self, b: BreakEven) -> str:
        """Where the answer flips for one input, in a sentence."""
        _ = self.gettext
        first, second = b.option_names
        p = self._phrases(b)
        fmt = p["fmt"]
        lo, hi = float(b.values.min()), float(b.values.max())
        cheaper = None if abs(b.current_difference_usd) < 0.5 else (second if b.current_difference_usd < 0 else first)
        label = self.break_even_label(b)
        if b.crossing is None:
            if cheaper is None:
                return _("{a} and {b} cost your family about the same at the current {label}.").format(
                    a=first, b=second, label=label
                )
            return _(
                "{name} stays cheaper for your family with {noun} anywhere from {lo} to {hi}: no crossing in the plausible range."
            ).format(name=cheaper, noun=p["noun"], lo=fmt(lo), hi=fmt(hi))
        direction = p["lower"] if b.crossing < b.current else p["higher"]
        extra = ""
        if len(b.crossings) > 1:
            extra = _(" (the curve crosses {n} times between {lo} and {hi})").format(
                n=len(b.crossings), lo=fmt(lo), hi=fmt(hi)
            )
        if cheaper is None:
            return _("The options cost your family the same at the current {label}; they swap at {at}{extra}.").format(
                label=label, at=fmt(b.crossing), extra=extra
            )
        return _("{name} stays cheaper for your family unless {subject} {direction} {at}{extra}.").format(
            name=cheaper, subject=p["subject"], direction=direction, at=fmt(b.crossing), extra=extra
        )


@lru_cache(maxsize=4)
def words(lang: str = "en") -> Words:
    """The sentences for ``lang`` (English only until a catalog is shipped)."""
    return Words()


EN = words("en")
