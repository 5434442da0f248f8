"""The produce line (收购/代销): buying, consigning, selling and settling, the stock and the day's
figures they leave, and the events they write."""

from __future__ import annotations

import pytest

from stationapp.core.money import Money
from stationapp.core.produce import PriceFarFromReference
from tests.produce_helpers import HOUSEHOLD_NO, TEA, events, with_county

SCALE = {"source": "scale", "gross": "54.3", "tare": "2", "net": "52.3", "frame": "ST,GS,+52.3"}


def _last(station, type_: str):
    return [e for e in station.log.iter_events() if e.type == type_][-1]


def test_a_purchase_pays_the_amount_rounded_half_up_and_fills_the_stock(station):
    bought = station.produce.buy(
        seller="岩香",
        product="八月瓜",
        grade="一级",
        quantity="52.3",
        unit="斤",
        unit_price="3.55",
        paid="cash",
        weighing=SCALE,
    )
    assert bought.amount_fen == 18567  # 52.3 x 355 = 18566.5
    event = _last(station, "produce.bought")
    assert event.payload["money"] == [{"method": "cash", "fen": -18567}]
    assert event.payload["weighing"] == {
        "source": "scale",
        "gross": "54.3",
        "tare": "2",
        "net": "52.3",
        "frame": "ST,GS,+52.3",
    }
    [stock] = station.produce.stock()
    assert (stock.product_name, stock.grade, stock.unit, stock.own) == (
        "八月瓜",
        "一级",
        "斤",
        "52.3",
    )
    assert station.events.verify().ok


def test_a_typed_weight_is_recorded_as_typed(station):
    station.produce.buy(
        seller="岩香",
        product="甘蔗",
        grade="统货",
        quantity="20",
        unit="kg",
        unit_price="1.2",
        paid="wechat",
    )
    assert _last(station, "produce.bought").payload["weighing"] == {"source": "typed"}


def test_a_seller_registered_as_a_household_is_found_by_name_and_phone(station):
    with_county(station)
    bought = station.produce.buy(
        seller="岩温香",
        seller_phone="13812345678",
        product=TEA,
        grade="特级",
        quantity="10",
        unit="斤",
        unit_price="40",
        paid="cash",
    )
    assert bought.household_id == HOUSEHOLD_NO
    assert bought.product_name == "勐库大叶种晒青毛茶"
    assert _last(station, "produce.bought").payload["household_id"] == HOUSEHOLD_NO


def test_a_household_passed_explicitly_wins(station):
    with_county(station)
    bought = station.produce.buy(
        seller="玉罕",
        product="大米",
        grade="一级",
        quantity="100",
        unit="斤",
        unit_price="2.5",
        paid="cash",
        household=HOUSEHOLD_NO,
    )
    assert bought.household_id == HOUSEHOLD_NO


def test_a_seller_who_is_a_customer_is_taken_from_the_customers(station):
    parcel = station.parcels.receive(
        waybill="YT7512345678901", recipient_phone="13812340001", recipient_name="张三"
    )
    customer_id = station.conn.execute(
        "SELECT customer_id FROM parcels WHERE id = ?", (parcel.id,)
    ).fetchone()[0]
    bought = station.produce.buy(
        seller=customer_id,
        product="大米",
        grade="一级",
        quantity="3",
        unit="斤",
        unit_price="2",
        paid="cash",
    )
    assert (bought.customer_id, bought.seller_name, bought.seller_phone) == (
        customer_id,
        "张三",
        "13812340001",
    )


def test_an_unknown_household_is_refused_and_nothing_written(station):
    before = events(station)
    with pytest.raises(Exception, match="No registered household"):
        station.produce.buy(
            seller="玉罕",
            product="大米",
            grade="一级",
            quantity="1",
            unit="斤",
            unit_price="2",
            paid="cash",
            household="999",
        )
    assert events(station) == before


def test_a_price_far_from_the_catalogs_reference_needs_confirming(station):
    with_county(station)
    before = events(station)
    with pytest.raises(PriceFarFromReference, match=r"¥40\.00") as refused:
        station.produce.buy(
            seller="岩香",
            product=TEA,
            grade="一级",
            quantity="2",
            unit="斤",
            unit_price="60",
            paid="cash",
        )
    assert "30%" in str(refused.value)
    assert events(station) == before
    bought = station.produce.buy(
        seller="岩香",
        product=TEA,
        grade="一级",
        quantity="2",
        unit="斤",
        unit_price="60",
        paid="cash",
        confirm_price=True,
    )
    assert bought.amount_fen == 12000


def test_the_reference_price_converts_between_jin_and_kg(station):
    with_county(station)
    with pytest.raises(PriceFarFromReference, match=r"¥80\.00"):
        station.produce.buy(
            seller="岩香",
            product=TEA,
            grade="一级",
            quantity="2",
            unit="kg",
            unit_price="40",
            paid="cash",
        )


def test_the_price_threshold_is_a_setting(station):
    with_county(station)
    station.settings.set("produce.price_check_percent", 60)
    station.produce.buy(
        seller="岩香",
        product=TEA,
        grade="一级",
        quantity="2",
        unit="斤",
        unit_price="60",
        paid="cash",
    )


def test_a_purchase_paid_two_ways_carries_both_entries(station):
    money = Money.from_payload(
        [{"method": "cash", "fen": -1000}, {"method": "wechat", "fen": -500}]
    )
    station.produce.buy(
        seller="岩香",
        product="大米",
        grade="一级",
        quantity="5",
        unit="斤",
        unit_price="3",
        paid=money,
    )
    assert len(_last(station, "produce.bought").payload["money"]) == 2


def test_the_days_purchases_add_up_weight_amount_and_households(station):
    with_county(station)
    station.produce.buy(
        seller="岩温香",
        seller_phone="13812345678",
        product="大米",
        grade="一级",
        quantity="10",
        unit="斤",
        unit_price="2",
        paid="cash",
    )
    station.produce.buy(
        seller="玉罕",
        product="大米",
        grade="一级",
        quantity="5",
        unit="kg",
        unit_price="4",
        paid="cash",
    )
    station.produce.buy(
        seller="玉罕",
        product="鸡蛋",
        grade="统货",
        quantity="30",
        unit="个",
        unit_price="1",
        paid="cash",
    )
    day = station.produce.purchases_on()
    assert (day.count, day.amount_fen, day.jin, day.kg) == (3, 7000, "20", "10")
    assert (day.sellers, day.households) == (2, 1)
    figures = station.today()
    assert figures.more["produce_bought"] == 3
    assert figures.more["produce_bought_fen"] == 7000
    assert figures.more["produce_weight_g"] == 10000


def test_consigned_goods_sold_in_part_are_settled_less_the_commission(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="八月瓜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="5",
        commission_percent="10",
    )
    assert _last(station, "produce.consigned").payload["commission"] == {
        "kind": "percent",
        "value": "10",
    }
    assert [x.id for x in station.produce.open_lots()] == [lot.id]
    station.produce.sell(
        buyer="李老板",
        channel="网店",
        paid="wechat",
        lines=[{"lot": lot.id, "quantity": "4", "unit_price": "5.55"}],
    )
    assert _last(station, "produce.sold").payload["money"] == [{"method": "wechat", "fen": 2220}]
    assert [x.id for x in station.produce.lots_to_settle()] == [lot.id]
    settled = station.produce.settle(lot.id, paid="cash")
    assert (settled.proceeds_fen, settled.commission_fen, settled.paid_fen) == (2220, 222, 1998)
    assert _last(station, "produce.settled").payload["money"] == [{"method": "cash", "fen": -1998}]
    assert station.produce.lots_to_settle() == []
    assert station.produce.lot(lot.id).left == "6"
    assert station.events.verify().ok


def test_a_commission_per_unit_is_taken_per_unit_sold(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="鸡蛋",
        grade="统货",
        quantity="100",
        unit="个",
        asking_price="1.2",
        commission_per_unit=10,
    )
    station.produce.sell(
        buyer="超市",
        channel="商超",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "30", "unit_price": "1.2"}],
    )
    settled = station.produce.settle(lot.id)
    assert (settled.proceeds_fen, settled.commission_fen, settled.paid_fen) == (3600, 300, 3300)


def test_a_sale_draws_on_stock_and_lots_and_the_stock_follows(station):
    station.produce.buy(
        seller="岩香",
        product="大米",
        grade="一级",
        quantity="100",
        unit="斤",
        unit_price="2.5",
        paid="cash",
    )
    lot = station.produce.consign(
        consignor="玉罕",
        product="大米",
        grade="一级",
        quantity="50",
        unit="斤",
        asking_price="3",
        commission_percent="5",
    )
    [stock] = station.produce.stock()
    assert (stock.own, stock.consigned, stock.total) == ("100", "50", "150")
    sale = station.produce.sell(
        buyer="县供销社",
        channel="832平台",
        paid="bank",
        lines=[
            {"product": "大米", "grade": "一级", "unit": "斤", "quantity": "60", "unit_price": "3"},
            {"lot": lot.id, "quantity": "50", "unit_price": "3"},
        ],
    )
    assert sale.amount_fen == 33000
    [stock] = station.produce.stock()
    assert (stock.own, stock.consigned) == ("40", "0")
    assert station.produce.open_lots() == []
    assert [s.id for s in station.produce.sales_on()] == [sale.id]
    assert station.events.verify().ok


def test_a_product_typed_by_its_catalog_name_is_the_catalog_item(station):
    with_county(station)
    bought = station.produce.buy(
        seller="岩香",
        product="勐库大叶种晒青毛茶",
        grade="一级",
        quantity="1",
        unit="斤",
        unit_price="40",
        paid="cash",
    )
    assert bought.product == TEA


def test_a_commission_above_the_proceeds_leaves_nothing_to_pay_and_moves_no_money(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="鸡蛋",
        grade="统货",
        quantity="10",
        unit="个",
        asking_price="1",
        commission_per_unit=200,
    )
    station.produce.sell(
        buyer="超市",
        channel="商超",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "10", "unit_price": "1"}],
    )
    settled = station.produce.settle(lot.id)
    assert (settled.commission_fen, settled.paid_fen) == (1000, 0)
    assert "money" not in _last(station, "produce.settled").payload
    assert station.produce.open_lots() == station.produce.lots_to_settle() == []
    assert station.events.verify().ok
