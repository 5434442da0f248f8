"""The produce page in the real main window, in Chinese at 1366×768: it fits, and its pictures
are saved (into docs/img when STATIONAPP_SCREENSHOTS names that folder:
``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_produce_screens.py``): the
purchase form with a scale reading and the stock, consignment (a registered household chosen
and marked), and a sale of two lines."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stationapp.scales import CONNECTED
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from tests.fakes.fake_scale import FakeScale
from tests.produce_helpers import TEA, with_county
from tests.ui_chinese import in_chinese

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.skipif(sys.platform == "win32", reason="the fake scale is a POSIX pty"),
]


def a_mornings_buying(st) -> None:
    with_county(st)
    buy = st.produce.buy
    buy(
        seller="岩温香",
        seller_phone="13812345678",
        product=TEA,
        grade="特级",
        quantity="12.5",
        unit="斤",
        unit_price="42",
        paid="wechat",
    )
    buy(
        seller="玉罕",
        seller_phone="13987654321",
        product="八月瓜",
        grade="一级",
        quantity="30",
        unit="斤",
        unit_price="3.5",
        paid="cash",
    )
    buy(
        seller="岩香",
        product="土鸡蛋",
        grade="统货",
        quantity="60",
        unit="个",
        unit_price="1.2",
        paid="cash",
    )
    lot = st.produce.consign(
        consignor="玉罕",
        product="蜂蜜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="60",
        commission_percent="8",
    )
    st.produce.sell(
        buyer="李老板",
        channel="832平台",
        paid="bank",
        lines=[
            {"product": TEA, "grade": "特级", "unit": "斤", "quantity": "5", "unit_price": "48"},
            {"lot": lot.id, "quantity": "4", "unit_price": "62"},
        ],
    )


@pytest.fixture
def window(qtbot, station, worker) -> Iterator[MainWindow]:
    scale = FakeScale()
    a_mornings_buying(station)
    station.settings.set("scale.port", scale.port)
    station.settings.set("scale.model", "st-gs")
    with in_chinese(station_look=True):
        window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
        qtbot.addWidget(window)
        window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
        window.show()
        window.scale = scale
        yield window
        window.page("produce").purchase.stop_scale()
        window.stop_watching()
        window.close()
        qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    scale.close()


def picture(window: MainWindow, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / f"ui-produce-{name}.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_the_purchase_form_with_a_scale_reading_fits_and_is_pictured(
    qtbot, window, worker, tmp_path
):
    window.show_page("produce")
    page = window.page("produce")
    panel = page.purchase
    qtbot.waitUntil(lambda: panel.link is not None, timeout=5000)
    qtbot.waitUntil(lambda: panel.link.reader.status.state == CONNECTED, timeout=5000)
    for _ in range(3):
        window.scale.send(b"ST,GS,+ 26.150kg\r\n")
    qtbot.waitUntil(lambda: "稳定" in panel.scale_label.text(), timeout=5000)
    panel.seller.setText("5678")
    panel.look_up_sellers()
    qtbot.waitUntil(lambda: panel.seller_model.rowCount() == 1, timeout=5000)
    panel.choose_seller(panel.offered[0])
    panel.product.setText("勐库大叶种晒青毛茶")
    panel.grade.setCurrentText("一级")
    panel.quantity.setText("52.3")
    panel.price.setText("38.5")
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 3, timeout=5000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert page.sub_page_buttons["purchase"].text().startswith("收购")
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT - 40
    picture(window, "purchase", tmp_path)


@pytest.mark.parametrize("key", ["consign", "sale"])
def test_the_consignment_and_sale_forms_fit_and_are_pictured(qtbot, window, worker, tmp_path, key):
    window.show_page("produce")
    page = window.page("produce")
    page.show_sub_page(key)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    if key == "consign":  # a registered household's honey being taken in, its marker shown
        form = page.consign
        form.consignor.setText("5678")
        form.look_up_sellers()
        qtbot.waitUntil(lambda: form.seller_model.rowCount() == 1, timeout=5000)
        form.choose_seller(form.offered[0])
        assert "【脱贫户】" in form.household.text()
        form.product.setText("蜂蜜")
        form.quantity.setText("8")
        form.asking.setText("65")
        form.commission.setText("8")
    if key == "sale":  # a sale of two lines being made: the stock's tea, then the honey
        sale = page.sale
        sale.buyer.setText("县城超市")
        sale.channel.setCurrentText("商超")
        sale.goods.setCurrentIndex(0)
        sale.quantity.setText("2.5")
        sale.price.setText("48")
        assert sale.add_line()
        sale.goods.setCurrentIndex(sale.goods.count() - 1)  # the consigned honey
        sale.quantity.setText("3")
        sale.price.setText("62")
        assert sale.add_line()
        sale.paid.setCurrentIndex(1)
        assert sale.lines.rowCount() == 2
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT - 40
    picture(window, key, tmp_path)
