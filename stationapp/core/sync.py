"""Sync with the county center, over the station's log (DESIGN §5): enrolment and one round.

``StationSync(station)`` joins the station to a county center (:meth:`StationSync.enroll`) and
pushes its events (:meth:`StationSync.run`): ask the county's head, check it against the local
chain, push what the county does not hold in seq order and in batches, and mark events
``pushed`` only once the county's answer is in. Each round is recorded in ``sync_log`` for the
同步 page.

A round is a :class:`SyncRound`: its steps read and write the store, and between them it asks
for one :class:`CountyCall` at a time (head, push, events, feed), which touches no store. The
command line makes each call in place (:meth:`StationSync.run`); the GUI makes it on a network
thread and takes the answer back to the database thread (DESIGN §2: network work never runs on
the database thread), so a crawling link never delays an operator's action.

The token lives in ``data_dir/secrets.json`` (``SecretStore``), never in the database, so
backups and exports cannot leak it. The transport (``sync.client``, which loads ``requests`` and
pydantic) is imported on first use, not with the core.

A fork (an old backup restored here, seqs reused) is healed as DESIGN §5 says and recorded in
``sync_forks``; a history edited after it was sent is refused with a :class:`StateError` that
says what to do, and nothing is sent.
"""

from __future__ import annotations

import contextlib
import json
import platform
import sqlite3
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from stationapp.core import clock, event_store
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import GENESIS_HASH, Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from stationapp.core.county_feed import PageTaken
    from stationapp.core.station import Station
    from sync.client import CountyClient
    from sync.pacing import Batcher
    from sync.protocol import EnrollResponse, FeedResponse

TOKEN_SECRET = "sync.county.token"  # the name in secrets.json
META_COUNTY_URL = "county.url"
META_COUNTY_NAME = "county.station_name"
META_TOWNSHIP = "county.township"
META_VILLAGE = "county.village"
META_ENROLLED_AT = "county.enrolled_at"
META_CLOCK_SKEW = "county.clock_skew_s"  # this PC's clock minus the county's, last measured
META_CLOCK_MEASURED_AT = "county.clock_measured_at"
CLOCK_OFF_AFTER_S = 5 * 60  # DESIGN §5; the county flags the same (sync.protocol.MAX_CLOCK_SKEW_S)

MAX_TRIES_PER_ROUND = 4  # timeouts in a row, each with a smaller batch, before the round stops

Progress = Callable[[int, int], None]  # (events the county now holds of this round, to send)
FeedProgress = Callable[[int], None]  # changes taken from the county's feed so far this round
FEED_PAGE = 5000  # changes per page of the feed: the most the county gives (protocol.MAX_PAGE)


def migrate_sync(db: Any) -> None:
    """The body of migration ``006_sync`` (``db``: a sqlite_utils.Database): the history of
    sync rounds shown on the 同步 page. Local only, never sent."""
    db.execute(
        """
        CREATE TABLE sync_log (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            accepted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            batches INTEGER NOT NULL DEFAULT 0,
            head_seq INTEGER NOT NULL DEFAULT 0,
            waiting INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX sync_log_started ON sync_log (started_at)")
    # forks healed (DESIGN §5): the county's events taken in, ours moved after them
    db.execute(
        """
        CREATE TABLE sync_forks (
            id INTEGER PRIMARY KEY,
            healed_at TEXT NOT NULL,
            common_seq INTEGER NOT NULL,
            county_head_seq INTEGER NOT NULL,
            taken INTEGER NOT NULL,
            moved INTEGER NOT NULL,
            moves TEXT NOT NULL
        )
        """
    )


# --- what a round's failure means, in plain words --------------------------------------------

OFFLINE = "offline"
TIMED_OUT = "timed_out"
NOT_THE_COUNTY = "not_the_county"
SERVER_ERROR = "server_error"
BUSY = "busy"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
UPDATE_REQUIRED = "update_required"
INVALID_EVENT = "invalid_event"
DIVERGED = "diverged"
CHAIN_CONFLICT = "chain_conflict"
NO_PROGRESS = "no_progress"
EDITED = "edited"

PLAIN_WORDS: dict[str, str] = {
    OFFLINE: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center cannot be reached (no network?). The records wait here and are sent "
        "when the network is back.",
    ),
    TIMED_OUT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center did not answer in time (slow network). The station tries again by "
        "itself with smaller batches.",
    ),
    NOT_THE_COUNTY: QT_TRANSLATE_NOOP(
        "UserError",
        "Something other than the county center answered (a Wi-Fi login page?). Log in to the "
        "network in a browser, then sync again.",
    ),
    SERVER_ERROR: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center had a problem (error {status}). The station tries again later by "
        "itself; nothing is lost.",
    ),
    BUSY: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center is busy. The station tries again in a few minutes by itself.",
    ),
    UNAUTHORIZED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center did not accept this station's key (a new code may have been "
        "issued). Join the county center again with the new code.",
    ),
    FORBIDDEN: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center says this station's key belongs to another station. Join again "
        "with this station's own code.",
    ),
    UPDATE_REQUIRED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center needs a newer version of this app. Update the app, then sync again.",
    ),
    INVALID_EVENT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center refused a record ({detail}). Tell the county center's support; "
        "the records wait here.",
    ),
    DIVERGED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center's copy of this station's records differs from this one at record "
        "{seq}. Nothing more was sent. Call the county center's support; do not delete "
        "anything.",
    ),
    CHAIN_CONFLICT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center holds a different history of this station at record {seq} (an "
        "old backup was restored here, or records were changed). Nothing was sent. Call the "
        "county center's support; do not delete anything.",
    ),
    EDITED: QT_TRANSLATE_NOOP(
        "UserError",
        "The records here differ from the county center's at record {seq}, in records that "
        "were already sent: they were changed here afterwards. Nothing was sent. Call the "
        "county center's support; do not delete anything.",
    ),
    NO_PROGRESS: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center took none of the records sent. The station tries again later; if "
        "this stays, call the county center's support.",
    ),
}


def plain_words(error: str, params: dict[str, Any] | None = None) -> str:
    """The shown text for a round's error code ("" for none), in the installed language."""
    if not error:
        return ""
    text = PLAIN_WORDS.get(error, PLAIN_WORDS[SERVER_ERROR])
    values = {"status": "", "detail": "", "seq": ""}
    values.update(params or {})
    return translate("UserError", text).format(**values)


# --- results ---------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """One round: what the county took, where its head is, and the error if the round stopped."""

    started_at: str
    finished_at: str = ""
    accepted: int = 0
    duplicates: int = 0
    batches: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    waiting: int = 0  # events still not at the county after the round
    error: str = ""  # one of the codes above; "" when the round went through
    params: dict[str, Any] = field(default_factory=dict)
    detail: str = ""  # technical detail for support (English, not shown to operators)
    retry_after: float | None = None  # the county asked to come back after this many seconds
    fork: HealedFork | None = None  # a fork healed in this round
    taken: int = 0  # changes taken from the county's feed (reference data, its events)
    feed_pages: int = 0
    log_id: int = 0  # the round's row in sync_log, once recorded

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def message(self) -> str:
        return plain_words(self.error, self.params)


@dataclass(frozen=True)
class HealedFork:
    """What healing a fork did: the county's events after ``common_seq`` taken in, and this
    station's own events after them moved to new seqs (ids unchanged): (id, old, new)."""

    common_seq: int
    county_head_seq: int
    taken: int
    moves: list[tuple[str, int, int]]


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    station_id: str
    county_url: str
    waiting: int
    last_sync_at: str  # last round that went through; "" never
    last_attempt_at: str
    last_error: str  # plain words of the last round's error; "" when it went through
    clock_skew_s: int | None = None  # this PC's clock minus the county's; None: not measured
    clock_measured_at: str = ""  # this PC's time when it was measured

    @property
    def clock_off(self) -> bool:
        """More than five minutes off the county's clock: the operator is told to set it."""
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_OFF_AFTER_S


@dataclass(frozen=True)
class EnrolledStation:
    station_id: str
    station_name: str
    township: str
    village: str


@dataclass(frozen=True)
class SyncLogEntry:
    started_at: str
    finished_at: str
    ok: bool
    accepted: int
    duplicates: int
    head_seq: int
    waiting: int
    message: str
    taken: int = 0  # changes taken from the county's feed


class _RoundStopped(Exception):
    def __init__(self, error: str, detail: str = "", **params: Any) -> None:
        super().__init__(error)
        self.error = error
        self.detail = detail
        self.params = params
        self.retry_after: float | None = None


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


# --- the driver ------------------------------------------------------------------------------


class StationSync:
    """``st.sync``. Not thread-safe: called on the station's worker thread like the rest."""

    feed_in_round = True
    """Whether :meth:`run` also takes the county's feed after the pushes. The GUI's runner
    turns it off and takes the feed itself (:meth:`open_feed`, :meth:`take_feed_page`,
    :meth:`record_feed`), the downloads on a network thread and each page a short job of the
    database thread, so a big registry never holds the database thread for long."""

    def __init__(
        self,
        station: Station,
        *,
        client_factory: Callable[[str, str | None], CountyClient] | None = None,
        batcher: Batcher | None = None,
    ) -> None:
        self.station = station
        self.conn: sqlite3.Connection = station.conn
        self._client_factory = client_factory  # (url, token) -> client; tests set timeouts
        self._batcher = batcher  # kept between rounds: the link's speed is remembered

    # enrolment ---------------------------------------------------------------------------------

    def enroll(
        self, server_url: str, code: str, *, device_name: str = "", app_version: str = ""
    ) -> EnrolledStation:
        """Join the county center at ``server_url`` with the code it issued for this station,
        all in this thread (the command line). The GUI makes the county's call on a network
        thread: :meth:`trade_enrolment_code` there, then :meth:`take_enrolment` here."""
        url, answer = self.trade_enrolment_code(
            server_url, code, device_name=device_name, app_version=app_version
        )
        return self.take_enrolment(url, answer)

    def trade_enrolment_code(
        self, server_url: str, code: str, *, device_name: str = "", app_version: str = ""
    ) -> tuple[str, EnrollResponse]:
        """Network only, any thread (it touches no store): the code traded for the county's
        answer, (the checked address, the answer); refusals in plain words."""
        return trade_code(
            lambda checked_url: self._client(checked_url, None),
            server_url,
            code,
            device_name=device_name,
            app_version=app_version,
        )

    def take_enrolment(self, url: str, answer: EnrollResponse) -> EnrolledStation:
        """Database thread: keep the county's answer to :meth:`trade_enrolment_code` (the
        token, the station's id and places); refused when this station joined as another."""
        current = self.station_id
        if current and current != answer.station_id:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This station is already joined as {current}, but the code is for station "
                    "{other}. Ask the county center for this station's own code.",
                ),
                current=current,
                other=answer.station_id,
            )
        self._secrets().set(TOKEN_SECRET, answer.token)
        with self.station.store.transaction() as conn:
            for key, value in (
                ("station_id", answer.station_id),
                (META_COUNTY_URL, url),
                (META_COUNTY_NAME, answer.station_name),
                (META_TOWNSHIP, answer.township),
                (META_VILLAGE, answer.village),
                (META_ENROLLED_AT, clock.now_iso()),
            ):
                # station_id is among them: every event names it from now on (it is not
                # hashed, so the chain stays valid; event_store keeps it once, not per event)
                _put_meta(conn, key, value)
        self.station.log.station_id = answer.station_id
        return EnrolledStation(
            answer.station_id, answer.station_name, answer.township, answer.village
        )

    @property
    def station_id(self) -> str:
        return self._meta("station_id")

    @property
    def county_url(self) -> str:
        return self._meta(META_COUNTY_URL)

    def is_enrolled(self) -> bool:
        return bool(self.station_id and self.county_url and self._secrets().get(TOKEN_SECRET))

    # what the screens show ---------------------------------------------------------------------

    def unpushed_count(self) -> int:
        return self.station.log.unpushed_count()

    _measured_clock: tuple[int, str] | None = None  # the client's last skew, not yet kept

    def _clock_measured(self, skew_s: float) -> None:
        """From the client (on whichever thread calls the county): kept by :meth:`status`,
        which runs on the database thread."""
        self._measured_clock = (round(skew_s), clock.now_iso())

    def status(self) -> SyncStatus:
        measured, self._measured_clock = self._measured_clock, None
        if measured is not None and str(measured[0]) != self._meta(META_CLOCK_SKEW):
            with self.station.store.transaction() as conn:
                _put_meta(conn, META_CLOCK_SKEW, measured[0])
                _put_meta(conn, META_CLOCK_MEASURED_AT, measured[1])
        skew = self._meta(META_CLOCK_SKEW)
        last = self.conn.execute(
            "SELECT finished_at, error, params FROM sync_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        last_ok = self.conn.execute(
            "SELECT finished_at FROM sync_log WHERE ok = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return SyncStatus(
            enrolled=self.is_enrolled(),
            station_id=self.station_id,
            county_url=self.county_url,
            waiting=self.unpushed_count(),
            last_sync_at=last_ok[0] if last_ok else "",
            last_attempt_at=last[0] if last else "",
            last_error=plain_words(last[1], json.loads(last[2])) if last else "",
            clock_skew_s=int(skew) if skew else None,
            clock_measured_at=self._meta(META_CLOCK_MEASURED_AT),
        )

    def history(self, limit: int = 50) -> list[SyncLogEntry]:
        rows = self.conn.execute(
            "SELECT started_at, finished_at, ok, accepted, duplicates, head_seq, waiting, error,"
            " params, taken FROM sync_log ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            SyncLogEntry(
                r[0],
                r[1],
                bool(r[2]),
                r[3],
                r[4],
                r[5],
                r[6],
                plain_words(r[7], json.loads(r[8])),
                taken=r[9],
            )
            for r in rows
        ]

    # one round ---------------------------------------------------------------------------------

    def run(
        self, progress: Progress | None = None, feed_progress: FeedProgress | None = None
    ) -> SyncReport:
        """One round: head, compare, push what the county lacks, then take the county's feed
        (reference data and its events, page by page: ``report.taken``). Network trouble ends
        the round with ``report.error`` set (the caller backs off, see
        ``sync.pacing.Backoff``); the feed's pages taken before it stay taken. A fork is healed
        (``report.fork``); a history changed after it was sent, or a conflict that healing did
        not end, raises :class:`StateError` after the round is recorded.
        ``progress(done, total)``: events the county took in this round, of those it lacked at
        the start and those recorded since;
        ``feed_progress(taken)``: the feed's changes taken so far."""
        if not self.is_enrolled():
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This station has not joined a county center yet. Join it first in the "
                    "settings (设置 → 加入县级中心) with the code the county center gave.",
                )
            )
        round_ = self.begin(progress, feed_progress)
        call = round_.step()
        while call is not None:  # here, in this thread: the command line has no windows
            call = round_.step(call.run())
        return round_.finish()

    def begin(
        self, progress: Progress | None = None, feed_progress: FeedProgress | None = None
    ) -> SyncRound:
        """A round to run step by step (:class:`SyncRound`), for a caller that makes the
        county's calls on another thread (the GUI). Refused like :meth:`run` when the station
        has not joined."""
        if not self.is_enrolled():
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This station has not joined a county center yet. Join it first in the "
                    "settings (设置 → 加入县级中心) with the code the county center gave.",
                )
            )
        report = SyncReport(started_at=clock.now_iso())
        token = self._secrets().get(TOKEN_SECRET)
        client = self._client(self.county_url, token.reveal() if token else None)
        steps = self._round_steps(client, report, progress, feed_progress)
        return SyncRound(self, report, client, steps)

    def _round_steps(
        self,
        client: CountyClient,
        report: SyncReport,
        progress: Progress | None,
        feed_progress: FeedProgress | None,
    ) -> RoundSteps:
        """The round itself: each ``yield`` hands a :class:`CountyCall` out and takes its value
        back (its failure is raised here, at the ``yield``); everything else touches the store."""
        for attempt in range(2):
            try:
                yield from self._push_all(client, report, progress)
                break
            except _RoundStopped as stop:
                if stop.error != CHAIN_CONFLICT or attempt > 0:
                    raise
                # a fork: take the county's events in, move ours after them, go on
                report.fork = yield from self._heal_fork(client)
        if self.feed_in_round:
            yield from self._pull_feed(client, report, feed_progress)

    # the county's feed ----------------------------------------------------------------------

    def _pull_feed(
        self, client: CountyClient, report: SyncReport, feed_progress: FeedProgress | None
    ) -> RoundSteps:
        """After the pushes: ``sync/feed`` after the last cursor taken, until ``more`` is false.
        Each page is taken with its cursor in one transaction, so a round cut off keeps the
        pages it took and the next round goes on after them."""
        from sync import client as wire

        after = self.station.county.cursor()
        while True:
            try:
                page = yield CountyCall("feed", partial(fetch_feed_page, client, after))
            except wire.SyncFailure as error:
                raise _stopped(error) from error
            self.count_feed_page(report, self.take_feed_page(page))
            if feed_progress is not None:
                feed_progress(report.taken)
            if not page.more or not page.changes or page.next == after:
                return
            after = page.next

    def open_feed(self) -> tuple[CountyClient, str]:
        """For a caller that downloads the feed on another thread: a client of the county (it
        does not touch the database) and the cursor to ask after."""
        token = self._secrets().get(TOKEN_SECRET)
        client = self._client(self.county_url, token.reveal() if token else None)
        return client, self.station.county.cursor()

    def take_feed_page(self, page: FeedResponse) -> PageTaken:
        """One page of the feed into the station, with its cursor, in one transaction."""
        return self.station.county.apply_page(page.changes, page.next)

    @staticmethod
    def count_feed_page(report: SyncReport, taken: PageTaken) -> None:
        report.taken += taken.changes
        report.feed_pages += 1

    def record_feed(self, report: SyncReport, failure: Exception | None = None) -> SyncReport:
        """The feed's part of a round recorded after the round (``feed_in_round`` off): what
        it took, and the failure (a ``sync.client.SyncFailure``) that stopped it, if any."""
        if failure is not None and report.ok:
            stop = _stopped(failure)
            report.error, report.detail, report.params = stop.error, stop.detail, stop.params
            report.retry_after = stop.retry_after
        report.finished_at = clock.now_iso()
        with self.station.store.transaction() as conn:
            conn.execute(
                "UPDATE sync_log SET finished_at = ?, ok = ?, taken = ?, error = ?, params = ?,"
                " detail = ? WHERE id = ?",
                (
                    report.finished_at,
                    int(report.ok),
                    report.taken,
                    report.error,
                    json.dumps(report.params, ensure_ascii=False),
                    report.detail[:2000],
                    report.log_id,
                ),
            )
        return report

    # pushing -----------------------------------------------------------------------------------

    def _push_all(
        self, client: CountyClient, report: SyncReport, progress: Progress | None
    ) -> RoundSteps:
        from sync import client as wire

        if self._batcher is None:
            from sync.pacing import Batcher

            self._batcher = Batcher()
        batcher = self._batcher
        station_id = self.station_id
        county_seq = first_seq = yield from self._take_head(client, report)

        def tell() -> None:
            # of what the county lacked at the start, and what was recorded since (the
            # operator works on while the round's calls wait on the link)
            if progress is not None:
                progress(county_seq - first_seq, self.station.log.head()[0] - first_seq)

        tell()
        tries = 0
        while True:
            events = self._events_after(county_seq, batcher.size)
            if not events:
                return
            batch = batcher.cut([wire_event(e) for e in events])
            try:  # compressed and sent by the call, off the database thread
                answer, seconds = yield CountyCall(
                    "push", partial(_timed, client.push, station_id, batch)
                )
            except (wire.TimedOut, wire.TooLarge) as error:
                # a slow link or a body too big: smaller batches, from where the county is
                batcher.timed_out()
                tries += 1
                if tries >= MAX_TRIES_PER_ROUND:
                    raise _stopped(error) from error
                county_seq = yield from self._take_head(client, report)
                tell()
                continue
            except wire.SyncFailure as error:
                stop = _stopped(error)
                if stop.error not in (CHAIN_CONFLICT, INVALID_EVENT):
                    # after a failure, ask where the county is: maybe it took the batch
                    with contextlib.suppress(_RoundStopped):
                        yield from self._take_head(client, report)
                raise stop from error
            tries = 0
            report.batches += 1
            report.accepted += answer.accepted
            report.duplicates += answer.duplicates
            if answer.head_seq <= county_seq:
                raise _RoundStopped(NO_PROGRESS, f"head stayed at {answer.head_seq}")
            self._check_against_local(answer.head_seq, answer.head_hash, DIVERGED)
            self._mark_pushed(answer.head_seq)
            report.head_seq, report.head_hash = answer.head_seq, answer.head_hash
            batcher.went_well(seconds)
            county_seq = answer.head_seq
            tell()

    def _heal_fork(self, client: CountyClient) -> Generator[CountyCall, Any, HealedFork]:
        """DESIGN §5: fetch the county's events from the common point, take them into the log,
        append this station's own unpushed events after them with new seqs (ids unchanged),
        rebuild the tables, record it. Nothing is dropped; an edited history is refused."""
        from sync import client as wire

        # events marked pushed were checked against the county's hash: the chains agree there
        base_seq = self.conn.execute(
            "SELECT coalesce(max(seq), 0) FROM event_log WHERE pushed = 1"
        ).fetchone()[0]
        base_hash = self._hash_at(base_seq)
        theirs = []
        after = base_seq
        try:
            while True:
                page = yield CountyCall(
                    "events", partial(client.events, after_seq=after, limit=500)
                )
                theirs.extend(page.events)
                if not page.more or not page.events:
                    break
                after = page.events[-1].seq
        except wire.SyncFailure as error:
            raise _stopped(error) from error
        ours = self._events_after(base_seq, 2**62)
        matched = 0
        while (
            matched < len(theirs)
            and matched < len(ours)
            and theirs[matched].seq == ours[matched].seq
            and theirs[matched].hash == ours[matched].hash
        ):
            matched += 1
        common_seq = ours[matched - 1].seq if matched else base_seq
        taken, moved = theirs[matched:], ours[matched:]
        first_bad = moved[0].seq if moved else common_seq + 1
        their_ids = {e.id for e in taken}
        if (
            not taken
            or (theirs and theirs[0].prev_hash != base_hash)
            or any(e.id in their_ids for e in moved)
        ):
            raise _RoundStopped(EDITED, f"no fork to heal after seq {common_seq}", seq=first_bad)
        prev_hash = self._hash_at(common_seq) if matched == 0 else ours[matched - 1].hash
        for event in taken:  # the county's chain is checked before anything is written
            if event.prev_hash != prev_hash or event.chain_hash(prev_hash) != event.hash:
                raise _RoundStopped(
                    EDITED, f"county chain broken at seq {event.seq}", seq=event.seq
                )
            prev_hash = event.hash
        moves = self._rewrite_after(common_seq, taken, moved)
        fork = HealedFork(common_seq, taken[-1].seq, len(taken), moves)
        return fork

    def _rewrite_after(self, common_seq: int, taken: list, moved: list[Event]):
        from stationapp.core.events import (
            PROJECTED_TABLES,
            Replay,
            canonical_json,
            event_hash_of,
            project,
        )

        log = self.station.log
        moves: list[tuple[str, int, int]] = []
        try:
            with self.station.store.transaction() as conn:
                # the tables are emptied and filled again below; references hold at commit
                conn.execute("PRAGMA defer_foreign_keys = ON")
                event_store.delete_after(conn, common_seq)
                event_store.insert(conn, (event_store.pushed_row(e, hash=e.hash) for e in taken))
                seq, prev = taken[-1].seq, taken[-1].hash
                ours = []
                for e in moved:  # our own, unpushed: new seqs after the county's, ids kept
                    seq += 1
                    payload_json = canonical_json(e.payload)
                    digest = event_hash_of(
                        prev,
                        id=e.id,
                        seq=seq,
                        type=e.type,
                        entity_id=e.entity_id,
                        occurred_at=e.occurred_at,
                        operator=e.operator,
                        payload_json=payload_json,
                    )
                    ours.append(
                        event_store.stored_row(
                            seq=seq,
                            id=e.id,
                            type=e.type,
                            entity_id=e.entity_id,
                            occurred_at=e.occurred_at,
                            operator=e.operator,
                            payload_json=payload_json,
                            hash=digest,
                        )
                    )
                    moves.append((e.id, e.seq, seq))
                    prev = digest
                event_store.insert(conn, ours)
                for table in PROJECTED_TABLES:
                    conn.execute(f"DELETE FROM {table}")
                replay = Replay(conn, log.find_event)
                for event in list(log.iter_events()):
                    project(replay, event)
                conn.execute(
                    "INSERT INTO sync_forks (healed_at, common_seq, county_head_seq, taken,"
                    " moved, moves) VALUES (?,?,?,?,?,?)",
                    (
                        clock.now_iso(),
                        common_seq,
                        taken[-1].seq,
                        len(taken),
                        len(moves),
                        json.dumps(moves),
                    ),
                )
        finally:
            log._head = None  # the head moved (or the rollback left it where it was)
        return moves

    def _hash_at(self, seq: int) -> str:
        return event_store.hash_at(self.conn, seq)

    def forks(self) -> list[HealedFork]:
        rows = self.conn.execute(
            "SELECT common_seq, county_head_seq, taken, moves FROM sync_forks ORDER BY id"
        ).fetchall()
        return [HealedFork(r[0], r[1], r[2], [tuple(m) for m in json.loads(r[3])]) for r in rows]

    def _take_head(
        self, client: CountyClient, report: SyncReport
    ) -> Generator[CountyCall, Any, int]:
        """Ask the county's head, check it against the local chain, mark what it holds."""
        from sync import client as wire

        try:
            head = yield CountyCall("head", client.head)
        except wire.SyncFailure as error:
            raise _stopped(error) from error
        if head.station_id and head.station_id != self.station_id:
            raise _RoundStopped(FORBIDDEN, f"head is for station {head.station_id}")
        self._check_against_local(head.head_seq, head.head_hash, CHAIN_CONFLICT)
        self._mark_pushed(head.head_seq)
        report.head_seq, report.head_hash = head.head_seq, head.head_hash
        return head.head_seq

    def _check_against_local(self, seq: int, digest: str, error: str) -> None:
        if seq == 0:
            return
        local = event_store.hash_at(self.conn, seq)
        if not local:
            raise _RoundStopped(
                error, f"the county holds seq {seq}, beyond the local head", seq=seq
            )
        if local != digest:
            raise _RoundStopped(error, f"seq {seq}: county hash {digest} != local {local}", seq=seq)

    def _events_after(self, seq: int, limit: int) -> list[Event]:
        return self.station.log.events_after(seq, limit)

    def _mark_pushed(self, up_to_seq: int) -> None:
        if up_to_seq <= 0:
            return
        with self.station.store.transaction() as conn:
            event_store.mark_pushed(conn, up_to_seq)

    def _record(self, report: SyncReport) -> None:
        with self.station.store.transaction() as conn:
            row = conn.execute(
                "INSERT INTO sync_log (started_at, finished_at, ok, accepted, duplicates, batches,"
                " head_seq, waiting, error, params, detail, taken)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    report.started_at,
                    report.finished_at,
                    int(report.ok),
                    report.accepted,
                    report.duplicates,
                    report.batches,
                    report.head_seq,
                    report.waiting,
                    report.error,
                    json.dumps(report.params, ensure_ascii=False),
                    report.detail[:2000],
                    report.taken,
                ),
            )
            report.log_id = row.lastrowid or 0

    # helpers -----------------------------------------------------------------------------------

    def _client(self, url: str, token: str | None) -> CountyClient:
        if self._client_factory is not None:
            client = self._client_factory(url, token)
        else:
            from sync.client import CountyClient

            client = CountyClient(url, token)
        client.on_clock_skew = self._clock_measured  # every answer measures this PC's clock
        return client

    def _secrets(self):
        from stationapp.sms.secrets import SecretStore

        return SecretStore(self.station.data_dir)

    def _meta(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM station_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""


def fetch_feed_page(client: CountyClient, after: str, limit: int | None = None) -> FeedResponse:
    """One page of the county's feed after the cursor ``after`` (``limit`` changes at most,
    :data:`FEED_PAGE` by default): network only, any thread. Raises the client's typed
    ``SyncFailure`` (an answer that is not the feed's JSON too)."""
    return client.feed(after, limit=limit or FEED_PAGE)


def _timed(send: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """``send(*args)`` and the seconds it took (the batcher's measure: the link alone, not the
    wait for the database thread)."""
    started = time.monotonic()
    return send(*args), time.monotonic() - started


def wire_event(event: Event) -> dict[str, Any]:
    """An event as pushed: no prev_hash/hash (the county recomputes them), no station_id (the
    push names it once)."""
    return {
        "id": event.id,
        "seq": event.seq,
        "type": event.type,
        "entity_id": event.entity_id,
        "occurred_at": event.occurred_at,
        "operator": event.operator,
        "payload": event.payload,
    }


def _stopped(error: Exception) -> _RoundStopped:
    from sync import client as wire

    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, wire.ChainConflict):
        stop = _RoundStopped(CHAIN_CONFLICT, detail, seq=error.head_seq)
    elif isinstance(error, wire.TimedOut):
        stop = _RoundStopped(TIMED_OUT, detail)
    elif isinstance(error, wire.TooLarge):
        stop = _RoundStopped(NO_PROGRESS, detail)
    elif isinstance(error, wire.Offline):
        stop = _RoundStopped(OFFLINE, detail)
    elif isinstance(error, wire.NotTheCounty):
        stop = _RoundStopped(NOT_THE_COUNTY, detail)
    elif isinstance(error, wire.ServerBusy):
        stop = _RoundStopped(BUSY, detail)
        stop.retry_after = error.retry_after
    elif isinstance(error, wire.ServerError):
        stop = _RoundStopped(SERVER_ERROR, detail, status=error.status)
    elif isinstance(error, wire.Unauthorized):
        stop = _RoundStopped(UNAUTHORIZED, detail)
    elif isinstance(error, wire.Forbidden):
        stop = _RoundStopped(FORBIDDEN, detail)
    elif isinstance(error, wire.UpdateRequired):
        stop = _RoundStopped(UPDATE_REQUIRED, detail)
    elif isinstance(error, wire.InvalidEvent):
        stop = _RoundStopped(INVALID_EVENT, detail, detail=getattr(error, "detail", ""))
    else:
        stop = _RoundStopped(SERVER_ERROR, detail, status=getattr(error, "status", ""))
    return stop


def trade_code(
    make_client: Callable[[str], CountyClient],
    server_url: str,
    code: str,
    *,
    device_name: str = "",
    app_version: str = "",
) -> tuple[str, EnrollResponse]:
    """Trade the code the county center issued for a station for its token: (the checked
    address, the county's answer). Refusals in plain words; writes nothing. Shared by joining
    (:meth:`StationSync.enroll`) and restoring onto a new PC (``core.sync_restore``)."""
    from sync import client as wire

    url = _check_url(server_url)
    code = (code or "").strip()
    if not code:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Type the code the county center gave for this station (on its letter).",
            )
        )
    client = make_client(url)
    try:
        answer = client.enroll(
            code, device_name or platform.node()[:200], app_version or _app_version()
        )
    except wire.UnknownCode as error:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center does not know the code {code}. Check it letter by "
                "letter, or ask the county center for a new one.",
            ),
            code=code,
        ) from error
    except wire.CodeUsed as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The code {code} was already used. Ask the county center to issue a new code "
                "for this station.",
            ),
            code=code,
        ) from error
    except wire.UpdateRequired as error:
        raise StateError(PLAIN_WORDS[UPDATE_REQUIRED]) from error
    except (wire.Offline, wire.ServerError) as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center at {url} cannot be reached now. Check the network and the "
                "address, then try again.",
            ),
            url=url,
        ) from error
    except wire.SyncFailure as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The address {url} did not answer like a county center. Check the address "
                "(it is on the county center's letter), then try again.",
            ),
            url=url,
        ) from error
    finally:
        client.close()
    return url, answer


def _check_url(server_url: str) -> str:
    url = (server_url or "").strip().rstrip("/")
    if url.endswith("/api/v1"):
        url = url[: -len("/api/v1")]
    if not url.startswith(("http://", "https://")) or len(url) <= len("https://"):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center's address {url} is not a web address. Write it like "
                "https://county.example.cn (it is on the county center's letter).",
            ),
            url=server_url,
        )
    return url


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("stationapp")
    except Exception:  # not installed (running from a checkout)
        return ""


def _put_meta(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO station_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )
