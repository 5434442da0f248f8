"""Reading the county's reference data at the station: billers, the catalog, SMS templates,
announcements, county settings and the county's events (the tables of ``county.tables``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stationapp.core import clock
from stationapp.core.errors import ValidationError


@dataclass(frozen=True)
class Biller:
    """A company a bill can be paid to (缴费): its account label (户号...) and limits in fen."""

    code: str
    name: str
    kind: str  # electricity, water, phone, insurance, other
    account_label: str
    min_fen: int
    max_fen: int
    fee_fen: int
    active: bool


@dataclass(frozen=True)
class CatalogItem:
    """A product of the county's catalog; ``certified``: 消费帮扶 certified."""

    code: str
    name: str
    category: str
    unit: str
    price_fen: int  # the county's reference price
    certified: bool
    household_no: str  # the linked poverty household, or ""


@dataclass(frozen=True)
class SmsTemplate:
    name: str
    text: str  # with {params}
    provider_code: str  # the provider's approved template code, "" if none


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    body: str
    published_at: str
    expires_at: str  # "" = does not expire
    township: str  # "" = every township

    @property
    def day(self) -> str:
        """The day it was published, for the screen: ``2026-11-22``."""
        return self.published_at[:10]


@dataclass(frozen=True)
class CountyEventRecord:
    """A county event as kept at the station; ``applied`` False with a ``note``: needs
    attention (no handler, or its state machine refused it)."""

    id: str
    type: str
    entity_id: str
    occurred_at: str
    payload: dict[str, Any]
    received_at: str
    applied: bool
    note: str


def read_billers(conn: sqlite3.Connection, *, active_only: bool = True) -> list[Biller]:
    where = " WHERE active = 1" if active_only else ""
    rows = conn.execute(
        "SELECT code, name, kind, account_label, min_fen, max_fen, fee_fen, active"
        f" FROM county_billers{where} ORDER BY kind, name, code"
    ).fetchall()
    return [Biller(*row[:7], active=bool(row[7])) for row in rows]


def read_catalog(conn: sqlite3.Connection, category: str | None = None) -> list[CatalogItem]:
    sql = (
        "SELECT code, name, category, unit, price_fen, certified, household_no FROM county_catalog"
    )
    params: tuple[Any, ...] = ()
    if category is not None:
        sql += " WHERE category = ?"
        params = (category,)
    rows = conn.execute(sql + " ORDER BY category, name, code", params).fetchall()
    return [CatalogItem(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]


def read_template(conn: sqlite3.Connection, name: str) -> SmsTemplate | None:
    row = conn.execute(
        "SELECT name, text, provider_code FROM county_sms_templates WHERE name = ?", (name,)
    ).fetchone()
    return SmsTemplate(*row) if row else None


def read_setting(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM county_settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def read_announcements(
    conn: sqlite3.Connection,
    *,
    now: str | datetime | None = None,
    township: str = "",
    limit: int | None = None,
) -> list[Announcement]:
    """The announcements in force at ``now`` (ISO; the clock's now when None), newest first:
    published, not expired, for every township or for this station's."""
    if isinstance(now, datetime):
        moment = now
    elif now:
        moment = clock.parse_iso(now)
    else:
        moment = clock.now()
    rows = conn.execute(
        "SELECT id, title, body, published_at, expires_at, township FROM county_announcements"
    ).fetchall()
    current: list[tuple[datetime, Announcement]] = []
    for row in rows:
        item = Announcement(*row)
        if township and item.township and item.township != township:
            continue
        published = _moment(item.published_at)
        expires = _moment(item.expires_at)
        if published is not None and published > moment:
            continue  # not yet
        if expires is not None and expires <= moment:
            continue
        if item.expires_at and expires is None:
            continue  # an expiry the station cannot read: rather hidden than shown forever
        current.append((published or datetime.min.replace(tzinfo=moment.tzinfo), item))
    current.sort(key=lambda pair: (pair[0], pair[1].id), reverse=True)
    found = [item for _, item in current]
    return found if limit is None else found[:limit]


def _moment(text: str) -> datetime | None:
    """An ISO time with offset; a bare date counts as its start in Asia/Shanghai."""
    if not text:
        return None
    try:
        return clock.parse_iso(text)
    except ValidationError:
        pass
    try:
        day = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return day.replace(tzinfo=clock.SHANGHAI) if day.tzinfo is None else day


def read_county_events(
    conn: sqlite3.Connection,
    *,
    needs_attention: bool = False,
    entity_id: str | None = None,
    limit: int = 200,
) -> list[CountyEventRecord]:
    """The county's events, newest first; ``needs_attention``: only those not applied."""
    clauses, params = [], []
    if needs_attention:
        clauses.append("applied = 0")
    if entity_id is not None:
        clauses.append("entity_id = ?")
        params.append(entity_id)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        "SELECT id, type, entity_id, occurred_at, payload, received_at, applied, note"
        f" FROM county_events{where} ORDER BY received_at DESC, id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [
        CountyEventRecord(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], bool(r[6]), r[7])
        for r in rows
    ]
