"""Start the app with the hardened settings, from whatever directory it is started in.

``make run`` calls this. Streamlit reads ``.streamlit/config.toml`` from the working directory
(and, in recent versions, beside the script), and lets ``STREAMLIT_*`` environment variables
and a user's ``~/.streamlit/config.toml`` change it. This launcher reads the project's file
itself and passes every setting as a command-line flag, which Streamlit ranks above all of
those, so the app binds to 127.0.0.1, hides error details, caps uploads at 1 MB and sends no
usage statistics wherever it is started from and whatever the environment says. Arguments
given to the launcher come last and win (``--server.port 8600``).

    python scripts/serve.py [--server.port N ...]     # serve the app
    python scripts/serve.py --show-config              # print the effective configuration
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
APP = ROOT / "app.py"


def _flag_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def hardened_flags(config: Path = CONFIG) -> list[str]:
    """Every setting of ``config`` as Streamlit flags (``--server.address=127.0.0.1``).

    A list becomes one flag per item (``--server.allowedHosts=localhost --server.allowedHosts=...``).
    """
    flags = []
    for section, options in tomllib.loads(config.read_text(encoding="utf-8")).items():
        for name, value in options.items():
            for item in value if isinstance(value, list) else [value]:
                flags.append(f"--{section}.{name}={_flag_value(item)}")
    return flags


def command(args: list[str]) -> list[str]:
    """The Streamlit command line for ``args`` (this launcher's own arguments)."""
    streamlit = [sys.executable, "-m", "streamlit"]
    if args[:1] == ["--show-config"]:
        return [*streamlit, "config", "show", *hardened_flags(), *args[1:]]
    return [*streamlit, "run", str(APP), *hardened_flags(), *args]


def main(args: list[str]) -> None:
    os.chdir(ROOT)  # the app's relative reads (examples, assumptions) and Streamlit's own lookups
    argv = command(args)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
