"""Scenario field paths: the one place they are written.

A path names one field of a :class:`calculator.Scenario` the way an error message, a widget
key and a break-even curve all name it: ``household.pay_usd_per_hour``,
``options[0].stages[1].length_days``. A *template* replaces the indexes with placeholders
(``options[{o}].stages[{s}].length_days``) so one field description serves every option,
stage, child and added cost.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_INDEXED = (("options", "o"), ("stages", "s"), ("children", "c"), ("other_costs", "k"))


def join(*parts: str | int) -> str:
    """``join("options", 0, "stages", 1, "level")`` -> ``options[0].stages[1].level``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part:
            out += ("." if out else "") + part
    return out


def split(path: str) -> list[str | int]:
    """``options[0].stages[1].level`` -> ``['options', 0, 'stages', 1, 'level']``."""
    return [int(i) if i else name for name, i in _TOKEN.findall(path)]


def option(o: int, name: str = "") -> str:
    return join("options", o, name)


def stage(o: int, s: int, name: str = "") -> str:
    return join("options", o, "stages", s, name)


def child(c: int, name: str = "") -> str:
    return join("household", "children", c, name)


def other_cost(o: int, k: int, name: str = "") -> str:
    return join("options", o, "other_costs", k, name)


def household(name: str) -> str:
    return join("household", name)


def insurance(name: str) -> str:
    return join("insurance", name)


def template(path: str) -> str:
    """``options[2].stages[0].level`` -> ``options[{o}].stages[{s}].level``."""
    for name, letter in _INDEXED:
        path = re.sub(rf"\b{name}\[\d+\]", f"{name}[{{{letter}}}]", path)
    return path


def schema_path(path: str) -> str:
    """``options[2].stages[0].level`` -> ``options[].stages[].level`` (the README's spelling)."""
    return re.sub(r"\[(\d+|\{[a-z]\})\]", "[]", path)
