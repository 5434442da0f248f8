"""Taking in what stations push: ``chain`` checks and stores a push; ``hooks`` is the work the
county starts from new events in the push's transaction (the SMS relay's requests); ``event_types``
the types the county knows (others are stored and flagged); ``readback`` what a station reads
back (its own events for a restore, its feed page). The names callers use are here.
"""

from sync.server.ingest.chain import HistoryChanged, flag_station, push, read_head
from sync.server.ingest.readback import (
    add_county_event,
    feed,
    station_events,
    station_events_json,
)

__all__ = [
    "HistoryChanged",
    "add_county_event",
    "feed",
    "flag_station",
    "push",
    "read_head",
    "station_events",
    "station_events_json",
]
