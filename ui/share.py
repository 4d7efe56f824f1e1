"""Sharing without storing: a link holding the scenario (only when asked), TOML download and upload.

The link's one query parameter ``s`` is the scenario's JSON, zlib-compressed and written in
URL-safe base64 without padding. Nothing is kept on the server.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import logging
import tomllib
import zlib
from typing import Any

import streamlit as st

from calculator import (
    InputProblem,
    Scenario,
    ScenarioError,
    dump_scenario,
    parse_scenario,
    scenario_from_dict,
    scenario_to_dict,
)
from calculator.scenario_io import MAX_SCENARIO_BYTES
from calculator.schema import N_

from . import state as S
from .lang import _, here
from .safety import md

log = logging.getLogger(__name__)

PARAM = "s"
#: The longest link the page opens. The largest scenario the schema allows (4 options of 6
#: stages, 20 other costs each, every name and label 60 characters of text that barely
#: compresses, such as random CJK or emoji, and every assumption overridden) makes a link of
#: about 24,000 characters; ``tests/test_limits.py`` builds it and checks it fits.
MAX_LINK_CHARS = 32_768
UPLOAD_KEY = "ui.upload"
#: Session key: the scenario (its JSON) the page last made a link for, and the link's parameter.
LINK_MADE = "ui.link_made"
OVERRIDES = "assumption_overrides"


def encode(scenario: Scenario) -> str:
    """The link's parameter: the scenario's JSON (UTF-8, so a name in any script costs its own
    bytes rather than a six-character escape per character), compressed, URL-safe base64."""
    raw = json.dumps(scenario_to_dict(scenario), separators=(",", ":"), allow_nan=False, ensure_ascii=False)
    return base64.urlsafe_b64encode(zlib.compress(raw.encode("utf-8"), 9)).rstrip(b"=").decode("ascii")


def decode(text: str) -> Scenario:
    """A scenario from a link's parameter; :class:`ScenarioError` with a plain message otherwise."""
    return parse_scenario(link_content(text), format="json")


def link_content(text: str) -> bytes:
    """The JSON a link's parameter holds, size-checked; :class:`ScenarioError` when it is not one."""
    if len(text) > MAX_LINK_CHARS:
        raise ScenarioError([InputProblem("link", f"{len(text):,} characters", "is too long to be a scenario link")])
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_SCENARIO_BYTES + 1)
        if len(raw) > MAX_SCENARIO_BYTES or inflater.unconsumed_tail:
            raise ScenarioError([InputProblem("link", "-", f"holds more than {MAX_SCENARIO_BYTES // 1024} KB")])
        if not inflater.eof:
            raise zlib.error("incomplete")
    except (binascii.Error, ValueError, zlib.error) as exc:
        if isinstance(exc, ScenarioError):
            raise
        raise ScenarioError([InputProblem("link", "-", "is damaged or incomplete (was it copied in full?)")]) from None
    return raw


def _data(content: bytes, format: str | None) -> Any:
    """The plain data of a file or link that has already been read once without error."""
    text = content.decode("utf-8-sig")
    if (format or ("json" if text.lstrip().startswith("{") else "toml")) == "json":
        return json.loads(text)
    return tomllib.loads(text)


def open_scenario(content: bytes, format: str | None = None) -> tuple[Scenario, list[InputProblem]]:
    """A scenario from a file's or a link's content, and the assumption changes it holds that
    this calculator cannot use (an unknown figure, a value out of range), which are left out.

    A scenario whose only problems are such changes opens with the library's own figures in
    their place, and the page says which were left out and why: the family's other inputs are
    not lost for a figure the page cannot use. Any other problem raises :class:`ScenarioError`.
    """
    try:
        return parse_scenario(content, format=format), []
    except ScenarioError as exc:
        dropped = [p for p in exc.problems if p.field.startswith(OVERRIDES + ".")]
        if not dropped or len(dropped) != len(exc.problems):
            raise
    data = _data(content, format)
    changes = dict(data.get(OVERRIDES) or {})
    for p in dropped:
        changes.pop(p.field.removeprefix(OVERRIDES + "."), None)
    return scenario_from_dict({**data, OVERRIDES: changes}), dropped


def _left_out(dropped: list[InputProblem]) -> str:
    if not dropped:
        return ""
    listed = "; ".join(
        f"{p.field.removeprefix(OVERRIDES + '.')}: {here().problem(p.message, p.field)}" for p in dropped[:8]
    )
    return (
        " "
        + _("It also changed figures this calculator cannot use, so the library's figures are used instead:")
        + " "
        + listed
    )


def forget_link() -> None:
    """Take a link that could not be opened out of the address, so a reload starts afresh."""
    st.query_params.pop(PARAM, None)
    st.session_state.pop("ui.link_applied", None)


def restore_from_link() -> None:
    """Before the widgets are drawn: if the page was opened from a shared link, load it once."""
    text = st.query_params.get(PARAM)
    if not text or st.session_state.get("ui.link_applied") == text:
        return
    st.session_state["ui.link_applied"] = text
    try:
        scenario, dropped = open_scenario(link_content(text), format="json")
        S.apply_scenario(scenario)
        set_notice("success", N_("Opened the scenario from the link."), _left_out(dropped))
    except ScenarioError as exc:
        forget_link()
        set_notice(
            "error",
            N_("This link could not be opened:"),
            "; ".join(f"{p.field} {p.message}" for p in exc.problems[:8]),
        )
    except Exception as exc:  # whatever the link holds, the page and its help lines stay up
        log.error("opening a link failed: %s", type(exc).__name__)
        forget_link()
        S.apply_scenario(S.default_scenario())
        set_notice("error", N_("This link could not be opened, so the page starts afresh."), "")


def on_upload() -> None:
    """Callback: load an uploaded TOML or JSON scenario, or say plainly what is wrong with it."""
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        return
    data = file.getvalue()
    try:
        if len(data) > MAX_SCENARIO_BYTES:
            raise ScenarioError(
                [
                    InputProblem(
                        "file",
                        f"{len(data):,} bytes",
                        f"is too large: a scenario file is at most {MAX_SCENARIO_BYTES // 1024} KB",
                    )
                ]
            )
        scenario, dropped = open_scenario(data)
        S.apply_scenario(scenario)
        set_notice("success", N_("Opened the scenario file."), _left_out(dropped))
    except ScenarioError as exc:
        listed = "; ".join(f"{p.field}: {p.message}" for p in exc.problems[:8])
        set_notice("error", N_("That file could not be opened, so nothing was changed."), listed)
    except Exception as exc:  # whatever the file holds, the page and its help lines stay up
        log.error("opening a file failed: %s", type(exc).__name__)
        set_notice("error", N_("That file could not be opened, so nothing was changed."), "")


NOTICE, NOTICE_SHOWN = "ui.notice", "ui.notice.shown"
#: Session flag set just before the page reruns itself (the analysis, once worked out): that
#: rerun is not the family's doing, so what the page said stays on it.
RERUN_BY_PAGE = "ui.rerun_by_page"


def set_notice(kind: str, text: str, detail: str) -> None:
    """What the page says about a link or a file just opened: ``kind`` "success" or "error",
    ``text`` (marked for translation) and ``detail`` (already in the page's language)."""
    st.session_state[NOTICE] = (kind, text, detail)
    st.session_state[NOTICE_SHOWN] = False


def age_notice() -> None:
    """At the start of each run: a notice already shown goes once the family does something
    else (a rerun the page makes itself keeps it)."""
    by_page = st.session_state.pop(RERUN_BY_PAGE, False)
    if st.session_state.get(NOTICE_SHOWN) and not by_page:
        st.session_state.pop(NOTICE, None)
        st.session_state.pop(NOTICE_SHOWN, None)


def render_notice() -> None:
    notice = st.session_state.get(NOTICE)
    st.session_state[NOTICE_SHOWN] = True
    if notice:
        kind, text, detail = notice
        (st.success if kind == "success" else st.error)(md(_(text) + (" " + detail if detail else "")))


def render_share(scenario: Scenario, pdf_bytes) -> None:
    """Buttons: printable PDF, a link, a TOML file. ``pdf_bytes`` is a callable (built on click)."""
    row = st.container(horizontal=True)
    with row:
        st.download_button(
            _("Download printable summary (PDF)"),
            data=pdf_bytes,
            file_name="treatment-cost-summary.pdf",
            mime="application/pdf",
            key="ui.pdf",
            type="primary",
            on_click="ignore",
        )
        clicked = st.button(
            _("Make a link to this scenario"),
            key="ui.link",
            help=_("Puts every input into the page address so you can send it. Nothing is stored on a server."),
        )
        st.download_button(
            _("Save scenario (TOML)"),
            data=lambda: dump_scenario(scenario),
            file_name="scenario.toml",
            mime="application/toml",
            key="ui.toml",
            on_click="ignore",
        )
    key = scenario.model_dump_json()
    if clicked:
        code = encode(scenario)
        st.query_params[PARAM] = code
        st.session_state["ui.link_applied"] = code
        st.session_state[LINK_MADE] = (key, code)
    made = st.session_state.get(LINK_MADE)
    if made and made[0] == key and st.query_params.get(PARAM) == made[1]:
        code = made[1]
        base = (st.context.url or "").split("?")[0]
        link = f"{base}?{PARAM}={code}"
        render_copy(link)
        st.caption(
            _(
                "The address bar now holds this link too. Anyone who opens it sees every input; "
                "it holds no names. The safety checklist is never included."
            )
        )


def render_copy(link: str) -> None:
    """The link in a box a person can select, and a button that copies it to the clipboard.

    The button is plain HTML and a few lines of script on this page (no network, nothing
    stored); it says "Copied" when the browser accepted the text, and falls back to selecting
    the text for Ctrl+C / long-press when the browser refuses clipboard access.
    """
    label, done, failed = _("Copy link"), _("Copied"), _("Select the link and copy it")
    box = _("Link to this scenario")
    st.html(
        f"""
<div class="copylink">
  <label for="share-link" style="display:block;font-weight:600;margin-bottom:0.25rem">{html.escape(box)}</label>
  <input id="share-link" type="text" readonly value="{html.escape(link)}"
         style="width:100%;box-sizing:border-box;padding:0.4rem;border:1px solid #6b6b6b;border-radius:0.3rem;
                font-family:monospace;font-size:0.85rem;color:#1f1f1f;background:#fff">
  <button type="button" id="share-copy"
          style="margin-top:0.4rem;padding:0.45rem 0.9rem;border-radius:0.4rem;border:1px solid #1f1f1f;
                 background:#1f1f1f;color:#fff;font-weight:600;cursor:pointer;min-height:44px">{html.escape(label)}</button>
  <span id="share-status" role="status" aria-live="polite" style="margin-left:0.6rem;color:#1f1f1f"></span>
</div>
<script>
(() => {{
  const box = document.getElementById("share-link");
  const status = document.getElementById("share-status");
  document.getElementById("share-copy").addEventListener("click", async () => {{
    try {{ await navigator.clipboard.writeText(box.value); status.textContent = {done!r}; }}
    catch (e) {{ box.focus(); box.select(); status.textContent = {failed!r}; }}
  }});
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def render_upload() -> None:
    st.file_uploader(
        _("Open a saved scenario (TOML or JSON)"),
        type=["toml", "json"],
        key=UPLOAD_KEY,
        on_change=on_upload,
        help=_("A file saved from this page; at most {kb} KB.").format(kb=MAX_SCENARIO_BYTES // 1024),
    )
