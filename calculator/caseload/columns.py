"""The caseload's columns: the scenario's own fields, flattened, one row per client and option.

A column is named by the field's path in the scenario format (:mod:`calculator.schema`), with
the same unit and limits, so a counselor's spreadsheet and a scenario file say the same thing:

- ``client_id`` ties a client's rows together (2 to 4 rows: one per option);
- the client's fields keep their paths: ``start_date``, ``household.pay_usd_per_hour``,
  ``household.children[0].age_years``, ``insurance.deductible_usd``; they may be filled on
  every row of the client or only on the first (rows that disagree are a problem);
- the option's fields drop ``options[n]`` for ``option``: ``option.name``,
  ``option.stages[0].level``, ``option.stages[1].price_usd``, ``option.other_costs[0].label``;
- ``household.short_term_disability`` (true/false) says the patient has employer disability
  insurance; filling any of its fields says so too;
- ``assumption_overrides.KEY`` replaces one library figure for that client.

An empty cell means what an empty field means in a scenario file: the library's figure, or the
field's default. Indexes count from 0, as in the scenario format and its error messages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .. import paths
from ..schema import FieldSpec, specs

CLIENT_ID = "client_id"
OPTION = "option."
DISABILITY = "household.short_term_disability"
OVERRIDES = "assumption_overrides."
#: Numbered items the template shows; the reader takes any number up to the schema's limit.
TEMPLATE_COUNTS = {"c": 3, "s": 2, "k": 2}
#: Numeric fields that shape the arithmetic rather than feed it (read directly, not as a
#: variation): clients share a pass only when these are equal. Every other number a client
#: gives reaches the engine draw by draw (tests/test_caseload.py checks each one is honoured).
STRUCTURAL = frozenset(
    {
        "household.work_days_per_week",
        "household.children[{c}].age_years",
        "insurance.plan_year_renews_month",
        "insurance.plan_year_renews_day",
    }
)
#: Numbers whose being above zero shapes the arithmetic, though the number itself reaches the
#: engine draw by draw: clients share a pass only when these are alike in that. A partner's pay
#: decides the default filing status (a joint return) and whether a partner's family leave
#: is claimed.
POSITIVE_SHAPES = frozenset({"household.partner_pay_usd_per_hour"})
NUMERIC_KINDS = frozenset({"money", "number", "int", "percent"})
_LISTS = {"c": "household.children", "s": "stages", "k": "other_costs"}
_ITEM_WORDS = {"c": "Child", "s": "Stage", "k": "Other cost"}


@dataclass(frozen=True)
class Column:
    """One column of the caseload format.

    Attributes
    ----------
    name : str
        The header: ``option.stages[1].price_usd``.
    template : str
        The scenario path template: ``options[{o}].stages[{s}].price_usd`` (``""`` for
        ``client_id``, the disability yes/no and overrides).
    spec : FieldSpec or None
        The field's words, unit and limits.
    level : str
        ``"client"`` or ``"option"``.
    kind : str
        The field's kind (:data:`calculator.schema.WIDGET_KINDS`), or ``"id"``, ``"bool"`` (the
        disability yes/no) or ``"override"``.
    item : tuple or None
        ``(letter, index)`` of the numbered item the field belongs to: ``("s", 1)`` for a
        second-stage field, ``("c", 0)`` for the first child's.
    """

    name: str
    template: str
    spec: FieldSpec | None
    level: str
    kind: str
    item: tuple[str, int] | None = None

    def path(self, option: int = 0) -> str:
        """The field's path in a scenario (``options[1].stages[0].level`` for option 1)."""
        if self.level == "option":
            return "options" + f"[{option}]." + self.name.removeprefix(OPTION)
        return self.name

    @property
    def varies(self) -> bool:
        """A number that reaches the engine as a per-client variation."""
        return self.kind in NUMERIC_KINDS and self.template not in STRUCTURAL


def _item_of(template: str, concrete: str) -> tuple[str, int] | None:
    """The innermost numbered item (child, stage or other cost) of a concrete path."""
    found = None
    for letter, name in _LISTS.items():
        match = re.search(rf"\b{re.escape(name.split('.')[-1])}\[(\d+)\]", concrete)
        if match and "{" + letter + "}" in template:
            found = (letter, int(match.group(1)))
    return found


@functools.cache
def column(name: str) -> Column | None:
    """The column named ``name``, or ``None`` when the caseload format has no such column."""
    if name == CLIENT_ID:
        return Column(CLIENT_ID, "", None, "client", "id")
    if name == DISABILITY:
        return Column(DISABILITY, "", specs()[DISABILITY], "client", "bool")
    if name.startswith(OVERRIDES) and len(name) > len(OVERRIDES):
        return Column(name, "", None, "client", "override")
    level = "option" if name.startswith(OPTION) else "client"
    concrete = "options[0]." + name.removeprefix(OPTION) if level == "option" else name
    if concrete.startswith("options[") and level == "client":
        return None
    template = paths.template(concrete)
    spec = specs().get(template)
    if spec is None or spec.is_container or not _within_limits(concrete):
        return None
    return Column(name, template, spec, level, spec.kind, _item_of(template, concrete))


def _within_limits(concrete: str) -> bool:
    """Each index is below its list's most items (6 stages, 10 children, 20 added costs)."""
    for name, index in re.findall(r"(\w+)\[(\d+)\]", concrete):
        prefix = concrete[: concrete.index(f"{name}[{index}]")] + name
        spec = specs().get(paths.template(prefix))
        if spec is not None and spec.max_length is not None and int(index) >= spec.max_length:
            return False
    return True


# ---- the template ---------------------------------------------------------------------------------


@functools.cache
def template_columns() -> tuple[Column, ...]:
    """The template's columns, in the scenario's order, each numbered item's fields together
    (as many items as :data:`TEMPLATE_COUNTS` shows)."""
    names = [CLIENT_ID]
    group: list[str] = []
    for template, spec in specs().items():
        if spec.is_container:
            continue
        if template == f"{DISABILITY}.replacement_fraction":
            names.append(DISABILITY)
        if group and _list_prefix(template) != _list_prefix(group[0]):
            names += _expand(group)
            group = []
        group.append(template)
    names += _expand(group)
    return tuple(c for c in (column(n) for n in dict.fromkeys(names)) if c is not None)


def _list_prefix(template: str) -> str:
    """The template up to its last index placeholder (``""`` for a field in no list)."""
    match = re.search(r"^(.*\{[a-z]\})", template.replace("options[{o}].", OPTION))
    return match.group(1) if match else ""


def _expand(group: list[str]) -> list[str]:
    """Column names for a run of fields of the same list: item 0's fields, then item 1's, ..."""
    names = [t.replace("options[{o}].", OPTION) for t in group]
    letters = re.findall(r"\{([a-z])\}", names[0]) if names else []
    if not letters:
        return names
    letter = letters[-1]
    return [n.replace("{" + letter + "}", str(i)) for i in range(TEMPLATE_COUNTS[letter]) for n in names]


def item_words(col: Column) -> str:
    """``"Stage 2: "`` for a second-stage field (numbered from 1 for people), else ``""``."""
    if col.item is None:
        return ""
    letter, index = col.item
    return f"{_ITEM_WORDS[letter]} {index + 1}: "


def columns_in(names: list[str]) -> Mapping[str, Column | None]:
    """Each header of a file with its column (``None``: not a caseload column)."""
    return {n: column(n) for n in names}
