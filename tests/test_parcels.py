"""Parcels in: intake onto the shelves, finding, pickup, undo, reminders, returns, shelf check."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from stationapp.core import PermissionDenied, StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.money import money_of

PHONE = "13812340521"
OTHER = "13987654321"


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def receive(station, waybill: str, phone: str = PHONE, name: str = "张三", **kwargs):
    return station.parcels.receive(
        waybill=waybill, recipient_phone=phone, recipient_name=name, **kwargs
    )


def test_intake_puts_the_parcel_on_the_shelf_with_a_pickup_code(station, clock):
    parcel = receive(station, "YT7512345678901", shelf="A", layer=1)
    assert parcel.status == "waiting"
    assert parcel.carrier == "YTO"
    assert parcel.pickup_code == "A-1-0001"
    assert parcel.consent == "sms_notice"
    assert station.events.verify().ok


def test_pickup_codes_count_up_per_shelf_layer_and_shelf_is_remembered(station, clock):
    first = receive(station, "YT7512345678901", shelf="B", layer=2)
    second = receive(station, "YT7512345678902")
    third = receive(station, "YT7512345678903", shelf="B", layer=3)
    assert [first.pickup_code, second.pickup_code, third.pickup_code] == [
        "B-2-0001",
        "B-2-0002",
        "B-3-0001",
    ]


def test_a_freed_code_is_reused_only_after_the_counter_comes_round(station, clock):
    first = receive(station, "YT7512345678901", shelf="A", layer=1)
    station.parcels.pick_up([first.id], "code")
    second = receive(station, "YT7512345678902")
    assert second.pickup_code == "A-1-0002"  # not 0001 again the same morning
    station.conn.execute("UPDATE shelf_counters SET last_seq = 9999")  # the counter wraps
    third = receive(station, "YT7512345678903")
    assert third.pickup_code == "A-1-0001"
    fourth = receive(station, "YT7512345678904")
    assert fourth.pickup_code == "A-1-0003"  # 0002 is still on the shelf


def test_the_unique_index_refuses_two_waiting_parcels_in_one_slot(station, clock):
    parcel = receive(station, "YT7512345678901", shelf="A", layer=1)
    with pytest.raises(sqlite3.IntegrityError):
        station.conn.execute(
            "INSERT INTO parcels (id, waybill, carrier, recipient_phone, phone_tail, shelf, layer,"
            " seq, pickup_code, status, consent, received_at) VALUES"
            " ('x', 'W', 'YTO', '1', '1', 'A', 1, ?, 'A-1-0001', 'waiting', 'sms_notice', 'now')",
            (parcel.seq,),
        )


def test_a_known_phone_fills_the_name_and_a_new_phone_needs_one(station, clock):
    receive(station, "YT7512345678901", name="李小明")
    again = receive(station, "YT7512345678902", name="")
    assert again.recipient_name == "李小明"
    before = station.events.count()
    with pytest.raises(ValidationError, match="new to the station"):
        receive(station, "YT7512345678903", phone=OTHER, name="")
    assert station.events.count() == before


def test_a_partial_name_from_the_waybill_is_accepted(station, clock):
    parcel = receive(station, "YT7512345678901", phone=OTHER, name="张*")
    assert parcel.recipient_name == "张*"


def test_the_carrier_is_guessed_and_a_confirmed_prefix_is_learned(station, clock):
    number = "77123456789012"  # 14 digits starting 77: ZTO's form first, STO's too
    assert station.parcels.carrier_candidates(number)[0].carrier == "ZTO"
    parcel = receive(station, number, carrier="STO")  # the operator confirmed 申通
    assert parcel.carrier == "STO"
    assert station.parcels.carrier_candidates("77129999999999")[0].carrier == "STO"
    assert station.parcels.carrier_candidates("77339999999999")[0].carrier == "ZTO"


def test_an_unknown_form_without_a_carrier_is_refused(station, clock):
    with pytest.raises(ValidationError, match="Choose the carrier"):
        receive(station, "QQQ12345678")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"waybill": ""}, None),
        ({"waybill": "12"}, None),
        ({"phone": "12345"}, None),
        ({"phone": "0883-6123456"}, None),
        ({"shelf": "Z"}, "no shelf Z"),
        ({"shelf": "A", "layer": 9}, "layers 1 to 4"),
        ({"consent": "none"}, "how the recipient agreed"),
        ({"carrier": "UPS"}, "Unknown carrier"),
    ],
)
def test_bad_intake_is_refused_and_writes_nothing(station, clock, kwargs, message):
    args = {"waybill": "YT7512345678901", "phone": PHONE, **kwargs}
    before = station.events.count()
    with pytest.raises(ValidationError, match=message):
        receive(station, args.pop("waybill"), args.pop("phone"), **args)
    assert station.events.count() == before
    assert station.sms.outbox() == []


def test_the_same_waybill_still_waiting_is_refused_saying_where_it_sits(station, clock):
    parcel = receive(station, "YT7512345678901", shelf="C", layer=2)
    with pytest.raises(StateError, match=f"already on the shelf at {parcel.pickup_code}"):
        receive(station, "YT7512345678901")


def test_a_waybill_picked_up_before_needs_a_confirmed_redelivery(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code")
    with pytest.raises(StateError, match="confirm the re-delivery"):
        receive(station, "YT7512345678901")
    again = receive(station, "YT7512345678901", confirm_redelivery=True)
    assert again.status == "waiting" and again.id != parcel.id


def test_intake_queues_one_arrival_text_for_several_parcels_of_one_phone(station, clock):
    a = receive(station, "YT7512345678901")
    clock.advance(minutes=2)
    b = receive(station, "73123456789012")
    texts = [t for t in station.sms.outbox() if t.purpose == "parcel_arrival"]
    assert len(texts) == 1
    assert a.pickup_code in texts[0].text and b.pickup_code in texts[0].text
    assert "尾号" not in texts[0].text or PHONE not in texts[0].text


def test_the_arrival_text_names_carrier_tail_code_and_deadline(station, clock):
    parcel = receive(station, "YT751234560521")
    text = station.sms.outbox()[0].text
    assert "圆通" in text and "0521" in text and parcel.pickup_code in text
    assert "11月26日" in text  # three days to collect, by default


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("A-1-0001", 1),
        ("a-1-0001", 1),
        ("0521", 2),
        (PHONE, 2),
        ("YT7512345678901", 1),
        ("张三", 2),
        ("zs", 2),
        ("9999", 0),
    ],
)
def test_find_by_code_tail_phone_waybill_name_and_initials(station, clock, query, count):
    receive(station, "YT7512345678901", shelf="A", layer=1)
    receive(station, "YT7512345678902")
    receive(station, "YT7512345678903", phone=OTHER, name="王五")
    assert len(station.parcels.find(query)) == count


def test_pickup_of_all_parcels_of_a_person_records_the_verification(station, clock):
    parcels = [receive(station, f"YT751234567890{i}") for i in range(3)]
    found = station.parcels.find("0521")
    events = station.parcels.pick_up([p.id for p in found], "phone")
    assert len(events) == 3
    for parcel in parcels:
        after = station.parcels.get(parcel.id)
        assert after.status == "picked_up" and after.verified_by == "phone"
        assert after.fee_fen == 0  # no pickup fee unless the station turns one on
    assert station.parcels.find("0521") == []


def test_a_proxy_pickup_records_who_collected(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code", proxy_name="李四", proxy_phone=OTHER)
    after = station.parcels.get(parcel.id)
    assert (after.proxy_name, after.proxy_phone) == ("李四", OTHER)


def test_picking_up_a_parcel_already_picked_up_says_who_and_when(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code", proxy_name="李四", proxy_phone=OTHER)
    before = station.events.count()
    with pytest.raises(StateError, match=r"already picked up by 李四 on 2026-11-23 09:00"):
        station.parcels.pick_up([parcel.id], "code")
    assert station.events.count() == before


def test_a_pickup_with_one_bad_parcel_hands_out_none(station, clock):
    good = receive(station, "YT7512345678901")
    gone = receive(station, "YT7512345678902")
    station.parcels.pick_up([gone.id], "code")
    with pytest.raises(StateError):
        station.parcels.pick_up([good.id, gone.id], "code")
    assert station.parcels.get(good.id).status == "waiting"


def test_a_pickup_fee_is_charged_only_when_turned_on(station, clock):
    station.settings.set("parcels.pickup_fee_fen", 50)
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code")
    assert station.parcels.get(parcel.id).fee_fen == 50
    assert station.today().cash_fen == 50


def test_a_pickup_without_a_fee_carries_no_money_key(station, clock):
    parcel = receive(station, "YT7512345678901")
    (event,) = station.parcels.pick_up([parcel.id], "code")
    assert event.payload["fee_fen"] == 0 and "money" not in event.payload


def test_each_parcel_picked_up_with_a_fee_carries_its_money_entry(station, clock):
    station.settings.set("parcels.pickup_fee_fen", 50)
    parcels = [receive(station, f"YT751234567890{i}") for i in range(2)]
    events = station.parcels.pick_up([p.id for p in parcels], "phone")
    assert [e.payload["money"] for e in events] == [[{"method": "cash", "fen": 50}]] * 2
    assert sum(money_of(e.payload).total for e in events) == 100


def test_a_pickup_fee_paid_another_way_says_how(station, clock):
    station.settings.set("parcels.pickup_fee_fen", 50)
    parcel = receive(station, "YT7512345678901")
    (event,) = station.parcels.pick_up([parcel.id], "code", paid_by="wechat")
    assert event.payload["money"] == [{"method": "wechat", "fen": 50}]


def test_a_pickup_fee_paid_an_unknown_way_is_refused_and_writes_nothing(station, clock):
    parcel = receive(station, "YT7512345678901")
    before = station.events.count()
    with pytest.raises(ValidationError, match="not a way money moves here"):
        station.parcels.pick_up([parcel.id], "code", paid_by="monthly")
    assert station.events.count() == before


def test_undoing_a_pickup_with_a_fee_reverses_its_money(station, clock):
    station.settings.set("parcels.pickup_fee_fen", 50)
    parcel = receive(station, "YT7512345678901")
    (pickup,) = station.parcels.pick_up([parcel.id], "code")
    void = station.parcels.undo_pickup(parcel.id, "拿错了")
    # the void carries the opposite of the voided event's entries: the day close counts both
    voided = station.log.find_event(void.payload["event_id"])
    assert voided == pickup
    assert void.payload["money"] == [{"method": "cash", "fen": -50}]
    assert money_of(voided.payload).reversed() == money_of(void.payload)
    assert station.parcels.get(parcel.id).fee_fen == 0
    assert station.events.verify().ok


def test_a_pickup_with_a_fee_written_the_old_way_replays_as_before(station, clock):
    station.settings.set("parcels.pickup_fee_fen", 50)
    new, old = receive(station, "YT7512345678901"), receive(station, "YT7512345678902")
    station.parcels.pick_up([new.id], "code")
    with station.log.batch() as batch:  # as the station wrote it before money entries
        batch.append(
            "parcel.picked_up",
            entity_id=old.id,
            payload={"verified_by": "code", "fee_fen": 50},
            operator=station.parcels.get(new.id).picked_up_by,
        )
    assert station.parcels.get(old.id).fee_fen == station.parcels.get(new.id).fee_fen == 50
    assert station.today().cash_fen == 100
    result = station.events.verify()
    assert result.ok, result.problems


def test_the_manager_undoes_a_mistaken_pickup_the_same_day(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code")
    station.parcels.undo_pickup(parcel.id, "拿错了")
    after = station.parcels.get(parcel.id)
    assert after.status == "waiting" and after.pickup_code == parcel.pickup_code
    assert station.events.verify().ok


def test_an_undone_pickup_gets_a_new_code_when_its_slot_was_taken(station, clock):
    parcel = receive(station, "YT7512345678901", shelf="A", layer=1)
    station.parcels.pick_up([parcel.id], "code")
    station.conn.execute("UPDATE shelf_counters SET last_seq = 9999")
    newcomer = receive(station, "YT7512345678902", shelf="A", layer=1)
    assert newcomer.pickup_code == parcel.pickup_code
    station.parcels.undo_pickup(parcel.id, "拿错了")
    after = station.parcels.get(parcel.id)
    assert after.status == "waiting" and after.pickup_code != parcel.pickup_code
    assert station.events.verify().ok


def test_an_undo_is_refused_on_a_later_day_or_by_an_operator(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code")
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    with pytest.raises(PermissionDenied):
        station.parcels.undo_pickup(parcel.id, "拿错了")
    station.login("岩温", "123456")
    clock.advance(days=1)
    with pytest.raises(StateError, match="only be undone on the day"):
        station.parcels.undo_pickup(parcel.id, "拿错了")


def test_overdue_parcels_get_one_reminder_a_day(station, clock):
    old = receive(station, "YT7512345678901")
    clock.advance(days=4)
    fresh = receive(station, "YT7512345678902", phone=OTHER, name="王五")
    overdue = station.parcels.overdue()
    assert [p.id for p in overdue] == [old.id]
    assert overdue[0].age_days() == 4
    assert len(station.parcels.remind([old.id])) == 1
    assert station.parcels.remind([old.id]) == []  # not twice the same day
    reminders = [t for t in station.sms.outbox() if t.purpose == "parcel_reminder"]
    assert len(reminders) == 1 and old.pickup_code in reminders[0].text
    clock.advance(days=1)
    assert len(station.parcels.remind([old.id])) == 1
    assert fresh.id not in [p.id for p in station.parcels.overdue()]


def test_parcels_due_for_return_go_back_with_a_reason(station, clock):
    old = receive(station, "YT7512345678901")
    clock.advance(days=8)
    due = station.parcels.due_for_return()
    assert [p.id for p in due] == [old.id]
    events = station.parcels.return_to_courier([old.id], "超期未取")
    after = station.parcels.get(old.id)
    assert after.status == "returned" and after.return_reason == "超期未取"
    assert [p.id for p in station.parcels.returned_batch(events[0].payload["batch_id"])] == [old.id]


def test_returning_a_picked_up_parcel_is_refused(station, clock):
    parcel = receive(station, "YT7512345678901")
    station.parcels.pick_up([parcel.id], "code")
    with pytest.raises(StateError, match="already picked up"):
        station.parcels.return_to_courier([parcel.id], "超期未取")
    with pytest.raises(ValidationError, match="why"):
        station.parcels.return_to_courier([receive(station, "YT7512345678902").id], "")


def test_a_shelf_check_lists_the_missing_and_the_unexpected(station, clock):
    a = receive(station, "YT7512345678901", shelf="A", layer=1)
    b = receive(station, "YT7512345678902")
    receive(station, "YT7512345678903", shelf="B", layer=1)
    check = station.parcels.check_shelf("A", [a.waybill, "JT1234567890123", a.pickup_code])
    assert [p.id for p in check.found] == [a.id]
    assert [p.id for p in check.missing] == [b.id]
    assert check.unexpected == ["JT1234567890123"]
    with pytest.raises(ValidationError, match="no shelf"):
        station.parcels.check_shelf("Q", [])


def test_the_shelf_list_pages_lazily_oldest_first(station, clock):
    for i in range(7):
        receive(station, f"YT75123456789{i:02d}")
        clock.advance(minutes=1)
    query = station.parcels.shelf_list()
    assert query.count() == 7
    first = query.page(None, 3)
    second = query.page(first[-1], 3)
    rest = query.page(second[-1], 3)
    assert [p.waybill[-2:] for p in first + second + rest] == [f"{i:02d}" for i in range(7)]


def test_the_day_summary_counts_the_days_work(station, clock):
    a = receive(station, "YT7512345678901")
    receive(station, "JT7512345678901")
    station.parcels.pick_up([a.id], "code")
    summary = station.parcels.day_summary()
    assert (summary.received, summary.picked_up, summary.waiting) == (2, 1, 1)
    assert summary.received_by_carrier == {"JT": 1, "YTO": 1}
    assert station.today().parcels_in == 2
    clock.advance(timedelta(days=1))
    assert station.parcels.day_summary().received == 0


def test_everything_rebuilds_from_the_events(station, clock):
    a = receive(station, "YT7512345678901")
    b = receive(station, "YT7512345678902", phone=OTHER, name="王五")
    station.parcels.pick_up([a.id], "code")
    station.parcels.undo_pickup(a.id, "拿错了")
    clock.advance(days=8)
    station.parcels.remind([a.id])
    station.parcels.return_to_courier([b.id], "超期未取")
    result = station.events.verify()
    assert result.ok, result.problems
