"""Treatment: the family's share of each stage's charges under its plan.

Each charged day is priced from the stage's price basis; the plan's rules then split the allowed
amount between the family and the insurer (:mod:`calculator.insurance`): in network, out of
network (with its own accumulators and a balance bill), Medicare Part A and B, or self-pay.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import insurance as ins
from ..inputs import MedicareTerms, OutOfNetworkTerms, PlanTerms, StageInputs
from .days import DayFlags
from .lines import Line, Part, first, stage_count, stage_sum

SHARE_PARTS = ("allowed", "deductible", "copay", "coinsured", "coinsurance", "saved_by_cap")


@dataclass(frozen=True, slots=True)
class Charges:
    """What each day of one option is billed, and which days the plan can cover.

    ``charge_days`` and ``day_price`` are per stage; ``billed`` excludes admission fees.
    """

    billed: np.ndarray
    covered: np.ndarray
    in_network: np.ndarray
    residential: np.ndarray
    psychiatric: np.ndarray
    admission_fees: np.ndarray
    copay_day_owed: np.ndarray
    copay_admission_owed: np.ndarray
    charge_days: tuple[np.ndarray, ...]
    day_price: tuple[np.ndarray, ...]
    cash_rate: tuple[np.ndarray, ...]


def _stage_price(s: StageInputs, flags: DayFlags, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Charge days, price per charged day and cash price per day for stage ``k``.

    Notes
    -----
    A weekly price is spread over the week's program days; a flat program fee over the stage's
    program days (on its first day when it has none), so authorization and plan-year rules treat
    it like day rates. The cash price for days the plan will not pay defaults to the price.
    """
    billable, first_day = flags.billable[k], flags.first_days[k]
    n_days = flags.calendar.n_days
    days_per_week = 7.0 if s.residential else s.days_per_week
    count = billable.sum(axis=1)
    fee_per_day = np.where(count > 0, s.program_fee_usd / np.maximum(count, 1), 0.0)
    day_price = (
        s.price_per_program_day_usd.on_days(n_days) + (s.price_per_week_usd / days_per_week + fee_per_day)[:, None]
    )
    cash = day_price if s.cash_price_usd_per_day is None else s.cash_price_usd_per_day[:, None]
    if (count > 0).all():
        return billable, day_price, cash
    none = (count == 0)[:, None]
    fee = s.program_fee_usd[:, None]
    return np.where(none, first_day, billable), np.where(none, fee, day_price), np.where(none, fee, cash)


def charges(stages: tuple[StageInputs, ...], flags: DayFlags, plan: PlanTerms) -> Charges:
    """Bill every stage's charge days; mark the days the plan covers (within authorization)."""
    z = flags.zeros
    billed, admission, copay_day, copay_adm = z(), z(), z(), z()
    covered, in_net, residential, psych = (z().astype(bool) for _ in range(4))
    has_copays = bool(np.any(plan.copay_per_day_usd) or np.any(plan.copay_per_admission_usd))
    days, prices, cash = [], [], []
    previous_residential = False
    for k, s in enumerate(stages):
        charge_days, day_price, cash_rate = _stage_price(s, flags, k)
        days.append(charge_days)
        prices.append(day_price)
        cash.append(cash_rate)
        billed += charge_days * day_price
        if s.has_authorization_limit:
            covered |= charge_days & (np.cumsum(charge_days, axis=1) <= s.authorized_days[:, None])
        else:
            covered |= charge_days
        in_net |= charge_days if s.in_network else False
        admission += flags.first_days[k] * s.admission_fee_usd[:, None]
        if s.residential:
            residential |= flags.stage_masks[k]
            psych |= flags.stage_masks[k] if s.freestanding_psychiatric_hospital else False
            if has_copays and not previous_residential:
                copay_adm += flags.first_days[k] * plan.copay_per_admission_usd[:, None]
        if has_copays:
            copay_day += charge_days * plan.copay_per_day_usd[:, None]
        previous_residential = s.residential
    return Charges(
        billed,
        covered,
        in_net,
        residential,
        psych,
        admission,
        copay_day,
        copay_adm,
        tuple(days),
        tuple(prices),
        tuple(cash),
    )


def commercial_shares(c: Charges, flags: DayFlags, plan: PlanTerms, oon: OutOfNetworkTerms) -> dict[str, np.ndarray]:
    """In-network days under the plan's terms; out-of-network days under their own, plus the balance bill.

    Returns ``insurer``, ``patient``, ``balance_bill``, ``handled`` (days the plan paid on) and
    the parts of the family's share (:data:`SHARE_PARTS`).
    """
    seg = flags.calendar.plan_year
    out = {k: flags.zeros() for k in ("insurer", "patient", "balance_bill", *SHARE_PARTS)}
    out["handled"] = np.zeros_like(c.covered)
    has_copays = bool(np.any(c.copay_day_owed) or np.any(c.copay_admission_owed))
    tiers = [(c.covered & c.in_network, plan, None)]
    if oon.covered and (c.covered & ~c.in_network).any():
        tiers.append((c.covered & ~c.in_network, oon, oon.allowed_fraction[:, None]))
    for mask, terms, fraction in tiers:
        allowed = c.billed * mask if fraction is None else c.billed * fraction * mask
        copays = (c.copay_day_owed * mask, c.copay_admission_owed * mask) if has_copays and fraction is None else None
        share = ins.commercial(
            allowed,
            copays,
            seg,
            deductible=terms.deductible_usd,
            deductible_met=terms.deductible_met_usd,
            coinsurance=terms.coinsurance_fraction,
            oop_max=terms.oop_max_usd,
            oop_met=terms.oop_met_usd,
            copay_before_deductible=plan.copay_before_deductible and fraction is None,
        )
        if fraction is not None and oon.balance_billing:
            out["balance_bill"] += (c.billed - allowed) * mask
        out["insurer"] += share["insurer"]
        out["patient"] += share["patient"]
        out["handled"] |= mask
        out["allowed"] += allowed
        for k in ("deductible", "copay", "coinsured", "coinsurance"):
            out[k] += share[k]
        out["saved_by_cap"] += share["before_cap"] - share["patient"]
    return out


def medicare_shares(c: Charges, flags: DayFlags, m: MedicareTerms) -> dict[str, np.ndarray]:
    """Residential-level days under Part A, other covered days under Part B (Original Medicare)."""
    part_a_days = c.covered & c.in_network & c.residential
    a = ins.medicare_part_a(c.billed * part_a_days, part_a_days, part_a_days & c.psychiatric, m)
    part_b_days = c.covered & c.in_network & ~c.residential
    b = ins.medicare_part_b(c.billed * part_b_days, flags.calendar.calendar_year, m)
    zero = flags.zeros()
    return {
        "insurer": a["insurer"] + b["insurer"],
        "patient": a["patient"] + b["patient"],
        "balance_bill": zero,
        "handled": a["covered"] | part_b_days,
        "allowed": c.billed * (a["covered"] | part_b_days),
        "deductible": a["deductible"] + b["deductible"],
        "copay": zero,
        "coinsured": b["coinsured"],
        "coinsurance": a["coinsurance"] + b["coinsurance"],
        "saved_by_cap": zero,
        "part_a_coinsurance_days": a["coinsurance_day"],
        "medicare_reserve_days": a["reserve_day"],
        "part_a_day_61_90_usd_per_day": a["day_61_90_usd_per_day"],
        "part_a_reserve_day_usd_per_day": a["reserve_day_usd_per_day"],
    }


def uninsured_shares(c: Charges, flags: DayFlags) -> dict[str, np.ndarray]:
    zero = flags.zeros()
    shares = {k: zero for k in ("insurer", "patient", "balance_bill", *SHARE_PARTS)}
    shares["handled"] = np.zeros_like(c.covered)
    return shares


def treatment(
    stages: tuple[StageInputs, ...],
    flags: DayFlags,
    plan: PlanTerms,
    oon: OutOfNetworkTerms,
    medicare: MedicareTerms | None,
    detail: bool,
) -> Part:
    """The family's share of treatment, day by day, and (with ``detail``) its lines per stage.

    Notes
    -----
    Self-pay days are charged days the plan did not pay on: days past authorization,
    out-of-network days the plan does not cover, days Medicare no longer covers, and every day
    for the uninsured; the cash price is both the allowed amount and the family's share.
    Admission fees are always self-pay. Patient share + insurer share = allowed amount.
    """
    c = charges(stages, flags, plan)
    if plan.kind == "commercial":
        shares = commercial_shares(c, flags, plan, oon)
    elif plan.kind == "medicare":
        shares = medicare_shares(c, flags, medicare)
    else:
        shares = uninsured_shares(c, flags)
    self_pay_days = (c.billed > 0) & ~shares["handled"]
    self_pay = flags.zeros()
    if self_pay_days.any():
        for days, rate in zip(c.charge_days, c.cash_rate, strict=True):
            self_pay += days * rate
        self_pay = self_pay * self_pay_days
    daily = {
        "insurer_paid": shares["insurer"],
        "patient_share": shares["patient"],
        "balance_bill": shares["balance_bill"],
        "self_pay": self_pay,
        "admission_fees": c.admission_fees,
    }
    daily["treatment"] = daily["patient_share"] + daily["balance_bill"] + self_pay + c.admission_fees
    part = Part(daily)
    if detail:
        daily["allowed"] = shares["allowed"] + self_pay
        daily["billed"] = c.billed + c.admission_fees
        daily["self_pay_days"] = self_pay_days.astype(float)
        daily["medicare_reserve_days"] = shares.get("medicare_reserve_days", np.zeros_like(c.covered)).astype(float)
        for k in ("deductible", "copay", "coinsurance", "saved_by_cap"):
            daily[k] = shares[k]
        part.lines = [
            line
            for k, s in enumerate(stages)
            for line in _stage_lines(k, s, flags, _Terms(plan, oon, medicare), _Amounts(c, shares, daily))
        ]
    return part


@dataclass(frozen=True, slots=True)
class _Terms:
    plan: PlanTerms
    oon: OutOfNetworkTerms
    medicare: MedicareTerms | None


@dataclass(frozen=True, slots=True)
class _Amounts:
    """What the lines are cut from: the charges, the plan's split and the daily parts."""

    charges: Charges
    shares: dict
    daily: dict


def _rate_if_uniform(days: np.ndarray, price: np.ndarray) -> float | None:
    """The price per charged day when it is the same on every charged day (draw 0), else None."""
    on = days[0]
    if not on.any():
        return 0.0
    values = np.broadcast_to(price, days.shape)[0][on]
    return float(values[0]) if np.allclose(values, values[0]) else None


def _coinsurance_basis(s: StageInputs, m: np.ndarray, t: _Terms, shares) -> dict:
    if t.plan.kind == "medicare" and s.residential:
        return {
            "rule": "medicare_part_a",
            "days_61_90": stage_count(shares["part_a_coinsurance_days"].astype(float), m),
            "rate_61_90_usd_per_day": first(shares["part_a_day_61_90_usd_per_day"]),
            "reserve_days": stage_count(shares["medicare_reserve_days"].astype(float), m),
            "rate_reserve_usd_per_day": first(shares["part_a_reserve_day_usd_per_day"]),
        }
    if t.plan.kind == "medicare":
        rule, fraction = "medicare_part_b", t.medicare.part_b_coinsurance_fraction
    else:
        rule, fraction = "plan", (t.plan if s.in_network else t.oon).coinsurance_fraction
    return {"rule": rule, "fraction": first(fraction), "base_usd": first(stage_sum(shares["coinsured"], m))}


def _stage_lines(k: int, s: StageInputs, flags: DayFlags, t: _Terms, amounts: _Amounts) -> list[Line]:
    """The treatment lines of stage ``k``: billed, allowed and paid for information, then the share."""
    c, shares, daily = amounts.charges, amounts.shares, amounts.daily
    m = flags.stage_masks[k]
    unit = "day" if s.residential else "program_day"
    charged = float((c.charge_days[k][0] & m[0]).sum())
    deductible = daily["deductible"]
    years_with_deductible = len(set(np.atleast_2d(flags.calendar.plan_year)[0][(deductible[0] > 0) & m[0]].tolist()))
    reason = "uninsured" if t.plan.kind == "uninsured" else "not_covered"
    info = dict(in_total=False)
    return [
        Line(
            "treatment",
            "billed",
            k,
            stage_sum(c.billed, m),
            **info,
            basis={
                "days": charged,
                "unit": unit,
                "rate_usd": _rate_if_uniform(c.charge_days[k], c.day_price[k]),
                "price_from": s.price_from,
            },
        ),
        Line(
            "treatment",
            "allowed",
            k,
            stage_sum(daily["allowed"], m),
            **info,
            basis={"plan_type": t.plan.plan_type, "in_network": s.in_network},
        ),
        Line("treatment", "insurer_paid", k, stage_sum(daily["insurer_paid"], m), **info),
        Line("treatment", "deductible", k, stage_sum(deductible, m), basis={"plan_years": years_with_deductible}),
        Line("treatment", "copay", k, stage_sum(daily["copay"], m)),
        Line(
            "treatment", "coinsurance", k, stage_sum(daily["coinsurance"], m), basis=_coinsurance_basis(s, m, t, shares)
        ),
        Line("treatment", "oop_cap", k, -stage_sum(daily["saved_by_cap"], m)),
        Line("treatment", "balance_bill", k, stage_sum(daily["balance_bill"], m)),
        Line(
            "treatment",
            "self_pay",
            k,
            stage_sum(daily["self_pay"], m),
            basis={"days": stage_count(daily["self_pay_days"], m), "unit": unit, "reason": reason},
        ),
        Line("treatment", "admission_fee", k, stage_sum(daily["admission_fees"], m)),
    ]
