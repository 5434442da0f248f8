"""A manager voids a purchase, a sale, a consignment or a settlement; the stock follows, and a
void a later step depends on is refused."""

from __future__ import annotations

import pytest

from stationapp.core.errors import StateError
from tests.produce_helpers import events

BUY = {
    "seller": "岩香",
    "product": "大米",
    "grade": "一级",
    "quantity": "10",
    "unit": "斤",
    "unit_price": "2.5",
    "paid": "cash",
}
OWN = {"product": "大米", "grade": "一级", "unit": "斤", "unit_price": "3"}


def _event_of(station, entity_id: str, type_: str) -> str:
    return station.log.events_of(entity_id, type=type_)[-1].id


def _lot(station, quantity: str = "5"):
    return station.produce.consign(
        consignor="玉罕",
        product="大米",
        grade="一级",
        quantity=quantity,
        unit="斤",
        asking_price="3",
        commission_percent="10",
    )


def _sell(station, *lines):
    return station.produce.sell(buyer="李老板", channel="批发", lines=list(lines), paid="cash")


def test_a_voided_purchase_leaves_the_stock_and_the_days_list(station):
    bought = station.produce.buy(**BUY)
    station.events.void(_event_of(station, bought.id, "produce.bought"), reason="称错了")
    assert station.produce.stock() == []
    assert station.produce.purchases_on().count == 0
    assert station.events.verify().ok


def test_a_purchase_whose_goods_were_sold_since_cannot_be_voided(station):
    bought = station.produce.buy(**BUY)
    _sell(station, OWN | {"quantity": "4"})
    before = events(station)
    with pytest.raises(StateError, match="sold since"):
        station.events.void(_event_of(station, bought.id, "produce.bought"), reason="称错了")
    assert events(station) == before
    assert station.produce.stock()[0].own == "6"


def test_a_voided_sale_puts_the_goods_back(station):
    station.produce.buy(**BUY)
    lot = _lot(station)
    sale = _sell(
        station, OWN | {"quantity": "4"}, {"lot": lot.id, "quantity": "2", "unit_price": "3"}
    )
    station.events.void(_event_of(station, sale.id, "produce.sold"), reason="买家退单")
    [stock] = station.produce.stock()
    assert (stock.own, stock.consigned) == ("10", "5")
    assert station.produce.lot(lot.id).sold == "0"
    assert station.produce.sales_on() == []
    assert station.events.verify().ok


def test_a_sale_of_consigned_goods_already_settled_cannot_be_voided(station):
    lot = _lot(station)
    sale = _sell(station, {"lot": lot.id, "quantity": "2", "unit_price": "3"})
    station.produce.settle(lot.id)
    before = events(station)
    with pytest.raises(StateError, match="void the settlement first"):
        station.events.void(_event_of(station, sale.id, "produce.sold"), reason="买家退单")
    assert events(station) == before


def test_a_voided_settlement_makes_the_lot_to_settle_again(station):
    lot = _lot(station)
    _sell(station, {"lot": lot.id, "quantity": "2", "unit_price": "3"})
    settled = station.produce.settle(lot.id)
    station.events.void(settled.id, reason="付错人了")
    assert [x.id for x in station.produce.lots_to_settle()] == [lot.id]
    assert station.produce.lot(lot.id).paid_fen == 0
    again = station.produce.settle(lot.id)
    assert again.paid_fen == settled.paid_fen
    assert station.events.verify().ok


def test_a_voided_consignment_leaves_the_stock(station):
    lot = _lot(station)
    station.events.void(_event_of(station, lot.id, "produce.consigned"), reason="录错了")
    assert station.produce.open_lots() == []
    assert station.produce.stock() == []
    assert station.events.verify().ok


def test_a_consignment_sold_from_cannot_be_voided(station):
    lot = _lot(station)
    _sell(station, {"lot": lot.id, "quantity": "1", "unit_price": "3"})
    before = events(station)
    with pytest.raises(StateError, match="void those sales first"):
        station.events.void(_event_of(station, lot.id, "produce.consigned"), reason="录错了")
    assert events(station) == before


def test_a_clerk_cannot_void(station):
    bought = station.produce.buy(**BUY)
    station.operators.add(name="玉香", pin="2468")
    station.login("玉香", "2468")
    before = events(station)
    with pytest.raises(Exception, match="manager"):
        station.events.void(_event_of(station, bought.id, "produce.bought"), reason="称错了")
    assert events(station) == before
