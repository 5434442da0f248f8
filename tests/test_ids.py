import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from stationapp.core import ids
from stationapp.core.errors import ValidationError
from stationapp.core.ids import uuid7, uuid7_time


@pytest.fixture
def frozen_ms(monkeypatch):
    """Make the id clock read a fixed millisecond that the test can move, from a fresh state."""
    state = {"ms": 1_795_000_000_000}
    monkeypatch.setattr(ids, "_unix_ms", lambda: state["ms"])
    monkeypatch.setattr(ids, "_last_ms", -1)
    monkeypatch.setattr(ids, "_counter", 0)
    return state


def test_uuid7_is_a_canonical_uuid_string():
    value = uuid7()
    assert str(uuid.UUID(value)) == value
    assert len(value) == 36


def test_uuid7_has_version_7_and_the_rfc_variant():
    parsed = uuid.UUID(uuid7())
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122


def test_uuid7_values_are_unique_and_strictly_increasing():
    values = [uuid7() for _ in range(20_000)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_uuid7_increases_within_one_millisecond(frozen_ms):
    values = [uuid7() for _ in range(100)]
    assert values == sorted(set(values))
    assert all(uuid7_time(v) == uuid7_time(values[0]) for v in values)


def test_uuid7_keeps_increasing_when_the_counter_runs_out_in_one_millisecond(frozen_ms):
    values = [uuid7() for _ in range(10_000)]
    assert values == sorted(set(values))


def test_uuid7_keeps_increasing_when_the_wall_clock_steps_back(frozen_ms):
    before = uuid7()
    frozen_ms["ms"] -= 60_000
    after = uuid7()
    assert after > before


def test_uuid7_starts_a_new_millisecond_with_room_to_count(frozen_ms):
    frozen_ms["ms"] += 1
    counter = uuid.UUID(uuid7()).int >> 64 & 0xFFF
    assert counter <= 0x7FF


def test_uuid7_values_made_by_threads_are_all_different():
    made: list[str] = []

    def make():
        made.extend(uuid7() for _ in range(2_000))

    workers = [threading.Thread(target=make) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(set(made)) == 8_000


def test_uuid7_time_gives_the_millisecond_it_was_made(frozen_ms):
    assert uuid7_time(uuid7()) == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(
        milliseconds=1_795_000_000_000
    )


def test_uuid7_time_is_aware_utc_and_close_to_now():
    made = uuid7_time(uuid7())
    assert made.tzinfo == UTC
    assert abs(datetime.now(UTC) - made) < timedelta(seconds=5)


def test_uuid7_time_reads_a_known_value():
    # RFC 9562 appendix A.6 example: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F, 2022-02-22 19:22:22 UTC.
    assert uuid7_time("017F22E2-79B0-7CC3-98C4-DC0C0C07398F") == datetime(
        2022, 2, 22, 19, 22, 22, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "value", ["", "not an id", "017f22e2-79b0-4cc3-98c4-dc0c0c07398f", str(uuid.uuid4())]
)
def test_uuid7_time_refuses_what_is_not_a_uuid7(value):
    with pytest.raises(ValidationError, match="is not a record id of this app"):
        uuid7_time(value)
