"""The feed: what the county publishes for stations, with cursors and tombstones.

Every change gets the next cursor of one sequence per county. An item is (kind, scope, key)
(DESIGN §5): one scope's item never replaces or deletes another scope's item of the same key.
An item that changes again loses its older row in the same scope, so the log holds live items
and tombstones only and a fresh station downloads each item once. A scope is every station
(``*``), the stations of one township, or one station (its county events).

``changes`` writes it (in the writer's transaction), ``pages`` reads a station's page; the names
most callers use are here.
"""

from sync.server.feed.changes import (
    ALL,
    DELETE,
    UPSERT,
    Change,
    add_county_event,
    live_scopes,
    move,
    publish,
    record,
    station_scope,
    township_scope,
    withdraw,
)
from sync.server.feed.pages import FeedPage, FeedRow, parse_cursor, read_page, scopes_of

__all__ = [
    "ALL",
    "DELETE",
    "UPSERT",
    "Change",
    "FeedPage",
    "FeedRow",
    "add_county_event",
    "live_scopes",
    "move",
    "parse_cursor",
    "publish",
    "read_page",
    "record",
    "scopes_of",
    "station_scope",
    "township_scope",
    "withdraw",
]
