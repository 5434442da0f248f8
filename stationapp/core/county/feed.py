"""What the county sends, taken in at the station: one page of the feed at a time (DESIGN §5).

A page is a list of changes ``{"cursor", "kind", "op", "key", "data"}``. Reference data (the
household registry, the catalog, billers, SMS templates, announcements, county settings) goes to
local tables: ``upsert`` writes the county's latest word on an item, ``delete`` (a tombstone)
removes it. A change of a kind this version does not know (a newer county) is kept aside in
``county_feed_unknown``, not refused. ``kind == "event"`` is the county's own event about one
of this station's entities: stored once in ``county_events`` and handed to the handler
registered for its type in :mod:`stationapp.core.county.events`, inside the same transaction.

:func:`apply_page` takes a whole page in one transaction together with the cursor that follows
it, so a round cut off between two pages resumes after the last page taken, and a page that
comes twice changes nothing the second time.

Where each kind of reference data goes is in :mod:`stationapp.core.county.kinds`;
``st.county`` (:mod:`stationapp.core.county.facade`) is the read side the screens use.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stationapp.core import clock, privacy
from stationapp.core.county.events import CountyEvent
from stationapp.core.county.kinds import KINDS, Kind, Row, _text
from stationapp.core.county.tables import FEED_CURSOR
from stationapp.core.errors import UserError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate
from stationapp.core.line import CountyHandler

if TYPE_CHECKING:
    from stationapp.core.events import Batch, Event, EventLog

log = logging.getLogger(__name__)

EVENT_KIND = "event"
NO_HANDLER = QT_TRANSLATE_NOOP(
    "UserError",
    "This version of the app cannot act on this kind of county event; it is kept. Update the app.",
)


@dataclass(frozen=True)
class PageTaken:
    """What one page changed: ``changes`` in all; of them ``events`` new county events (a county
    event seen before is not counted), ``kept_aside`` of kinds this version does not know;
    ``kinds`` the kinds it touched; ``recorded`` the station's own events the county events'
    handlers appended (for the screens that show them)."""

    changes: int
    events: int
    kept_aside: int
    cursor: str
    kinds: frozenset[str] = frozenset()
    recorded: tuple[Event, ...] = ()


# --- a page ------------------------------------------------------------------------------------


def apply_page(
    event_log: EventLog,
    changes: Iterable[Any],
    next_cursor: str,
    *,
    handlers: Mapping[str, CountyHandler],
) -> PageTaken:
    """Take one page of the feed and its cursor in one transaction (all or nothing).

    ``changes``: mappings of the feed's shape (or the protocol's ``FeedChange`` models);
    ``handlers``: each line's answer to a county event type (``lines.py``)."""
    received_at = clock.now_iso()
    count = events = kept_aside = 0
    kinds: set[str] = set()
    with event_log.batch() as batch:
        conn = batch.conn
        run = _Run(conn)  # consecutive changes of one kind and op go in one executemany
        for change in changes:
            item = _as_mapping(change)
            count += 1
            kind, op = _text(item.get("kind")), _text(item.get("op"))
            key, cursor = _text(item.get("key")), _text(item.get("cursor"))
            data = item.get("data") or {}
            kinds.add(kind)
            if kind == "setting" and key in privacy.FORBIDDEN_SETTINGS:
                op = "delete"  # an older county's registry salt is never kept (DESIGN §11)
            if kind in KINDS and op in ("upsert", "delete"):
                spec = KINDS[kind]
                run.add(spec, op, spec.row(key, data, cursor) if op == "upsert" else (key,))
                continue
            run.flush()
            if kind == EVENT_KIND:
                taken = op == "upsert" and _take_county_event(
                    batch, handlers, key, data, cursor, received_at
                )
                if taken:
                    events += 1
            else:
                _keep_aside(conn, kind, key, op, data, cursor, received_at)
                kept_aside += 1
        run.flush()
        put_cursor(conn, next_cursor)
    return PageTaken(count, events, kept_aside, next_cursor, frozenset(kinds), tuple(batch.events))


class _Run:
    """Rows of one kind and op waiting to be written, in the page's order."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._sql = ""
        self._rows: list[Row] = []

    def add(self, spec: Kind, op: str, row: Row) -> None:
        sql = spec.upsert_sql if op == "upsert" else spec.delete_sql
        if sql != self._sql:
            self.flush()
            self._sql = sql
        self._rows.append(row)

    def flush(self) -> None:
        if self._rows:
            self._conn.executemany(self._sql, self._rows)
            self._rows = []


def _as_mapping(change: Any) -> Mapping[str, Any]:
    if isinstance(change, Mapping):
        return change
    return vars(change)  # a sync.protocol.FeedChange: its fields, without copying its data


def _keep_aside(
    conn: sqlite3.Connection,
    kind: str,
    key: str,
    op: str,
    data: Any,
    cursor: str,
    received_at: str,
) -> None:
    log.info("the county sent a change of an unknown kind %r (op %r); kept aside", kind, op)
    conn.execute(
        "INSERT INTO county_feed_unknown (kind, key, op, data, cursor, received_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET op = excluded.op,"
        " data = excluded.data, cursor = excluded.cursor, received_at = excluded.received_at",
        (kind, key, op, json.dumps(data, ensure_ascii=False), cursor, received_at),
    )


def _take_county_event(
    batch: Batch,
    handlers: Mapping[str, CountyHandler],
    key: str,
    data: Mapping[str, Any],
    cursor: str,
    received_at: str,
) -> bool:
    """Store a county event once and hand it to its handler; False when it was already here."""
    payload = data.get("payload")
    event = CountyEvent(
        id=_text(data.get("id")) or key,
        type=_text(data.get("type")),
        entity_id=_text(data.get("entity_id")),
        occurred_at=_text(data.get("occurred_at")),
        payload=dict(payload) if isinstance(payload, Mapping) else {},
    )
    inserted = batch.conn.execute(
        "INSERT OR IGNORE INTO county_events (id, type, entity_id, occurred_at, payload, cursor,"
        " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            event.type,
            event.entity_id,
            event.occurred_at,
            json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
            cursor,
            received_at,
        ),
    )
    if inserted.rowcount == 0:
        return False
    applied, note = _dispatch(batch, handlers, event)
    batch.conn.execute(
        "UPDATE county_events SET applied = ?, note = ? WHERE id = ?",
        (int(applied), note, event.id),
    )
    return True


def _dispatch(
    batch: Batch, handlers: Mapping[str, CountyHandler], event: CountyEvent
) -> tuple[bool, str]:
    """Run the handler of the event's type. A refusal (a ``bill.paid`` for a bill voided
    meanwhile) or a handler's failure does not stop the feed: what the handler wrote is undone,
    the event stays with a note, in the "needs attention" list."""
    handler = handlers.get(event.type)
    if handler is None:
        return False, translate("UserError", NO_HANDLER)
    conn = batch.conn
    mark = (batch.seq, batch.hash, len(batch.events))
    conn.execute("SAVEPOINT county_event")
    try:
        handler(batch, event)
    except Exception as error:
        conn.execute("ROLLBACK TO county_event")
        conn.execute("RELEASE county_event")
        batch.seq, batch.hash = mark[0], mark[1]
        del batch.events[mark[2] :]
        if isinstance(error, UserError):
            log.info("county event %s (%s) not applied: %s", event.id, event.type, error.english)
            return False, error.message
        log.exception("the handler of county event %s (%s) failed", event.id, event.type)
        return False, f"{type(error).__name__}: {error}"
    conn.execute("RELEASE county_event")
    return True, ""


# --- the cursor --------------------------------------------------------------------------------


def read_cursor(conn: sqlite3.Connection) -> str:
    """The cursor after the last page taken ("" before the first: the whole feed)."""
    row = conn.execute("SELECT value FROM county_feed WHERE name = ?", (FEED_CURSOR,)).fetchone()
    return row[0] if row else ""


def put_cursor(conn: sqlite3.Connection, cursor: str) -> None:
    conn.execute(
        "INSERT INTO county_feed (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (FEED_CURSOR, cursor or ""),
    )
