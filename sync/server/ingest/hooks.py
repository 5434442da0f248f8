"""Work the county starts from a station's new events, in the transaction that stores them.

A hook is registered for the event types it wants (e.g. the SMS relay takes
``sms.relay_requested``) and runs inside the push's transaction, so what it writes lands together
with the events or not at all, and a retried push (its events are duplicates) never runs it twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa

from sync.protocol import WireEvent

Hook = Callable[[sa.Connection, str, Sequence[WireEvent]], None]

_HOOKS: dict[str, list[Hook]] = {}


def on_events(*event_types: str) -> Callable[[Hook], Hook]:
    """Register ``hook(conn, station_id, events)`` for new events of these types."""

    def register(hook: Hook) -> Hook:
        for event_type in event_types:
            _HOOKS.setdefault(event_type, []).append(hook)
        return hook

    return register


def run_hooks(conn: sa.Connection, station_id: str, new: Sequence[WireEvent]) -> None:
    """Hand each new event to the hooks of its type, one event at a time in seq order: a hook's
    answer to one event may depend on what an earlier event of another type did."""
    for event in new:
        for hook in _HOOKS.get(event.type, ()):
            hook(conn, station_id, [event])
