"""The largest scenarios the schema allows in bytes, for the tests of the page's limits.

Every list at its longest (4 options of 6 stages and 20 other costs each, 10 children), every
number at 98.765...% of its range (many digits), every choice its longest allowed value, every
name and label at its most characters drawn from an alphabet chosen to be hard to store
(emoji, CJK, or any printable character outside ASCII, most of them four bytes of UTF-8 that
barely compress), and every library figure changed by an override. Built from the schema
itself (:mod:`calculator.schema` through :mod:`ui.fields`), so a new field is covered too.
"""

from __future__ import annotations

import datetime as dt
import random

from calculator import Scenario, default_assumptions, scenario_from_dict
from calculator.overrides import allowed_range
from ui import fields as F

ALPHABETS = {
    "emoji": [chr(c) for c in range(0x1F600, 0x1F650)],
    "cjk": [chr(c) for c in range(0x4E00, 0x9FFF)],
    # Every printable character of the supplementary planes: four bytes each in UTF-8.
    "astral": [chr(c) for c in range(0x10000, 0x110000) if chr(c).isprintable()],
}
#: A share of a number's range with many significant digits (the longest text a value takes).
LONG_FRACTION = 0.987654321012345


def _field(key: str, alphabet: list[str], rng: random.Random):
    spec = F.spec_for(key)
    if spec.kind == "text":
        return "".join(rng.choice(alphabet) for _ in range(spec.max_length))
    field = F.schema.spec_for(key)
    if spec.kind in ("money", "number", "percent"):
        top = field.le if field.le is not None else field.lt
        return top * LONG_FRACTION * (100 if spec.kind == "percent" else 1)
    if spec.kind == "int":
        return int(field.le)
    if spec.kind == "select":
        # A residential level is priced per day; every other choice at its longest.
        return "per_day" if key.endswith("price_basis") else max(spec.options, key=len)
    if spec.kind == "bool":
        return False
    return dt.date(2026, 12, 7)


def largest_file_scenario(alphabet: str = "astral", seed: int = 0) -> Scenario:
    """The largest scenario the schema allows, its text drawn from ``ALPHABETS[alphabet]``."""
    rng = random.Random(seed)
    letters = ALPHABETS[alphabet]
    counts = {F.N_OPTIONS: F.MAX_OPTIONS, F.N_CHILDREN: F.MAX_CHILDREN, F.HAS_STD: True, F.OVERRIDES: []}
    for o in range(F.MAX_OPTIONS):
        counts[F.n_stages_key(o)] = F.MAX_STAGES
        counts[F.n_other_key(o)] = F.MAX_OTHER_COSTS
    state = {key: _field(key, letters, rng) for key in F.expand_keys(counts)}
    data = F.scenario_data({**counts, **state})
    library = default_assumptions()
    ranges = {key: allowed_range(library[key]) for key in library.figures}
    data["assumption_overrides"] = {k: r.low + (r.high - r.low) * LONG_FRACTION for k, r in ranges.items()}
    return scenario_from_dict(data)
