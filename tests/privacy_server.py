"""The app's server, run for tests/test_privacy.py with a probe that counts what it still holds.

``python tests/privacy_server.py PROBE_DIR streamlit-flags...`` serves ``app.py`` exactly as
``streamlit run`` does, in this process, plus one thread: when the test writes
``PROBE_DIR/request`` (strings to look for, one a line), it walks every live Python object the
server holds (everything the garbage collector tracks, everything those reach, every thread's
frames) and writes ``PROBE_DIR/result``: for each string, how many live strings or byte
buffers contain it. Test code only: the app never runs this.
"""

from __future__ import annotations

import gc
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def live_copies(needles: list[str]) -> dict[str, int]:
    """How many live str/bytes/bytearray objects contain each needle (the probe's own aside)."""
    found = dict.fromkeys(needles, 0)
    encoded = [(n, n.encode("utf-8")) for n in needles]
    seen: set[int] = {id(x) for pair in encoded for x in pair} | {id(needles), id(found), id(encoded)}
    stack: list[object] = [*gc.get_objects(), *sys._current_frames().values()]
    seen.add(id(stack))
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            for needle, _b in encoded:
                found[needle] += needle in obj
        elif isinstance(obj, (bytes, bytearray)):
            for needle, raw in encoded:
                found[needle] += raw in obj
        else:
            stack.extend(gc.get_referents(obj))
    return found


def probe(folder: Path) -> None:
    request, result = folder / "request", folder / "result"
    while True:
        time.sleep(0.2)
        if not request.exists():
            continue
        needles = request.read_text(encoding="utf-8").splitlines()
        request.unlink()
        gc.collect()
        answer = json.dumps(list(live_copies(needles).values()))
        del needles
        result.write_text(answer, encoding="utf-8")


def main() -> None:
    folder = Path(sys.argv[1])
    threading.Thread(target=probe, args=(folder,), daemon=True, name="privacy-probe").start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[2:]]
    cli.main()


if __name__ == "__main__":
    main()
