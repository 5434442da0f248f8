"""Event types and county handlers that exist only in a test, added to the station's lines for
the length of one test (and taken away after it)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping

import pytest

from stationapp.core.line import CountyHandler
from stationapp.core.lines import county_handlers, projections_of_every_line
from stationapp.core.projections import RECORD_ONLY

TEST_EVENT_TYPES = ("test.county_noted", "test.noted", "parcel.noted", "test.event")


@contextlib.contextmanager
def stub_line(
    monkeypatch: pytest.MonkeyPatch,
    handlers: Mapping[str, CountyHandler] | None = None,
    event_types: Iterable[str] = TEST_EVENT_TYPES,
) -> Iterator[None]:
    """County ``handlers`` and record-only projectors for ``event_types``, as a line would
    list them in ``lines.py``."""
    projectors = projections_of_every_line().projectors
    for event_type in event_types:
        monkeypatch.setitem(projectors, event_type, RECORD_ONLY)
    for event_type, handler in (handlers or {}).items():
        monkeypatch.setitem(county_handlers(), event_type, handler)
    yield
