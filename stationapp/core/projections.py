"""The projections: the tables screens read, rebuilt from the events.

Each line lists its projectors (a function per event type, with a ``revert`` for the kinds a
manager may void) and the tables they write; ``lines.py`` gathers every line's into one
:class:`Projections`, which the log, ``verify``, a fork heal and a restore are given. Nothing
registers itself by being imported, and an event whose type no line projects is an error that
names the type, never a silent skip (DESIGN §2).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from stationapp.core.errors import StateError
from stationapp.core.event_record import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP

VOID_TYPE = "event.voided"


@dataclass
class Replay:
    """What a projector may use: the connection to write to, a way to find earlier events
    (from the live log, or from the log being rebuilt), and every line's projectors (a void
    reverts the event it names with that event's own)."""

    conn: sqlite3.Connection
    find_event: Callable[[str], Event | None]
    projections: Projections


Apply = Callable[[Replay, Event], None]


@dataclass(frozen=True)
class Projector:
    apply: Apply
    revert: Apply | None = None  # undo for event.voided; None: this kind cannot be voided


def _record_only(replay: Replay, event: Event) -> None:
    """Events that change no table (a receipt printed): kept in the log, nothing to project."""


RECORD_ONLY = Projector(_record_only)


class UnprojectedEvent(LookupError):
    """An event type no line projects: a replay would silently lose what it recorded."""

    def __init__(self, event_type: str) -> None:
        super().__init__(f"no line projects events of type {event_type!r}")
        self.event_type = event_type


EVERY_TYPE = "*"  # a follower of every event type (the household log reads every payload)


class Projections:
    """Every line's projectors and the tables they write (table -> the ORDER BY that gives a
    stable row order for comparison). Built once, by ``lines.py``.

    ``followers``: what other lines keep of an event type they do not own (an order following
    its parcel's ``parcel.received``), applied after the owner's projector, in the order listed;
    under ``EVERY_TYPE``, followers of every event. A void reverts the followers first."""

    def __init__(
        self,
        projectors: Mapping[str, Projector],
        tables: Mapping[str, str],
        followers: Mapping[str, Sequence[Projector]] | None = None,
    ) -> None:
        self.projectors = dict(projectors)
        self.tables = dict(tables)
        self.followers = {key: tuple(value) for key, value in (followers or {}).items()}

    def followers_of(self, event_type: str) -> tuple[Projector, ...]:
        return self.followers.get(event_type, ()) + self.followers.get(EVERY_TYPE, ())

    def project(self, replay: Replay, event: Event) -> None:
        projector = self.projectors.get(event.type)
        if projector is None:
            raise UnprojectedEvent(event.type)
        projector.apply(replay, event)
        for follower in self.followers_of(event.type):
            follower.apply(replay, event)

    def can_void(self, event_type: str) -> bool:
        projector = self.projectors.get(event_type)
        return projector is not None and projector.revert is not None

    def replay(self, conn: sqlite3.Connection, find_event: Callable[[str], Event | None]) -> Replay:
        return Replay(conn, find_event, self)

    def empty_tables(self, conn: sqlite3.Connection) -> None:
        """Delete every projected row (inside the caller's transaction) before a replay."""
        for table in self.tables:
            conn.execute(f"DELETE FROM {table}")

    def rebuild_into(
        self,
        conn: sqlite3.Connection,
        events: Iterator[Event],
        find_event: Callable[[str], Event | None],
        on_error: Callable[[Event, Exception], None] | None = None,
    ) -> int:
        """Replay events into the (empty) projection tables of ``conn``, in one transaction.

        An event that cannot be applied (a payload edited behind the app's back, a type no line
        projects) goes to ``on_error`` and the replay goes on; without ``on_error`` it raises."""
        replay = self.replay(conn, find_event)
        count = 0
        conn.execute("BEGIN")
        try:
            for event in events:
                if on_error is None:
                    self.project(replay, event)
                else:
                    conn.execute("SAVEPOINT replay_event")
                    try:
                        self.project(replay, event)
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


# --- voids: the kernel's own projector -------------------------------------------------------


def _apply_void(replay: Replay, event: Event) -> None:
    target = replay.find_event(event.payload["event_id"])
    if target is None:  # pragma: no cover - refused before it is written
        raise StateError(QT_TRANSLATE_NOOP("UserError", "The record to void was not found."))
    replay.conn.execute(
        "INSERT INTO voided_events (event_id, void_event_id, reason, voided_by, voided_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (target.id, event.id, event.payload["reason"], event.operator, event.occurred_at),
    )
    projector = replay.projections.projectors[target.type]
    assert projector.revert is not None
    for follower in reversed(replay.projections.followers_of(target.type)):
        if follower.revert is not None:
            follower.revert(replay, target)
    projector.revert(replay, target)


PROJECTORS: dict[str, Projector] = {
    VOID_TYPE: Projector(_apply_void),
    "receipt.printed": RECORD_ONLY,
}
PROJECTED_TABLES: dict[str, str] = {"voided_events": "event_id"}
