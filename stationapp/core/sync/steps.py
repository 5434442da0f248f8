"""A sync round step by step, split where it waits for the county: :class:`CountyCall` (one
request, network only, any thread) and its :class:`CallAnswer`; :class:`Stepped`, work written as
a generator of calls (a restore's download); :class:`SyncRound`, one round of
``StationSync``. The command line makes each call in place; the GUI makes it on a network thread
and gives the answer back to the database thread (DESIGN §2)."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from stationapp.core import clock
from stationapp.core.errors import StateError
from stationapp.core.sync.failures import (
    CHAIN_CONFLICT,
    EDITED,
    PLAIN_WORDS,
    TIMED_OUT,
    _RoundStopped,
)
from stationapp.core.sync.history import SyncReport

if TYPE_CHECKING:
    from stationapp.core.sync.facade import StationSync
    from sync.client import CountyClient

# --- a round, step by step ------------------------------------------------------------------


@dataclass(frozen=True)
class CallAnswer:
    """What a :class:`CountyCall` gave: its value, or the failure it raised (a ``SyncFailure``,
    or a bug), and how long the call took."""

    value: Any = None
    failure: BaseException | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class CountyCall:
    """One request to the county center that a round needs next. It talks to the network only
    (no store, no station state), so it may run on any thread; the GUI runs it on a network
    thread, never on the database thread."""

    name: str  # head, push, events, feed: for logs and tests
    send: Callable[[], Any]

    def run(self) -> CallAnswer:
        started = time.monotonic()
        try:
            value = self.send()
        except Exception as failure:  # handed to the round, which decides what it means
            return CallAnswer(None, failure, time.monotonic() - started)
        return CallAnswer(value, None, time.monotonic() - started)


RoundSteps = Generator[CountyCall, Any, None]
Result = TypeVar("Result")


class Stepped(Generic[Result]):
    """Work that waits on the county between steps that touch a store (a restore's download),
    written as a generator that yields each :class:`CountyCall` and takes its value back (its
    failure is raised at the ``yield``). :meth:`step` runs on the database thread up to the next
    call; the caller makes the call anywhere and gives its answer to the next :meth:`step`.
    :meth:`run_here` makes every call in this thread (the command line, scripts)."""

    def __init__(self, steps: Generator[CountyCall, Any, Result]) -> None:
        self._steps = steps
        self._begun = False
        self.done = False
        self.result: Result | None = None

    def step(self, answer: CallAnswer | None = None) -> CountyCall | None:
        """The next call to make, or None when done (then :attr:`result` holds the outcome).
        A refusal raised by the work comes out of here."""
        try:
            if not self._begun:
                self._begun = True
                return next(self._steps)
            if answer is None:
                raise ValueError("work that waits for a call goes on with its answer")
            if answer.failure is not None:
                return self._steps.throw(answer.failure)
            return self._steps.send(answer.value)
        except StopIteration as stop:
            self.done = True
            self.result = stop.value
            return None

    def close(self) -> None:
        """Give up (database thread): the work's ``finally`` blocks run, no call is waited for."""
        self._steps.close()

    def run_here(self) -> Result:
        call = self.step()
        while call is not None:
            call = self.step(call.run())
        return self.result  # type: ignore[return-value]


class SyncRound:
    """One round of :class:`StationSync`, split where it waits for the county.

    Database thread: :meth:`step` runs the round up to its next :class:`CountyCall` and returns
    it (None when the round needs nothing more from the network); the caller makes the call,
    anywhere, and gives the :class:`CallAnswer` to the next :meth:`step`. :meth:`finish` closes
    and records the round. Every rule of the round (head checks, events marked pushed only
    once the county's answer is stored, batches that grow and shrink, fork healing) lives in
    the steps, so the command line (all in one thread) and the GUI (the calls on a network
    thread) run the same round."""

    def __init__(
        self, sync: StationSync, report: SyncReport, client: CountyClient, steps: RoundSteps
    ) -> None:
        self.sync = sync
        self.report = report
        self.client = client
        self._work: Stepped[None] = Stepped(steps)
        self._conflict: _RoundStopped | None = None
        self.finished = False
        self.call: CountyCall | None = None
        """The call the round waits for (None: none)."""

    def step(self, answer: CallAnswer | None = None) -> CountyCall | None:
        """Database thread: go on with ``answer`` (None for the first step) up to the next call
        to make; None when the round is ready to :meth:`finish`."""
        self.call = None
        try:
            call = self._work.step(answer)
        except _RoundStopped as stop:
            self._stopped(stop)
            return None
        except BaseException:
            self.client.close()
            raise
        self.call = call
        return call

    def abandon(self, detail: str) -> SyncReport:
        """Database thread: end the round without waiting for the call under way (the program
        quits while the link is stuck). Nothing more is marked pushed; the next round asks the
        county's head and goes on from there. The call's client is left to its thread."""
        if self.finished:
            return self.report
        waiting_for = self.call
        self._work.close()
        if waiting_for is not None and self.report.ok:
            self.report.error, self.report.detail = TIMED_OUT, f"{waiting_for.name}: {detail}"
        return self._record(close_client=waiting_for is None)

    def finish(self) -> SyncReport:
        """Database thread: close and record the round; a history changed after it was sent,
        or a conflict that healing did not end, raises :class:`StateError` after the record."""
        if self.finished:
            return self.report
        report = self._record(close_client=True)
        if self._conflict is not None:
            raise StateError(PLAIN_WORDS[self._conflict.error], **self._conflict.params)
        return report

    def _stopped(self, stop: _RoundStopped) -> None:
        report = self.report
        report.error, report.detail, report.params = stop.error, stop.detail, stop.params
        report.retry_after = stop.retry_after
        if stop.error in (CHAIN_CONFLICT, EDITED):
            self._conflict = stop

    def _record(self, *, close_client: bool) -> SyncReport:
        self.finished = True
        if close_client:
            self.client.close()
        report = self.report
        report.waiting = self.sync.unpushed_count()
        report.finished_at = clock.now_iso()
        self.sync._record(report)
        return report
