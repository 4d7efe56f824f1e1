"""Benchmark (not a test): server time for one rerun after an input change, app vs a bare script.

Issue 13's first page row: the app's rerun after one input change against a bare Streamlit
script with the same widgets and no model (goal: at most 2x). The bare script is generated from
the app itself: its first run is walked for every widget it draws (label, key, options, value),
and the bare script draws exactly those, plus one markdown line and one metric, and nothing
else. Both run through AppTest in the same process; each rerun sets the hourly pay to a new
value (so nothing the app remembers can be reused, as when a person types). The rounds
alternate app and bare so a busy machine slows both alike. Prints each median and the ratio.

    .venv/bin/python scripts/bench_app.py [reruns]      # PYTHONPATH=. is set by make bench
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"
PAY = "household.pay_usd_per_hour"
KINDS = (
    "number_input",
    "selectbox",
    "radio",
    "checkbox",
    "toggle",
    "date_input",
    "text_input",
    "multiselect",
    "button",
    "download_button",
    "file_uploader",
)


def _call(kind: str, w) -> str:
    """One line of the bare script drawing a widget like ``w`` (same label, key, choices)."""
    key = f"key={w.key!r}"
    label = repr(w.label if hasattr(w, "label") else w.proto.label)
    if kind == "number_input":
        return f"st.number_input({label}, value={w.value!r}, step=1.0 if isinstance({w.value!r}, float) else 1, {key})"
    if kind in ("selectbox", "radio"):
        options = list(w.options)
        return f"st.{kind}({label}, {options!r}, index={options.index(w.format_func(w.value)) if w.value is not None and w.format_func(w.value) in options else 0}, {key})"
    if kind in ("checkbox", "toggle"):
        return f"st.{kind}({label}, value={bool(w.value)!r}, {key})"
    if kind == "date_input":
        return f"st.date_input({label}, value=datetime.date.fromisoformat({w.value.isoformat()!r}), {key})"
    if kind == "multiselect":
        return f"st.multiselect({label}, {list(w.options)!r}, {key})"
    if kind == "download_button":
        return f"st.download_button({label}, data=b'x', {key}, on_click='ignore')"
    if kind == "file_uploader":
        return f"st.file_uploader({label}, {key})"
    return f"st.{kind}({label}, {key})"


def bare_script(app: AppTest) -> tuple[str, int]:
    """A script drawing the widgets ``app`` drew (main page and side panel), and their count."""
    lines = ["import datetime", "import streamlit as st", 'st.set_page_config(layout="wide")']
    count = 0
    for where, prefix in ((app.sidebar, "with st.sidebar:\n    "), (app.main, "")):
        for kind in KINDS:
            for w in where.get(kind):
                if getattr(w, "key", None) is None:
                    continue
                lines.append(prefix + _call(kind, w))
                count += 1
    lines += [
        f"pay = st.session_state.get({PAY!r})",
        'st.markdown(f"#### Pay {pay}")',
        'st.metric("Out of pocket", "$0")',
    ]
    return "\n".join(lines) + "\n", count


def _rerun(at: AppTest, value: float) -> float:
    widget = at.number_input(key=PAY).set_value(value)
    t = time.perf_counter()
    widget.run()
    elapsed = time.perf_counter() - t
    assert not at.exception, at.exception
    return elapsed


def main() -> None:
    reruns = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    app = AppTest.from_file(str(APP), default_timeout=120)
    t = time.perf_counter()
    app.run()
    app_first = time.perf_counter() - t
    assert not app.exception, app.exception
    source, widgets = bare_script(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bare_app.py"
        path.write_text(source)
        bare = AppTest.from_file(str(path), default_timeout=120)
        t = time.perf_counter()
        bare.run()
        bare_first = time.perf_counter() - t
        assert not bare.exception, bare.exception
        app_times, bare_times = [], []
        for i in range(reruns):
            value = 20.0 + 0.25 * (i + 1)
            app_times.append(_rerun(app, value))
            bare_times.append(_rerun(bare, value))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"reruns each: {reruns} (each sets the hourly pay to a new value); widgets on the page: {widgets}")
    print(
        f"bare script, same widgets, no model: first run {bare_first * 1000:6.0f} ms, median rerun {bare_median * 1000:6.1f} ms"
    )
    print(
        f"app.py:                              first run {app_first * 1000:6.0f} ms, median rerun {app_median * 1000:6.1f} ms"
    )
    ratio = app_median / bare_median
    print(f"ratio app / bare (median rerun): {ratio:.1f}x (goal: at most 2x: {'met' if ratio <= 2 else 'not met'})")


if __name__ == "__main__":
    main()
