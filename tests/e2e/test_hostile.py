"""Hostile names, files and links in a real browser: each is answered in words, nothing it holds
is executed or fetched, and the rest of the page keeps working.

One test per kind, all against the one server the suite starts: names written as markdown
links, images, HTML and spreadsheet formulas (shown as text: no link, no image, no script, no
request off this machine); a malformed TOML file; binary junk; a file over the upload limit;
deeply nested JSON; a tampered or truncated share link (which also leaves the address, so a
reload starts afresh).
"""

from __future__ import annotations

import base64
import json
import zlib
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect
from waiting import open_app, wait_for_app

from calculator import default_scenario, scenario_to_dict

pytestmark = pytest.mark.browser

EVIL = "evil.example"
IMAGE = f"![x](http://{EVIL}/x.png)"
LINK = f"[Call 988 now](https://{EVIL}/)"
SCRIPT = "<script>window.__pwned = 1</script><img src=x onerror=window.__pwned=2>"
FORMULA = f'=HYPERLINK("http://{EVIL}/","Click")'
UPLOADER = '[data-testid="stFileUploader"] input[type="file"]'
HEADLINE = "h4"


def _link(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def _hostile_scenario() -> dict:
    data = scenario_to_dict(default_scenario())
    data["options"][0]["name"] = IMAGE
    data["options"][1]["name"] = LINK
    data["options"][0]["other_costs"] = [{"label": SCRIPT[:60], "amount_usd": 5.0}]
    data["options"][1]["other_costs"] = [{"label": FORMULA, "amount_usd": 7.0}, {"label": IMAGE, "amount_usd": 1.0}]
    return data


def _off_this_machine(requested: list[str]) -> set[str]:
    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    return hosts - {"127.0.0.1", "localhost"}


def _page_still_works(page: Page) -> None:
    """The crisis lines are there, the answer is there, and an input still changes it."""
    expect(page.locator('a[href="tel:988"]').first).to_be_visible()
    headline = page.locator(HEADLINE).filter(has_text="costs your family").first
    expect(headline).to_be_visible()
    before = headline.inner_text()
    pay = page.get_by_role("spinbutton", name="Pay per hour before tax ($)")
    pay.fill("71")
    pay.press("Enter")
    expect(headline).not_to_have_text(before)
    wait_for_app(page)


def _upload(page: Page, name: str, content: bytes) -> None:
    page.locator(UPLOADER).set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )


def test_names_that_look_like_links_images_html_or_formulas_are_shown_as_text(page: Page, app_url: str):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_app(page, f"{app_url}/?s={_link(json.dumps(_hostile_scenario()).encode())}")
    expect(page.get_by_text("Opened the scenario from the link.")).to_be_visible()
    page.locator(".st-key-ui-open-lines-0 summary").click()  # the lines, with the cost labels
    page.locator(".st-key-ui-open-lines-1 summary").click()
    page.get_by_text("Show the costs as a table").click()
    wait_for_app(page)
    expect(page.get_by_text(LINK).first).to_be_visible()  # the name, as typed
    expect(page.get_by_text(IMAGE).first).to_be_visible()
    expect(page.get_by_text(FORMULA).first).to_be_visible()
    assert page.locator(f'a[href*="{EVIL}"]').count() == 0, "no link to the hostile address"
    assert page.locator(f'img[src*="{EVIL}"], img[src="x"]').count() == 0, "no image from it"
    assert page.evaluate("window.__pwned") is None, "nothing in a name ran"
    assert not _off_this_machine(requested), f"requests left the machine: {_off_this_machine(requested)}"
    _page_still_works(page)


def test_a_malformed_toml_file_is_answered_in_words(page: Page, app_url: str):
    open_app(page, app_url)
    _upload(page, "broken.toml", b'start_date = "2027-01-04"\n[[options]\nname = ')
    expect(page.get_by_text("That file could not be opened, so nothing was changed.")).to_be_visible()
    expect(page.get_by_text("is not valid TOML", exact=False)).to_be_visible()
    _page_still_works(page)


def test_binary_junk_is_answered_in_words(page: Page, app_url: str):
    open_app(page, app_url)
    _upload(page, "junk.toml", bytes(range(256)) * 64)
    expect(page.get_by_text("must be a UTF-8 text file", exact=False)).to_be_visible()
    _page_still_works(page)


def test_a_file_over_the_upload_limit_is_refused_before_it_is_sent(page: Page, app_url: str):
    open_app(page, app_url)
    _upload(page, "huge.toml", b"# " + b"x" * (2 * 1024 * 1024))  # over server.maxUploadSize (1 MB)
    expect(page.get_by_text("File must be 1.0MB or smaller.", exact=False)).to_be_visible()
    _upload(page, "big.toml", b"# " + b"x" * (300 * 1024))  # under the server's limit, over a scenario's
    expect(page.get_by_text("is too large: a scenario file is at most 128 KB", exact=False)).to_be_visible()
    _page_still_works(page)


def test_deeply_nested_json_is_answered_in_words(page: Page, app_url: str):
    open_app(page, app_url)
    _upload(page, "deep.json", b'{"a":' * 5000 + b"1" + b"}" * 5000)
    expect(page.get_by_text("nested too deeply", exact=False)).to_be_visible()
    _page_still_works(page)


@pytest.mark.parametrize(
    "link",
    [
        _link(json.dumps(scenario_to_dict(default_scenario())).encode())[:-30],  # truncated
        "eJ" + "tampered" * 40,  # not what the page writes
        _link(b'{"a":' * 2000),  # deeply nested
    ],
    ids=["truncated", "tampered", "nested"],
)
def test_a_tampered_or_truncated_link_is_answered_and_leaves_the_address(page: Page, app_url: str, link: str):
    open_app(page, f"{app_url}/?s={link}")
    expect(page.get_by_text("This link could not be opened", exact=False)).to_be_visible()
    assert "s" not in parse_qs(urlparse(page.url).query), "a reload starts afresh"
    _page_still_works(page)
