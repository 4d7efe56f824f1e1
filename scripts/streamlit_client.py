"""A light client for a Streamlit server: one websocket speaking Streamlit's own protocol.

No browser and no rendering: it sends what a browser sends (a run of the page with the
address's query string, a widget's new value, a button's click, the timer a fragment asks for)
and reads what the server sends back (the elements each run draws, the end of each run), timing
both. Light enough that 25 to 100 of them run beside the server on a 2-core machine, so a load
test measures the server rather than the browsers (scripts/bench_load.py), and the privacy test
drives a real session with it (tests/test_privacy.py).

Like the browser, it reruns a fragment when the server asks for it (``auto_rerun``, the page's
deferred analysis) and forgets those timers when a run of the whole page starts.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
WIDGET_KINDS = (
    "number_input",
    "selectbox",
    "radio",
    "checkbox",
    "toggle",
    "button",
    "date_input",
    "text_input",
    "multiselect",
)


@dataclass
class Run:
    """What one interaction cost, seen from the client [s]: until the answer's headline arrived,
    until the run ended, and until the page settled (the deferred reruns it asked for done)."""

    answer_s: float | None = None
    finished_s: float | None = None
    settled_s: float | None = None
    runs: int = 0
    error: str | None = None


@dataclass
class Session:
    """One browser tab's worth of Streamlit session, over one websocket."""

    url: str
    query_string: str = ""
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # user key -> (kind, id)
    headline: str = ""
    texts: list[str] = field(default_factory=list)
    auto_reruns: dict[str, float] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    _ws: websockets.ClientConnection | None = None

    async def open(self, timeout_s: float = 120) -> Run:
        """Connect and run the page once (with ``query_string``); wait until it settles."""
        ws_url = self.url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self._ws = await websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None)
        return await self._interact(self._rerun_msg(), timeout_s)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def set_number(self, key: str, value: float, timeout_s: float = 120) -> Run:
        """Type ``value`` into the number input of ``key`` (as a browser sends it)."""
        state = WidgetState(id=self.widgets[key][1], double_value=value)
        return await self._interact(self._rerun_msg([state]), timeout_s)

    async def click(self, key: str, timeout_s: float = 120) -> Run:
        state = WidgetState(id=self.widgets[key][1], trigger_value=True)
        return await self._interact(self._rerun_msg([state]), timeout_s)

    def _rerun_msg(self, states: list[WidgetState] | None = None, fragment_id: str = "") -> BackMsg:
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query_string
        client.widget_states.widgets.extend(states or [])
        if fragment_id:
            client.fragment_id = fragment_id
            client.is_auto_rerun = True
        return msg

    async def _interact(self, msg: BackMsg, timeout_s: float) -> Run:
        run = Run()
        self.texts = []
        start = time.perf_counter()
        try:
            await asyncio.wait_for(self._until_settled(msg, run, start), timeout_s)
        except (TimeoutError, websockets.ConnectionClosed) as exc:
            run.error = type(exc).__name__
        return run

    async def _until_settled(self, msg: BackMsg, run: Run, start: float) -> None:
        await self._send(msg)
        while True:
            await self._until_finished(run, start)
            if not self.auto_reruns:
                run.settled_s = time.perf_counter() - start
                return
            # The browser's timer: rerun each fragment that asked for it after its interval.
            fragment_id, interval = next(iter(self.auto_reruns.items()))
            await asyncio.sleep(interval)
            await self._send(self._rerun_msg(fragment_id=fragment_id))

    async def _send(self, msg: BackMsg) -> None:
        assert self._ws is not None
        await self._ws.send(msg.SerializeToString())

    async def _until_finished(self, run: Run, start: float) -> None:
        assert self._ws is not None
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self._ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session" and not fwd.metadata.run.fragment_ids:
                self.auto_reruns.clear()  # a run of the whole page: the browser drops its timers
            elif kind == "auto_rerun":
                self.auto_reruns[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fid in fwd.stop_auto_rerun.fragment_ids:
                    self.auto_reruns.pop(fid, None)
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta":
                self._read(fwd, run, start)
            elif kind == "script_finished":
                run.runs += 1
                if fwd.script_finished in DONE:
                    run.finished_s = run.finished_s or time.perf_counter() - start
                    return

    def _read(self, fwd: ForwardMsg, run: Run, start: float) -> None:
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind in WIDGET_KINDS:
            widget = getattr(element, kind)
            key = widget.id.rsplit("-", 1)[-1] if widget.id.startswith("$$ID-") else widget.id
            self.widgets[key] = (kind, widget.id)
        elif kind == "markdown":
            body = element.markdown.body
            self.texts.append(body)
            if body.startswith("#### ") and run.answer_s is None:
                self.headline = body
                run.answer_s = time.perf_counter() - start
        elif kind == "exception":
            self.exceptions.append(element.exception.type)
