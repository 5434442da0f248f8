import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from stationapp.core import clock
from stationapp.core.clock import (
    SHANGHAI,
    ManualClock,
    business_day,
    business_day_bounds,
    format_iso,
    now,
    now_iso,
    parse_iso,
    set_clock,
)
from stationapp.core.errors import ValidationError


@pytest.fixture
def real_clock_after():
    yield
    set_clock(None)


def test_shanghai_is_the_asia_shanghai_zone():
    assert str(SHANGHAI) == "Asia/Shanghai"


def test_now_is_aware_and_in_shanghai_time():
    current = now()
    assert current.tzinfo is SHANGHAI
    assert current.utcoffset() == timedelta(hours=8)
    assert abs(current - datetime.now(UTC)) < timedelta(seconds=5)


def test_set_clock_replaces_the_clock_and_none_restores_it(real_clock_after):
    set_clock(lambda: datetime(2026, 11, 22, 1, 30, tzinfo=UTC))
    assert now() == datetime(2026, 11, 22, 9, 30, tzinfo=SHANGHAI)
    assert now().tzinfo is SHANGHAI
    set_clock(None)
    assert now().year >= 2025


def test_now_refuses_a_replaced_clock_that_returns_naive_times(real_clock_after):
    set_clock(lambda: datetime(2026, 11, 22, 9, 30))
    with pytest.raises(ValueError, match="naive"):
        now()


def test_now_iso_has_milliseconds_and_the_offset(real_clock_after):
    set_clock(lambda: datetime(2026, 11, 22, 1, 30, 0, 123456, tzinfo=UTC))
    assert now_iso() == "2026-11-22T09:30:00.123+08:00"


def test_now_iso_of_the_real_clock_has_the_stored_form():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00", now_iso())


def test_format_iso_keeps_the_offset_it_is_given():
    moment = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)
    assert format_iso(moment) == "2026-11-22T17:30:00.000+00:00"


def test_format_iso_refuses_a_naive_time():
    with pytest.raises(ValueError, match="naive"):
        format_iso(datetime(2026, 11, 22, 9, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22T09:30:00.123+08:00", datetime(2026, 11, 22, 1, 30, 0, 123000, tzinfo=UTC)),
        ("2026-11-22T17:30:00Z", datetime(2026, 11, 22, 17, 30, tzinfo=UTC)),
        ("2026-11-22 09:30:00+08:00", datetime(2026, 11, 22, 1, 30, tzinfo=UTC)),
        (" 2026-11-22T09:30+0800 ", datetime(2026, 11, 22, 1, 30, tzinfo=UTC)),
    ],
)
def test_parse_iso_reads_times_with_offsets(text, expected):
    assert parse_iso(text) == expected


def test_parse_iso_keeps_the_offset_of_the_text():
    assert parse_iso("2026-11-22T17:30:00+00:00").utcoffset() == timedelta(0)


def test_parse_iso_round_trips_now_iso(real_clock_after):
    set_clock(lambda: datetime(2026, 11, 22, 1, 30, 0, 123000, tzinfo=UTC))
    assert parse_iso(now_iso()) == now()


@pytest.mark.parametrize("text", ["2026-11-22T09:30:00", "2026-11-22"])
def test_parse_iso_refuses_a_time_without_offset(text):
    with pytest.raises(ValidationError, match="has no time zone offset"):
        parse_iso(text)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00+08:00", None])
def test_parse_iso_refuses_text_that_is_no_time(text):
    with pytest.raises(ValidationError, match=r"is not a time; write it like 2026-11-22T09:30"):
        parse_iso(text)


@pytest.mark.parametrize(
    ("at", "day"),
    [
        ("2026-11-22T17:30:00Z", date(2026, 11, 23)),
        ("2026-11-22T15:59:59.999Z", date(2026, 11, 22)),
        ("2026-11-22T16:00:00Z", date(2026, 11, 23)),
        ("2026-11-22T23:59:00+08:00", date(2026, 11, 22)),
        ("2026-11-22T08:00:00-05:00", date(2026, 11, 22)),
        ("2026-11-22T12:00:00-05:00", date(2026, 11, 23)),
    ],
)
def test_business_day_is_the_day_in_shanghai(at, day):
    assert business_day(at) == day


def test_business_day_takes_an_aware_datetime():
    at = datetime(2026, 11, 22, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert business_day(at) == date(2026, 11, 23)


def test_business_day_of_a_date_is_that_date():
    assert business_day(date(2026, 11, 22)) == date(2026, 11, 22)


def test_business_day_defaults_to_today_at_the_station(real_clock_after):
    set_clock(lambda: datetime(2026, 11, 22, 17, 30, tzinfo=UTC))
    assert business_day() == date(2026, 11, 23)


def test_business_day_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="naive"):
        business_day(datetime(2026, 11, 22, 9, 30))


def test_business_day_bounds_run_from_midnight_to_midnight_in_shanghai():
    start, end = business_day_bounds(date(2026, 11, 23))
    assert start == datetime(2026, 11, 22, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    assert business_day(start) == date(2026, 11, 23)
    assert business_day(end - timedelta(microseconds=1)) == date(2026, 11, 23)


def test_manual_clock_stands_still_until_advanced(real_clock_after):
    manual = ManualClock("2026-11-22T09:30:00+08:00")
    set_clock(manual)
    assert now() == now() == datetime(2026, 11, 22, 9, 30, tzinfo=SHANGHAI)
    manual.advance(days=3, hours=1)
    assert now_iso() == "2026-11-25T10:30:00.000+08:00"
    manual.advance(timedelta(minutes=5))
    assert clock.now() == datetime(2026, 11, 25, 10, 35, tzinfo=SHANGHAI)


def test_manual_clock_needs_an_aware_start():
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2026, 11, 22, 9, 30))
