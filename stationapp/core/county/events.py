"""What the station does with the county's own events about its entities (DESIGN §5).

The feed brings county-side events (``kind`` = ``event``: ``sms.sent``, ``bill.paid``...). The
station keeps each in ``county_events`` (unique by id, not part of its chain) and hands it to the
state machine of its line: each line lists its handlers by event type (``Line.county_handlers``,
gathered by ``lines.py``)::

    COUNTY_HANDLERS = {"sms.sent": _county_sent}  # def _county_sent(batch, event) -> None

A handler runs inside the transaction that stores the county event, so the two land together or
not at all; it records what changed as the station's own events through ``batch``, so the
station's tables still rebuild from its log alone. An event of a type no handler knows is kept,
not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class CountyEvent:
    id: str
    type: str
    entity_id: str
    occurred_at: str
    payload: dict[str, Any]
