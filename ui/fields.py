"""Every scenario field the app can edit: its widget key, label, help text and kind.

The words and limits come from the model (:mod:`calculator.schema`); this module adds only
what a widget needs on top: an empty choice for optional selects, defaults in the widget's
type. A widget's key is the scenario field path it sets (``household.pay_usd_per_hour``,
``options[0].stages[1].length_days``, see :mod:`calculator.paths`), the same path
:class:`calculator.InputProblem` uses, so an error from the model lands beside the widget that
caused it.

This module is pure (no Streamlit): it turns a flat ``{key: value}`` state into the nested
data ``calculator.scenario_from_dict`` validates, and a scenario back into that flat state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from calculator import paths, schema
from calculator.schema import N_

_SCHEMA = schema.specs()
MAX_OPTIONS = _SCHEMA["options"].max_length
MAX_STAGES = _SCHEMA["options[{o}].stages"].max_length
MAX_CHILDREN = _SCHEMA["household.children"].max_length
MAX_OTHER_COSTS = _SCHEMA["options[{o}].other_costs"].max_length
#: What an optional select shows while it is empty (its value is ``""``, left out of the scenario).
NOT_GIVEN = N_("Not given")


@dataclass(frozen=True)
class Spec:
    """How one scenario field is edited.

    kind: ``money`` (USD), ``number``, ``int``, ``percent`` (shown 0-100, stored as a 0-1
    fraction), ``bool``, ``select``, ``text`` or ``date``. ``optional``: empty means "use the
    library's typical figure" (the field is left out of the scenario). ``default``: the value a
    new widget starts with, in the widget's type. ``max_length``: a text's most characters.
    """

    label: str
    kind: str
    help: str = ""
    optional: bool = False
    options: tuple = ()
    labels: dict | None = None
    default: Any = None
    max_length: int | None = None


def _to_model(spec: Spec, value: Any) -> Any:
    if spec.kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value / 100.0, 12)
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind == "text" and isinstance(value, str):
        return value.strip()
    return value


def _to_widget(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "percent":
        return round(float(value) * 100.0, 9)
    if kind in ("money", "number"):
        return float(value)
    if kind == "int":
        return int(value)
    if kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _spec(field: schema.FieldSpec) -> Spec:
    if field.kind == "select" and field.optional:
        # A select cannot be left empty: its blank choice "" stands for "not given".
        labels = {"": NOT_GIVEN, **field.option_labels}
        return Spec(field.label, "select", field.help, options=("", *field.options), labels=labels, default="")
    return Spec(
        field.label,
        field.kind,
        field.help,
        optional=field.optional,
        options=field.options,
        labels=dict(field.option_labels) or None,
        default=None if field.optional else _to_widget(field.kind, field.default),
        max_length=field.max_length,
    )


#: Templates (``{o}`` option, ``{s}`` stage, ``{c}`` child, ``{k}`` other cost) -> how each is edited:
#: every field of the scenario a person fills in, in the model's order.
SPECS: dict[str, Spec] = {path: _spec(f) for path, f in _SCHEMA.items() if not f.is_container}

OVERRIDE_PREFIX = "assumption_overrides."
STD_PREFIX = paths.household("short_term_disability") + "."


def _names_under(item: str) -> tuple[str, ...]:
    """The field names directly inside a list item (``options[{o}].stages[{s}]`` -> level, ...)."""
    prefix = paths.template(item) + "."
    return tuple(t.removeprefix(prefix) for t in SPECS if t.startswith(prefix) and "[" not in t.removeprefix(prefix))


_OPTION = paths.template(paths.option(0)) + "."
_OPTION_NAMES = _names_under(paths.option(0))
_STAGE_NAMES = _names_under(paths.stage(0, 0))
_CHILD = paths.template(paths.child(0)) + "."
_OTHER_COST_NAMES = _names_under(paths.other_cost(0, 0))

# UI-only keys (counts and switches), never in the scenario.
N_OPTIONS = "ui.n_options"
N_CHILDREN = "ui.n_children"
HAS_STD = "ui.has_std"
OVERRIDES = "ui.overrides"


def n_stages_key(o: int) -> str:
    return f"ui.options[{o}].n_stages"


def n_other_key(o: int) -> str:
    return f"ui.options[{o}].n_other"


def preset_key(o: int) -> str:
    return f"ui.options[{o}].preset"


def spec_for(key: str) -> Spec | None:
    if key.startswith(OVERRIDE_PREFIX):
        return Spec(key.removeprefix(OVERRIDE_PREFIX), "number")
    return SPECS.get(paths.template(key))


def is_field_key(key: str) -> bool:
    return spec_for(key) is not None


def stage_keys(o: int, s: int) -> list[str]:
    return [paths.stage(o, s, name) for name in _STAGE_NAMES]


def expand_keys(counts: dict[str, Any]) -> list[str]:
    """Every concrete field key for the given counts (options, stages, children, other costs)."""
    keys: list[str] = []
    for t in SPECS:
        if t.startswith(_OPTION):
            continue
        if t.startswith(_CHILD):
            keys += [paths.child(c, t.removeprefix(_CHILD)) for c in range(counts.get(N_CHILDREN, 0))]
        elif t.startswith(STD_PREFIX) and not counts.get(HAS_STD):
            continue
        else:
            keys.append(t)
    for o in range(counts.get(N_OPTIONS, 2)):
        keys += [paths.option(o, name) for name in _OPTION_NAMES]
        for s in range(counts.get(n_stages_key(o), 1)):
            keys += stage_keys(o, s)
        for k in range(counts.get(n_other_key(o), 0)):
            keys += [paths.other_cost(o, k, name) for name in _OTHER_COST_NAMES]
    keys += [OVERRIDE_PREFIX + k for k in counts.get(OVERRIDES, ())]
    return keys


def _set(tree: dict, parts: list[str | int], value: Any) -> None:
    node: Any = tree
    for here, nxt in zip(parts, parts[1:], strict=False):
        if isinstance(here, int):
            while len(node) <= here:
                node.append({} if not isinstance(nxt, int) else [])
            node = node[here]
        else:
            node = node.setdefault(here, [] if isinstance(nxt, int) else {})
    node[parts[-1]] = value


def scenario_data(state: dict[str, Any], exact: dict[str, float] | None = None) -> dict[str, Any]:
    """Nested scenario data from the flat widget state; empty optional fields are left out.

    ``exact``: the fractions a scenario was opened with (:func:`exact_fractions`). A percentage
    still showing the value it was opened with gives back that exact fraction, so a link or a
    file opened on the page and saved again holds the same numbers to the last digit (the
    widget shows a percentage rounded to nine decimals).
    """
    exact = exact or {}
    data: dict[str, Any] = {}
    counts = {k: state.get(k) for k in (N_OPTIONS, N_CHILDREN, HAS_STD, OVERRIDES)}
    counts = {k: v for k, v in counts.items() if v is not None}
    for o in range(state.get(N_OPTIONS, 2)):
        counts[n_stages_key(o)] = state.get(n_stages_key(o), 1)
        counts[n_other_key(o)] = state.get(n_other_key(o), 0)
    data["household"] = {"children": []}
    data["options"] = []
    for key in expand_keys(counts):
        value = state.get(key)
        if value is None or (isinstance(value, str) and not value.strip() and not key.endswith(("name", "label"))):
            continue
        if key.startswith(OVERRIDE_PREFIX):
            data.setdefault("assumption_overrides", {})[key.removeprefix(OVERRIDE_PREFIX)] = value
            continue
        spec = spec_for(key)
        if spec.kind == "percent" and key in exact and value == _to_widget("percent", exact[key]):
            _set(data, paths.split(key), exact[key])
            continue
        _set(data, paths.split(key), _to_model(spec, value))
    for c in range(counts.get(N_CHILDREN, 0)):
        _ensure_index(data["household"]["children"], c)
    for o in range(counts.get(N_OPTIONS, 2)):
        _ensure_index(data["options"], o)
        stages = data["options"][o].setdefault("stages", [])
        for s in range(counts[n_stages_key(o)]):
            _ensure_index(stages, s)
    if counts.get(HAS_STD):
        data["household"].setdefault("short_term_disability", {})
    return data


def _ensure_index(items: list, i: int) -> None:
    while len(items) <= i:
        items.append({})


def _get(tree: Any, parts: list[str | int]) -> Any:
    node = tree
    for p in parts:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def widget_state(scenario_dict: dict[str, Any]) -> dict[str, Any]:
    """The flat widget state for a scenario (from ``Scenario.model_dump(mode="json")``), counts included."""
    h = scenario_dict.get("household") or {}
    counts: dict[str, Any] = {
        N_OPTIONS: len(scenario_dict["options"]),
        N_CHILDREN: len(h.get("children") or ()),
        HAS_STD: h.get("short_term_disability") is not None,
        OVERRIDES: sorted((scenario_dict.get("assumption_overrides") or {}).keys()),
    }
    for o, option in enumerate(scenario_dict["options"]):
        counts[n_stages_key(o)] = len(option["stages"])
        counts[n_other_key(o)] = len(option.get("other_costs") or ())
    state = dict(counts)
    for key in expand_keys(counts):
        if key.startswith(OVERRIDE_PREFIX):
            state[key] = float(scenario_dict["assumption_overrides"][key.removeprefix(OVERRIDE_PREFIX)])
            continue
        spec = spec_for(key)
        value = _get(scenario_dict, paths.split(key))
        state[key] = _to_widget(spec.kind, value) if value is not None else (None if spec.optional else spec.default)
    return state


def exact_fractions(scenario_dict: dict[str, Any]) -> dict[str, float]:
    """Every percentage field of a scenario (from ``Scenario.model_dump(mode="json")``) with the
    exact fraction it holds, by widget key (see :func:`scenario_data`)."""
    state = widget_state(scenario_dict)
    out = {}
    for key in state:
        spec = spec_for(key)
        if spec is not None and spec.kind == "percent" and state[key] is not None:
            out[key] = float(_get(scenario_dict, paths.split(key)))
    return out


def label_for(key: str, gettext=None) -> str:
    """A readable name for a field path, for error lists ("Option A, stage 2, Length (calendar days)").

    ``gettext`` translates the words (English when not given).
    """
    _ = gettext or (lambda text: text)
    spec = spec_for(key)
    parts = paths.split(key)
    where = []
    if parts and parts[0] == "options" and len(parts) > 1 and isinstance(parts[1], int):
        where.append(_("Option {letter}").format(letter="ABCD"[parts[1]]))
        if len(parts) > 3 and parts[2] == "stages":
            where.append(_("stage {n}").format(n=parts[3] + 1))
    after = parts[parts.index("children") + 1 :] if "children" in parts else []
    if after and isinstance(after[0], int):
        where.append(_("child {n}").format(n=after[0] + 1))
    if spec is None:
        group = schema.spec_for(key)  # a table or list: its label; the whole scenario; else the path
        tail = _(group.label) if group is not None else {"scenario": _("Scenario")}.get(key, key)
        return ", ".join(where + [tail]) if where else tail
    return ", ".join(where + [_(spec.label)]) if where else _(spec.label)
