"""Sharing without storing: a link holding the scenario (only when asked), TOML download and upload.

The link's one query parameter ``s`` is the scenario's JSON, zlib-compressed and written in
URL-safe base64 without padding. Nothing is kept on the server.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

import streamlit as st

from calculator import InputProblem, Scenario, ScenarioError, dump_scenario, parse_scenario, scenario_to_dict
from calculator.scenario_io import MAX_SCENARIO_BYTES

from . import state as S
from .safety import md

PARAM = "s"
MAX_LINK_CHARS = 16_000
UPLOAD_KEY = "ui.upload"


def encode(scenario: Scenario) -> str:
    raw = json.dumps(scenario_to_dict(scenario), separators=(",", ":"), allow_nan=False).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def decode(text: str) -> Scenario:
    """A scenario from a link's parameter; :class:`ScenarioError` with a plain message otherwise."""
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
    return parse_scenario(raw, format="json")


def restore_from_link() -> None:
    """Before the widgets are drawn: if the page was opened from a shared link, load it once."""
    text = st.query_params.get(PARAM)
    if not text or st.session_state.get("ui.link_applied") == text:
        return
    st.session_state["ui.link_applied"] = text
    try:
        S.apply_scenario(decode(text))
        st.session_state["ui.notice"] = ("success", "Opened the scenario from the link.")
    except ScenarioError as exc:
        st.session_state["ui.notice"] = (
            "error",
            "This link could not be opened: " + "; ".join(f"{p.field} {p.message}" for p in exc.problems),
        )


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
        S.apply_scenario(parse_scenario(data))
        st.session_state["ui.notice"] = ("success", "Opened the scenario file.")
    except ScenarioError as exc:
        listed = "; ".join(f"{p.field}: {p.message}" for p in exc.problems[:8])
        st.session_state["ui.notice"] = ("error", f"That file could not be opened, so nothing was changed. {listed}")


def render_notice() -> None:
    notice = st.session_state.pop("ui.notice", None)
    if notice:
        kind, text = notice
        (st.success if kind == "success" else st.error)(md(text))


def render_share(scenario: Scenario, pdf_bytes) -> None:
    """Buttons: printable PDF, a link, a TOML file. ``pdf_bytes`` is a callable (built on click)."""
    row = st.container(horizontal=True)
    with row:
        st.download_button(
            "Download printable summary (PDF)",
            data=pdf_bytes,
            file_name="treatment-cost-summary.pdf",
            mime="application/pdf",
            key="ui.pdf",
            type="primary",
            on_click="ignore",
        )
        clicked = st.button(
            "Copy a link to this scenario",
            key="ui.link",
            help="Puts every input into the page address so you can send it. Nothing is stored on a server.",
        )
        st.download_button(
            "Save scenario (TOML)",
            data=dump_scenario(scenario),
            file_name="scenario.toml",
            mime="application/toml",
            key="ui.toml",
            on_click="ignore",
        )
    if clicked:
        code = encode(scenario)
        st.query_params[PARAM] = code
        st.session_state["ui.link_applied"] = code
        base = (st.context.url or "").split("?")[0]
        st.code(f"{base}?{PARAM}={code}", language=None, wrap_lines=True)
        st.caption(
            "The address bar now holds this link too. Anyone who opens it sees every input; "
            "it holds no names. The safety checklist is never included."
        )


def render_upload() -> None:
    st.file_uploader(
        "Open a saved scenario (TOML or JSON)",
        type=["toml", "json"],
        key=UPLOAD_KEY,
        on_change=on_upload,
        help=f"A file saved from this page; at most {MAX_SCENARIO_BYTES // 1024} KB.",
    )
