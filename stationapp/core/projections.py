"""The projections: the tables screens read, rebuilt from the events. A projector function is
registered per event type (``projects``), with a ``revert`` for the kinds a manager may void;
``project`` applies one event, ``rebuild_into`` replays a whole log into empty tables, and the
projector of ``event.voided`` undoes the event it names.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stationapp.core.errors import StateError
from stationapp.core.event_record import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP

VOID_TYPE = "event.voided"


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
