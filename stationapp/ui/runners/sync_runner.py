"""Sync in the background: a round with the county center now and then, off the GUI thread.

A round is a ``StationSync.begin`` round (``core.sync_steps.SyncRound``) run step by
step: each step that reads or writes the store is a short job of the station's one database
thread (the ``StationWorker``); each call to the county between two steps (head, push, the
county's events when a fork is healed) runs on a network thread, so a link that crawls or stalls
never holds the database thread and never delays an operator's action (DESIGN §2). The county's
feed is then taken by a :class:`FeedPull`: downloads on a network thread, each page a short job
of the database thread, so a large registry arriving never freezes the windows. Progress
reaches the GUI thread by queued signals; ``changed`` carries what the feed changed (a
``Changes``: the station's events that the county's events caused, the kinds of county data
taken) for the main window to broadcast.

After a round that went through, the next comes ``interval_ms`` later; after a failure,
``sync.pacing.Backoff`` says when (a county's Retry-After is honoured). Nothing happens while the
station has not joined a county center; joining (a change of the ``sync`` line with no event,
broadcast through the main window) starts a round at once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from stationapp.core import Station, clock
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.lines import changes_of
from stationapp.core.sync.failures import (
    CHAIN_CONFLICT,
    NOT_THE_COUNTY,
    OFFLINE,
    SERVER_ERROR,
    TIMED_OUT,
)
from stationapp.core.sync.history import SyncReport, SyncStatus
from stationapp.core.sync.steps import CallAnswer, CountyCall, SyncRound
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.runners.feed_pull import FeedPull, FeedPulled

if TYPE_CHECKING:
    from sync.pacing import Backoff

log = logging.getLogger(__name__)

# a round that ended with one of these never reached the county: the station is offline
UNREACHABLE = (OFFLINE, TIMED_OUT, NOT_THE_COUNTY)


@dataclass(frozen=True)
class SyncState:
    """What the status bar and the 同步 page show. ``online`` is None before the first round."""

    enrolled: bool
    online: bool | None
    last_sync_at: str  # the last round that went through; "" never
    waiting: int  # events not yet at the county
    last_error: str  # the last round's error in plain words; "" when it went through
    running: bool = False
    next_try_s: float | None = None  # when the next round is due; None: none planned
    station_id: str = ""
    county_url: str = ""


@dataclass(frozen=True)
class _Outcome:
    report: SyncReport | None  # None: not joined, so no round
    status: SyncStatus | None  # None: could not be read after the feed (read it again)


@dataclass(frozen=True)
class CountyAnswered:
    """The county's answer to one call of a round, carried from its network thread."""

    round: SyncRound
    answer: CallAnswer


class SyncRunner(QObject):
    """One per run of the program (the shell owns it); lives on the GUI thread."""

    round_finished = Signal(SyncReport)
    progress = Signal(int, int)  # events the county now holds of this round, of those to send
    feed_progress = Signal(int)  # changes taken from the county's feed so far in this round
    changed = Signal(Changes)  # what the feed changed: the events it caused, the county kinds
    state_changed = Signal(SyncState)
    _progressed = Signal(int, int)  # emitted on the database thread
    _answered = Signal(CountyAnswered)  # emitted on a network thread

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        parent: QObject | None = None,
        *,
        interval_ms: int = 60000,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        if backoff is None:
            from sync.pacing import Backoff

            backoff = Backoff()
        self._station = station  # only ever called through the worker
        self._worker = worker
        self.interval_ms = interval_ms
        self.backoff = backoff
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._progressed.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        self._round: SyncRound | None = None  # the database thread's own
        # the runner takes the feed itself, page by page (see FeedPull), not inside run()
        station.sync.feed_in_round = False
        self.feed = FeedPull(station, worker, self)
        """Takes the county's feed after each round's pushes (its figures are read by tests)."""
        self.feed.progressed.connect(self.feed_progress)
        self.feed.finished.connect(self._feed_taken)
        self._running = False
        self._started = False
        self._stopped = False
        self.stop_requested = threading.Event()
        """Set when :meth:`stop` begins (a round not yet begun is skipped)."""
        self.next_delay_s: float | None = None
        """Seconds until the planned next round (None: none planned)."""
        self.state = SyncState(
            enrolled=False, online=None, last_sync_at="", waiting=0, last_error=""
        )

    @property
    def running(self) -> bool:
        """A round is under way (tests wait on this)."""
        return self._running

    @property
    def timer_active(self) -> bool:
        return self._timer.isActive()

    # control (GUI thread) -----------------------------------------------------------------------

    def start(self) -> None:
        """Read the state, and sync at once when the station has joined a county center."""
        if self._stopped or self._started:
            return
        self._started = True
        self.sync_now()

    def stop(self) -> None:
        """No more rounds (at quit). A round under way is ended and recorded without waiting
        for the county's answer to a call on its way: nothing is marked pushed without one, and
        the next round asks the county's head and goes on from there."""
        if self._stopped:
            return
        self._stopped = True
        self._running = False
        self.stop_requested.set()
        self._timer.stop()
        self.next_delay_s = None
        # the worker runs one call at a time: a step queued before this one has run
        with contextlib.suppress(RuntimeError):
            self._worker.wait_for(self._abandon_on_db)
        self.feed.stop()  # the pages downloaded are taken, the round's row says so

    @Slot()
    def sync_now(self) -> None:
        """A round now (the 立即同步 button, the timer, joining); never two at once."""
        if self._stopped or self._running:
            return
        self._timer.stop()
        self.next_delay_s = None
        self._running = True
        self._publish(running=True, next_try_s=None)
        self._worker.call(self._begin_on_db, on_done=self._stepped)

    @Slot()
    def refresh(self) -> None:
        """Read the state again (after a new main window is connected, say)."""
        if not self._stopped:
            self._worker.call(self._station.sync.status, on_done=self._status_read)

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        """The main window's broadcast: joining a county center starts a round at once (a
        change of the sync line with no event: the round's own records say nothing new)."""
        if changes.touches("sync") and not changes.events:
            self.backoff.succeeded()
            self.sync_now()

    # database thread ----------------------------------------------------------------------------

    def _begin_on_db(self) -> _Outcome | tuple[SyncRound, CountyCall]:
        sync = self._station.sync
        if self.stop_requested.is_set() or not sync.is_enrolled():
            return _Outcome(None, sync.status())
        self._round = sync.begin(progress=self._progress_on_db)
        return self._step_on_db(self._round, None)

    def _step_on_db(
        self, round_: SyncRound, answer: CallAnswer | None
    ) -> _Outcome | tuple[SyncRound, CountyCall]:
        """One step of the round: up to its next call to the county (handed to a network
        thread), or its end (recorded)."""
        sync = self._station.sync
        if round_ is not self._round or round_.finished:  # abandoned at stop meanwhile
            return _Outcome(None, sync.status())
        report = round_.report
        try:
            call = round_.step(answer)
            if call is not None:
                return round_, call
            report = round_.finish()
        except UserError as error:  # a conflict: the round is recorded, nothing was sent
            log.warning("the sync round was refused: %s", error.english)
            report = SyncReport(
                started_at=report.started_at,
                finished_at=clock.now_iso(),
                error=CHAIN_CONFLICT,
                params=dict(error.params),
                detail=error.text,
                waiting=sync.unpushed_count(),
            )
        except Exception as error:  # a bug: logged, the round recorded as failed, tried later
            log.exception("the sync round stopped on an unexpected error")
            report.error, report.detail = SERVER_ERROR, f"{type(error).__name__}: {error}"
            with contextlib.suppress(Exception):
                round_.abandon("the round stopped on an unexpected error")
        self._round = None
        return _Outcome(report, sync.status())

    def _abandon_on_db(self) -> None:
        """At stop: a round waiting for the county is recorded now, not when the link wakes."""
        round_, self._round = self._round, None
        if round_ is not None and not round_.finished:
            round_.abandon("the program stopped before the county answered")

    def _progress_on_db(self, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the runner is gone (the app quits)
            self._progressed.emit(done, total)

    # network thread -----------------------------------------------------------------------------

    def _call_on_network(self, round_: SyncRound, call: CountyCall) -> None:
        answer = call.run()  # never raises: a failure is in the answer
        with contextlib.suppress(RuntimeError):  # the runner is gone (the app quits)
            self._answered.emit(CountyAnswered(round_, answer))

    # GUI thread ---------------------------------------------------------------------------------

    def _stepped(self, stepped: _Outcome | tuple[SyncRound, CountyCall]) -> None:
        if isinstance(stepped, _Outcome):
            self._round_done(stepped)
            return
        if self._stopped:  # stop() recorded the round; its call is not made
            return
        round_, call = stepped
        threading.Thread(
            target=self._call_on_network,
            args=(round_, call),
            name=f"county-{call.name}",
            daemon=True,  # a call stuck on the link never keeps the program from closing
        ).start()

    @Slot(CountyAnswered)
    def _on_answer(self, answered: CountyAnswered) -> None:
        if self._stopped:  # the round was recorded at stop; this answer comes too late
            return
        self._worker.call(self._step_on_db, answered.round, answered.answer, on_done=self._stepped)

    def _round_done(self, outcome: _Outcome) -> None:
        report = outcome.report
        if report is not None and report.ok and not self._stopped and self.feed.start(report):
            return  # the round ends when the feed is taken
        self._round_ended(outcome)

    @Slot(FeedPulled)
    def _feed_taken(self, pulled: FeedPulled) -> None:
        kinds = pulled.taken.kinds if pulled.taken is not None else frozenset()
        if pulled.recorded or kinds:  # what changed first, then the round's end
            self.changed.emit(changes_of(pulled.recorded, county_kinds=kinds))
        self._round_ended(_Outcome(pulled.report, pulled.status))

    def _round_ended(self, outcome: _Outcome) -> None:
        self._running = False
        report, status = outcome.report, outcome.status
        online = self.state.online
        if report is not None:
            online = report.error not in UNREACHABLE
            if self._stopped:
                pass
            elif report.ok:
                self.backoff.succeeded()
                self._plan(self.interval_ms / 1000 if self.interval_ms > 0 else None)
            else:
                self._plan(self.backoff.failed(report.retry_after))
        if status is None:  # the feed's part could not read it: read it again
            self.refresh()
        else:
            self._show_status(status, online)
        if report is not None:
            self.round_finished.emit(report)

    def _status_read(self, status: SyncStatus) -> None:
        self._show_status(status, self.state.online)

    def _plan(self, delay_s: float | None) -> None:
        self.next_delay_s = delay_s
        if delay_s is not None:
            self._timer.start(max(0, int(delay_s * 1000)))

    def _show_status(self, status: SyncStatus, online: bool | None) -> None:
        self.state = SyncState(
            enrolled=status.enrolled,
            online=online if status.enrolled else None,
            last_sync_at=status.last_sync_at,
            waiting=status.waiting,
            last_error=status.last_error,
            running=self._running,
            next_try_s=self.next_delay_s,
            station_id=status.station_id,
            county_url=status.county_url,
        )
        self.state_changed.emit(self.state)

    def _publish(self, **changes: Any) -> None:
        from dataclasses import replace

        self.state = replace(self.state, **changes)
        self.state_changed.emit(self.state)
