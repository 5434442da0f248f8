"""短信中继: the state of the county's SMS relay — how many texts stations handed over wait,
are being sent, were sent or failed, how old the oldest waiting one is, and the latest failures
with the service's reason (phones masked, DESIGN §11)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from stationapp.core.phone import mask_phone
from sync.server.tables import sms_relay, stations
from sync.server.web.auth import Viewer
from sync.server.web.queries.admin import admin_only

STATUSES = ("queued", "sending", "sent", "failed")


@dataclass(frozen=True)
class RelayFailure:
    station_name: str
    township: str
    phone: str  # masked: 尾号5678
    purpose: str
    code: str
    reason: str
    tries: int
    requested_at: str
    finished_at: str


@dataclass(frozen=True)
class RelayState:
    counts: dict[str, int]  # status → texts
    sent_since: int  # texts sent since ``since``
    failed_since: int
    oldest_waiting: str  # requested_at of the oldest queued or sending text ('' none)
    failures: list[RelayFailure]


def relay_state(conn: sa.Connection, viewer: Viewer, *, since: str, failures: int) -> RelayState:
    """The relay's queue by status, what was sent and failed since ``since`` (an ISO time),
    and the ``failures`` latest failures."""
    admin_only(viewer)
    r, s = sms_relay.c, stations.c
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in conn.execute(sa.select(r.status, sa.func.count()).group_by(r.status)):
        counts[status] = count
    sent_since, failed_since = conn.execute(
        sa.select(
            sa.func.count().filter(r.status == "sent", r.sent_at >= since),
            sa.func.count().filter(r.status == "failed", r.finished_at >= since),
        )
    ).one()
    oldest = conn.execute(
        sa.select(sa.func.min(r.requested_at)).where(r.status.in_(("queued", "sending")))
    ).scalar()
    rows = conn.execute(
        sa.select(
            s.name, s.township, r.phone, r.purpose, r.code, r.reason, r.tries, r.requested_at,
            r.finished_at,
        )
        .join(stations, s.id == r.station_id)
        .where(r.status == "failed")
        .order_by(r.finished_at.desc(), r.id.desc())
        .limit(failures)
    )  # fmt: skip
    return RelayState(
        counts=counts,
        sent_since=sent_since or 0,
        failed_since=failed_since or 0,
        oldest_waiting=oldest or "",
        failures=[
            RelayFailure(
                station_name=row.name,
                township=row.township,
                phone=mask_phone(row.phone),
                purpose=row.purpose,
                code=row.code,
                reason=row.reason,
                tries=row.tries,
                requested_at=row.requested_at,
                finished_at=row.finished_at,
            )
            for row in rows
        ],
    )
