"""The documents of the proxy purchase, produce and household log lines, printed from what the
facades return: the purchase voucher, the consignment and settlement slips, the order slip and
the 帮扶台账, each read back with pdftotext on every paper it comes on, in Chinese, with no whole
phone number anywhere; a long 台账 runs onto several landscape pages, its header on each.

``PYTHONPATH=. python tests/test_receipts_lines.py`` renders the pictures in ``docs/img/doc-*.png``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from stationapp.core.money import format_money
from stationapp.receipts.households import household_ledger, station_ledger
from stationapp.receipts.orders import order_slip
from stationapp.receipts.produce import consignment_slip, purchase_voucher, settlement_slip
from tests.parcel_documents import page_count, pdf_text
from tests.produce_helpers import HOUSEHOLD_NO
from tests.receipts_lines_data import (
    CUSTOMER_PHONE,
    EVENT_ID,
    FRAME,
    REPO,
    SCALE,
    SELLER_PHONE,
    a_household_helped,
    bought_on_the_scale,
    bought_typed,
    consigned,
    household_of,
    install_chinese,
    ordered,
    settled,
)

WHOLE_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ROLLS_AND_A4 = ["80mm", "58mm", "A4"]


@pytest.fixture(autouse=True)
def chinese():
    install_chinese()


def read(pdf: bytes, tmp_path: Path, *, page: int | None = None) -> str:
    """The document's printed lines without spaces, one a line; no whole phone number."""
    text = pdf_text(pdf, tmp_path, page=page, layout=True)
    squeezed = "\n".join("".join(line.split()) for line in text.splitlines() if line.strip())
    assert not WHOLE_MOBILE.search(squeezed), "a whole phone number is printed"
    assert SELLER_PHONE not in squeezed and CUSTOMER_PHONE not in squeezed
    return squeezed


def operators(station: Any) -> dict[str, str]:
    return {o.id: o.name for o in station.operators.list()}


# --- produce ----------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ROLLS_AND_A4)
def test_the_purchase_voucher_shows_seller_weights_price_amount_and_signature(
    station, tmp_path, paper
):
    bought = bought_on_the_scale(station)
    pdf = purchase_voucher(
        purchase=bought, weighing=SCALE, household=household_of(station), paper=paper, **FRAME
    )
    text = read(pdf, tmp_path)
    for expected in (
        "孟定镇芒艾村电商服务站",
        "收购凭证",
        "卖方岩温香尾号5678",
        f"★建档户{HOUSEHOLD_NO}脱贫户",
        "品名勐库大叶种晒青毛茶",
        "等级一级",
        "毛重54.3斤",
        "皮重2斤",
        "净重52.3斤（过磅）",
        "单价¥38.50/斤",
        "实付金额¥2,013.55",  # 52.3 × 38.50
        "付款方式现金",
        "卖方签字或按手印",
        EVENT_ID,
    ):
        assert expected in text, expected


def test_a_typed_weight_is_a_quantity_without_the_scales_mark(station, tmp_path):
    pdf = purchase_voucher(purchase=bought_typed(station), paper="58mm", **FRAME)
    text = read(pdf, tmp_path)
    assert "数量20kg" in text
    assert "卖方岩香尾号4321" in text
    assert "付款方式微信支付" in text
    assert "过磅" not in text and "毛重" not in text and "建档户" not in text


@pytest.mark.parametrize("paper", ROLLS_AND_A4)
def test_the_consignment_slip_shows_the_goods_the_asking_price_and_the_commission(
    station, tmp_path, paper
):
    lot = consigned(station)
    pdf = consignment_slip(lot=lot, household=household_of(station), paper=paper, **FRAME)
    text = read(pdf, tmp_path)
    for expected in (
        "代销收货单",
        "委托人岩温香尾号5678",
        f"建档户{HOUSEHOLD_NO}",
        "品名八月瓜",
        "数量10斤",
        "委托售价¥5.00/斤",
        "佣金售价的10%",
        "本次不付款",
        "委托人签字",
    ):
        assert expected in text, expected


def test_a_commission_per_unit_is_printed_per_unit_sold(station, tmp_path):
    lot = consigned(station, per_unit=True)
    text = read(consignment_slip(lot=lot, paper="80mm", **FRAME), tmp_path)
    assert "佣金每售出1斤¥0.50" in text


@pytest.mark.parametrize("paper", ROLLS_AND_A4)
def test_the_settlement_slip_shows_sold_commission_paid_and_what_is_left(station, tmp_path, paper):
    lot, settlement = settled(station)
    pdf = settlement_slip(lot=lot, settlement=settlement, paper=paper, **FRAME)
    text = read(pdf, tmp_path)
    for expected in (
        "代销结算单",
        "收货数量10斤",
        "本次结算数量4斤",
        "尚未售出6斤",
        "售出金额¥22.20",
        "佣金（售价的10%）-¥2.22",
        "实付给您¥19.98",
        "付款方式现金",
        "委托人签字",
    ):
        assert expected in text, expected


# --- proxy purchase ---------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ROLLS_AND_A4)
def test_the_order_slip_shows_items_quote_fee_deposit_and_what_is_owed(station, tmp_path, paper):
    order = ordered(station, items=3)
    text = read(order_slip(order=order, paper=paper, **FRAME), tmp_path)
    for expected in (
        "代购单",
        f"代购单号{order.order_no}",
        "客户岩温尾号0521",
        "平台拼多多",
        "电压力锅（5L双胆）",
        "复合肥（50斤装）",
        "2袋",
        "¥179.00",
        "手机壳",
        "货款（报价）¥390.90",
        "服务费¥3.00",
        "合计¥393.90",
        "已付定金¥50.00",
        "尚欠金额¥343.90",
        "客户签字",
    ):
        assert expected in text, expected
    assert "建档户" not in text and "减免" not in text


def test_a_waived_fee_is_shown_waived_on_a_households_order(station, tmp_path):
    order = ordered(station, household=True, items=1)
    text = read(order_slip(order=order, paper="80mm", **FRAME), tmp_path)
    assert f"★建档户{HOUSEHOLD_NO}" in text
    assert "服务费¥0.00（已减免¥3.00）" in text
    assert "尚欠金额¥149.00" in text  # 199.00 - 50.00 deposit


def test_an_order_placed_for_less_than_the_deposit_owes_change(station, tmp_path):
    order = ordered(station, items=1)
    station.orders.place(
        order.id, platform_order_no="PDD2611230001", paid="40.00", account="wechat"
    )
    text = read(order_slip(order=station.orders.get(order.id), paper="58mm", **FRAME), tmp_path)
    assert "平台订单号PDD2611230001" in text
    assert "货款（实付）¥40.00" in text
    assert "应找还您¥7.00" in text  # 40.00 + 3.00 fee - 50.00 deposit


# --- the household log ------------------------------------------------------------------------


def test_a_households_ledger_is_a_landscape_sheet_with_a_row_per_entry_and_totals(
    station, tmp_path
):
    a_household_helped(station)
    page = station.households.log(HOUSEHOLD_NO)
    pdf = household_ledger(page=page, operators=operators(station), **FRAME)
    size = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert re.search(r"Page size:\s+841\.89 x 595\.2", size), size
    text = read(pdf, tmp_path)
    for expected in (
        "帮扶台账",
        f"户编号{HOUSEHOLD_NO}",
        "户主岩温香",
        "身份证号**************001X",
        "联系电话尾号5678",
        "户类型脱贫户",
        "签字/手印",
        "收购",
        "代销收货",
        "代销结算",
        "帮扶服务",
        "代办表格",
        "(¥40.00)",  # the catalog's reference price beside the price paid
        "增收金额",
        format_money(page.totals.income_fen),
    ):
        assert expected in text, expected
    assert text.count(HOUSEHOLD_NO) == len(page.entries) + 1  # its rows and the head line
    assert "李秀英" in text


def test_a_stations_ledger_of_a_month_runs_onto_pages_with_its_header_on_each(station, tmp_path):
    a_household_helped(station, purchases=60)
    entries = station.households.entries()
    households = {n: station.households.household(n).household for n in {HOUSEHOLD_NO}}
    totals = station.households.station_totals()
    pdf = station_ledger(
        period=station.households.log(HOUSEHOLD_NO, "2026-01").period,
        entries=entries,
        households=households,
        totals=totals,
        operators=operators(station),
        **FRAME,
    )
    pages = page_count(pdf, tmp_path)
    assert pages >= 3
    for number in range(1, pages + 1):
        on_page = read(pdf, tmp_path, page=number)
        if HOUSEHOLD_NO in on_page:  # a page of rows starts with the table's header
            assert "签字/手印" in on_page and "身份证号" in on_page
        assert f"第{number}页，共{pages}页" in on_page
    assert HOUSEHOLD_NO in read(pdf, tmp_path, page=pages - 1)
    text = read(pdf, tmp_path)
    assert text.count(HOUSEHOLD_NO) == len(entries) == 60 + 3
    last = read(pdf, tmp_path, page=pages)
    for expected in ("带动户数", "带动人数", "收购金额", format_money(totals.bought_fen)):
        assert expected in last, expected


def test_the_stations_entries_are_every_households_rows_of_the_period(station):
    a_household_helped(station, purchases=2)
    rows = station.households.entries()
    assert [row.type for row in rows][:2] == ["produce.bought", "produce.bought"]
    assert {row.household_id for row in rows} == {HOUSEHOLD_NO}
    assert rows == station.households.log(HOUSEHOLD_NO, None).entries
    assert station.households.entries("2001-01") == []


# --- the pictures in the docs -----------------------------------------------------------------


def render_doc_images(folder: Path = REPO / "docs" / "img") -> list[Path]:
    """One picture per document kind, as the operator manual shows them (pdftoppm at 80 dpi)."""
    from stationapp.core.station import Station

    install_chinese()
    with tempfile.TemporaryDirectory() as scratch:
        station = Station.create(
            Path(scratch) / "station",
            name="孟定镇芒艾村电商服务站",
            manager_name="李秀英",
            manager_pin="2580",
            phone="0883-6123456",
        )
        try:
            pictures = _pictures(station)
        finally:
            station.close()
    written = []
    for name, pdf in pictures.items():
        pdf_path = folder / f"{name}.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf_path), str(folder / name)],
            check=True,
        )
        pdf_path.unlink()
        written.append(folder / f"{name}.png")
    return written


def _pictures(station: Any) -> dict[str, bytes]:
    household = household_of
    a_household_helped(station, purchases=4)
    bought = station.produce.purchases_on().purchases[0]
    lot, settlement = settled(station)
    order = ordered(station, household=True, items=3)
    return {
        "doc-purchase-voucher-80mm": purchase_voucher(
            purchase=bought, weighing=SCALE, household=household(station), paper="80mm", **FRAME
        ),
        "doc-consignment-slip-80mm": consignment_slip(
            lot=lot, household=household(station), paper="80mm", **FRAME
        ),
        "doc-settlement-slip-58mm": settlement_slip(
            lot=lot, settlement=settlement, household=household(station), paper="58mm", **FRAME
        ),
        "doc-order-slip-a4": order_slip(order=order, paper="A4", **FRAME),
        "doc-household-ledger-a4": household_ledger(
            page=station.households.log(HOUSEHOLD_NO), operators=operators(station), **FRAME
        ),
    }


if __name__ == "__main__":
    for path in render_doc_images():
        sys.stdout.write(f"{path}\n")
