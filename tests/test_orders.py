"""Proxy purchase (代购): an order from its creation to its delivery, the fee and its waiver,
the balance, and every refusal writing nothing."""

from __future__ import annotations

import pytest

from stationapp.core import StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.money import Money, money_of
from tests.orders_helpers import HOUSEHOLD, PHONE, new_order, register_household, texts


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def placed(station, **kwargs):
    order = new_order(station, **kwargs)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    return order


def test_a_new_order_quotes_the_items_adds_the_platform_fee_and_takes_the_deposit(station, clock):
    order = new_order(
        station,
        items=[
            {"name": "化肥", "spec": "50kg", "quantity": "2", "unit_price": "85.50"},
            {"name": "手机壳", "quantity": "1.5", "unit": "个", "unit_price_fen": 333},
        ],
        platform="淘宝",
    )
    assert [item.amount_fen for item in order.items] == [17100, 500]  # 1.5 x 3.33 = 4.995 -> 5.00
    assert order.quoted_fen == 17600 and order.fee_fen == 300
    assert order.deposit_fen == 5000 and order.balance_fen == 17600 + 300 - 5000
    assert order.state == "to_place" and order.order_no == "D112301"
    event = station.log.events_of(order.id)[0]
    assert money_of(event.payload) == Money.of("cash", 5000)
    assert station.events.verify().ok


def test_a_percentage_fee_is_rounded_half_up_from_the_quote(station, clock):
    station.settings.set("orders.fees", "拼多多=5%")
    item = {"name": "锅", "quantity": "1", "unit_price": "10.10"}
    order = new_order(station, items=[item], deposit=None)
    assert order.fee_fen == 51  # 5% of 10.10 = 0.505


def test_a_registered_household_has_its_fee_waived_with_the_reason(station, clock):
    register_household(station)
    order = new_order(station, customer={"name": "岩温", "phone": PHONE, "household_id": HOUSEHOLD})
    assert order.household_id == HOUSEHOLD and order.fee_fen == 0 and order.fee_waived_fen == 300
    payload = station.log.events_of(order.id)[0].payload
    assert payload["fee_waived_fen"] == 300 and payload["household_id"] == HOUSEHOLD
    assert payload["fee_waived_reason"] == "registered_household"


def test_the_waiver_is_off_when_the_station_says_so(station, clock):
    register_household(station)
    station.settings.set("orders.waive_fee_for_households", False)
    order = new_order(station, customer={"name": "岩温", "phone": PHONE, "household_id": HOUSEHOLD})
    assert order.fee_fen == 300 and order.fee_waived_fen == 0


def test_placing_records_the_price_paid_from_an_account_and_the_balance_follows(station, clock):
    order = placed(station)
    after = station.orders.get(order.id)
    assert after.state == "placed" and after.paid_fen == 18900 and after.paid_from == "wechat"
    assert after.balance_fen == 18900 + 300 - 5000
    event = station.log.events_of(order.id, type="order.placed")[0]
    assert money_of(event.payload) == Money.of("wechat", -18900)


def test_an_order_goes_from_shipped_by_hand_to_delivered_with_the_balance(station, clock):
    order = placed(station)
    station.orders.ship(order.id, waybill_no="YT7512345678901")
    station.orders.arrive(order.id)
    assert station.orders.get(order.id).state == "arrived"
    assert texts(station) == [("order_arrival", "order_arrival", PHONE)]
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    done = station.orders.get(order.id)
    assert done.state == "delivered" and done.taken_fen == 14200 and done.balance_fen == 0
    assert station.events.verify().ok


def test_delivery_gives_change_when_the_deposit_was_more(station, clock):
    order = new_order(station, deposit=20000)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="150.00", account="alipay")
    station.orders.arrive(order.id)
    assert station.orders.get(order.id).balance_fen == -4700
    station.orders.deliver(order.id, money=Money.of("cash", -4700))
    assert station.orders.get(order.id).state == "delivered"
    assert station.events.verify().ok


def test_a_cancelled_order_refunds_the_deposit(station, clock):
    order = placed(station)
    station.orders.cancel(order.id, reason="缺货", refund=Money.of("cash", -5000))
    cancelled = station.orders.get(order.id)
    assert cancelled.state == "cancelled" and cancelled.refunded_fen == 5000
    assert station.events.verify().ok


def test_a_return_after_delivery_refunds_and_notes_the_return_parcel(station, clock):
    order = placed(station)
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("wechat", 14200))
    station.orders.record_return(
        order.id, reason="尺寸不对", refund=Money.of("wechat", -14200), return_note="SF退货"
    )
    returned = station.orders.get(order.id)
    assert returned.state == "returned" and returned.return_note == "SF退货"
    assert station.events.verify().ok


def count(station) -> int:
    return station.events.count()


@pytest.mark.parametrize(
    "fields",
    [
        {"customer": {"name": "", "phone": PHONE}},
        {"customer": {"name": "岩温", "phone": "123"}},
        {"customer": {"name": "岩温", "phone": PHONE, "household_id": "999"}},
        {"platform": "亚马逊"},
        {"items": []},
        {"items": [{"name": "锅", "quantity": "0", "unit_price": "1.00"}]},
        {"items": [{"name": "锅", "quantity": "1", "unit_price": "1.005"}]},
        {"deposit": 99999},
        {"deposit": None, "fee": "-1"},
    ],
)
def test_a_bad_new_order_is_refused_and_writes_nothing(station, clock, fields):
    before = count(station)
    deposit = fields.pop("deposit", 5000)
    with pytest.raises(ValidationError):
        new_order(station, deposit=deposit, **fields)
    assert count(station) == before


def test_a_deposit_given_as_money_out_is_refused(station, clock):
    before = count(station)
    with pytest.raises(ValidationError):
        station.orders.create(
            customer={"name": "岩温", "phone": PHONE},
            items=[{"name": "锅", "unit_price": "9.00"}],
            platform="京东",
            deposit=Money.of("cash", -100),
        )
    assert count(station) == before


def test_steps_out_of_order_are_refused_and_write_nothing(station, clock):
    order = new_order(station)
    before = count(station)
    with pytest.raises(StateError):
        station.orders.ship(order.id, waybill_no="YT7512345678901")
    with pytest.raises(StateError):
        station.orders.arrive(order.id)
    with pytest.raises(StateError):
        station.orders.deliver(order.id)
    with pytest.raises(StateError):
        station.orders.record_return(order.id, reason="坏了")
    placed_id = order.id
    station.orders.place(placed_id, platform_order_no="PDD240001", paid="189.00", account="bank")
    before = count(station)
    with pytest.raises(StateError):
        station.orders.place(placed_id, platform_order_no="PDD240002", paid="1.00", account="bank")
    assert count(station) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"platform_order_no": "12", "paid": "1.00", "account": "wechat"},
        {"platform_order_no": "PDD240001", "paid": "0", "account": "wechat"},
        {"platform_order_no": "PDD240001", "paid": "1.00", "account": "cash"},
    ],
)
def test_a_bad_placing_is_refused_and_writes_nothing(station, clock, fields):
    order = new_order(station)
    before = count(station)
    with pytest.raises(ValidationError):
        station.orders.place(order.id, **fields)
    assert count(station) == before


def test_a_delivery_whose_money_misses_the_balance_is_refused(station, clock):
    order = placed(station)
    station.orders.arrive(order.id)
    before = count(station)
    with pytest.raises(ValidationError):
        station.orders.deliver(order.id, money=Money.of("cash", 100))
    with pytest.raises(ValidationError):
        station.orders.deliver(order.id)
    assert count(station) == before


def test_a_refund_beyond_the_deposit_or_by_another_method_is_refused(station, clock):
    order = placed(station)
    before = count(station)
    for refund in (Money.of("cash", -5001), Money.of("wechat", -100), Money.of("cash", 100)):
        with pytest.raises(ValidationError):
            station.orders.cancel(order.id, reason="缺货", refund=refund)
    with pytest.raises(ValidationError):
        station.orders.cancel(order.id, reason="x")
    assert count(station) == before


def test_a_delivered_order_cannot_be_cancelled(station, clock):
    order = placed(station)
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    before = count(station)
    with pytest.raises(StateError):
        station.orders.cancel(order.id, reason="不要了")
    assert count(station) == before


def test_a_registered_households_money_steps_name_the_household(station, clock):
    register_household(station)
    order = new_order(station, customer={"name": "岩温", "phone": PHONE, "household_id": HOUSEHOLD})
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 13900))
    named = {
        event.type
        for event in station.log.events_of(order.id)
        if event.payload.get("household_id") == HOUSEHOLD
    }
    assert named == {"order.created", "order.delivered"}
    assert station.events.verify().ok
