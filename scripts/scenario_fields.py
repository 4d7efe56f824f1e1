"""Print the scenario format as a Markdown table: every field, its type and unit, limits, default, meaning.

Everything comes from :mod:`calculator.schema`, i.e. from the model itself. The README's
"Scenario format" table is this script's output, and tests/test_readme.py fails if the two
differ. To regenerate it::

    PYTHONPATH=. python scripts/scenario_fields.py --write README.md
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from calculator import paths, schema

HEADER = ("| Field | Type / unit | Allowed | Default | Meaning |", "|---|---|---|---|---|")


def _number(x: Any) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:,g}"


def _type(spec: schema.FieldSpec) -> str:
    if spec.kind == "select":
        return " / ".join(f"`{option}`" for option in spec.options)
    base = {
        "money": "number",
        "number": "number",
        "percent": "number",
        "int": "whole number",
        "bool": "`true` / `false`",
        "text": "text",
        "date": "date (YYYY-MM-DD)",
        "group": "table",
        "list": "list of tables",
        "mapping": "table of key = number",
    }[spec.kind]
    return f"{base}, {spec.unit}" if spec.unit else base


def _allowed(spec: schema.FieldSpec) -> str:
    if spec.min_length is not None or spec.max_length is not None:
        what = "items" if spec.kind == "list" else "characters"
        if spec.min_length is not None and spec.max_length is not None:
            return f"{spec.min_length} – {spec.max_length} {what}"
        return (
            f"at most {spec.max_length} {what}" if spec.max_length is not None else f"at least {spec.min_length} {what}"
        )
    low, high = spec.ge if spec.ge is not None else spec.gt, spec.le if spec.le is not None else spec.lt
    if low is None and high is None:
        return ""
    if spec.ge is not None and spec.le is not None:
        return f"{_number(low)} – {_number(high)}"
    words = []
    if low is not None:
        words.append(f"{'at least' if spec.ge is not None else 'more than'} {_number(low)}")
    if high is not None:
        words.append(f"{'at most' if spec.le is not None else 'less than'} {_number(high)}")
    return ", ".join(words)


def _default(spec: schema.FieldSpec) -> str:
    if spec.required:
        return "required"
    if spec.optional:
        return spec.empty or "library default"
    if spec.kind == "group":
        return "see below"
    if spec.kind in ("list", "mapping"):
        return "none"
    value = spec.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{_number(value)}`"


def _meaning(spec: schema.FieldSpec) -> str:
    text = spec.description or spec.label
    if not spec.is_container and spec.label and spec.label.lower() != text.rstrip(".").lower():
        text += f" App: *{spec.label}*."
    return text.replace("|", "/")


def rows() -> list[tuple[str, str, str, str, str]]:
    """One row per scenario field, in the model's order (a table just before its fields)."""
    return [
        (f"`{paths.schema_path(path)}`", _type(spec), _allowed(spec), _default(spec), _meaning(spec))
        for path, spec in schema.specs().items()
    ]


def table() -> str:
    """The Markdown table, one line per row, ending with a newline."""
    lines = [*HEADER, *("| " + " | ".join(row) + " |" for row in rows())]
    return "\n".join(lines) + "\n"


def readme_table(text: str) -> str:
    """The field table in a README's text: from its header line to the first line not in the table."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == HEADER[0])
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "".join(lines[start:end])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, metavar="README", help="replace the table in this file")
    args = parser.parse_args()
    if args.write is None:
        print(table(), end="")
        return
    text = args.write.read_text()
    args.write.write_text(text.replace(readme_table(text), table(), 1))


if __name__ == "__main__":
    main()
