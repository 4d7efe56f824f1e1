"""Treatment: the family's share of each stage's charges under its payer.

Each charged day is priced from the stage's price basis; the payer's rules then split the
allowed amount between the family and the payers (:mod:`calculator.insurance`):

- a commercial plan or Medicaid: in network, out of network (with its own accumulators and a
  balance bill), or at in-network terms under a single-case agreement;
- Original Medicare: Part A and Part B, then what a supplement pays of the cost sharing
  (Medigap, or Medicaid for a person on both);
- Medicare Advantage: per-day inpatient copays, outpatient copays or coinsurance, the MOOP;
  a PPO also pays out of network, under a combined maximum;
- no insurance: every day at the cash price.

Days no payer pays for (past authorization, out of network where the plan pays nothing, a
program Medicaid will not pay, days past Medicare's limits, every day for the uninsured) are
self-pay at the cash price, less any sliding-scale discount; at a state- or grant-funded place
the grant pays the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import insurance as ins
from ..inputs import AdvantageTerms, MedicareTerms, OutOfNetworkTerms, PlanTerms, StageInputs, SupplementTerms
from ..timeline import segment_cumsum, take_within
from .days import DayFlags
from .lines import Line, Part, first, stage_count, stage_sum

SHARE_PARTS = ("allowed", "deductible", "copay", "coinsured", "coinsurance", "saved_by_cap", "supplement_paid")


@dataclass(frozen=True, slots=True)
class Charges:
    """What each day of one option is billed, and which days the payer can cover.

    ``charge_days``, ``day_price`` and ``cash_rate`` are per stage; ``billed`` excludes
    admission fees. ``stay_day`` numbers each residential-level charge day within its stay
    (1, 2, ...; a stay runs across consecutive residential stages), 0 on other days.
    ``admitted``: the first day of each stay. ``office_visit``: standard outpatient days.
    ``discount``: the sliding-scale share taken off self-pay days; ``state_funded``: days a
    state or grant program pays for what no payer covers.
    """

    billed: np.ndarray
    covered: np.ndarray
    in_network: np.ndarray
    residential: np.ndarray
    psychiatric: np.ndarray
    admission_fees: np.ndarray
    copay_day_owed: np.ndarray
    copay_admission_owed: np.ndarray
    stay_day: np.ndarray
    admitted: np.ndarray
    office_visit: np.ndarray
    discount: np.ndarray
    state_funded: np.ndarray
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


def _covered(s: StageInputs, charge_days: np.ndarray) -> np.ndarray:
    """The charge days the payer can pay for: none where it declines, else those authorized."""
    if s.payer_declines is not None:
        return np.zeros_like(charge_days)
    if s.has_authorization_limit:
        return charge_days & (np.cumsum(charge_days, axis=1) <= s.authorized_days[:, None])
    return charge_days


def charges(stages: tuple[StageInputs, ...], flags: DayFlags, plan: PlanTerms) -> Charges:
    """Bill every stage's charge days; mark the days the payer covers (within authorization)."""
    z = flags.zeros
    billed, admission, stay_day, discount = z(), z(), z(), z()
    covered, in_net, residential, psych, charged, admitted, office, funded = (z().astype(bool) for _ in range(8))
    days, prices, cash = [], [], []
    stay = np.zeros(flags.length_days.size)
    previous_residential = False
    for k, s in enumerate(stages):
        charge_days, day_price, cash_rate = _stage_price(s, flags, k)
        mask = flags.stage_masks[k]
        days.append(charge_days)
        prices.append(day_price)
        cash.append(cash_rate)
        billed += charge_days * day_price
        charged |= charge_days
        covered |= _covered(s, charge_days)
        in_net |= charge_days if (s.in_network or s.single_case_agreement) else False
        admission += flags.first_days[k] * s.admission_fee_usd[:, None]
        if s.sliding_scale_discount_fraction is not None:
            discount += mask * s.sliding_scale_discount_fraction[:, None]
        funded |= mask if s.state_funded else False
        office |= charge_days if s.level == "outpatient" else False
        if s.residential:
            residential |= mask
            psych |= mask if s.freestanding_psychiatric_hospital else False
            if not previous_residential:
                admitted |= flags.first_days[k]
                stay = np.zeros_like(stay)
            stay_day += np.where(charge_days, stay[:, None] + np.cumsum(charge_days, axis=1), 0.0)
            stay = stay + charge_days.sum(axis=1)
        previous_residential = s.residential
    return Charges(
        billed=billed,
        covered=covered,
        in_network=in_net,
        residential=residential,
        psychiatric=psych,
        admission_fees=admission,
        copay_day_owed=charged * plan.copay_per_day_usd[:, None],
        copay_admission_owed=admitted * plan.copay_per_admission_usd[:, None],
        stay_day=stay_day,
        admitted=admitted,
        office_visit=office,
        discount=discount,
        state_funded=funded,
        charge_days=tuple(days),
        day_price=tuple(prices),
        cash_rate=tuple(cash),
    )


def _empty_shares(c: Charges, flags: DayFlags) -> dict[str, np.ndarray]:
    out = {k: flags.zeros() for k in ("insurer", "patient", "balance_bill", *SHARE_PARTS)}
    out["handled"] = np.zeros_like(c.covered)
    return out


def _add_tier(out: dict, c: Charges, mask: np.ndarray, share: dict, allowed: np.ndarray) -> None:
    """Add one network tier's split of the allowed amount to the running shares."""
    out["insurer"] += share["insurer"]
    out["patient"] += share["patient"]
    out["handled"] |= mask
    out["allowed"] += allowed
    for k in ("deductible", "copay", "coinsured", "coinsurance"):
        out[k] += share.get(k, 0.0)
    out["saved_by_cap"] += share["before_cap"] - share["patient"]


def _out_of_network_tier(out: dict, c: Charges, oon: OutOfNetworkTerms, segment: np.ndarray) -> dict | None:
    """Out-of-network days under their own terms, plus the balance bill; ``None`` when not paid."""
    mask = c.covered & ~c.in_network
    if not (oon.covered and mask.any()):
        return None
    allowed = c.billed * oon.allowed_fraction[:, None] * mask
    share = ins.commercial(
        allowed,
        None,
        segment,
        deductible=oon.deductible_usd,
        deductible_met=oon.deductible_met_usd,
        coinsurance=oon.coinsurance_fraction,
        oop_max=oon.oop_max_usd,
        oop_met=oon.oop_met_usd,
        copay_before_deductible=False,
    )
    if oon.balance_billing:
        out["balance_bill"] += (c.billed - allowed) * mask
    _add_tier(out, c, mask, share, allowed)
    return share


def commercial_shares(c: Charges, flags: DayFlags, plan: PlanTerms, oon: OutOfNetworkTerms) -> dict[str, np.ndarray]:
    """In-network days under the plan's terms; out-of-network days under their own, plus the balance bill.

    Returns ``insurer``, ``patient``, ``balance_bill``, ``handled`` (days the plan paid on) and
    the parts of the family's share (:data:`SHARE_PARTS`).
    """
    seg = flags.calendar.plan_year
    out = _empty_shares(c, flags)
    mask = c.covered & c.in_network
    has_copays = bool(np.any(c.copay_day_owed) or np.any(c.copay_admission_owed))
    allowed = c.billed * mask
    share = ins.commercial(
        allowed,
        (c.copay_day_owed * mask, c.copay_admission_owed * mask) if has_copays else None,
        seg,
        deductible=plan.deductible_usd,
        deductible_met=plan.deductible_met_usd,
        coinsurance=plan.coinsurance_fraction,
        oop_max=plan.oop_max_usd,
        oop_met=plan.oop_met_usd,
        copay_before_deductible=plan.copay_before_deductible,
    )
    _add_tier(out, c, mask, share, allowed)
    _out_of_network_tier(out, c, oon, seg)
    return out


def advantage_shares(c: Charges, flags: DayFlags, a: AdvantageTerms, oon: OutOfNetworkTerms) -> dict[str, np.ndarray]:
    """Medicare Advantage: in-network days under the plan's copays and MOOP; a PPO's out-of-network days too.

    Notes
    -----
    In network: a copay on each of days 1 to N of each stay (:attr:`Charges.stay_day`), a copay
    and/or coinsurance on each PHP, IOP or outpatient day, all stopping at the calendar year's
    MOOP (:func:`calculator.insurance.medicare_advantage`). A PPO's out-of-network days run the
    out-of-network terms on their own; the family's in- and out-of-network shares together then
    stop at the combined maximum, each day's shares scaled down alike. An HMO pays nothing out
    of network: those days are self-pay.
    """
    seg = flags.calendar.calendar_year
    n_days = c.billed.shape[1]
    out = _empty_shares(c, flags)
    mask = c.covered & c.in_network
    inpatient, outpatient = mask & c.residential, mask & ~c.residential
    copay_due = np.where(
        inpatient & (c.stay_day <= a.inpatient_copay_days[:, None]), a.inpatient_copay_usd_per_day[:, None], 0.0
    ) + np.where(outpatient, a.outpatient_copay_usd_per_day[:, None], 0.0)
    coinsurance = np.where(outpatient, a.outpatient_coinsurance_fraction[:, None], 0.0)
    moop = ins.per_day(a.moop_usd, n_days)
    moop_left = np.where(np.atleast_2d(seg == 0), moop - a.moop_met_usd[:, None], moop)
    allowed = c.billed * mask
    share = ins.medicare_advantage(allowed, copay_due, coinsurance, seg, np.maximum(moop_left, 0.0))
    _add_tier(out, c, mask, share, allowed)
    out["inpatient_copay_days"] = inpatient & (share["copay"] > 0)
    if a.network == "ppo" and _out_of_network_tier(out, c, oon, seg) is not None:
        combined = ins.per_day(a.combined_moop_usd, n_days)
        room = np.where(
            np.atleast_2d(seg == 0), combined - a.moop_met_usd[:, None] - oon.oop_met_usd[:, None], combined
        )
        total = out["patient"]
        capped = take_within(segment_cumsum(total, seg), total, np.maximum(room, 0.0))
        out["saved_by_cap"] += total - capped
        out["insurer"] += total - capped
        out["patient"] = capped
    return out


def medicare_shares(
    c: Charges, flags: DayFlags, m: MedicareTerms, supplement: SupplementTerms | None = None
) -> dict[str, np.ndarray]:
    """Residential-level days under Part A, other covered days under Part B (Original Medicare);
    then what a supplement (Medigap, Medicaid) pays of the family's cost sharing."""
    part_a_days = c.covered & c.in_network & c.residential
    a = ins.medicare_part_a(c.billed * part_a_days, part_a_days, part_a_days & c.psychiatric, m)
    part_b_days = c.covered & c.in_network & ~c.residential
    b = ins.medicare_part_b(c.billed * part_b_days, flags.calendar.calendar_year, m)
    zero = flags.zeros()
    out = {
        "insurer": a["insurer"] + b["insurer"],
        "patient": a["patient"] + b["patient"],
        "balance_bill": zero,
        "handled": a["covered"] | part_b_days,
        "allowed": c.billed * (a["covered"] | part_b_days),
        "deductible": a["deductible"] + b["deductible"],
        "part_a_deductible": a["deductible"],
        "copay": zero,
        "coinsured": b["coinsured"],
        "coinsurance": a["coinsurance"] + b["coinsurance"],
        "saved_by_cap": zero,
        "supplement_paid": zero,
        "part_a_period": a["period"],
        "part_a_coinsurance_days": a["coinsurance_day"],
        "medicare_reserve_days": a["reserve_day"],
        "part_a_day_61_90_usd_per_day": a["day_61_90_usd_per_day"],
        "part_a_reserve_day_usd_per_day": a["reserve_day_usd_per_day"],
    }
    if supplement is not None:
        parts = dict(
            zip(ins.MEDICARE_PARTS, (a["deductible"], a["coinsurance"], b["deductible"], b["coinsurance"]), strict=True)
        )
        covered_day = a["covered"] | part_b_days
        medicaid_due = (
            covered_day * supplement.medicaid_copay_per_day_usd[:, None]
            + (c.admitted & a["covered"]) * supplement.medicaid_copay_per_admission_usd[:, None]
        )
        paid = ins.supplement(
            parts, supplement, flags.calendar.calendar_year, c.office_visit & part_b_days, medicaid_due
        )
        out["patient"] = out["patient"] - paid["paid"]
        out["insurer"] = out["insurer"] + paid["paid"]
        out["supplement_paid"] = paid["paid"]
        out["supplement"] = paid
    return out


def uninsured_shares(c: Charges, flags: DayFlags) -> dict[str, np.ndarray]:
    return _empty_shares(c, flags)


def payer_shares(
    c: Charges, flags: DayFlags, plan: PlanTerms, oon: OutOfNetworkTerms, medicare: MedicareTerms | None
) -> dict[str, np.ndarray]:
    """The payer's rules, picked by ``plan.kind``."""
    if plan.kind == "commercial":
        return commercial_shares(c, flags, plan, oon)
    if plan.kind == "medicare":
        return medicare_shares(c, flags, medicare, plan.supplement)
    if plan.kind == "medicare_advantage":
        return advantage_shares(c, flags, plan.advantage, oon)
    return uninsured_shares(c, flags)


def self_pay(c: Charges, handled: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Self-pay days, what the family pays on them and what a state or grant program pays [USD].

    Notes
    -----
    A charged day no payer paid on costs the stage's cash price, less the sliding-scale
    discount. At a state- or grant-funded place the grant pays the discounted part (with no
    discount given, all of it); elsewhere the discount is simply not charged.
    """
    days = (c.billed > 0) & ~handled
    cash = sum(d * rate for d, rate in zip(c.charge_days, c.cash_rate, strict=True)) * days
    family = cash * (1.0 - c.discount)
    grant = np.where(c.state_funded, cash - family, 0.0)
    return days, family, grant


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
    Self-pay days are charged days no payer paid on (:func:`self_pay`); the family's self-pay
    amount is both the allowed amount and its share. Admission fees are always self-pay.
    Patient share + insurer share = allowed amount (a supplement counts as insurance; a state
    or grant program's payment is shown apart).
    """
    c = charges(stages, flags, plan)
    shares = payer_shares(c, flags, plan, oon, medicare)
    self_pay_days, family_self_pay, grant = self_pay(c, shares["handled"])
    daily = {
        "insurer_paid": shares["insurer"],
        "patient_share": shares["patient"],
        "balance_bill": shares["balance_bill"],
        "self_pay": family_self_pay,
        "admission_fees": c.admission_fees,
    }
    daily["treatment"] = daily["patient_share"] + daily["balance_bill"] + family_self_pay + c.admission_fees
    part = Part(daily)
    if detail:
        daily["allowed"] = shares["allowed"] + family_self_pay
        daily["billed"] = c.billed + c.admission_fees
        daily["self_pay_days"] = self_pay_days.astype(float)
        daily["grant_paid"] = grant
        daily["medicare_reserve_days"] = shares.get("medicare_reserve_days", np.zeros_like(c.covered)).astype(float)
        for k in ("deductible", "copay", "coinsurance", "saved_by_cap", "supplement_paid"):
            daily[k] = shares[k]
        terms = _Terms(plan, oon, medicare)
        amounts = _Amounts(c, shares, daily)
        part.lines = [line for k, s in enumerate(stages) for line in _stage_lines(k, s, flags, terms, amounts)]
    return part


@dataclass(frozen=True, slots=True)
class _Terms:
    plan: PlanTerms
    oon: OutOfNetworkTerms
    medicare: MedicareTerms | None


@dataclass(frozen=True, slots=True)
class _Amounts:
    """What the lines are cut from: the charges, the payer's split and the daily parts."""

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
    kind = t.plan.kind
    if kind == "medicare" and s.residential:
        return {
            "rule": "medicare_part_a",
            "days_61_90": stage_count(shares["part_a_coinsurance_days"].astype(float), m),
            "rate_61_90_usd_per_day": first(shares["part_a_day_61_90_usd_per_day"]),
            "reserve_days": stage_count(shares["medicare_reserve_days"].astype(float), m),
            "rate_reserve_usd_per_day": first(shares["part_a_reserve_day_usd_per_day"]),
        }
    network = s.in_network or s.single_case_agreement
    if kind == "medicare":
        rule, fraction = "medicare_part_b", t.medicare.part_b_coinsurance_fraction
    elif not network:
        rule, fraction = "out_of_network", t.oon.coinsurance_fraction
    elif kind == "medicare_advantage":
        rule, fraction = "medicare_advantage", t.plan.advantage.outpatient_coinsurance_fraction
    else:
        rule, fraction = "plan", t.plan.coinsurance_fraction
    return {
        "rule": rule,
        "plan_type": t.plan.plan_type,
        "fraction": first(fraction),
        "base_usd": first(stage_sum(shares["coinsured"], m)),
    }


def _deductible_basis(s: StageInputs, flags: DayFlags, m: np.ndarray, t: _Terms, amounts: _Amounts) -> dict:
    deductible = amounts.daily["deductible"]
    paid = (deductible[0] > 0) & m[0]
    if t.plan.kind == "medicare":
        if s.residential:
            part_a = (amounts.shares["part_a_deductible"][0] > 0) & m[0]
            periods = len(set(amounts.shares["part_a_period"][0][part_a].tolist()))
            return {"rule": "medicare_part_a", "periods": periods}
        return {
            "rule": "medicare_part_b",
            "years": len(set(np.atleast_2d(flags.calendar.calendar_year)[0][paid].tolist())),
        }
    network = s.in_network or s.single_case_agreement
    return {
        "rule": "plan" if network else "out_of_network",
        "plan_type": t.plan.plan_type,
        "plan_years": len(set(np.atleast_2d(flags.calendar.plan_year)[0][paid].tolist())),
    }


def _copay_basis(s: StageInputs, m: np.ndarray, t: _Terms, amounts: _Amounts) -> dict:
    if t.plan.kind != "medicare_advantage":
        return {"rule": "plan", "plan_type": t.plan.plan_type}
    a = t.plan.advantage
    if s.residential:
        return {
            "rule": "medicare_advantage_inpatient",
            "days": stage_count(amounts.shares["inpatient_copay_days"].astype(float), m),
            "rate_usd_per_day": first(a.inpatient_copay_usd_per_day),
            "first_days": first(a.inpatient_copay_days),
        }
    return {
        "rule": "medicare_advantage_outpatient",
        "days": stage_count(amounts.daily["copay"], m),
        "rate_usd_per_day": first(a.outpatient_copay_usd_per_day),
    }


def _supplement_basis(m: np.ndarray, t: _Terms, amounts: _Amounts) -> dict:
    sup = t.plan.supplement
    if sup is None:
        return {}
    paid = amounts.shares["supplement"]
    basis = {"kind": sup.kind, "plan": sup.plan}
    fractions = (
        sup.part_a_deductible_fraction,
        sup.part_a_coinsurance_fraction,
        sup.part_b_deductible_fraction,
        sup.part_b_coinsurance_fraction,
    )
    for p, fraction in zip(ins.MEDICARE_PARTS, fractions, strict=True):
        basis[f"{p}_usd"] = first(stage_sum(paid[f"paid_{p}"], m))
        basis[f"{p}_share"] = fraction
    part_b_deductible = amounts.shares["deductible"] - amounts.shares["part_a_deductible"]
    basis["part_b_deductible_owed_usd"] = first(stage_sum(part_b_deductible, m))
    basis["copay_kept_usd"] = first(stage_sum(paid["copay_kept"], m))
    basis["copay_visits"] = stage_count(paid["copay_kept"], m)
    basis["copay_usd_per_visit"] = first(sup.office_copay_usd_per_visit)
    basis["saved_by_limit_usd"] = first(stage_sum(paid["saved_by_limit"], m))
    return basis


def _self_pay_reason(s: StageInputs, t: _Terms) -> str:
    kind = t.plan.kind
    if kind == "uninsured":
        return "uninsured"
    if s.payer_declines is not None:
        return s.payer_declines
    if not (s.in_network or s.single_case_agreement):
        if kind == "medicare" or t.plan.plan_type == "medicaid":
            return "not_accepted"
        if kind == "medicare_advantage" and t.plan.advantage.network == "hmo":
            return "hmo_out_of_network"
        if not t.oon.covered:
            return "out_of_network_not_covered"
    return "not_covered"


def _self_pay_basis(k: int, s: StageInputs, m: np.ndarray, t: _Terms, amounts: _Amounts, unit: str) -> dict:
    c, daily = amounts.charges, amounts.daily
    days = daily["self_pay_days"] > 0
    cash = sum(d * r for d, r in zip(c.charge_days, c.cash_rate, strict=True)) * days
    discount = s.sliding_scale_discount_fraction
    return {
        "days": stage_count(daily["self_pay_days"], m),
        "unit": unit,
        "reason": _self_pay_reason(s, t),
        "rate_usd": _rate_if_uniform(c.charge_days[k] & days, c.cash_rate[k]),
        "before_discount_usd": first(stage_sum(cash, m)),
        "discount_fraction": None if discount is None else first(discount),
        "state_funded": s.state_funded,
    }


def _info_lines(k: int, s: StageInputs, flags: DayFlags, t: _Terms, amounts: _Amounts, unit: str) -> list[Line]:
    """Billed, allowed and paid (by insurance, by a grant): shown for information, not in the total."""
    c, daily = amounts.charges, amounts.daily
    m = flags.stage_masks[k]
    charged = float((c.charge_days[k][0] & m[0]).sum())
    billed = {
        "days": charged,
        "unit": unit,
        "rate_usd": _rate_if_uniform(c.charge_days[k], c.day_price[k]),
        "price_from": s.price_from,
    }
    allowed = {
        "plan_type": t.plan.plan_type,
        "in_network": s.in_network,
        "single_case_agreement": s.single_case_agreement,
        # Every charged day self-pay: the allowed amount is the family's own cash price.
        "self_pay_only": bool(charged) and not (amounts.shares["handled"][0] & m[0]).any(),
    }
    lines = [
        Line("treatment", "billed", k, stage_sum(c.billed, m), in_total=False, basis=billed),
        Line("treatment", "allowed", k, stage_sum(daily["allowed"], m), in_total=False, basis=allowed),
        Line("treatment", "insurer_paid", k, stage_sum(daily["insurer_paid"], m), in_total=False),
    ]
    if s.state_funded:
        lines.append(Line("treatment", "grant_paid", k, stage_sum(daily["grant_paid"], m), in_total=False))
    return lines


def _stage_lines(k: int, s: StageInputs, flags: DayFlags, t: _Terms, amounts: _Amounts) -> list[Line]:
    """The treatment lines of stage ``k``: billed, allowed and paid for information, then the share."""
    daily = amounts.daily
    m = flags.stage_masks[k]
    unit = "day" if s.residential else "program_day"
    network = s.in_network or s.single_case_agreement
    cap = {"rule": t.plan.kind if network else "out_of_network", "plan_type": t.plan.plan_type}

    def line(item: str, amount: np.ndarray, basis: dict | None = None) -> Line:
        return Line("treatment", item, k, amount, basis=basis or {})

    return [
        *_info_lines(k, s, flags, t, amounts, unit),
        line("deductible", stage_sum(daily["deductible"], m), _deductible_basis(s, flags, m, t, amounts)),
        line("copay", stage_sum(daily["copay"], m), _copay_basis(s, m, t, amounts)),
        line("coinsurance", stage_sum(daily["coinsurance"], m), _coinsurance_basis(s, m, t, amounts.shares)),
        line("oop_cap", -stage_sum(daily["saved_by_cap"], m), cap),
        line("supplement", -stage_sum(daily["supplement_paid"], m), _supplement_basis(m, t, amounts)),
        line("balance_bill", stage_sum(daily["balance_bill"], m)),
        line("self_pay", stage_sum(daily["self_pay"], m), _self_pay_basis(k, s, m, t, amounts, unit)),
        line("admission_fee", stage_sum(daily["admission_fees"], m)),
    ]
