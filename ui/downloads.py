"""The page's tables as CSV files, written by the project's own safe writer.

Streamlit's own table download is switched off (``client.disableDataExport``): it runs in the
browser and writes a cell that starts with ``=``, ``+``, ``-`` or ``@`` as it is, which a
spreadsheet runs as a formula. Every table the page offers goes through
:func:`ui.cli.safe_csv` instead: such a cell gets a leading ``'`` (shown as text), every text
cell is quoted, so a line break inside an option's name or a cost's label stays inside its
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

BOM = "\ufeff"


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as a spreadsheet-safe CSV file's text (see :func:`ui.cli.safe_csv`)."""
    from .cli import safe_csv

    return BOM + safe_csv(frame)


def csv_button(frame: Callable[[], pd.DataFrame], file_name: str, key: str, label: str | None = None) -> None:
    """A button that downloads the table ``frame()`` as CSV; the file is built when pressed."""
    st.download_button(
        label or _("Download this table (CSV)"),
        data=lambda: csv_text(frame()),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )
