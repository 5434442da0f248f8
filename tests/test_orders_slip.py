"""The order slip names the household's kind beside its 户编号, as the orders page marks it:
【脱贫户】, or the 监测对象's kind when the registry gives one; nothing for a villager of no
registered household."""

from __future__ import annotations

import pytest

from stationapp.receipts.orders import order_slip
from tests.orders_helpers import HOUSEHOLD, PHONE, new_order, register_household
from tests.parcel_documents import pdf_text
from tests.receipts_lines_data import FRAME, install_chinese


@pytest.fixture(autouse=True)
def chinese():
    install_chinese()


def slip_text(order, tmp_path) -> str:
    text = pdf_text(order_slip(order=order, paper="80mm", **FRAME), tmp_path, layout=True)
    return "".join(text.split())


def household_order(station):
    return new_order(station, customer={"name": "岩温", "phone": PHONE, "household_id": HOUSEHOLD})


def test_a_households_slip_shows_its_kind(station, tmp_path):
    register_household(station)
    order = household_order(station)
    assert order.household_kind == "脱贫户"
    assert f"★建档户{HOUSEHOLD}【脱贫户】" in slip_text(order, tmp_path)


def test_a_monitored_household_shows_its_monitoring_kind(station, tmp_path):
    register_household(station)
    order = household_order(station)
    data = station.county.household(HOUSEHOLD)
    change = {
        "cursor": "2",
        "kind": "household",
        "op": "upsert",
        "key": HOUSEHOLD,
        "data": {
            "household_no": HOUSEHOLD,
            "head_name": data.head_name,
            "id_tail": "001X",
            "members": 4,
            "township": "孟定镇",
            "village": "芒艾村",
            "household_type": "脱贫户",
            "monitoring_type": "边缘易致贫户",
            "phone_masked": "尾号0521",
        },
    }
    station.county.apply_page([change], "2")
    text = slip_text(station.orders.get(order.id), tmp_path)
    assert "【边缘易致贫户】" in text and "【脱贫户】" not in text


def test_a_villager_of_no_household_has_no_marker(station, tmp_path):
    text = slip_text(new_order(station), tmp_path)
    assert "建档户" not in text and "【" not in text
