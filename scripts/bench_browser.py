"""Benchmark (not a test): what a person waits for in a real browser, app vs bare Streamlit pages.

Issue 13's two browser rows, in Debian's Chromium driven by Playwright (never ``playwright
install``):

- **First chart visible**: from asking for the page to the first chart drawn (an ``svg`` inside
  a ``stVegaLiteChart``), the app against a bare Streamlit page that draws one Vega-Lite chart
  and nothing else (goal: at most 1.5x).
- **Page settled after a change**: from typing a new hourly pay (Enter) to the new answer on the
  page and no script running, the app against a bare script drawing the app's own widgets
  (``scripts/bench_app.py``'s generator) and a line showing the pay (goal: at most 2x). The
  app's analysis, which it works out after the answer is drawn, is timed apart ("analysis
  settled").

Both servers are started with the launcher's hardened flags on free ports; rounds alternate app
and bare so a busy machine slows both alike. Prints medians and ratios.

    .venv/bin/python scripts/bench_browser.py [rounds]     # PYTHONPATH=. is set by make bench
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from scripts.bench_app import PAY, bare_script
from scripts.serve import APP, ROOT, hardened_flags

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
TIMEOUT_MS = 120_000
ONE_CHART = """import streamlit as st
st.set_page_config(layout="wide")
st.vega_lite_chart(
    {"data": {"values": [{"option": "A", "usd": 8013}, {"option": "B", "usd": 4387}]},
     "mark": "bar", "encoding": {"y": {"field": "option", "type": "nominal"},
     "x": {"field": "usd", "type": "quantitative"}}},
    width="stretch",
)
"""
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === "notRunning" && app.dataset.testConnectionState === "CONNECTED"
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
CHART_JS = "() => !!document.querySelector('[data-testid=\"stVegaLiteChart\"] svg')"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(script: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), *hardened_flags(), f"--server.port={port}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
                if r.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{script.name}: the server did not start")


def _first_chart_s(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    t = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function(CHART_JS, timeout=TIMEOUT_MS, polling="raf")
    elapsed = time.perf_counter() - t
    page.close()
    return elapsed


def _settle_s(page, label: str, value: float, shown_js: str) -> tuple[float, float]:
    """Seconds from Enter to (the change shown and no script running; and quiet for good)."""
    box = page.get_by_label(label, exact=True).first
    box.fill(f"{value:.2f}")
    t = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(shown_js, arg=f"{value:.2f}", timeout=TIMEOUT_MS, polling="raf")
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling="raf")
    answer = time.perf_counter() - t
    # Settled for good: no run for 1.5 s (the app's analysis runs after the answer).
    quiet_since = time.perf_counter()
    while time.perf_counter() - quiet_since < 1.5:
        if not page.evaluate(IDLE_JS):
            page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling="raf")
            quiet_since = time.perf_counter()
        time.sleep(0.02)
    return answer, quiet_since - t


def _pay_label() -> tuple[str, str]:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    source, _count = bare_script(app)
    return app.number_input(key=PAY).label, source


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    label, bare_source = _pay_label()
    # The bare script shows the pay it was given, so the wait is for the same kind of change.
    bare_source = bare_source.replace(
        'st.markdown(f"#### Pay {pay}")', "st.markdown(f\"#### Pay {pay if pay is None else format(pay, '.2f')}\")"
    )
    with tempfile.TemporaryDirectory() as tmp:
        one_chart, bare = Path(tmp) / "one_chart.py", Path(tmp) / "bare_app.py"
        one_chart.write_text(ONE_CHART)
        bare.write_text(bare_source)
        servers = {name: _serve(path) for name, path in (("app", APP), ("one_chart", one_chart), ("bare", bare))}
        try:
            _run(servers, label, rounds)
        finally:
            for proc, _url in servers.values():
                proc.terminate()


def _run(servers, label: str, rounds: int) -> None:
    app_url, chart_url, bare_url = (servers[k][1] for k in ("app", "one_chart", "bare"))
    # The app's headline names the options' totals; a new pay changes the residential total.
    app_shown = "(v) => [...document.querySelectorAll('h4')].some((h) => h.innerText !== window.__last)"
    bare_shown = "(v) => [...document.querySelectorAll('h4')].some((h) => h.innerText === 'Pay ' + v)"
    first = {"app": [], "one_chart": []}
    answer = {"app": [], "bare": []}
    settled = {"app": [], "bare": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url in (app_url, chart_url):  # warm both servers (imports, caches)
            _first_chart_s(browser, url)
        for _ in range(rounds):
            first["app"].append(_first_chart_s(browser, app_url))
            first["one_chart"].append(_first_chart_s(browser, chart_url))
        pages = {}
        for name, url in (("app", app_url), ("bare", bare_url)):
            pages[name] = browser.new_page(viewport={"width": 1280, "height": 800})
            pages[name].goto(url, timeout=TIMEOUT_MS)
            pages[name].wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
            pages[name].get_by_label(label, exact=True).first.wait_for(timeout=TIMEOUT_MS)
            time.sleep(3)  # the app's analysis after its first answer
        for i in range(rounds + 1):
            value = 21.0 + i  # whole dollars: the bare copy of the field steps by 1
            pages["app"].evaluate("() => { window.__last = document.querySelector('h4').innerText; }")
            for name, shown in (("app", app_shown), ("bare", bare_shown)):
                a, s = _settle_s(pages[name], label, value, shown)
                if i:  # the first change of each page warms it
                    answer[name].append(a)
                    settled[name].append(s)
        browser.close()
    _report(first, answer, settled, rounds)


def _report(first, answer, settled, rounds: int) -> None:
    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    print(f"rounds: {rounds} (medians; app and bare alternate)")
    chart_ratio = med(first["app"]) / med(first["one_chart"])
    print(
        f"first chart visible: app {med(first['app']):.2f} s, bare one-chart page {med(first['one_chart']):.2f} s; "
        f"ratio {chart_ratio:.2f}x (goal: at most 1.5x: {'met' if chart_ratio <= 1.5 else 'not met'})"
    )
    answer_ratio = med(answer["app"]) / med(answer["bare"])
    print(
        f"after a change, new answer shown: app {med(answer['app']):.2f} s, bare script {med(answer['bare']):.2f} s; "
        f"ratio {answer_ratio:.2f}x (goal: at most 2x: {'met' if answer_ratio <= 2 else 'not met'})"
    )
    settled_ratio = med(settled["app"]) / med(settled["bare"])
    print(
        f"after a change, analysis settled too: app {med(settled['app']):.2f} s, bare {med(settled['bare']):.2f} s; "
        f"ratio {settled_ratio:.2f}x"
    )


if __name__ == "__main__":
    main()
