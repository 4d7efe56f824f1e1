"""Checks shared by the golden cases and the property tests: what is shown adds up to the cent."""

from __future__ import annotations

from decimal import Decimal

from calculator.engine import COMPONENTS, OUT_OF_POCKET

#: Lines that make up the family's share of covered care, and self-pay: with what insurance paid
#: they make up the allowed amount.
# A supplement (Medigap, Medicaid after Medicare) pays part of the family's share: its line is negative
# and its payment is inside insurer_paid.
ALLOWED_PARTS = ("deductible", "copay", "coinsurance", "oop_cap", "supplement", "self_pay")


def c(x: float) -> Decimal:
    """Dollars as an exact number of cents."""
    return Decimal(repr(float(x))).quantize(Decimal("0.01"))


def _sum(lines) -> Decimal:
    return sum((c(x.amount_usd) for x in lines), Decimal(0))


def assert_adds_up(o) -> None:
    """Every total of an option equals the sum of the lines and parts shown beside it, to the cent;
    insurance adds up to the allowed amount; nothing is negative but the food-at-home credit and
    the tax lines."""
    t = o.totals
    counted = [x for x in o.lines if x.in_total]
    assert c(sum(c(t[k]) for k in OUT_OF_POCKET)) == c(t["out_of_pocket"]), o.name
    assert c(t["out_of_pocket"]) + c(t["lost_income"]) == c(t["family_total"]), o.name
    assert c(sum(c(t[k]) for k in COMPONENTS)) == c(t["family_total"]), o.name
    for k in COMPONENTS:
        assert _sum(x for x in counted if x.component == k) == c(t[k]), (o.name, k)
    # Leave used and the after-tax totals, beside the cash total.
    assert _sum(x for x in counted if x.component == "leave") == c(t["leave_used"]), o.name
    assert c(t["family_total"]) + c(t["leave_used"]) == c(t["family_total_with_leave"]), o.name
    taxes = [x for x in counted if x.component == "taxes" and x.item != "tax_leave"]
    assert _sum(taxes) == c(t["tax_effect"]), o.name
    assert c(t["family_total"]) + c(t["tax_effect"]) == c(t["family_total_after_tax"]), o.name
    assert c(t["out_of_pocket_after_tax"]) + c(t["lost_income_after_tax"]) == c(t["family_total_after_tax"])
    tax_leave = [x for x in counted if x.item == "tax_leave"]
    assert c(t["leave_used"]) + _sum(tax_leave) == c(t["leave_used_after_tax"]), o.name
    assert c(t["family_total_after_tax"]) + c(t["leave_used_after_tax"]) == c(t["family_total_with_leave_after_tax"]), (
        o.name
    )
    assert _sum(x for x in counted if x.item in ALLOWED_PARTS) + c(t["insurer_paid"]) == c(t["allowed"]), o.name
    credit = -_sum(x for x in counted if x.item == "food_at_home")
    for k in (*COMPONENTS, "out_of_pocket", "family_total", "insurer_paid", "allowed", "leave_used"):
        floor = -credit if k in ("lodging_meals", "out_of_pocket", "family_total") else Decimal(0)
        assert c(t[k]) >= floor, (o.name, k, t[k])
