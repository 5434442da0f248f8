"""The county's SMS relay worker (DESIGN §5 relay services, §7): the texts stations handed over
(``sync.server.relay_requests``) sent on the county's account, each answered once in the feed.

:func:`relay_once` (every few seconds in :class:`RelayWorker`, the thread ``county-center serve``
runs; or ``county-center sms-relay --once``) sends the due rows through the provider code the
stations use (``stationapp.sms_providers``), keeping each number's pace as a station does, and
writes each row's result together with its county event (``sms.sent`` / ``sms.failed``, entity_id =
the text's id) in one transaction. Refusals for now (a 5xx, a rate limit) back off and try again.

Never twice. A row is claimed (status ``sending``) and the claim committed before the provider is
called. A row left ``sending`` by a worker that is gone (its process died: checked on this host; or
its claim is older than any provider takes, ``STALE_CLAIM``) may or may not have gone out, and
neither Aliyun nor Tencent de-duplicates by OutId. Sending it again could text the villager twice;
so it is failed with :data:`OUTCOME_UNKNOWN`, which says so, and the station's operator decides:
Retry hands the text over again.
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import threading
import time
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.clock import iso, to_moment
from stationapp.sms_providers import reasons
from stationapp.sms_providers.county import COUNTY_GAVE_UP, COUNTY_SERVICE_REFUSED, OUTCOME_UNKNOWN
from stationapp.sms_providers.pacing import DAY, MAX_AGE, backoff, gives_up, number_hold
from stationapp.sms_providers.provider import OutgoingText, Provider, ProviderStatus, SendResult
from sync.server.relay_requests import (
    FAILED,
    FAILED_EVENT,
    QUEUED,
    SENDING,
    SENT,
    SENT_EVENT,
    WAKE_KEY,
    RelayRow,
    answer,
    failed_payload,
    sent_payload,
)
from sync.server.storage import Storage
from sync.server.tables import sms_relay

log = logging.getLogger("county_center.sms_relay")

# Longer than any provider may take for one text (a modem: 30 s a part, 8 parts), so a claim this
# old belongs to a worker that is gone even when it ran on another machine.
STALE_CLAIM = timedelta(minutes=10)
PROVIDER_REFRESH_S = 60

# What the station's operator can act on passes through as the provider said it; any other
# refusal is the county's own setup (keys, templates, balance) and reads as such at the station.
_STATION_REASONS = frozenset(
    {
        reasons.NUMBER_REFUSED,
        reasons.NUMBER_BLOCKED,
        reasons.PARAM_TOO_LONG,
        reasons.RATE_LIMITED,
    }
)

__all__ = ["STALE_CLAIM", "RelayRound", "RelayWorker", "relay_once", "sms_relay"]


# --- one round of the worker -------------------------------------------------------------------


@dataclass
class RelayRound:
    """What one round did (``county-center sms-relay --once`` prints it)."""

    sent: int = 0
    failed: int = 0  # answered as failed: refused for good, or given up
    deferred: int = 0  # refused for now: queued again with backoff
    held: int = 0  # due, but its number's pace holds it back (no try used)
    unknown: int = 0  # left "sending" by a worker that is gone: failed, outcome unknown
    status: ProviderStatus | None = None
    claimed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "failed": self.failed,
            "deferred": self.deferred,
            "held": self.held,
            "outcome_unknown": self.unknown,
            "ready": bool(self.status and self.status.ok),
            "status": self.status.detail if self.status else "",
        }


def new_worker_id() -> str:
    """``host:pid:token``: who claimed a row, so a later worker can tell a dead one."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def relay_once(
    storage: Storage,
    provider: Provider,
    *,
    station_signatures: bool = False,
    now: datetime | None = None,
    limit: int = 20,
    worker: str | None = None,
    rng: random.Random | None = None,
    stop: threading.Event | None = None,
) -> RelayRound:
    """Settle lost claims and too-old texts, then send up to ``limit`` due texts.

    ``station_signatures``: each text keeps its station's signature (else the provider's own,
    the county's, signs it). ``now`` is for tests; the result of a send is timed when it comes.
    Once ``stop`` is set, the texts not yet sent go back to the queue."""
    worker = worker or new_worker_id()
    done = RelayRound()
    moment = to_moment(now)
    done.unknown = settle_lost_claims(storage, moment, worker=worker)
    done.failed += give_up_old_texts(storage, moment)
    done.status = _status(provider)
    if not done.status.ok:  # no keys, no modem: the texts stay queued, no try used
        return done
    claimed, done.held = claim_due(storage, moment, limit=limit, worker=worker)
    done.claimed = len(claimed)
    for index, row in enumerate(claimed):
        if stop is not None and stop.is_set():
            release(storage, [r.id for r in claimed[index:]], worker=worker)
            break
        result = _send(provider, row, station_signatures)
        outcome = record_result(storage, row, result, now=now, worker=worker, rng=rng)
        if outcome == SENT:
            done.sent += 1
        elif outcome == FAILED:
            done.failed += 1
        else:
            done.deferred += 1
        if result.provider_down:  # the rest would fail the same way: next round
            release(storage, [r.id for r in claimed[index + 1 :]], worker=worker)
            done.status = ProviderStatus.of(False, result.reason or reasons.SERVICE_TROUBLE)
            break
    return done


def _status(provider: Provider) -> ProviderStatus:
    try:
        return provider.status()
    except Exception as error:  # a provider must not raise; the type only, never its words
        log.error("the relay's SMS provider failed to tell its status: %s", type(error).__name__)
        return ProviderStatus.of(False, reasons.SERVICE_TROUBLE)


def _send(provider: Provider, row: RelayRow, station_signatures: bool) -> SendResult:
    outgoing = OutgoingText(
        text_id=row.text_id,
        phone=row.phone,
        text=row.text,
        template=row.template,
        params=json.loads(row.params),
        signature=row.signature if station_signatures else "",  # "": the county's own
    )
    try:
        return provider.send(outgoing)
    except Exception as error:  # a provider must not raise; if one does, the text waits
        log.error("the relay's SMS provider failed on %s: %s", row.text_id, type(error).__name__)
        return SendResult.failed(
            provider.name,
            reasons.SERVICE_TROUBLE,
            code="exception",
            retryable=True,
            detail=type(error).__name__,
        )


def claim_due(
    storage: Storage, now: datetime, *, limit: int, worker: str
) -> tuple[list[RelayRow], int]:
    """Mark up to ``limit`` due rows ``sending`` for ``worker`` and commit, before any is sent.
    A row whose number has had its share (one per 30 s, ten a day, as a station paces) gets a
    later ``next_at`` instead. Returns the claimed rows and how many were held back."""
    at = iso(now)
    chosen: list[RelayRow] = []
    held = 0
    with storage.engine.begin() as conn:
        query = (
            sa.select(sms_relay)
            .where(sms_relay.c.status == QUEUED, sms_relay.c.next_at <= at)
            .order_by(sms_relay.c.next_at, sms_relay.c.id)
            .limit(limit * 4)
        )
        if conn.dialect.name == "postgresql":  # two workers take different rows
            query = query.with_for_update(skip_locked=True)
        going: dict[str, list[datetime]] = {}
        for row in conn.execute(query).all():
            if len(chosen) >= limit:
                break
            times = going.get(row.phone)
            if times is None:
                times = _recent_sends(conn, row.phone, now)
            hold = number_hold(times, now)
            if hold is not None:
                conn.execute(
                    sms_relay.update()
                    .where(sms_relay.c.id == row.id)
                    .values(next_at=iso(hold.until))
                )
                held += 1
                continue
            claimed = conn.execute(
                sms_relay.update()
                .where(sms_relay.c.id == row.id, sms_relay.c.status == QUEUED)
                .values(status=SENDING, claimed_at=at, claimed_by=worker, tries=row.tries + 1)
            ).rowcount
            if claimed == 1:
                going[row.phone] = [*times, now]
                chosen.append(
                    replace(
                        RelayRow.of(row),
                        status=SENDING,
                        tries=row.tries + 1,
                        claimed_at=at,
                        claimed_by=worker,
                    )
                )
    return chosen, held


def _recent_sends(conn: sa.Connection, phone: str, now: datetime) -> list[datetime]:
    """When the county's texts to ``phone`` went out in the last day, and those going now."""
    sent = sa.select(sms_relay.c.sent_at.label("at")).where(
        sms_relay.c.phone == phone,
        sms_relay.c.status == SENT,
        sms_relay.c.sent_at > iso(now - DAY),
    )
    going = sa.select(sms_relay.c.claimed_at.label("at")).where(
        sms_relay.c.phone == phone, sms_relay.c.status == SENDING
    )
    rows = conn.execute(sa.union_all(sent, going)).scalars()
    return [clock.parse_iso(at) for at in rows if at]


def record_result(
    storage: Storage,
    row: RelayRow,
    result: SendResult,
    *,
    worker: str,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> str:
    """Write what the provider answered for a claimed row, and (when final) its county event,
    in one transaction. Returns the row's new status (``queued``: it will be tried again)."""
    moment = to_moment(now)
    mine = (
        sms_relay.c.id == row.id,
        sms_relay.c.status == SENDING,
        sms_relay.c.claimed_by == worker,
    )
    common = {
        "claimed_at": "",
        "claimed_by": "",
        "provider": result.provider,
        "code": result.code,
        "detail": result.detail,
    }
    with storage.engine.begin() as conn:
        if result.ok:
            values = {**common, "status": SENT, "message_id": result.message_id, "reason": ""}
            values.update(sent_at=iso(moment), finished_at=iso(moment))
            status, type_ = SENT, SENT_EVENT
        else:
            age = moment - clock.parse_iso(row.requested_at)
            final = gives_up(
                attempt=row.tries,
                age=age,
                retryable=result.retryable,
                provider_down=result.provider_down,
            )
            values = {**common, "reason": result.reason}
            if final:
                values.update(status=FAILED, finished_at=iso(moment))
                status, type_ = FAILED, FAILED_EVENT
            else:
                delay = backoff(row.tries, result.retry_after_s, rng or random.Random())
                values.update(status=QUEUED, next_at=iso(moment + delay))
                status, type_ = QUEUED, ""
        if conn.execute(sms_relay.update().where(*mine).values(**values)).rowcount != 1:
            # settled as "outcome unknown" meanwhile (this worker hung past STALE_CLAIM)
            log.error(
                "text %s of station %s: %s came after its claim was given up; the station was "
                "told the outcome is unknown",
                row.text_id,
                row.station_id,
                "sent" if result.ok else f"refused ({result.code})",
            )
            return FAILED
        if type_ == SENT_EVENT:
            sent = replace(row, provider=result.provider, message_id=result.message_id)
            answer(conn, row.station_id, row.text_id, SENT_EVENT, sent_payload(sent))
        elif type_ == FAILED_EVENT:
            reason = result.reason if result.reason in _STATION_REASONS else COUNTY_SERVICE_REFUSED
            payload = failed_payload(row.text_id, result.code or "refused", reason)
            answer(conn, row.station_id, row.text_id, FAILED_EVENT, payload)
    return status


def release(storage: Storage, row_ids: list[int], *, worker: str) -> None:
    """Give claimed rows back to the queue, unsent (the provider went down mid-round)."""
    if not row_ids:
        return
    with storage.engine.begin() as conn:
        conn.execute(
            sms_relay.update()
            .where(
                sms_relay.c.id.in_(row_ids),
                sms_relay.c.status == SENDING,
                sms_relay.c.claimed_by == worker,
            )
            .values(status=QUEUED, claimed_at="", claimed_by="", tries=sms_relay.c.tries - 1)
        )


# --- what a worker that is gone left behind ----------------------------------------------------


def settle_lost_claims(storage: Storage, now: datetime, *, worker: str = "") -> int:
    """Fail, "outcome unknown", every row left ``sending`` by a worker that is gone; never
    send it again. Returns how many."""
    stale = iso(now - STALE_CLAIM)
    settled = 0
    with storage.engine.begin() as conn:
        rows = conn.execute(sa.select(sms_relay).where(sms_relay.c.status == SENDING)).all()
        for row in rows:
            if row.claimed_by == worker:
                continue
            if row.claimed_at > stale and not _claimant_gone(row.claimed_by):
                continue  # another worker, alive, is sending it right now
            changed = conn.execute(
                sms_relay.update()
                .where(
                    sms_relay.c.id == row.id,
                    sms_relay.c.status == SENDING,
                    sms_relay.c.claimed_by == row.claimed_by,
                )
                .values(
                    status=FAILED,
                    claimed_at="",
                    claimed_by="",
                    code="relay.outcome_unknown",
                    reason=OUTCOME_UNKNOWN,
                    finished_at=iso(now),
                )
            ).rowcount
            if changed == 1:
                log.warning(
                    "text %s of station %s was being sent by %s, which is gone: it may or may "
                    "not have gone out, so it is failed and not sent again",
                    row.text_id,
                    row.station_id,
                    row.claimed_by,
                )
                payload = failed_payload(row.text_id, "relay.outcome_unknown", OUTCOME_UNKNOWN)
                answer(conn, row.station_id, row.text_id, FAILED_EVENT, payload)
                settled += 1
    return settled


def _claimant_gone(claimed_by: str) -> bool:
    """Whether the worker ``host:pid:token`` has died: known only for this host (POSIX)."""
    host, _, rest = claimed_by.partition(":")
    pid_text = rest.partition(":")[0]
    if os.name != "posix" or host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # this process: its workers are alive, or their claims go stale
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def give_up_old_texts(storage: Storage, now: datetime) -> int:
    """Fail the queued texts asked for longer ago than a pickup notice is worth (the county's
    SMS service was down or not set up all that time)."""
    oldest = iso(now - MAX_AGE)
    count = 0
    with storage.engine.begin() as conn:
        rows = conn.execute(
            sa.select(sms_relay).where(
                sms_relay.c.status == QUEUED, sms_relay.c.requested_at < oldest
            )
        ).all()
        for row in rows:
            conn.execute(
                sms_relay.update()
                .where(sms_relay.c.id == row.id, sms_relay.c.status == QUEUED)
                .values(status=FAILED, finished_at=iso(now), reason=COUNTY_GAVE_UP)
            )
            payload = failed_payload(row.text_id, row.code or "relay.gave_up", COUNTY_GAVE_UP)
            answer(conn, row.station_id, row.text_id, FAILED_EVENT, payload)
            count += 1
    return count


# --- the worker thread of county-center serve ---------------------------------------------------


class RelayWorker:
    """Runs :func:`relay_once` every ``interval_s``, and as soon as a push brought requests.

    A push's hook marks its database connection (``WAKE_KEY``); when the pool takes that
    connection back, after the push committed, the worker wakes. The provider is built from the
    county's settings (``relay_provider``), and again when they or the keys change."""

    def __init__(
        self, storage: Storage, settings: Any, *, interval_s: float = 5.0, limit: int = 20
    ) -> None:
        self.storage = storage
        self.settings = settings  # sync.server.settings.Settings
        self.interval_s = interval_s
        self.limit = limit
        self.worker_id = new_worker_id()
        self.last_round: RelayRound | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._provider: Provider | None = None
        self._stamp: Any = None

    def start(self) -> RelayWorker:
        sa.event.listen(self.storage.engine, "checkin", self._on_checkin)
        self._thread = threading.Thread(target=self._run, name="sms-relay", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 60.0) -> None:
        """Let a text being sent finish and its result be written; the rest stay queued."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        if sa.event.contains(self.storage.engine, "checkin", self._on_checkin):
            sa.event.remove(self.storage.engine, "checkin", self._on_checkin)

    def _on_checkin(self, _dbapi_connection: Any, record: Any) -> None:
        if record is not None and record.info.pop(WAKE_KEY, False):
            self._wake.set()

    def _run(self) -> None:
        from sync.server.relay_provider import RelayConfigError

        unusable = ""
        while not self._stop.is_set():
            busy = False
            try:
                busy = self._round()
                unusable = ""
            except RelayConfigError as error:  # said once, until the settings change
                if str(error) != unusable:
                    log.error("the SMS relay waits: %s", error)
                unusable = str(error)
            except Exception:  # a bug or a database outage: logged, tried again next round
                log.exception("the SMS relay's round failed")
            if not busy:
                self._wake.wait(self.interval_s)
            self._wake.clear()

    def _round(self) -> bool:
        """One round; True when it used its whole limit (more may be due at once)."""
        from sync.server.relay_provider import (
            keeps_station_signatures,
            relay_provider,
            settings_stamp,
        )

        # the file and the keys are checked each round, the templates' codes (in the database)
        # every PROVIDER_REFRESH_S
        stamp = (settings_stamp(self.settings), int(time.monotonic() // PROVIDER_REFRESH_S))
        if self._provider is None or stamp != self._stamp:
            self._provider = relay_provider(self.settings, self.storage)
            if self._stamp is None or stamp[0] != self._stamp[0]:
                log.info("the SMS relay sends through %r", self._provider)
            self._stamp = stamp
        done = relay_once(
            self.storage,
            self._provider,
            station_signatures=keeps_station_signatures(self.settings),
            limit=self.limit,
            worker=self.worker_id,
            stop=self._stop,
        )
        self.last_round = done
        return done.claimed >= self.limit and not self._stop.is_set()
