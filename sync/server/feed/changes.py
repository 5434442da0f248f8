"""The feed's writing side: every change of the county's reference data and every county event
about a station gets the next cursor and replaces the item's older row in its scope."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.event_record import canonical_json
from sync.server.tables import county_events, feed_clock, feed_log

ALL = "*"
UPSERT = "upsert"
DELETE = "delete"
_IN_CHUNK = 500  # keys per DELETE ... IN (...): well under every database's parameter limit


def township_scope(township: str) -> str:
    return f"township:{township}"


def station_scope(station_id: str) -> str:
    return f"station:{station_id}"


@dataclass(frozen=True)
class Change:
    """One item as stations will see it; ``data`` None is a tombstone."""

    kind: str
    key: str
    scope: str
    data: dict[str, Any] | None

    @property
    def op(self) -> str:
        return DELETE if self.data is None else UPSERT


# --- writing ---------------------------------------------------------------------------------


def _time_floor() -> int:
    """Microseconds since 1970: no new cursor is below it. After the county's database is
    restored from an older backup, its counter would give again cursors that stations already
    hold and they would skip every change made since; with this floor the next cursors are
    beyond anything given before (while the county's clock does not run backwards)."""
    return time.time_ns() // 1000


def _take_cursors(conn: sa.Connection, count: int) -> int:
    """The first of ``count`` new cursors; the clock row stays locked until commit."""
    floor = _time_floor()
    last = feed_clock.c.last_cursor
    conn.execute(
        feed_clock.update()
        .where(feed_clock.c.id == 1)
        .values(last_cursor=sa.case((last < floor, floor), else_=last) + count)
    )
    last = conn.execute(
        sa.select(feed_clock.c.last_cursor).where(feed_clock.c.id == 1)
    ).scalar_one()
    return last - count + 1


def record(conn: sa.Connection, changes: Iterable[Change]) -> list[int]:
    """Append ``changes`` at new cursors (in order), dropping the older rows of the same items
    in the same scopes. Returns the cursors. Runs in the caller's transaction."""
    newest: dict[tuple[str, str, str], Change] = {}
    for change in changes:
        item = (change.kind, change.key, change.scope)
        newest.pop(item, None)  # the last change of an item counts, at the end
        newest[item] = change
    if not newest:
        return []
    # the clock first: concurrent writers queue there before touching any feed row
    first = _take_cursors(conn, len(newest))
    _drop_older_rows(conn, newest.keys())
    rows = [
        {
            "cursor": first + n,
            "scope": change.scope,
            "kind": change.kind,
            "key": change.key,
            "op": change.op,
            "data": canonical_json(change.data or {}),
        }
        for n, change in enumerate(newest.values())
    ]
    conn.execute(feed_log.insert(), rows)
    return [row["cursor"] for row in rows]


def _drop_older_rows(conn: sa.Connection, items: Iterable[tuple[str, str, str]]) -> None:
    keys_by_place: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kind, key, scope in items:
        keys_by_place[(kind, scope)].append(key)
    for (kind, scope), keys in keys_by_place.items():
        for start in range(0, len(keys), _IN_CHUNK):
            conn.execute(
                feed_log.delete().where(
                    feed_log.c.kind == kind,
                    feed_log.c.scope == scope,
                    feed_log.c.key.in_(keys[start : start + _IN_CHUNK]),
                )
            )


def live_scopes(conn: sa.Connection, kind: str, key: str) -> list[str]:
    """The scopes where stations currently hold this item (its newest row is an upsert)."""
    return list(
        conn.execute(
            sa.select(feed_log.c.scope).where(
                feed_log.c.kind == kind, feed_log.c.key == key, feed_log.c.op == UPSERT
            )
        ).scalars()
    )


def publish(conn: sa.Connection, kind: str, key: str, data: dict[str, Any], scope: str) -> int:
    """Send an item to ``scope``. An item is (kind, scope, key): the same key in another scope
    (township X's ``stations`` setting beside township Y's) is another item, left alone."""
    return record(conn, [Change(kind, key, scope, data)])[-1]


def move(conn: sa.Connection, kind: str, key: str, data: dict[str, Any], scope: str) -> int:
    """Send an item that lives in one scope at a time (an announcement whose township
    changed) to ``scope``; stations of a scope it left get a tombstone first."""
    moved = [Change(kind, key, old, None) for old in live_scopes(conn, kind, key) if old != scope]
    return record(conn, [*moved, Change(kind, key, scope, data)])[-1]


def withdraw(conn: sa.Connection, kind: str, key: str) -> list[int]:
    """A tombstone wherever stations hold the item."""
    return record(conn, [Change(kind, key, scope, None) for scope in live_scopes(conn, kind, key)])


def add_county_event(
    conn: sa.Connection,
    station_id: str,
    *,
    event_id: str,
    type: str,
    entity_id: str,
    payload: dict[str, Any],
    occurred_at: str | None = None,
) -> int:
    """A fact the county adds about a station's entity, kept in ``county_events`` and in the
    feed at one cursor (in the caller's transaction); a second event with the same id raises
    IntegrityError."""
    occurred_at = occurred_at or clock.now_iso()
    first = _take_cursors(conn, 1)
    conn.execute(
        county_events.insert().values(
            cursor=first,
            id=event_id,
            station_id=station_id,
            type=type,
            entity_id=entity_id,
            occurred_at=occurred_at,
            payload=canonical_json(payload),
        )
    )
    data = {
        "id": event_id,
        "type": type,
        "entity_id": entity_id,
        "occurred_at": occurred_at,
        "payload": payload,
    }
    conn.execute(
        feed_log.insert().values(
            cursor=first,
            scope=station_scope(station_id),
            kind="event",
            key=event_id,
            op=UPSERT,
            data=canonical_json(data),
        )
    )
    return first
