"""The county center over real HTTP: uvicorn on 127.0.0.1, a free port, one server per module
and database kind: the tests that use it run on SQLite and on a real PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import gzip
import json

import pytest
import requests
import sqlalchemy as sa

from stationapp.core import Station, ids
from stationapp.core.events import GENESIS_HASH, event_hash
from sync import protocol
from sync.protocol import WireEvent
from sync.server import cli
from sync.server.settings import ensure_secret_file, load_settings
from sync.server.tables import events, stations
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.county_server import ServedCounty


@pytest.fixture(scope="module")
def county(tmp_path_factory, county_database_kind):
    with County.on(county_database_kind, tmp_path_factory.mktemp("county")) as server:
        yield server


class County(ServedCounty):
    """What the sync tests ask of the county: stations made and enrolled by its command line."""

    def database_text(self) -> str:
        """Every row of every table, as text: what a copy of the database would show."""
        tables = sa.MetaData()
        with self.storage.engine.connect() as conn:
            tables.reflect(conn)
            return "\n".join(
                repr(row) for table in tables.sorted_tables for row in conn.execute(table.select())
            )

    def create_station(self, name: str = "东村服务站") -> dict[str, str]:
        return self.cli(
            "create-station", "--name", name, "--township", "城关镇", "--village", "东村"
        )

    def enroll(self, code: str) -> requests.Response:
        body = {"code": code, "device_name": "shop-pc", "app_version": "0.1.0"}
        return self.http.post(self.base_url + protocol.ENROLL_PATH, json=body, timeout=10)

    def enrolled(self) -> Enrolled:
        created = self.create_station()
        answer = self.enroll(created["enrollment_code"])
        assert answer.status_code == 200, answer.text
        return Enrolled(self, answer.json()["station_id"], answer.json()["token"])


class Enrolled:
    def __init__(self, county: County, station_id: str, token: str) -> None:
        self.county = county
        self.station_id = station_id
        self.token = token

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}

    def get(self, path: str, **params) -> requests.Response:
        return self.county.http.get(
            self.county.base_url + path, params=params, headers=self.headers(), timeout=10
        )

    def push(self, wire_events: list[dict], *, station_id: str | None = None) -> requests.Response:
        body = {"station_id": station_id or self.station_id, "events": wire_events}
        return self.push_bytes(gzip.compress(json.dumps(body).encode("utf-8")))

    def push_bytes(self, data: bytes, *, encoding: str = "gzip", **headers) -> requests.Response:
        return self.county.http.post(
            self.county.base_url + protocol.PUSH_PATH,
            data=data,
            headers=self.headers(
                **{"Content-Type": "application/json", "Content-Encoding": encoding}, **headers
            ),
            timeout=30,
        )


@pytest.fixture
def station(tmp_path):
    st = Station.create(
        tmp_path / "station", name="东村服务站", manager_name="张三", manager_pin="1234"
    )
    st.settings.set("parcels.overdue_days", 5)
    st.settings.set("parcels.return_days", 10)
    st.settings.set("station.phone", "13812345678")
    yield st
    st.close()


@pytest.fixture
def enrolled(county):
    return county.enrolled()


def wire(st: Station, *, with_hashes: bool = False) -> list[dict]:
    return [
        WireEvent.from_event(e, with_hashes=with_hashes).model_dump(mode="json", exclude_none=True)
        for e in st.log.iter_events()
    ]


def chained(*types: str, start_seq: int = 1, prev: str = GENESIS_HASH) -> list[dict]:
    """Hand-made events with a right chain (for types the station app does not write)."""
    out = []
    for offset, event_type in enumerate(types):
        fields = {
            "id": ids.uuid7(),
            "seq": start_seq + offset,
            "type": event_type,
            "entity_id": "e1",
            "occurred_at": "2024-05-01T09:00:00+08:00",
            "operator": "op1",
            "payload": {"n": offset},
        }
        fields["hash"] = event_hash(prev, **fields)
        fields["prev_hash"] = prev
        prev = fields["hash"]
        out.append(fields)
    return out


def stored(county: County, station_id: str) -> list[sa.Row]:
    with county.storage.engine.connect() as conn:
        return conn.execute(
            sa.select(events).where(events.c.station_id == station_id).order_by(events.c.seq)
        ).all()


# --- enrolment -------------------------------------------------------------------------------


def test_healthz_answers_ok(county):
    answer = requests.get(county.base_url + protocol.HEALTH_PATH, timeout=10)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_create_station_refuses_an_empty_name_with_a_message_and_writes_nothing(county):
    import sqlalchemy as sa

    from sync.server.tables import stations

    def count() -> int:
        with county.storage.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(stations)).scalar_one()

    before = count()
    code, out, err = county.run(
        "create-station", "--name", " ", "--township", "城关镇", "--village", "东村"
    )
    assert code == 1 and out == ""
    assert "name is empty" in err and "Traceback" not in err
    assert count() == before


def test_enrolment_gives_the_station_its_id_name_and_a_token(county):
    created = county.create_station("西村服务站")
    answer = county.enroll(created["enrollment_code"].lower().replace("-", " "))
    assert answer.status_code == 200
    body = answer.json()
    assert body["station_id"] == created["station_id"]
    assert (body["station_name"], body["township"], body["village"]) == (
        "西村服务站",
        "城关镇",
        "东村",
    )
    assert len(body["token"]) >= 43  # 32 random bytes, urlsafe base64


def test_enrolment_with_an_unknown_code_is_404_unknown_code(county):
    answer = county.enroll("AAAA-BBBB-CCCC")
    assert answer.status_code == 404
    assert answer.json()["error"] == "unknown_code"


def test_enrolment_with_a_used_code_is_410_code_used(county):
    code = county.create_station()["enrollment_code"]
    assert county.enroll(code).status_code == 200
    answer = county.enroll(code)
    assert answer.status_code == 410
    assert answer.json()["error"] == "code_used"


def test_enrolment_without_a_code_is_a_json_422(county):
    answer = county.http.post(county.base_url + protocol.ENROLL_PATH, json={}, timeout=10)
    assert answer.status_code == 422
    assert set(answer.json()) >= {"error", "detail"}
    assert "code" in answer.json()["detail"]


def test_tokens_are_stored_only_as_hashes(county, enrolled):
    with county.storage.engine.connect() as conn:
        row = conn.execute(sa.select(stations).where(stations.c.id == enrolled.station_id)).one()
    assert row.token_hash != enrolled.token
    assert row.token_hash in county.database_text()
    assert enrolled.token not in county.database_text()
    for file in county.data_dir.glob("county.db*"):  # SQLite: the file and its WAL
        assert enrolled.token not in file.read_bytes().decode("latin-1")


# --- head and push ---------------------------------------------------------------------------


def test_head_of_a_station_that_never_pushed_is_the_genesis(enrolled):
    answer = enrolled.get(protocol.HEAD_PATH)
    assert answer.json() == {
        "station_id": enrolled.station_id,
        "head_seq": 0,
        "head_hash": GENESIS_HASH,
    }


def test_push_without_hashes_stores_the_events_and_answers_the_stations_own_head(
    county, enrolled, station
):
    answer = enrolled.push(wire(station))
    assert answer.status_code == 200, answer.text
    head_seq, head_hash = station.log.head()
    assert answer.json() == {
        "accepted": head_seq,
        "duplicates": 0,
        "head_seq": head_seq,
        "head_hash": head_hash,
    }
    assert enrolled.get(protocol.HEAD_PATH).json()["head_hash"] == head_hash
    rows = stored(county, enrolled.station_id)
    assert [r.hash for r in rows] == [e.hash for e in station.log.iter_events()]
    assert all(r.received_at and not r.flagged for r in rows)


def test_push_in_two_batches_with_hashes_continues_the_chain(enrolled, station):
    batch = wire(station, with_hashes=True)
    first = enrolled.push(batch[:2])
    second = enrolled.push(batch[2:])
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["head_hash"] == station.log.head()[1]


def test_a_retried_push_counts_duplicates_and_stores_nothing_twice(county, enrolled, station):
    batch = wire(station)
    assert enrolled.push(batch).status_code == 200
    retry = enrolled.push(batch)
    assert retry.status_code == 200
    assert retry.json()["accepted"] == 0
    assert retry.json()["duplicates"] == len(batch)
    assert len(stored(county, enrolled.station_id)) == len(batch)


def test_a_push_overlapping_the_head_stores_only_the_new_events(county, enrolled, station):
    batch = wire(station)
    enrolled.push(batch[:2])
    answer = enrolled.push(batch)
    assert answer.json()["accepted"] == len(batch) - 2
    assert answer.json()["duplicates"] == 2


def test_a_push_that_skips_past_the_head_is_409_with_the_countys_head(enrolled, station):
    batch = wire(station)
    enrolled.push(batch[:1])
    answer = enrolled.push(batch[2:])
    assert answer.status_code == 409
    body = answer.json()
    assert body["error"] == "chain_conflict"
    assert body["head_seq"] == 1
    assert body["head_hash"] == next(station.log.iter_events()).hash


def test_a_fork_reusing_a_pushed_seq_is_409_and_flags_the_station(county, enrolled, station):
    batch = wire(station)
    enrolled.push(batch)
    forked = dict(batch[-1], id="0190a0b0-0000-7000-8000-00000000f0f0", payload={"other": 1})
    answer = enrolled.push([forked])
    assert answer.status_code == 409
    assert answer.json()["error"] == "chain_conflict"
    assert answer.json()["head_seq"] == len(batch)
    assert len(stored(county, enrolled.station_id)) == len(batch)
    with county.storage.engine.connect() as conn:
        reason = conn.execute(
            sa.select(stations.c.flagged_reason).where(stations.c.id == enrolled.station_id)
        ).scalar_one()
    assert reason and f"seq {len(batch)}" in reason


def test_a_first_prev_hash_that_is_not_the_countys_head_is_409(enrolled, station):
    batch = wire(station, with_hashes=True)
    enrolled.push(batch[:1])
    answer = enrolled.push([dict(batch[1], prev_hash="f" * 64, hash=None)])
    assert answer.status_code == 409


def test_a_tampered_payload_is_422_invalid_event_naming_it_and_nothing_is_stored(
    county, enrolled, station
):
    batch = wire(station, with_hashes=True)
    batch[2] = dict(batch[2], payload={"key": "station.phone", "value": "13900000000"})
    answer = enrolled.push(batch)
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_event"
    assert batch[2]["id"] in answer.json()["detail"]
    assert stored(county, enrolled.station_id) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [({"seq": "3"}, "seq"), ({"payload": [1]}, "payload"), ({"hash": "zz"}, "hash")],
)
def test_a_mistyped_field_is_422_invalid_event_naming_event_and_field(
    county, enrolled, station, change, field
):
    batch = wire(station)
    batch[1] = dict(batch[1], **change)
    answer = enrolled.push(batch)
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_event"
    assert "Event 2 of the batch" in answer.json()["detail"]
    assert field in answer.json()["detail"]
    assert stored(county, enrolled.station_id) == []


def test_a_huge_seq_is_refused_with_a_json_422(enrolled):
    answer = enrolled.push([dict(chained("settings.changed")[0], seq=10**30)])
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_event"


def test_unknown_event_types_are_accepted_and_flagged(county, enrolled):
    batch = chained("settings.changed", "drone.delivered")
    answer = enrolled.push(batch)
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] == 2
    rows = stored(county, enrolled.station_id)
    assert [(r.type, r.flagged) for r in rows] == [
        ("settings.changed", False),
        ("drone.delivered", True),
    ]


def test_pushing_for_another_station_is_403(county, enrolled, station):
    other = county.enrolled()
    answer = enrolled.push(wire(station), station_id=other.station_id)
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden"
    assert stored(county, other.station_id) == []


@pytest.mark.parametrize("authorization", ["Bearer not-a-token", "", "Basic abc"])
def test_a_bad_or_missing_token_is_401(county, authorization):
    answer = county.http.get(
        county.base_url + protocol.HEAD_PATH, headers={"Authorization": authorization}, timeout=10
    )
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def test_a_body_over_the_limit_is_413(enrolled):
    answer = enrolled.push_bytes(b" " * (protocol.MAX_BODY_BYTES + 1), encoding="identity")
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"


def test_a_gzip_bomb_is_413_not_unpacked_in_full(enrolled):
    answer = enrolled.push_bytes(gzip.compress(b" " * (protocol.MAX_BODY_BYTES + 1)))
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"


@pytest.mark.parametrize("data", [b"not gzip at all", gzip.compress(b'{"a": 1}')[:-6]])
def test_a_body_that_is_not_gzip_is_400_bad_gzip(enrolled, data):
    answer = enrolled.push_bytes(data)
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_gzip"


def test_a_body_that_is_not_json_is_a_json_400(enrolled):
    answer = enrolled.push_bytes(b"{not json", encoding="identity")
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"


def test_a_too_old_protocol_version_is_426_please_update(enrolled):
    answer = enrolled.county.http.get(
        enrolled.county.base_url + protocol.HEAD_PATH,
        headers=enrolled.headers(**{protocol.VERSION_HEADER: "0"}),
        timeout=10,
    )
    assert answer.status_code == 426
    assert answer.json()["error"] == "update_required"
    assert "please update the station app" in answer.json()["detail"].lower()


def test_an_unknown_path_is_a_json_404(county):
    answer = county.http.get(county.base_url + "/api/v1/nothing", timeout=10)
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"


# --- restore and feed ------------------------------------------------------------------------


def test_sync_events_gives_back_the_stations_events_in_order_page_by_page(enrolled, station):
    enrolled.push(wire(station))
    first = enrolled.get(protocol.EVENTS_PATH, after_seq=0, limit=2).json()
    rest = enrolled.get(protocol.EVENTS_PATH, after_seq=2, limit=1000).json()
    assert first["more"] is True
    assert rest["more"] is False
    restored = first["events"] + rest["events"]
    local = list(station.log.iter_events())
    assert [(e["seq"], e["id"], e["hash"]) for e in restored] == [
        (e.seq, e.id, e.hash) for e in local
    ]
    assert [e["payload"] for e in restored] == [e.payload for e in local]


def test_the_feed_gives_county_events_with_cursors(county, enrolled):
    from sync.server import ingest

    start = enrolled.get(protocol.FEED_PATH).json()["next"]  # past the reference data
    for n in range(3):
        ingest.add_county_event(
            county.storage,
            enrolled.station_id,
            event_id=f"county-{enrolled.station_id}-{n}",
            type="sms.sent",
            entity_id=f"sms-{n}",
            payload={"n": n},
        )
    first = enrolled.get(protocol.FEED_PATH, after=start, limit=2).json()
    assert [c["data"]["entity_id"] for c in first["changes"]] == ["sms-0", "sms-1"]
    assert first["more"] is True
    rest = enrolled.get(protocol.FEED_PATH, after=first["next"]).json()
    assert [c["kind"] for c in rest["changes"]] == ["event"]
    assert rest["changes"][0]["data"]["type"] == "sms.sent"
    assert rest["more"] is False
    again = enrolled.get(protocol.FEED_PATH, after=rest["next"]).json()
    assert again == {"changes": [], "next": rest["next"], "more": False}


def test_a_feed_cursor_the_county_did_not_give_is_400(enrolled):
    answer = enrolled.get(protocol.FEED_PATH, after="abc")
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"


def test_reissue_code_revokes_the_old_token_and_the_new_code_restores(county, enrolled, station):
    enrolled.push(wire(station))
    reissued = county.cli("reissue-code", "--station", enrolled.station_id)
    assert reissued["station_id"] == enrolled.station_id
    assert enrolled.get(protocol.HEAD_PATH).status_code == 401
    answer = county.enroll(reissued["enrollment_code"])
    assert answer.status_code == 200
    again = Enrolled(county, enrolled.station_id, answer.json()["token"])
    assert again.get(protocol.HEAD_PATH).json()["head_hash"] == station.log.head()[1]


def test_two_pushes_of_the_same_batch_at_once_store_it_once(county, enrolled, station):
    from concurrent.futures import ThreadPoolExecutor

    batch = wire(station)
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: enrolled.push(batch), range(4)))
    assert [a.status_code for a in answers] == [200] * 4
    assert sum(a.json()["accepted"] for a in answers) == len(batch)
    assert len(stored(county, enrolled.station_id)) == len(batch)


# --- settings and command line ---------------------------------------------------------------


@pytest.mark.parametrize("secret", ["", "changeme", "short"])
def test_settings_refuse_a_default_or_weak_secret_outside_development(tmp_path, secret):
    from sync.server.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match="secret"):
        Settings(data_dir=tmp_path, token_secret=secret)
    assert Settings(data_dir=tmp_path, token_secret=secret, development=True).development


def test_settings_without_any_secret_are_refused(tmp_path, monkeypatch):
    from sync.server.settings import ENV_SECRET, SettingsError

    monkeypatch.delenv(ENV_SECRET, raising=False)
    with pytest.raises(SettingsError, match="COUNTY_CENTER_SECRET"):
        load_settings(tmp_path, development=False)


def test_settings_default_to_county_db_in_the_data_folder(tmp_path):
    ensure_secret_file(tmp_path)
    settings = load_settings(tmp_path, development=False)
    assert settings.url == f"sqlite:///{tmp_path.resolve() / 'county.db'}"
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_reissue_code_for_an_unknown_station_says_so(tmp_path, capsys):
    assert cli.main(["--data-dir", str(tmp_path), "reissue-code", "--station", "nope"]) == 1
    assert "no station has the id nope" in capsys.readouterr().err


def test_every_event_type_the_station_writes_is_known_to_the_county():
    """An unknown type is stored but flagged for review: the station's own types must not be."""
    from stationapp.core.lines import projections_of_every_line
    from sync.server.ingest.event_types import is_known

    written = set(projections_of_every_line().projectors) | {"event.voided", "receipt.printed"}
    assert sorted(t for t in written if not is_known(t)) == []
