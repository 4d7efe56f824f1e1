"""Waiting for a Streamlit page to settle, on conditions rather than sleeps.

A page is settled when all of these hold at once (Streamlit 1.67's own markers):

- ``[data-testid="stApp"]`` carries ``data-test-connection-state="CONNECTED"`` and
  ``data-test-script-state="notRunning"`` (it reads ``initial`` until the first run has begun,
  ``running`` while the script runs);
- no ``[data-testid="stStatusWidget"]`` (the "Running..." indicator in the header);
- no ``stAppSkeleton`` or ``stSkeleton``: the charts are lazy components, drawn as skeletons
  that are replaced about a second *after* the script run ends;
- every ``[data-testid="stVegaLiteChart"]`` holds the ``<svg>`` Vega draws.

The timeouts are generous on purpose: on a loaded 2-core machine a first page load has taken
several times its quiet 6 s. A timeout names what was still pending.
"""

from __future__ import annotations

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Milliseconds for the app to load or rerun and settle, and for any element expected after it.
APP_TIMEOUT_MS = 90_000

_PENDING_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return ["no stApp element yet"];
  const pending = [];
  if (app.dataset.testConnectionState !== "CONNECTED") pending.push(`connection ${app.dataset.testConnectionState}`);
  if (app.dataset.testScriptState !== "notRunning") pending.push(`script ${app.dataset.testScriptState}`);
  for (const id of ["stStatusWidget", "stAppSkeleton", "stSkeleton"]) {
    const n = document.querySelectorAll(`[data-testid="${id}"]`).length;
    if (n) pending.push(`${n} ${id}`);
  }
  const blank = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter((c) => !c.querySelector("svg"));
  if (blank.length) pending.push(`${blank.length} stVegaLiteChart without an svg`);
  return pending;
}"""


def wait_for_app(page: Page, timeout_ms: float = APP_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and everything it drew is on the page.

    After an input change, first wait for something the change alters (the rerun may not have
    started yet, and the page is still "settled" on the previous run), then call this.
    """
    try:
        page.wait_for_function(f"() => ({_PENDING_JS})().length === 0", timeout=timeout_ms, polling=250)
    except PlaywrightTimeoutError:
        pending = page.evaluate(_PENDING_JS)
        raise AssertionError(f"the app did not settle in {timeout_ms / 1000:.0f} s; still pending: {pending}") from None


def open_app(page: Page, url: str) -> None:
    """Load the app and wait for its first script run to finish and its charts to draw."""
    page.goto(url, timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
