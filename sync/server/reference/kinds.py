"""What every kind of the county's reference data shares, and the county's settings.

Each write changes a reference table and the feed in one transaction. An item written again
unchanged writes nothing, so re-importing the same registry sends stations nothing new.

How a kind is kept, written, deleted and listed is here; the kinds themselves live beside it in
the ``reference`` package.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from stationapp.core.event_record import canonical_json
from sync.server import feed
from sync.server.storage import Storage
from sync.server.tables import county_settings


@dataclass(frozen=True)
class Counts:
    """What a write did: items new to the county, changed, and the same as before."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0


def as_dict(item: Any) -> dict[str, Any]:
    """The fields of a flat dataclass (``dataclasses.asdict`` deep-copies: slow for 100k)."""
    return dict(vars(item))


def field_names(cls: type) -> list[str]:
    return [field.name for field in dataclasses.fields(cls)]


@dataclass(frozen=True)
class Kind:
    """How one kind is kept: its table, key, feed kind and the scope an item goes to."""

    table: sa.Table
    key: str
    feed_kind: str
    item: type
    scope: Callable[[Any], str] = lambda _item: feed.ALL

    def to_row(self, item: Any) -> dict[str, Any]:
        to_row = getattr(item, "to_row", None)
        return to_row() if to_row else as_dict(item)

    def from_row(self, row: Any) -> Any:
        from_row = getattr(self.item, "from_row", None)
        if from_row:
            return from_row(row)
        return self.item(**{name: getattr(row, name) for name in field_names(self.item)})


def upsert_items(conn: sa.Connection, kind: Kind, items: Sequence[Any]) -> Counts:
    """Insert new items, update changed ones, leave equal ones alone; the feed gets one change
    per new or changed item (and a tombstone where an item left a scope)."""
    key_column = kind.table.c[kind.key]
    items = list({getattr(item, kind.key): item for item in items}.values())  # the last wins
    existing: dict[str, Any] = {}
    keys = [getattr(item, kind.key) for item in items]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for row in conn.execute(sa.select(kind.table).where(key_column.in_(chunk))):
            existing[getattr(row, kind.key)] = kind.from_row(row)
    now = clock.now_iso()
    inserts, updates, changes = [], [], []
    for item in items:
        key = getattr(item, kind.key)
        old = existing.get(key)
        if old == item:
            continue
        row = {**kind.to_row(item), "updated_at": now}
        if old is None:
            inserts.append(row)
        else:
            updates.append({**row, "_key": key})
            if kind.scope(old) != kind.scope(item):
                changes.append(feed.Change(kind.feed_kind, key, kind.scope(old), None))
        changes.append(feed.Change(kind.feed_kind, key, kind.scope(item), item.feed_data()))
    if inserts:
        conn.execute(kind.table.insert(), inserts)
    if updates:
        conn.execute(kind.table.update().where(key_column == sa.bindparam("_key")), updates)
    feed.record(conn, changes)
    return Counts(
        added=len(inserts), changed=len(updates), unchanged=len(items) - len(inserts) - len(updates)
    )


def delete_item(conn: sa.Connection, kind: Kind, key: str) -> bool:
    """Remove an item; stations that hold it get a tombstone."""
    deleted = conn.execute(kind.table.delete().where(kind.table.c[kind.key] == key)).rowcount
    feed.withdraw(conn, kind.feed_kind, key)
    return deleted > 0


def list_items(storage: Storage, kind: Kind, *where: Any) -> list[Any]:
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(kind.table).where(*where).order_by(kind.table.c[kind.key])
        ).all()
    return [kind.from_row(row) for row in rows]


# --- settings ---------------------------------------------------------------------------------


def set_setting(conn: sa.Connection, name: str, value: Any, *, township: str = "") -> bool:
    """Keep and publish a setting for every station (township "") or one township's; False
    when it already had this value."""
    stored = conn.execute(
        sa.select(county_settings.c.value).where(
            county_settings.c.name == name, county_settings.c.township == township
        )
    ).scalar_one_or_none()
    text = canonical_json(value)
    if stored == text:
        return False
    values = {"value": text, "updated_at": clock.now_iso()}
    if stored is None:
        conn.execute(county_settings.insert().values(name=name, township=township, **values))
    else:
        conn.execute(
            county_settings.update()
            .where(county_settings.c.name == name, county_settings.c.township == township)
            .values(**values)
        )
    scope = feed.township_scope(township) if township else feed.ALL
    feed.publish(conn, "setting", name, {"value": value}, scope)
    return True


def settings(storage: Storage) -> dict[tuple[str, str], Any]:
    """Every setting as {(name, township): value}."""
    with storage.engine.connect() as conn:
        rows = conn.execute(sa.select(county_settings)).all()
    return {(row.name, row.township): json.loads(row.value) for row in rows}
