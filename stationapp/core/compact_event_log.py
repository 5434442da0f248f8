"""Migration 009, ``009_compact_event_log``: the tables that hold the log compactly
(``event_log``, ``event_log_broken_links`` and their indexes), the read-only ``events`` view
that shows §3's columns as text with built-in SQL functions only, and the upgrade that copies a
station's old ``events`` table into them, checks the copy and drops the old table. The stored
forms themselves are ``core.event_store``'s.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from stationapp.core.errors import StoreError
from stationapp.core.event_store import (
    EVENT_COLUMNS,
    GENESIS_HASH,
    find,
    stored_hash,
    stored_key,
    stored_time,
)
from stationapp.core.i18n import QT_TRANSLATE_NOOP

# --- the schema ------------------------------------------------------------------------------

_CREATE_LOG = """
CREATE TABLE event_log (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL,
    type TEXT NOT NULL,
    entity_id NOT NULL,
    occurred_at NOT NULL,
    operator NOT NULL,
    payload TEXT NOT NULL,
    hash BLOB NOT NULL,
    pushed INTEGER NOT NULL DEFAULT 0
)
"""
_CREATE_BROKEN_LINKS = """
CREATE TABLE event_log_broken_links (
    seq INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL
)
"""
_CREATE_INDEXES = (
    "CREATE UNIQUE INDEX event_log_id ON event_log (id)",
    "CREATE INDEX event_log_entity ON event_log (entity_id)",
    "CREATE INDEX event_log_unpushed ON event_log (seq) WHERE pushed = 0",
)


def _key_sql(column: str) -> str:
    hexed = f"lower(hex({column}))"
    text = " || '-' || ".join(
        f"substr({hexed}, {start}, {length})"
        for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    )
    is_uuid = f"typeof({column}) = 'blob' AND length({column}) = 16"
    return f"CASE WHEN {is_uuid} THEN {text} ELSE {column} END"


def _hash_sql(column: str) -> str:
    return f"CASE WHEN typeof({column}) = 'blob' THEN lower(hex({column})) ELSE {column} END"


def time_sql(column: str) -> str:
    """SQL giving the text of a time stored in ``column`` (the view's, built-ins only)."""
    as_text = (
        f"strftime('%Y-%m-%dT%H:%M:%S', {column} / 1000, 'unixepoch', '+8 hours')"
        f" || '.' || printf('%03d', {column} % 1000) || '+08:00'"
    )
    return f"CASE WHEN typeof({column}) = 'integer' THEN {as_text} ELSE {column} END"


_CREATE_VIEW = f"""
CREATE VIEW events AS
SELECT
    {_key_sql("e.id")} AS id,
    coalesce((SELECT m.value FROM station_meta m WHERE m.key = 'station_id'), '') AS station_id,
    e.seq AS seq,
    e.type AS type,
    {_key_sql("e.entity_id")} AS entity_id,
    {time_sql("e.occurred_at")} AS occurred_at,
    {_key_sql("e.operator")} AS operator,
    e.payload AS payload,
    coalesce(
        (SELECT b.prev_hash FROM event_log_broken_links b WHERE b.seq = e.seq),
        CASE WHEN e.seq = 1 THEN '{GENESIS_HASH}'
             ELSE (SELECT {_hash_sql("p.hash")} FROM event_log p WHERE p.seq = e.seq - 1) END,
        ''
    ) AS prev_hash,
    {_hash_sql("e.hash")} AS hash,
    e.pushed AS pushed
FROM event_log e
"""


# --- migration 009 ---------------------------------------------------------------------------


def migrate_compact_event_log(db: Any) -> None:
    """The body of migration ``009_compact_event_log`` (``db``: a sqlite_utils.Database).

    Checks the old ``events`` table (station ids, links), copies it into ``event_log`` in seq
    order, creates the indexes (cheaper once than row by row), checks the copy (count, first and
    last record read back whole, so the head hash too), drops the old table with its indexes and
    creates the view. All in the migration's transaction: a failed check leaves the database as
    it was. A record naming another station than this one's is refused rather than changed.

    The conversion is the Python of :func:`stored_key` and :func:`stored_hash`, called by SQLite
    row by row inside one ``INSERT ... SELECT``: the texts that stay texts (payload, type)
    never cross into Python, which halves the time of a fetch-convert-insert loop in batches
    (4,000,000 events: about 30 s instead of 60 s, most of it writing the new table)."""
    conn: sqlite3.Connection = db.conn
    row = conn.execute("SELECT value FROM station_meta WHERE key = 'station_id'").fetchone()
    station_id = row[0] if row else ""
    links = _check_legacy(conn, station_id)
    conn.execute(_CREATE_LOG)
    conn.execute(_CREATE_BROKEN_LINKS)
    conn.executemany("INSERT INTO event_log_broken_links VALUES (?, ?)", links)
    _copy_legacy(conn)
    for statement in _CREATE_INDEXES:
        conn.execute(statement)
    _check_copy(conn, station_id)
    # the old pages hold what event_log now holds: zeroing them (secure_delete, on in some
    # builds of SQLite) would write the whole old table once more
    secure_delete = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = 0")
    try:
        conn.execute("DROP TABLE events")  # its indexes go with it
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(secure_delete)}")
    conn.execute(_CREATE_VIEW)


def _check_legacy(conn: sqlite3.Connection, station_id: str) -> list[tuple[int, str]]:
    """The old table's links that are not the hash of seq-1 (kept as they are), after refusing
    a record of another station. One pass in SQL; normally it finds nothing."""
    odd = conn.execute(
        f"""
        SELECT seq, prev_hash, station_id, derived FROM (
            SELECT e.seq, e.prev_hash, e.station_id, coalesce(
                CASE WHEN e.seq = 1 THEN '{GENESIS_HASH}'
                     ELSE (SELECT p.hash FROM events p WHERE p.seq = e.seq - 1) END,
                '') AS derived
            FROM events e
        )
        WHERE station_id NOT IN ('', ?) OR prev_hash IS NOT derived
        ORDER BY seq
        """,
        (station_id,),
    ).fetchall()
    for _seq, _prev, other, _derived in odd:
        if other not in ("", station_id):
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The station's records name the station {other}, but this station is "
                    "{station}. The records were not changed. Call the county center's "
                    "support; a copy made before this update is in the backups folder.",
                ),
                other=other,
                station=station_id or "—",  # not joined yet
            )
    return [(seq, prev) for seq, prev, _other, derived in odd if prev != derived]


_OPERATOR_KEYS = 64  # a station has a handful of operators: their ids converted once


def _copy_legacy(conn: sqlite3.Connection) -> None:
    operators: dict[Any, Any] = {}

    def stored_operator(text: Any) -> Any:
        stored = operators.get(text)
        if stored is None:
            stored = stored_key(text)
            if len(operators) < _OPERATOR_KEYS:
                operators[text] = stored
        return stored

    conn.create_function("stored_key", 1, stored_key, deterministic=True)
    conn.create_function("stored_operator", 1, stored_operator, deterministic=True)
    conn.create_function("stored_hash", 1, stored_hash, deterministic=True)
    conn.create_function("stored_time", 1, stored_time, deterministic=True)
    try:
        conn.execute(
            "INSERT INTO event_log (seq, id, type, entity_id, occurred_at, operator, payload,"
            " hash, pushed)"
            " SELECT seq, stored_key(id), type, stored_key(entity_id), stored_time(occurred_at),"
            " stored_operator(operator), payload, stored_hash(hash), pushed"
            " FROM events ORDER BY seq"
        )
    finally:
        for name in ("stored_key", "stored_operator", "stored_hash", "stored_time"):
            conn.create_function(name, 1, None)


def _check_copy(conn: sqlite3.Connection, station_id: str) -> None:
    """Nothing lost or changed: the same count, and the first and last record read back as the
    old table holds them (station_id as enrolment fills it in), so the head hash too."""
    old_count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    new_count = conn.execute("SELECT count(*) FROM event_log").fetchone()[0]
    problems = []
    if old_count != new_count:
        problems.append(f"count {old_count} -> {new_count}")
    for order in ("ASC", "DESC"):
        old = conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq {order} LIMIT 1"
        ).fetchone()
        if old is None:
            continue
        new = find(conn, old[0], station_id=station_id)
        expected = (old[0], station_id, *tuple(old)[2:])
        if new != expected:
            problems.append(f"seq {old[2]} reads back as {new!r}, not {expected!r}")
    if problems:  # pragma: no cover - a bug in the conversion, not the data
        raise sqlite3.IntegrityError("the compact event log differs: " + "; ".join(problems))
