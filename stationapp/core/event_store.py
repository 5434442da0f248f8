"""How the event log is stored: DESIGN §3's record, kept compactly (migration 009).

The record stays the contract (its fields, values, canonical JSON, hash and wire form); only its
storage is compact. ``event_log`` holds per event:

- ``seq`` as the rowid (no separate unique index; inserts give it explicitly, gap-free);
- ``id`` unique by the index ``event_log_id`` (a UNIQUE index rather than a column constraint,
  so that the migration builds it once after the copy; the constraint is the same);
- ``id``, ``entity_id`` and ``operator`` as the UUID's 16 bytes when the text is a canonical
  lowercase UUID (``str(uuid.UUID(x)) == x``), else as the text itself ('' stays ''; a setting's
  key stays its key). The event id follows the same rule as the other two rather than being
  bytes only: the wire allows any id, and one that is not a UUID is kept rather than refused;
- ``hash`` as its 32 bytes (a hash that is not 64 lowercase hex digits, which only an edit by
  hand makes, is kept as its text, so that ``verify`` reports it);
- ``occurred_at`` as milliseconds since 1970 (an integer, 6 bytes instead of 29) when it is the
  station clock's own form, ``YYYY-MM-DDTHH:MM:SS.mmm+08:00``, and reads back as exactly that
  text; any other form (a record from elsewhere, an edit by hand) stays its text;
- not ``prev_hash``: it is the ``hash`` of ``seq - 1`` (64 zeros for seq 1). Readers in seq order
  carry it along; a lookup by rowid gives it otherwise. A link that was already broken in the
  log this migration found (prev_hash not the hash of seq-1: a record deleted or edited by hand)
  is kept in ``event_log_broken_links``, so the record reads back as it was and verify says so;
- not ``station_id``: it is station_meta's ``station_id`` ('' before enrolment; enrolment fills
  it in once for every event, so it only sets the meta value).

``events`` is a read-only view with §3's columns in their text forms, in §3's order, made only of
built-in SQL functions, so ``SELECT * FROM events`` works in the plain sqlite3 shell. The app
reads and writes ``event_log`` through the helpers below, the one place that converts between
the record's text and its stored form; lookups pass the stored key so they use the indexes.

The tables, the view and the upgrade that made them (migration 009) are in
``core.compact_event_log``. After the upgrade the old table's pages are free pages of the file,
filled again as the log grows: the file does not shrink (VACUUM cannot run inside the
migration's transaction).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from stationapp.core import meta

GENESIS_HASH = "0" * 64

# DESIGN §3's columns, in order (the view's, and a legacy ``events`` table's)
EVENT_COLUMNS = (
    "id, station_id, seq, type, entity_id, occurred_at, operator, payload, prev_hash, hash"
)
# what event_log holds, in the order the readers below select it
_LOG_COLUMNS = "seq, id, type, entity_id, occurred_at, operator, payload, hash"

INSERT_EVENT = (
    "INSERT INTO event_log (seq, id, type, entity_id, occurred_at, operator, payload, hash,"
    " pushed) VALUES (?,?,?,?,?,?,?,?,?)"
)

# --- the one place where text and stored form meet -------------------------------------------


def stored_key(text: Any) -> Any:
    """An id as stored: the 16 bytes of a canonical lowercase UUID, else the text unchanged."""
    if type(text) is str and len(text) == 36 and text[8] == text[13] == text[18] == text[23] == "-":
        digits = text.replace("-", "")
        try:
            raw = bytes.fromhex(digits)
        except ValueError:
            return text
        if len(raw) == 16 and raw.hex() == digits:  # lowercase, no spaces, no extra dashes
            return raw
    return text


def key_text(value: Any) -> Any:
    """An id's text from its stored form (inverse of :func:`stored_key`)."""
    if type(value) is bytes:
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return value


def stored_hash(text: Any) -> Any:
    """A hash as stored: its 32 bytes when it is 64 lowercase hex digits, else the text."""
    if type(text) is str and len(text) == 64:
        try:
            raw = bytes.fromhex(text)
        except ValueError:
            return text
        if raw.hex() == text:
            return raw
    return text


def hash_text(value: Any) -> Any:
    """A hash's lowercase hex from its stored form (inverse of :func:`stored_hash`)."""
    return value.hex() if type(value) is bytes else value


_UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SHANGHAI_MS = 8 * 3600 * 1000  # Asia/Shanghai has kept +08:00 all year since 1991
_CLOCK_FORM = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00")
_day_texts: dict[int, str] = {}  # the date part of a day's times, made once per day


def stored_time(text: Any) -> Any:
    """A time as stored: milliseconds since 1970 when ``text`` is the station clock's form and
    reads back as exactly that text, else the text unchanged."""
    if type(text) is str and len(text) == 29 and _CLOCK_FORM.fullmatch(text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:  # e.g. month 13
            return text
        ms = (moment - _UTC_EPOCH) // timedelta(milliseconds=1)
        if ms >= 0 and time_text(ms) == text:
            return ms
    return text


def time_text(value: Any) -> Any:
    """A time's text from its stored form (inverse of :func:`stored_time`)."""
    if type(value) is not int:
        return value
    day, ms_of_day = divmod(value + _SHANGHAI_MS, 86_400_000)
    day_text = _day_texts.get(day)
    if day_text is None:
        day_text = _day_texts[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    seconds, ms = divmod(ms_of_day, 1000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{day_text}T{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}+08:00"


def stored_row(
    *,
    seq: int,
    id: str,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload_json: str,
    hash: str,
    pushed: int = 0,
) -> tuple:
    """The parameters of :data:`INSERT_EVENT` for one event (payload already canonical JSON)."""
    return (
        seq,
        stored_key(id),
        type,
        stored_key(entity_id),
        stored_time(occurred_at),
        stored_key(operator),
        payload_json,
        stored_hash(hash),
        pushed,
    )


def pushed_row(event: Any, *, hash: str) -> tuple:
    """The stored row of a record the county center holds (a wire event taken back by fork
    healing or a restore: ``payload_json`` already canonical), marked pushed."""
    return stored_row(
        seq=event.seq,
        id=event.id,
        type=event.type,
        entity_id=event.entity_id,
        occurred_at=event.occurred_at,
        operator=event.operator,
        payload_json=event.payload_json,
        hash=hash,
        pushed=1,
    )


# --- reading ---------------------------------------------------------------------------------


def read(
    conn: sqlite3.Connection, where: str = "", params: Iterable[Any] = (), *, station_id: str
) -> Iterator[tuple]:
    """Events of ``event_log`` selected by ``where`` (SQL after FROM, e.g. ``WHERE seq > ?
    ORDER BY seq``), each as §3's columns without ``pushed`` (the :data:`EVENT_COLUMNS` order,
    ``Event.from_row``'s). ``prev_hash`` is carried from the row before when it is seq-1, else
    looked up; "" when seq-1 is missing (a log with a record deleted)."""
    links = _broken_links(conn)
    operators: dict[Any, Any] = {}  # a station has few operators: each id converted once
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: cheaper than sqlite3.Row, and unpacked at once
    cursor.execute(f"SELECT {_LOG_COLUMNS} FROM event_log {where}", tuple(params))
    last_seq, last_hash = None, ""
    # the conversions of key_text and hash_text, written out: this loop is the log's read path
    for seq, ident, type_, entity, occurred, operator, payload, digest in cursor:
        if type(digest) is bytes:
            digest = digest.hex()
        if links and seq in links:
            prev = links[seq]
        elif last_seq is not None and seq == last_seq + 1:
            prev = last_hash
        else:
            prev = hash_at(conn, seq - 1)
        if type(ident) is bytes:
            h = ident.hex()
            ident = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        if type(entity) is bytes:
            h = entity.hex()
            entity = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        if type(occurred) is int:
            occurred = time_text(occurred)
        operator_text = operators.get(operator)
        if operator_text is None:
            operator_text = operators[operator] = key_text(operator)
        yield (
            ident,
            station_id,
            seq,
            type_,
            entity,
            occurred,
            operator_text,
            payload,
            prev,
            digest,
        )
        last_seq, last_hash = seq, digest


def find(conn: sqlite3.Connection, event_id: str, *, station_id: str) -> tuple | None:
    """The event with this id (by the id index), or None."""
    rows = read(conn, "WHERE id = ?", (stored_key(event_id),), station_id=station_id)
    return next(rows, None)


def of_entity(
    conn: sqlite3.Connection, entity_id: str, *, type: str | None, station_id: str
) -> list[tuple]:
    """The events about one entity (by the entity index), of one type if given, in seq order."""
    key = stored_key(entity_id)
    if type is None:
        where, params = "WHERE entity_id = ? ORDER BY seq", (key,)
    else:
        where, params = "WHERE entity_id = ? AND type = ? ORDER BY seq", (key, type)
    return list(read(conn, where, params, station_id=station_id))


def hash_at(conn: sqlite3.Connection, seq: int) -> str:
    """The hash of event ``seq`` (64 zeros for 0, the genesis); "" when there is none."""
    if seq == 0:
        return GENESIS_HASH
    row = conn.execute("SELECT hash FROM event_log WHERE seq = ?", (seq,)).fetchone()
    return hash_text(row[0]) if row else ""


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(seq, hash) of the last event; (0, genesis) for an empty log."""
    row = conn.execute("SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], hash_text(row[1])) if row else (0, GENESIS_HASH)


def is_compact(conn: sqlite3.Connection) -> bool:
    """Whether this database stores its log in ``event_log`` (False: an older backup, whose
    ``events`` is still the table of migration 001)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_log'"
    ).fetchone()
    return row is not None


def chain_rows(conn: sqlite3.Connection, *, station_id: str) -> Iterator[tuple]:
    """Every event in seq order as §3's columns, from either storage: verify reads a backup
    made before migration 009 too (``stationapp restore`` checks it before putting it back)."""
    if is_compact(conn):
        return read(conn, "ORDER BY seq", station_id=station_id)
    cursor = conn.cursor()
    cursor.row_factory = None
    return iter(cursor.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"))


def _broken_links(conn: sqlite3.Connection) -> dict[int, str]:
    return dict(conn.execute("SELECT seq, prev_hash FROM event_log_broken_links").fetchall())


# --- writing ---------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Rows made by :func:`stored_row`."""
    conn.executemany(INSERT_EVENT, rows)


def delete_after(conn: sqlite3.Connection, seq: int) -> None:
    """Remove the events after ``seq`` (fork healing rewrites them; a restore starts over).
    A chain check's remembered point past ``seq`` goes back to ``seq``, whose hash stays."""
    point = checked_point(conn)
    if point is not None and point[0] > seq:
        if seq:
            set_checked_point(conn, seq, hash_at(conn, seq))
        else:
            meta.delete(conn, meta.CHAIN_CHECKED)
    conn.execute("DELETE FROM event_log WHERE seq > ?", (seq,))
    conn.execute("DELETE FROM event_log_broken_links WHERE seq > ?", (seq,))


def checked_point(conn: sqlite3.Connection) -> tuple[int, str] | None:
    seq, _, digest = meta.get(conn, meta.CHAIN_CHECKED).partition(" ")
    return (int(seq), digest) if seq.isdigit() and digest else None


def set_checked_point(conn: sqlite3.Connection, seq: int, digest: str) -> None:
    meta.put(conn, meta.CHAIN_CHECKED, f"{int(seq)} {digest}")


def mark_pushed(conn: sqlite3.Connection, up_to_seq: int) -> None:
    conn.execute("UPDATE event_log SET pushed = 1 WHERE seq <= ? AND pushed = 0", (up_to_seq,))
