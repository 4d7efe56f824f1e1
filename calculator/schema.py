"""The scenario's fields as data: words, widget kind, unit, limits and what an empty field means.

Each field is described once, on the pydantic model in :mod:`calculator.scenario`: ``Field``
holds the limits and the file-format description, and ``json_schema_extra=ui(...)`` the words a
person sees (label, help, option labels, what leaving it empty means). This module reads those
back as plain :class:`FieldSpec` records, keyed by path template, for the app's widgets, the
README's field table and the error messages.

Pure: no Streamlit, no file access.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import paths

#: Kinds of a field a person fills in. ``money`` is USD; ``percent`` is shown 0-100 and stored
#: as a 0-1 fraction; ``select`` picks one of ``options``.
WIDGET_KINDS = ("money", "number", "int", "percent", "bool", "select", "text", "date")
#: Kinds of a field that holds other fields: a nested table, a list of tables, key = number.
CONTAINER_KINDS = ("group", "list", "mapping")
_BOUNDS = ("ge", "gt", "le", "lt")


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it (gettext's ``N_``; Babel keyword N_)."""
    return text


def ui(  # noqa: PLR0913 - declarative field words: label and help, then each optional word by keyword
    label: str,
    help: str = "",
    *,
    kind: str | None = None,
    unit: str | None = None,
    empty: str | None = None,
    option_labels: Mapping[str, str] | None = None,
    start: Any = None,
) -> dict[str, Any]:
    """A field's words for people, as pydantic ``json_schema_extra``.

    Parameters
    ----------
    label : str
        Short name shown on the widget and in error lists.
    help : str
        One or two sentences shown as the widget's tooltip.
    kind : str, optional
        One of :data:`WIDGET_KINDS`. Needed for floats (``money``, ``number`` or ``percent``);
        other types imply it (bool, a ``Literal`` is a select, int, str, date).
    unit : str, optional
        The stored unit (``USD``, ``USD/week``, ``days``, ``fraction`` ...), for the README.
    empty : str, optional
        What leaving an optional field empty means, where it is not simply the library's
        typical figure.
    option_labels : mapping, optional
        A label for each allowed value of a select.
    start : optional
        The value a new input starts with when the model requires one (no model default).
    """
    extra: dict[str, Any] = {"label": label}
    if help:
        extra["help"] = help
    if kind is not None:
        if kind not in WIDGET_KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {WIDGET_KINDS}")
        extra["kind"] = kind
    if unit is not None:
        extra["unit"] = unit
    if empty is not None:
        extra["empty"] = empty
    if option_labels is not None:
        extra["option_labels"] = dict(option_labels)
    if start is not None:
        extra["start"] = start
    return extra


@dataclass(frozen=True)
class FieldSpec:
    """One scenario field, as every consumer needs it.

    ``path`` is a template (``options[{o}].stages[{s}].length_days``, see :mod:`calculator.paths`).
    ``optional``: the field may be empty (``None``); empty means the library's typical figure
    unless ``empty`` says otherwise. ``required``: the model has no default; ``default`` is then
    the value a new input starts with (``ui(start=...)``), if any. ``ge``/``gt``/``le``/``lt``
    bound a number; ``min_length``/``max_length`` a list's items or a text's characters.
    """

    path: str
    label: str
    kind: str
    help: str = ""
    unit: str | None = None
    optional: bool = False
    required: bool = False
    options: tuple[Any, ...] = ()
    option_labels: Mapping[Any, str] = field(default_factory=lambda: types.MappingProxyType({}))
    default: Any = None
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    description: str = ""
    empty: str | None = None

    @property
    def bounds(self) -> dict[str, float]:
        """The numeric limits that are set, e.g. ``{"ge": 0, "le": 100}``."""
        return {name: getattr(self, name) for name in _BOUNDS if getattr(self, name) is not None}

    @property
    def is_container(self) -> bool:
        return self.kind in CONTAINER_KINDS


@functools.cache
def specs() -> Mapping[str, FieldSpec]:
    """Every field of :class:`calculator.Scenario`, nested ones included, in the model's order.

    Keys are path templates; a table or list comes just before the fields inside it.
    """
    from .scenario import Scenario  # the model imports N_ and ui from here

    found: dict[str, FieldSpec] = {}
    _walk(Scenario, "", found)
    return types.MappingProxyType(found)


@functools.lru_cache(maxsize=2048)
def spec_for(path: str) -> FieldSpec | None:
    """The spec for a concrete or template path (``options[1].stages[0].level``), or ``None``."""
    return specs().get(paths.template(path))


def bounds(path: str) -> dict[str, float]:
    """Both ends of a numeric field's allowed range (``{"ge": 0, "le": 100}``); ``{}`` if none."""
    spec = spec_for(path)
    return spec.bounds if spec is not None else {}


def _walk(model: type[BaseModel], prefix: str, found: dict[str, FieldSpec]) -> None:
    for name, info in model.model_fields.items():
        path = paths.join(prefix, name)
        annotation, optional, metadata = _unwrap(info.annotation)
        metadata = [*info.metadata, *metadata]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        inner: type[BaseModel] | None = None
        item_path = path
        if _is_model(annotation):
            kind, inner = "group", annotation
        elif typing.get_origin(annotation) is tuple:
            item, _, _ = _unwrap(typing.get_args(annotation)[0])
            if not _is_model(item):
                raise TypeError(f"{path}: only lists of tables are supported")
            kind, inner = "list", item
            item_path = paths.template(paths.join(path, 0))
            if item_path == paths.join(path, 0):
                raise TypeError(f"{path}: calculator.paths has no index placeholder for this list")
        elif typing.get_origin(annotation) is dict:
            kind = "mapping"
        else:
            kind = extra.get("kind") or _scalar_kind(path, annotation)
        options = typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()
        limits = _limits(metadata)
        required = info.is_required()
        found[path] = FieldSpec(
            path=path,
            label=extra.get("label", ""),
            kind=kind,
            help=extra.get("help", ""),
            unit=extra.get("unit"),
            optional=optional,
            required=required,
            options=options,
            option_labels=types.MappingProxyType(dict(extra.get("option_labels") or {})),
            default=extra.get("start") if required else info.get_default(call_default_factory=True),
            description=info.description or "",
            empty=extra.get("empty"),
            **limits,
        )
        if inner is not None:
            _walk(inner, item_path, found)


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """``Annotated[float, ...] | None`` -> ``(float, True, [constraints...])``."""
    optional = False
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata += list(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            annotation = args[0]
        else:
            return annotation, optional, metadata


def _limits(metadata: list[Any]) -> dict[str, Any]:
    limits: dict[str, Any] = {}
    for meta in metadata:
        for item in meta.metadata if isinstance(meta, FieldInfo) else [meta]:
            for name in (*_BOUNDS, "min_length", "max_length"):
                if getattr(item, name, None) is not None:
                    limits[name] = getattr(item, name)
    return limits


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _scalar_kind(path: str, annotation: Any) -> str:
    if typing.get_origin(annotation) is typing.Literal:
        return "select"
    for python_type, kind in ((bool, "bool"), (int, "int"), (str, "text"), (dt.date, "date")):
        if annotation is python_type:
            return kind
    raise TypeError(f"{path}: give ui(kind=...) for a {annotation!r} field (money, number or percent)")
