"""A relayed text's row from its claim to its result (DESIGN §7): claimed, sent or not, answered.

Never twice. A row is claimed (status ``sending``) and the claim committed before the provider is
called. A row left ``sending`` by a worker that is gone (its process died: checked on this host; or
its claim is older than any provider takes, ``STALE_CLAIM``) may or may not have gone out, and
neither Aliyun nor Tencent de-duplicates by OutId. Sending it again could text the villager twice;
so it is failed with :data:`OUTCOME_UNKNOWN`, which says so, and the station's operator decides:
Retry hands the text over again.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.clock import iso, to_moment
from stationapp.sms_providers import reasons
from stationapp.sms_providers.county import COUNTY_GAVE_UP, COUNTY_SERVICE_REFUSED, OUTCOME_UNKNOWN
from stationapp.sms_providers.pacing import DAY, MAX_AGE, backoff, gives_up, number_hold
from stationapp.sms_providers.provider import SendResult
from sync.server.relays.sms_requests import (
    FAILED,
    FAILED_EVENT,
    QUEUED,
    SENDING,
    SENT,
    SENT_EVENT,
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


def new_worker_id() -> str:
    """``host:pid:token``: who claimed a row, so a later worker can tell a dead one."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


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
