"""Restoring a station onto a new PC from the county center (DESIGN §5, last rule), against a
real county center on 127.0.0.1, with a fault-injecting and a tampering proxy between."""

from __future__ import annotations

import http.client
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from stationapp.core import StateError, Station, ValidationError, secrets
from stationapp.core import clock as station_clock
from stationapp.core.secrets import SecretStore
from stationapp.core.sms import deliver_due
from stationapp.core.station import download_from_county, finish_restore, restore_from_county
from stationapp.core.sync.restore_staging import STAGING_NAME, abandon_restore, pending_restore
from stationapp.sms_providers.filelog import FileProvider
from sync import client as wire
from sync.client import CountyClient
from tests.county_db import county_database_url  # noqa: F401  (a fixture)
from tests.county_server import LoopbackCounty
from tests.fakes.http_service import LoopbackHttpServer, QuietHandler
from tests.test_cli import run_cli

STATION_NAME = "孟定镇芒艾村电商服务站"
MANAGER, OLD_PIN, NEW_PIN = "岩温", "123456", "8642"
OPERATOR, OPERATOR_PIN = "玉香", "2468"
PAGE = 7  # events per page: the history comes in several pages
COMPARED_TABLES = (
    "operators",
    "settings",
    "customers",
    "parcels",
    "shelf_counters",
    "sms_outbox",
    "sms_subjects",
    "sms_do_not_text",
    "voided_events",
)


# fixtures ---------------------------------------------------------------------------------------


@dataclass
class LostPc:
    """A station whose records all reached the county, then whose PC was lost."""

    station_id: str
    code: str  # reissued for the new PC
    old_token: str
    events: list[tuple]  # (id, seq, type, payload, prev_hash, hash) of every event
    tables: dict[str, list[tuple]]
    head: tuple[int, str]


def make_lost_pc(folder: Path, county: LoopbackCounty) -> LostPc:
    """A station with operators, settings, parcels and SMS whose records all reached the
    county; then its PC is lost and the county reissues its code."""
    old_dir = folder / "old-pc"
    station = Station.create(
        old_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=OLD_PIN, phone="0883-6123456"
    )
    station_id = county.join(station)
    station.operators.add(name=OPERATOR, pin=OPERATOR_PIN)
    station.settings.set("parcels.overdue_days", 5)
    for i in range(4):
        station.parcels.receive(
            waybill=f"YT75123456789{i:02d}",
            recipient_phone=f"1381234{i:04d}",
            recipient_name=f"张{i}",
        )
    later = station_clock.now() + timedelta(hours=1)
    assert deliver_due(station, FileProvider(old_dir), now=later)  # SMS sent
    [first] = station.parcels.find("13812340000")
    station.parcels.pick_up([first.id], verified_by="phone")
    station.sms.do_not_text.add("13900001111", "本人要求不发短信")
    report = station.sync.run()
    assert report.ok and report.waiting == 0
    token = SecretStore(old_dir).get(secrets.TOKEN_SECRET)
    assert token is not None
    events = _events(station.conn)
    tables = {name: _rows(station.conn, name) for name in COMPARED_TABLES}
    head = station.events.head()
    station.close()  # the PC is lost
    from sync.server.stations import reissue_code

    new_code = reissue_code(county.storage, county.settings.token_secret, station_id)
    return LostPc(station_id, new_code, token.reveal(), events, tables, head)


@pytest.fixture
def lost(tmp_path: Path, county: LoopbackCounty) -> LostPc:
    return make_lost_pc(tmp_path, county)


@pytest.fixture
def new_pc(tmp_path: Path) -> Path:
    return tmp_path / "new-pc"


@pytest.fixture
def restored(new_pc: Path, county: LoopbackCounty, lost: LostPc) -> Iterator[Station]:
    station = restore_from_county(
        new_pc, county.base_url, lost.code, manager_pin=NEW_PIN, page_size=PAGE
    )
    yield station
    station.close()


def _events(conn: sqlite3.Connection) -> list[tuple]:
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT id, seq, type, payload, prev_hash, hash FROM events ORDER BY seq"
        )
    ]


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]


EVENTS_SQL = "SELECT id, seq, type, payload, prev_hash, hash FROM events ORDER BY seq"


def _read(folder: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(folder / "station.db")
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


class TamperingProxy(LoopbackHttpServer):
    """Between the station and the county: forwards everything, but changes the payload of one
    event in the answers to ``/sync/events`` (its hash left as it was)."""

    def __init__(self, upstream: str, *, tamper_seq: int) -> None:
        parts = urlsplit(upstream)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.tamper_seq = tamper_seq
        self.tampered = 0
        super().__init__(self._handler())

    def _change(self, body: bytes) -> bytes:
        answer = json.loads(body)
        for event in answer.get("events", []):
            if event["seq"] == self.tamper_seq:
                event["payload"]["recipient_name"] = "王五"
                self.tampered += 1
        return json.dumps(answer, ensure_ascii=False).encode("utf-8")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(QuietHandler):
            def _serve(self) -> None:
                body = self.read_body()
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("connection", "accept-encoding", "host")
                }
                upstream = http.client.HTTPConnection(proxy.host, proxy.port, timeout=30)
                try:
                    upstream.request(self.command, self.path, body=body or None, headers=headers)
                    response = upstream.getresponse()
                    payload = response.read()
                    status = response.status
                    content_type = response.getheader("Content-Type", "application/json")
                finally:
                    upstream.close()
                if self.path.startswith("/api/v1/sync/events") and status == 200:
                    payload = proxy._change(payload)
                self.send_answer(status, [("Content-Type", content_type)], payload)

            do_GET = do_POST = _serve

        return Handler


# the restore ------------------------------------------------------------------------------------


def test_restore_brings_back_every_event_with_the_same_id_seq_and_hash(restored, lost):
    assert _events(restored.conn)[: len(lost.events)] == lost.events


def test_restore_brings_back_the_same_parcels_customers_outbox_and_settings(restored, lost):
    for table in COMPARED_TABLES:
        if table == "operators":
            continue  # the PIN reset after the restore is an operator.changed; compared below
        assert _rows(restored.conn, table) == lost.tables[table], table
    assert len(restored.parcels.find("13812340001")) == 1
    assert restored.settings.get("parcels.overdue_days") == 5
    assert {t.status for t in restored.sms.outbox()} == {"sent"}


def test_the_restored_station_verifies(restored):
    result = restored.events.verify()
    assert result.ok, result.problems


def test_restored_events_are_marked_pushed_and_only_the_pin_reset_waits(restored, lost):
    waiting = restored.conn.execute("SELECT seq, type FROM events WHERE pushed = 0").fetchall()
    assert [tuple(r) for r in waiting] == [(lost.head[0] + 1, "operator.changed")]


def test_the_restored_station_is_joined_to_the_county_as_the_same_station(restored, lost, county):
    status = restored.sync.status()
    assert status.enrolled
    assert status.station_id == lost.station_id
    assert status.county_url == county.base_url
    assert restored.info.name == STATION_NAME


def test_the_manager_is_logged_in_and_the_pin_reset_is_recorded_as_operators_record_it(
    restored, lost
):
    assert restored.operator is not None and restored.operator.name == MANAGER
    last = restored.events.find(
        restored.conn.execute("SELECT id FROM events ORDER BY seq DESC LIMIT 1").fetchone()[0]
    )
    assert (last.type, last.payload, last.entity_id, last.operator) == (
        "operator.changed",
        {"pin_reset": True},
        restored.operator.id,
        restored.operator.id,
    )


def test_the_manager_logs_in_with_the_new_pin_not_the_old_one(restored):
    restored.logout()
    with pytest.raises(ValidationError, match="Wrong PIN"):
        restored.login(MANAGER, OLD_PIN)
    assert restored.login(MANAGER, NEW_PIN).name == MANAGER


def test_other_operators_cannot_log_in_until_the_manager_sets_their_pin(restored):
    restored.logout()
    with pytest.raises(ValidationError, match="Wrong PIN"):
        restored.login(OPERATOR, OPERATOR_PIN)
    restored.login(MANAGER, NEW_PIN)
    operator = restored.operators.by_name(OPERATOR)
    restored.operators.reset_pin(operator.id, "1357")
    assert restored.login(OPERATOR, "1357").name == OPERATOR


def test_the_old_pc_s_token_is_refused_after_the_code_is_reissued(restored, lost, county):
    with pytest.raises(wire.Unauthorized):
        CountyClient(county.base_url, lost.old_token).head()


def test_the_restored_station_receives_a_parcel_and_pushes_it_after_the_restored_records(
    restored, lost, county
):
    restored.parcels.receive(
        waybill="YT7512345678999", recipient_phone="13812349999", recipient_name="李四"
    )
    report = restored.sync.run()
    assert report.ok, report.detail
    local = restored.events.head()
    assert local[0] > lost.head[0] + 1  # the PIN reset, then the parcel and its text
    assert county.head(lost.station_id) == local
    assert restored.events.unpushed_count() == 0


def test_restore_reports_progress_page_by_page_up_to_the_county_s_head(new_pc, county, lost):
    seen: list[tuple[int, int]] = []
    download_from_county(
        new_pc,
        county.base_url,
        lost.code,
        progress=lambda done, total: seen.append((done, total)),
        page_size=PAGE,
    )
    total = lost.head[0]
    assert seen[0] == (0, total)
    assert seen[-1] == (total, total)
    assert len(seen) >= total // PAGE + 1
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_no_station_opens_before_the_manager_s_new_pin_is_set(new_pc, county, lost):
    pending = download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE)
    assert pending.complete and pending.manager_name == MANAGER
    assert pending.events == lost.head[0]
    assert not Station.exists(new_pc)
    assert pending_restore(new_pc) == pending
    with finish_restore(new_pc, NEW_PIN) as station:
        assert station.events.verify().ok
    assert not (new_pc / STAGING_NAME).exists()
    assert pending_restore(new_pc) is None


def test_a_pin_that_is_not_4_to_8_digits_is_refused_and_the_download_is_kept(new_pc, county, lost):
    download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE)
    with pytest.raises(ValidationError, match="4 to 8 digits"):
        finish_restore(new_pc, "12")
    assert not Station.exists(new_pc)
    assert pending_restore(new_pc).complete
    finish_restore(new_pc, NEW_PIN).close()


def test_restore_works_against_a_county_on_sqlite_and_on_postgresql(
    tmp_path,
    county_database_url,  # noqa: F811 - the shared fixture
):
    with LoopbackCounty(tmp_path / "county-db-server", county_database_url) as server:
        lost = make_lost_pc(tmp_path, server)
        with restore_from_county(
            tmp_path / "new-pc", server.base_url, lost.code, manager_pin=NEW_PIN, page_size=PAGE
        ) as station:
            assert _events(station.conn)[: len(lost.events)] == lost.events
            assert station.events.verify().ok


# refusals and faults ----------------------------------------------------------------------------


def test_restore_into_a_folder_that_holds_a_station_is_refused_and_changes_nothing(
    station, county, lost
):
    before = _events(station.conn)
    folder = station.data_dir
    station.close()
    with pytest.raises(StateError, match=f"already holds the station {STATION_NAME}"):
        download_from_county(folder, county.base_url, lost.code)
    assert _read(folder, EVENTS_SQL) == before
    assert not (folder / STAGING_NAME).exists()
    # the code was not used: it still restores into an empty folder
    download_from_county(folder.parent / "empty", county.base_url, lost.code)


def test_a_wrong_code_is_refused_and_leaves_no_station(new_pc, county, lost):
    with pytest.raises(ValidationError, match="does not know the code"):
        download_from_county(new_pc, county.base_url, "AAAA-BBBB-CCCC")
    assert not Station.exists(new_pc)
    assert pending_restore(new_pc) is None
    assert SecretStore(new_pc).get(secrets.TOKEN_SECRET) is None


def test_the_old_code_already_used_is_refused_in_plain_words(new_pc, county, lost):
    download_from_county(new_pc, county.base_url, lost.code)
    with pytest.raises(StateError, match="already used"):
        download_from_county(new_pc.parent / "other", county.base_url, lost.code)


def test_a_connection_cut_midway_leaves_no_station_and_keeps_what_came(new_pc, county, lost):
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as proxy:
        # enroll, head, the first page pass; the second page is cut mid-body
        proxy.then("pass", "pass", "pass", "cut_answer")
        with pytest.raises(StateError, match=f"lost after {PAGE} of {lost.head[0]} records"):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
    assert not Station.exists(new_pc)
    pending = pending_restore(new_pc)
    assert pending is not None and not pending.complete
    assert pending.events == PAGE


def test_the_next_attempt_after_a_cut_resumes_with_the_same_code_from_where_it_stopped(
    new_pc, county, lost
):
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as proxy:
        proxy.then("pass", "pass", "pass", "cut_answer")
        with pytest.raises(StateError):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
        proxy.seen.clear()
        seen: list[tuple[int, int]] = []
        pending = download_from_county(
            new_pc,
            proxy.base_url,
            lost.code,
            page_size=PAGE,
            progress=lambda done, total: seen.append((done, total)),
        )
    asked = [path for _method, path, _fault in proxy.seen if "/sync/events" in path]
    assert asked[0].startswith(f"/api/v1/sync/events?after_seq={PAGE}&")
    assert not any(path.endswith("/enroll") for _m, path, _f in proxy.seen)
    assert seen[0] == (PAGE, lost.head[0])
    assert pending.complete and pending.events == lost.head[0]
    with finish_restore(new_pc, NEW_PIN) as station:
        assert _events(station.conn)[: len(lost.events)] == lost.events
        assert station.events.verify().ok


def test_a_restore_stopped_by_the_operator_keeps_what_came_and_opens_no_station(
    new_pc, county, lost
):
    seen: list[int] = []
    with pytest.raises(StateError, match=f"stopped after {2 * PAGE} of {lost.head[0]} records"):
        download_from_county(
            new_pc,
            county.base_url,
            lost.code,
            page_size=PAGE,
            progress=lambda done, total: seen.append(done),
            should_stop=lambda: len(seen) >= 3,  # after the second page
        )
    assert not Station.exists(new_pc)
    assert pending_restore(new_pc).events == 2 * PAGE
    assert download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE).complete


def test_after_a_cut_a_newer_code_goes_on_with_the_records_that_came(new_pc, county, lost):
    from sync.server.stations import reissue_code
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as proxy:
        proxy.then("pass", "pass", "pass", "cut_answer")
        with pytest.raises(StateError):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
        newer = reissue_code(county.storage, county.settings.token_secret, lost.station_id)
        proxy.seen.clear()
        pending = download_from_county(new_pc, proxy.base_url, newer, page_size=PAGE)
    paths = [path for _method, path, _fault in proxy.seen]
    assert any(path.endswith("/enroll") for path in paths)
    pages = [path for path in paths if "/sync/events" in path]
    assert pages[0].startswith(f"/api/v1/sync/events?after_seq={PAGE}&")
    assert pending.complete and pending.events == lost.head[0]


def test_a_page_whose_hash_is_wrong_is_refused_and_nothing_is_kept(new_pc, county, lost):
    with TamperingProxy(county.base_url, tamper_seq=PAGE + 3) as proxy:
        with pytest.raises(StateError, match=f"do not fit together at record {PAGE + 3}"):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
        assert proxy.tampered == 1
    assert not Station.exists(new_pc)
    pending = pending_restore(new_pc)
    assert pending is not None and pending.events == 0 and not pending.complete


def test_after_a_tampered_page_a_clean_attempt_needs_no_new_code(new_pc, county, lost):
    with TamperingProxy(county.base_url, tamper_seq=2) as proxy:
        with pytest.raises(StateError, match="Nothing was kept"):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
        proxy.tamper_seq = 0
        pending = download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
    assert pending.complete and pending.events == lost.head[0]


def test_an_abandoned_restore_leaves_the_folder_free_for_a_new_station(new_pc, county, lost):
    download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE)
    abandon_restore(new_pc)
    assert pending_restore(new_pc) is None
    assert SecretStore(new_pc).get(secrets.TOKEN_SECRET) is None
    Station.create(new_pc, name=STATION_NAME, manager_name=MANAGER, manager_pin=NEW_PIN).close()


def test_no_pin_hash_comes_from_the_county(new_pc, county, lost):
    pending = download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE)
    assert pending.complete
    conn = sqlite3.connect(new_pc / STAGING_NAME)
    creds = conn.execute("SELECT count(*) FROM credentials").fetchone()[0]
    conn.close()
    assert creds == 0  # no PIN from anywhere: none travels in the events


# the command line -------------------------------------------------------------------------------


def cli_restore(folder: Path, county: LoopbackCounty, code: str) -> subprocess.CompletedProcess:
    """``stationapp restore --from-county`` into ``folder``, the manager's new PIN given."""
    return run_cli(
        "--data-dir", str(folder), "restore", "--from-county", county.base_url, "--code", code,
        "--manager-pin", NEW_PIN, lang="en",
    )  # fmt: skip


def test_cli_restores_from_the_county_with_the_manager_pin_given(tmp_path, county, lost):
    folder = tmp_path / "cli-pc"
    result = cli_restore(folder, county, lost.code)
    assert result.returncode == 0, result.stderr
    assert f"Restored {lost.head[0]} of {lost.head[0]} records." in result.stderr
    assert lost.station_id in result.stdout
    assert _read(folder, EVENTS_SQL)[: len(lost.events)] == lost.events
    assert run_cli("--data-dir", str(folder), "verify").returncode == 0


def test_cli_asks_the_manager_pin_when_it_is_not_given(tmp_path, county, lost):
    import os
    import sys

    folder = tmp_path / "cli-pc"
    env = dict(
        os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), STATIONAPP_LANG="en"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stationapp.cli",
            "--data-dir",
            str(folder),
            "restore",
            "--from-county",
            county.base_url,
            "--code",
            lost.code,
        ],
        input=NEW_PIN + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"New PIN for the manager {MANAGER}" in result.stderr
    with Station.open(folder) as station:
        assert station.login(MANAGER, NEW_PIN).name == MANAGER


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("restore",), "Name the backup file"),
        (("restore", "x.db", "--from-county", "http://127.0.0.1:9", "--code", "A"), "not both"),
        (("restore", "--from-county", "http://127.0.0.1:9"), "not both"),
    ],
)
def test_cli_restore_needs_a_file_or_the_county_and_code(tmp_path, args, says):
    result = run_cli("--data-dir", str(tmp_path / "x"), *args, lang="en")
    assert result.returncode == 2
    assert says in result.stderr


def test_cli_restore_into_a_folder_with_a_station_is_refused_with_exit_2(station, county, lost):
    folder = station.data_dir
    station.close()
    result = cli_restore(folder, county, lost.code)
    assert result.returncode == 2
    assert "already holds the station" in result.stderr
