"""The county's feed taken in the background, after a round's pushes, without holding the
database thread: each page is downloaded on a network thread and taken by a short job of the
database thread (``StationSync.take_feed_page``), the next page downloading meanwhile.

A 100,000-household registry arrives in pages of 2,000; between two pages the database thread
serves the windows, so the station stays usable while it arrives (STYLE.md, "One thread owns the
database"). Each page is taken with its cursor in one transaction: a pull cut off (network gone,
the app closed) keeps the pages taken, and the next round goes on after them.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from stationapp.core import Event, Station
from stationapp.core.county.facade import CountyDataTaken
from stationapp.core.county.feed import PageTaken
from stationapp.core.county.kinds import warm_up
from stationapp.core.sync import facade as sync
from stationapp.core.sync.facade import fetch_feed_page
from stationapp.core.sync.history import SyncReport, SyncStatus
from stationapp.ui.kit import errors
from stationapp.ui.kit.worker import StationWorker

if TYPE_CHECKING:
    from sync.client import CountyClient
    from sync.protocol import FeedResponse

log = logging.getLogger(__name__)

PAGE = 2000
"""Changes per page in the background: a smaller page than the command line's holds the
database thread a shorter while (about a quarter of a second on the station's PC)."""


@dataclass(frozen=True)
class FeedPulled:
    """The end of a pull: the round's report (recorded), the status after it, and what changed."""

    report: SyncReport
    status: SyncStatus | None  # None: it could not be read; read it again
    recorded: tuple[Event, ...] = ()  # the station's events that the county's events caused
    taken: CountyDataTaken | None = None  # None: nothing was taken


@dataclass
class _Pull:
    """One pull's state. GUI thread, except ``report`` (counted on the database thread, read on
    the GUI thread only after that job is done) and ``broken`` (set on the database thread)."""

    report: SyncReport
    client: CountyClient | None = None
    downloading: bool = False
    all_downloaded: bool = False
    taking: bool = False  # a page is with the database thread
    waiting: tuple[str, FeedResponse] | None = None  # downloaded, for when that page is taken
    failure: Exception | None = None  # the network failure that ended the pull
    broken: bool = False  # a page could not be taken: the pages after it are not taken either
    recorded: list[Event] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)


class FeedPull(QObject):
    """Takes the county's feed for a :class:`SyncRunner`; one pull at a time; GUI thread."""

    progressed = Signal(int)  # changes taken so far in this pull
    finished = Signal(FeedPulled)
    _downloaded = Signal(tuple)  # emitted on the network thread: (after, page, failure)

    def __init__(
        self, station: Station, worker: StationWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._station = station  # only ever called through the worker
        self._worker = worker
        self._pull: _Pull | None = None
        self._downloaded.connect(self._on_downloaded, Qt.ConnectionType.QueuedConnection)
        self.longest_take_s = 0.0
        """The longest time one page held the database thread (measured there)."""

    @property
    def active(self) -> bool:
        return self._pull is not None

    def start(self, report: SyncReport) -> bool:
        """Take the feed after the round ``report`` (recorded, pushes done); ``finished``
        tells the end. False when a pull is already under way."""
        if self._pull is not None:
            return False
        self._pull = _Pull(report)
        self._worker.call(self._open_on_db, on_done=self._opened)
        return True

    def stop(self) -> None:
        """At quit: no further download; the pages already downloaded are taken and what the
        pull took is recorded before this returns."""
        pull, self._pull = self._pull, None
        if pull is None:
            return
        with contextlib.suppress(RuntimeError):  # the database thread is already shut down
            self._worker.wait_for(self._record_on_db, pull)

    # GUI thread -------------------------------------------------------------------------------

    def _opened(self, opened: tuple[CountyClient, str] | Exception) -> None:
        pull = self._pull
        if isinstance(opened, Exception):
            errors.report_unexpected(opened)
            if pull is not None:
                pull.all_downloaded = True
                self._end_when_done(pull)
            return
        client, after = opened
        if pull is None:
            client.close()
            return
        pull.client = client
        self._download(pull, after)

    def _download(self, pull: _Pull, after: str) -> None:
        pull.downloading = True
        threading.Thread(
            target=self._download_on_network,
            args=(pull.client, after),
            name="county-feed",
            daemon=True,  # a download under way never keeps the program from closing
        ).start()

    @Slot(tuple)
    def _on_downloaded(self, answer: tuple[str, FeedResponse | None, Exception | None]) -> None:
        pull = self._pull
        if pull is None:  # stopped meanwhile
            return
        pull.downloading = False
        after, page, failure = answer
        if page is None:
            from sync.client import SyncFailure

            if isinstance(failure, SyncFailure):
                pull.failure = failure  # the round's error: offline, not the county...
            elif failure is not None:
                errors.report_unexpected(failure)
            pull.all_downloaded = True
        elif pull.broken:
            pull.all_downloaded = True  # a page before it could not be taken: not this one
        elif pull.taking:
            pull.waiting = (after, page)  # one page at a time: a window's job waits for one only
        else:
            self._hand_over(pull, after, page)
        self._end_when_done(pull)

    def _hand_over(self, pull: _Pull, after: str, page: FeedResponse) -> None:
        """Give a page to the database thread and download the next one meanwhile."""
        pull.taking = True
        self._worker.call(self._take_on_db, pull, after, page, on_done=self._taken)
        if page.more and page.changes and page.next != after and not pull.broken:
            self._download(pull, page.next)
        else:
            pull.all_downloaded = True

    def _taken(self, outcome: PageTaken | Exception | None) -> None:
        pull = self._pull
        if pull is None:
            return
        pull.taking = False
        if isinstance(outcome, Exception):
            errors.report_unexpected(outcome)
        elif outcome is not None:
            pull.recorded.extend(outcome.recorded)
            pull.kinds |= outcome.kinds
            self.progressed.emit(pull.report.taken)
        if pull.broken:
            pull.all_downloaded = True
            pull.waiting = None
        elif pull.waiting is not None:
            after, page = pull.waiting
            pull.waiting = None
            self._hand_over(pull, after, page)
        self._end_when_done(pull)

    def _end_when_done(self, pull: _Pull) -> None:
        if pull.all_downloaded and not (pull.downloading or pull.taking or pull.waiting):
            self._pull = None
            self._worker.call(self._record_on_db, pull, on_done=self.finished.emit)

    # database thread --------------------------------------------------------------------------

    def _open_on_db(self) -> tuple[CountyClient, str] | Exception:
        try:
            return self._station.sync.open_feed()
        except Exception as error:  # a bug: shown, and the round ends
            log.exception("the county's feed could not be opened")
            return error

    def _take_on_db(
        self, pull: _Pull, after: str, page: FeedResponse
    ) -> PageTaken | Exception | None:
        """One page, if it follows the last one taken; None when it was not taken."""
        station_sync = self._station.sync
        if pull.broken or self._station.county.cursor() != after:
            pull.broken = True
            return None
        started = time.perf_counter()
        try:
            taken = station_sync.take_feed_page(page)
        except Exception as error:  # a bug or a full disk: shown; the next round tries again
            log.exception("a page of the county's feed could not be taken")
            pull.broken = True
            return error
        finally:
            self.longest_take_s = max(self.longest_take_s, time.perf_counter() - started)
        station_sync.count_feed_page(pull.report, taken)
        return taken

    def _record_on_db(self, pull: _Pull) -> FeedPulled:
        station_sync = self._station.sync
        if pull.client is not None and not pull.downloading:
            pull.client.close()
        taken = CountyDataTaken(pull.report.taken, frozenset(pull.kinds))
        try:
            report = station_sync.record_feed(pull.report, pull.failure)
            status: SyncStatus | None = station_sync.status()
        except Exception:  # a bug or a full disk: logged; the runner reads the status again
            log.exception("the feed's part of a sync round could not be recorded")
            report, status = pull.report, None
        return FeedPulled(report, status, tuple(pull.recorded), taken if report.taken else None)

    # network thread ---------------------------------------------------------------------------

    def _download_on_network(self, client: CountyClient, after: str) -> None:
        answer: tuple[str, Any, Exception | None]
        try:
            warm_up()  # here, not on the database thread when the first page is taken
            answer = (after, fetch_feed_page(client, after, min(PAGE, sync.FEED_PAGE)), None)
        except Exception as failure:  # SyncFailure: the round's error; anything else: a bug
            answer = (after, None, failure)
        with contextlib.suppress(RuntimeError):  # the pull's owner is gone (the app quits)
            self._downloaded.emit(answer)
