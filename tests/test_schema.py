"""One schema: every scenario field is described once, on the model, and everything else reads it."""

from __future__ import annotations

import ast
import copy
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from calculator import compare, keys, paths, scenario_from_dict, schema
from calculator.scenario import LEVEL_LABELS, LEVELS, PLAN_LABELS, PLAN_TYPES, Scenario
from calculator.scenario_io import scenario_to_dict
from ui import fields

SPECS = schema.specs()
SCENARIO_PY = Path(schema.__file__).with_name("scenario.py")


def _model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field path, walked straight from pydantic (independently of calculator.schema)."""
    out = []
    for name, info in model.model_fields.items():
        path = paths.join(prefix, name)
        out.append(path)
        stack = [info.annotation]
        while stack:
            ann = stack.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                item = paths.template(paths.join(path, 0)) if "tuple" in str(info.annotation) else path
                out += _model_paths(ann, item)
                break
            stack += list(typing.get_args(ann))
    return out


def test_the_schema_lists_every_field_of_the_model_in_its_order():
    assert list(SPECS) == _model_paths(Scenario)


def test_every_scenario_field_has_a_label_and_a_known_kind():
    assert not [p for p, s in SPECS.items() if not s.label.strip()]
    assert not [p for p, s in SPECS.items() if s.kind not in schema.WIDGET_KINDS + schema.CONTAINER_KINDS]


def test_every_select_has_a_label_for_each_option_and_no_other():
    selects = {p: s for p, s in SPECS.items() if s.kind == "select"}
    assert "options[{o}].stages[{s}].level" in selects
    for path, spec in selects.items():
        assert spec.options, path
        assert set(spec.option_labels) == set(spec.options), path
        assert all(label.strip() for label in spec.option_labels.values()), path


def test_level_and_plan_labels_are_the_ones_the_schema_shows():
    assert dict(SPECS["options[{o}].stages[{s}].level"].option_labels) == LEVEL_LABELS
    assert dict(SPECS["insurance.plan_type"].option_labels) == PLAN_LABELS
    assert SPECS["options[{o}].stages[{s}].level"].options == LEVELS == keys.LEVELS  # the library's names too
    assert SPECS["insurance.plan_type"].options == PLAN_TYPES


def _typical_figures_used() -> set[str]:
    """Templates of the fields the library filled, over scenarios that leave every figure empty."""
    used: set[str] = set()
    for plan in ("employer", "medicare"):
        data = {
            "start_date": "2026-12-07",
            "household": {"children": [{"age_years": 8}], "short_term_disability": {}},
            "insurance": {"plan_type": plan},
            "options": [
                {"name": "A", "stages": [{"level": "residential", "in_network": False}, {"level": "iop"}]},
                {"name": "B", "stages": [{"level": "iop"}]},
            ],
        }
        for cell in compare(scenario_from_dict(data)).assumptions_used["Used for"]:
            used |= {paths.template(p) for p in str(cell).split(", ")}
    return used


def test_every_optional_field_says_what_empty_means_or_the_library_fills_it():
    silent = [p for p, s in SPECS.items() if s.optional and not s.empty]
    assert silent, "expected some fields simply left to the library"
    unfilled = sorted(set(silent) - _typical_figures_used())
    assert not unfilled, f"empty means neither a stated meaning (ui(empty=...)) nor a library figure: {unfilled}"


def test_only_optional_fields_say_what_empty_means():
    assert not [p for p, s in SPECS.items() if s.empty and not s.optional]


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("options[3].stages[5].hours_per_day", "options[{o}].stages[{s}].hours_per_day"),
        ("household.children[9].age_years", "household.children[{c}].age_years"),
        ("options[1].other_costs[12].amount_usd", "options[{o}].other_costs[{k}].amount_usd"),
        ("insurance.out_of_network.oop_max_usd", "insurance.out_of_network.oop_max_usd"),
        ("options[0].stages", "options[{o}].stages"),
    ],
)
def test_spec_for_finds_concrete_nested_paths(path, template):
    assert schema.spec_for(path) is SPECS[template]
    assert schema.spec_for(path).path == template


def test_spec_for_and_bounds_know_nothing_of_unknown_paths():
    assert schema.spec_for("household.colour") is None
    assert schema.spec_for("options[0].stages[1]") is None  # an item, not a field
    assert schema.bounds("assumption_overrides.hotel_usd_per_night") == {}


def test_bounds_read_from_the_model():
    assert schema.bounds("options[2].stages[0].hours_per_day") == {"gt": 0, "le": 12}
    assert schema.bounds("insurance.coinsurance_fraction") == {"ge": 0, "le": 1}
    assert schema.bounds("household.children[0].age_years") == {"ge": 0, "le": 17}
    assert (SPECS["options"].min_length, SPECS["options"].max_length) == (2, 4)


def _with(data: dict, path: str, value) -> dict:
    data = copy.deepcopy(data)
    parts = paths.split(path)
    node = data
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    return data


def test_each_numeric_field_accepts_its_limits_and_refuses_just_beyond():
    base = scenario_to_dict(
        scenario_from_dict(
            {
                "start_date": "2026-12-07",
                "household": {"children": [{"age_years": 8}], "short_term_disability": {}},
                "options": [
                    {"name": "A", "stages": [{"level": "iop"}], "other_costs": [{"label": "x", "amount_usd": 1}]},
                    {"name": "B", "stages": [{"level": "iop"}]},
                ],
            }
        )
    )
    for template, spec in SPECS.items():
        path = template.format(o=0, s=0, c=0, k=0)
        accepted = [v for v in (spec.ge, spec.le) if v is not None]
        refused = [v for v in (spec.gt, spec.lt) if v is not None]
        refused += [spec.ge - 1] if spec.ge is not None else []
        refused += [spec.le + 1] if spec.le is not None else []
        for value in accepted:
            Scenario.model_validate(_with(base, path, value))
        for value in refused:
            with pytest.raises(ValidationError):
                Scenario.model_validate(_with(base, path, value))


def test_ui_specs_cover_exactly_the_schemas_fields():
    editable = {p for p, s in SPECS.items() if not s.is_container}
    assert set(fields.SPECS) == editable
    for path in editable:
        spec, ui_spec = SPECS[path], fields.SPECS[path]
        assert (ui_spec.label, ui_spec.help) == (spec.label, spec.help), path


def _ui_calls() -> list[ast.Call]:
    tree = ast.parse(SCENARIO_PY.read_text())
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "ui"]


def _marked(node: ast.expr) -> bool:
    """An ``N_("...")`` call, or a module constant (itself checked where it is defined)."""
    return isinstance(node, ast.Name) or (
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_" and isinstance(node.args[0], ast.Constant)
    )


def test_every_word_people_read_is_marked_for_translation():
    calls = _ui_calls()
    assert len(calls) == len(SPECS)  # one ui(...) per field
    unmarked = []
    for call in calls:
        words = [*call.args, *(k.value for k in call.keywords if k.arg in ("help", "empty"))]
        labels = [k.value for k in call.keywords if k.arg == "option_labels" and isinstance(k.value, ast.Dict)]
        words += [v for d in labels for v in d.values]
        unmarked += [ast.unparse(w) for w in words if not _marked(w)]
    tree = ast.parse(SCENARIO_PY.read_text())
    for node in tree.body:  # module constants holding words: LEVEL_LABELS, PLAN_LABELS, _RESIDENTIAL ...
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Dict)
            and getattr(node.targets[0], "id", "").endswith("LABELS")
        ):
            unmarked += [ast.unparse(v) for v in node.value.values if not _marked(v) and not isinstance(v, ast.Name)]
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            unmarked.append(ast.unparse(node))
    assert not unmarked, unmarked
