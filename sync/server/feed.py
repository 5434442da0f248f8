"""The feed: what the county publishes for stations, with cursors and tombstones.

Every change gets the next cursor of one sequence per county. An item is (kind, scope, key)
(DESIGN §5): one scope's item never replaces or deletes another scope's item of the same key.
An item that changes again loses its older row in the same scope, so the log holds live items
and tombstones only and a fresh station downloads each item once. A scope is every station
(``*``), the stations of one township, or one station (its county events).

A station's page merges three index range scans (its scopes, by cursor) in one statement, so a
page costs the same whether the county holds a hundred rows or a million.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.events import canonical_json
from sync import protocol
from sync.protocol import FeedChange
from sync.server.errors import SyncError
from sync.server.tables import county_events, feed_clock, feed_log

ALL = "*"
UPSERT = "upsert"
DELETE = "delete"
_IN_CHUNK = 500  # keys per DELETE ... IN (...): well under every database's parameter limit
_MAX_CURSOR_DIGITS = 18


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


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRow:
    cursor: int
    kind: str
    op: str
    key: str
    data: str  # canonical JSON, as stored


@dataclass(frozen=True)
class FeedPage:
    rows: list[FeedRow]
    next: str
    more: bool

    def changes(self) -> list[FeedChange]:
        return [
            FeedChange(
                cursor=str(row.cursor),
                kind=row.kind,
                op=row.op,
                key=row.key,
                data=json.loads(row.data),
            )
            for row in self.rows
        ]

    def to_json(self) -> bytes:
        """The FeedResponse body, assembled from the stored JSON without parsing it again."""
        parts = [
            f'{{"cursor":"{row.cursor}","kind":{_quote(row.kind)},"op":{_quote(row.op)},'
            f'"key":{_quote(row.key)},"data":{row.data}}}'
            for row in self.rows
        ]
        more = "true" if self.more else "false"
        body = f'{{"changes":[{",".join(parts)}],"next":{_quote(self.next)},"more":{more}}}'
        return body.encode("utf-8")


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def parse_cursor(cursor: str) -> int:
    if cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > _MAX_CURSOR_DIGITS:
        raise SyncError(
            protocol.BAD_REQUEST,
            "The feed cursor is not one the county gave. Start again without 'after'.",
        )
    return int(cursor)


def scopes_of(station_id: str, township: str) -> tuple[str, ...]:
    return (ALL, township_scope(township), station_scope(station_id))


def read_page(conn: sa.Connection, scopes: Sequence[str], *, after: str, limit: int) -> FeedPage:
    """The changes of ``scopes`` after the cursor, in cursor order, at most ``limit``."""
    position = parse_cursor(after)
    limit = max(1, min(limit, protocol.MAX_PAGE))
    columns = (feed_log.c.cursor, feed_log.c.kind, feed_log.c.op, feed_log.c.key, feed_log.c.data)
    # one statement, so one snapshot on PostgreSQL: separate reads per scope could miss a row
    # committed between them and step past it
    per_scope = [
        sa.select(*columns)
        .where(feed_log.c.scope == scope, feed_log.c.cursor > position)
        .order_by(feed_log.c.cursor)
        .limit(limit + 1)
        .subquery(f"scope_{n}")
        for n, scope in enumerate(scopes)
    ]
    page = sa.union_all(*(sa.select(part) for part in per_scope)).subquery("page")
    merged = conn.execute(sa.select(page).order_by(page.c.cursor).limit(limit + 1)).all()
    rows = [FeedRow(*row) for row in merged[:limit]]
    next_cursor = str(rows[-1].cursor) if rows else (after or "0")
    return FeedPage(rows=rows, next=next_cursor, more=len(merged) > limit)
