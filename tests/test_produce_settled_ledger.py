"""A consigned lot's settlement names its goods (product, grade, unit, and the unit price when
the goods sold at one price), so the household's 帮扶台账 row of it is complete; a settlement
written before it named them still replays."""

from __future__ import annotations

from io import BytesIO

import openpyxl

from stationapp.core import clock
from stationapp.receipts.households import household_ledger
from tests.parcel_documents import FRAME, pdf_text
from tests.produce_helpers import HOUSEHOLD_NO, with_county


def _sold_lot(station, *prices: str):
    with_county(station)
    lot = station.produce.consign(
        consignor="岩温香",
        product="八月瓜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="5",
        commission_percent="10",
        household=HOUSEHOLD_NO,
    )
    for price in prices:
        station.produce.sell(
            buyer="李老板",
            channel="网店",
            paid="wechat",
            lines=[{"lot": lot.id, "quantity": "2", "unit_price": price}],
        )
    return lot


def _settled_payload(station) -> dict:
    return [e for e in station.log.iter_events() if e.type == "produce.settled"][-1].payload


def test_a_settlement_names_the_lots_goods_and_its_one_price(station):
    lot = _sold_lot(station, "5.5", "5.5")
    station.produce.settle(lot.id)
    payload = _settled_payload(station)
    assert (payload["product_name"], payload["grade"], payload["unit"]) == ("八月瓜", "一级", "斤")
    assert (payload["quantity"], payload["unit_price_fen"]) == ("4", 550)


def test_goods_sold_at_two_prices_settle_without_a_unit_price(station):
    lot = _sold_lot(station, "5.5", "6")
    station.produce.settle(lot.id)
    assert "unit_price_fen" not in _settled_payload(station)


def test_a_second_settlement_takes_the_price_of_what_sold_since(station):
    lot = _sold_lot(station, "5.5")
    station.produce.settle(lot.id)
    station.produce.sell(
        buyer="超市",
        channel="商超",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "3", "unit_price": "6"}],
    )
    station.produce.settle(lot.id)
    assert (_settled_payload(station)["quantity"], _settled_payload(station)["unit_price_fen"]) == (
        "3",
        600,
    )


def test_the_households_ledger_shows_the_settlements_product_and_unit(station):
    lot = _sold_lot(station, "5.5", "5.5")
    station.produce.settle(lot.id)
    data = station.households.export_ledger(clock.business_day().strftime("%Y-%m"))
    rows = list(openpyxl.load_workbook(BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    found = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    [settled] = [row for row in found if row["事项"] == "代销结算"]
    assert (settled["品名"], settled["等级"], settled["数量"], settled["单位"]) == (
        "八月瓜",
        "一级",
        "4",
        "斤",
    )
    assert (settled["单价(元)"], settled["金额(元)"]) == (5.5, 19.8)


def test_the_printed_ledger_row_of_a_settlement_has_its_product_and_unit(station, tmp_path):
    lot = _sold_lot(station, "5.5", "5.5")
    station.produce.settle(lot.id)
    page = station.households.log(HOUSEHOLD_NO)
    [entry] = [e for e in page.entries if e.type == "produce.settled"]
    assert (entry.product, entry.grade, entry.quantity, entry.unit) == ("八月瓜", "一级", "4", "斤")
    text = pdf_text(household_ledger(page=page, **FRAME), tmp_path, layout=True)
    [row] = [line for line in text.splitlines() if "代销结算" in line]
    assert "八月瓜" in row and "4斤" in row.replace(" ", "") and "¥5.50" in row, row


def test_a_settlement_written_without_its_goods_still_replays(station):
    lot = _sold_lot(station, "5.5")
    old = {
        "consignor_name": "岩温香",
        "quantity": "2",
        "proceeds_fen": 1100,
        "commission_fen": 110,
        "paid_fen": 990,
        "household_id": HOUSEHOLD_NO,
        "money": [{"method": "cash", "fen": -990}],
    }
    with station.log.batch() as batch:
        batch.append("produce.settled", entity_id=lot.id, payload=old, operator="")
    assert station.produce.settlements_of(lot.id)[0].paid_fen == 990
    assert station.events.verify().ok
