"""Browser tests: a real `streamlit run` on a free loopback port, driven by Debian's Chromium.

Playwright's own browser download is never used; under ``CI`` a missing Chromium fails the
run instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from waiting import APP_TIMEOUT_MS

# Every expectation may take a loaded machine's time (a rerun on 2 busy cores takes seconds).
expect.set_options(timeout=APP_TIMEOUT_MS)

APP_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = APP_DIR / "artifacts"
# Seconds for `streamlit run` to answer its health check. Quiet, it takes about 1 s; on a loaded
# 2-core machine the Python imports alone can take many times that.
SERVER_START_TIMEOUT_S = 120
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Start `streamlit run app.py` on a free loopback port; yield its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_DIR / "app.py"),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    with open(log_path, "w") as log:  # a file, not a pipe: an unread pipe can fill and stall the server
        proc = subprocess.Popen(cmd, cwd=APP_DIR, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"not healthy in {SERVER_START_TIMEOUT_S} s:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Point pytest-playwright at Debian's chromium (never `playwright install`)."""
    if not os.path.exists(CHROMIUM):
        msg = f"no chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(msg)  # CI must not go green by skipping the browser tests
        pytest.skip(msg)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A tall viewport: Streamlit scrolls an inner container, so full_page screenshots miss the rest.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1400}}


@pytest.fixture
def context(context):
    """pytest-playwright's context, with every action and navigation allowed a loaded machine's time."""
    context.set_default_timeout(APP_TIMEOUT_MS)
    context.set_default_navigation_timeout(APP_TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
