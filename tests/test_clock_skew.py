"""Station clocks (DESIGN §5): a station clock more than 5 minutes off the county's is shown to
the operator and flagged to the supervisor.

A real county on 127.0.0.1 (its own clock is the real one); the station's clock is set off with
``stationapp.core.clock.set_clock(ManualClock(...))``.
"""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import requests

from stationapp.core import clock
from stationapp.core.clock import SHANGHAI, ManualClock, set_clock
from stationapp.core.sync import StationSync
from stationapp.core.sync.history import CLOCK_OFF_AFTER_S, SyncStatus
from sync import protocol
from sync.client import CountyClient
from sync.server import clocks
from sync.server.clocks import flagged_clocks, record_skew, skew_seconds, station_clock
from tests.county_db import county_database_url  # noqa: F401  (a fixture)
from tests.county_server import TOKEN_SECRET, LoopbackCounty, county_settings, new_station
from tests.fakes.http_service import FakeHttpService, Request

QT_LOG_IGNORE = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen windows
TOLERANCE_S = 3  # the skew measured on loopback, give or take (a loaded CI machine)


def _real_now() -> datetime:
    return datetime.now(SHANGHAI)


def _head(county: LoopbackCounty, token: str, station_time: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if station_time is not None:
        headers[protocol.STATION_TIME_HEADER] = station_time
    return requests.get(county.base_url + protocol.HEAD_PATH, headers=headers, timeout=10)


def _minutes_off(minutes: float) -> str:
    return clock.format_iso(_real_now() + timedelta(minutes=minutes))


# --- the county --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [("/healthz", 200), (protocol.HEAD_PATH, 401), ("/api/v1/nothing-here", 404)],
)
def test_every_answer_carries_the_county_s_time(county, path, status):
    answer = requests.get(county.base_url + path, timeout=10)
    assert answer.status_code == status
    county_time = clock.parse_iso(answer.headers[protocol.COUNTY_TIME_HEADER])
    assert abs((county_time - _real_now()).total_seconds()) < TOLERANCE_S


def test_a_station_twelve_minutes_slow_is_recorded_and_flagged(county):
    station_id, token = county.enrolled_station()
    assert _head(county, token, _minutes_off(-12)).status_code == 200
    measured = station_clock(county.storage, station_id)
    assert measured is not None
    assert measured.skew_seconds == pytest.approx(-720, abs=TOLERANCE_S)
    assert measured.flagged
    assert [c.station_id for c in flagged_clocks(county.storage)] == [station_id]


def test_a_station_four_minutes_fast_is_recorded_but_not_flagged(county):
    station_id, token = county.enrolled_station()
    _head(county, token, _minutes_off(4))
    measured = station_clock(county.storage, station_id)
    assert measured.skew_seconds == pytest.approx(240, abs=TOLERANCE_S)
    assert not measured.flagged
    assert flagged_clocks(county.storage) == []


def test_a_clock_set_right_again_clears_the_flag(county):
    station_id, token = county.enrolled_station()
    _head(county, token, _minutes_off(-12))
    _head(county, token, _minutes_off(0))
    measured = station_clock(county.storage, station_id)
    assert measured.skew_seconds == pytest.approx(0, abs=TOLERANCE_S)
    assert not measured.flagged
    assert flagged_clocks(county.storage) == []


def test_the_flag_keeps_the_time_the_clock_was_first_seen_off(county):
    station_id, token = county.enrolled_station()
    _head(county, token, _minutes_off(-12))
    first = station_clock(county.storage, station_id)
    _head(county, token, _minutes_off(-30))
    later = station_clock(county.storage, station_id)
    assert later.skew_seconds == pytest.approx(-1800, abs=TOLERANCE_S)
    assert later.off_since == first.off_since


def test_a_call_without_the_station_s_time_records_nothing(county):
    station_id, token = county.enrolled_station()
    assert _head(county, token, None).status_code == 200
    assert station_clock(county.storage, station_id) is None


def test_a_call_with_a_station_time_that_is_not_a_time_is_answered_and_records_nothing(county):
    station_id, token = county.enrolled_station()
    assert _head(county, token, "yesterday, about noon").status_code == 200
    assert station_clock(county.storage, station_id) is None


def test_a_revoked_token_s_clock_is_not_recorded(county):
    from sync.server.stations import reissue_code

    station_id, token = county.enrolled_station()
    _head(county, token, _minutes_off(0))
    # the old PC's token stops working
    reissue_code(county.storage, county.settings.token_secret, station_id)
    assert _head(county, token, _minutes_off(-60)).status_code == 401
    assert station_clock(county.storage, station_id).skew_seconds == pytest.approx(
        0, abs=TOLERANCE_S
    )


def test_an_unknown_token_s_clock_is_not_recorded(county):
    _head(county, "not-a-token", _minutes_off(-60))
    assert flagged_clocks(county.storage) == []


@pytest.mark.parametrize(
    ("station_time", "expected"),
    [
        ("2026-11-22T09:18:00+08:00", -720.0),
        ("2026-11-22T01:42:00Z", 720.0),
        ("2026-11-22T09:30:00.500+08:00", 0.5),
        ("2026-11-22T09:30:00", None),  # no offset: not a time to compare
        ("9:30 in the morning", None),
        ("", None),
        ("2026-11-22T09:30:00+08:00" + " " * 80, None),  # longer than any ISO time
    ],
)
def test_the_skew_is_the_station_s_time_minus_the_county_s(station_time, expected):
    county_time = datetime(2026, 11, 22, 9, 30, tzinfo=SHANGHAI)
    assert skew_seconds(station_time, county_time) == expected


def test_record_skew_keeps_one_row_per_station_on_sqlite_and_postgresql(
    tmp_path, county_database_url
):
    from sync.server.storage import Storage

    storage = Storage.open(county_settings(tmp_path, county_database_url))
    try:
        station_id, _ = new_station(storage, TOKEN_SECRET)
        record_skew(
            storage, station_id, skew=-720, station_time="t1", measured_at="2026-11-22T09:30+08:00"
        )
        record_skew(
            storage, station_id, skew=-900, station_time="t2", measured_at="2026-11-22T09:40+08:00"
        )
        measured = station_clock(storage, station_id)
        assert (measured.skew_seconds, measured.station_time) == (-900, "t2")
        assert measured.off_since == "2026-11-22T09:30+08:00"
        assert len(flagged_clocks(storage)) == 1
    finally:
        storage.close()


def test_the_county_warns_in_its_log_when_a_station_s_clock_goes_off(county, caplog):
    station_id, token = county.enrolled_station()
    with caplog.at_level("WARNING", logger="county_center.clocks"):
        _head(county, token, _minutes_off(-12))
    warnings = [r for r in caplog.records if r.name == "county_center.clocks"]
    assert len(warnings) == 1
    assert "behind" in warnings[0].getMessage()
    assert warnings[0].station_id == station_id


# --- the client --------------------------------------------------------------------------------


def test_the_client_measures_the_same_skew_the_county_records(county):
    station_id, token = county.enrolled_station()
    set_clock(ManualClock(_real_now() - timedelta(minutes=12)))
    client = CountyClient(county.base_url, token)
    try:
        client.head()
    finally:
        client.close()
    assert client.clock_skew_s == pytest.approx(-720, abs=TOLERANCE_S)
    county_side = station_clock(county.storage, station_id).skew_seconds
    assert client.clock_skew_s == pytest.approx(county_side, abs=1)


class _NoClockService(FakeHttpService):
    """Something that answers like the county but without its time (an old county)."""

    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        return 200, {"station_id": "st-1", "head_seq": 0, "head_hash": "0" * 64}


def test_the_client_sends_the_station_s_own_clock(tmp_path):
    service = _NoClockService().start()
    set_clock(ManualClock("2026-11-22T09:18:00+08:00"))
    try:
        client = CountyClient(service.base_url, "token")
        client.head()
        client.close()
    finally:
        service.stop()
    sent = service.requests[0].headers[protocol.STATION_TIME_HEADER.lower()]
    assert clock.parse_iso(sent) == datetime(2026, 11, 22, 9, 18, tzinfo=SHANGHAI)
    assert client.clock_skew_s is None  # no county time came back: nothing measured


@pytest.mark.parametrize(
    "county_time", [None, "", "noon", "2026-11-22T09:30:00", "2026-11-22T09:30:00+08:00" * 4]
)
def test_an_answer_without_a_usable_county_time_measures_nothing(county_time):
    client = CountyClient("http://127.0.0.1:9")
    seen: list[float] = []
    client.on_clock_skew = seen.append
    client._note_county_time(datetime(2026, 11, 22, 9, 30, tzinfo=SHANGHAI), county_time)
    assert client.clock_skew_s is None
    assert seen == []


# --- the station -------------------------------------------------------------------------------


@pytest.fixture
def joined(station, county):
    """The conftest's station, joined to the loopback county: (station, station_id)."""
    return station, county.join(station)


def test_a_sync_round_with_a_slow_clock_shows_the_skew_in_the_status(joined):
    station, _ = joined
    set_clock(ManualClock(_real_now() - timedelta(minutes=12)))
    assert station.sync.run().ok
    status = station.sync.status()
    assert status.clock_skew_s == pytest.approx(-720, abs=TOLERANCE_S)
    assert status.clock_off
    assert status.clock_measured_at.startswith(clock.now_iso()[:13])  # the station's own time


def test_a_sync_round_with_a_right_clock_shows_no_clock_trouble(joined):
    station, _ = joined
    assert station.sync.run().ok
    status = station.sync.status()
    assert status.clock_skew_s == pytest.approx(0, abs=TOLERANCE_S)
    assert not status.clock_off


def test_the_station_keeps_the_last_skew_after_a_restart(joined):
    station, _ = joined
    set_clock(ManualClock(_real_now() + timedelta(minutes=20)))
    station.sync.run()
    station.sync.status()  # keeps it
    again = StationSync(station.context).status()
    assert again.clock_skew_s == pytest.approx(1200, abs=TOLERANCE_S)


def test_the_county_flags_the_station_the_status_warns_about(joined, county):
    station, station_id = joined
    set_clock(ManualClock(_real_now() - timedelta(minutes=12)))
    station.sync.run()
    assert station.sync.status().clock_off
    assert [c.station_id for c in flagged_clocks(county.storage)] == [station_id]


def test_a_station_never_synced_has_no_skew(station):
    status = station.sync.status()
    assert status.clock_skew_s is None
    assert not status.clock_off


@pytest.mark.parametrize(
    ("skew", "off"),
    [(None, False), (0, False), (300, False), (-300, False), (301, True), (-301, True)],
)
def test_a_clock_is_off_beyond_five_minutes_either_way(skew, off):
    status = SyncStatus(
        enrolled=True,
        station_id="s",
        county_url="http://county",
        waiting=0,
        last_sync_at="",
        last_attempt_at="",
        last_error="",
        clock_skew_s=skew,
    )
    assert status.clock_off is off


def test_the_station_and_the_county_flag_at_the_same_five_minutes():
    assert CLOCK_OFF_AFTER_S == protocol.MAX_CLOCK_SKEW_S == clocks.MAX_CLOCK_SKEW_S == 300


# --- the status bar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skew", "text"),
    [
        (-720, "This computer's clock is 12 minutes behind the county center's."),
        (770, "This computer's clock is 13 minutes ahead of the county center's."),
        (-3 * 3600, "This computer's clock is 3 hours behind the county center's."),
        (5 * 86400, "This computer's clock is 5 days ahead of the county center's."),
    ],
)
def test_the_warning_says_how_far_off_and_which_way(qapp, skew, text):
    from PySide6.QtWidgets import QLabel, QWidget

    from stationapp.ui.clock_warning import ClockWarning

    owner = QWidget()
    warning = ClockWarning(None, None, QLabel(owner), owner)  # type: ignore[arg-type]
    assert warning.text(skew) == text + " Set the computer's time right."


@pytest.fixture
def window(qtbot):
    from PySide6.QtWidgets import QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@QT_LOG_IGNORE
def test_the_status_bar_warns_when_the_clock_is_twelve_minutes_slow(qtbot, joined, worker, window):
    from stationapp.ui.clock_warning import ClockWarning

    station, _ = joined
    set_clock(ManualClock(_real_now() - timedelta(minutes=12)))
    station.sync.run()
    warning = ClockWarning.attach(window, station, worker)
    window.show()
    qtbot.waitUntil(lambda: warning.label.isVisible())
    assert warning.label.text().startswith("This computer's clock is 12 minutes behind")
    assert warning.label.objectName() == "refusal"  # red, like every refusal


@QT_LOG_IGNORE
def test_the_status_bar_shows_nothing_when_the_clock_is_right(qtbot, joined, worker, window):
    from stationapp.ui.clock_warning import ClockWarning

    station, _ = joined
    station.sync.run()
    warning = ClockWarning.attach(window, station, worker)
    window.show()
    qtbot.waitUntil(lambda: worker.idle)
    assert not warning.label.isVisible()
    assert warning.label.text() == ""


@QT_LOG_IGNORE
def test_the_status_bar_warning_goes_when_the_clock_is_set_right(qtbot, joined, worker, window):
    from stationapp.ui.clock_warning import ClockWarning

    station, _ = joined
    set_clock(ManualClock(_real_now() - timedelta(minutes=12)))
    station.sync.run()
    warning = ClockWarning.attach(window, station, worker)
    window.show()
    qtbot.waitUntil(lambda: warning.label.isVisible())
    qtbot.waitUntil(lambda: worker.idle)
    set_clock(None)  # the operator set the PC's time right; the next round measures it
    worker.wait_for(station.sync.run)
    warning.refresh()
    qtbot.waitUntil(lambda: not warning.label.isVisible())
