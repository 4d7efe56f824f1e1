"""What a rerun can reuse, kept in the session that made it and nowhere else.

The comparison, the chart specifications and the analysis of a scenario are remembered in
``st.session_state`` under ``ui.memo.<kind>``, keyed by the scenario's JSON, a few entries per
kind (the scenario now and the last valid one). Nothing is shared between sessions and nothing
outlives the session: when the tab closes, Streamlit drops its session state (after
``server.disconnectedSessionTTL`` seconds), and these entries with it. A process-wide cache
(``st.cache_data``) would keep one family's figures in memory for other sessions and past the
session's end, which the page promises not to do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")
PREFIX = "ui.memo."
#: Entries kept per kind: the scenario on the page and the last valid one (shown while an
#: input has a problem).
KEEP = 2


def _store(kind: str) -> dict[Hashable, Any]:
    return st.session_state.setdefault(PREFIX + kind, {})


def peek(kind: str, key: Hashable) -> Any | None:
    """The remembered value, or ``None`` (nothing is computed)."""
    return _store(kind).get(key)


def put(kind: str, key: Hashable, value: T, keep: int = KEEP) -> T:
    """Remember ``value``; the oldest entries beyond ``keep`` are forgotten."""
    store = _store(kind)
    store.pop(key, None)
    store[key] = value
    while len(store) > keep:
        store.pop(next(iter(store)))
    return value


def remember(kind: str, key: Hashable, build: Callable[[], T], keep: int = KEEP) -> T:
    """The value for ``key``, built once per session by ``build()`` and then reused."""
    store = _store(kind)
    if key in store:
        value = store.pop(key)
        store[key] = value  # most recently used last
        return value
    return put(kind, key, build(), keep)


def forget_all() -> None:
    """Drop every remembered value of this session."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(PREFIX)]:
        del st.session_state[key]
