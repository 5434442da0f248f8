"""The label hides the phone (GB/T 41833-2022): intake from the tail a label shows, the known
customers a tail offers, a parcel taken in with tail and name alone, and its number added later."""

from __future__ import annotations

import pytest

from stationapp.core import StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.parcels.intake import label_tail


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def receive(station, waybill: str, phone: str, name: str = "", **kwargs):
    return station.parcels.receive(
        waybill=waybill, recipient_phone=phone, recipient_name=name, **kwargs
    )


@pytest.mark.parametrize(
    ("typed", "tail"),
    [
        ("5678", "5678"),
        ("138****5678", "5678"),
        ("+86 138****5678", "5678"),
        ("尾号5678", "5678"),
        ("５６７８", "5678"),  # full-width, as some input methods type
        ("13812345678", None),
        ("567", None),
        ("56789", None),
        ("138x***5678", None),
        ("٥٦٧٨", None),  # Arabic-Indic digits are no tail
    ],
)
def test_what_counts_as_the_tail_a_label_shows(typed, tail):
    assert label_tail(typed) == tail


def test_a_tail_offers_the_known_customers_whose_numbers_end_so_latest_parcel_first(station, clock):
    receive(station, "YT7512345678901", "13812345678", "张三")
    clock.advance(minutes=5)
    receive(station, "YT7512345678902", "13998765678", "李四")
    clock.advance(minutes=5)
    receive(station, "YT7512345678903", "13700001111", "王五")  # another tail
    station.conn.execute("UPDATE customers SET village_group = '3组' WHERE name = '李四'")

    offers = station.parcels.known_by_tail("5678")
    assert [(o.name, o.phone, o.village_group) for o in offers] == [
        ("李四", "13998765678", "3组"),
        ("张三", "13812345678", ""),
    ]
    assert offers[0].last_parcel_at > offers[1].last_parcel_at
    assert offers[0].masked_phone == "尾号5678"

    clock.advance(minutes=5)
    receive(station, "YT7512345678904", "13812345678")  # 张三 comes again: now first
    assert [o.name for o in station.parcels.known_by_tail("5678")] == ["张三", "李四"]
    assert station.parcels.known_by_tail("0000") == []


def test_the_tail_lookup_reads_an_index_not_every_customer(station):
    plan = station.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM customers WHERE substr(phone, -4) = '5678'"
        " AND phone != ''"
    ).fetchall()
    assert any("customers_tail" in row[-1] for row in plan), plan


def test_a_parcel_with_tail_and_name_alone_waits_untexted_and_is_found_by_its_tail(station, clock):
    parcel = receive(station, "YT7512345678901", "138****4321", "赵*")
    assert parcel.status == "waiting"
    assert parcel.recipient_phone == ""
    assert parcel.phone_tail == "4321"
    assert parcel.masked_phone == "尾号4321"
    assert not parcel.number_known
    assert station.sms.outbox() == []  # no number, no text
    assert station.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    assert [p.id for p in station.parcels.find("4321")] == [parcel.id]
    assert station.events.verify().ok  # replay gives the same parcel


def test_a_tail_without_a_name_is_refused_and_writes_nothing(station, clock):
    before = station.events.head()
    with pytest.raises(ValidationError, match="last four digits"):
        receive(station, "YT7512345678901", "4321")
    assert station.events.head() == before


def test_the_number_added_later_must_end_in_the_labels_tail(station, clock):
    parcel = receive(station, "YT7512345678901", "4321", "赵*")
    before = station.events.head()
    with pytest.raises(ValidationError, match="does not end in 4321"):
        station.parcels.add_phone(parcel.id, "13812345678")
    assert station.events.head() == before

    station.parcels.add_phone(parcel.id, "13900004321")
    known = station.parcels.get(parcel.id)
    assert known.recipient_phone == "13900004321"
    assert known.number_known
    assert station.sms.outbox() == []  # the villager told it: nothing to text
    [offer] = station.parcels.known_by_tail("4321")
    assert (offer.name, offer.phone) == ("赵*", "13900004321")
    with pytest.raises(StateError, match="already has"):
        station.parcels.add_phone(parcel.id, "13900004321")
    # the next parcel for the number is an ordinary one: known customer, texted
    nxt = receive(station, "YT7512345678902", "13900004321")
    assert nxt.recipient_name == "赵*"
    assert len(station.sms.outbox()) == 1
    assert station.events.verify().ok


def test_the_number_of_a_known_customer_links_the_parcel_to_them(station, clock):
    receive(station, "YT7512345678901", "13900004321", "赵六")
    parcel = receive(station, "YT7512345678902", "4321", "赵*")
    station.parcels.add_phone(parcel.id, "139 0000 4321")
    assert station.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 1
    assert (
        station.parcels.get(parcel.id).customer_id
        == (station.parcels.customer_by_phone("13900004321")["id"])
    )


def test_reminders_skip_a_parcel_whose_number_is_unknown(station, clock):
    untexted = receive(station, "YT7512345678901", "4321", "赵*")
    texted = receive(station, "YT7512345678902", "13812345678", "张三")
    clock.advance(days=4)
    events = station.parcels.remind([untexted.id, texted.id])
    assert [e.entity_id for e in events] == [texted.id]
