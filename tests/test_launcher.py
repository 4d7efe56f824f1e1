"""``make run``'s launcher applies the hardened settings wherever it is started from.

``scripts/serve.py`` passes ``.streamlit/config.toml`` as command-line flags. These tests start
it from a scratch directory with a hostile ``STREAMLIT_*`` environment (all interfaces, usage
statistics on, full error details, 200 MB uploads) and read the configuration Streamlit itself
arrives at: once through Streamlit's own command-line parsing and config loading (as
``streamlit run`` does before it serves), and once from a live server.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
HOSTILE = {
    "STREAMLIT_SERVER_ADDRESS": "0.0.0.0",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "true",
    "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full",
    "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "200",
    "STREAMLIT_SERVER_ALLOWED_HOSTS": "evil.example",
    "STREAMLIT_RUNNER_MAGIC_ENABLED": "true",
}
SERVER_START_TIMEOUT_S = 120  # a loaded 2-core machine can take this long to import Streamlit

# What `streamlit run` does before serving (streamlit/web/cli.py: main_run -> _main_run): click
# parses the flags (and STREAMLIT_* variables), the script's path is noted for config lookup,
# and the config is loaded from the files, the environment and the flags.
EFFECTIVE = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
import serve
from streamlit import config
from streamlit.web import bootstrap, cli
argv = serve.command(["--server.port", "8765"]) if sys.argv[2] == "launcher" else [
    sys.executable, "-m", "streamlit", "run", str(serve.APP), "--server.port", "8765"]
assert argv[3] == "run"
group = cli.main.make_context("streamlit", ["run"], resilient_parsing=True)
run = cli.main_run.make_context("run", argv[4:], parent=group)
flags = dict(run.params)
target = flags.pop("target"); flags.pop("args")
config._main_script_path = os.path.abspath(target)
bootstrap.load_config_options(flag_options=flags)
keys = json.loads(sys.argv[3])
print(json.dumps({k: config.get_option(k) for k in keys}))
"""


def _expected() -> dict[str, object]:
    return {f"{section}.{name}": value for section, options in CONFIG.items() for name, value in options.items()}


def _effective(mode: str, cwd: Path) -> dict[str, object]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}, **HOSTILE}
    keys = json.dumps(sorted(_expected()))
    out = subprocess.run(
        [sys.executable, "-c", EFFECTIVE, str(ROOT / "scripts"), mode, keys],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _same(effective: object, configured: object) -> bool:
    # A flag arrives as text where an option takes text or a boolean (client.showErrorLinks:
    # "auto", true or false); Streamlit reads "false" as false (runtime/app_session.py).
    if isinstance(configured, bool) and isinstance(effective, str):
        return effective == str(configured).lower()
    return effective == configured


def test_the_launcher_applies_every_hardened_setting_from_another_directory(tmp_path):
    effective = _effective("launcher", tmp_path)
    wrong = {k: (effective[k], v) for k, v in _expected().items() if k != "server.port" and not _same(effective[k], v)}
    assert not wrong, f"(effective, config.toml): {wrong}"
    assert effective["server.port"] == 8765, "the launcher's own arguments come last and win"


def test_without_the_launcher_the_same_environment_would_win(tmp_path):
    # The control: the hostile environment is strong enough to matter, so the test above can fail.
    effective = _effective("bare", tmp_path)
    assert effective["browser.gatherUsageStats"] is True
    assert effective["server.address"] == "0.0.0.0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """Local addresses in LISTEN state on ``port`` (Linux /proc/net/tcp and tcp6, hex)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def _upgrade_status(port: int, host: str) -> int:
    """The HTTP status of a WebSocket upgrade to the app's stream with this Host header."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request.encode())
        return int(s.recv(1024).split(b" ", 2)[1])


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}, **HOSTILE}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--server.port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the app did not start from another directory")
                time.sleep(0.5)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_server_started_elsewhere_listens_on_this_machine_only_and_checks_hosts(server):
    assert _listening_addresses(server) == {"0100007F"}, "bound to 127.0.0.1 only, not every interface"
    assert _upgrade_status(server, "evil.example") in (400, 403), "a foreign Host header is refused"
    assert _upgrade_status(server, f"127.0.0.1:{server}") == 101, "the app's own address is served"
