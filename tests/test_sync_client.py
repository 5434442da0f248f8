"""The station's sync client (DESIGN §5): backoff, batches, typed failures, and the driver
against the real county server on loopback with a fault-injecting proxy between, on SQLite and
on a real PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
import sqlalchemy as sa

from sync import client as wire
from sync import protocol
from sync.client import CountyClient
from sync.pacing import Backoff, Batcher
from sync.server.tables import station_heads
from tests.conftest import MANAGER, MANAGER_PIN
from tests.county_db import county_database_kind, county_database_url  # noqa: F401  (fixtures)
from tests.county_server import LoopbackCounty
from tests.fakes.http_service import FakeHttpService, Request

# --- Backoff -----------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _backoff(rng_value: float = 0.0) -> tuple[Backoff, _Clock]:
    clock = _Clock()
    return Backoff(rng=lambda: rng_value, clock=clock), clock


def test_backoff_waits_two_seconds_after_the_first_failure_and_doubles_after_each_next():
    backoff, _ = _backoff(0.0)
    assert [backoff.failed() for _ in range(5)] == [2.0, 4.0, 8.0, 16.0, 32.0]


def test_backoff_never_waits_more_than_ten_minutes():
    backoff, _ = _backoff(0.999)
    delays = [backoff.failed() for _ in range(40)]
    assert max(delays) == 600.0
    assert delays[-1] == 600.0


@pytest.mark.parametrize("rng_value", [0.0, 0.3, 0.7, 0.999])
def test_backoff_jitter_keeps_each_wait_between_the_step_and_half_again(rng_value):
    backoff, _ = _backoff(rng_value)
    backoff.failed()
    third = [backoff.failed() for _ in range(2)][-1]  # third failure: step 8 s
    assert 8.0 <= third < 12.0
    assert third == pytest.approx(8.0 * (1 + 0.5 * rng_value))


def test_backoff_jitter_spreads_stations_apart():
    import random

    rng = random.Random(7)
    waits = set()
    for _ in range(20):
        backoff = Backoff(rng=rng.random, clock=_Clock())
        backoff.failed()
        waits.add(round(backoff.failed(), 3))
    assert len(waits) > 10


def test_backoff_honours_the_county_s_retry_after_when_it_is_longer():
    backoff, _ = _backoff(0.0)
    assert backoff.failed(retry_after=120) == 120.0
    assert backoff.failed(retry_after=1) == 4.0  # shorter than its own step: its own step


def test_backoff_caps_a_huge_retry_after_at_ten_minutes():
    backoff, _ = _backoff(0.0)
    assert backoff.failed(retry_after=86400) == 600.0


def test_backoff_is_ready_only_when_the_wait_has_passed():
    backoff, clock = _backoff(0.0)
    assert backoff.ready()
    backoff.failed()
    assert not backoff.ready()
    assert backoff.wait() == 2.0
    clock.now += 1.5
    assert backoff.wait() == pytest.approx(0.5)
    clock.now += 0.5
    assert backoff.ready()


def test_backoff_starts_again_from_two_seconds_after_a_success():
    backoff, _ = _backoff(0.0)
    for _ in range(6):
        backoff.failed()
    backoff.succeeded()
    assert backoff.ready()
    assert backoff.failed() == 2.0


def test_backoff_tries_at_once_when_the_network_returns():
    backoff, _ = _backoff(0.0)
    for _ in range(6):
        backoff.failed()
    backoff.network_returned()
    assert backoff.ready()


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (" 5 ", 5.0), ("", None), (None, None), ("soon", None), ("-3", 0.0)],
)
def test_retry_after_is_read_as_seconds(header, seconds):
    assert wire.parse_retry_after(header) == seconds


def test_retry_after_as_an_http_date_is_the_seconds_until_then():
    assert wire.parse_retry_after("Thu, 01 Jan 1970 00:02:00 GMT", now=60.0) == 60.0


# --- Batcher -----------------------------------------------------------------------------------


def _events(n: int, size: int = 10) -> list[dict[str, Any]]:
    return [{"seq": i + 1, "payload": {"x": "a" * size}} for i in range(n)]


def test_batcher_starts_at_200_events():
    assert len(Batcher().cut(_events(1000))) == 200


def test_batcher_doubles_while_pushes_go_well_up_to_2000():
    batcher = Batcher()
    sizes = []
    for _ in range(6):
        batcher.went_well()
        sizes.append(batcher.size)
    assert sizes == [400, 800, 1600, 2000, 2000, 2000]


def test_batcher_halves_on_timeouts_down_to_10():
    batcher = Batcher()
    sizes = []
    for _ in range(6):
        batcher.timed_out()
        sizes.append(batcher.size)
    assert sizes == [100, 50, 25, 12, 10, 10]


def test_batcher_does_not_grow_after_a_slow_push():
    batcher = Batcher(slow_s=10)
    batcher.went_well(elapsed_s=30)
    assert batcher.size == 200
    batcher.went_well(elapsed_s=2)
    assert batcher.size == 400


def test_batcher_keeps_a_batch_under_its_byte_cap():
    batcher = Batcher(max_bytes=5000)
    batch = batcher.cut(_events(200, size=1000))
    assert 1 <= len(batch) < 5
    assert len(json.dumps(batch)) <= 5000 + len(batch)


def test_batcher_sends_one_event_even_if_it_alone_is_over_the_cap():
    assert len(Batcher(max_bytes=100).cut(_events(3, size=1000))) == 1


# --- the client against a fake service: failures are typed ------------------------------------


class _Canned(FakeHttpService):
    """Answers every request with the status and JSON set on it."""

    def __init__(self) -> None:
        super().__init__()
        self.status = 200
        self.body: dict[str, Any] = {}
        self.headers_out: dict[str, str] = {}

    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        return self.status, self.body


@pytest.fixture
def canned():
    service = _Canned().start()
    yield service
    service.stop()


HEAD = {"station_id": "st-1", "head_seq": 3, "head_hash": "a" * 64}


def test_head_reads_the_county_s_answer(canned):
    canned.body = HEAD
    head = CountyClient(canned.base_url, "tok").head()
    assert (head.station_id, head.head_seq, head.head_hash) == ("st-1", 3, "a" * 64)


def test_every_call_carries_the_protocol_version_and_the_token(canned):
    canned.body = HEAD
    CountyClient(canned.base_url, "tok").head()
    request = canned.requests[-1]
    assert request.path == protocol.HEAD_PATH
    assert request.headers[protocol.VERSION_HEADER.lower()] == str(protocol.PROTOCOL_VERSION)
    assert request.headers["authorization"] == "Bearer tok"


def test_push_sends_gzip_json(canned):
    canned.body = {"accepted": 1, "duplicates": 0, "head_seq": 1, "head_hash": "b" * 64}
    event = {"id": "e1", "seq": 1, "type": "t", "occurred_at": "x", "payload": {"名": "岩温"}}
    answer = CountyClient(canned.base_url, "tok").push("st-1", [event])
    request = canned.requests[-1]
    assert request.headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(request.body)) == {"station_id": "st-1", "events": [event]}
    assert answer.accepted == 1


def test_enrol_carries_no_token(canned):
    canned.body = {
        "station_id": "st-1",
        "station_name": "芒艾村",
        "township": "孟定镇",
        "village": "芒艾村",
        "token": "secret-token",
    }
    answer = CountyClient(canned.base_url).enroll("CODE-1", "pc", "1.0")
    assert answer.token == "secret-token"
    assert "authorization" not in canned.requests[-1].headers


def test_a_call_without_a_token_is_unauthorized_before_anything_is_sent(canned):
    with pytest.raises(wire.Unauthorized):
        CountyClient(canned.base_url).head()
    assert canned.requests == []


def test_a_captive_portal_s_html_with_status_200_is_not_the_county(canned):
    canned.answer_next_with(200, "<html><body>请登录上网</body></html>")
    with pytest.raises(wire.NotTheCounty) as caught:
        CountyClient(canned.base_url, "tok").head()
    assert caught.value.status == 200


def test_json_that_is_not_the_expected_answer_is_not_the_county(canned):
    canned.body = {"hello": "world"}
    with pytest.raises(wire.NotTheCounty):
        CountyClient(canned.base_url, "tok").head()


@pytest.mark.parametrize(
    ("status", "error", "failure"),
    [
        (401, protocol.UNAUTHORIZED, wire.Unauthorized),
        (403, protocol.FORBIDDEN, wire.Forbidden),
        (404, protocol.UNKNOWN_CODE, wire.UnknownCode),
        (410, protocol.CODE_USED, wire.CodeUsed),
        (413, protocol.TOO_LARGE, wire.TooLarge),
        (422, protocol.INVALID_EVENT, wire.InvalidEvent),
        (426, protocol.UPDATE_REQUIRED, wire.UpdateRequired),
        (500, protocol.INTERNAL_ERROR, wire.ServerError),
    ],
)
def test_the_county_s_errors_become_typed_failures_with_status_and_detail(
    canned, status, error, failure
):
    canned.status, canned.body = status, {"error": error, "detail": "what and why"}
    with pytest.raises(failure) as caught:
        CountyClient(canned.base_url, "tok").head()
    assert (caught.value.status, caught.value.error) == (status, error)
    assert caught.value.detail == "what and why"


def test_a_chain_conflict_carries_the_county_s_head(canned):
    canned.status = 409
    canned.body = {"error": "chain_conflict", "detail": "d", "head_seq": 7, "head_hash": "c" * 64}
    with pytest.raises(wire.ChainConflict) as caught:
        CountyClient(canned.base_url, "tok").push("st-1", [])
    assert (caught.value.head_seq, caught.value.head_hash) == (7, "c" * 64)


def test_a_busy_county_s_retry_after_is_kept(canned):
    canned.answer_next_with(503, "busy", "text/plain")
    # the fake cannot set Retry-After on a canned answer: read the header path directly
    failure = wire.failure_for(503, None, {"Retry-After": "42"})
    assert isinstance(failure, wire.ServerBusy) and failure.retry_after == 42.0
    with pytest.raises(wire.ServerBusy):
        CountyClient(canned.base_url, "tok").head()


def test_a_proxy_s_html_error_page_is_a_server_error(canned):
    canned.answer_next_with(502, "<html>Bad Gateway</html>")
    with pytest.raises(wire.ServerError) as caught:
        CountyClient(canned.base_url, "tok").head()
    assert caught.value.status == 502


def test_nobody_listening_is_offline(canned):
    url = canned.base_url
    canned.stop()
    with pytest.raises(wire.Offline):
        CountyClient(url, "tok", timeout=2).head()


def test_no_answer_in_time_is_a_timeout(canned):
    canned.stall_next()
    with pytest.raises(wire.TimedOut):
        CountyClient(canned.base_url, "tok", timeout=(2, 0.3)).head()


def test_the_client_s_repr_never_shows_the_token():
    assert "tok-secret" not in repr(CountyClient("http://x", "tok-secret"))


# --- the driver against the real county server on loopback -----------------------------------


@pytest.fixture
def county(tmp_path, county_database_url):
    with LoopbackCounty(tmp_path / "county", county_database_url) as server:
        yield server


@pytest.fixture(scope="module")
def shared_county(tmp_path_factory, county_database_kind):
    """One county server per database kind for the randomized fault schedules: each schedule
    enrols a station of its own, so they share the server without seeing each other's events."""
    with LoopbackCounty.on(county_database_kind, tmp_path_factory.mktemp("county")) as server:
        yield server


@pytest.fixture
def synced(station):
    """The station's sync driver."""
    return station.sync


def _parcels(station, n: int) -> None:
    """n events on the station's log (settings changes are the cheapest real events)."""
    for i in range(n):
        station.settings.set("station.phone", f"0883-61{i:05d}")


def _local_head(station) -> tuple[int, str]:
    return station.log.head()


def _pushed_flags(station) -> list[int]:
    return [r[0] for r in station.conn.execute("SELECT pushed FROM events ORDER BY seq")]


def test_enrol_keeps_the_token_out_of_the_database(synced, station, county):
    station_id, code = county.new_station()
    enrolled = synced.enroll(county.base_url, code)
    assert enrolled.station_id == station_id and enrolled.township == "孟定镇"
    assert station.info.station_id == station_id
    assert synced.status().enrolled
    secrets_file = json.loads((station.data_dir / "secrets.json").read_text())
    token = secrets_file["sync.county.token"]
    assert len(token) >= 40
    dump = "\n".join(station.conn.iterdump())
    assert token not in dump


def test_enrol_fills_every_event_s_station_id_and_the_chain_stays_valid(synced, station, county):
    _parcels(station, 3)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    ids = {r[0] for r in station.conn.execute("SELECT DISTINCT station_id FROM events")}
    assert ids == {station_id}
    assert station.events.verify().ok
    station.settings.set("station.phone", "0883-6999999")
    last = list(station.log.iter_events(station.events.count() - 1))[-1]
    assert last.station_id == station_id


def test_a_wrong_code_is_refused_in_plain_words(synced, county):
    from stationapp.core.errors import ValidationError

    county.new_station()
    with pytest.raises(ValidationError, match="does not know the code"):
        synced.enroll(county.base_url, "AAAA-BBBB-CCCC")
    assert not synced.status().enrolled


def test_a_used_code_is_refused_in_plain_words(synced, county, tmp_path):
    from stationapp.core.errors import StateError

    _, code = county.new_station()
    synced.enroll(county.base_url, code)
    with pytest.raises(StateError, match="already used"):
        synced.enroll(county.base_url, code)


def test_an_address_that_is_not_a_web_address_is_refused(synced):
    from stationapp.core.errors import ValidationError

    with pytest.raises(ValidationError, match="not a web address"):
        synced.enroll("county.example.cn", "CODE")


def test_run_before_enrolment_says_to_join_first(synced):
    from stationapp.core.errors import StateError

    with pytest.raises(StateError, match="has not joined a county center"):
        synced.run()


def test_a_round_brings_the_county_to_the_local_head_and_marks_everything_pushed(
    synced, station, county
):
    _parcels(station, 30)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    seen: list[tuple[int, int]] = []
    report = synced.run(progress=lambda done, total: seen.append((done, total)))
    assert report.ok, report.detail
    assert county.head(station_id) == _local_head(station)
    assert county.event_count(station_id) == station.events.count()
    assert set(_pushed_flags(station)) == {1}
    assert synced.unpushed_count() == 0
    assert seen[0] == (0, station.events.count()) and seen[-1][0] == seen[-1][1]
    assert synced.status().last_sync_at and synced.status().last_error == ""
    # its pushes told the county how far its own log goes: nothing waits at the station
    with county.storage.engine.connect() as conn:
        said = conn.execute(
            sa.select(station_heads.c.head_seq).where(station_heads.c.station_id == station_id)
        ).scalar()
    assert said == _local_head(station)[0]


def test_a_round_with_many_events_goes_in_several_batches(synced, station, county):
    _parcels(station, 450)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    report = synced.run()
    assert report.ok, report.detail
    assert report.batches >= 2
    assert county.head(station_id) == _local_head(station)


def test_a_second_round_pushes_nothing(synced, station, county):
    _parcels(station, 5)
    _, code = county.new_station()
    synced.enroll(county.base_url, code)
    synced.run()
    again = synced.run()
    assert again.ok and (again.accepted, again.duplicates, again.batches) == (0, 0, 0)


def test_events_written_after_a_round_go_in_the_next(synced, station, county):
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    synced.run()
    _parcels(station, 4)
    report = synced.run()
    assert report.accepted == 4
    assert county.head(station_id) == _local_head(station)


def test_an_answer_lost_after_the_county_committed_is_found_via_head_nothing_doubled(
    synced, station, county, proxy
):
    _parcels(station, 20)
    station_id, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    # head passes, the push reaches the county, its answer is lost, the head after it is too
    proxy.then("pass", "drop_answer", "refuse")
    first = synced.run()
    assert first.error == "offline"
    assert county.head(station_id) == _local_head(station)  # the county did commit
    assert set(_pushed_flags(station)) == {0}  # no answer: nothing marked
    second = synced.run()
    assert second.ok, second.detail
    assert second.accepted == 0
    assert county.event_count(station_id) == station.events.count()
    assert set(_pushed_flags(station)) == {1}


def test_after_a_lost_answer_the_head_asked_at_once_marks_the_events(
    synced, station, county, proxy
):
    _parcels(station, 10)
    station_id, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    proxy.then("pass", "drop_answer")  # the head after the failure gets through
    report = synced.run()
    assert report.error == "offline"
    assert set(_pushed_flags(station)) == {1}
    assert county.event_count(station_id) == station.events.count()


def test_a_push_resent_after_a_lost_answer_counts_as_duplicates(synced, station, county):
    """The same events pushed twice (an answer lost, head not asked): stored once."""
    from stationapp.core.sync.push import wire_event

    _parcels(station, 6)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    token = json.loads((station.data_dir / "secrets.json").read_text())["sync.county.token"]
    client = CountyClient(county.base_url, token)
    batch = [wire_event(e) for e in station.log.iter_events()]
    client.push(station_id, batch)
    again = client.push(station_id, batch)
    assert (again.accepted, again.duplicates) == (0, len(batch))
    assert county.event_count(station_id) == len(batch)


def test_a_cut_answer_is_a_failure_and_the_next_round_finishes(synced, station, county, proxy):
    _parcels(station, 8)
    station_id, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    proxy.then("pass", "cut_answer", "refuse")
    assert synced.run().error == "offline"
    assert synced.run().ok
    assert county.head(station_id) == _local_head(station)
    assert county.event_count(station_id) == station.events.count()


def test_a_captive_portal_page_is_a_failure_and_nothing_is_marked_pushed(
    synced, station, county, proxy
):
    _parcels(station, 5)
    station_id, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    proxy.then("pass", "html_200", "html_200")
    report = synced.run()
    assert report.error == "not_the_county"
    assert "Wi-Fi login page" in report.message
    assert set(_pushed_flags(station)) == {0}
    assert county.head(station_id)[0] == 0
    assert "Wi-Fi login page" in synced.status().last_error


def test_a_county_500_is_a_failure_and_nothing_is_marked(synced, station, county, proxy):
    _parcels(station, 5)
    _, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    proxy.then("error_500")
    report = synced.run()
    assert report.error == "server_error"
    assert set(_pushed_flags(station)) == {0}


def test_a_wrong_token_is_unauthorized_and_nothing_is_marked(synced, station, county):
    from stationapp.core.secrets import SecretStore

    _parcels(station, 5)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    SecretStore(station.data_dir).set("sync.county.token", "not-the-token")
    report = synced.run()
    assert report.error == "unauthorized"
    assert "Join the county center again" in report.message
    assert set(_pushed_flags(station)) == {0}
    assert county.head(station_id)[0] == 0


def test_the_client_raises_unauthorized_for_a_wrong_token(county):
    with pytest.raises(wire.Unauthorized) as caught:
        CountyClient(county.base_url, "wrong").head()
    assert caught.value.status == 401 and caught.value.error == protocol.UNAUTHORIZED


def test_a_fork_after_an_old_backup_was_restored_is_healed_and_nothing_is_lost(
    synced, station, county, tmp_path
):
    from stationapp.core.restore import restore_station

    _parcels(station, 5)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    synced.run()
    backup = station.backup(tmp_path / "old.db")
    restored_at = station.events.count()
    _parcels(station, 3)  # reach the county, then are lost with the PC's disk
    synced.run()
    data_dir = station.data_dir
    station.close()
    restore_station(data_dir, backup)
    from stationapp.core import Station
    from stationapp.core.sync.facade import StationSync

    with Station.open(data_dir) as again:
        sync_again = StationSync(again.context)
        again.login(MANAGER, MANAGER_PIN)
        again.settings.set("station.phone", "0883-6111111")
        again.settings.set("station.phone", "0883-6222222")  # reuse seqs the county holds
        ours = [e.id for e in again.log.iter_events(restored_at)]
        report = sync_again.run()
        assert report.ok, report.detail
        assert report.fork is not None
        assert (report.fork.common_seq, report.fork.taken) == (restored_at, 3)
        assert [(m[0], m[2]) for m in report.fork.moves] == [
            (ours[0], restored_at + 4),
            (ours[1], restored_at + 5),
        ]
        assert county.head(station_id) == again.log.head()
        assert again.events.count() == county.event_count(station_id) == restored_at + 5
        assert again.events.verify().ok  # chain holds and the tables match a rebuild
        assert again.settings.get("station.phone") == "0883-6222222"
        assert [f.taken for f in sync_again.forks()] == [3]
        assert sync_again.unpushed_count() == 0


def test_a_history_changed_after_it_was_sent_is_refused_and_nothing_is_sent(
    synced, station, county
):
    from stationapp.core.errors import StateError
    from stationapp.core.event_record import canonical_json, content_hash

    _parcels(station, 5)
    station_id, code = county.new_station()
    synced.enroll(county.base_url, code)
    synced.run()
    at_county = county.head(station_id)
    # someone edits the last record sent, and fixes its hash
    seq = station.log.head()[0]
    last = next(iter(station.log.iter_events(seq - 1)))
    payload = dict(last.payload, value="0883-6000000")
    edited = type(last)(**{**last.__dict__, "payload": payload})
    station.conn.execute(
        "UPDATE event_log SET payload = ?, hash = ? WHERE seq = ?",
        (canonical_json(payload), bytes.fromhex(content_hash(edited, last.prev_hash)), seq),
    )
    station.log._head = None
    _parcels(station, 2)
    with pytest.raises(StateError, match="changed here afterwards"):
        synced.run()
    assert county.head(station_id) == at_county
    assert "changed here afterwards" in synced.status().last_error
    assert synced.unpushed_count() == 2


def test_the_history_lists_rounds_newest_first(synced, station, county, proxy):
    _, code = county.new_station()
    synced.enroll(proxy.base_url, code)
    proxy.then("refuse")
    synced.run()
    synced.run()
    rounds = synced.history()
    assert [r.ok for r in rounds] == [True, False]
    assert "cannot be reached" in rounds[1].message


def test_a_timed_out_push_halves_the_batch_and_the_round_goes_on_from_the_county_s_head(
    station, county, proxy
):
    from stationapp.core.sync.facade import StationSync

    _parcels(station, 60)
    station_id, code = county.new_station()
    # enrolled with the everyday timeouts; the round's calls wait 2 s for an answer (the held
    # one times out; half a second was once too short for an enrolment on a busy machine)
    StationSync(station.context).enroll(proxy.base_url, code)
    batcher = Batcher(start=20)
    synced = StationSync(
        station.context,
        client_factory=lambda url, token: CountyClient(url, token, timeout=(2, 2)),
        batcher=batcher,
    )
    proxy.then("pass", "stall_answer")  # head; the first push is committed, its answer held
    done: list[int] = []
    report = synced.run(progress=lambda d, total: done.append(d))
    assert report.ok, report.detail
    assert county.head(station_id) == _local_head(station)
    assert county.event_count(station_id) == station.events.count()
    assert set(_pushed_flags(station)) == {1}
    # 63 events: 20 committed but timed out (found via head), then 10, 20, and the last 13
    assert done == [0, 20, 30, 50, 63]
    assert batcher.size == 80


def test_the_push_carries_no_hashes_and_no_per_event_station_id(synced, station, county, proxy):
    _parcels(station, 3)
    _, code = county.new_station()
    synced.enroll(county.base_url, code)
    event = next(station.log.iter_events())
    from stationapp.core.sync.push import wire_event

    wired = wire_event(event)
    assert set(wired) == {"id", "seq", "type", "entity_id", "occurred_at", "operator", "payload"}


RANDOM_FAULTS = ("pass", "pass", "drop_answer", "cut_answer", "html_200", "error_500", "refuse")


@pytest.mark.parametrize("seed", range(200))
def test_after_random_faults_the_county_holds_exactly_the_station_s_events(
    seed, tmp_path, shared_county
):
    """Random fault schedules over several rounds with small batches and new events between
    rounds: once the faults stop, one round brings the county to the station's head, nothing
    doubled, everything marked pushed."""
    import random

    from stationapp.core import Station
    from stationapp.core.sync.facade import StationSync
    from tests.fakes.fault_proxy import FaultProxy

    county = shared_county
    rng = random.Random(seed)
    with (
        Station.create(
            tmp_path / f"st{seed}", name="芒艾村服务站", manager_name="岩温", manager_pin="1234"
        ) as station,
        FaultProxy(county.base_url) as proxy,
    ):
        synced = StationSync(station.context, batcher=Batcher(start=4, smallest=1, largest=16))
        station_id, code = county.new_station()
        synced.enroll(proxy.base_url, code)
        for _ in range(rng.randint(2, 5)):
            _parcels(station, rng.randint(0, 25))
            proxy.then(*rng.choices(RANDOM_FAULTS, k=rng.randint(0, 6)))
            report = synced.run()
            assert report.error in ("", "offline", "not_the_county", "server_error")
            assert county.head(station_id)[0] <= station.log.head()[0]
        proxy.faults.clear()
        final = synced.run()
        assert final.ok, final.detail
        assert county.head(station_id) == station.log.head()
        assert county.event_count(station_id) == station.events.count()
        assert set(_pushed_flags(station)) == {1}
        assert station.events.verify(rebuild=False).ok
