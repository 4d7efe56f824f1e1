"""The app in a real browser: every chart draws, an input changes the answer, nothing leaves localhost."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHART_SVG = '[data-testid="stVegaLiteChart"] svg'


def _load(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stApp").wait_for()
    expect(page.locator(CHART_SVG).first).to_be_visible(timeout=30_000)


def test_every_chart_renders_and_nothing_leaves_localhost(page: Page, app_url: str, artifacts):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    _load(page, app_url)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts.nth(2)).to_be_visible(timeout=30_000)  # cost bars, week by week, a week in each option
    page.wait_for_timeout(1500)
    n_charts = charts.count()
    assert n_charts >= 3
    assert page.locator(CHART_SVG).count() >= n_charts  # each chart drew an SVG
    expect(page.get_by_text("Call or text 988").first).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-desktop-1280.png"))
    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests left the machine: {sorted(hosts)}"


def test_changing_an_input_updates_the_answer(page: Page, app_url: str, artifacts):
    _load(page, app_url)
    headline = page.locator("h4").filter(has_text=re.compile("costs your family|about the same")).first
    before = headline.inner_text()
    pay = page.get_by_role("spinbutton", name="Pay per hour, before tax ($)")
    pay.fill("95")
    pay.press("Enter")
    expect(headline).not_to_have_text(before, timeout=20_000)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "e2e-phone-390.png"))
