"""What the station does with the county's own events about its entities (DESIGN §5).

The feed brings county-side events (``kind`` = ``event``: ``sms.sent``, ``bill.paid``...). The
station keeps each in ``county_events`` (unique by id, not part of its chain) and hands it to the
state machine of its line, registered here by event type::

    @handles("sms.sent")
    def _county_sent(batch: Batch, event: CountyEvent) -> None: ...

A handler runs inside the transaction that stores the county event, so the two land together or
not at all; it records what changed as the station's own events through ``batch``, so the
station's tables still rebuild from its log alone. An event of a type no handler knows is kept,
not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stationapp.core.events import Batch


@dataclass(frozen=True)
class CountyEvent:
    id: str
    type: str
    entity_id: str
    occurred_at: str
    payload: dict[str, Any]


Handler = Callable[["Batch", CountyEvent], None]

HANDLERS: dict[str, Handler] = {}


def handles(event_type: str) -> Callable[[Handler], Handler]:
    """Register the state machine's answer to a county event type."""

    def register(handler: Handler) -> Handler:
        if event_type in HANDLERS:
            raise ValueError(f"a handler for {event_type} is already registered")
        HANDLERS[event_type] = handler
        return handler

    return register
