"""An order meets the parcels line: its waybill scanned at intake, a parcel on the shelf linked
by hand, and the parcel handed out with the order; voids of a step entered by mistake."""

from __future__ import annotations

import json

import pytest

from stationapp.core import StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.money import Money
from tests.orders_helpers import PHONE, new_order, texts

WAYBILL = "YT7512345678901"


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def shipped(station):
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    station.orders.ship(order.id, waybill_no=WAYBILL)
    return order


def test_an_order_arrives_as_a_parcel_with_one_text_and_leaves_with_its_delivery(station, clock):
    order = shipped(station)
    parcel = station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    arrived = station.orders.get(order.id)
    assert arrived.state == "arrived" and arrived.parcel_id == parcel.id
    assert arrived.arrived_how == "intake"
    assert texts(station) == [("order_arrival", "order_arrival", PHONE)]
    assert "notice" not in station.log.events_of(parcel.id, type="parcel.received")[0].payload
    assert station.events.verify().ok
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    assert station.orders.get(order.id).state == "delivered"
    assert station.parcels.get(parcel.id).status == "picked_up"
    assert station.events.verify().ok


def test_a_parcel_of_no_order_keeps_its_own_arrival_text(station, clock):
    shipped(station)
    station.parcels.receive(waybill="YT7599999999999", recipient_phone=PHONE, recipient_name="岩温")
    assert texts(station) == [("parcel_arrival", "parcel_arrival", PHONE)]


def test_an_order_links_to_its_parcel_already_on_the_shelf(station, clock):
    parcel = station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    before = station.events.count()
    with pytest.raises(StateError):  # its waybill is on the shelf: link it instead
        station.orders.ship(order.id, waybill_no=WAYBILL)
    assert station.events.count() == before
    station.orders.arrive(order.id, parcel_id=parcel.id)
    assert station.orders.get(order.id).arrived_how == "parcel"
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    assert station.parcels.get(parcel.id).status == "picked_up"
    assert station.events.verify().ok


def test_a_parcel_no_longer_on_the_shelf_cannot_be_linked(station, clock):
    parcel = station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    station.parcels.pick_up([parcel.id])
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    before = station.events.count()
    with pytest.raises(StateError):
        station.orders.arrive(order.id, parcel_id=parcel.id)
    assert station.events.count() == before


def test_an_order_whose_parcel_left_already_is_still_delivered(station, clock):
    order = shipped(station)
    parcel = station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    station.parcels.pick_up([parcel.id])
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    assert station.orders.get(order.id).state == "delivered"
    assert station.events.verify().ok


def test_the_manager_undoes_the_last_step_and_the_order_goes_back(station, clock):
    order = shipped(station)
    station.orders.undo_last_step(order.id, reason="运单号输错")
    back = station.orders.get(order.id)
    assert back.state == "placed" and back.waybill == ""
    station.orders.undo_last_step(order.id, reason="下错单")
    assert station.orders.get(order.id).state == "to_place"
    station.orders.undo_last_step(order.id, reason="重复录入")
    assert station.orders.get(order.id).state == "voided"
    assert station.events.verify().ok


def test_a_void_of_a_step_a_later_one_depends_on_is_refused(station, clock):
    order = shipped(station)
    placing = station.log.events_of(order.id, type="order.placed")[0]
    before = station.events.count()
    with pytest.raises(StateError):
        station.events.void(placing.id, reason="下错单")
    assert station.events.count() == before
    assert station.orders.get(order.id).state == "shipped"


def test_a_cancellation_undone_brings_the_order_back_to_its_step(station, clock):
    order = shipped(station)
    station.orders.cancel(order.id, reason="不要了", refund=Money.of("cash", -5000))
    station.orders.undo_last_step(order.id, reason="点错了")
    assert station.orders.get(order.id).state == "shipped"
    assert station.events.verify().ok


def test_a_delivery_is_not_undone(station, clock):
    order = shipped(station)
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    before = station.events.count()
    with pytest.raises(StateError):
        station.orders.undo_last_step(order.id, reason="点错了")
    assert station.events.count() == before


def test_open_orders_by_state_overdue_a_villagers_and_the_days_totals(station, clock):
    waiting = new_order(station)
    late = shipped(station)
    clock.advance(days=11)
    assert [o.id for o in station.orders.open_orders("to_place")] == [waiting.id]
    assert [o.id for o in station.orders.open_orders("shipped")] == [late.id]
    assert [o.id for o in station.orders.open_orders("overdue")] == [late.id]
    assert [o.id for o in station.orders.of_customer(PHONE)] == [late.id, waiting.id]
    station.orders.arrive(late.id)
    station.orders.deliver(late.id, money=Money.of("cash", 14200))
    today = station.orders.day_totals()
    assert (today.created, today.arrived, today.delivered, today.taken_fen) == (0, 1, 1, 14200)
    assert today.fees_fen == 300
    assert station.today().more["orders_open"] == 1
    assert station.today().more["orders_arrived_today"] == 1


def test_the_order_arrived_text_names_the_goods_the_order_and_what_is_owed(station, clock):
    order = shipped(station)
    station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    template, params = station.conn.execute(
        "SELECT template, params FROM sms_outbox WHERE entity_key = ?", (order.id,)
    ).fetchone()
    text = station.sms.render(template, json.loads(params)).text
    assert "电压力锅" in text and order.order_no in text and "142.00元" in text


def test_a_villager_on_the_do_not_text_list_gets_no_text_for_an_order(station, clock):
    station.sms.do_not_text.add(PHONE, "本人要求不发短信")
    order = shipped(station)
    station.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩温")
    assert station.orders.get(order.id).state == "arrived"
    assert texts(station) == []


def test_a_delivery_or_a_cancellation_stops_the_order_text_still_queued(station, clock):
    order = shipped(station)
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    other = shipped_again(station)
    station.orders.arrive(other.id)
    station.orders.cancel(other.id, reason="不要了")
    statuses = station.conn.execute("SELECT status FROM sms_outbox").fetchall()
    assert [row[0] for row in statuses] == ["failed", "failed"]
    assert station.events.verify().ok


def shipped_again(station):
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD240002", paid="189.00", account="wechat")
    station.orders.ship(order.id, waybill_no="YT7512345678902")
    return order


def test_one_intake_of_several_parcels_claims_only_the_orders_one(station, clock):
    order = shipped(station)
    station.parcels.receive_many(
        [
            {"waybill": WAYBILL, "recipient_phone": PHONE, "recipient_name": "岩温"},
            {
                "waybill": "YT7512345678903",
                "recipient_phone": "13987654321",
                "recipient_name": "李四",
            },
        ]
    )
    assert station.orders.get(order.id).state == "arrived"
    assert sorted(texts(station)) == [
        ("order_arrival", "order_arrival", PHONE),
        ("parcel_arrival", "parcel_arrival", "13987654321"),
    ]
    assert station.events.verify().ok


def test_a_waybill_already_another_shipped_orders_is_refused(station, clock):
    shipped(station)
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD240009", paid="189.00", account="wechat")
    before = station.events.count()
    with pytest.raises(StateError):
        station.orders.ship(order.id, waybill_no=WAYBILL)
    assert station.events.count() == before


def test_a_bad_fee_setting_is_refused(station, clock):
    for value in ("淘宝=5", "亚马逊=3.00", "淘宝=40%", "淘宝=101.00", "淘宝"):
        if value == "淘宝=5":
            station.settings.set("orders.fees", value)  # ¥5.00: fine
            continue
        with pytest.raises(ValidationError):
            station.settings.set("orders.fees", value)
    assert station.settings.get("orders.fees") == {"淘宝": {"fen": 500}}
