"""The app in a real browser: every chart draws and fits its column, an input changes the answer,
nothing leaves localhost, the page passes axe-core's WCAG 2.1 AA rules, and it speaks Spanish.

Every test waits through ``waiting.wait_for_app`` (the script run finished, the charts drawn)
before it looks for its element; nothing here sleeps for a fixed time.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from waiting import APP_TIMEOUT_MS, open_app, wait_for_app

pytestmark = pytest.mark.browser

CHART = '[data-testid="stVegaLiteChart"]'
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
#: axe-core rules for WCAG 2.1 A and AA.
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
#: Streamlit's own widgets and chrome, whose markup the app does not write. Everything else (the
#: text, headings, the crisis bar, the copy control, charts, tables, metrics) is checked.
STREAMLIT_WIDGETS = [
    [f'[data-testid="{t}"]']
    for t in (
        "stNumberInput",
        "stSelectbox",
        "stCheckbox",
        "stRadio",
        "stDateInput",
        "stTextInput",
        "stMultiSelect",
        "stFileUploader",
        "stDataFrame",
        "stToolbar",
        "stHeader",
        "stSidebarCollapseButton",
        "stSidebarCollapsedControl",
    )
]


def _serious(page: Page) -> list[str]:
    """Serious or critical axe violations outside Streamlit's own widgets, one line each."""
    result = Axe().run(page, context={"include": [["body"]], "exclude": STREAMLIT_WIDGETS}, options=WCAG)
    return [
        f"{v['id']} ({v['impact']}): {n['target']} {n['html'][:120]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


def _show_everything(page: Page) -> None:
    """Detailed mode, every expander on the page open, and a share link made."""
    page.get_by_text("Detailed", exact=True).click()
    expect(page.get_by_text("Change the figures in the side panel")).to_be_visible()
    wait_for_app(page)
    for summary in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
        summary.click()
    page.get_by_role("button", name="Make a link to this scenario").click()
    expect(page.locator("#share-copy")).to_be_visible()
    wait_for_app(page)


def test_every_chart_renders_and_nothing_leaves_localhost(page: Page, app_url: str, artifacts):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_app(page, app_url)
    charts = page.locator(CHART)
    expect(charts.nth(2)).to_be_visible(timeout=APP_TIMEOUT_MS)  # cost bars, week by week, a week in each option
    n_charts = charts.count()
    assert n_charts >= 3
    assert page.locator(f"{CHART} svg").count() >= n_charts  # each chart drew an SVG
    expect(charts.filter(has_not=page.locator("svg"))).to_have_count(0)
    expect(page.locator('a[href="tel:988"]').first).to_be_visible()
    expect(page.locator('a[href="sms:988"]').first).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-desktop-1280.png"))
    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests left the machine: {sorted(hosts)}"


def test_changing_an_input_updates_the_answer(page: Page, app_url: str, artifacts):
    open_app(page, app_url)
    headline = page.locator("h4").filter(has_text=re.compile("costs your family|about the same")).first
    expect(headline).to_be_visible(timeout=APP_TIMEOUT_MS)
    before = headline.inner_text()
    pay = page.get_by_role("spinbutton", name="Pay per hour before tax ($)")
    pay.fill("95")
    pay.press("Enter")
    expect(headline).not_to_have_text(before, timeout=APP_TIMEOUT_MS)  # the rerun has begun drawing
    wait_for_app(page)  # ... and has finished
    expect(headline).not_to_have_text(before)
    page.screenshot(path=str(artifacts / "e2e-desktop-1280-pay-95.png"))


@pytest.mark.browser_context_args(viewport=PHONE)
def test_a_phone_never_scrolls_sideways_and_every_chart_and_legend_fits(page: Page, app_url: str, artifacts):
    open_app(page, app_url)
    charts = page.locator(CHART)
    expect(charts.first).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "e2e-phone-390.png"))
    inner_width = page.evaluate("window.innerWidth")
    assert inner_width == PHONE["width"]
    for scroller in ("document.scrollingElement", "document.querySelector('[data-testid=\"stMain\"]')"):
        wide = page.evaluate(f"(() => {{ const e = {scroller}; return [e.scrollWidth, e.clientWidth]; }})()")
        assert wide[0] <= wide[1] + 1, f"{scroller} scrolls sideways: {wide[0]} px wide in {wide[1]}"
    too_wide, cut = [], []
    for i, chart in enumerate(charts.all()):
        box = chart.bounding_box()
        assert box is not None, f"chart {i} has no box"
        if box["x"] < -1 or box["x"] + box["width"] > inner_width + 1:
            too_wide.append(f"chart {i}: x {box['x']:.0f} to {box['x'] + box['width']:.0f}")
        svg = chart.locator("svg").first.bounding_box()
        for label in chart.locator(".role-legend-label text").all():
            lb = label.bounding_box()
            if lb and (lb["x"] < svg["x"] - 1 or lb["x"] + lb["width"] > svg["x"] + svg["width"] + 1):
                cut.append(f"chart {i}: legend entry {label.text_content()!r}")
    assert not too_wide, f"charts wider than the {inner_width} px screen: {too_wide}"
    assert not cut, f"legend entries cut off: {cut}"
    # Every component of the cost chart is named in its legend, Childcare included.
    legend = charts.first.locator(".role-legend-label text").all_text_contents()
    assert "Childcare" in legend and len(legend) == 6


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
def test_no_serious_accessibility_violations_on_first_load_and_with_everything_shown(
    page: Page, app_url: str, artifacts, viewport
):
    page.set_viewport_size(viewport)
    open_app(page, app_url)
    first = _serious(page)
    assert not first, "on first load:\n" + "\n".join(first)
    _show_everything(page)
    shown = _serious(page)
    page.screenshot(path=str(artifacts / f"e2e-detailed-{viewport['width']}.png"))
    assert not shown, "with everything shown:\n" + "\n".join(shown)


def test_the_copy_control_puts_the_link_on_the_clipboard(page: Page, app_url: str, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    open_app(page, app_url)
    page.get_by_role("button", name="Make a link to this scenario").click()
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("#share-status")).to_have_text("Copied")
    link = page.locator("#share-link").input_value()
    assert "?s=" in link
    assert page.evaluate("navigator.clipboard.readText()") == link


@pytest.mark.browser_context_args(viewport=PHONE)
def test_the_page_in_spanish_on_a_phone(page: Page, app_url: str, artifacts):
    open_app(page, f"{app_url}/?lang=es")
    expect(page.get_by_role("heading", name="Su respuesta")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "es"
    headline = page.locator("h4").first
    expect(headline).to_contain_text("le cuesta a su familia")
    expect(page.locator('a[href="sms:988?&body=AYUDA"]').first).to_be_visible()
    page.screenshot(path=str(artifacts / "e2e-phone-390-es.png"))
    problems = _serious(page)
    assert not problems, "\n".join(problems)


def test_the_chosen_language_stays_when_moving_between_the_pages(page: Page, app_url: str):
    # Streamlit forgets a widget's value on a page that lacks it; the language must not go with it.
    open_app(page, f"{app_url}/?lang=es")
    page.get_by_role("link", name="Lista de clientes, para consejeros").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Lista de clientes: todos a la vez")).to_be_visible()
    expect(page.get_by_role("button", name="Plantilla (Excel)")).to_be_visible()
    page.get_by_role("link", name="Calculadora de costos").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Su respuesta")).to_be_visible()
