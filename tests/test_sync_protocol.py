"""The sync protocol's payloads (DESIGN §5): shared by the station's client and the county."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from stationapp.core import Station
from stationapp.core.events import GENESIS_HASH
from sync import protocol
from sync.protocol import ErrorBody, PushRequest, WireEvent

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def station(tmp_path):
    st = Station.create(
        tmp_path / "station", name="Test Station", manager_name="Li", manager_pin="1234"
    )
    yield st
    st.close()


def _wire(**changes):
    fields = {
        "id": "0190a0b0-0000-7000-8000-000000000001",
        "seq": 1,
        "type": "settings.changed",
        "entity_id": "",
        "occurred_at": "2024-05-01T09:00:00+08:00",
        "operator": "op1",
        "payload": {"key": "x", "value": 1},
    }
    fields.update(changes)
    return fields


def test_wire_event_recomputes_the_hash_the_station_wrote(station):
    events = list(station.log.iter_events())
    assert events
    prev = GENESIS_HASH
    for event in events:
        wire = WireEvent.from_event(event, with_hashes=False)
        assert wire.hash is None
        assert wire.chain_hash(prev) == event.hash
        prev = event.hash


def test_wire_event_round_trips_through_json(station):
    event = next(station.log.iter_events())
    wire = WireEvent.from_event(event)
    assert WireEvent.model_validate_json(wire.model_dump_json()) == wire


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"seq": "1"}, "seq"),
        ({"seq": 0}, "seq"),
        ({"seq": 2**70}, "seq"),
        ({"payload": "[]"}, "payload"),
        ({"hash": "not-a-hash"}, "hash"),
        ({"type": ""}, "type"),
    ],
)
def test_wire_event_refuses_a_broken_envelope(change, field):
    with pytest.raises(ValidationError, match=field):
        WireEvent.model_validate(_wire(**change))


def test_wire_event_refuses_a_missing_field():
    fields = _wire()
    del fields["occurred_at"]
    with pytest.raises(ValidationError, match="occurred_at"):
        WireEvent.model_validate(fields)


def test_push_request_may_leave_out_the_hashes():
    request = PushRequest.model_validate({"station_id": "s1", "events": [_wire()]})
    assert request.events[0].prev_hash is None
    assert request.events[0].hash is None


def test_every_error_code_has_a_status():
    codes = [v for k, v in vars(protocol).items() if k.isupper() and isinstance(v, str)]
    for code in (
        "unknown_code",
        "code_used",
        "chain_conflict",
        "invalid_event",
        "forbidden",
        "unauthorized",
        "too_large",
        "bad_gzip",
        "update_required",
    ):
        assert code in codes
        assert code in protocol.ERROR_STATUS


def test_error_body_carries_the_head_of_a_conflict():
    body = ErrorBody(error="chain_conflict", detail="x", head_seq=3, head_hash="a" * 64)
    assert body.model_dump()["head_seq"] == 3


def test_the_current_protocol_version_is_supported():
    assert protocol.PROTOCOL_VERSION in protocol.SUPPORTED_VERSIONS
    assert protocol.VERSION_HEADER == "X-Protocol-Version"


def test_the_protocol_imports_no_web_framework_and_no_qt():
    source = (ROOT / "sync" / "protocol.py").read_text(encoding="utf-8")
    pattern = r"^\s*(from|import)\s+(fastapi|starlette|uvicorn|requests|PySide6)"
    assert not re.search(pattern, source, re.MULTILINE)
