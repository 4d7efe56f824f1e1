"""Words: every sentence the page, the PDF and the command line show, built from the model's numbers.

The model (``calculator/``) returns numbers, units and codes: lines with their ``basis``,
warnings as :class:`calculator.warnings.Reason`, questions as :class:`calculator.Question`,
analysis results. This module (pure: no Streamlit) turns them into plain words. Every string
meant for people goes through ``self.gettext`` so it can be translated; numbers and money go
through :meth:`Words.money` and friends.
"""

from __future__ import annotations

import datetime as dt
import gettext
import math
import re
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from calculator.analysis import BreakEven, UncertaintyResult
from calculator.compare import Comparison, LineResult
from calculator.engine import COMPONENTS
from calculator.questions import Question
from calculator.scenario import LEVEL_LABELS, ORIGINAL_MEDICARE_PLANS, PLAN_LABELS
from calculator.schema import N_
from calculator.warnings import Reason

from . import i18n

#: The disclaimer on every screen and in the PDF: one text for both (translated by
#: :meth:`Words.not_advice`).
NOT_ADVICE = N_(
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
        "advantage_residential",
        "advantage_hmo_out_of_network",
        "medicare_iop_setting",
        "medicaid_not_accepted",
        "imd_possible",
        "imd_waiver",
        "imd_not_paid",
        "single_case_agreement_in_network",
        "single_case_agreement_not_used",
        "state_funded_no_fee",
        "medicare_php_rate_estimate",
    }
)
SHORT_LEVEL = {
    "withdrawal_management": N_("detox"),
    "residential": N_("residential"),
    "php": N_("PHP"),
    "iop": N_("IOP"),
    "outpatient": N_("outpatient"),
}
#: A level's name at the start of an option's name ("Residential 30 days", "IOP 8 weeks").
PATHWAY_LEVEL = {
    "withdrawal_management": N_("Detox"),
    "residential": N_("Residential"),
    "php": N_("PHP"),
    "iop": N_("IOP"),
    "outpatient": N_("Outpatient"),
}
#: Share of the gap the largest component must reach before the headline says "mostly because
#: of" it. Below this the headline says "the largest part". 60%: "mostly" reads as "most of it"
#: (over half); a component at 50-60% sits next to others that together are nearly as large, so
#: a reader told "mostly" would overrate it. The margin above one half keeps rounding and small
#: changes in other lines from flipping the word back and forth.
MOSTLY_SHARE = 0.6


def n_(x: float) -> str:
    """A count: ``12`` or ``12.5`` (English digits; :meth:`Words.count` follows the locale)."""
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.1f}"


class Words:
    """The sentences of one language (English until a catalog is installed).

    ``locale`` (``en_US``, ``es_US``) decides how numbers, money and dates are written (Babel,
    CLDR data). Money is rounded half-up to the cent first (never banker's rounding), then
    formatted.
    """

    def __init__(self, translation: gettext.NullTranslations | None = None, locale: str = "en_US"):
        t = translation or gettext.NullTranslations()
        self.gettext = t.gettext
        self.ngettext = t.ngettext
        self.locale = locale
        self.lang = locale.split("_")[0]
        self._money_patterns: dict[int, str] = {}

    # ---- numbers ------------------------------------------------------------------------

    def _money_pattern(self, decimals: int) -> str:
        if decimals not in self._money_patterns:
            pattern = Locale.parse(self.locale).currency_formats["standard"].pattern
            self._money_patterns[decimals] = pattern.replace("0.00", "0" + ("." + "0" * decimals if decimals else ""))
        return self._money_patterns[decimals]

    def money(self, x: float, decimals: int = 0) -> str:
        """US dollars in the locale's style: ``$1,235`` (half-up); ``decimals=2`` keeps the cents."""
        value = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if value == 0:
            value = abs(value)  # never "-$0"
        return format_currency(
            value, "USD", format=self._money_pattern(decimals), locale=self.locale, currency_digits=False
        )

    def rate(self, x: float, unit: str) -> str:
        """A price per unit, with as many decimals as it needs: ``$0.725/mile``, ``$575/day``."""
        value = Decimal(repr(float(x))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP).normalize()
        decimals = max(0, -value.as_tuple().exponent)
        decimals = 2 if decimals == 1 else decimals
        return f"{self.money(float(value), decimals)}/{unit}"

    def count(self, x: float) -> str:
        """A count: ``12`` or ``12.5``, in the locale's digits."""
        whole = abs(x - round(x)) < 1e-9
        return format_decimal(round(x) if whole else round(x, 1), format="#,##0.#", locale=self.locale)

    def number(self, x: float, decimals: int = 2) -> str:
        """A figure with up to ``decimals`` decimals, trailing zeros dropped (``0.5``, ``1,200``)."""
        return format_decimal(x, format="#,##0." + "#" * decimals if decimals else "#,##0", locale=self.locale)

    def percent(self, fraction: float, decimals: int = 0) -> str:
        """``0.2 -> "20%"`` in the locale's style; ``decimals=2``: ``0.0765 -> "7.65%"``, ``0.12 -> "12%"``."""
        return format_percent(
            fraction, format="#,##0" + ("." + "#" * decimals if decimals else "") + "%", locale=self.locale
        )

    def date(self, d: dt.date, format: str = "medium") -> str:
        """``Dec 7, 2026`` / ``7 dic 2026``."""
        return format_date(d, format=format, locale=self.locale)

    def month_day(self, month: int, day: int) -> str:
        """A day of any year: ``January 1`` / ``1 de enero``."""
        return format_skeleton("MMMMd", dt.date(2001, month, day), locale=self.locale)

    def not_advice(self) -> str:
        return self.gettext(NOT_ADVICE)

    def unit_word(self, per: str) -> str:
        """The word after "per" or "/": ``day`` -> ``día``."""
        _ = self.gettext
        words = {
            "day": _("day"),
            "program day": _("program day"),
            "night": _("night"),
            "hour": _("hour"),
            "week": _("week"),
            "month": _("month"),
            "year": _("year"),
            "mile": _("mile"),
            "admission": _("admission"),
            "session": _("session"),
            "visit": _("visit"),
            "trip": _("trip"),
            "child": _("child"),
            "benefit period": _("benefit period"),
        }
        return words.get(per, per)

    def unit(self, unit: str) -> str:
        """A library unit for people: ``USD/day`` -> ``$/day``, ``hours/week`` -> ``hours a week``."""
        _ = self.gettext
        if unit.startswith("USD"):
            per = unit.partition("/")[2]
            return "$/" + self.unit_word(per) if per else "$"
        known = {
            "days": _("days"),
            "weeks": _("weeks"),
            "hours": _("hours"),
            "miles": _("miles"),
            "minutes": _("minutes"),
            "years": _("years"),
            "fraction": "%",
            "count": _("count"),
            "hours/day": _("hours a day"),
            "hours/week": _("hours a week"),
            "days/week": _("days a week"),
            "visits/week": _("visits a week"),
            "miles/hour": _("miles an hour"),
            "weeks/year": _("weeks a year"),
            "hours/year": _("hours a year"),
        }
        return known.get(unit, unit)

    def problem(self, message: str, where: str = "") -> str:
        """A problem message from the model (:mod:`calculator.errors`, always English) in this
        language, with field names given as the labels people see. ``where``: the path of the
        table the problem belongs to (``insurance.out_of_network``), to name its own fields."""
        _ = self.gettext
        fixed = {
            "is required": _("is required"),
            "must not be empty": _("must not be empty"),
            "must be a number": _("must be a number"),
            "must be a whole number": _("must be a whole number"),
            "must be true or false": _("must be true or false"),
            "must be a finite number": _("must be a finite number"),
            "must be a date written YYYY-MM-DD": _("must be a date written YYYY-MM-DD"),
        }
        if message in fixed:
            return fixed[message]
        if m := re.fullmatch(r"out of range: allowed (\S+) to (\S+)", message):
            return _("out of range: allowed {low} to {high}").format(low=m[1], high=m[2])
        if m := re.fullmatch(r"out of range: must be (at least|more than|at most|less than) (\S+)", message):
            bound = {
                "at least": _("at least"),
                "more than": _("more than"),
                "at most": _("at most"),
                "less than": _("less than"),
            }[m[1]]
            return _("out of range: must be {bound} {value}").format(bound=bound, value=m[2])
        if m := re.fullmatch(r"(\w+) cannot exceed (\w+)", message):
            return _("{a} cannot be more than {b}").format(a=self._field(m[1], where), b=self._field(m[2], where))
        if m := re.fullmatch(r"(\w+) is required when (\w+) is '(\w+)'", message):
            return _("{a} is needed here").format(a=self._field(m[1], where))
        return message

    def _field(self, name: str, where: str = "") -> str:
        """A field's label from its name (``deductible_usd`` -> "Deductible for the year ($)"),
        looked up in the table ``where`` first."""
        from calculator import paths, schema

        table = paths.template(where) if where else ""
        spec = schema.specs().get(f"{table}.{name}" if table else name)
        if spec is None:
            spec = next((f for p, f in schema.specs().items() if p.rsplit(".", 1)[-1] == name), None)
        return f"“{self.gettext(spec.label)}”" if spec is not None else name

    def reliability(self, code: str) -> str:
        """A source's reliability tag in words."""
        _ = self.gettext
        return {
            "government": _("government"),
            "survey": _("survey"),
            "commercial": _("commercial"),
            "marketing": _("marketing"),
            "estimate": _("estimate"),
        }.get(code, code)

    def figure_label(self, label: str) -> str:
        """A library figure's label (from ``assumptions/*.toml``; extracted into the catalog)."""
        return self.gettext(label)

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

    def pathway_name(self, stages: list[Mapping[str, Any]]) -> str:
        """A name for an option the family did not name, from its stages: ``IOP 10 weeks``,
        ``Evening IOP 10 weeks``, ``Residential 28 days, then IOP 8 weeks``.

        Residential levels count days; outpatient levels count weeks when the length is whole
        weeks, else days. A stage with no length is named by its level alone.
        """
        _ = self.gettext
        parts = []
        for st in stages:
            level = st.get("level") or "iop"
            short = _(PATHWAY_LEVEL[level])
            if st.get("session_time") == "evening" and level not in ("withdrawal_management", "residential"):
                short = _("Evening {level}").format(level=short)
            days = st.get("length_days")
            if not days:
                parts.append(short)
            elif level in ("withdrawal_management", "residential") or days % 7:
                parts.append(self.ngettext("{level} {n} day", "{level} {n} days", days).format(level=short, n=days))
            else:
                weeks = days // 7
                parts.append(self.ngettext("{level} {n} week", "{level} {n} weeks", weeks).format(level=short, n=weeks))
        return _(", then ").join(parts)

    def stage(self, k: int | None, level: str | None) -> str:
        """``"1. Residential (inpatient)"``, or ``"Whole pathway"``."""
        if k is None:
            return self.gettext("Whole pathway")
        return self.gettext("{n}. {level}").format(n=k + 1, level=self.level(level))

    def item(self, line: LineResult) -> str:
        _ = self.gettext
        if line.item == "added":
            return str(line.basis.get("label", ""))
        if line.item == "supplement":
            return _("Paid by Medigap") if line.basis.get("kind") == "medigap" else _("Paid by Medicaid")
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
            "grant_paid": _("Paid by a state or grant program"),
            "patient_lodging": _("Patient's lodging"),
            "patient_meals": _("Patient's meals"),
            "family_lodging": _("Family's hotel nights"),
            "family_meals": _("Family's meals away"),
            "childcare": _("Paid childcare"),
            "missed_wages": _("Wages for work missed"),
            "pto": _("Covered by paid time off"),
            "disability": _("Replaced by disability benefits"),
            "patient_lost_wages": _("Your wages lost"),
            "partner_leave_benefit": _("Partner's wages replaced by state family leave"),
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
        text = method(line.amount_usd, line.basis) if method else ""
        if self.lang == "es":
            # Pieces joined in Spanish ("la mitad de " + "el deducible") take the contractions.
            text = re.sub(r"\b([Dd])e el\b", r"\1el", re.sub(r"\b([Aa]) el\b", r"\1l", text))
        return text

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
                days=self.count(days), units=self._unit(b.get("unit", ""), days)
            )
        return _("{days} {units} × {rate}/{unit}").format(
            days=self.count(days),
            units=self._unit(b.get("unit", ""), days),
            rate=self.money(b["rate_usd"], 2),
            unit=unit,
        )

    def network_text(self, plan: str, in_network: bool, single_case_agreement: bool = False) -> str:
        """Where a program stands with the payer: ``in network``, ``a program that takes Medicare``."""
        return self._network(
            {"plan_type": plan, "in_network": in_network, "single_case_agreement": single_case_agreement}
        )

    def _network(self, b: Mapping[str, Any]) -> str:
        """Where the program stands with the payer, in the payer's own terms (never "in network"
        for a family without coverage)."""
        _ = self.gettext
        plan, inside = b.get("plan_type", ""), b.get("in_network", True)
        if not inside and b.get("single_case_agreement"):
            return _("out of network, paid at in-network terms under a single-case agreement")
        if plan in ORIGINAL_MEDICARE_PLANS:
            return _("a program that takes Medicare") if inside else _("a program that does not take Medicare")
        if plan == "medicaid":
            return _("a program that takes Medicaid") if inside else _("a program that does not take Medicaid")
        return _("in network") if inside else _("out of network")

    def _basis_allowed(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        if b.get("plan_type") == "uninsured":
            return _("the cash price the family pays, after any sliding-scale discount (no insurance)")
        if b.get("self_pay_only"):
            return _("the cash price the family pays, after any sliding-scale discount ({network})").format(
                network=self._network(b)
            )
        if b.get("plan_type") in ORIGINAL_MEDICARE_PLANS:
            return _("Medicare's approved amount ({network})").format(network=self._network(b))
        return _("what the plan recognizes ({plan}, {network})").format(
            plan=self.plan(b["plan_type"]), network=self._network(b)
        )

    def _basis_insurer_paid(self, amount: float, b) -> str:
        return self.gettext("allowed amount less your share")

    def _basis_grant_paid(self, amount: float, b) -> str:
        return self.gettext(
            "a state- or grant-funded place: the program's state or federal block-grant funding pays what no "
            "insurance covers, less the family's sliding-scale share"
        )

    def _basis_deductible(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        rule = b.get("rule")
        if rule == "medicare_part_a":
            text = _("Original Medicare Part A: the hospital deductible, owed once per benefit period")
            if b.get("periods", 1) > 1:
                text += _(
                    "; a new benefit period opened after 60 days in a row out of hospital, so it is owed {n} times"
                ).format(n=b["periods"])
            return text
        if rule == "medicare_part_b":
            text = _("Original Medicare Part B: the yearly deductible, before Part B pays 80%")
            if b.get("years", 1) > 1:
                text += _("; the stage crosses January 1, so it is owed {n} times").format(n=b["years"])
            return text
        who = self.plan(b["plan_type"]) if "plan_type" in b else _("The plan")
        if rule == "out_of_network":
            who = _("{plan}, out of network").format(plan=who)
        text = _("{who}: the first {amount} of allowed charges until the deductible is met").format(
            who=who, amount=self.money(amount, 2)
        )
        if b.get("plan_years", 1) > 1:
            text += _("; the plan year renews during the stage, so the deductible is paid {n} times").format(
                n=b["plan_years"]
            )
        return text

    def _basis_copay(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        rule = b.get("rule")
        if rule == "medicare_advantage_inpatient":
            return _(
                "Medicare Advantage: {days} days × {rate}/day (the plan's copay for days 1-{n} of each inpatient stay; "
                "later days $0)"
            ).format(
                days=self.count(b["days"]), rate=self.money(b["rate_usd_per_day"], 2), n=self.count(b["first_days"])
            )
        if rule == "medicare_advantage_outpatient":
            return _("Medicare Advantage: {days} program days × {rate} copay").format(
                days=self.count(b["days"]), rate=self.money(b["rate_usd_per_day"], 2)
            )
        if b.get("plan_type") == "medicaid":
            return _("Medicaid: the state's copays per program day and per stay")
        who = self.plan(b["plan_type"]) if "plan_type" in b else _("The plan")
        return _("{who}: per-day and per-admission copays owed on this stage").format(who=who)

    def _basis_coinsurance(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        rule = b.get("rule")
        if rule == "medicare_part_a":
            parts = []
            if b.get("days_61_90"):
                parts.append(
                    _("{days} days × {rate}/day (days 61-90)").format(
                        days=self.count(b["days_61_90"]), rate=self.money(b["rate_61_90_usd_per_day"])
                    )
                )
            if b.get("reserve_days"):
                parts.append(
                    _("{days} lifetime reserve days × {rate}/day").format(
                        days=self.count(b["reserve_days"]), rate=self.money(b["rate_reserve_usd_per_day"])
                    )
                )
            return (
                _("Original Medicare Part A daily coinsurance: ") + " + ".join(parts)
                if parts
                else _("Original Medicare Part A daily coinsurance for days 61-90 and lifetime reserve days")
            )
        fraction = self.percent(b.get("fraction") or 0)
        base = self.money(b.get("base_usd", 0.0), 2)
        if rule == "medicare_part_b":
            return _(
                "Original Medicare Part B: {fraction} of {base}, Medicare's approved amount after the Part B deductible"
            ).format(fraction=fraction, base=base)
        if rule == "medicare_advantage":
            return _("Medicare Advantage: {fraction} of {base} left after any copay").format(
                fraction=fraction, base=base
            )
        if rule == "out_of_network":
            return _("Out of network: {fraction} of {base} left after the out-of-network deductible").format(
                fraction=fraction, base=base
            )
        who = self.plan(b["plan_type"]) if "plan_type" in b else _("The plan")
        return _("{who}: {fraction} of {base} left after deductible and copays").format(
            who=who, fraction=fraction, base=base
        )

    def _basis_oop_cap(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        rule = b.get("rule")
        if rule == "medicare_advantage":
            return _(
                "Medicare Advantage: your share stops at the plan's maximum out of pocket (MOOP) for the calendar "
                "year (a PPO: also at its combined maximum); the plan pays the rest"
            )
        if rule == "out_of_network":
            return _("your share stops at the out-of-network maximum (a PPO Medicare Advantage plan: the combined one)")
        return _("your share stops at the plan year's out-of-pocket maximum; the plan pays the rest")

    def _basis_balance_bill(self, amount: float, b) -> str:
        return self.gettext("billed charges above the allowed amount (out of network; no maximum applies)")

    def _basis_supplement(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        kind = b.get("kind")
        total = self.money(-amount, 2)
        if kind == "qmb":
            return _(
                "Medicaid pays all of Medicare's cost sharing ({total}): a Qualified Medicare Beneficiary (QMB) owes "
                "nothing for Medicare-covered care, and no provider may bill for it"
            ).format(total=total)
        if kind == "full_dual":
            return _("Medicaid pays Medicare's cost sharing ({total}), except its own copays ({kept})").format(
                total=total, kept=self.money(b.get("copay_kept_usd", 0.0), 2)
            )
        names = {
            "part_a_deductible": _("the Part A deductible"),
            "part_a_coinsurance": _("the Part A daily coinsurance"),
            "part_b_deductible": _("the Part B deductible"),
            "part_b_coinsurance": _("the Part B coinsurance"),
        }
        paid = [
            _("{share}{what} ({amount})").format(
                share=self._share(b.get(f"{p}_share", 1.0)), what=what, amount=self.money(b[f"{p}_usd"], 2)
            )
            for p, what in names.items()
            if b.get(f"{p}_usd", 0.0) > 0.005
        ]
        text = _("Medigap Plan {plan} pays ").format(plan=b.get("plan", "")) + (
            self._list(paid) if paid else _("nothing of this stage's cost sharing")
        )
        if b.get("copay_visits"):
            text += _(", except a {rate} copay on each of {n} office visits ({kept})").format(
                rate=self.money(b["copay_usd_per_visit"], 2),
                n=self.count(b["copay_visits"]),
                kept=self.money(b["copay_kept_usd"], 2),
            )
        if b.get("saved_by_limit_usd", 0.0) > 0.005:
            text += _(", and everything past the plan's yearly out-of-pocket limit ({amount})").format(
                amount=self.money(b["saved_by_limit_usd"], 2)
            )
        owed = b.get("part_b_deductible_owed_usd", 0.0)
        if b.get("part_b_deductible_share", 1.0) == 0 and owed > 0.005:
            text += _("; it leaves the Part B deductible ({amount}) to you").format(amount=self.money(owed, 2))
        return text

    def _share(self, fraction: float) -> str:
        _ = self.gettext
        if fraction >= 1.0:
            return ""
        if fraction == 0.5:
            return _("half of ")
        return _("{pct} of ").format(pct=self.percent(fraction))

    def _list(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + self.gettext(" and ") + parts[-1]

    def _self_pay_reason(self, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        return {
            "uninsured": _("no insurance"),
            "imd": _(
                "Medicaid does not pay for this program: more than 16 beds (an Institution for Mental Diseases) and "
                "no state waiver"
            ),
            "not_accepted": _("the program does not take the family's coverage"),
            "hmo_out_of_network": _("a Medicare Advantage HMO pays nothing out of network except emergencies"),
            "out_of_network_not_covered": _("the plan pays nothing out of network"),
            "not_covered": _("days past authorization, or care the plan does not cover"),
        }.get(b.get("reason", "not_covered"), _("care the plan does not cover"))

    def _basis_self_pay(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        days = b.get("days", 0.0)
        units = self._unit(b.get("unit", ""), days)
        if b.get("rate_usd") is not None:
            text = _("{days} {units} × {rate} cash price").format(
                days=self.count(days), units=units, rate=self.money(b["rate_usd"], 2)
            )
        else:
            text = _("{days} {units} at the cash price").format(days=self.count(days), units=units)
        discount = b.get("discount_fraction")
        if discount:
            text += _(" = {before}, less the sliding-scale discount of {pct}").format(
                before=self.money(b.get("before_discount_usd", 0.0), 2), pct=self.percent(discount)
            )
        if b.get("state_funded"):
            text += _("; a state or grant program pays the rest")
        return text + f" ({self._self_pay_reason(b)})"

    def _basis_admission_fee(self, amount: float, b) -> str:
        return self.gettext("one-off fee on admission; insurers rarely cover it")

    def _basis_patient_lodging(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        kind = (
            _("room not included in the price")
            if b.get("lodging") == "room_not_included"
            else self.sleeps(b.get("lodging", "home"))
        )
        return _("{nights} nights ({kind})").format(nights=self.count(b.get("nights", 0.0)), kind=kind)

    def _basis_patient_meals(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{days} days × {rate}/day").format(
            days=self.count(b.get("days", 0.0)), rate=self.money(b["rate_usd_per_day"], 2)
        )

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
        parts = ", ".join(f"{self.count(h)} {names[p]}" for p, h in by_part.items() if h >= 0.05)
        text = _(
            "{hours} hours of care beyond what the children already have ({parts}), at the cheaper of a sitter by the "
            "hour or a full week of day care (daytime only) plus a sitter"
        ).format(hours=self.count(b.get("hours", 0.0)), parts=parts or _("none"))
        kept = self._existing_care(b.get("existing_care", ()))
        if kept:
            text += _("; not charged again: {kept}").format(kept=kept)
        if b.get("state_index") is not None:
            text += _("; {state} prices: national × {index}").format(
                state=b.get("state", ""), index=format_decimal(b["state_index"], format="0.000", locale=self.locale)
            )
        return text

    def _existing_care(self, children) -> str:
        """``"the 4-year-old's 44.6 h a week of paid care (assumed: your work hours plus the commute)"``."""
        _ = self.gettext
        out = []
        for age, school, paid, assumed in children:
            bits = []
            if school:
                bits.append(_("{hours} h a week at school").format(hours=self.count(school)))
            if paid:
                text = _("{hours} h a week of paid care").format(hours=self.count(paid))
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
        ).format(days=self.count(b.get("days", 0.0)), rate=self.money(b.get("rate_usd_per_week", 0.0), 2))
        return text

    def _basis_pto_used(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext(
            "{hours} hours × {pay}/hour: paid, but leave you cannot use later (counted in the total including leave used)"
        ).format(hours=self.count(b.get("hours", 0.0)), pay=self.money(b.get("pay_usd_per_hour", 0.0), 2))

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
            federal=self.percent(b.get("federal_rate", 0.0), 2),
            state=b.get("state"),
            state_rate=self.percent(b.get("state_rate", 0.0), 2),
            payroll=self.percent(b.get("payroll_rate", 0.0), 2),
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
            "federal, if you itemize: medical costs of {medical} not paid from an HSA, less {share} of income "
            "({floor}), leave {deductible} deductible; itemizing then beats the {std} standard deduction"
        ).format(
            medical=self.money(b.get("medical_usd", 0.0) - b.get("hsa_usd", 0.0)),
            share=self.percent(b.get("floor_fraction", 0.075), 2),
            floor=self.money(b.get("floor_usd", 0.0)),
            deductible=self.money(b.get("deductible_usd", 0.0)),
            std=self.money(b.get("standard_deduction_usd", 0.0)),
        )

    def _basis_tax_leave(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("the leave's {leave} of pay is taxed like wages: {rates}").format(
            leave=self.money(b.get("leave_usd", 0.0)), rates=self._rates_text(b)
        )

    def family_help_text(self, household) -> str:
        """Unpaid help with the children by part of the day: ``"weekday evenings 25 h, nights 63 h,
        weekends 30 h a week"`` (or that none is given)."""
        _ = self.gettext
        f = household.family_help
        parts = [
            (_("weekday daytime"), f.weekday_daytime_hours_per_week),
            (_("weekday evenings"), f.weekday_evening_hours_per_week),
            (_("nights"), f.night_hours_per_week),
            (_("weekends"), f.weekend_hours_per_week),
            (_("any time"), household.family_help_hours_per_week),
        ]
        given = [_("{part} {hours} h").format(part=name, hours=self.count(hours)) for name, hours in parts if hours]
        return _("{parts} a week").format(parts=", ".join(given)) if given else _("none given")

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
            hours=self.count(hours), value=self.money(option.totals["leave_used"])
        )

    def _basis_missed_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} work hours missed × {pay}/hour").format(
            hours=self.count(b.get("hours", 0.0)), pay=self.money(b.get("pay_usd_per_hour", 0.0), 2)
        )

    def _basis_pto(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} hours of paid time off").format(hours=self.count(b.get("hours", 0.0)))

    def _basis_disability(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        if not b:
            return _("short-term disability or the state program, after the waiting period")
        if b["program"] == "employer":
            return _("{who}: up to {weekly} a week for {weeks} weeks, after its waiting period").format(
                who=_("employer short-term disability"),
                weekly=self.money(b["weekly_usd"]),
                weeks=self.count(b["weeks"]),
            )
        return self._state_claim(b, b["weeks"], _("your weekly pay"))

    def _state_claim(self, b: Mapping[str, Any], weeks: float, whose_pay: str) -> str:
        """A state claim in words: the program, its weekly benefit, waiting rule and the order chosen."""
        _ = self.gettext
        who = f"{b['state']} {b['state_program']}"
        if not weeks and not b.get("intermittent_hours"):
            text = _("{who}: {weekly} a week ({share} of {pay}), but nothing is paid in this stage")
        else:
            text = _("{who}: {weekly} a week ({share} of {pay})")
        text = text.format(
            who=who, weekly=self.money(b["claim_weekly_usd"]), share=self.percent(b["fraction"]), pay=whose_pay
        )
        parts = [self._waiting(b)]
        if b.get("intermittent_hours"):
            parts.append(
                _("including {hours} hours missed for outpatient sessions, paid by the hour").format(
                    hours=self.count(b["intermittent_hours"])
                )
            )
        if b.get("pays_from"):
            parts.append(
                _("nothing for days before {date}, when the program starts paying").format(
                    date=self._date_text(b["pays_from"])
                )
            )
        if b.get("order") == "state_first":
            parts.append(_("claimed before paid time off, which is kept for later"))
        return text + "; " + "; ".join(parts)

    def _date_text(self, value: dt.date | str) -> str:
        """A date from a basis (a date or ``YYYY-MM-DD``) in the locale's style."""
        return self.date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))

    def _waiting(self, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        days = b.get("waiting_days", 0.0)
        if not days:
            return _("no waiting period")
        if b.get("waiting_paid_back"):
            return _("its {days} waiting days are paid back because the leave lasts long enough").format(
                days=self.count(days)
            )
        return _("after {days} unpaid waiting days").format(days=self.count(days))

    def _basis_patient_lost_wages(self, amount: float, b) -> str:
        return self.gettext("wages missed less paid time off and disability benefits")

    def _basis_partner_leave_benefit(self, amount: float, b: Mapping[str, Any]) -> str:
        if "state_program" not in b:
            return ""
        return self._state_claim(b, 1.0 if amount > 0 else 0.0, self.gettext("the partner's weekly pay"))

    def _basis_partner_lost_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        text = _("{hours} hours off work for family-program days and driving").format(
            hours=self.count(b.get("hours", 0.0))
        )
        if "state_program" in b:
            text += _(", less what {state} family leave replaces").format(state=b["state"])
        return text

    def _basis_travel(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        mode = {"car": _("car"), "transit": _("transit"), "flight": _("flight")}[b["mode"]]
        text = _("trips to the program and family visits; {miles} miles each way by {mode}").format(
            miles=self.count(b.get("miles", 0.0)), mode=mode
        )
        if b.get("rate_usd_per_mile") is not None:
            text += ", " + self.rate(b["rate_usd_per_mile"], _("mile"))
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

    # ---- the plan's terms -------------------------------------------------------------------

    def plan_term_label(self, code: str) -> str:
        _ = self.gettext
        return {
            "deductible_usd": _("Deductible for the year"),
            "coinsurance_fraction": _("Coinsurance after the deductible"),
            "copay_per_day_usd": _("Copay per program day"),
            "copay_per_admission_usd": _("Copay per admission"),
            "copay_before_deductible": _("Copays owed before the deductible"),
            "oop_max_usd": _("Out-of-pocket maximum for the year"),
            "deductible_met_usd": _("Deductible already paid"),
            "oop_met_usd": _("Already spent toward the maximum"),
            "plan_year_renews": _("Plan year renews"),
            "oon_allowed_share": _("Out of network: allowed share of the bill"),
            "oon_deductible": _("Out of network: deductible"),
            "oon_coinsurance": _("Out of network: coinsurance"),
            "oon_maximum": _("Out of network: maximum"),
            "balance_billing": _("Out of network: the program may bill above the allowed amount"),
            "part_a_deductible_usd": _("Part A deductible per benefit period"),
            "part_a_day_61_90_usd_per_day": _("Part A coinsurance, days 61-90"),
            "part_a_reserve_day_usd_per_day": _("Part A coinsurance, lifetime reserve days"),
            "part_a_deductible_met": _("Part A deductible already paid this benefit period"),
            "benefit_period_days_used": _("Hospital days used this benefit period"),
            "lifetime_reserve_days_left": _("Lifetime reserve days left"),
            "psychiatric_days_used": _("Days used of the 190 in psychiatric hospitals"),
            "part_b_deductible_usd": _("Part B deductible for the year"),
            "part_b_deductible_met_usd": _("Part B deductible already paid"),
            "part_b_coinsurance_fraction": _("Part B coinsurance"),
            "medigap_plan": _("Medigap plan"),
            "medigap_part_a_deductible_fraction": _("Medigap pays of the Part A deductible"),
            "medigap_part_a_coinsurance_fraction": _("Medigap pays of the Part A daily coinsurance"),
            "medigap_part_b_deductible_fraction": _("Medigap pays of the Part B deductible"),
            "medigap_part_b_coinsurance_fraction": _("Medigap pays of the Part B coinsurance"),
            "medigap_plan_n_copay": _("Plan N copay per office visit"),
            "medigap_oop_limit_usd": _("Medigap yearly out-of-pocket limit"),
            "dual_status": _("What Medicaid pays"),
            "dual_medicaid_copay_per_day": _("Medicaid copay per program day"),
            "dual_medicaid_copay_per_stay": _("Medicaid copay per stay"),
            "advantage_network": _("Kind of plan"),
            "advantage_inpatient_copay_usd_per_day": _("Inpatient psychiatric copay per day"),
            "advantage_inpatient_copay_days": _("Days of each stay with that copay"),
            "advantage_outpatient_copay_usd_per_day": _("PHP, IOP or outpatient copay per day"),
            "advantage_outpatient_coinsurance_fraction": _("PHP, IOP or outpatient coinsurance"),
            "advantage_moop_usd": _("Maximum out of pocket (in network) for the year"),
            "advantage_moop_met_usd": _("Already spent toward that maximum"),
            "advantage_combined_moop_usd": _("Maximum in and out of network together"),
        }[code]

    def plan_term_value(self, term) -> str:
        _ = self.gettext
        if term.unit == "bool":
            return _("yes") if term.value else _("no")
        if term.code == "plan_year_renews":
            month, day = (int(x) for x in str(term.value).split("-"))
            return self.month_day(month, day)
        if term.unit == "text":
            return str(term.value)
        if term.unit == "code":
            codes = {
                "hmo": _("HMO (network only)"),
                "ppo": _("PPO (out of network costs more)"),
                "qmb": _("QMB: all of Medicare's cost sharing"),
                "full": _("Full Medicaid: Medicare's cost sharing, less Medicaid copays"),
                "premium_only": _("premiums only, no cost sharing"),
            }
            return codes.get(str(term.value), _("Plan {letter}").format(letter=term.value))
        value = float(term.value)
        if term.unit == "fraction":
            text = self.percent(value)
        elif term.unit == "days":
            text = _("{n} days").format(n=self.count(value))
        elif not math.isfinite(value):
            text = _("none")
        else:
            text = self.money(value, 2) + (_("/day") if term.unit == "USD/day" else "")
        return text + (_(" (typical figure)") if term.typical else "")

    def plan_terms(self, comparison: Comparison) -> list[tuple[str, str]]:
        """The plan's terms as used, ``(label, value)`` in print order; the payer first."""
        summary = comparison.plan_terms
        if summary is None:
            return []
        rows = [(self.gettext("Payer"), self.plan(summary.plan_type))]
        return rows + [(self.plan_term_label(t.code), self.plan_term_value(t)) for t in summary.terms]

    # ---- the answer ------------------------------------------------------------------------

    def component_noun(self, code: str) -> str:
        """A component as the noun in "mostly because of ...": ``treatment``, ``lost income``."""
        _ = self.gettext
        return {
            "treatment": _("treatment"),
            "lodging_meals": _("lodging and meals"),
            "childcare": _("childcare"),
            "lost_income": _("lost income"),
            "travel": _("travel"),
            "other": _("other costs"),
        }[code]

    def headline(self, comparison: Comparison) -> str:
        """The answer in one sentence, for the top of the page.

        "Mostly because of X" only when X is at least :data:`MOSTLY_SHARE` of the gap and points
        the same way; otherwise "the largest part is X" (the biggest part pointing the gap's way).
        """
        _ = self.gettext
        a, b = comparison.options[0], comparison.options[1]
        diff = comparison.difference("family_total")
        if abs(diff) < 0.5:
            return _("{a} and {b} cost your family about the same: {total} in all.").format(
                a=a.name, b=b.name, total=self.money(a.totals["family_total"])
            )
        cheaper, dearer = (b, a) if diff < 0 else (a, b)
        parts = {c: dearer.totals[c] - cheaper.totals[c] for c in COMPONENTS}
        driver = max(parts, key=lambda c: parts[c])
        fill = dict(
            cheaper=cheaper.name,
            diff=self.money(abs(diff)),
            low=self.money(cheaper.totals["family_total"]),
            high=self.money(dearer.totals["family_total"]),
            reason=self.component_noun(driver),
            amount=self.money(parts[driver]),
            dearer=dearer.name,
        )
        if parts[driver] >= MOSTLY_SHARE * abs(diff):
            return _(
                "{cheaper} costs your family about {diff} less in all ({low} against {high}), mostly because of "
                "{reason}: {amount} more with {dearer}."
            ).format(**fill)
        return _(
            "{cheaper} costs your family about {diff} less in all ({low} against {high}). The largest part is "
            "{reason}: {amount} more with {dearer}."
        ).format(**fill)

    # ---- warnings ----------------------------------------------------------------------------

    def reasons(self, reasons: Sequence[Reason]) -> list[str]:
        """The warnings as sentences, in order; figures used past their latest value are told in
        one sentence where there are several (in a 2027 stay half the library can be)."""
        past = [r for r in reasons if r.code == "figure_past_latest"]
        if len(past) < 2:
            return [self.reason(r) for r in reasons]
        out = []
        for r in reasons:
            if r.code != "figure_past_latest":
                out.append(self.reason(r))
            elif r is past[0]:
                out.append(self._figures_past_latest([p.values for p in past]))
        return out

    def _figures_past_latest(self, figures: Sequence[Mapping[str, Any]]) -> str:
        _ = self.gettext
        items = "; ".join(
            _("{label}, {value} from {since} (care from {date})").format(
                label=self.figure_label(v["label"]),
                value=self._figure_value(v["latest_usd"], v["unit"]),
                since=self.date(v["latest_from"]),
                date=self.date(v["from"]),
            )
            for v in figures
        )
        return _(
            "The library has no value yet for the dates of care for {n} figures, so the latest in force is used: "
            "{items}."
        ).format(n=self.count(len(figures)), items=items)

    def reason(self, r: Reason) -> str:
        """A warning as one plain sentence."""
        _ = self.gettext
        v = r.values
        where = ""
        if r.option is not None and r.stage is not None and r.code in STAGE_REASONS:
            where = _("{option}, stage {n} ({level}): ").format(
                option=r.option, n=r.stage + 1, level=self.gettext(SHORT_LEVEL[r.level])
            )
        elif r.option is not None:
            where = f"{r.option}: "
        text = {
            "work_hours_high": lambda: _("Work hours of {hours} a week are unusually high; check the figure.").format(
                hours=self.count(v["hours"])
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
            ).format(plan=self.plan(v["plan_type"])),
            "iop_hours_low": lambda: _("{hours} hours a week is below the 9 hours that define an adult IOP.").format(
                hours=self.count(v["hours_per_week"])
            ),
            "php_hours_low": lambda: _("{hours} hours a week is below the 20 hours that define a PHP.").format(
                hours=self.count(v["hours_per_week"])
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
            ).format(hours=self.count(round(v["hours"]))),
            "fmla_exceeded": lambda: _(
                "about {weeks} weeks of work missed is more than the {fmla} weeks of job-protected FMLA leave."
            ).format(weeks=self.number(v["weeks"], 1), fmla=self.count(v["fmla_weeks"])),
            "authorization_runs_out": lambda: _(
                "the {auth} authorized days run out before the {level} stage ends; {days} days are priced at the cash "
                "rate. Ask the insurer how concurrent review works."
            ).format(auth=v["authorized_days"], level=self.level(r.level).lower(), days=self.count(v["self_pay_days"])),
            "balance_bill": lambda: _(
                "an out-of-network balance bill of about {amount} is not capped by any out-of-pocket maximum."
            ).format(amount=self.money(v["amount_usd"])),
            "medicare_reserve_days": lambda: _("uses {days} of Medicare's 60 lifetime reserve days.").format(
                days=self.count(v["days"])
            ),
            "medicare_days_not_covered": lambda: _(
                "some days are past what Medicare covers and are priced at the cash rate."
            ),
            **self._payer_reasons(r),
            "state_program_not_paying_yet": lambda: (
                _(
                    "Maryland's {program} does not pay benefits before 2028 (Maryland Department of Labor), so no "
                    "state benefit is counted."
                )
                if v["state"] == "MD"
                else _("{state}'s {program} is not paying benefits yet, so no state benefit is counted.")
            ).format(state=v["state"], program=v["program"].split(" - ")[0]),
            "voluntary_plan_not_used": lambda: _(
                "Voluntary paid-leave insurance is counted only in Vermont and New Hampshire, so it is not used here."
            ),
            "state_program_eligibility": lambda: _(
                "{program} pays only workers with {months} months and {hours} hours at their employer, at employers "
                "with {employees} or more employees; check that you qualify."
            ).format(
                program=v["program"],
                months=self.count(v["months"]),
                hours=self.count(v["hours"]),
                employees=self.count(v["employees"]),
            ),
            "partner_fmla_spouse_care": lambda: _(
                "If you are married, your spouse's time off to care for you (visits, family sessions, driving) can be "
                "job-protected FMLA leave, taken in hours or days as needed (29 CFR 825.112(a)(3))."
            ),
            "state_program_past_latest": lambda: _(
                "{state} {program}: the figures due on {due} are not in the calculator yet, so those in force from "
                "{since} are used for this claim."
            ).format(state=v["state"], program=v["program"], due=v["due"], since=v["row_from"]),
            "state_program_starts_during_care": lambda: _(
                "{state} {program} pays nothing for days before {date}, when its benefits begin; its waiting days "
                "are counted from then."
            ).format(state=v["state"], program=v["program"], date=v["pays_from"]),
            "medicare_php_rate_estimate": lambda: _(
                "Medicare's PHP day rate could not be verified, so the IOP 3-service rate is used as an estimate; it "
                "is probably low. Ask the hospital what Medicare pays it for a PHP day."
            ),
            "oop_max_above_aca_limit": lambda: _(
                "An in-network out-of-pocket maximum of {amount} is above the ACA limit of {limit} for plan years "
                "starting in {year}; check the figure (grandfathered and short-term plans are exempt)."
            ).format(amount=self.money(v["oop_max_usd"]), limit=self.money(v["limit_usd"]), year=v["plan_year"]),
            "figure_past_latest": lambda: _(
                "{label}: the library has no value yet for care from {date}, so its latest ({value}, in force from "
                "{since}) is used."
            ).format(
                label=self.figure_label(v["label"]),
                date=self.date(v["from"]),
                value=self._figure_value(v["latest_usd"], v["unit"]),
                since=self.date(v["latest_from"]),
            ),
        }[r.code]()
        return where + text

    def _payer_reasons(self, r: Reason) -> dict:
        """Sentences for the payer warnings (:mod:`calculator.warnings`), by code."""
        _ = self.gettext
        v = r.values
        return {
            "no_surprises_act": lambda: _(
                "Out of network, the No Surprises Act protects emergency care, including a mental-health or "
                "substance-use emergency, and the stay that follows until the patient can travel safely to an "
                "in-network facility: you owe only in-network cost sharing and no balance bill for those. A planned "
                "admission to an out-of-network program is not protected; ask the plan for a single-case agreement."
            ),
            "advantage_ppo_out_of_network": lambda: _(
                "Out of network, this Medicare Advantage PPO pays at its out-of-network terms (entered under "
                "out-of-network terms; empty: the library's out-of-network coinsurance, no separate deductible), "
                "and your share in and out of network together stops at the plan's combined maximum."
            ),
            "benefit_period_history": lambda: _(
                "The patient is already in a Medicare benefit period ({days} hospital days used). It ends once the "
                "patient has been out of hospital and skilled nursing care 60 days in a row; if that has happened, "
                "a new one starts with a new Part A deductible: set the days used to 0 and untick the deductible."
            ).format(days=v.get("days", 0)),
            "dual_premium_only": lambda: _(
                "Help with premiums only (SLMB, QI) pays the Part B premium, not the cost sharing: the family owes "
                "Medicare's deductibles and coinsurance as with Original Medicare."
            ),
            "advantage_residential": lambda: _(
                "Medicare Advantage covers inpatient psychiatric hospital care like Original Medicare; a "
                "non-hospital residential program only if the plan says so, usually with prior authorization. "
                "Ask the plan."
            ),
            "advantage_hmo_out_of_network": lambda: _(
                "a Medicare Advantage HMO pays nothing out of network except emergency and urgently needed care, so "
                "every day is priced at the cash price. A single-case agreement, if the plan grants one, changes that."
            ),
            "medicare_iop_setting": lambda: (
                _(
                    "Medicare pays for partial hospitalization only at a hospital outpatient department or a "
                    "community mental health center. Ask the program which it is."
                )
                if v.get("php")
                else _(
                    "Medicare pays for an IOP only at a hospital outpatient department, a community mental health "
                    "center, a Federally Qualified Health Center, a rural health clinic, or (for opioid use "
                    "disorder) an opioid treatment program. Ask the program which it is; elsewhere untick 'In the "
                    "plan's network' to price it at the cash price."
                )
            ),
            "medicaid_not_accepted": lambda: _(
                "the program does not take Medicaid, so Medicaid pays nothing and every day is priced at the cash "
                "price."
            ),
            "imd_possible": lambda: _(
                "if the facility has more than 16 beds it may be an 'Institution for Mental Diseases': Medicaid does "
                "not pay for adults 21 to 64 there unless the state has a waiver (or, in a Medicaid health plan, for "
                "up to 15 days in a month). Ask the program how many beds it has and whether your state's Medicaid "
                "pays it; if not, set the beds to 'Medicaid will not pay'."
            ),
            "imd_waiver": lambda: _(
                "Medicaid pays here under a state waiver; waivers and Medicaid health plans can limit the days (for "
                "example 15 days in a month). Enter any limit as the days authorized."
            ),
            "imd_not_paid": lambda: _(
                "Medicaid will not pay at this facility (more than 16 beds, no waiver), so every day is priced at "
                "the cash price."
            ),
            "single_case_agreement_in_network": lambda: _(
                "a single-case agreement is ticked for a program already in network; it changes nothing."
            ),
            "single_case_agreement_not_used": lambda: _(
                "a single-case agreement is ticked, but {plan} has no network to make one with; it is ignored."
            ).format(plan=self.plan(v["plan_type"])),
            "state_funded_no_fee": lambda: _(
                "no sliding-scale discount is entered for the state- or grant-funded place, so no charge is shown. "
                "These programs charge by ability to pay: ask what the family's fee would be and enter it as a "
                "discount."
            ),
            "new_benefit_period": lambda: _(
                "more than 60 days out of hospital between inpatient stays opens a new Medicare benefit period: the "
                "Part A deductible is owed {n} times."
            ).format(n=v["periods"]),
            "advantage_moop_reached": lambda: _(
                "your share reaches the plan's maximum out of pocket; the plan pays the last {amount} of it."
            ).format(amount=self.money(v["amount_usd"])),
            "medicaid_copay_above_maximum": lambda: _(
                "A Medicaid copay of {entered} is above the federal maximum of {maximum} for families with incomes at "
                "or below the poverty line (the maximum rises each year with prices; above the poverty line a state "
                "may charge more). Check the figure."
            ).format(entered=self.money(v["entered_usd"], 2), maximum=self.money(v["maximum_usd"], 2)),
        }

    def _figure_value(self, value: float, unit: str) -> str:
        if unit == "USD/mile":
            return self.rate(value, self.unit_word("mile"))
        if unit.startswith("USD"):
            per = unit.partition("/")[2]
            return self.money(value, 2 if value < 100 else 0) + ("/" + self.unit_word(per) if per else "")
        if unit == "fraction":
            return self.percent(value, 2)
        return f"{self.number(value, 4)} {self.unit(unit)}"

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

    def option_part(self, option: str, level: str | None) -> str:
        """An option, and the stage's level when its name does not already say it:
        ``Residential 28 days, then IOP 8 weeks (IOP)``, but ``IOP 8 weeks``."""
        if level is None:
            return option
        short = self.gettext(SHORT_LEVEL[level])
        if short.lower() in option.lower():
            named = [self.gettext(SHORT_LEVEL[x]).lower() for x in SHORT_LEVEL]
            if sum(n in option.lower() for n in named) <= 1:
                return option
        return self.gettext("{option} ({level})").format(option=option, level=short)

    def question(self, q: Question) -> tuple[str, str]:
        """``(question, why it matters)``."""
        _ = self.gettext
        where = self.option_part(q.option, q.level)
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
                _("How do I claim {program}, and what does my clinician need to certify?{unverified}"),
                _("The state program replaces part of your wages after its waiting period."),
            ),
            "voluntary_plan": (
                _("Do you or your employer have {program}? It pays only if someone bought it."),
                _("{state}'s paid-leave insurance is voluntary, so it is not counted unless you say you have it."),
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
            "figures_past_latest": (
                _(
                    "Have newer values been published for these figures: {labels}? The calculator used the latest it has."
                ),
                _("These figures change on a schedule, and the newest values are not in the calculator's library yet."),
            ),
            **self._payer_questions(),
        }
        ask, why = table[q.topic]
        fill = {
            "where": where,
            "age": v.get("age", ""),
            "fmla_weeks": self.count(v.get("fmla_weeks", 0)),
            "program": v.get("program", ""),
            "label": self.figure_label(v.get("label", "")),
            "year": v["from"].year if "from" in v else v.get("year", ""),
            "since": self.date(v["latest_from"]) if "latest_from" in v else v.get("figures_year", ""),
            "plan": v.get("plan", ""),
            "sliding": self.percent(v.get("sliding", 0)),
            "free": self.percent(v.get("free", 0)),
            "state": v.get("state", ""),
            "unverified": self._unverified(v.get("not_verified", ())),
            "labels": ", ".join(self.figure_label(f["label"]) for f in v.get("figures", ())),
        }
        return ask.format(**fill), why.format(**fill)

    def _payer_questions(self) -> dict[str, tuple[str, str]]:
        """(question, why) for the questions a payer leaves open (:mod:`calculator.questions`)."""
        _ = self.gettext
        return {
            "advantage_network": (
                _("{where}: is the program in the plan's network, and does it need prior authorization?"),
                _("A Medicare Advantage HMO pays nothing out of network; a PPO pays less there."),
            ),
            "advantage_terms": (
                _(
                    "What is my copay per day for an inpatient psychiatric stay, and for how many days? What do I pay "
                    "for each PHP or IOP day? What is my plan's maximum out of pocket this year?"
                ),
                _(
                    "Typical Medicare Advantage terms were used; your plan's Summary of Benefits has its own, and "
                    "they decide the largest line of the bill."
                ),
            ),
            "medigap_terms": (
                _(
                    "Is my Medigap policy Plan {plan}, and will it pay its share of Medicare's cost sharing for this "
                    "program? (Plan N: is there a copay for each office visit?)"
                ),
                _("A Medigap plan pays only after Medicare does: care Medicare does not cover is not covered."),
            ),
            "dual_status": (
                _(
                    "Am I a Qualified Medicare Beneficiary (QMB), or do I have full Medicaid or help with premiums only?"
                ),
                _(
                    "With QMB, no provider may bill you for Medicare's deductibles or coinsurance; with premium help "
                    "only, you owe them."
                ),
            ),
            "benefit_period": (
                _("Have I been in a hospital or skilled nursing facility in the last 60 days?"),
                _(
                    "If so, the patient may still be in that Medicare benefit period: no new Part A deductible, but "
                    "fewer days left before daily coinsurance starts."
                ),
            ),
            "takes_medicaid": (
                _("{where}: do you take Medicaid (and our Medicaid health plan), and do you need prior authorization?"),
                _("Medicaid pays nothing at a program that does not take it."),
            ),
            "medicare_iop_setting": (
                _(
                    "{where}: is the program run by a hospital outpatient department, a community mental health "
                    "center, a Federally Qualified Health Center, a rural health clinic or an opioid treatment program?"
                ),
                _("Medicare pays for IOP only in those settings (partial hospitalization: the first two only)."),
            ),
            "imd": (
                _(
                    "{where}: how many beds does the facility have? If more than 16, does our state's Medicaid pay for "
                    "it (a waiver), and for how many days?"
                ),
                _(
                    "Medicaid does not pay for adults 21 to 64 in a mental-health or addiction facility with more than "
                    "16 beds unless the state has a waiver."
                ),
            ),
            "single_case_agreement": (
                _(
                    "{where}: the program is out of network. Will you agree to a single-case agreement paying it at "
                    "in-network terms, since no in-network program can offer this care? For how many days, and at "
                    "what rate?"
                ),
                _(
                    "Insurers sometimes agree one when no suitable in-network program is available; it turns "
                    "out-of-network prices and balance bills into in-network cost sharing. Get it in writing."
                ),
            ),
            "sliding_scale": (
                _(
                    "{where}: do you have a sliding fee scale or free care for people who cannot pay, and what would our fee be?"
                ),
                _(
                    "Many programs lower the self-pay price by income; the calculator assumes no discount until you enter one."
                ),
            ),
            "state_funded": (
                _(
                    "Is there a state-funded or grant-funded treatment program near us, and how do we get a place? "
                    "(The state's substance-use agency, or the SAMHSA National Helpline, 1-800-662-4357, can point to "
                    "one.)"
                ),
                _(
                    "Federal block grants pay for treatment for people who cannot pay, at reduced or no cost, after "
                    "any insurance. In SAMHSA's 2010 survey of treatment facilities, {sliding} used a sliding fee scale "
                    "and {free} offered free care to people who could not pay."
                ),
            ),
        }

    def _unverified(self, columns) -> str:
        """ " Ask also about: ..." for the program rules the calculator could not confirm."""
        _ = self.gettext
        names = {
            "waiting_days": _("the waiting period"),
            "waiting_paid_back_after_days": _("whether the waiting week is paid back"),
            "waiting_counts_toward_max": _("whether the waiting week counts toward the weeks allowed"),
            "weekly_max_usd": _("this year's maximum weekly benefit"),
            "weekly_min_usd": _("the minimum weekly benefit"),
            "tier1_limit_usd_per_week": _("the pay level where the higher replacement rate ends"),
            "intermittent": _("pay for hours missed for outpatient sessions"),
            "intermittent_min_hours": _("the smallest block of leave it pays"),
            "min_employer_size": _("whether your employer is large enough"),
        }
        asks = [names[c] for c in columns if c in names]
        return (" " + _("Ask also about: {items}.").format(items=", ".join(asks))) if asks else ""

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
            return _("{lead} {name} {what}.").format(lead=lead, name=name, what=what)
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
        return _("{lead} {name} {what}; {gap}.").format(lead=lead, name=name, what=what, gap=gap)

    def share_of_cases(self, p: float) -> str:
        """``all``, ``over 99%``, ``80%``: how many plausible cases, for "in ... of plausible cases"."""
        _ = self.gettext
        if p >= 1:
            return _("in all plausible cases")
        if p > 0.99:
            return _("in over {share} of plausible cases").format(share=self.percent(0.99))
        return _("in {share} of plausible cases").format(share=self.percent(p))

    def point_vs_range(self, comparison: Comparison, u: UncertaintyResult) -> list[str]:
        """For each option whose total (the figure at the top of the page) lies outside the
        10th-90th percentile band of its plausible totals, a sentence saying so and why."""
        _ = self.gettext
        out = []
        bands = u.bands[u.bands["metric"] == "family_total"].set_index("option")
        for o in comparison.options:
            if o.name not in bands.index:
                continue
            p10, p90 = float(bands.loc[o.name, "p10_usd"]), float(bands.loc[o.name, "p90_usd"])
            point = o.totals["family_total"]
            if p10 - 0.5 <= point <= p90 + 0.5:
                continue
            fill = dict(name=o.name, point=self.money(point), lo=self.money(p10), hi=self.money(p90))
            text = (
                _("{name}: the total above ({point}) is lower than most plausible cases ({lo} to {hi}).")
                if point < p10
                else _("{name}: the total above ({point}) is higher than most plausible cases ({lo} to {hi}).")
            )
            why = _(
                "The total uses the typical value of each figure you left empty. Some of those figures can run much "
                "higher than typical but only a little lower (or the reverse), and limits such as the deductible "
                "and the out-of-pocket maximum bend the sums, so most plausible cases land on one side of it. "
                "Entering your own figures narrows the range."
            )
            out.append(text.format(**fill) + " " + why)
        return out

    def _range(self, low: float, high: float, unit: str) -> str:
        """``"$500 to $650 per day"``, ``"15 to 500 miles"``, ``"10% to 30%"``."""
        _ = self.gettext
        if unit.startswith("USD"):
            per = unit.removeprefix("USD").removeprefix("/")
            dec = 2 if max(abs(low), abs(high)) < 10 else 0
            text = _("{low} to {high}").format(low=self.money(low, dec), high=self.money(high, dec))
            return _("{text} per {per}").format(text=text, per=self.unit_word(per)) if per else text
        if unit == "fraction":
            return _("{low} to {high}").format(low=self.percent(low), high=self.percent(high))
        return _("{low} to {high}").format(low=self.number(low), high=self.number(high)) + " " + self.unit(unit)

    def drivers(self, frame: pd.DataFrame, top: int = 3) -> str:
        """The top drivers of the difference, each named by its library label."""
        _ = self.gettext
        moving = frame[frame["swing_usd"] >= 0.5].head(top)
        if moving.empty:
            return _("No uncertain figure changes the difference between the options.")
        first, second = frame.attrs.get("option_names", (_("the first option"), _("the second option")))
        parts = [
            _("{label} (from {range} moves the gap by {swing})").format(
                label=self.figure_label(r["label"]).lower(),
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
        short = self.gettext(SHORT_LEVEL[b.level]) if b.level in SHORT_LEVEL else ""
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
        short = self.gettext(SHORT_LEVEL[b.level]) if b.level in SHORT_LEVEL else ""
        label = self.break_even_label(b)
        money = lambda v: self.money(v)  # noqa: E731
        per = {
            "length": dict(
                subject=(_("the {short} stay is") if b.unit == "days" else _("the {short} runs")).format(short=short),
                lower=_("shorter than"),
                higher=_("longer than"),
                fmt=(lambda v: _("{n} days").format(n=self.number(v, 0)))
                if b.unit == "days"
                else (lambda v: _("{n} weeks").format(n=self.number(v, 1))),
            ),
            "price": dict(
                subject=_("the {short} price is").format(short=short),
                lower=_("under"),
                higher=_("over"),
                fmt=lambda v: f"{self.money(v)}/{self.unit_word(b.unit.removeprefix('USD/'))}",
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
                fmt=lambda v: _("{n} miles").format(n=self.number(v, 0)),
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
    """The sentences for ``lang`` (``en`` or ``es``, see :data:`ui.i18n.LANGUAGES`)."""
    return Words(i18n.translation(lang), i18n.locale_of(lang))


EN = words("en")
