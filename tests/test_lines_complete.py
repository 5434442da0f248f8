"""Registration without side effects (DESIGN §2): whatever entry point starts the program (the
command line's verify, a restore onto a new PC, a sync round), the station is rebuilt with
every line's projectors, because they come from ``lines.py`` and not from which modules happen
to have been imported. Each entry point runs here in a fresh interpreter over a station that
holds an event of every projected type; an event type no line projects is refused by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from stationapp.core import Station
from stationapp.core import clock as station_clock
from stationapp.core.idcard import check_character
from stationapp.core.lines import projections_of_every_line
from stationapp.core.sms import deliver_due
from stationapp.sms_providers.filelog import FileProvider
from tests.county_server import LoopbackCounty
from tests.every_event import line_drivers
from tests.line_stubs import stub_line

ROOT = Path(__file__).resolve().parents[1]
MANAGER, PIN = "岩温", "123456"
ID_FIRST17 = "53092619900307002"

# the projected types a station of today cannot be driven to write from its facades here:
# a text handed to the county's relay (it needs a joined station whose provider is the county)
NOT_DRIVEN_HERE = {"sms.relay_requested"}


def _every_kind_of_event(folder: Path) -> Station:
    """A station with at least one event of every type its lines project."""
    st = Station.create(
        folder, name="孟定镇芒艾村电商服务站", manager_name=MANAGER, manager_pin=PIN
    )
    clerk = st.operators.add(name="玉香", pin="2468")
    st.operators.set_active(clerk.id, False)  # operator.changed
    st.settings.set("parcels.overdue_days", 5)
    first, second, third = (
        st.parcels.receive(
            waybill=f"YT75123456789{i:02d}",
            recipient_phone=f"1381234{i:04d}",
            recipient_name=f"张{i}",
        )
        for i in range(3)
    )
    later = station_clock.now() + timedelta(hours=1)
    assert deliver_due(st, FileProvider(folder), now=later)  # sms.sent
    st.parcels.pick_up([first.id], verified_by="phone")
    st.parcels.undo_pickup(first.id, "拿错了")  # event.voided
    st.parcels.return_to_courier([second.id], "超期未取")
    tail_only = st.parcels.receive(
        waybill="YT7512345678999", recipient_phone="138****4321", recipient_name="赵*"
    )
    st.parcels.add_phone(tail_only.id, "13812344321")
    st.parcels.remind([third.id])
    unsent = st.parcels.receive(
        waybill="YT7512345678988", recipient_phone="13812349999", recipient_name="王五"
    )
    st.parcels.pick_up([unsent.id], verified_by="code")  # its queued notice: sms.cancelled
    [queued] = [t for t in st.sms.outbox("queued") if t.status == "queued"][:1]
    st.sms.cancel(queued.id)
    st.sms.do_not_text.add("13900001111", "本人要求不发短信")
    st.sms.do_not_text.remove("13900001111", "本人又同意了")
    sent = st.sending.send(
        sender_name="岩温",
        sender_phone="13812340521",
        id_type="resident_id",
        id_number=ID_FIRST17 + check_character(ID_FIRST17),
        item_name="普洱茶",
        item_category="food",
        item_count=2,
        recipient_name="李小明",
        recipient_phone="13987654321",
        recipient_address="云南省昆明市五华区青年路 100 号",
        carrier="ZTO",
        weight_g=1200,
        fee_fen=1200,
        payment="cash",
    )
    st.sending.attach_waybill(sent.id, "73100000000001")
    st.sending.hand_over("ZTO")
    st.events.record_print("test_page")
    for drive in line_drivers():  # each other line's events (tests/every_event/<line>.py)
        drive(st)
    return st


@pytest.fixture
def every_kind(tmp_path: Path) -> Path:
    folder = tmp_path / "station"
    station = _every_kind_of_event(folder)
    types = {row[0] for row in station.conn.execute("SELECT DISTINCT type FROM events")}
    station.close()
    # the fixture covers every projected type (a new line's types are driven here too)
    assert types == set(projections_of_every_line().projectors) - NOT_DRIVEN_HERE
    return folder


def fresh(code: str, *args: str) -> subprocess.CompletedProcess:
    """``code`` in a new interpreter (nothing imported before it), English messages."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATIONAPP_LANG="en")
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def test_the_command_line_verify_rebuilds_every_table_in_a_fresh_interpreter(every_kind):
    result = fresh(
        "import sys; from stationapp.cli import main; sys.exit(main(sys.argv[1:]))",
        "--data-dir",
        str(every_kind),
        "verify",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_event_type_no_line_projects_fails_verify_by_name(every_kind, monkeypatch):
    station = Station.open(every_kind)
    station.login(MANAGER, PIN)
    with stub_line(monkeypatch, event_types=["test.event"]):
        station.log.append("test.event", payload={"n": 1}, operator=station.operator.id)
    station.close()
    result = fresh(
        "import sys; from stationapp.cli import main; sys.exit(main(sys.argv[1:]))",
        "--data-dir",
        str(every_kind),
        "verify",
    )
    assert result.returncode == 1
    assert "no line projects events of type 'test.event'" in result.stdout + result.stderr


def test_appending_an_event_type_no_line_projects_is_refused_and_writes_nothing(every_kind):
    from stationapp.core.projections import UnprojectedEvent

    station = Station.open(every_kind)
    station.login(MANAGER, PIN)
    before = station.events.count()
    with pytest.raises(UnprojectedEvent, match=r"orders\.created"):
        station.log.append("orders.created", payload={}, operator=station.operator.id)
    assert station.events.count() == before
    station.close()


RESTORE_AND_COMPARE = """
import json, sqlite3, sys
from stationapp.core.station import restore_from_county   # the restore's own entry point
folder, url, code, old = sys.argv[1:5]
station = restore_from_county(folder, url, code, manager_pin="8642")
result = station.events.verify()
tables = dict(station.log.projections.tables)
def rows(path, table):
    conn = sqlite3.connect(path)
    try:
        return [list(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY {tables[table]}")]
    finally:
        conn.close()
station.close()
same = {t: rows(old, t) == rows(folder + "/station.db", t) for t in tables}
print(json.dumps({"ok": result.ok, "problems": result.problems, "same": same}))
"""


def test_a_restore_in_a_fresh_interpreter_rebuilds_every_line_s_tables(
    every_kind, tmp_path, county: LoopbackCounty
):
    station = Station.open(every_kind)
    station.login(MANAGER, PIN)
    station_id = county.join(station)
    assert station.sync.run().ok
    station.close()
    from sync.server.stations import reissue_code

    code = reissue_code(county.storage, county.settings.token_secret, station_id)
    new_pc = tmp_path / "new-pc"
    result = fresh(
        RESTORE_AND_COMPARE,
        str(new_pc),
        county.base_url,
        code,
        str(every_kind / "station.db"),
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["ok"], answer["problems"]
    assert answer["same"] and all(answer["same"].values()), answer["same"]


SYNC_ROUND = """
import sys
from stationapp.core.sync import StationSync  # the sync line first, the station after it
from stationapp.core.station import Station
station = Station.open(sys.argv[1])
types = {r[0] for r in station.conn.execute("SELECT DISTINCT type FROM events")}
missing = types - set(station.sync.ctx.projections.projectors)
print("missing:", sorted(missing))
sys.exit(1 if missing else 0)
"""


def test_a_sync_round_started_first_projects_with_every_line(every_kind):
    result = fresh(SYNC_ROUND, str(every_kind))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing: []" in result.stdout


def test_a_line_follows_another_line_s_events_after_the_owner_and_its_void(tmp_path, monkeypatch):
    """A follower (an order keeping its parcel's arrival) runs after the owner's projector, in
    the same transaction, on replay too; a void reverts it before the owner's revert."""
    from stationapp.core.projections import Projector

    seen: list[tuple[str, str]] = []

    def follow(replay, event):
        seen.append(("apply", event.type))
        replay.conn.execute("CREATE TABLE IF NOT EXISTS followed (id TEXT)")
        replay.conn.execute("INSERT INTO followed VALUES (?)", (event.entity_id,))

    def unfollow(replay, event):
        seen.append(("revert", event.type))
        replay.conn.execute("DELETE FROM followed WHERE id = ?", (event.entity_id,))

    followers = projections_of_every_line().followers
    monkeypatch.setitem(followers, "parcel.picked_up", (Projector(follow, revert=unfollow),))
    st = Station.create(
        tmp_path / "s", name="孟定镇芒艾村电商服务站", manager_name=MANAGER, manager_pin=PIN
    )
    parcel = st.parcels.receive(
        waybill="YT7512345678901", recipient_phone="13812340001", recipient_name="张三"
    )
    st.parcels.pick_up([parcel.id], verified_by="code")
    assert [tuple(r) for r in st.conn.execute("SELECT id FROM followed")] == [(parcel.id,)]
    st.parcels.undo_pickup(parcel.id, "拿错了")
    assert st.conn.execute("SELECT id FROM followed").fetchall() == []
    assert seen == [("apply", "parcel.picked_up"), ("revert", "parcel.picked_up")]
    st.close()
