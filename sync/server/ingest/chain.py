"""Taking in a station's push: the chain checked and every hash recomputed from the county's
own head, the events stored, the ingest hooks and the lines' read models run, all in one
transaction."""

from __future__ import annotations

import itertools

import sqlalchemy as sa

from stationapp.core import clock
from sync import protocol
from sync.protocol import PushResponse, WireEvent
from sync.server.errors import SyncError
from sync.server.ingest.event_types import is_known
from sync.server.ingest.hooks import run_hooks
from sync.server.lines import write_read_models
from sync.server.lines.common import insert_rows
from sync.server.station_heads import record_head
from sync.server.storage import Storage
from sync.server.tables import events, stations


def _name(event: WireEvent) -> str:
    return f"seq {event.seq} ({event.type}, id {event.id})"


def _conflict(detail: str, head_seq: int, head_hash: str) -> SyncError:
    return SyncError(protocol.CHAIN_CONFLICT, detail, head_seq=head_seq, head_hash=head_hash)


class HistoryChanged(SyncError):
    """A 409 for a seq the county holds with other content: the station is flagged."""

    def __init__(self, detail: str, head_seq: int, head_hash: str) -> None:
        super().__init__(protocol.CHAIN_CONFLICT, detail, head_seq=head_seq, head_hash=head_hash)


def read_head(storage: Storage, station_id: str) -> tuple[int, str]:
    with storage.engine.connect() as conn:
        row = conn.execute(
            sa.select(stations.c.head_seq, stations.c.head_hash).where(stations.c.id == station_id)
        ).one()
    return row.head_seq, row.head_hash


def _check_order(batch: list[WireEvent], station_id: str) -> None:
    for before, after in itertools.pairwise(batch):
        if after.seq != before.seq + 1:
            raise SyncError(
                protocol.INVALID_EVENT,
                f"Event {_name(after)} does not follow seq {before.seq}: a push carries events "
                "in seq order without gaps.",
            )
    for event in batch:
        if event.station_id and event.station_id != station_id:
            raise SyncError(
                protocol.FORBIDDEN,
                f"Event {_name(event)} names station {event.station_id}, not this token's.",
            )


def _check_known(conn, station_id: str, known: list[WireEvent], head: tuple[int, str]) -> None:
    """Events the county already holds must be the very same events (same hash)."""
    if not known:
        return
    first, last = known[0].seq, known[-1].seq
    rows = conn.execute(
        sa.select(events.c.seq, events.c.prev_hash, events.c.hash)
        .where(events.c.station_id == station_id, events.c.seq.between(first, last))
        .order_by(events.c.seq)
    ).all()
    stored = {row.seq: row for row in rows}
    for event in known:
        row = stored.get(event.seq)
        same = (
            row is not None
            and event.prev_hash in (None, row.prev_hash)
            and event.hash in (None, row.hash)
            and event.chain_hash(row.prev_hash) == row.hash
        )
        if not same:
            raise HistoryChanged(
                f"The county already holds seq {event.seq} with other content than event "
                f"{_name(event)}: the station's history differs from what it pushed before.",
                *head,
            )


def _taken_id(storage: Storage, station_id: str, batch: list[WireEvent]) -> str:
    """After the UNIQUE constraints refused a push: the id of it this station already used at
    another seq, in words (event ids are unique per station, DESIGN §5; another station's ids
    do not count). Looked up only then: asked before every insert, it cost each push a query
    of its thousand ids."""
    seq_of = {e.id: e.seq for e in batch}
    with storage.engine.connect() as conn:
        held = conn.execute(
            sa.select(events.c.id, events.c.seq).where(
                events.c.station_id == station_id, events.c.id.in_(list(seq_of))
            )
        ).all()
    for taken in held:
        if taken.seq != seq_of[taken.id]:
            return (
                f"Event id {taken.id} is already stored at seq {taken.seq}; an event keeps its "
                "id and its seq. Fetch the county's events and heal the fork."
            )
    return "The county already holds one of these events (same seq or id)."  # a race


def _chain_new(new: list[WireEvent], head: tuple[int, str]) -> list[str]:
    """The recomputed hash of every new event, or the refusal that names the first bad one."""
    head_seq, head_hash = head
    first = new[0]
    if first.seq != head_seq + 1 or first.prev_hash not in (None, head_hash):
        raise _conflict(
            f"Event {_name(first)} does not follow the county's head (seq {head_seq}). Ask "
            "/sync/head and push from there.",
            head_seq,
            head_hash,
        )
    hashes: list[str] = []
    prev = head_hash
    for event in new:
        if event.prev_hash not in (None, prev):
            raise SyncError(
                protocol.INVALID_EVENT,
                f"Event {_name(event)} has a prev_hash that is not the hash of the event "
                "before it.",
            )
        digest = event.chain_hash(prev)
        if event.hash is not None and event.hash != digest:
            raise SyncError(
                protocol.INVALID_EVENT,
                f"Event {_name(event)} has a hash its content does not give; it was changed "
                "after it was written.",
            )
        hashes.append(digest)
        prev = digest
    return hashes


def push(
    storage: Storage, station_id: str, batch: list[WireEvent], *, station_head: int | None = None
) -> PushResponse:
    """Store the new events of a batch; events already held are counted as duplicates.
    ``station_head``: how far the station says its own log goes (kept beside, never less than
    the county's head)."""
    _check_order(batch, station_id)
    received_at = clock.now_iso()
    try:
        with storage.engine.begin() as conn:
            row = conn.execute(
                sa.select(stations.c.head_seq, stations.c.head_hash)
                .where(stations.c.id == station_id)
                .with_for_update()
            ).one()
            head = (row.head_seq, row.head_hash)
            known = [e for e in batch if e.seq <= head[0]]
            new = [e for e in batch if e.seq > head[0]]
            _check_known(conn, station_id, known, head)
            if station_head is not None:
                last = new[-1].seq if new else head[0]
                record_head(conn, station_id, max(station_head, last))
            if not new:
                return PushResponse(
                    accepted=0, duplicates=len(known), head_seq=head[0], head_hash=head[1]
                )
            hashes = _chain_new(new, head)
            _store(conn, station_id, new, hashes, head[1], received_at)
            run_hooks(conn, station_id, new)
            write_read_models(conn, station_id, new)
            new_head = (new[-1].seq, hashes[-1])
            conn.execute(
                stations.update()
                .where(stations.c.id == station_id)
                .values(head_seq=new_head[0], head_hash=new_head[1])
            )
    except sa.exc.IntegrityError as exc:
        # the UNIQUE constraints are the last word: a race, or an id this station holds
        head = read_head(storage, station_id)
        raise _conflict(
            f"{_taken_id(storage, station_id, batch)} Ask /sync/head and push from there.", *head
        ) from exc
    except HistoryChanged as refusal:
        flag_station(storage, station_id, refusal.detail)
        raise
    return PushResponse(
        accepted=len(new), duplicates=len(known), head_seq=new_head[0], head_hash=new_head[1]
    )


_COLUMNS = [c.name for c in events.columns]
_SQLITE_INSERT = (
    f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)


def _store(
    conn: sa.Connection,
    station_id: str,
    new: list[WireEvent],
    hashes: list[str],
    head_hash: str,
    received_at: str,
) -> None:
    """Write the new events as they came, at the least cost each database allows: SQLite an
    executemany of plain tuples (SQLAlchemy's executemany builds each row's parameters in
    Python; a JSON document is slower there, each column's json_extract parses the row
    again), PostgreSQL one JSON document the server takes apart (an executemany sends pages
    of rows: 59 against 31 µs an event). The protocol caps every text at its column's length,
    so nothing is cut (docs/county-read-models.md, ingest speed)."""
    prevs = [head_hash, *hashes[:-1]]
    rows = [
        (
            station_id,
            e.seq,
            e.id,
            e.type,
            e.entity_id,
            e.occurred_at,
            e.operator,
            e.payload_json,
            prev,
            digest,
            received_at,
            not is_known(e.type),
        )
        for e, prev, digest in zip(new, prevs, hashes, strict=True)
    ]
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_INSERT, rows)
    else:
        insert_rows(conn, events, [dict(zip(_COLUMNS, row, strict=True)) for row in rows])


def flag_station(storage: Storage, station_id: str, reason: str) -> None:
    """Mark a station for the supervisor (its pushed history was changed)."""
    with storage.engine.begin() as conn:
        conn.execute(
            stations.update().where(stations.c.id == station_id).values(flagged_reason=reason)
        )
