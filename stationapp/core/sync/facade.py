"""Sync with the county center, over the station's log (DESIGN §5): enrolment and one round.

``StationSync(ctx)`` joins the station to a county center (:meth:`StationSync.enroll`) and
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
``sync.forks``; a history edited after it was sent is refused with a :class:`StateError` that
says what to do, and nothing is sent.

This module is the driver (enrolment, status and history, the round, the county's feed); its
parts live beside it: ``sync.steps`` (the round step by step), ``sync.push`` (batches and the
head), ``sync.forks`` (fork healing), ``sync.failures`` (error codes in plain words),
``sync.history`` (the tables and the records shown) and ``sync.enrolment`` (the code traded).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from stationapp.core import clock, meta, secrets
from stationapp.core.errors import StateError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.sync.enrolment import trade_code
from stationapp.core.sync.failures import CHAIN_CONFLICT, _RoundStopped, _stopped, plain_words
from stationapp.core.sync.forks import ForkHealing
from stationapp.core.sync.history import EnrolledStation, SyncLogEntry, SyncReport, SyncStatus
from stationapp.core.sync.push import Progress, Pushing
from stationapp.core.sync.steps import CountyCall, RoundSteps, SyncRound

if TYPE_CHECKING:
    from stationapp.core.county.feed import PageTaken
    from stationapp.core.line import LineContext
    from sync.client import CountyClient
    from sync.pacing import Batcher
    from sync.protocol import EnrollResponse, FeedResponse

FeedProgress = Callable[[int], None]  # changes taken from the county's feed so far this round
FEED_PAGE = 5000  # changes per page of the feed: the most the county gives (protocol.MAX_PAGE)


# --- the driver ------------------------------------------------------------------------------


class StationSync(ForkHealing, Pushing):
    """``st.sync``. Not thread-safe: called on the station's worker thread like the rest."""

    feed_in_round = True
    """Whether :meth:`run` also takes the county's feed after the pushes. The GUI's runner
    turns it off and takes the feed itself (:meth:`open_feed`, :meth:`take_feed_page`,
    :meth:`record_feed`), the downloads on a network thread and each page a short job of the
    database thread, so a big registry never holds the database thread for long."""

    def __init__(
        self,
        ctx: LineContext,
        *,
        client_factory: Callable[[str, str | None], CountyClient] | None = None,
        batcher: Batcher | None = None,
    ) -> None:
        self.ctx = ctx
        self.conn: sqlite3.Connection = ctx.conn
        self.county = ctx.shared["county"]  # the feed's pages go to the county line
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
        self._secrets().set(secrets.TOKEN_SECRET, answer.token)
        with self.ctx.store.transaction() as conn:
            for key, value in (
                ("station_id", answer.station_id),
                (meta.COUNTY_URL, url),
                (meta.COUNTY_NAME, answer.station_name),
                (meta.TOWNSHIP, answer.township),
                (meta.VILLAGE, answer.village),
                (meta.ENROLLED_AT, clock.now_iso()),
            ):
                # station_id is among them: every event names it from now on (it is not
                # hashed, so the chain stays valid; event_store keeps it once, not per event)
                meta.put(conn, key, value)
        self.ctx.log.station_id = answer.station_id
        return EnrolledStation(
            answer.station_id, answer.station_name, answer.township, answer.village
        )

    @property
    def station_id(self) -> str:
        return meta.get(self.conn, meta.STATION_ID)

    @property
    def county_url(self) -> str:
        return meta.get(self.conn, meta.COUNTY_URL)

    def is_enrolled(self) -> bool:
        return meta.is_enrolled(self.conn, self.ctx.data_dir)

    # what the screens show ---------------------------------------------------------------------

    def unpushed_count(self) -> int:
        return self.ctx.log.unpushed_count()

    _measured_clock: tuple[int, str] | None = None  # the client's last skew, not yet kept

    def _clock_measured(self, skew_s: float) -> None:
        """From the client (on whichever thread calls the county): kept by :meth:`status`,
        which runs on the database thread."""
        self._measured_clock = (round(skew_s), clock.now_iso())

    def status(self) -> SyncStatus:
        measured, self._measured_clock = self._measured_clock, None
        if measured is not None and str(measured[0]) != meta.get(self.conn, meta.CLOCK_SKEW):
            with self.ctx.store.transaction() as conn:
                meta.put(conn, meta.CLOCK_SKEW, measured[0])
                meta.put(conn, meta.CLOCK_MEASURED_AT, measured[1])
        skew = meta.get(self.conn, meta.CLOCK_SKEW)
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
            clock_measured_at=meta.get(self.conn, meta.CLOCK_MEASURED_AT),
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
        token = self._secrets().get(secrets.TOKEN_SECRET)
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

        after = self.county.cursor()
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
        token = self._secrets().get(secrets.TOKEN_SECRET)
        client = self._client(self.county_url, token.reveal() if token else None)
        return client, self.county.cursor()

    def take_feed_page(self, page: FeedResponse) -> PageTaken:
        """One page of the feed into the station, with its cursor, in one transaction."""
        return self.county.apply_page(page.changes, page.next)

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
        with self.ctx.store.transaction() as conn:
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

    def _record(self, report: SyncReport) -> None:
        with self.ctx.store.transaction() as conn:
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
        from stationapp.core.secrets import SecretStore

        return SecretStore(self.ctx.data_dir)


def fetch_feed_page(client: CountyClient, after: str, limit: int | None = None) -> FeedResponse:
    """One page of the county's feed after the cursor ``after`` (``limit`` changes at most,
    :data:`FEED_PAGE` by default): network only, any thread. Raises the client's typed
    ``SyncFailure`` (an answer that is not the feed's JSON too)."""
    return client.feed(after, limit=limit or FEED_PAGE)
