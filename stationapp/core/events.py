"""The append-only event log: every change of state is one event, hash-chained.

An event and the rows it changes in the projection tables (``operators``, ``settings``,
``parcels``...) are written in one transaction. The projections can always be rebuilt from the
events; ``verify`` checks the chain and does that rebuild into a scratch file to compare.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stationapp.core import clock, event_store, ids
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term

# §3's column order and the genesis hash, defined beside the storage (core.event_store)
EVENT_COLUMNS = event_store.EVENT_COLUMNS
GENESIS_HASH = event_store.GENESIS_HASH

VOID_TYPE = "event.voided"
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Event:
    id: str
    seq: int
    type: str
    entity_id: str
    occurred_at: str
    operator: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str
    station_id: str = ""

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Event:
        """From §3's columns in ``EVENT_COLUMNS`` order (``event_store.read`` gives them)."""
        ident, station_id, seq, type_, entity_id, occurred_at, operator, payload, prev, digest = row
        # the fields filled at once: a frozen dataclass's __init__ sets each one through
        # object.__setattr__, and verify's rebuild or a push reads events by the hundred thousand
        event = _new_object(cls)
        event.__dict__.update(
            id=ident,
            seq=seq,
            type=type_,
            entity_id=entity_id,
            occurred_at=occurred_at,
            operator=operator,
            payload=json.loads(payload),
            prev_hash=prev,
            hash=digest,
            station_id=station_id,
        )
        return event


_new_object = object.__new__


_json_text = json.encoder.encode_basestring  # a string as json.dumps(ensure_ascii=False) writes it


def canonical_json(value: Any) -> str:
    """UTF-8 friendly, keys sorted, no spaces: the bytes the hash is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# DESIGN §5: a payload the county could not give back exactly is refused at its push, so the
# station never writes one: nesting deeper than this, NaN/Infinity, lone surrogates, NUL.
MAX_PAYLOAD_DEPTH = 32  # the payload object itself is level 1
PAYLOAD_TOO_DEEP = QT_TRANSLATE_NOOP("UserError", "is nested deeper than 32 levels")
PAYLOAD_NOT_FINITE = QT_TRANSLATE_NOOP("UserError", "holds a number that is NaN or infinite")
PAYLOAD_NUL = QT_TRANSLATE_NOOP("UserError", "holds the character U+0000 (NUL)")
PAYLOAD_SURROGATE = QT_TRANSLATE_NOOP("UserError", "holds text that is not valid Unicode")
# \u0000 in canonical JSON that is not an escaped backslash followed by the text "u0000"
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


# canonical_json's form, made once (not an encoder per call), with NaN and Infinity refused
_PAYLOAD_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


class PayloadError(ValueError):
    """A payload that could not be given back exactly; ``problem`` says why (a translatable
    phrase, its English is ``str(error)``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def nesting_depth(value: Any, stop_after: int = MAX_PAYLOAD_DEPTH) -> int:
    """How deep objects and lists nest in ``value`` (a dict alone is 1), walked without
    recursion; the walk stops once it is past ``stop_after``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > stop_after:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def canonical_payload(payload: Any) -> str:
    """The payload's canonical JSON, or PayloadError when the county could not give it back
    exactly as it came (DESIGN §5)."""
    try:
        text = _PAYLOAD_ENCODER.encode(payload)
    except RecursionError as error:
        raise PayloadError(PAYLOAD_TOO_DEEP) from error
    except ValueError as error:
        raise PayloadError(PAYLOAD_NOT_FINITE) from error
    # a text with few brackets cannot nest deeply: the walk runs only when it might
    brackets = text.count("{") + text.count("[")
    if brackets > MAX_PAYLOAD_DEPTH and nesting_depth(payload) > MAX_PAYLOAD_DEPTH:
        raise PayloadError(PAYLOAD_TOO_DEEP)
    if "\\u0000" in text and _NUL_ESCAPE.search(text):
        raise PayloadError(PAYLOAD_NUL)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise PayloadError(PAYLOAD_SURROGATE) from error
    return text


def event_hash(
    prev_hash: str,
    *,
    id: str,
    seq: int,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload: dict[str, Any],
) -> str:
    return event_hash_of(
        prev_hash,
        id=id,
        seq=seq,
        type=type,
        entity_id=entity_id,
        occurred_at=occurred_at,
        operator=operator,
        payload_json=canonical_json(payload),
    )


def event_hash_of(
    prev_hash: str,
    *,
    id: str,
    seq: int,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload_json: str,
) -> str:
    """The hash over ``prev_hash`` and the canonical JSON of {id, seq, type, entity_id,
    occurred_at, operator, payload}, with the payload already in canonical JSON (the county
    makes it once per event and stores the same text). The envelope is written out in sorted
    key order exactly as ``canonical_json`` would write it."""
    body = (
        f'{{"entity_id":{_json_text(entity_id)},"id":{_json_text(id)},'
        f'"occurred_at":{_json_text(occurred_at)},"operator":{_json_text(operator)},'
        f'"payload":{payload_json},"seq":{int(seq)},"type":{_json_text(type)}}}'
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def content_hash(event: Event, prev_hash: str) -> str:
    return event_hash(
        prev_hash,
        id=event.id,
        seq=event.seq,
        type=event.type,
        entity_id=event.entity_id,
        occurred_at=event.occurred_at,
        operator=event.operator,
        payload=event.payload,
    )


# --- projections -----------------------------------------------------------------------------


@dataclass
class Replay:
    """What a projector may use: the connection to write to, and a way to find earlier events
    (from the live log, or from the log being rebuilt)."""

    conn: sqlite3.Connection
    find_event: Callable[[str], Event | None]


Apply = Callable[[Replay, Event], None]


@dataclass
class Projector:
    apply: Apply
    revert: Apply | None = None  # undo for event.voided; None: this kind cannot be voided


_PROJECTORS: dict[str, Projector] = {}
# table -> ORDER BY clause that gives a stable row order for comparison
PROJECTED_TABLES: dict[str, str] = {}


def projects(event_type: str, *, revert: Apply | None = None) -> Callable[[Apply], Apply]:
    """Register the function that applies ``event_type`` to the projection tables."""

    def register(fn: Apply) -> Apply:
        _PROJECTORS[event_type] = Projector(fn, revert)
        return fn

    return register


def projected_table(name: str, order_by: str) -> None:
    """Declare a table that is rebuilt from the events (and compared by verify)."""
    PROJECTED_TABLES[name] = order_by


def project(replay: Replay, event: Event) -> None:
    projector = _PROJECTORS.get(event.type)
    if projector is not None:
        projector.apply(replay, event)


def can_void(event_type: str) -> bool:
    projector = _PROJECTORS.get(event_type)
    return projector is not None and projector.revert is not None


# --- voids -----------------------------------------------------------------------------------


projected_table("voided_events", "event_id")


def _apply_void(replay: Replay, event: Event) -> None:
    target = replay.find_event(event.payload["event_id"])
    if target is None:  # pragma: no cover - refused before it is written
        raise StateError(QT_TRANSLATE_NOOP("UserError", "The record to void was not found."))
    replay.conn.execute(
        "INSERT INTO voided_events (event_id, void_event_id, reason, voided_by, voided_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (target.id, event.id, event.payload["reason"], event.operator, event.occurred_at),
    )
    projector = _PROJECTORS[target.type]
    assert projector.revert is not None
    projector.revert(replay, target)


_PROJECTORS[VOID_TYPE] = Projector(_apply_void)


# --- the log ---------------------------------------------------------------------------------


@dataclass
class VerifyResult:
    ok: bool
    problems: list[str] = field(default_factory=list)
    events_checked: int = 0
    first_bad_seq: int | None = None
    last_seq: int = 0  # the last event read (the chain checks): where a next check goes on
    last_hash: str = ""


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
        digest = event_hash_of(
            self.hash,
            id=ident,
            seq=seq,
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
        self.conn.execute(
            event_store.INSERT_EVENT,
            event_store.stored_row(
                seq=seq,
                id=ident,
                type=type,
                entity_id=entity_id,
                occurred_at=occurred,
                operator=operator,
                payload_json=payload_json,
                hash=digest,
            ),
        )
        project(Replay(self.conn, self._log.find_event), event)
        self.seq, self.hash = seq, digest
        self.events.append(event)
        return event


class EventLog:
    """The log of one station database (stored as ``event_store`` describes).

    ``station_id`` is the station every event names (DESIGN §3): station_meta's when not
    given, and set again at enrolment."""

    def __init__(
        self, conn: sqlite3.Connection, store_transaction, station_id: str | None = None
    ) -> None:
        self.conn = conn
        self._transaction = store_transaction
        self.station_id = _meta_station_id(conn) if station_id is None else station_id
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
        if not can_void(target.type):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A record of the kind '{kind}' cannot be voided. Correct it with the page "
                    "where it was made.",
                ),
                kind=target.type,
            )
        return self.append(
            VOID_TYPE,
            entity_id=target.entity_id,
            payload={"event_id": target.id, "reason": reason, "type": target.type},
            operator=operator,
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
            _problem(
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
        with tempfile.TemporaryDirectory(prefix="stationapp-verify-") as folder:
            scratch_path = Path(folder) / "rebuild.db"
            scratch = sqlite3.connect(str(scratch_path), isolation_level=None)
            try:
                scratch.execute("PRAGMA journal_mode=OFF")
                scratch.execute("PRAGMA synchronous=OFF")
                schema(scratch)

                def cannot_replay(event: Event, error: Exception) -> None:
                    _problem(
                        result,
                        event.seq,
                        f"seq {event.seq} ({event.type}): cannot be replayed ({error!r})",
                    )

                rebuild_into(scratch, self.iter_events(), self.find_event, cannot_replay)
                for table, order_by in PROJECTED_TABLES.items():
                    compare_table(result, table, order_by, live=self.conn, rebuilt=scratch)
            finally:
                scratch.close()
        return result


def check_chain(
    rows: Iterable[Sequence[Any]], *, after_seq: int = 0, prev_hash: str = GENESIS_HASH
) -> VerifyResult:
    """Check rows of §3's columns (``EVENT_COLUMNS`` order) in seq order: from the start, or
    the rows after ``after_seq`` whose hash is ``prev_hash`` (a part of the log).

    Each hash is first taken over the payload text as stored (canonical JSON, as it was
    written): one SHA-256 per event. Only when that differs is the payload parsed, to tell a
    payload that is not JSON from changed content, and hashed as canonical JSON again."""
    result = VerifyResult(ok=True, last_seq=after_seq, last_hash=prev_hash)
    expected_prev = prev_hash
    expected_seq = after_seq + 1
    for ident, _station, seq, type_, entity_id, occurred_at, operator, text, prev, digest in rows:
        result.events_checked += 1
        fields = {
            "id": ident,
            "seq": seq,
            "type": type_,
            "entity_id": entity_id,
            "occurred_at": occurred_at,
            "operator": operator,
        }
        try:
            same = event_hash_of(prev, payload_json=text, **fields) == digest
        except (TypeError, ValueError):  # a field edited into another type by hand
            same = False
        if not same:
            try:
                payload = json.loads(text)
                same = event_hash(prev, payload=payload, **fields) == digest
            except (TypeError, ValueError) as exc:
                _problem(result, seq, f"seq {seq}: payload is not valid JSON ({exc})")
                expected_prev, expected_seq = digest, seq + 1
                result.last_seq, result.last_hash = seq, digest
                continue
        if seq != expected_seq:
            _problem(
                result,
                seq,
                f"seq {seq}: expected seq {expected_seq} (events missing or renumbered)",
            )
        if prev != expected_prev:
            _problem(
                result,
                seq,
                f"seq {seq}: prev_hash does not match the hash of the event before it",
            )
        if not same and prev:  # prev "": the event before is missing, already said
            _problem(
                result,
                seq,
                f"seq {seq} ({type_}, id {ident}): its content does not match "
                "its hash; the record was changed after it was written",
            )
        expected_prev, expected_seq = digest, seq + 1
        result.last_seq, result.last_hash = seq, digest
    return result


def _meta_station_id(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM station_meta WHERE key = 'station_id'").fetchone()
    return row[0] if row else ""


def rebuild_into(
    conn: sqlite3.Connection,
    events: Iterator[Event],
    find_event: Callable[[str], Event | None],
    on_error: Callable[[Event, Exception], None] | None = None,
) -> int:
    """Replay events into the (empty) projection tables of ``conn``, in one transaction.

    An event that cannot be applied (a payload edited behind the app's back) goes to
    ``on_error`` and the replay goes on; without ``on_error`` it raises."""
    replay = Replay(conn, find_event)
    count = 0
    conn.execute("BEGIN")
    try:
        for event in events:
            if on_error is None:
                project(replay, event)
            else:
                conn.execute("SAVEPOINT replay_event")
                try:
                    project(replay, event)
                except Exception as error:  # reported; the rest is still compared
                    conn.execute("ROLLBACK TO replay_event")
                    on_error(event, error)
                conn.execute("RELEASE replay_event")
            count += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return count


def compare_table(
    result: VerifyResult,
    table: str,
    order_by: str,
    *,
    live: sqlite3.Connection,
    rebuilt: sqlite3.Connection,
) -> None:
    """Walk both tables in the same order, row by row (streaming), and note differences."""
    live_rows = live.execute(f"SELECT * FROM {table} ORDER BY {order_by}")
    columns = [d[0] for d in live_rows.description]
    rebuilt_rows = rebuilt.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order_by}")
    key = columns.index(order_by) if order_by in columns else 0
    for left, right in _merge_by_key(live_rows, rebuilt_rows, key):
        if left is None:
            _problem(
                result, None, f"{table}: a row is missing that the events give: {tuple(right)}"
            )
        elif right is None:
            _problem(result, None, f"{table}: a row no event gives: {tuple(left)}")
        elif tuple(left) != tuple(right):
            diffs = [
                f"{name}={a!r} (events give {b!r})"
                for name, a, b in zip(columns, left, right, strict=True)
                if a != b
            ]
            _problem(result, None, f"{table}: row {left[key]!r} differs: {', '.join(diffs)}")
        if len(result.problems) >= MAX_PROBLEMS:
            return


def _merge_by_key(a, b, key: int):
    """Pairs rows of two cursors sorted by the same key; a row only one side has comes alone."""
    ia, ib = iter(a), iter(b)
    x, y = next(ia, None), next(ib, None)
    while x is not None or y is not None:
        if y is None or (x is not None and x[key] < y[key]):
            yield x, None
            x = next(ia, None)
        elif x is None or y[key] < x[key]:
            yield None, y
            y = next(ib, None)
        else:
            yield x, y
            x, y = next(ia, None), next(ib, None)


def _problem(result: VerifyResult, seq: int | None, text: str) -> None:
    result.ok = False
    if seq is not None and result.first_bad_seq is None:
        result.first_bad_seq = seq
    if len(result.problems) < MAX_PROBLEMS:
        result.problems.append(text)
    elif len(result.problems) == MAX_PROBLEMS:
        result.problems.append("... more problems not listed")
