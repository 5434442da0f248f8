"""The append-only event log: every change of state is one event, hash-chained.

An event and the rows it changes in the projection tables (``operators``, ``settings``,
``parcels``...) are written in one transaction. The projections can always be rebuilt from the
events; ``verify`` checks the chain and does that rebuild into a scratch file to compare.

Here: ``EventLog`` (reading, appending in a ``Batch``, voids, the checks it runs) and the facade
of names most callers import. The record and its hash are in ``core.event_record``, the
projector registry and replay in ``core.projections``, the chain check and the comparison in
``core.verify``, the stored form in ``core.event_store``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from stationapp.core import clock, event_store, ids, meta
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.event_record import (
    Event,
    PayloadError,
    canonical_json,
    canonical_payload,
    event_hash,
    event_hash_of,
)
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import money_of
from stationapp.core.projections import VOID_TYPE, Projections, Replay
from stationapp.core.verify import VerifyResult, check_chain, note_problem, rebuild_and_compare

# the log's facade: the names most callers take from here (the record's in core.event_record,
# the projectors' in core.projections, the checks' in core.verify)
__all__ = [
    "EVENT_COLUMNS",
    "GENESIS_HASH",
    "VOID_TYPE",
    "Batch",
    "Event",
    "EventLog",
    "Replay",
    "VerifyResult",
    "canonical_json",
    "event_hash",
]

# §3's column order and the genesis hash, defined beside the storage (core.event_store)
EVENT_COLUMNS = event_store.EVENT_COLUMNS
GENESIS_HASH = event_store.GENESIS_HASH


def chained_row(
    prev_hash: str,
    *,
    seq: int,
    id: str,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload_json: str,
) -> tuple[str, tuple]:
    """The hash of an event chained after ``prev_hash`` and its row as stored: what appending
    writes, and what a fork heal writes for the station's own events it moves."""
    digest = event_hash_of(
        prev_hash,
        id=id,
        seq=seq,
        type=type,
        entity_id=entity_id,
        occurred_at=occurred_at,
        operator=operator,
        payload_json=payload_json,
    )
    row = event_store.stored_row(
        seq=seq,
        id=id,
        type=type,
        entity_id=entity_id,
        occurred_at=occurred_at,
        operator=operator,
        payload_json=payload_json,
        hash=digest,
    )
    return digest, row


class Batch:
    """Events appended inside one transaction; the head moves only when it commits."""

    def __init__(self, log: EventLog, conn: sqlite3.Connection) -> None:
        self._log = log
        self.conn = conn
        # read inside the write transaction, never from a cache: another connection may have
        # appended since (an older program let in beside this one), and a stale head would
        # collide on seq
        self.seq, self.hash = event_store.head(conn)
        self.events: list[Event] = []

    def append(
        self,
        type: str,
        *,
        entity_id: str = "",
        payload: dict[str, Any] | None = None,
        operator: str = "",
        occurred_at: str | None = None,
        event_id: str | None = None,
    ) -> Event:
        payload = dict(payload or {})
        seq = self.seq + 1
        ident = event_id or ids.uuid7()
        occurred = occurred_at or clock.now_iso()
        try:
            payload_json = canonical_payload(payload)  # made once: hashed and stored
        except PayloadError as error:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The record {type} was not written: its data {problem}, which the county "
                    "center could not give back exactly.",
                ),
                type=type,
                problem=Term(error.problem),
            ) from error
        digest, row = chained_row(
            self.hash,
            seq=seq,
            id=ident,
            type=type,
            entity_id=entity_id,
            occurred_at=occurred,
            operator=operator,
            payload_json=payload_json,
        )
        event = Event(
            ident,
            seq,
            type,
            entity_id,
            occurred,
            operator,
            payload,
            self.hash,
            digest,
            self._log.station_id,
        )
        self.conn.execute(event_store.INSERT_EVENT, row)
        projections = self._log.projections
        if projections is None:
            raise RuntimeError("this log was opened without projections: it cannot be written")
        projections.project(projections.replay(self.conn, self._log.find_event), event)
        self.seq, self.hash = seq, digest
        self.events.append(event)
        return event


class EventLog:
    """The log of one station database (stored as ``event_store`` describes).

    ``station_id`` is the station every event names (DESIGN §3): station_meta's when not
    given, and set again at enrolment. ``projections`` are every line's (``lines.py``): each
    event appended is projected in its transaction, and ``verify`` replays with them; a log
    opened without them (to check a backup's chain) can be read, not written or rebuilt."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        store_transaction,
        *,
        projections: Projections | None = None,
        station_id: str | None = None,
    ) -> None:
        self.conn = conn
        self.projections = projections
        self._transaction = store_transaction
        self.station_id = meta.get(conn, meta.STATION_ID) if station_id is None else station_id
        self._head: tuple[int, str] | None = None

    # reading ----------------------------------------------------------------------------------

    def head(self) -> tuple[int, str]:
        if self._head is None:
            self._head = event_store.head(self.conn)
        return self._head

    def find_event(self, event_id: str) -> Event | None:
        row = event_store.find(self.conn, event_id, station_id=self.station_id)
        return Event.from_row(row) if row else None

    def iter_events(self, after_seq: int = 0) -> Iterator[Event]:
        """Streams the log in seq order without loading it into memory."""
        rows = event_store.read(
            self.conn, "WHERE seq > ? ORDER BY seq", (after_seq,), station_id=self.station_id
        )
        for row in rows:
            yield Event.from_row(row)

    def events_after(self, seq: int, limit: int) -> list[Event]:
        """At most ``limit`` events after ``seq``, in seq order (what a push sends next)."""
        rows = event_store.read(
            self.conn,
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
            station_id=self.station_id,
        )
        return [Event.from_row(row) for row in rows]

    def events_of(self, entity_id: str, *, type: str | None = None) -> list[Event]:
        """The events about one entity (a parcel, a setting...), of one ``type`` if given, in
        seq order; found by the entity index."""
        rows = event_store.of_entity(self.conn, entity_id, type=type, station_id=self.station_id)
        return [Event.from_row(row) for row in rows]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM event_log").fetchone()[0]

    def unpushed_count(self) -> int:
        """Events the county center has not acknowledged. They are the log's tail (a push is
        acknowledged up to a seq, ``mark_pushed``; a restore or a fork heal writes the county's
        records below the local ones), so the count is the head's seq less the first unpushed
        one, read from the unpushed index's first entry: the status bar asks after every event,
        and a station that never joined a county has its whole history unpushed."""
        row = self.conn.execute("SELECT min(seq) FROM event_log WHERE pushed = 0").fetchone()
        if row[0] is None:
            return 0
        return event_store.head(self.conn)[0] - row[0] + 1

    def is_voided(self, event_id: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM voided_events WHERE event_id = ?", (event_id,)
        ).fetchone()
        return row is not None

    # writing ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """One transaction for several events and their projections: all or nothing."""
        with self._transaction() as conn:
            batch = Batch(self, conn)
            try:
                yield batch
            except BaseException:
                self._head = None
                raise
        if batch.events:
            self._head = (batch.seq, batch.hash)

    def append(self, type: str, **kwargs: Any) -> Event:
        with self.batch() as batch:
            return batch.append(type, **kwargs)

    def void(self, event_id: str, *, reason: str, operator: str) -> Event:
        """Correct a mistake by a new event that names the one it voids (a manager's action)."""
        reason = (reason or "").strip()
        if len(reason) < 2:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Write the reason for the correction (at least two characters), e.g. "
                    "'entered twice'.",
                )
            )
        target = self.find_event(event_id)
        if target is None:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "No record with id {event_id} was found. Check the id on the receipt.",
                ),
                event_id=event_id,
            )
        if target.type == VOID_TYPE:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A correction cannot itself be voided. Record the right state with a new "
                    "action instead.",
                )
            )
        if self.is_voided(event_id):
            raise StateError(
                QT_TRANSLATE_NOOP("UserError", "This record was already voided; nothing to do.")
            )
        if self.projections is None or not self.projections.can_void(target.type):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A record of the kind '{kind}' cannot be voided. Correct it with the page "
                    "where it was made.",
                ),
                kind=target.type,
            )
        payload: dict[str, Any] = {"event_id": target.id, "reason": reason, "type": target.type}
        moved = money_of(target.payload)
        if moved is not None:  # DESIGN §3: a void reverses the money entries of what it voids
            payload["money"] = moved.reversed().to_payload()
        return self.append(
            VOID_TYPE, entity_id=target.entity_id, payload=payload, operator=operator
        )

    # checking ---------------------------------------------------------------------------------

    def verify_chain(self) -> VerifyResult:
        """Seq continuity, ``prev_hash`` links and every hash, streamed in seq order (a backup
        made before the compact storage is read from its old table)."""
        return check_chain(event_store.chain_rows(self.conn, station_id=self.station_id))

    def checked_point(self) -> tuple[int, str] | None:
        """(seq, hash) of the last event a passing chain check reached, or None."""
        return event_store.checked_point(self.conn)

    def check_appended(self) -> VerifyResult:
        """The check at login: the events appended since the last passing check, after making
        sure the event it ended on still has the hash it had then (a log rewritten from an
        earlier point, hashes and all, changes it). Reads only the new events; with no point
        remembered it reads nothing, and the full check (:meth:`check_slice`, at idle) gives
        the first point. An edit of an older record that leaves its hash alone is found by
        that full check, which the window runs after every login (docs/architecture.md)."""
        point = self.checked_point()
        if point is None:
            return VerifyResult(ok=True)
        seq, digest = point
        if event_store.hash_at(self.conn, seq) != digest:
            result = VerifyResult(ok=True)
            note_problem(
                result,
                seq,
                f"seq {seq}: its hash is not the one the last check found; the records up to "
                "it were changed after they were checked",
            )
            return result
        rows = event_store.read(
            self.conn, "WHERE seq > ? ORDER BY seq", (seq,), station_id=self.station_id
        )
        result = check_chain(rows, after_seq=seq, prev_hash=digest)
        if result.ok and result.last_seq > seq:
            self.remember_checked(result.last_seq, result.last_hash)
        return result

    def check_slice(self, after_seq: int, prev_hash: str, limit: int) -> VerifyResult:
        """At most ``limit`` events after ``after_seq`` (whose hash is ``prev_hash``): one slice
        of the full chain check, short enough to run between an operator's actions. Fewer than
        ``limit`` events checked: the slice reached the head."""
        rows = event_store.read(
            self.conn,
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            (after_seq, int(limit)),
            station_id=self.station_id,
        )
        return check_chain(rows, after_seq=after_seq, prev_hash=prev_hash)

    def remember_checked(self, seq: int, digest: str) -> None:
        """A chain check from the start, or from the point remembered, passed up to ``seq``:
        the next check at login starts there (never moved back)."""
        point = self.checked_point()
        if seq <= 0 or (point is not None and point[0] >= seq):
            return
        with self._transaction() as conn:
            event_store.set_checked_point(conn, seq, digest)

    def verify(
        self, *, rebuild: bool = True, schema: Callable[[sqlite3.Connection], None]
    ) -> VerifyResult:
        """The chain, then (``rebuild``) a replay into a scratch database compared table by table
        with the live projections. ``schema`` creates the empty tables in the scratch database."""
        result = self.verify_chain()
        if not rebuild:
            return result
        if self.projections is None:
            raise RuntimeError("this log was opened without projections: it cannot be rebuilt")
        rebuild_and_compare(
            result,
            live=self.conn,
            events=self.iter_events(),
            find_event=self.find_event,
            schema=schema,
            projections=self.projections,
        )
        return result
