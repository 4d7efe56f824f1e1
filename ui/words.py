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
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from calculator.analysis import BreakEven, UncertaintyResult
from calculator.compare import Comparison, LineResult
from calculator.engine import COMPONENTS
from calculator.questions import Question
from calculator.scenario import LEVEL_LABELS, PLAN_LABELS
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

    def percent(self, fraction: float) -> str:
        """``0.2 -> "20%"`` in the locale's style."""
        return format_percent(fraction, format="#,##0%", locale=self.locale)

    def date(self, d: dt.date, format: str = "medium") -> str:
        """``Dec 7, 2026`` / ``7 dic 2026``."""
        return format_date(d, format=format, locale=self.locale)

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
                days=self.count(days), units=self._unit(b.get("unit", ""), days)
            )
        return _("{days} {units} × {rate}/{unit}").format(
            days=self.count(days),
            units=self._unit(b.get("unit", ""), days),
            rate=self.money(b["rate_usd"], 2),
            unit=unit,
        )

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
                _("Part A daily coinsurance: ") + " + ".join(parts)
                if parts
                else _("Part A daily coinsurance for days 61-90 and lifetime reserve days")
            )
        return _("{fraction} of {base} left after deductible and copays").format(
            fraction=self.percent(b.get("fraction") or 0), base=self.money(b.get("base_usd", 0.0), 2)
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
        days = b.get("days", 0.0)
        return _("{days} {units} at the cash price ({why})").format(
            days=self.count(days), units=self._unit(b.get("unit", ""), days), why=why
        )

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
        text = _(
            "{hours} hours no one in the household can cover, at the cheaper of a sitter by the hour or a full week of care"
        ).format(hours=self.count(b.get("hours", 0.0)))
        if b.get("state_index") is not None:
            text += _("; {state} prices: national × {index}").format(
                state=b.get("state", ""), index=format_decimal(b["state_index"], format="0.000", locale=self.locale)
            )
        return text

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
        who = (
            _("employer short-term disability") if b["program"] == "employer" else f"{b['state']} {b['state_program']}"
        )
        return _("{who}: up to {weekly} a week for {weeks} weeks, after its waiting period").format(
            who=who, weekly=self.money(b["weekly_usd"]), weeks=self.count(b["weeks"])
        )

    def _basis_patient_lost_wages(self, amount: float, b) -> str:
        return self.gettext("wages missed less paid time off and disability benefits")

    def _basis_partner_lost_wages(self, amount: float, b: Mapping[str, Any]) -> str:
        return self.gettext("{hours} hours off work for family-program days and driving").format(
            hours=self.count(b.get("hours", 0.0))
        )

    def _basis_travel(self, amount: float, b: Mapping[str, Any]) -> str:
        _ = self.gettext
        mode = {"car": _("car"), "transit": _("transit"), "flight": _("flight")}[b["mode"]]
        text = _("trips to the program and family visits; {miles} miles each way by {mode}").format(
            miles=self.count(b.get("miles", 0.0)), mode=mode
        )
        if b.get("rate_usd_per_mile") is not None:
            text += ", " + self.rate(b["rate_usd_per_mile"], _("mile"))
        return text

    def _basis_stage_other(self, amount: float, b) -> str:
        return self.gettext("weekly amounts entered for this stage")

    def _basis_added(self, amount: float, b) -> str:
        return self.gettext("entered by you")

    def lines_table(self, option) -> pd.DataFrame:
        """An option's lines as a table for people: stage, item, amount, arithmetic."""
        return pd.DataFrame(
            [
                {
                    "component": line.component,
                    "stage": self.stage(line.stage, line.level),
                    "item": self.item(line),
                    "amount_usd": line.amount_usd,
                    "basis": self.basis(line),
                    "in_total": line.in_total,
                }
                for line in option.lines
            ],
            columns=["component", "stage", "item", "amount_usd", "basis", "in_total"],
        )

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

    def _figure_value(self, value: float, unit: str) -> str:
        if unit.startswith("USD"):
            per = unit.partition("/")[2]
            return self.money(value, 2 if value < 100 else 0) + ("/" + self.unit_word(per) if per else "")
        if unit == "fraction":
            return self.percent(value)
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
                _("How do I claim {program}, and what does my clinician need to certify?"),
                _("The state program replaces part of your wages after its waiting period."),
            ),
            "family_help": (
                _("Who could look after the children, and for how many hours a week?"),
                _("Every hour others can cover is an hour of childcare not to pay for."),
            ),
            "figure_past_latest": (
                _("{label}: has a value for {year} been published? The calculator used the one in force from {since}."),
                _("The figure changes on a schedule, and the newest value is not in the calculator's library yet."),
            ),
        }
        ask, why = table[q.topic]
        fill = {
            "where": where,
            "fmla_weeks": self.count(v.get("fmla_weeks", 0)),
            "program": v.get("program", ""),
            "label": self.figure_label(v.get("label", "")),
            "year": v["from"].year if "from" in v else "",
            "since": self.date(v["latest_from"]) if "latest_from" in v else "",
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
