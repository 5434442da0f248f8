"""The event log: append with projections, the hash chain, verify, voids."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest

from stationapp.core import PermissionDenied, StateError, ValidationError
from stationapp.core.events import GENESIS_HASH, canonical_json, event_hash


def test_canonical_json_sorts_keys_has_no_spaces_and_keeps_chinese():
    assert canonical_json({"b": 1, "a": "芒艾村"}) == '{"a":"芒艾村","b":1}'


def test_event_hash_is_sha256_of_prev_hash_and_canonical_content():
    content = {
        "id": "x",
        "seq": 1,
        "type": "t.x",
        "entity_id": "e",
        "occurred_at": "2026-11-22T09:30:00.000+08:00",
        "operator": "o",
        "payload": {"z": 1, "a": "甲"},
    }
    expected = hashlib.sha256(
        (
            GENESIS_HASH
            + json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        ).encode()
    ).hexdigest()
    assert event_hash(GENESIS_HASH, **content) == expected


def test_events_form_a_gapless_chain_from_genesis(station):
    station.settings.set("paper", "58mm")
    station.settings.set("idle_lock_minutes", 5)
    rows = station.conn.execute("SELECT seq, prev_hash, hash FROM events ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0][1] == GENESIS_HASH
    for before, after in itertools.pairwise(rows):
        assert after[1] == before[2]


def test_event_and_its_projection_are_written_together(station):
    event = station.settings.set("paper", "A4")
    stored = station.events.find(event.id)
    assert stored is not None and stored.payload["value"] == "A4"
    assert station.settings.get("paper") == "A4"


def test_a_failing_projection_rolls_back_the_whole_batch(station):
    before = station.events.count()
    with pytest.raises(RuntimeError), station.log.batch() as batch:
        batch.append(
            "settings.changed",
            entity_id="setting:paper",
            payload={"key": "paper", "value": "A4", "old": None},
        )
        raise RuntimeError("power cut between two writes")
    assert station.events.count() == before
    assert station.settings.get("paper") == "80mm"
    # and the head did not move: the next append still chains
    station.settings.set("paper", "58mm")
    assert station.events.verify().ok


def test_verify_passes_on_a_healthy_station(station):
    station.operators.add(name="玉香", pin="2468")
    result = station.events.verify()
    assert result.ok, result.problems
    assert result.events_checked == station.events.count()


def test_verify_names_the_seq_of_an_event_edited_with_sql(station):
    event = station.settings.set("paper", "58mm")
    station.conn.execute(
        "UPDATE event_log SET payload = ? WHERE seq = ?",
        (json.dumps({"key": "paper", "value": "A4", "old": None}), event.seq),
    )
    result = station.events.verify(rebuild=False)
    assert not result.ok
    assert result.first_bad_seq == event.seq
    assert f"seq {event.seq}" in result.problems[0]


def test_verify_finds_a_projection_row_edited_with_sql(station):
    station.operators.add(name="玉香", pin="2468")
    station.conn.execute("UPDATE operators SET role = 'manager' WHERE name = '玉香'")
    result = station.events.verify()
    assert not result.ok
    assert any("operators" in p and "role='manager'" in p for p in result.problems)


def test_verify_finds_a_deleted_event(station):
    station.settings.set("paper", "58mm")
    station.settings.set("paper", "A4")
    station.conn.execute("DELETE FROM event_log WHERE seq = 2")
    result = station.events.verify(rebuild=False)
    assert not result.ok
    assert any("expected seq 2" in p for p in result.problems)


def test_manager_voids_a_settings_change_and_it_is_undone(station):
    event = station.settings.set("paper", "58mm")
    void = station.events.void(event.id, reason="选错了纸")
    assert void.type == "event.voided"
    assert void.payload["event_id"] == event.id
    assert station.settings.get("paper") == "80mm"
    assert station.events.verify().ok


@pytest.mark.parametrize("reason", ["", " ", "x"])
def test_a_void_without_a_reason_is_refused_and_writes_nothing(station, reason):
    event = station.settings.set("paper", "58mm")
    before = station.events.count()
    with pytest.raises(ValidationError, match="reason"):
        station.events.void(event.id, reason=reason)
    assert station.events.count() == before


def test_an_operator_cannot_void(station):
    event = station.settings.set("paper", "58mm")
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    before = station.events.count()
    with pytest.raises(PermissionDenied, match="manager"):
        station.events.void(event.id, reason="不要了")
    assert station.events.count() == before


def test_a_record_is_voided_only_once(station):
    event = station.settings.set("paper", "58mm")
    station.events.void(event.id, reason="选错了")
    with pytest.raises(StateError, match="already voided"):
        station.events.void(event.id, reason="再来一次")


def test_an_operator_account_cannot_be_voided(station):
    operator_event = next(e for e in station.log.iter_events() if e.type == "operator.added")
    with pytest.raises(StateError, match="cannot be voided"):
        station.events.void(operator_event.id, reason="试试")


def test_a_change_overtaken_by_a_later_one_cannot_be_voided(station):
    first = station.settings.set("paper", "58mm")
    station.settings.set("paper", "A4")
    before = station.events.count()
    with pytest.raises(StateError, match="changed again"):
        station.events.void(first.id, reason="选错了")
    assert station.events.count() == before
    assert station.settings.get("paper") == "A4"


def test_iter_events_streams_in_seq_order(station):
    for paper in ("58mm", "A4", "80mm"):
        station.settings.set("paper", paper)
    seqs = [e.seq for e in station.log.iter_events(after_seq=2)]
    assert seqs == list(range(3, station.events.count() + 1))


def test_verify_reports_an_event_whose_payload_cannot_be_replayed(station):
    event = station.settings.set("paper", "58mm")
    station.conn.execute("UPDATE event_log SET payload = '{}' WHERE seq = ?", (event.seq,))
    result = station.events.verify()
    assert not result.ok
    assert any(f"seq {event.seq}" in p and "cannot be replayed" in p for p in result.problems)
