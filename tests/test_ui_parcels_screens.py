"""Each parcel sub-page with realistic demo data, in Chinese, at 1366×768: it fits the screen, and
its picture is saved (into docs/img when STATIONAPP_SCREENSHOTS names that folder:
``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_parcels_screens.py``)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    sounds_played,
)

from stationapp.core import Station, clock
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import SendResult
from stationapp.ui.app import create_application, install_translators
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow

pytestmark = QT_LOG_IGNORE

ROOT = Path(__file__).resolve().parents[1]
INCOMING = ROOT / "resources" / "i18n" / "incoming"
SUB_PAGES = ("intake", "pickup", "shelf", "sending", "handover")
NOW = datetime(2026, 11, 23, 14, 25, tzinfo=clock.SHANGHAI)  # a Monday, just past the cut-off

# (days ago, waybill, phone, name, shelf, layer)
ARRIVED = [
    (9, "73116685420137", "13887654321", "岩温", "A", 1),
    (8, "YT7462031885402", "13988761234", "玉香", "A", 1),
    (8, "312078456610923", "15912340521", "李春梅", "A", 2),
    (5, "75300218874456", "18787651122", "杨建华", "A", 2),
    (4, "YT7462099310586", "13708831234", "段正伟", "B", 1),
    (4, "73118802316648", "13577428806", "罕南", "B", 1),
    (3, "314455028176301", "18308830412", "刀小燕", "B", 2),
    (2, "75301128804413", "15087314427", "俸志强", "B", 2),
    (1, "YT7462155874621", "13887654321", "岩温", "C", 1),
    (1, "73119935061127", "13529816650", "赵玉兰", "C", 1),
    (0, "318802645510297", "13887654321", "岩温", "C", 2),
    (0, "YT7462210038845", "19908835517", "张*", "C", 2),
]
# sender | item | category | recipient | address | carrier | grams | fee in fen | label
SENT = [
    "岩温|勐撒红糖|food|李春梅|云南省昆明市五华区青年路 88 号|ZTO|2500|1250|73119901224536",
    "玉香|孟定芒果干|produce|杨丽|云南省临沧市临翔区南塘街 6 号|ZTO|1200|800|",
    "段正伟|古丈毛尖|food|陈建国|湖南省长沙市芙蓉区五一大道 1 号|ZTO|600|1000|73119901224587",
    "罕南|普洱茶饼|food|王芳|广东省广州市天河区体育西路 12 号|YTO|1800|1500|YT7463300125561",
    "刀小燕|民族服饰|clothing|刀小兰|云南省景洪市勐泐大道 3 号|YUNDA|900|900|318809915520014",
]


@pytest.fixture
def chinese_everything(qapp) -> Iterator[None]:
    """The app in Chinese, with the committed translation (complete: test_translations)."""
    create_application()
    assert install_translators("zh_CN")
    yield
    install_translators("en")


def demo_station(station: Station) -> dict[str, object]:
    """A morning at 芒艾村: parcels on the shelves for days, pickups, sendings, texts."""
    station.settings.set("sms.signature", "芒艾村服务站")
    parcels = {}
    for days, waybill, phone, name, shelf, layer in ARRIVED:
        clock.set_clock(lambda days=days: NOW - timedelta(days=days, hours=5))
        parcels[waybill] = station.parcels.receive(
            waybill=waybill, recipient_phone=phone, recipient_name=name, shelf=shelf, layer=layer
        )
    clock.set_clock(lambda: NOW - timedelta(hours=1))
    station.parcels.remind([parcels["73116685420137"].id])
    texts = station.sms.outbox()  # newest first
    for text in texts[4:]:
        station.sms.record_result(text.id, SendResult.sent("aliyun", "msg"))
    station.sms.record_result(
        texts[3].id,
        SendResult.failed("aliyun", reasons.NUMBER_REFUSED, code="isv.MOBILE_NUMBER_ILLEGAL"),
    )
    station.sms.record_result(
        texts[2].id,
        SendResult.failed(
            "aliyun", reasons.RATE_LIMITED, code="isv.BUSINESS_LIMIT_CONTROL", retryable=True
        ),
    )
    for row in SENT:
        sender, item, category, name, address, carrier, grams, fee, label = row.split("|")
        station.sending.send(
            sender_name=sender,
            sender_phone="13887654321",
            id_type="resident_id",
            id_number="530926198503152018",
            item_name=item,
            item_category=category,
            item_count=1,
            recipient_name=name,
            recipient_phone="15912340521",
            recipient_address=address,
            carrier=carrier,
            weight_g=int(grams),
            fee_fen=int(fee),
            payment="wechat",
            waybill=label,
        )
    clock.set_clock(lambda: NOW)
    return parcels


@pytest.fixture
def demo_window(qtbot, station, worker, desk, chinese_everything) -> Iterator[MainWindow]:
    demo_station(station)
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    window.close()


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.worker.idle, timeout=5000)
    QApplication.processEvents()


def stage(qtbot, window: MainWindow, key: str) -> None:
    """Put the sub-page in a state worth showing."""
    page = window.show_page("parcels")
    panel = page.show_sub_page(key)
    settle(qtbot, window)
    if key == "intake":
        for waybill, phone, name in (
            ("73119935061201", "13887654321", ""),
            ("YT7462210038911", "13988761234", ""),
            ("318802645510355", "18687659012", "刀*"),
        ):
            panel.waybill.setText(waybill)
            panel.waybill_entered()
            settle(qtbot, window)
            panel.carrier_confirmed()
            panel.phone.setText(phone)
            panel.name.setText(name)
            panel.phone_entered()
            settle(qtbot, window)
        panel.waybill.setText("77012458810326")
        panel.waybill_entered()
        settle(qtbot, window)
    elif key == "pickup":
        panel.search.setText("4321")
        panel.run_search()
    elif key == "shelf":
        panel.overdue_only.setChecked(True)
        settle(qtbot, window)
        selection = panel.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in (0, 2, 3):
            selection.select(panel.model.index(row, 0), flags)
    elif key == "sending":
        for field, text in (
            ("sender_name", "罕南"),
            ("sender_phone", "13577428806"),
            ("id_number", "530926199207083040"),
            ("item_name", "勐撒红糖"),
            ("recipient_name", "罕香"),
            ("recipient_phone", "13912345678"),
            ("recipient_address", "云南省临沧市耿马县孟定镇清水河村 5 组"),
            ("fee", "12元5角"),
        ):
            getattr(panel, field).setText(text)
        panel.id_number.mask()
        panel.recipient_address.setCursorPosition(0)
        panel.carrier.setCurrentIndex(panel.carrier.findData("ZTO"))
        panel.category.setCurrentIndex(panel.category.findData("food"))
        panel.weight.setValue(3000)
        panel.item_count.setValue(2)
    settle(qtbot, window)


@pytest.mark.parametrize("key", SUB_PAGES)
def test_each_parcel_page_fits_the_screen_in_chinese_and_is_pictured(
    qtbot, demo_window, tmp_path, key
):
    window = demo_window
    stage(qtbot, window, key)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH
    assert hint.height() <= SCREEN_HEIGHT - 40
    page = window.page("parcels")
    assert page.sub_page_buttons[key].isChecked()
    assert page.sub_page_buttons["intake"].text().startswith("到件入库")
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / f"ui-parcels-{key}.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("key", ["outbox", "settings"])
def test_the_texts_page_is_its_own_page_that_fits_the_screen_in_chinese_and_is_pictured(
    qtbot, demo_window, tmp_path, key
):
    window = demo_window
    qtbot.keyClick(window, Qt.Key.Key_F11)
    page = window.current_page()
    assert page is window.page("sms")
    assert window.navigation.currentItem().text() == "F11  短信"
    assert "outbox" not in window.page("parcels").sub_pages
    page.show_sub_page(key)
    settle(qtbot, window)
    assert page.sub_page_buttons[key].isChecked()
    assert page.sub_page_buttons["outbox"].text().startswith("发件箱")
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH
    assert hint.height() <= SCREEN_HEIGHT - 40
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / f"ui-sms-{key}-page.png"
    assert window.grab().save(str(path))


def test_the_demo_shelf_colours_the_old_parcels(qtbot, demo_window):
    stage(qtbot, demo_window, "shelf")
    model = demo_window.page("parcels").shelf.model
    age = model.AGE_COLUMN
    backgrounds = [model.index(row, age).data(Qt.ItemDataRole.BackgroundRole) for row in range(4)]
    assert all(colour is not None for colour in backgrounds)


def test_the_intake_page_still_fits_with_a_long_refusal_showing(qtbot, demo_window):
    demo_window.resize(SCREEN_WIDTH, SCREEN_HEIGHT - 40)  # maximised above the taskbar
    stage(qtbot, demo_window, "intake")
    intake = demo_window.page("parcels").intake
    intake.message.show_refusal(
        "运单 73116685420137 已在货架上，取件码 A-1-0001（2026-11-14 09:25 入库）。"
        "不要重复入库：把这件和它放在一起，扫描下一件。"
    )
    QApplication.processEvents()
    message = intake.message
    assert demo_window.height() <= SCREEN_HEIGHT - 40  # the window did not have to grow
    assert message.height() >= message.heightForWidth(message.width())  # not cut
    assert message.geometry().bottom() <= intake.rect().bottom()


def test_the_known_customers_a_labels_tail_offers_fit_the_screen_and_are_pictured(
    qtbot, demo_window, tmp_path
):
    """玉香 and 段正伟 both have numbers ending in 1234: the label's tail offers both."""
    window = demo_window
    stage(qtbot, window, "intake")  # two parcels in the batch, a waybill scanned
    panel = window.page("parcels").intake
    panel.carrier_confirmed()
    panel.phone.setText("1234")
    panel.phone_entered()
    settle(qtbot, window)
    assert panel.offers.isVisible() and panel.offers.count() == 3
    assert panel.offers.item(0).text().startswith("1  ")
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT - 40
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / "ui-parcels-intake-tail.png"
    assert window.grab().save(str(path))
