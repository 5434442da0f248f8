"""What the county sends, taken in at the station: one page of the feed at a time (DESIGN §5).

A page is a list of changes ``{"cursor", "kind", "op", "key", "data"}``. Reference data (the
household registry, the catalog, billers, SMS templates, announcements, county settings) goes to
local tables: ``upsert`` writes the county's latest word on an item, ``delete`` (a tombstone)
removes it. A change of a kind this version does not know (a newer county) is kept aside in
``county_feed_unknown``, not refused. ``kind == "event"`` is the county's own event about one
of this station's entities: stored once in ``county_events`` and handed to the handler
registered for its type in :mod:`stationapp.core.county_events`, inside the same transaction.

:func:`apply_page` takes a whole page in one transaction together with the cursor that follows
it, so a round cut off between two pages resumes after the last page taken, and a page that
comes twice changes nothing the second time.

``st.county`` (:class:`CountyData`) is the read side the screens use.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from stationapp.core import clock, idcard, pinyin, privacy
from stationapp.core.county_events import HANDLERS, CountyEvent
from stationapp.core.county_households import Household, Households
from stationapp.core.county_reference import (
    Announcement,
    Biller,
    CatalogItem,
    CountyEventRecord,
    SmsTemplate,
    read_announcements,
    read_billers,
    read_catalog,
    read_county_events,
    read_setting,
    read_template,
)
from stationapp.core.county_schema import FEED_CURSOR
from stationapp.core.errors import UserError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate
from stationapp.core.sync import META_TOWNSHIP

if TYPE_CHECKING:
    from stationapp.core.events import Batch, Event, EventLog
    from stationapp.core.station import Station

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


@dataclass(frozen=True)
class CountyDataTaken:
    """Told to every screen after a round took changes from the county's feed: the screens
    that show the county's data (announcements, billers...) read it again."""

    taken: int
    kinds: frozenset[str]


# --- the kinds of reference data ---------------------------------------------------------------

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Kind:
    """Where one kind of reference data goes: its table, key column, and the row of a change."""

    table: str
    key: str
    columns: tuple[str, ...]  # the key first, ``cursor`` last
    row: Callable[[str, Mapping[str, Any], str], Row]

    @cached_property
    def upsert_sql(self) -> str:
        names = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns[1:])
        return (
            f"INSERT INTO {self.table} ({names}) VALUES ({marks})"
            f" ON CONFLICT ({self.key}) DO UPDATE SET {updates}"
        )

    @cached_property
    def delete_sql(self) -> str:
        return f"DELETE FROM {self.table} WHERE {self.key} = ?"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _int(value: Any) -> int:
    """An integer from the county (money in fen, counts); anything else counts as 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _flag(value: Any) -> int:
    return 1 if value is True or value in (1, "1", "true", "True") else 0


def name_readings(name: str) -> tuple[str, str]:
    """(pinyin initials, full pinyin) of a person's name, read a character at a time (a
    compound surname as one), so each character's reading is cached across a 100,000-name
    registry: six times faster than reading whole names, and a name's characters are read as
    a name's, not as a phrase's (柏林 is bailin, not the city's bolin)."""
    pieces = [name[:2], *name[2:]] if name[:2] in pinyin.COMPOUND_SURNAMES else list(name)
    initials = "".join(pinyin.initials(p, surname=i == 0) for i, p in enumerate(pieces))
    full = "".join(pinyin.full_pinyin(p, surname=i == 0) for i, p in enumerate(pieces))
    return initials, full


def warm_up() -> None:
    """Load the pinyin dictionary (a third of a second) ahead, on the caller's thread, so the
    first page of households does not hold the database thread for it."""
    name_readings("张三")


def _household(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    name = _text(data.get("head_name"))
    causes = data.get("causes") or []
    if not isinstance(causes, list):
        causes = [causes]
    return (
        key,
        name,
        *name_readings(name),
        _id_tail(data),
        _id_tag(data),
        _int(data.get("members")),
        _text(data.get("township")),
        _text(data.get("village")),
        _text(data.get("natural_village")),
        _text(data.get("household_type")),
        _text(data.get("monitoring_type")),
        _flag(data.get("risk_cleared")),
        json.dumps([_text(c) for c in causes], ensure_ascii=False),
        _text(data.get("phone_masked")),
        cursor,
    )


def _catalog(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("name")),
        _text(data.get("category")),
        _text(data.get("unit")),
        _int(data.get("price_fen")),
        _flag(data.get("certified")),
        _text(data.get("household_no")),
        cursor,
    )


def _biller(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("name")),
        _text(data.get("kind")) or "other",
        _text(data.get("account_label")),
        _int(data.get("min_fen")),
        _int(data.get("max_fen")),
        _int(data.get("fee_fen")),
        _flag(data.get("active", True)),
        cursor,
    )


def _sms_template(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (key, _text(data.get("text")), _text(data.get("provider_code")), cursor)


def _announcement(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (
        key,
        _text(data.get("title")),
        str(data.get("body") or "").strip(),
        _text(data.get("published_at")),
        _text(data.get("expires_at")),
        _text(data.get("township")),
        cursor,
    )


def _id_tail(data: Mapping[str, Any]) -> str:
    """The last four characters of the head's ID; from an older county's ``id_masked`` (which
    showed more) only those are taken (DESIGN §11)."""
    if "id_tail" in data:
        return "".join(_text(data.get("id_tail")).split()).upper()[-idcard.MASK_TAIL :]
    return idcard.tail_of_masked(_text(data.get("id_masked")))


def _id_tag(data: Mapping[str, Any]) -> int | None:
    """The household's ID tag, or None (not known): an older county's ``id_hash`` is dropped."""
    tag = data.get("id_tag")
    if isinstance(tag, int) and not isinstance(tag, bool) and 0 <= tag < 2**idcard.TAG_BITS:
        return tag
    return None


def _setting(key: str, data: Mapping[str, Any], cursor: str) -> Row:
    return (key, json.dumps(data.get("value"), ensure_ascii=False), cursor)


KINDS: dict[str, Kind] = {
    "household": Kind(
        "county_households",
        "household_no",
        (
            "household_no",
            "head_name",
            "initials",
            "pinyin",
            "id_tail",
            "id_tag",
            "members",
            "township",
            "village",
            "natural_village",
            "household_type",
            "monitoring_type",
            "risk_cleared",
            "causes",
            "phone_masked",
            "cursor",
        ),
        _household,
    ),
    "catalog": Kind(
        "county_catalog",
        "code",
        ("code", "name", "category", "unit", "price_fen", "certified", "household_no", "cursor"),
        _catalog,
    ),
    "biller": Kind(
        "county_billers",
        "code",
        (
            "code",
            "name",
            "kind",
            "account_label",
            "min_fen",
            "max_fen",
            "fee_fen",
            "active",
            "cursor",
        ),
        _biller,
    ),
    "sms_template": Kind(
        "county_sms_templates", "name", ("name", "text", "provider_code", "cursor"), _sms_template
    ),
    "announcement": Kind(
        "county_announcements",
        "id",
        ("id", "title", "body", "published_at", "expires_at", "township", "cursor"),
        _announcement,
    ),
    "setting": Kind("county_settings", "key", ("key", "value", "cursor"), _setting),
}


# --- a page ------------------------------------------------------------------------------------


def apply_page(event_log: EventLog, changes: Iterable[Any], next_cursor: str) -> PageTaken:
    """Take one page of the feed and its cursor in one transaction (all or nothing).

    ``changes``: mappings of the feed's shape (or the protocol's ``FeedChange`` models)."""
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
                if op == "upsert" and _take_county_event(batch, key, data, cursor, received_at):
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
    batch: Batch, key: str, data: Mapping[str, Any], cursor: str, received_at: str
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
    applied, note = _dispatch(batch, event)
    batch.conn.execute(
        "UPDATE county_events SET applied = ?, note = ? WHERE id = ?",
        (int(applied), note, event.id),
    )
    return True


def _dispatch(batch: Batch, event: CountyEvent) -> tuple[bool, str]:
    """Run the handler of the event's type. A refusal (a ``bill.paid`` for a bill voided
    meanwhile) or a handler's failure does not stop the feed: what the handler wrote is undone,
    the event stays with a note, in the "needs attention" list."""
    handler = HANDLERS.get(event.type)
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


# --- st.county ---------------------------------------------------------------------------------


class CountyData:
    """``st.county``: what the county sent, as the screens read it, and the page taker.

    Like the station, not thread-safe: call it from the station's one database thread."""

    def __init__(self, station: Station) -> None:
        self._station = station
        self._conn: sqlite3.Connection = station.conn
        self.households = Households(self._conn, self.setting)

    def apply_page(self, changes: Iterable[Any], next_cursor: str) -> PageTaken:
        return apply_page(self._station.log, changes, next_cursor)

    def cursor(self) -> str:
        return read_cursor(self._conn)

    def household(self, household_no: str) -> Household | None:
        """The household with this 户编号, or None."""
        return self.households.get(household_no)

    def billers(self, *, active_only: bool = True) -> list[Biller]:
        return read_billers(self._conn, active_only=active_only)

    def catalog(self, category: str | None = None) -> list[CatalogItem]:
        return read_catalog(self._conn, category)

    def template(self, name: str) -> SmsTemplate | None:
        return read_template(self._conn, name)

    def announcements(
        self, now: str | datetime | None = None, *, limit: int | None = None
    ) -> list[Announcement]:
        township = self._meta(META_TOWNSHIP)  # the station's, from joining the county
        return read_announcements(self._conn, now=now, township=township, limit=limit)

    def setting(self, key: str, default: Any = None) -> Any:
        return read_setting(self._conn, key, default)

    def county_events(
        self, *, needs_attention: bool = False, entity_id: str | None = None, limit: int = 200
    ) -> list[CountyEventRecord]:
        return read_county_events(
            self._conn, needs_attention=needs_attention, entity_id=entity_id, limit=limit
        )

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM station_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""
