"""Nothing a family enters is kept on the server once its session has ended.

The page keeps what it needs in the session alone (:mod:`ui.memo`), but Streamlit itself can
hold a session's state after the tab has closed: a closed session waits in a store for the tab
to reconnect (``server.disconnectedSessionTTL``) and is only dropped lazily after that, and the
server's message loop keeps a reference to the last session it sent messages to until another
session sends some. Downloads generated for a session (the PDF, the saved file, the CSV tables)
stay in the media store until two cleanups after the session ends, and a cleanup runs only when
some session's script runs.

So one thread per server process, every :data:`SWEEP_S` seconds:

- every session the page has run in and that has been gone from the runtime for longer than
  the reconnect window is wiped: its session state (widgets, the inputs, the remembered
  comparison and analysis) and its query parameters are emptied, whoever still refers to it;
- the media store drops every file no live session refers to;
- what the wiped sessions freed goes back to the system (`malloc_trim`, glibc only).

This reaches into two of Streamlit's internals (the script context's session state, the
runtime's media file manager); each step is guarded, so a change in Streamlit can stop the
sweep but never the page. ``tests/test_privacy.py`` checks the result on a live server.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

#: Seconds between sweeps.
SWEEP_S = 5.0
#: session id -> [its SafeSessionState, its fragment storage, when it was first seen gone (s)]
_sessions: dict[str, list[Any]] = {}
_lock = threading.Lock()
_thread: threading.Thread | None = None


def register() -> None:
    """Note this run's session (called on every run of the page) and start the sweeper."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None:
            return
        with _lock:
            _sessions[ctx.session_id] = [ctx.session_state, ctx.fragment_storage, None]
        _start()
    except Exception as exc:  # the page never fails for its housekeeping
        log.error("janitor.register failed: %s", type(exc).__name__)


def _start() -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_run, name="session-janitor", daemon=True)
        _thread.start()


def _run() -> None:
    while True:
        time.sleep(SWEEP_S)
        try:
            sweep(time.monotonic())
        except Exception as exc:
            log.error("janitor.sweep failed: %s", type(exc).__name__)


def _fresh(obj: Any) -> None:
    """Reset every field of a dataclass instance to its default (an empty session state)."""
    for f in dataclasses.fields(obj):
        if f.default_factory is not dataclasses.MISSING:
            setattr(obj, f.name, f.default_factory())
        elif f.default is not dataclasses.MISSING:
            setattr(obj, f.name, f.default)


def _wipe(session_id: str, entry: list[Any], rt: Any) -> None:
    """Empty one session: its state (every key, widget value and query parameter), the
    fragments it drew (which hold what they drew), and its downloads in the media store."""
    state, fragments = entry[0], entry[1]
    with state._lock:
        _fresh(state._state)
    fragments.clear()
    rt.media_file_mgr.clear_session_refs(session_id)


def sweep(now: float) -> None:
    """Wipe the sessions gone for longer than the reconnect window; clean the media store (a
    download no session refers to is marked at one cleanup and dropped at the next, so it is
    gone within two sweeps)."""
    from streamlit import config, runtime

    if not runtime.exists():
        return
    rt = runtime.get_instance()
    window = float(config.get_option("server.disconnectedSessionTTL") or 0) + SWEEP_S
    with _lock:
        entries = list(_sessions.items())
    wiped = 0
    for session_id, entry in entries:
        if rt.is_active_session(session_id):
            entry[2] = None
            continue
        entry[2] = entry[2] if entry[2] is not None else now
        if now - entry[2] >= window:
            _wipe(session_id, entry, rt)
            with _lock:
                _sessions.pop(session_id, None)
            wiped += 1
    rt.media_file_mgr.remove_orphaned_files()
    if wiped:
        drop_kept_tracebacks()
        give_back_memory()


def give_back_memory() -> None:
    """Return the memory the wiped sessions freed to the system.

    The C allocator keeps freed memory for reuse (one pool per thread that allocated, and every
    session runs in its own thread), so after a crowd has gone the server's resident size stays
    near its peak. ``malloc_trim`` (glibc, Linux) hands back what is free; elsewhere this does
    nothing.
    """
    import ctypes
    import gc

    gc.collect()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.malloc_trim(0)


def drop_kept_tracebacks() -> None:
    """Let go of the frames that modules keep through an exception they hold.

    A module that keeps an exception from its own import (fpdf keeps the ImportError of an
    optional package, to name it in a later message) keeps that exception's traceback, and the
    traceback's frames run back through the Streamlit script run that first imported the module:
    its locals hold that session's query string, that is the share link with the family's
    scenario. The exception and its message stay; only the traceback goes.
    """
    for module in list(sys.modules.values()):
        names = getattr(module, "__dict__", None)
        if not isinstance(names, dict):
            continue
        for value in list(names.values()):
            if isinstance(value, BaseException):
                _untrace(value)


def _untrace(error: BaseException) -> None:
    seen: set[int] = set()
    chain: list[BaseException | None] = [error]
    while chain:
        item = chain.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        item.__traceback__ = None
        chain += [item.__cause__, item.__context__]
