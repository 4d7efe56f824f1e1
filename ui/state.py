"""Session state: defaults, program presets, restoring a scenario, building one from the widgets.

Every scenario input is kept by its field path in one dictionary, ``st.session_state["ui.values"]``
(:func:`value`, :func:`set_value`). A widget's own key exists in ``st.session_state`` only while
the widget is on the page: :func:`ensure` gives it its value just before it is drawn, and each
run starts by taking the values the widgets hold back into the dictionary (:func:`init_state`).
Widgets are created without a ``value=``, so restoring a link or a file is just writing the
dictionary before the widgets are drawn. Values are never reset on an error.

Why one dictionary rather than a session key per field: Streamlit reads the whole session state
for every keyed widget it draws, so each of the page's few dozen widgets paid for the hundreds
of fields a scenario has (most of them hidden). The counts and switches (``ui.*``: options,
children, presets, the mode) stay as session keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

import calculator
from calculator import InputProblem, Scenario, ScenarioError, paths
from calculator.schema import N_

from . import fields as F
from . import i18n
from .words import words

MODE = "ui.mode"
GUIDED, DETAILED = "Guided", "Detailed"
MODE_LABELS = {GUIDED: N_("Guided"), DETAILED: N_("Detailed")}
CUSTOM = "Custom"

# Program presets: each a pathway name and its stages (other stage fields keep the library's figures).
# The keys are the choices' ids; PRESET_LABELS holds their words.
PRESETS: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = {
    "Residential 30 days": ("Residential 30 days", ({"level": "residential", "length_days": 30},)),
    "IOP 3 h × 3 days × 8 weeks": (
        "IOP 8 weeks",
        ({"level": "iop", "length_days": 56, "days_per_week": 3, "hours_per_day": 3.0},),
    ),
    "Residential 28 days then IOP 8 weeks": (
        "Residential 28 days, then IOP 8 weeks",
        (
            {"level": "residential", "length_days": 28},
            {"level": "iop", "length_days": 56, "days_per_week": 3, "hours_per_day": 3.0},
        ),
    ),
    "PHP 4 weeks then IOP": (
        "PHP 4 weeks, then IOP 8 weeks",
        (
            {"level": "php", "length_days": 28, "days_per_week": 5, "hours_per_day": 6.0},
            {"level": "iop", "length_days": 56, "days_per_week": 3, "hours_per_day": 3.0},
        ),
    ),
}
PRESET_CHOICES = (*PRESETS, CUSTOM)
PRESET_LABELS = {
    "Residential 30 days": N_("Residential, 30 days"),
    "IOP 3 h × 3 days × 8 weeks": N_("IOP: 3 hours, 3 days a week, 8 weeks"),
    "Residential 28 days then IOP 8 weeks": N_("Residential 28 days, then IOP 8 weeks"),
    "PHP 4 weeks then IOP": N_("PHP 4 weeks, then IOP 8 weeks"),
    CUSTOM: N_("Your own program"),
}
_SHAPE = ("level", "length_days", "days_per_week", "hours_per_day")


def next_monday(today: dt.date) -> dt.date:
    """The first Monday after ``today`` (a week on when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def default_scenario(today: dt.date | None = None) -> Scenario:
    """The built-in defaults, starting next Monday."""
    base = calculator.default_scenario()
    return base.model_copy(update={"start_date": next_monday(today or dt.date.today())})


def preset_of(option: dict[str, Any]) -> str:
    """Which preset an option's stages match (ignoring prices and distances), else Custom."""
    shape = [{k: st_.get(k) for k in _SHAPE} for st_ in option["stages"]]
    for label, (_, stages) in PRESETS.items():
        want = [{k: s.get(k) for k in _SHAPE} for s in stages]
        if len(want) == len(shape) and all(
            w["level"] == g["level"] and all(w[k] is None or g[k] == w[k] for k in _SHAPE[1:])
            for w, g in zip(want, shape, strict=True)
        ):
            return label
    return CUSTOM


def _field_keys() -> list[str]:
    return [
        k
        for k in st.session_state
        if isinstance(k, str) and (F.is_field_key(k) or k.startswith("ui.options[") or k in _UI_KEYS)
    ]


_UI_KEYS = {F.N_OPTIONS, F.N_CHILDREN, F.HAS_STD, F.OVERRIDES, MODE}
#: Session key of the dictionary holding every scenario input by field path.
VALUES = "ui.values"
#: Session key: the exact fractions of the scenario last opened (see fields.scenario_data).
EXACT = "ui.exact"


def _values() -> dict[str, Any]:
    if VALUES not in st.session_state:
        st.session_state[VALUES] = {}
    return st.session_state[VALUES]


def _default(key: str) -> Any:
    spec = F.spec_for(key)
    return None if spec is None or spec.optional else spec.default


def value(key: str, default: Any = None) -> Any:
    """The input ``key`` now: its widget's value while it is on the page, else the kept value."""
    if key in st.session_state:
        return st.session_state[key]
    return _values().get(key, default)


def set_value(key: str, new: Any) -> None:
    """Set the input ``key`` (and its widget, if it is on the page)."""
    _values()[key] = new
    if key in st.session_state:
        st.session_state[key] = new


def forget(key: str) -> None:
    """Drop the input ``key`` (it takes its starting value when next needed)."""
    _values().pop(key, None)
    if key in st.session_state:
        del st.session_state[key]


def values() -> dict[str, Any]:
    """Every scenario input by field path (the kept values, with the widgets' own on top)."""
    kept = dict(_values())
    kept.update({k: st.session_state[k] for k in _field_keys() if F.is_field_key(k)})
    return kept


def apply_scenario(scenario: Scenario) -> None:
    """Replace every input with ``scenario``'s values (link, file or defaults)."""
    for key in _field_keys():
        if key != MODE:
            del st.session_state[key]
    data = scenario.model_dump(mode="json")
    kept: dict[str, Any] = {}
    for key, new in F.widget_state(data).items():
        if F.is_field_key(key):
            kept[key] = new
        else:
            st.session_state[key] = new
    st.session_state[VALUES] = kept
    st.session_state[EXACT] = F.exact_fractions(data)
    for o, option in enumerate(data["options"]):
        st.session_state[F.preset_key(o)] = preset_of(option)
        st.session_state[name_typed_key(o)] = option["name"] not in auto_names(option["stages"])


def init_state() -> None:
    """First run: the defaults. Every run: take the values the widgets hold into the kept
    values (their keys come back as each widget is drawn), and keep the counts and switches
    alive while their widgets are hidden."""
    if MODE not in st.session_state:
        st.session_state[MODE] = GUIDED
        apply_scenario(default_scenario())
    kept = _values()
    for key in _field_keys():
        if F.is_field_key(key):
            kept[key] = st.session_state[key]
            del st.session_state[key]
        else:
            st.session_state[key] = st.session_state[key]


def on_preset_change(o: int) -> None:
    """Callback: fill option ``o``'s stages from the chosen preset, keeping distances by level."""
    label = st.session_state[F.preset_key(o)]
    if label == CUSTOM:
        return
    name, stages = PRESETS[label]
    old_n = st.session_state.get(F.n_stages_key(o), 1)
    distance = {}
    for s in range(old_n):
        level = value(paths.stage(o, s, "level"))
        miles = value(paths.stage(o, s, "distance_miles"))
        if miles is not None:
            distance.setdefault(level, miles)
    for s in range(max(old_n, len(stages))):
        for key in F.stage_keys(o, s):
            forget(key)
    for s, stage in enumerate(stages):
        for key in F.stage_keys(o, s):
            set_value(key, _default(key))
        for k, v in stage.items():
            set_value(paths.stage(o, s, k), v)
        set_value(paths.stage(o, s, "distance_miles"), distance.get(stage["level"]))
    st.session_state[F.n_stages_key(o)] = len(stages)
    if not st.session_state.get(name_typed_key(o)):
        set_value(paths.option(o, "name"), name)


def name_typed_key(o: int) -> str:
    """Session key: the family typed option ``o``'s name (else it follows the stages)."""
    return f"ui.options[{o}].name_typed"


def auto_names(stages: list[dict[str, Any]]) -> set[str]:
    """The names the page would give these stages, in every language (so a link made in one
    language and opened in another still counts the name as not typed)."""
    names = {words(lang).pathway_name(stages) for lang in i18n.LANGUAGES}
    return names | {f"{n} ({letter})" for n in names for letter in "ABCD"}


def _stages_now(o: int) -> list[dict[str, Any]]:
    n = st.session_state.get(F.n_stages_key(o), 1)
    keys = ("level", "length_days", "session_time")
    return [{k: value(paths.stage(o, s, k)) for k in keys} for s in range(n)]


def follow_stages(lang: str) -> None:
    """Every option whose name the family did not type is named after its stages, now.

    Two options with the same stages get their letter added, so the names stay distinct.
    """
    names = []
    for o in range(st.session_state.get(F.N_OPTIONS, 2)):
        key = paths.option(o, "name")
        if st.session_state.get(name_typed_key(o)) and (value(key) or "").strip():
            names.append(value(key))
            continue
        st.session_state[name_typed_key(o)] = False
        name = words(lang).pathway_name(_stages_now(o))
        set_value(key, name if name not in names else f"{name} ({'ABCD'[o]})")
        names.append(value(key))


def on_name_typed(o: int) -> None:
    """Callback on an option's name: a typed name stays; an emptied one follows the stages again."""
    st.session_state[name_typed_key(o)] = bool((value(paths.option(o, "name")) or "").strip())


def on_children_change() -> None:
    """Callback on the number of children: with none, no one's help with children is counted."""
    if not st.session_state.get(F.N_CHILDREN):
        set_value("household.family_help_hours_per_week", 0.0)
        for part in ("weekday_daytime", "weekday_evening", "night", "weekend"):
            set_value(f"household.family_help.{part}_hours_per_week", 0.0)


def mark_custom(o: int) -> None:
    """Callback on a stage field: the option no longer matches its preset."""
    st.session_state[F.preset_key(o)] = CUSTOM


def ensure(key: str, default: Any = None) -> None:
    """Give the widget of ``key`` its value just before it is drawn: the kept value, else the
    field's starting value (``default`` for a field with none, such as a library figure's)."""
    if key in st.session_state:
        return
    kept = _values()
    if key not in kept:
        start = _default(key)
        kept[key] = start if start is not None else default
    st.session_state[key] = kept[key]


@dataclass
class Built:
    """The scenario built from the inputs, or the problems that stop it."""

    scenario: Scenario | None
    problems: list[InputProblem] = field(default_factory=list)
    #: The scenario's JSON: what identifies it in the session's memory (ui.memo).
    key: str | None = None

    def at(self, key: str) -> list[InputProblem]:
        return [p for p in self.problems if p.field == key]


def build() -> Built:
    """Validate the current inputs with the model's own rules."""
    counts: dict[str, Any] = {k: st.session_state.get(k) for k in (F.N_OPTIONS, F.N_CHILDREN, F.HAS_STD, F.OVERRIDES)}
    counts = {k: v for k, v in counts.items() if v is not None}
    for o in range(counts.get(F.N_OPTIONS, 2)):
        counts[F.n_stages_key(o)] = st.session_state.get(F.n_stages_key(o), 1)
        counts[F.n_other_key(o)] = st.session_state.get(F.n_other_key(o), 0)
    state = dict(counts)
    kept = _values()
    for key in F.expand_keys(counts):
        if key in st.session_state:
            state[key] = st.session_state[key]
        else:
            state[key] = kept.setdefault(key, _default(key))
    try:
        scenario = calculator.scenario_from_dict(F.scenario_data(state, st.session_state.get(EXACT)))
        return Built(scenario, key=scenario.model_dump_json())
    except ScenarioError as exc:
        return Built(None, list(exc.problems))


def override_keys_in(problems: list[InputProblem]) -> list[str]:
    """The library figures whose changes (``assumption_overrides``) have a problem."""
    prefix = F.OVERRIDE_PREFIX
    return [p.field.removeprefix(prefix) for p in problems if p.field.startswith(prefix)]


def clear_overrides(keys: list[str]) -> None:
    """Callback: drop the changes to these library figures, so the library's own figures apply."""
    st.session_state[F.OVERRIDES] = [k for k in st.session_state.get(F.OVERRIDES, []) if k not in keys]
    for key in keys:
        forget(F.OVERRIDE_PREFIX + key)
