"""The county's part of bench/lines.py: a station's whole log (orders, purchases, the household
log's rows) pushed to a county on SQLite, 1,000 events a push as issue 4's bench pushes, with the
read models on; the baseline is the same push with them off."""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

from stationapp.core import Station
from sync.protocol import WireEvent
from sync.server import ingest, lines
from sync.server.storage import Storage
from tests.county_server import TOKEN_SECRET, county_settings, new_station

PUSH = 1_000


def wire(st: Station) -> list[WireEvent]:
    """The station's events as its sync pushes them."""
    return [
        WireEvent(
            id=e.id,
            seq=e.seq,
            type=e.type,
            entity_id=e.entity_id,
            occurred_at=e.occurred_at,
            operator=e.operator,
            payload=e.payload,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in st.log.iter_events()
    ]


def events_per_second(events: list[WireEvent], *, read_models: bool) -> float:
    """Events a second into a fresh SQLite county, with or without the read models."""
    saved = lines.READ_MODELS
    lines.READ_MODELS = saved if read_models else ()
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = county_settings(Path(folder) / "county")
            with contextlib.closing(Storage.open(settings)) as storage:
                station_id = new_station(storage, TOKEN_SECRET)[0]
                started = time.perf_counter()
                for first in range(0, len(events), PUSH):
                    ingest.push(storage, station_id, events[first : first + PUSH])
                return len(events) / (time.perf_counter() - started)
    finally:
        lines.READ_MODELS = saved
