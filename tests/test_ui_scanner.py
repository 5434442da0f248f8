"""The barcode scanner filter: a fast burst ending in Enter is a scan; typing by hand is not."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from stationapp.ui.scanner import ScannerFilter

WAYBILL = "73100012345678"
HUMAN_DELAY_MS = 40  # QTest waits this before the press and the release: 80 ms a key

# the offscreen platform warns that it cannot raise or size windows: not the app's warning
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def scanner(qapp: QApplication) -> Iterator[ScannerFilter]:
    scanner = ScannerFilter()
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)
    scanner.deleteLater()


@pytest.fixture
def field(qtbot) -> Iterator[QLineEdit]:
    form = QWidget()
    edit = QLineEdit(form)
    QVBoxLayout(form).addWidget(edit)
    qtbot.addWidget(form)
    form.show()
    edit.setFocus()
    yield edit
    form.close()


def test_a_fast_burst_ending_in_enter_is_a_scan(qtbot, scanner, field):
    with qtbot.waitSignal(scanner.scanned, timeout=1000) as scan:
        qtbot.keyClicks(field, WAYBILL)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scan.args == [WAYBILL]


def test_a_scan_leaves_no_garbage_in_the_focused_field(qtbot, scanner, field):
    field.setText("岩温")
    with (
        qtbot.waitSignal(scanner.scanned, timeout=1000),
        qtbot.assertNotEmitted(field.returnPressed),
    ):
        qtbot.keyClicks(field, WAYBILL)
        qtbot.keyClick(field, Qt.Key.Key_Enter)
    qtbot.wait(150)  # longer than the scanner holds keys back: nothing arrives late either
    assert field.text() == "岩温"


def test_typing_by_hand_lands_in_the_field_and_is_no_scan(qtbot, scanner, field):
    with qtbot.assertNotEmitted(scanner.scanned, wait=100):
        qtbot.keyClicks(field, "0451", delay=HUMAN_DELAY_MS)
        qtbot.keyClick(field, Qt.Key.Key_Return, delay=HUMAN_DELAY_MS)
    assert field.text() == "0451"


def test_enter_typed_by_hand_still_reaches_the_field(qtbot, scanner, field):
    qtbot.keyClicks(field, "5678", delay=HUMAN_DELAY_MS)
    with qtbot.waitSignal(field.returnPressed, timeout=1000):
        qtbot.keyClick(field, Qt.Key.Key_Return, delay=HUMAN_DELAY_MS)
    assert field.text() == "5678"


def test_a_fast_burst_without_enter_is_handed_on_to_the_field(qtbot, scanner, field):
    qtbot.keyClicks(field, "1234")
    qtbot.waitUntil(lambda: field.text() == "1234", timeout=1000)


def test_a_burst_too_short_for_a_code_is_typing(qtbot, scanner, field):
    with qtbot.assertNotEmitted(scanner.scanned):
        qtbot.keyClicks(field, "12")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "12"


def test_held_keys_keep_their_order_before_a_backspace(qtbot, scanner, field):
    qtbot.keyClicks(field, "ab")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "a"
