"""Queueing a text inside a business line's transaction, grouping texts to one phone."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from stationapp.core import clock, ids
from stationapp.core.clock import iso
from stationapp.core.errors import ValidationError
from stationapp.core.events import Batch, Event
from stationapp.core.phone import normalize_mobile
from stationapp.core.sms.do_not_text import is_listed
from stationapp.core.sms.render import Rendered, merge_params, normalize_params, render
from stationapp.core.sms.settings import read_setting, signature

_PURPOSE = re.compile(r"[a-z][a-z0-9_]*")


def queue_text(
    batch: Batch,
    *,
    purpose: str,
    entity_key: str,
    phone: str,
    template: str,
    params: dict[str, str],
    operator: str,
    group_key: str | None = None,
    not_before: str | None = None,
) -> Event | None:
    """Queue a text in ``batch``'s transaction; its ``sms.queued`` event, or None when nothing
    was queued: the number is on the do-not-text list, or this purpose and entity already have
    a text (the unique key refuses it; the caller's transaction goes on).

    With ``group_key``, a text still waiting with the same key, made within
    ``sms.group_minutes``, takes this one's parameters (see ``merge_params``) instead of a
    second text being queued; a new grouped text is held that long so later parcels can join.
    """
    if not _PURPOSE.fullmatch(purpose or "") or not (entity_key or "").strip():
        raise ValueError(f"a text needs a purpose and an entity key: {purpose!r}, {entity_key!r}")
    conn = batch.conn
    number = normalize_mobile(phone)
    if is_listed(conn, number):
        return None
    params = normalize_params(template, params)
    sign = signature(conn)
    now = clock.now()
    window = timedelta(minutes=int(read_setting(conn, "sms.group_minutes")))
    if group_key and window:
        group = joinable_text(
            conn, group_key=group_key, purpose=purpose, template=template, phone=number,
            since=now - window,
        )  # fmt: skip
        joined = grown(template, group[1], params, sign) if group else None
        if group and joined is not None:
            payload = {"amends": group[0], "purpose": purpose, "entity_key": entity_key}
            payload.update(params=joined[0], signature=sign)
            return _append_once(batch, entity_id=group[0], payload=payload, operator=operator)
    render(template, params, sign)  # refused here, before anything is written, if it cannot be
    # the text itself is in neither the event nor the outbox (it is most of their size): it is
    # rendered again from the template, which therefore never changes under the same name
    payload: dict[str, Any] = {
        "purpose": purpose,
        "entity_key": entity_key,
        "phone": number,
        "template": template,
        "params": params,
        "signature": sign,
    }
    hold = iso(clock.parse_iso(not_before)) if not_before else ""
    if group_key:
        payload["group_key"] = group_key
        hold = max(hold, iso(now + window))
    if hold:
        payload["not_before"] = hold
    return _append_once(batch, entity_id=ids.uuid7(), payload=payload, operator=operator)


def joinable_text(
    conn: sqlite3.Connection,
    *,
    group_key: str,
    purpose: str,
    template: str,
    phone: str,
    since: datetime,
) -> tuple[str, dict[str, str]] | None:
    """The newest text with ``group_key`` made since ``since`` that more subjects may still
    join (queued, never tried, not being sent): its id and parameters."""
    row = conn.execute(
        "SELECT o.id, o.params FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id"
        " WHERE o.status = 'queued' AND o.group_key = ? AND o.purpose = ?"
        " AND o.template = ? AND o.phone = ? AND o.attempts = 0 AND o.created_at >= ?"
        " AND coalesce(d.claimed_at, '') = '' ORDER BY o.created_at DESC LIMIT 1",
        (group_key, purpose, template, phone, iso(since)),
    ).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def grown(
    template: str, kept: dict[str, str], joining: dict[str, str], sign: str
) -> tuple[dict[str, str], Rendered] | None:
    """A grouped text's parameters and text with one more parcel; None when it would be too
    long (that parcel then starts a text of its own)."""
    merged = merge_params(kept, joining)
    try:
        return merged, render(template, merged, sign)
    except ValidationError:
        return None


def _append_once(
    batch: Batch, *, entity_id: str, payload: dict[str, Any], operator: str
) -> Event | None:
    """Append ``sms.queued``; when the database's unique key on the subject refuses it, undo just
    this event (a savepoint) and return None, leaving the caller's transaction intact."""
    conn = batch.conn
    conn.execute("SAVEPOINT sms_queue_text")
    try:
        event = batch.append("sms.queued", entity_id=entity_id, payload=payload, operator=operator)
    except BaseException as error:
        conn.execute("ROLLBACK TO sms_queue_text")
        conn.execute("RELEASE sms_queue_text")
        if isinstance(error, sqlite3.IntegrityError) and "UNIQUE" in str(error):
            return None
        raise
    conn.execute("RELEASE sms_queue_text")
    return event
