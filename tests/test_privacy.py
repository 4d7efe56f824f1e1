"""Nothing personal is kept on the server past the session that entered it.

A real server (the app under ``streamlit run``, in a process with a probe that walks every live
object it holds: tests/privacy_server.py) gets one session from a light websocket client
(scripts/streamlit_client.py) that opens a shared link holding a unique option name, lets the
page work out its analysis, makes a link, and changes an input. While the session is open the
probe finds the name (so it can see the session's data); once the session has closed and
Streamlit has dropped it (``server.disconnectedSessionTTL``, 1 second here), the name and the
link are in no live object of the server: no process-wide cache, no download left in the media
store, no log line. (Memory freed but not yet reused is not a live object; see README, Privacy.)
The server runs with the launcher's hardened settings, and its open ``/_stcore/metrics`` page
(Streamlit has no setting to close it) shows neither the name nor the link, and names no
process-wide cache but the library's.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from calculator import default_scenario, scenario_to_dict
from scripts.serve import hardened_flags
from scripts.streamlit_client import Session

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 120  # a loaded 2-core machine can take this long to import Streamlit
GONE_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    probe = tmp_path / "probe"
    probe.mkdir()
    # The launcher's hardened settings (scripts/serve.py), with a short reconnect window.
    flags = [*hardened_flags(), f"--server.port={port}", "--server.disconnectedSessionTTL=1"]
    log = (tmp_path / "server.log").open("w")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "privacy_server.py"), str(probe), *flags],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield url, probe
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _copies(probe: Path, needles: list[str]) -> dict[str, int]:
    result = probe / "result"
    result.unlink(missing_ok=True)
    (probe / "request").write_text("\n".join(needles), encoding="utf-8")
    deadline = time.monotonic() + 60
    while not result.exists():
        assert time.monotonic() < deadline, "the probe did not answer"
        time.sleep(0.1)
    time.sleep(0.05)
    return dict(zip(needles, json.loads(result.read_text(encoding="utf-8")), strict=True))


def _metrics(url: str) -> str:
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=30) as r:
        return r.read().decode("utf-8")


#: The process-wide caches the page may have: each holds the library's figures, nothing a family
#: entered (a family's comparison and analysis are remembered in its session only, ui/memo.py).
SHARED_CACHES = {"ui.model.assumptions"}


def _cache_names(metrics: str) -> set[str]:
    """The caches the metrics name (session state is one unnamed count of keys over all sessions)."""
    names = {line.split('cache="', 1)[1].split('"', 1)[0] for line in metrics.splitlines() if 'cache="' in line}
    return names - {""}


async def _a_session(url: str, link: str) -> Session:
    session = Session(url, query_string=f"s={link}")
    opened = await session.open()
    assert opened.error is None and session.headline, opened
    assert (await session.click("ui.link")).error is None
    assert (await session.set_number("household.pay_usd_per_hour", 37.5)).error is None
    assert not session.exceptions, session.exceptions
    return session


def test_a_closed_sessions_scenario_is_gone_from_the_server(server):
    url, probe = server
    name = f"Privacy check {uuid.uuid4().hex}"
    data = scenario_to_dict(default_scenario())
    data["options"][0]["name"] = name
    raw = json.dumps(data, separators=(",", ":")).encode()
    link = base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")

    async def run() -> None:
        session = await _a_session(url, link)
        held = _copies(probe, [name, link])
        assert held[name] > 0, "while the session is open the server holds its scenario (the probe sees it)"
        # Streamlit offers no setting to close /_stcore/metrics: what it shows is harmless.
        metrics = _metrics(url)
        assert name not in metrics and link not in metrics
        assert _cache_names(metrics) <= SHARED_CACHES, metrics
        await session.close()

    # In its own thread: the browser tests' Playwright (sync API) keeps an event loop running in
    # this one for the whole session, and asyncio.run refuses to start inside a running loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()
    deadline = time.monotonic() + GONE_TIMEOUT_S
    while (left := _copies(probe, [name, link])) != {name: 0, link: 0}:
        assert time.monotonic() < deadline, f"still in the server {GONE_TIMEOUT_S} s after the session closed: {left}"
        time.sleep(1)
