"""Benchmark (not a test): server time for one rerun after an input change.

Runs the real app and a bare Streamlit script with the same sidebar widgets but no model,
in the same process, through AppTest; each rerun changes the hourly pay to a new value (so
the model's cache misses, as when a person types). Prints the medians and their ratio.

    .venv/bin/python scripts/bench_app.py [reruns]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"

BARE = """
import streamlit as st
st.set_page_config(layout="wide")
with st.sidebar:
    st.date_input("Treatment would start on", key="start_date")
    st.selectbox("State", ["", "CA", "TX"], key="household.state")
    st.selectbox("When the patient works", ["day", "evening"], key="household.work_schedule")
    st.selectbox("How the patient is paid", ["hourly", "salary"], key="household.pay_basis")
    pay = st.number_input("Pay per hour", value=None, step=1.0, key="household.pay_usd_per_hour")
    st.number_input("Work hours a week", value=None, step=1.0, key="household.work_hours_per_week")
    st.number_input("Paid time off", value=None, step=1.0, key="household.paid_time_off_hours")
    st.number_input("Children", value=1, step=1, key="ui.n_children")
    st.number_input("Child 1: age", value=4, step=1, key="household.children[0].age_years")
    st.number_input("Help hours", value=112.0, step=1.0, key="household.family_help_hours_per_week")
    st.selectbox("Insurance", ["employer", "marketplace"], key="insurance.plan_type")
    st.number_input("Deductible met", value=0.0, step=1.0, key="insurance.deductible_met_usd")
    st.selectbox("Option A", ["Residential 30 days"], key="ui.options[0].preset")
    st.number_input("Miles A", value=None, step=1.0, key="options[0].stages[0].distance_miles")
    st.selectbox("Option B", ["IOP"], key="ui.options[1].preset")
    st.number_input("Miles B", value=None, step=1.0, key="options[1].stages[0].distance_miles")
st.markdown(f"#### Pay {pay}")
st.metric("Out of pocket", "$0")
"""


def median_rerun(path: str, reruns: int) -> tuple[float, float]:
    at = AppTest.from_file(path, default_timeout=120)
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    assert not at.exception, at.exception
    times = []
    for i in range(reruns):
        widget = at.number_input(key="household.pay_usd_per_hour").set_value(20.0 + 0.25 * (i + 1))
        t = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return first, statistics.median(times)


def main() -> None:
    reruns = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE)
        bare_first, bare_median = median_rerun(str(bare), reruns)
    app_first, app_median = median_rerun(str(APP), reruns)
    print(f"reruns per script: {reruns} (each changes the hourly pay)")
    print(
        f"bare script (same widgets, no model): first run {bare_first * 1000:7.0f} ms, median rerun {bare_median * 1000:7.1f} ms"
    )
    print(
        f"app.py (model + charts + analysis):   first run {app_first * 1000:7.0f} ms, median rerun {app_median * 1000:7.1f} ms"
    )
    print(f"ratio app / bare (median rerun): {app_median / bare_median:.1f}x")


if __name__ == "__main__":
    main()
