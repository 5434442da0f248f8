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

from datetime import date, datetime, timedelta
from typing import Any

from stationapp.core import clock, waybill
from stationapp.core.events import Event
from stationapp.core.sms_do_not_text import is_listed
from stationapp.core.sms_render import merge_params, normalize_params, render
from stationapp.core.sms_store import amend_text, insert_text, migrate_lean_outbox, queued_params
from stationapp.core.sms_text import iso

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
    from stationapp.core.sms_queue import grown, joinable_text
    from stationapp.core.sms_settings import read_setting, signature

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
    from stationapp.core.sms_settings import signature

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


def _deadline(at: datetime, days: int) -> date:
    return clock.business_day(at) + timedelta(days=days)


def migrate_lean_texts(db: Any) -> None:
    """The body of migration ``010_lean_texts``: the outbox keeps each text's signature instead
    of the text itself, and the parcels' indexes shrink to what their queries need."""
    from stationapp.core.parcel_store import migrate_parcel_indexes  # it imports this module

    migrate_lean_outbox(db)
    migrate_parcel_indexes(db)
