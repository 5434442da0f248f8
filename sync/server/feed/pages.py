"""The feed's reading side: a station's page of changes after its cursor, in cursor order.

A page merges three index range scans (the station's scopes, by cursor) in one statement, so it
costs the same whether the county holds a hundred rows or a million.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from stationapp.core.event_record import canonical_json
from sync import protocol
from sync.protocol import FeedChange
from sync.server.errors import SyncError
from sync.server.feed.changes import ALL, station_scope, township_scope
from sync.server.tables import feed_log

_MAX_CURSOR_DIGITS = 18


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
        # canonical_json of a string is its JSON literal, as the station's events are written
        parts = [
            f'{{"cursor":"{row.cursor}","kind":{canonical_json(row.kind)},'
            f'"op":{canonical_json(row.op)},"key":{canonical_json(row.key)},"data":{row.data}}}'
            for row in self.rows
        ]
        more = "true" if self.more else "false"
        next_cursor = canonical_json(self.next)
        body = f'{{"changes":[{",".join(parts)}],"next":{next_cursor},"more":{more}}}'
        return body.encode("utf-8")


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
