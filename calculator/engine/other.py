"""Other costs: drug testing and medication the family pays weekly, and costs the family adds."""

from __future__ import annotations

from ..inputs import OptionInputs
from .days import DayFlags
from .lines import Line, Part, per_stage


def other(option: OptionInputs, flags: DayFlags, detail: bool) -> Part:
    """Weekly stage costs spread over the stage's days; each added cost on the first day."""
    per_stage_daily = flags.zeros()
    for s, m in zip(option.stages, flags.stage_masks, strict=True):
        per_stage_daily += m * ((s.drug_testing_usd_per_week + s.medication_usd_per_week) / 7.0)[:, None]
    added = flags.zeros()
    for cost in option.other_costs:
        added[:, 0] += cost.amount_usd
    part = Part({"other_stage": per_stage_daily, "other_added": added, "other": per_stage_daily + added})
    if detail:
        part.lines = per_stage(flags.stage_masks, "other", "stage_other", per_stage_daily)
        part.lines += [
            Line("other", "added", None, c.amount_usd.copy(), basis={"label": c.label}) for c in option.other_costs
        ]
    return part
