"""The event log's chain check while a main window is up, never ahead of an operator's action.

At login (every new main window: login, operator switch, language change) only the events
appended since the last check that passed are read (``st.events.check_appended``): a few
thousand at most, milliseconds. Then the whole chain is read again from the first event, in
slices of :data:`SLICE_EVENTS`, each queued on the database thread only when nothing else is
waiting there: an operator's search or save waits at most one slice (5-10 ms), and a
station of a million events is checked through in well under a minute of idle time. A pass
that ends without a problem is remembered as the next login's starting point. Why both: see
docs/architecture.md, "The chain check at login".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from stationapp.core import Station, VerifyResult
from stationapp.core.events import GENESIS_HASH
from stationapp.ui.kit.worker import StationWorker

SLICE_EVENTS = 500
"""Events per slice of the full check: 5-10 ms of the database thread."""


class ChainCheck(QObject):
    """``failed(result)`` when the login check or a slice finds a problem (the check stops);
    ``passed(events)`` when a full pass reached the head without one."""

    failed = Signal(VerifyResult)
    passed = Signal(int)

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        parent: QObject | None = None,
        *,
        slice_events: int = SLICE_EVENTS,
    ) -> None:
        super().__init__(parent)
        self._station = station
        self._worker = worker
        self.slice_events = slice_events
        self.login_result: VerifyResult | None = None
        self.events_checked = 0  # by the full pass so far
        self.running = False
        self._seq, self._hash = 0, GENESIS_HASH
        self._slicing = False  # a slice is queued or running
        worker.busy_changed.connect(self._worker_busy)

    def start(self) -> None:
        """The new events now, then the full pass at idle."""
        self._worker.call(self._station.events.check_appended, on_done=self._login_checked)

    def stop(self) -> None:
        self.running = False

    @Slot(bool)
    def _worker_busy(self, busy: bool) -> None:
        # the database thread has nothing left to do: the next slice may go
        if not busy and not self._slicing:
            self._next_slice()

    def _login_checked(self, result: VerifyResult) -> None:
        self.login_result = result
        if not result.ok:
            self.failed.emit(result)
            return
        self._seq, self._hash = 0, GENESIS_HASH
        self.events_checked = 0
        self.running = True
        self._next_slice()

    def _next_slice(self) -> None:
        # while other work waits (an operator's search, a save), it goes first: the pass goes on
        # when the database thread is idle again (busy_changed)
        if not self.running or self._slicing or not self._worker.idle:
            return
        self._slicing = True
        self._worker.call(
            self._station.events.check_slice,
            self._seq,
            self._hash,
            self.slice_events,
            on_done=self._sliced,
        )

    def _sliced(self, result: VerifyResult) -> None:
        self._slicing = False
        if not self.running:
            return
        self.events_checked += result.events_checked
        if not result.ok:
            self.running = False
            self.failed.emit(result)
            return
        self._seq, self._hash = result.last_seq, result.last_hash
        if result.events_checked < self.slice_events:  # reached the head
            self.running = False
            self._worker.call(self._station.events.remember_checked, self._seq, self._hash)
            self.passed.emit(self.events_checked)
            return
        self._next_slice()
