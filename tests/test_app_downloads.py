"""The page's table downloads come from the project's own writer, never from Streamlit's.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a CR or a NUL as a
formula (calculator/spreadsheet.py). Streamlit's table toolbar writes its CSV in the browser, as
the cells are, so the configuration turns it off (``client.disableDataExport``, checked in
tests/test_config.py), and every
table the page offers for download goes through ``ui.downloads`` instead. Here a scenario whose
option names are formulas is opened from a link, the page's download is pressed (its file is
built by the same callable the server runs on a click), and the file is read back.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_app import APP

from calculator import default_scenario, scenario_to_dict
from calculator.spreadsheet import FORMULA_TRIGGERS, csv_bytes
from ui.share import encode

HOSTILE = ('=HYPERLINK("http://evil.example/","Call 988")', "@SUM(1+1)\rsecond row")


@pytest.fixture
def media(monkeypatch) -> list[MediaFileManager]:
    """The media file managers AppTest makes, one per run (where a download's callable waits)."""
    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made


def _downloaded(manager: MediaFileManager, file_id: str) -> bytes:
    """What the browser receives when the download is pressed (the deferred callable's bytes)."""
    url = manager.execute_deferred(file_id)
    return manager._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content


def _number(cell: str) -> bool:
    """A negative amount stays a number (a spreadsheet reads it as one, and runs nothing)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_the_lines_download_defuses_formula_like_names(media):
    scenario = default_scenario()
    data = scenario_to_dict(scenario)
    for option, name in zip(data["options"], HOSTILE, strict=False):
        option["name"] = name
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["s"] = encode(type(scenario).model_validate(data))
    at.run()
    assert not at.exception
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("ui.lines.csv"))
    content = _downloaded(media[-1], button.proto.deferred_file_id)
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS) and not _number(c)], "a cell a spreadsheet would run"
    names = {row[0] for row in rows[1:]}
    assert names == {"'" + HOSTILE[0], "'" + HOSTILE[1]}, "each name kept whole, shown as text, in its own rows"
    assert len({len(row) for row in rows}) == 1, "the CR inside a name does not split a row"


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_the_writer_defuses_every_trigger_in_text_and_in_column_names(trigger):
    frame = pd.DataFrame({trigger + "name": [trigger + "1+1", "plain"], "amount": [-1.5, 2.0]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"), newline="")))
    assert rows == [["'" + trigger + "name", "amount"], ["'" + trigger + "1+1", "-1.5"], ["plain", "2"]]
