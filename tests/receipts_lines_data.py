"""A station's day for the documents of the proxy purchase, produce and household log lines: a
purchase from a registered household weighed on the scale, a typed one, a consigned lot sold
and settled, orders with a fee taken and waived; and the documents printed from what the
facades return. Shared by ``test_receipts_lines`` and the pictures in ``docs/img``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stationapp.core import i18n as core_i18n
from stationapp.core.money import Money
from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
from tests.produce_helpers import HOUSEHOLD_NO, TEA, with_county

REPO = Path(__file__).resolve().parent.parent
EVENT_ID = "0196a3b2-7c1d-7e4f-9a2b-3c4d5e6f7a8b"
HEADER = ReceiptHeader(station_name="孟定镇芒艾村电商服务站", station_phone="0883-6123456")
FOOTER = ReceiptFooter(
    event_id=EVENT_ID, printed_at=datetime(2026, 11, 23, 2, 30, tzinfo=UTC), operator_name="李秀英"
)
FRAME: dict[str, Any] = {"header": HEADER, "footer": FOOTER}
SELLER_PHONE = "13912345678"
CUSTOMER_PHONE = "13812340521"
SCALE = {"source": "scale", "gross": "54.3", "tare": "2", "net": "52.3", "frame": "ST,GS,+52.3"}


def install_chinese() -> None:
    """The translator the app installs, from every incoming table."""
    table: dict[tuple[str, str], str] = {}
    for tsv in sorted((REPO / "resources" / "i18n" / "incoming").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            context, source, chinese = line.split("\t", 2)
            table[(context, source.replace("\\n", "\n"))] = chinese.replace("\\n", "\n")
    core_i18n.install_translator(lambda context, text: table.get((context, text), text))


def household_of(station: Any) -> Any:
    return station.households.household(HOUSEHOLD_NO).household


def bought_on_the_scale(station: Any) -> Any:
    with_county(station)
    return station.produce.buy(
        seller="岩温香",
        seller_phone=SELLER_PHONE,
        household=HOUSEHOLD_NO,
        product=TEA,
        grade="一级",
        quantity="52.3",
        unit="斤",
        unit_price="38.50",
        paid="cash",
        weighing=SCALE,
    )


def bought_typed(station: Any) -> Any:
    return station.produce.buy(
        seller="岩香",
        seller_phone="13700004321",
        product="甘蔗",
        grade="统货",
        quantity="20",
        unit="kg",
        unit_price="1.2",
        paid="wechat",
    )


def consigned(station: Any, *, per_unit: bool = False) -> Any:
    with_county(station)
    rule = {"commission_per_unit": 50} if per_unit else {"commission_percent": "10"}
    return station.produce.consign(
        consignor="岩温香",
        consignor_phone=SELLER_PHONE,
        household=HOUSEHOLD_NO,
        product="八月瓜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="5",
        **rule,
    )


def settled(station: Any) -> tuple[Any, Any]:
    """A lot of 10 斤, 4 sold at ¥5.55 and settled: (the lot after, the settlement)."""
    lot = consigned(station)
    station.produce.sell(
        buyer="李老板",
        channel="网店",
        paid="wechat",
        lines=[{"lot": lot.id, "quantity": "4", "unit_price": "5.55"}],
    )
    settlement = station.produce.settle(lot.id, paid="cash")
    return station.produce.lot(lot.id), settlement


def ordered(station: Any, *, household: bool = False, items: int = 2) -> Any:
    customer: dict[str, Any] = {"name": "岩温", "phone": CUSTOMER_PHONE}
    if household:
        with_county(station)
        customer["household_id"] = HOUSEHOLD_NO
        station.settings.set("orders.waive_fee_for_households", True)
    goods = [
        {"name": "电压力锅", "spec": "5L 双胆", "quantity": "1", "unit_price": "199.00"},
        {"name": "复合肥", "spec": "50斤装", "quantity": "2", "unit_price": "89.50", "unit": "袋"},
        {"name": "手机壳", "spec": "", "quantity": "1", "unit_price": "12.90"},
    ][:items]
    return station.orders.create(
        customer=customer,
        items=goods,
        platform="拼多多",
        fee=300,
        deposit=Money.of("cash", 5000),
    )


def a_household_helped(station: Any, purchases: int = 3) -> None:
    """Purchases from the household, a consigned lot settled, a service without money."""
    bought_on_the_scale(station)
    for n in range(1, purchases):
        station.produce.buy(
            seller="岩温香",
            seller_phone=SELLER_PHONE,
            household=HOUSEHOLD_NO,
            product=TEA,
            grade="二级",
            quantity=str(10 + n),
            unit="斤",
            unit_price="36",
            paid="cash" if n % 2 else "wechat",
        )
    settled(station)
    station.households.helped(HOUSEHOLD_NO, kind="form", note="帮填医保报销单")
