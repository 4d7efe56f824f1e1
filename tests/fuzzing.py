"""Hostile scenario payloads for the fuzz tests: drawn from the schema, or mutated examples.

``schema_payloads`` walks :func:`calculator.schema.specs` (the field tree, with each field's
kind, limits, choices and list lengths), so a field added to the model is fuzzed without a
change here: mostly in range, sometimes just past a limit, sometimes the wrong type altogether.
``mutated_examples`` takes a shipped example and breaks it: wrong types, missing and extra
keys, NaN and infinities, huge and negative numbers, long and odd Unicode text, deep nesting,
dates at the calendar's edges. ``mutated_texts`` does the same to a file's text (truncation,
stray bytes, thousands of brackets, duplicate keys).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import json
import math
import random
from typing import Any

import tomli_w
from hypothesis import assume
from hypothesis import strategies as st

from calculator import ScenarioError, default_assumptions, paths, scenario_from_dict, scenario_to_dict, schema
from calculator import keys as K
from calculator.examples import example_names, load_example

SPECS = schema.specs()
LIBRARY_KEYS = sorted(default_assumptions().figures)

#: Code points people and attackers type: accents, CJK, emoji and joiners, right-to-left marks,
#: combining marks, control characters, private use, the last plane.
ALPHABET = (
    [chr(c) for c in range(0x20, 0x7F)]
    + ["é", "ß", "Ω", "名", "字", "한", "ع", "א", "😀", "👩", "\u200d", "\ufe0f", "\u0301", "\u202e", "\u202c"]
    + ["\x00", "\t", "\r", "\n", "\x1b", "\ue000", "\U0010fffd", "\ufeff", "\u2028"]
)
ODD_STRINGS = [
    '=HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "![x](http://evil.example/x.png)",
    "[Call 988 now](https://evil.example/)",
    "\u202eevil\u202c",
    "\x00nul",
    "👨‍👩‍👧‍👦" * 15,
    "名" * 60,
    "a" * 61,
    " ",
    "\r\n",
    "[[[[[[[[[[[[[[[[[[[[",
    "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r",
    "+1-2",
    "@SUM(A1)",
]
NASTY_NUMBERS = [math.nan, math.inf, -math.inf, -1.0, -0.0, 1e-300, 1e308, 1e26, 10**30, -(10**20), 2**63, 1.5, 0]
OTHER_WRONG = [
    None,
    True,
    False,
    [],
    {},
    [1, "a", None],
    {"nested": {"deeper": [1, 2, 3]}},
    "1,000",
    "$25",
    "1e3",
    "0x19",
    "٢٥",
    "２５",
    " 25 ",
    "true",
    "2026-13-45",
]
EDGE_DATES = [
    dt.date(1, 1, 1),
    dt.date(1999, 12, 31),
    dt.date(2000, 1, 1),
    dt.date(2000, 2, 29),
    dt.date(2024, 2, 29),
    dt.date(2026, 12, 31),
    dt.date(2100, 12, 31),
    dt.date(2101, 1, 1),
    dt.date(9999, 12, 31),
]


def odd_text(rnd: random.Random) -> str:
    """Text a person or an attacker might type: a known nasty string, or random code points."""
    if rnd.random() < 0.4:
        return rnd.choice(ODD_STRINGS)
    return "".join(rnd.choice(ALPHABET) for _ in range(rnd.choice([1, 2, 10, 59, 60, 61, 200])))


def wrong_type(rnd: random.Random):
    pick = rnd.random()
    if pick < 0.3:
        return rnd.choice(NASTY_NUMBERS)
    if pick < 0.5:
        return odd_text(rnd)
    return rnd.choice(OTHER_WRONG)


@functools.cache
def _children(prefix: str) -> list[str]:
    """The specs directly inside ``prefix`` (a group, or a list's item)."""
    return [t for t in SPECS if (t.rsplit(".", 1)[0] if "." in t else "") == prefix and t != prefix]


def _name(template: str) -> str:
    return template.rsplit(".", 1)[-1]


def _number(rnd: random.Random, spec, whole: bool):
    low = spec.ge if spec.ge is not None else spec.gt if spec.gt is not None else 0
    high = spec.le if spec.le is not None else spec.lt if spec.lt is not None else 1e7
    if rnd.random() < 2 * rnd.mistakes:
        return rnd.choice([low - 1, high + 1, -(10**9), 10**12])
    if rnd.random() < 0.05:
        return high if spec.gt is not None else rnd.choice([low, high])
    if whole:
        return rnd.randint(int(math.ceil(low)), int(min(high, low + 400) if rnd.random() < 0.8 else high))
    value = rnd.choice([rnd.uniform(low, high), rnd.uniform(low, min(high, low + 500)), float(round(low))])
    return value if value > low or spec.gt is None else high


def _scalar(rnd: random.Random, spec):
    if rnd.random() < rnd.mistakes:
        return wrong_type(rnd)
    if spec.kind == "int":
        return _number(rnd, spec, whole=True)
    if spec.kind in ("money", "number", "percent"):
        return _number(rnd, spec, whole=False)
    if spec.kind == "bool":
        return rnd.random() < 0.5
    if spec.kind == "select":
        return "not-a-choice" if rnd.random() < rnd.mistakes else rnd.choice(spec.options)
    if spec.kind == "text":
        text = odd_text(rnd) if rnd.random() < 0.3 else f"Option {rnd.randint(1, 99)}"
        return text if rnd.mistakes else text[: spec.max_length].strip() or "x"
    if spec.kind == "date":
        if rnd.random() < 0.5:
            edges = EDGE_DATES if rnd.mistakes else [d for d in EDGE_DATES if 2000 <= d.year <= 2100]
            return rnd.choice(edges).isoformat()
        return (dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randint(0, 36_889))).isoformat()
    raise AssertionError(f"no strategy for {spec.kind}")


def _overrides(rnd: random.Random) -> dict:
    keys = [
        rnd.choice(LIBRARY_KEYS) if rnd.random() >= 5 * rnd.mistakes else odd_text(rnd)
        for _ in range(rnd.randint(0, 4))
    ]
    if not rnd.mistakes:
        return {k: rnd.uniform(0, 2) * default_assumptions()[k].typical for k in keys}
    values = [
        lambda: rnd.uniform(0, 50),
        lambda: rnd.choice(NASTY_NUMBERS),
        lambda: rnd.uniform(-1e6, 1e6),
        lambda: 10 ** rnd.uniform(-5, 40),
    ]
    return {k: rnd.choice(values)() for k in keys}


def _table(rnd: random.Random, prefix: str) -> dict:
    out: dict[str, Any] = {}
    for template in _children(prefix):
        if not SPECS[template].required and rnd.random() < 0.35:
            continue  # left out: the model's default (or the library's figure)
        out[_name(template)] = _value(rnd, template)
    return out


def _value(rnd: random.Random, template: str):
    spec = SPECS[template]
    if spec.kind == "group":
        return None if spec.optional and rnd.random() < 0.25 else _table(rnd, template)
    if spec.kind == "list":
        lo, hi = spec.min_length or 0, spec.max_length or 3
        # Mostly short lists (each stage can be a year of days); now and then full or past the limit.
        pick = rnd.random()
        size = rnd.randint(lo, min(hi, lo + 2)) if pick < 0.85 else rnd.randint(lo, hi)
        size = hi + 1 if rnd.random() < rnd.mistakes else size
        item = paths.template(paths.join(template, 0))
        return [_table(rnd, item) for _ in range(size)]
    if spec.kind == "mapping":
        return _overrides(rnd)
    if spec.optional and rnd.random() < 0.15:
        return None
    return _scalar(rnd, spec)


class _Random(random.Random):
    """A plain random generator that also says how often to make a deliberate mistake."""

    mistakes = 0.03


def _follow_the_cross_field_rules(payload: dict) -> None:
    """Make a clean payload keep the rules between fields (a price for a weekly or whole-stage
    price, paid amounts within their limits, a salary when paid one), so that it validates."""
    for option in payload.get("options", []):
        for stage in option.get("stages", []):
            if stage.get("price_basis") in ("per_week", "program") and stage.get("price_usd") is None:
                stage["price_usd"] = 1_000.0
            if stage.get("price_basis") == "per_session" and stage.get("level") in K.RESIDENTIAL_LEVELS:
                stage["price_basis"] = "per_day"
    for plan in (payload.get("insurance") or {}, (payload.get("insurance") or {}).get("out_of_network") or {}):
        if plan.get("oop_max_usd") is not None and plan.get("deductible_usd") is not None:
            plan["deductible_usd"] = min(plan["deductible_usd"], plan["oop_max_usd"])
        for paid, limit in (("deductible_met_usd", "deductible_usd"), ("oop_met_usd", "oop_max_usd")):
            if plan.get(limit) is not None and plan.get(paid) is not None:
                plan[paid] = min(plan[paid], plan[limit])
    household = payload.get("household") or {}
    if household.get("pay_basis") == "salary" and household.get("salary_usd_per_year") is None:
        household["salary_usd_per_year"] = 60_000.0


#: Seeds for the plain random generator behind each payload.
SEEDS = st.integers(0, 2**32 - 1)


@st.composite
def schema_payloads(draw) -> dict:
    """A scenario as plain data, drawn field by field from :func:`calculator.schema.specs`.

    Hypothesis chooses the seed (so a run is reproducible and a failure is reported with it);
    the many leaf values come from a plain random generator seeded with it, which is a hundred
    times quicker than drawing each through Hypothesis. Half the payloads are *clean* (no value
    deliberately of the wrong type or out of range), so that many of them validate and reach
    ``compare``; the rest carry a few mistakes among their fields.
    """
    rnd = _Random(draw(SEEDS))
    rnd.mistakes = 0.0 if rnd.random() < 0.5 else 0.03
    payload = _table(rnd, "")
    if not rnd.mistakes:
        _follow_the_cross_field_rules(payload)
    if rnd.random() < 10 * rnd.mistakes:
        payload[odd_text(rnd)] = wrong_type(rnd)  # an extra key
    return payload


# ---- mutations of the shipped examples ------------------------------------------------------

EXAMPLES = {name: scenario_to_dict(load_example(name)) for name in example_names()}


#: How deep the mutations look: a payload an earlier "deep" mutation nested hundreds of levels is
#: not walked to its bottom (that would exhaust Python's recursion limit in the harness itself).
LOOK_DEPTH = 32


def _locations(node, trail=()):
    """Every (container, key) in a nested payload down to :data:`LOOK_DEPTH`, the root's keys included."""
    if len(trail) >= LOOK_DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield node, key
            yield from _locations(value, (*trail, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield node, i
            yield from _locations(value, (*trail, i))


def _deep(levels: int):
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


MUTATIONS = ("delete", "wrong_type", "nasty_number", "odd_text", "edge_date", "extra_key", "deep", "duplicate")


def _mutate(rnd: random.Random, payload: dict) -> None:
    container, key = rnd.choice(list(_locations(payload)))
    kind = rnd.choice(MUTATIONS)
    if kind == "delete" and isinstance(container, dict):
        del container[key]
    elif kind == "extra_key" and isinstance(container, dict):
        container[odd_text(rnd)] = wrong_type(rnd)
    elif kind == "deep":
        container[key] = _deep(rnd.choice([20, 200, 900]))
    elif kind == "duplicate" and isinstance(container, list):
        container.extend(container[: rnd.randint(1, 25)])
    elif kind == "nasty_number":
        container[key] = rnd.choice(NASTY_NUMBERS)
    elif kind == "odd_text":
        container[key] = odd_text(rnd)
    elif kind == "edge_date":
        container[key] = rnd.choice(EDGE_DATES).isoformat()
    else:
        container[key] = wrong_type(rnd)


@st.composite
def mutated_examples(draw) -> dict:
    """A shipped example with one to four things broken."""
    rnd = _Random(draw(SEEDS))
    payload = copy.deepcopy(EXAMPLES[rnd.choice(sorted(EXAMPLES))])
    for _ in range(rnd.randint(1, 4)):
        _mutate(rnd, payload)
    return payload


# ---- the same as file text -------------------------------------------------------------------


def as_files(payload: dict) -> list[tuple[str, str]]:
    """The payload as JSON and TOML text, each where that format can hold it."""
    out = []
    for fmt, dump in (("json", lambda p: json.dumps(p, ensure_ascii=False)), ("toml", tomli_w.dumps)):
        with contextlib.suppress(TypeError, ValueError, RecursionError):
            out.append((fmt, dump(payload)))
    return out


TEXT_EDITS = st.sampled_from(["truncate", "bytes", "brackets", "duplicate_key", "bom_crlf", "numbers"])


@st.composite
def mutated_texts(draw) -> tuple[str, bytes]:
    """A shipped example's file text (TOML or JSON), damaged the ways files are."""
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    fmt = draw(st.sampled_from(["toml", "json"]))
    text = tomli_w.dumps(EXAMPLES[name]) if fmt == "toml" else json.dumps(EXAMPLES[name])
    edit = draw(TEXT_EDITS)
    at = draw(st.integers(0, len(text)))
    if edit == "truncate":
        text = text[:at]
    elif edit == "brackets":
        levels = draw(st.sampled_from([17, 500, 5_000]))
        text = text[:at] + "[" * levels + text[at:]
    elif edit == "duplicate_key":
        line = text.splitlines()[draw(st.integers(0, len(text.splitlines()) - 1))]
        text = text[:at] + "\n" + line + "\n" + text[at:]
    elif edit == "numbers":
        text = text.replace("30", draw(st.sampled_from(["1e999", "NaN", "-0", "9" * 5_000, "0x1E", "inf"])), 1)
    raw = text.encode("utf-8")
    if edit == "bytes":
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif edit == "bom_crlf":
        raw = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    return fmt, raw


@st.composite
def valid_scenarios(draw):
    """Scenarios that validate, drawn from the whole schema (odd names, calendar edges, full lists)."""
    rnd = _Random(draw(SEEDS))
    rnd.mistakes = 0.0
    payload = _table(rnd, "")
    _follow_the_cross_field_rules(payload)
    try:
        return scenario_from_dict(payload)
    except ScenarioError:
        assume(False)  # a clean payload that still broke a rule between fields (about 3 in 100)
