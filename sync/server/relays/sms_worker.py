"""The county's SMS relay worker (DESIGN §5 relay services, §7): the texts stations handed over
(``sms_requests``) sent on the county's account, each answered once in the feed.

:func:`relay_once` (every few seconds in :class:`RelayWorker`, the thread ``county-center serve``
runs; or ``county-center sms-relay --once``) sends the due rows through the provider code the
stations use (``stationapp.sms_providers``), keeping each number's pace as a station does, and
writes each row's result together with its county event (``sms.sent`` / ``sms.failed``, entity_id =
the text's id) in one transaction (``sms_claims``). Refusals for now (a 5xx, a rate limit) back
off and try again.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from stationapp.core.clock import to_moment
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import OutgoingText, Provider, ProviderStatus, SendResult
from sync.server.relays.sms_claims import (
    claim_due,
    give_up_old_texts,
    new_worker_id,
    record_result,
    release,
    settle_lost_claims,
)
from sync.server.relays.sms_requests import (
    FAILED,
    SENT,
    WAKE_KEY,
    RelayRow,
)
from sync.server.storage import Storage

log = logging.getLogger("county_center.sms_relay")

PROVIDER_REFRESH_S = 60


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
        from sync.server.relays.sms_provider import RelayConfigError

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
        from sync.server.relays.sms_provider import (
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
