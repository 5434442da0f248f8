"""A hostile or broken station cannot hurt another (DESIGN §5, §6): another station's event ids,
payloads the county could not give back, a malformed protocol header, one township's feed items
beside another's. Over real HTTP on 127.0.0.1, on SQLite and on a real PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from stationapp.core import Station, ids
from stationapp.core.errors import ValidationError
from stationapp.core.events import GENESIS_HASH, event_hash
from sync import protocol
from sync.server.stations import create_station
from sync.server.tables import events
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.county_server import LoopbackCounty


@pytest.fixture(scope="module")
def county(tmp_path_factory, county_database_kind):
    with LoopbackCounty.on(county_database_kind, tmp_path_factory.mktemp("county")) as server:
        yield server


class Pusher:
    """A station speaking the protocol by hand with its own token (a hostile one, or one with
    a broken app)."""

    def __init__(self, county: LoopbackCounty) -> None:
        self.county = county
        self.station_id, self.token = county.enrolled_station()

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}

    def push_text(self, body: str) -> requests.Response:
        return self.county.http.post(
            self.county.base_url + protocol.PUSH_PATH,
            data=body.encode("utf-8"),
            headers=self.headers(**{"Content-Type": "application/json"}),
            timeout=30,
        )

    def push(self, wire: list[dict[str, Any]]) -> requests.Response:
        # json.dumps as a careless client writes it: NaN and Infinity as bare words, a lone
        # surrogate and NUL as \\u escapes
        return self.push_text(json.dumps({"station_id": self.station_id, "events": wire}))

    def restore_page(self) -> requests.Response:
        return self.county.http.get(
            self.county.base_url + protocol.EVENTS_PATH,
            params={"after_seq": 0},
            headers=self.headers(),
            timeout=30,
        )


def event(seq: int, payload: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    """An event as a station writes it; its hashes left out (the county recomputes them)."""
    return {
        "id": event_id or ids.uuid7(),
        "seq": seq,
        "type": "settings.changed",
        "entity_id": "station.phone",
        "occurred_at": "2026-03-01T09:00:00.000+08:00",
        "operator": "岩温",
        "payload": payload,
    }


def stored_with_id(county: LoopbackCounty, event_id: str) -> set[tuple[str, int]]:
    with county.storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events.c.station_id, events.c.seq).where(events.c.id == event_id)
        ).all()
    return {(row.station_id, row.seq) for row in rows}


# --- event ids are unique per station ----------------------------------------------------------


def test_another_station_pushing_this_station_s_unpushed_event_id_does_not_block_its_sync(
    county, station: Station
):
    b_id = county.join(station)
    parcel = station.parcels.receive(
        waybill="YT7512345678901", recipient_phone="13812340000", recipient_name="张三"
    )
    [pickup] = station.parcels.pick_up([parcel.id], verified_by="code")
    assert pickup.type == "parcel.picked_up"
    a = Pusher(county)  # station A, its own token, takes B's id before B pushed it
    taken = a.push([event(1, {"value": "0883-6100000"}, event_id=pickup.id)])
    assert taken.status_code == 200, taken.text
    report = station.sync.run()
    assert report.ok, report.detail
    assert report.waiting == 0
    assert county.head(b_id) == station.events.head()
    assert stored_with_id(county, pickup.id) == {(a.station_id, 1), (b_id, pickup.seq)}


def test_a_station_reusing_its_own_event_id_at_another_seq_is_still_409(county):
    a = Pusher(county)
    first = event(1, {"n": 1})
    assert a.push([first]).status_code == 200
    again = a.push([event(2, {"n": 2}, event_id=first["id"])])
    assert again.status_code == 409, again.text
    assert again.json()["error"] == protocol.CHAIN_CONFLICT
    assert county.event_count(a.station_id) == 1


def test_the_database_holds_an_event_id_once_per_station_and_once_per_station_only(county):
    """The UNIQUE constraint itself (migration 0005), not the code alone."""
    a, b = Pusher(county), Pusher(county)
    shared = ids.uuid7()

    def row(station_id: str, seq: int) -> dict[str, Any]:
        fields = event(seq, {}, event_id=shared)
        digest = event_hash(GENESIS_HASH, **fields)
        return {
            **fields,
            "station_id": station_id,
            "payload": "{}",
            "prev_hash": GENESIS_HASH,
            "hash": digest,
            "received_at": "2026-03-01T09:00:00.000+08:00",
            "flagged": False,
        }

    with county.storage.engine.begin() as conn:
        conn.execute(events.insert(), [row(a.station_id, 1), row(b.station_id, 1)])
    with pytest.raises(sa.exc.IntegrityError), county.storage.engine.begin() as conn:
        conn.execute(events.insert(), [row(a.station_id, 2)])
    assert stored_with_id(county, shared) == {(a.station_id, 1), (b.station_id, 1)}


# --- payloads the county could not give back -----------------------------------------------------


def nested(levels: int) -> dict[str, Any]:
    """A payload whose objects nest ``levels`` deep (the payload itself is level 1)."""
    payload: dict[str, Any] = {"leaf": "芒艾村"}
    for _ in range(levels - 1):
        payload = {"a": payload}
    return payload


def test_a_payload_nested_32_levels_is_stored_and_given_back_exactly(county):
    a = Pusher(county)
    pushed = event(1, nested(32))
    answer = a.push([pushed])
    assert answer.status_code == 200, answer.text
    page = a.restore_page()
    assert page.status_code == 200
    [given] = page.json()["events"]
    assert given["id"] == pushed["id"] and given["payload"] == pushed["payload"]


BROKEN_PAYLOADS = {
    "33 levels": nested(33),
    "300 levels": nested(300),
    "800 levels of lists": {"a": json.loads("[" * 800 + "]" * 800)},
    "NaN": {"weight": math.nan},
    "Infinity": {"weight": math.inf},
    "-Infinity": {"weight": [1, -math.inf]},
    "a lone surrogate": {"name": "张\ud800"},
    "a lone surrogate in a key": {"\udfff": 1},
    "NUL in a value": {"name": "张\x00三"},
    "NUL in a key": {"na\x00me": "张三"},
}


@pytest.mark.parametrize("payload", BROKEN_PAYLOADS.values(), ids=BROKEN_PAYLOADS.keys())
def test_a_payload_the_county_could_not_give_back_is_422_naming_the_event(county, payload):
    a = Pusher(county)
    good = event(1, {"n": 1})
    broken = event(2, payload)
    answer = a.push([good, broken])
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == protocol.INVALID_EVENT
    assert broken["id"] in body["detail"] and "payload" in body["detail"]
    assert county.event_count(a.station_id) == 0  # the batch is refused whole
    page = a.restore_page()  # and the station's restore still works
    assert page.status_code == 200 and page.json()["events"] == []
    assert a.push([good]).status_code == 200


def test_text_that_only_looks_like_an_escaped_nul_is_taken_and_given_back(county):
    a = Pusher(county)
    pushed = event(1, {"note": "\\u0000 is how JSON writes NUL", "path": "C:\\new\\"})
    assert a.push([pushed]).status_code == 200
    [given] = a.restore_page().json()["events"]
    assert given["payload"] == pushed["payload"]


@pytest.mark.parametrize("payload", BROKEN_PAYLOADS.values(), ids=BROKEN_PAYLOADS.keys())
def test_the_station_never_writes_a_payload_the_county_would_refuse(station: Station, payload):
    head = station.events.head()
    with pytest.raises(ValidationError) as refused, station.log.batch() as batch:
        batch.append("test.noted", entity_id="e1", payload=payload)
    assert "test.noted" in str(refused.value)
    assert station.events.head() == head


# --- the protocol header -----------------------------------------------------------------------


VERSIONS = {"²": "²", "¹": "¹", "³ ": "³ ", "5000 digits": "9" * 5000, "1.0": "1.0", "-1": "-1"}


@pytest.mark.parametrize("value", VERSIONS.values(), ids=VERSIONS.keys())
def test_a_protocol_version_that_is_not_a_whole_number_is_a_json_400(county, value):
    a = Pusher(county)
    answer = county.http.get(
        county.base_url + protocol.HEAD_PATH,
        headers=a.headers(**{protocol.VERSION_HEADER: value.encode("latin-1")}),
        timeout=30,
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == protocol.BAD_REQUEST
    assert protocol.VERSION_HEADER in answer.json()["detail"]


# --- feed items per scope --------------------------------------------------------------------


def station_in(county: LoopbackCounty, folder, township: str, village: str) -> Station:
    station = Station.create(
        folder, name=f"{village}服务站", manager_name="岩温", manager_pin="1234"
    )
    station_id, code = create_station(
        county.storage,
        county.settings.token_secret,
        name=f"{village}服务站",
        township=township,
        village=village,
    )
    assert station.sync.enroll(county.base_url, code).station_id == station_id
    return station


def listed(station: Station) -> list[str]:
    return [entry["name"] for entry in station.county.setting("stations", [])]


def test_one_township_s_station_list_never_deletes_another_s(county, tmp_path):
    x_town, y_town = f"勐撒镇{ids.uuid7()[-6:]}", f"勐永镇{ids.uuid7()[-6:]}"
    x = station_in(county, tmp_path / "x", x_town, "芒拉村")
    try:
        assert x.sync.run().ok
        assert listed(x) == ["芒拉村服务站"]
        y = station_in(county, tmp_path / "y", y_town, "达丙村")  # publishes Y's list
        try:
            assert x.sync.run().ok and y.sync.run().ok
            assert listed(x) == ["芒拉村服务站"]
            assert listed(y) == ["达丙村服务站"]
        finally:
            y.close()
    finally:
        x.close()


ENVELOPE_FIELDS = ("id", "type", "entity_id", "occurred_at", "operator")


@pytest.mark.parametrize("bad", ["\ud800", "\x00"], ids=["a lone surrogate", "NUL"])
@pytest.mark.parametrize("field", ENVELOPE_FIELDS)
def test_an_envelope_field_the_county_could_not_store_is_422_naming_the_event(county, field, bad):
    a = Pusher(county)
    broken = event(1, {"n": 1})
    broken[field] = broken[field][:10] + bad
    answer = a.push([broken])
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == protocol.INVALID_EVENT
    assert field in answer.json()["detail"]
    assert county.event_count(a.station_id) == 0


def test_a_deep_payload_stored_before_the_check_is_still_given_back_exactly(county):
    """A county that took a 300-level payload before pushes were checked: /sync/events gives
    the station's events back (the payload as stored, byte for byte) instead of a 500."""
    a = Pusher(county)
    assert a.push([event(1, {"n": 1})]).status_code == 200
    text = '{"a":' * 299 + '{"leaf":"芒艾村"}' + "}" * 299
    prev = county.head(a.station_id)[1]
    fields = event(2, json.loads(text))
    digest = event_hash(prev, **fields)
    with county.storage.engine.begin() as conn:
        conn.execute(
            events.insert().values(
                **{**fields, "payload": text},
                station_id=a.station_id,
                prev_hash=prev,
                hash=digest,
                received_at="2026-03-01T09:00:00.000+08:00",
                flagged=False,
            )
        )
    page = a.restore_page()
    assert page.status_code == 200, page.text
    assert ('"payload":' + text + ',"prev_hash"').encode("utf-8") in page.content
    given = page.json()["events"]
    assert [e["seq"] for e in given] == [1, 2] and given[1]["hash"] == digest
