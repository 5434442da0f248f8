"""A parcel's arrival notice (到件通知), carried by its own ``parcel.received`` event.

Intake writes one event per parcel. The ``notice`` member of the ``parcel.received`` payload says
what the outbox does, and the projection of that event makes (or amends) the outbox row just as
a separate ``sms.queued`` did before migration ``010_lean_texts``. Everything else the text needs
comes from the parcel's payload (phone, carrier, waybill, pickup code) and from state replayed
before it (the signature in ``settings``, the queued text it joins):

- no ``notice``: no text, because the number is on the do-not-text list; or an older log, whose
  notice is an ``sms.queued`` event of its own (still replayed as it always was);
- ``{"days": 3, "hold": 10}``: a new text whose id is the parcel's own id (one arrival notice
  per parcel, so ``id == entity_key``); the deadline is the event's business day plus ``days``
  (``sms.pickup_days``); it is held ``hold`` minutes (``sms.group_minutes``; absent when
  grouping is off) so that later parcels for the phone can join it;
- ``{"joins": TEXT_ID}``: the parcel joins that still-queued text for its phone (its code, tail
  and carrier are added to the lists). Which text, if any, cannot be told again at replay: it
  depends on the local "being sent" claims.

``days`` and ``hold`` are carried rather than read from the settings at replay because a
setting never changed keeps its default, which lives in the code and may change in a later
version. The carrier's name in the text comes from ``waybill.CARRIERS`` (pinned by a test, like
the templates): a name never changes under its code.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from stationapp.core import clock, waybill
from stationapp.core.clock import iso
from stationapp.core.events import Batch, Event
from stationapp.core.sms.do_not_text import is_listed
from stationapp.core.sms.render import is_list_param, merge_params, normalize_params, render
from stationapp.core.sms.store import (
    CANCELLED,
    amend_text,
    insert_text,
    params_json,
    queued_params,
)

# sms_settings (and sms_queue, which reads it) are imported where used: schema.py imports this
# module before stationapp.core.settings, which sms_settings needs loaded first

PURPOSE = "parcel_arrival"
TEMPLATE = "parcel_arrival"


def group_key(phone: str) -> str:
    """Arrival notices to one phone group into one text."""
    return f"{PURPOSE}:{phone}"


def arrival_params(payload: dict[str, Any], code: str, deadline: date | None) -> dict[str, str]:
    """The template's parameters for one parcel (no deadline: joining a text keeps its own)."""
    params = {
        "carrier": waybill.CARRIERS.get(payload["carrier"], payload["carrier"]),
        "tails": payload["waybill"][-4:],
        "codes": code,
    }
    if deadline is not None:
        params["deadline"] = f"{deadline.month}月{deadline.day}日"
    return normalize_params(TEMPLATE, params)


def plan_notice(
    conn: Any, payload: dict[str, Any], *, code: str, at: datetime, pickup_days: int
) -> dict[str, Any] | None:
    """At intake, before the event is written (``at`` is its time): the ``notice`` member, or
    None for no text. A text that cannot be rendered is refused here, so nothing is written."""
    from stationapp.core.sms.queue import grown, joinable_text
    from stationapp.core.sms.settings import read_setting, signature

    phone = payload["phone"]
    if is_listed(conn, phone):
        return None
    sign = signature(conn)
    params = arrival_params(payload, code, _deadline(at, pickup_days))
    window = int(read_setting(conn, "sms.group_minutes"))
    if window:
        group = joinable_text(
            conn, group_key=group_key(phone), purpose=PURPOSE, template=TEMPLATE, phone=phone,
            since=at - timedelta(minutes=window),
        )  # fmt: skip
        if group and grown(TEMPLATE, group[1], params, sign) is not None:
            return {"joins": group[0]}
    render(TEMPLATE, params, sign)
    notice: dict[str, Any] = {"days": pickup_days}
    if window:
        notice["hold"] = window
    return notice


def project_notice(conn: Any, event: Event, *, code: str) -> None:
    """The outbox's part of ``parcel.received``: what ``sms.queued`` did for older logs."""
    notice = event.payload.get("notice")
    if notice is None:
        return
    from stationapp.core.sms.settings import signature

    payload = event.payload
    sign = signature(conn)
    if "joins" in notice:
        text_id = notice["joins"]
        joining = arrival_params(payload, code, None)
        amend_text(
            conn,
            text_id=text_id,
            purpose=PURPOSE,
            entity_key=event.entity_id,
            params=merge_params(queued_params(conn, text_id), joining),
            signature=sign,
        )
        return
    at = clock.parse_iso(event.occurred_at)
    hold = timedelta(minutes=int(notice.get("hold", 0)))
    insert_text(
        conn,
        text_id=event.entity_id,
        purpose=PURPOSE,
        entity_key=event.entity_id,
        phone=payload["phone"],
        template=TEMPLATE,
        params=arrival_params(payload, code, _deadline(at, int(notice["days"]))),
        signature=sign,
        group_key=group_key(payload["phone"]),
        next_attempt_at=iso(at + hold),
        created_at=event.occurred_at,
    )


# the texts about a parcel on its shelf: its arrival notice (entity key: the parcel's id) and its
# reminders (``{parcel id}:{day}``)
REMINDER = "parcel_reminder"
_SUBJECT_TEXTS = (
    "SELECT o.id FROM sms_outbox o WHERE o.purpose = ? AND o.entity_key = ?"
    " UNION ALL SELECT s.text_id FROM sms_subjects s WHERE s.purpose = ? AND s.entity_key = ?"
    " UNION ALL SELECT o.id FROM sms_outbox o WHERE o.purpose = ?"
    " AND o.entity_key > ? AND o.entity_key < ?"
    " UNION ALL SELECT s.text_id FROM sms_subjects s WHERE s.purpose = ?"
    " AND s.entity_key > ? AND s.entity_key < ?"
)


def cancel_passed_texts(
    batch: Batch, parcel_ids: list[str], *, reason: str, operator: str
) -> list[Event]:
    """DESIGN §7: parcels just picked up or returned (``reason``: that event's type, already
    appended in ``batch``) need no text any more. Each text about them that has not gone out
    gets ``sms.cancelled``: a text whose every parcel has left the shelf is cancelled (in the
    outbox, or at the county center if it was handed over and not yet sent); a grouped text
    still queued for other parcels drops the ones that left. A text being sent right now is
    left alone (it is already on its way)."""
    conn = batch.conn
    text_ids: dict[str, None] = {}
    for parcel_id in parcel_ids:
        first, last = f"{parcel_id}:", f"{parcel_id};"
        rows = conn.execute(
            _SUBJECT_TEXTS,
            (PURPOSE, parcel_id, PURPOSE, parcel_id, REMINDER, first, last, REMINDER, first, last),
        )
        text_ids.update((row[0], None) for row in rows)
    events = []
    for text_id in text_ids:
        payload = _cancellation(conn, text_id, reason)
        if payload is None:
            continue
        conn.execute("DELETE FROM sms_delivery WHERE text_id = ?", (text_id,))
        event = batch.append(CANCELLED, entity_id=text_id, payload=payload, operator=operator)
        events.append(event)
    return events


def _cancellation(conn: Any, text_id: str, reason: str) -> dict[str, Any] | None:
    """``sms.cancelled``'s payload for one text, or None when it stays as it is."""
    status, purpose, key, params, claimed = conn.execute(
        "SELECT o.status, o.purpose, o.entity_key, o.params, coalesce(d.claimed_at, '')"
        " FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id WHERE o.id = ?",
        (text_id,),
    ).fetchone()
    if status not in ("queued", "relayed") or (status == "queued" and claimed):
        return None
    keys = [key] + [
        row[0]
        for row in conn.execute(
            "SELECT entity_key FROM sms_subjects WHERE text_id = ? ORDER BY entity_key", (text_id,)
        )
    ]
    waiting = []  # (subject's key, its parcel's row) for the parcels still on the shelves
    for subject in keys:
        row = conn.execute(
            "SELECT carrier, waybill, pickup_code FROM parcels WHERE id = ? AND status = 'waiting'",
            (subject.split(":", 1)[0],),
        ).fetchone()
        if row is not None:
            waiting.append((subject, row))
    if not waiting:
        return {"reason": reason}
    if status != "queued" or len(waiting) == len(keys):
        return None  # a text at the county cannot be changed; it goes for the ones still here
    kept = {name: value for name, value in json.loads(params).items() if not is_list_param(name)}
    for _, (carrier, number, code) in waiting:
        if purpose == PURPOSE:
            items = arrival_params({"carrier": carrier, "waybill": number}, code, None)
        else:
            items = {"codes": code}
        kept = merge_params(kept, {k: v for k, v in items.items() if is_list_param(k)})
    still = {subject for subject, _ in waiting}
    drops = [subject for subject in keys if subject not in still]
    return {"reason": reason, "drops": drops, "params": kept}


def restore_cancelled_notice(conn: Any, parcel_id: str, code: str, at: str) -> None:
    """A pickup undone (``event.voided``, replayed too): the parcel's arrival text that the
    pickup cancelled goes back to the queue, due at once (``at``: the pickup's time) and with
    the parcel's code as it is now (its slot may have been taken meanwhile). Only a text about
    this parcel alone: a grouped text that dropped it went on without it."""
    row = conn.execute(
        "SELECT id, params, template, signature FROM sms_outbox WHERE purpose = ?"
        " AND entity_key = ? AND status = 'failed' AND last_code = ?",
        (PURPOSE, parcel_id, "parcel.picked_up"),
    ).fetchone()
    if row is None:
        return
    text_id, params, template, sign = row
    if conn.execute("SELECT 1 FROM sms_subjects WHERE text_id = ?", (text_id,)).fetchone():
        return
    params = {**json.loads(params), "codes": code}
    text = render(template, params, sign)
    conn.execute(
        "UPDATE sms_outbox SET status = 'queued', attempts = 0, next_attempt_at = ?,"
        " requeued_at = ?, last_code = '', last_error = '', retryable = 0, params = ?,"
        " chars = ?, parts = ? WHERE id = ?",
        (at, at, params_json(params), text.chars, text.parts, text_id),
    )


def _deadline(at: datetime, days: int) -> date:
    return clock.business_day(at) + timedelta(days=days)
