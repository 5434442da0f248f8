"""The requests stations push to the SMS relay, taken into its table (DESIGN §5 relay services).

A station's ``sms.cancelled`` for a text it handed over stops it here while it is still queued
(DESIGN §7: its parcel left the shelf before the text went out).

A station whose SMS service is the county center hands each text over as an event
``sms.relay_requested`` (entity_id = the text's id, payload: the phone, the text as rendered, its
template and parameters, signature, parts and purpose). The ingest hook below turns each new one
into a row of ``sms_relay`` inside the push's transaction, so the row lands with the event or not
at all, and a push repeated by the network (its events are duplicates) never runs it again;
UNIQUE (station_id, text_id) keeps one row per text in any case, and another station's text with
the same id is its own row. The worker (``sms_worker``) sends the rows; every answer a station
gets is a county event in the feed (:func:`answer`), written in the transaction that
settles the row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock, ids
from stationapp.core.clock import iso
from stationapp.core.errors import UserError
from stationapp.core.phone import normalize_mobile
from stationapp.sms_providers.county import REQUEST_UNREADABLE
from sync.protocol import WireEvent
from sync.server import feed
from sync.server.ingest.hooks import on_events
from sync.server.tables import sms_relay

log = logging.getLogger("county_center.sms_relay")

RELAY_REQUESTED = "sms.relay_requested"
CANCELLED_EVENT = "sms.cancelled"
SENT_EVENT = "sms.sent"
FAILED_EVENT = "sms.failed"
CANCELLED_CODE = "relay.cancelled"
# not shown at the station (its own sms.cancelled already ended the text there); English, as the
# county's other reasons are
CANCELLED_REASON = "The station cancelled this text before it was sent: its reason had passed."
QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"

# The key a push's connection carries when it brought relay requests (see RelayWorker).
WAKE_KEY = "sms_relay.wake"

MAX_TEXT = 1000
MAX_FIELD = 100


@dataclass(frozen=True)
class RelayRow:
    """One row of ``sms_relay`` as the worker holds it while sending."""

    id: int
    station_id: str
    text_id: str
    request_id: str
    requests: int
    phone: str
    text: str
    template: str
    params: str
    signature: str
    parts: int
    purpose: str
    status: str
    tries: int
    next_at: str
    claimed_at: str
    claimed_by: str
    provider: str
    message_id: str
    code: str
    reason: str
    detail: str
    requested_at: str
    sent_at: str
    finished_at: str
    event_id: str

    @classmethod
    def of(cls, row: Any) -> RelayRow:
        return cls(**row._mapping)


# --- taking requests in (inside the push's transaction) ----------------------------------------


@dataclass(frozen=True)
class RelayRequest:
    """The payload of ``sms.relay_requested`` as the station wrote it, checked."""

    phone: str
    text: str
    template: str
    params: dict[str, str]
    signature: str
    parts: int
    purpose: str

    @classmethod
    def read(cls, payload: dict[str, Any]) -> RelayRequest | None:
        """None when it cannot be sent as it is (a station app with a bug, a hand-made push)."""
        try:
            params = payload.get("params", {})
            request = cls(
                phone=normalize_mobile(str(payload["phone"])),
                text=payload["text"],
                template=payload["template"],
                params={str(k): str(v) for k, v in params.items()},
                signature=payload.get("signature", ""),
                parts=payload.get("parts", 1),
                purpose=payload.get("purpose", ""),
            )
        except (KeyError, AttributeError, TypeError, UserError):
            return None
        fields = (request.text, request.template, request.signature, request.purpose)
        if not all(isinstance(value, str) for value in fields):
            return None
        if isinstance(request.parts, bool) or not isinstance(request.parts, int):
            return None
        if not 0 < len(request.text) <= MAX_TEXT or not request.template:
            return None
        if any(len(value) > MAX_FIELD for value in fields[1:]) or not 0 < request.parts <= 20:
            return None
        return request

    def columns(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "text": self.text,
            "template": self.template,
            "params": json.dumps(self.params, ensure_ascii=False, sort_keys=True),
            "signature": self.signature,
            "parts": self.parts,
            "purpose": self.purpose,
        }


_UNREADABLE = {
    "phone": "",
    "text": "",
    "template": "",
    "params": "{}",
    "signature": "",
    "parts": 1,
    "purpose": "",
}


@on_events(RELAY_REQUESTED)
def take_relay_requests(conn: sa.Connection, station_id: str, events: Sequence[WireEvent]) -> None:
    """A row per new request, in the push's transaction. A text asked for again (the station's
    operator pressed Retry after the county failed it) is queued again; one the county already
    sent gets its answer again; one still queued or being sent is left as it is."""
    now = iso(clock.now())
    for event in events:
        if not event.entity_id:
            log.warning("relay request %s of station %s names no text", event.id, station_id)
            continue
        _take(conn, station_id, event, RelayRequest.read(event.payload), now)
    conn.info[WAKE_KEY] = True


@on_events(SENT_EVENT, FAILED_EVENT)
def settle_from_the_station(
    conn: sa.Connection, station_id: str, events: Sequence[WireEvent]
) -> None:
    """The station's own record of the county's answer (``"via": "county"``) for a text the
    county still has queued: only after the county's database came back from an older backup
    and the station pushed its requests again. The station already knows the text's fate, so
    it is settled without sending it a second time."""
    now = iso(clock.now())
    for event in events:
        if event.payload.get("via") != "county" or not event.entity_id:
            continue
        settled = conn.execute(
            sms_relay.update()
            .where(
                sms_relay.c.station_id == station_id,
                sms_relay.c.text_id == event.entity_id,
                sms_relay.c.status == QUEUED,
            )
            .values(
                status=SENT if event.type == SENT_EVENT else FAILED,
                code="relay.settled_at_station",
                detail="the station's log already holds the county's answer",
                finished_at=now,
            )
        )
        if settled.rowcount:
            log.info("text %s of station %s settled by its own log", event.entity_id, station_id)


@on_events(CANCELLED_EVENT)
def cancel_from_the_station(
    conn: sa.Connection, station_id: str, events: Sequence[WireEvent]
) -> None:
    """DESIGN §7: the station cancelled a text it had handed over (its parcel was picked up or
    returned meanwhile). A text still queued here is not sent: it ends failed and the answer
    goes to the station like any other. One being sent, or already sent, goes its way; its
    answer tells the station that it went out. A narrowed grouped text (``drops``) was never
    handed over: nothing to do here."""
    now = iso(clock.now())
    for event in events:
        if not event.entity_id or "drops" in event.payload:
            continue
        cancelled = conn.execute(
            sms_relay.update()
            .where(
                sms_relay.c.station_id == station_id,
                sms_relay.c.text_id == event.entity_id,
                sms_relay.c.status == QUEUED,
            )
            .values(
                status=FAILED,
                code=CANCELLED_CODE,
                reason=CANCELLED_REASON,
                detail=f"cancelled by the station's event {event.id}",
                finished_at=now,
            )
        )
        if cancelled.rowcount:
            log.info("text %s of station %s cancelled by the station", event.entity_id, station_id)
            payload = failed_payload(event.entity_id, CANCELLED_CODE, CANCELLED_REASON)
            answer(conn, station_id, event.entity_id, FAILED_EVENT, payload)


def _take(
    conn: sa.Connection,
    station_id: str,
    event: WireEvent,
    request: RelayRequest | None,
    now: str,
) -> None:
    where = (sms_relay.c.station_id == station_id, sms_relay.c.text_id == event.entity_id)
    row = conn.execute(sa.select(sms_relay).where(*where)).first()
    content = request.columns() if request is not None else _UNREADABLE
    fresh = {
        **content,
        "request_id": event.id,
        "status": QUEUED if request is not None else FAILED,
        "tries": 0,
        "next_at": now,
        "requested_at": now,
        "code": "" if request is not None else "relay.unreadable",
        "reason": "" if request is not None else REQUEST_UNREADABLE,
        "detail": "",
        "provider": "",
        "message_id": "",
        "sent_at": "",
        "finished_at": "" if request is not None else now,
        "event_id": "",
    }
    if row is None:
        conn.execute(
            sms_relay.insert().values(station_id=station_id, text_id=event.entity_id, **fresh)
        )
    elif row.status == FAILED:
        conn.execute(
            sms_relay.update().where(*where).values(requests=sms_relay.c.requests + 1, **fresh)
        )
    elif row.status == SENT:
        answer(conn, station_id, event.entity_id, SENT_EVENT, sent_payload(row))
        return
    else:
        log.info("text %s of station %s is already %s", event.entity_id, station_id, row.status)
        return
    if request is None:
        log.warning("relay request %s of station %s cannot be read", event.id, station_id)
        payload = failed_payload(event.entity_id, "relay.unreadable", REQUEST_UNREADABLE)
        answer(conn, station_id, event.entity_id, FAILED_EVENT, payload)


def answer(
    conn: sa.Connection, station_id: str, text_id: str, type_: str, payload: dict[str, Any]
) -> str:
    """The county event that tells the station, in the caller's transaction; its id is kept."""
    event_id = ids.uuid7()
    feed.add_county_event(
        conn, station_id, event_id=event_id, type=type_, entity_id=text_id, payload=payload
    )
    conn.execute(
        sms_relay.update()
        .where(sms_relay.c.station_id == station_id, sms_relay.c.text_id == text_id)
        .values(event_id=event_id)
    )
    return event_id


def sent_payload(row: Any) -> dict[str, Any]:
    return {
        "text_id": row.text_id,
        "provider": row.provider,
        "message_id": row.message_id,
        "parts": row.parts,
    }


def failed_payload(text_id: str, code: str, reason: str) -> dict[str, Any]:
    return {"text_id": text_id, "code": code, "reason": reason}
