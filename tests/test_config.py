"""The effective Streamlit configuration, read the way Streamlit reads it, is hardened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "browser.gatherUsageStats": False,
    "server.address": "127.0.0.1",
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.enableStaticServing": False,
    "server.enableAgentApi": False,
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "client.showErrorLinks": False,
    "client.disableDataExport": True,
    "runner.magicEnabled": False,
    "server.headless": True,
    "server.enableExpensiveMemoryStats": False,
}


@pytest.fixture(scope="module")
def effective_config() -> dict:
    # A fresh interpreter in the app folder, so Streamlit reads .streamlit/config.toml itself
    # (and no environment variable or earlier test can have changed it).
    code = (
        "import json; from streamlit import config; config.get_config_options(force_reparse=True);"
        f"print(json.dumps({{k: config.get_option(k) for k in {list(EXPECTED) + ['server.maxUploadSize', 'server.allowedHosts']!r}}}))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("option", "value"), EXPECTED.items())
def test_hardened_option(effective_config, option, value):
    assert effective_config[option] == value, f"{option} is {effective_config[option]!r}, must be {value!r}"


def test_uploads_are_small_and_hosts_restricted(effective_config):
    assert effective_config["server.maxUploadSize"] <= 1
    assert set(effective_config["server.allowedHosts"]) <= {"localhost", "127.0.0.1"}
