"""Spreadsheets in and out, safely: CSV and XLSX as bytes, every text cell defused.

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some treat a leading tab or carriage return the same way), so a client's name such as
``=HYPERLINK(...)`` in a file we write could run when a counselor opens it. Every writer here
puts an apostrophe before such text (the usual defence: the cell then shows the text as typed,
apostrophe first) and never touches numbers, so a negative amount stays a number. CSV is
written with CRLF line ends, so a line break inside a text cell is always quoted and can never
split a row.

The readers turn a CSV or XLSX file into a table of text cells, the way a person typed them,
and refuse files that are not what they claim (binary, a zip that unpacks to gigabytes).

Pure: bytes in, bytes out, no file paths; used by the caseload, the command line and the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

#: Characters that make a spreadsheet treat a text cell as a formula when they come first (a NUL
#: too: some readers drop it and then see the formula behind it).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: What goes before such text.
DEFUSE = "'"
#: An XLSX file may unpack to at most this many bytes (a zip bomb is refused unread).
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message says why, in plain words."""


# ---- writing ----------------------------------------------------------------------------------


def neutralise(value: object) -> object:
    """``value`` with an apostrophe before it if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return DEFUSE + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are defused (numbers, dates and blanks untouched)."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object:
            out[name] = column.map(neutralise, na_action="ignore")
        elif pd.api.types.is_string_dtype(column.dtype):
            risky = column.str.startswith(FORMULA_TRIGGERS).fillna(False).astype(bool)
            out[name] = column.where(~risky, DEFUSE + column)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV (UTF-8 with a byte-order mark, so Excel reads accents right), defused.

    Numbers are written as the shortest text that reads back to the same value; empty and
    missing cells as nothing; lines end in CRLF, and text is quoted, so a line break or a comma
    inside a cell never splits it.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:  # pragma: no cover - pyarrow is in the pinned requirements
        text = neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n", na_rep="")
        return ("\ufeff" + text).encode("utf-8")
    columns = [_arrow_column(frame[name]) for name in frame.columns]
    table = pa.Table.from_arrays(columns, names=[str(neutralise(str(c))) for c in frame.columns])
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(quoting_style="needed", eol=b"\r\n"))
    return buffer.getvalue()


def _arrow_column(column: pd.Series):
    """A column for Arrow's writer: numbers as they are, anything else as defused text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        return pa.array(column.to_numpy(), from_pandas=True)
    values = column.to_numpy(object)
    text = pa.array([v if v is None or isinstance(v, str) else _text_of(v) for v in values], type=pa.string())
    risky = pc.fill_null(pc.match_substring_regex(text, _TRIGGER_PATTERN), False)
    return pc.if_else(risky, pc.binary_join_element_wise(DEFUSE, text, ""), text)


#: :data:`FORMULA_TRIGGERS` as the pattern Arrow's matcher takes (each character as a hex escape,
#: so the rule is spelt once and the NUL needs no literal byte in a pattern).
_TRIGGER_PATTERN = "^[" + "".join(f"\\x{ord(c):02x}" for c in FORMULA_TRIGGERS) + "]"


def _text_of(value: object) -> str | None:
    if value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)


def rows_csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Plain rows (lists of cells) as defused CSV, for small tables built cell by cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], *, styles: Mapping[str, object] | None = None) -> bytes:
    """Sheets (name -> table) as one XLSX workbook; every text cell defused and stored as text.

    The header row is bold. ``styles`` maps a sheet name to ``style(worksheet, frame)``, run
    before the rows are written (column widths, frozen panes, drop-down lists). The workbook is
    streamed (openpyxl's write-only mode), so memory stays flat for a long caseload.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        style = (styles or {}).get(name)
        if style is not None:
            style(sheet, frame)
        bold = Font(bold=True)
        header = []
        for title in frame.columns:
            cell = WriteOnlyCell(sheet, value=neutralise(str(title)))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_xlsx_cell(sheet, v, WriteOnlyCell) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value: object, cell_type) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        # Stored as text whatever it starts with: openpyxl would otherwise take "=..." for a formula.
        cell = cell_type(sheet, value=neutralise(value))
        cell.data_type = "s"
        return cell
    return value


# ---- reading ----------------------------------------------------------------------------------


def read_table(content: bytes, filename: str) -> pd.DataFrame:
    """A CSV or XLSX file's first sheet as text cells: the first row names the columns.

    Every cell is a string, stripped of surrounding spaces ("" when empty); numbers keep the
    digits a person sees, dates are written ``YYYY-MM-DD``. Raises :class:`SpreadsheetError`.
    """
    if filename.lower().endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    return _read_csv(content)


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise SpreadsheetError("the file is not a text CSV (save it from the spreadsheet as CSV or XLSX)")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows writes the Windows-1252 code page, not UTF-8.
        return content.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def _read_csv(content: bytes) -> pd.DataFrame:
    fast = _read_csv_arrow(content)
    if fast is not None:
        return fast
    text = _decode(content)
    if not text.strip():
        raise SpreadsheetError("the file is empty")
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=_delimiter(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise SpreadsheetError(f"the file is not a CSV table this tool can read: {exc}") from None
    return _tidy(frame)


def _read_csv_arrow(content: bytes) -> pd.DataFrame | None:
    """Arrow's multi-threaded reader, for a UTF-8 file with no empty line (whose row numbers
    Arrow would not keep) and no bare carriage return; ``None`` to use pandas' reader."""
    body = content.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    if not body.strip() or b"\n\n" in body.strip(b"\n") or b"\r" in body or b"\x00" in body[:4096]:
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pa_csv

        first = body.split(b"\n", 1)[0].decode("utf-8")
        delimiter = _delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter))
        if len(set(header)) != len(header):
            return None
        table = pa_csv.read_csv(
            io.BytesIO(body),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (ImportError, ValueError, UnicodeDecodeError, StopIteration):
        return None
    frame = pd.DataFrame({name: pc.utf8_trim_whitespace(table[name]).to_pandas() for name in table.column_names})
    return _tidy(frame, strip=lambda column: column)


def _read_xlsx(content: bytes) -> pd.DataFrame:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise SpreadsheetError("the file is not a valid XLSX workbook") from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise SpreadsheetError("the workbook is too large to read here; save it as CSV instead")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(f"the workbook cannot be read ({type(exc).__name__})") from None
    try:
        sheet = book["Clients"] if "Clients" in book.sheetnames else book.worksheets[0]
        rows = [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        raise SpreadsheetError("the first sheet is empty")
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return _tidy(pd.DataFrame(rows[1:], columns=rows[0], dtype=object))


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _tidy(frame: pd.DataFrame, strip=None) -> pd.DataFrame:
    """Strip spaces from names and cells; name blank header cells so they can be reported."""
    names = [str(c).strip() for c in frame.columns]
    columns = {}
    for i, (name, original) in enumerate(zip(names, frame.columns, strict=True)):
        label = name if name and not name.startswith("Unnamed: ") else f"(column {i + 1})"
        column = frame[original]
        columns[label] = strip(column) if strip is not None else column.astype(str).str.strip()
    return pd.DataFrame(columns)
