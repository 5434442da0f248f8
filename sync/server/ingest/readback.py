"""What a station reads back from the county by storage: its own events (for a restore), written
from the stored rows, and its page of the feed; and a county event added in its own
transaction (inside another, use ``sync.server.feed.add_county_event(conn, ...)``)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from stationapp.core.event_record import canonical_json
from sync.protocol import FeedChange, WireEvent
from sync.server import feed as feed_log
from sync.server.storage import Storage
from sync.server.tables import events, stations


def _event_rows(
    storage: Storage, station_id: str, *, after_seq: int, limit: int
) -> tuple[list[sa.Row], bool]:
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events)
            .where(events.c.station_id == station_id, events.c.seq > after_seq)
            .order_by(events.c.seq)
            .limit(limit + 1)
        ).all()
    return rows[:limit], len(rows) > limit


_EVENT_TEXT_FIELDS = ("id", "station_id")
_EVENT_TAIL_FIELDS = ("type", "entity_id", "occurred_at", "operator")


def station_events_json(storage: Storage, station_id: str, *, after_seq: int, limit: int) -> bytes:
    """The EventsResponse body of the station's events after ``after_seq``, written from the
    stored rows: each payload is the stored text (the canonical JSON its hash was taken over),
    never parsed and written again, so what the county holds is what the station gets back,
    and a stored row can never make the page fail."""
    rows, more = _event_rows(storage, station_id, after_seq=after_seq, limit=limit)
    parts = []
    for row in rows:
        fields = [f'"{name}":{canonical_json(getattr(row, name))}' for name in _EVENT_TEXT_FIELDS]
        fields.append(f'"seq":{int(row.seq)}')
        fields += [f'"{name}":{canonical_json(getattr(row, name))}' for name in _EVENT_TAIL_FIELDS]
        fields.append(f'"payload":{row.payload}')
        fields += [
            f'"prev_hash":{canonical_json(row.prev_hash)}',
            f'"hash":{canonical_json(row.hash)}',
        ]
        parts.append("{" + ",".join(fields) + "}")
    body = f'{{"events":[{",".join(parts)}],"more":{"true" if more else "false"}}}'
    return body.encode("utf-8")


def station_events(
    storage: Storage, station_id: str, *, after_seq: int, limit: int
) -> tuple[list[WireEvent], bool]:
    """The station's own events after ``after_seq``, in seq order, for a restore."""
    rows, more = _event_rows(storage, station_id, after_seq=after_seq, limit=limit)
    found = [
        WireEvent(
            id=row.id,
            station_id=row.station_id,
            seq=row.seq,
            type=row.type,
            entity_id=row.entity_id,
            occurred_at=row.occurred_at,
            operator=row.operator,
            payload=json.loads(row.payload),
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
        for row in rows
    ]
    return found, more


def feed(
    storage: Storage, station_id: str, *, after: str, limit: int
) -> tuple[list[FeedChange], str, bool]:
    """The feed of one station after the cursor: reference data of its scopes and the county's
    events about it (see sync.server.feed)."""
    with storage.engine.connect() as conn:
        township = conn.execute(
            sa.select(stations.c.township).where(stations.c.id == station_id)
        ).scalar_one()
        page = feed_log.read_page(
            conn, feed_log.scopes_of(station_id, township), after=after, limit=limit
        )
    return page.changes(), page.next, page.more


def add_county_event(
    storage: Storage,
    station_id: str,
    *,
    event_id: str,
    type: str,
    entity_id: str,
    payload: dict,
) -> int:
    """A fact the county adds about a station's entity (e.g. sms.sent); returns its cursor.
    Inside another transaction, use ``sync.server.feed.add_county_event(conn, ...)``."""
    with storage.engine.begin() as conn:
        return feed_log.add_county_event(
            conn,
            station_id,
            event_id=event_id,
            type=type,
            entity_id=entity_id,
            payload=payload,
        )
