"""The page's tables as CSV files, written by the project's own safe writer.

Streamlit's own table download is switched off (``client.disableDataExport`` in
``.streamlit/config.toml``): it runs in the browser and writes a cell that starts with ``=``,
``+``, ``-`` or ``@`` as it is, which a spreadsheet runs as a formula. Every table the page
offers goes through :func:`calculator.spreadsheet.csv_bytes` instead, the writer the command
line and the caseload use: such a cell (and a column name) gets a leading ``'`` (shown as
text), a line break inside an option's name or a cost's label is quoted and stays inside its
row, and the file starts with a byte-order mark so spreadsheets read accented and non-Latin
names correctly. Each file is written only when its button is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from .lang import _

if TYPE_CHECKING:
    import pandas as pd


def csv_file(frame: pd.DataFrame) -> bytes:
    """``frame`` as a spreadsheet-safe CSV file (see :func:`calculator.spreadsheet.csv_bytes`)."""
    from calculator.spreadsheet import csv_bytes

    return csv_bytes(frame)


def csv_button(frame: Callable[[], pd.DataFrame], file_name: str, key: str, label: str | None = None) -> None:
    """A button that downloads the table ``frame()`` as CSV; the file is built when pressed."""
    st.download_button(
        label or _("Download this table (CSV)"),
        data=lambda: csv_file(frame()),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )
