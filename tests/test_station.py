"""The station facade: first run, opening, login and lockout, operators, settings, backups."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stationapp.core import PermissionDenied, StateError, Station, StoreError, ValidationError
from stationapp.core import clock as station_clock
from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME


def test_create_makes_the_station_and_logs_the_manager_in(station, tmp_data_dir):
    assert (tmp_data_dir / "station.db").exists()
    assert station.info.name == STATION_NAME
    assert station.info.phone == "0883-6123456"
    assert station.info.manager_name == MANAGER
    assert station.operator.name == MANAGER and station.operator.is_manager


def test_create_refuses_a_folder_that_already_has_a_station(station, tmp_data_dir):
    with pytest.raises(StateError, match="already exists"):
        Station.create(tmp_data_dir, name="另一个站", manager_name="某", manager_pin="1234")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "", "manager_name": "岩温", "manager_pin": "1234"}, "station's name"),
        ({"name": "芒艾村服务站", "manager_name": "", "manager_pin": "1234"}, "operator's name"),
        ({"name": "芒艾村服务站", "manager_name": "岩温", "manager_pin": "12"}, "4 to 8 digits"),
        ({"name": "芒艾村服务站", "manager_name": "岩温", "manager_pin": "12ab"}, "4 to 8 digits"),
    ],
)
def test_create_validates_before_touching_the_folder(tmp_data_dir, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        Station.create(tmp_data_dir, **kwargs)
    assert not (tmp_data_dir / "station.db").exists()


def test_open_refuses_a_folder_without_a_station(tmp_data_dir):
    with pytest.raises(StoreError, match="no station"):
        Station.open(tmp_data_dir)


def test_a_second_opener_in_the_same_process_is_refused_and_the_first_keeps_working(
    station, tmp_data_dir
):
    with pytest.raises(StoreError, match="already open in another window"):
        Station.open(tmp_data_dir)
    station.settings.set("paper", "58mm")
    assert station.events.verify().ok


def test_the_folder_opens_again_after_close(station, tmp_data_dir):
    station.close()
    with Station.open(tmp_data_dir) as again:
        assert again.info.name == STATION_NAME
        assert again.operator is None


def test_login_with_the_right_pin(station):
    station.logout()
    operator = station.login(MANAGER, MANAGER_PIN)
    assert operator.name == MANAGER
    assert station.operator == operator


def test_a_wrong_pin_is_refused_counted_and_writes_no_event(station):
    station.logout()
    before = station.events.count()
    with pytest.raises(ValidationError, match="4 tries left"):
        station.login(MANAGER, "000000")
    with pytest.raises(ValidationError, match="3 tries left"):
        station.login(MANAGER, "000001")
    assert station.events.count() == before
    assert station.operator is None
    failures = station.operators.failed_logins(MANAGER)
    assert [f["reason"] for f in failures] == ["wrong_pin", "wrong_pin"]


def test_five_wrong_pins_lock_the_operator_for_a_minute(station):
    clock = station_clock.ManualClock("2026-11-22T09:00:00+08:00")
    station_clock.set_clock(clock)
    station.logout()
    for _ in range(4):
        with pytest.raises(ValidationError):
            station.login(MANAGER, "999999")
    with pytest.raises(StateError, match="locked for one minute"):
        station.login(MANAGER, "999999")
    # the right PIN does not get in while locked
    clock.advance(seconds=30)
    with pytest.raises(StateError, match="Wait 31 seconds"):
        station.login(MANAGER, MANAGER_PIN)
    assert station.operator is None
    clock.advance(timedelta(seconds=31))
    assert station.login(MANAGER, MANAGER_PIN).name == MANAGER


def test_the_lockout_holds_across_a_restart(station, tmp_data_dir):
    clock = station_clock.ManualClock("2026-11-22T09:00:00+08:00")
    station_clock.set_clock(clock)
    station.logout()
    for _ in range(5):
        with pytest.raises((ValidationError, StateError)):
            station.login(MANAGER, "999999")
    station.close()
    with Station.open(tmp_data_dir) as again, pytest.raises(StateError, match="locked"):
        again.login(MANAGER, MANAGER_PIN)


def test_an_unknown_name_is_refused(station):
    with pytest.raises(StateError, match="no active operator"):
        station.login("张三", "1234")


def test_manager_adds_an_operator_who_can_log_in(station):
    added = station.operators.add(name="玉香", pin="2468")
    assert added.role == "operator"
    station.logout()
    assert station.login("玉香", "2468").name == "玉香"
    assert [o.name for o in station.operators.list()] == [MANAGER, "玉香"]


def test_an_operator_cannot_add_operators_or_change_settings(station):
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    before = station.events.count()
    with pytest.raises(PermissionDenied, match="manager"):
        station.operators.add(name="岩叫", pin="1357")
    with pytest.raises(PermissionDenied, match="manager"):
        station.settings.set("paper", "A4")
    assert station.events.count() == before


def test_a_duplicate_operator_name_is_refused(station):
    station.operators.add(name="玉香", pin="2468")
    with pytest.raises(StateError, match="already exists"):
        station.operators.add(name="玉香", pin="1357")


def test_manager_resets_a_pin_and_the_old_one_stops_working(station):
    yx = station.operators.add(name="玉香", pin="2468")
    station.operators.reset_pin(yx.id, "8642")
    with pytest.raises(ValidationError, match="Wrong PIN"):
        station.login("玉香", "2468")
    assert station.login("玉香", "8642").id == yx.id


def test_a_reset_pin_is_logged_without_the_pin(station):
    yx = station.operators.add(name="玉香", pin="2468")
    station.operators.reset_pin(yx.id, "8642")
    last = list(station.log.iter_events())[-1]
    assert last.type == "operator.changed" and last.payload == {"pin_reset": True}
    raw = station.conn.execute("SELECT group_concat(payload) FROM events").fetchone()[0]
    assert "8642" not in raw and "2468" not in raw


def test_a_switched_off_operator_cannot_log_in(station):
    yx = station.operators.add(name="玉香", pin="2468")
    station.operators.set_active(yx.id, False)
    with pytest.raises(StateError, match="no active operator"):
        station.login("玉香", "2468")


def test_unlock_checks_the_same_operators_pin(station):
    with pytest.raises(ValidationError):
        station.unlock("000000")
    assert station.unlock(MANAGER_PIN).name == MANAGER


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("paper", "A5", "Choose one of"),
        ("idle_lock_minutes", "abc", "idle lock"),
        ("idle_lock_minutes", 999, "idle lock"),
        ("language", "fr", "Choose one of"),
        ("station.phone", "12345", None),
        ("nonsense", "x", "no setting"),
    ],
)
def test_a_bad_setting_is_refused_and_writes_nothing(station, key, value, message):
    before = station.events.count()
    with pytest.raises(ValidationError, match=message):
        station.settings.set(key, value)
    assert station.events.count() == before


def test_settings_have_defaults_and_keep_changes(station, tmp_data_dir):
    assert station.settings.get("idle_lock_minutes") == 10
    station.settings.set_many({"paper": "58mm", "idle_lock_minutes": "3", "language": "en"})
    station.close()
    with Station.open(tmp_data_dir) as again:
        values = again.settings.all()
    assert (values["paper"], values["idle_lock_minutes"], values["language"]) == ("58mm", 3, "en")


def test_a_station_whose_shelves_were_changed_still_verifies(station):
    """The shelves are a list of objects: the row written at the change and the one the
    rebuild writes from the event must be the same text, or verify reports the station."""
    station.settings.set("parcels.shelves", "A:8, B:6, 3:4")
    result = station.events.verify()
    assert result.ok, result.problems
    assert [s["layers"] for s in station.settings.get("parcels.shelves")] == [8, 6, 4]


def test_settings_written_before_their_keys_were_sorted_verify_after_the_upgrade(tmp_data_dir):
    from stationapp.core import schema
    from stationapp.core.store import apply_pragmas, connect

    with Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    ) as st:
        st.settings.set("parcels.shelves", "A:8, B:6")
        # as the app wrote the row before migration 011: keys in the order they were made
        st.conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'parcels.shelves'",
            ('[{"name": "A", "layers": 8}, {"name": "B", "layers": 6}]',),
        )
        st.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '011_settings_sorted'")
        assert not st.events.verify().ok
    conn = connect(tmp_data_dir / "station.db")
    apply_pragmas(conn)
    assert schema.pending(conn) == ["011_settings_sorted"]
    conn.close()
    with Station.open(tmp_data_dir) as st:
        result = st.events.verify()
        assert result.ok, result.problems
        assert st.settings.get("parcels.shelves")[1] == {"name": "B", "layers": 6}


def test_set_many_is_all_or_nothing(station):
    before = station.events.count()
    with pytest.raises(ValidationError):
        station.settings.set_many({"paper": "58mm", "idle_lock_minutes": "never"})
    assert station.events.count() == before
    assert station.settings.get("paper") == "80mm"


def test_a_daily_backup_is_made_and_only_fourteen_are_kept(station, tmp_data_dir):
    clock = station_clock.ManualClock("2027-01-01T09:00:00+08:00")
    station_clock.set_clock(clock)
    station.close()
    for _ in range(20):
        Station.open(tmp_data_dir).close()
        clock.advance(days=1)
    dailies = sorted(p.name for p in (tmp_data_dir / "backups").glob("daily-*.db"))
    assert len(dailies) == 14
    assert dailies[0] == "daily-2027-01-07.db"
    assert dailies[-1] == "daily-2027-01-20.db"


def test_a_manual_backup_holds_the_records(station, tmp_path):
    station.settings.set("paper", "A4")
    target = station.backup(tmp_path / "copy.db")
    import sqlite3

    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == station.events.count()
    conn.close()


def test_the_login_screen_can_offer_whoever_logged_in_last(station):
    assert station.operators.last_logged_in() == ""
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    with pytest.raises(ValidationError):
        station.login(MANAGER, "000000")
    assert station.operators.last_logged_in() == "玉香"


def test_login_of_an_operator_without_a_pin_here_says_to_ask_the_manager(station):
    """PINs never travel: an operator whose PIN is not on this PC is told what to do."""
    clerk = station.operators.add(name="玉香", pin="246810")
    station.conn.execute("DELETE FROM credentials WHERE operator_id = ?", (clerk.id,))
    with pytest.raises(StateError, match="no PIN on this computer"):
        station.login("玉香", "246810")
