"""The barcode scanner filter: a fast burst ending in Enter is a scan; typing by hand is not."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from scanner_keys import HUMAN_GAP_MS, feed, focus_receiver, scanner_keys

from stationapp.ui.kit.scanner import ScannerFilter

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
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
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


# as a real scanner types: Shift around capitals, 2-10 ms apart (tests/scanner_keys.py) -------


def test_shift_around_capitals_is_part_of_the_scan(qtbot, scanner, field):
    """A Shift press used to count as 'not typing' and hand the held keys on: a waybill with
    capitals was never a scan, and its first letters went into the field."""
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        feed(qtbot, scanner_keys("JDVA16786843353"))
    assert scan.args == ["JDVA16786843353"]
    qtbot.wait(150)  # longer than the scanner holds keys back: nothing arrives late either
    assert field.text() == ""


def test_a_scan_may_end_with_tab_and_its_aim_prefix_is_taken_off(qtbot, scanner, field):
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        feed(qtbot, scanner_keys("SF1234567890123", end="tab", prefix="]C1"))
    assert scan.args == ["SF1234567890123"]
    assert field.text() == "" and field.hasFocus()


def test_a_busy_moment_of_the_gui_thread_does_not_split_a_scan(qtbot, scanner, field):
    """The keys' own times (the window system's) tell a scan, not when they reached the
    filter: keys queued behind a slow refresh arrive together and late."""

    def slow_refresh() -> None:
        end = time.monotonic() + 0.15
        while time.monotonic() < end:
            pass

    QTimer.singleShot(40, slow_refresh)
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        feed(qtbot, scanner_keys("YT1234567890123"))
    assert scan.args == ["YT1234567890123"]
    assert field.text() == ""


def test_keys_held_for_a_save_reach_the_field_that_has_the_focus_after_it(qtbot, scanner, field):
    other = QLineEdit(field.parentWidget())
    field.parentWidget().layout().addWidget(other)
    other.show()
    scanner.hold_keys()
    feed(qtbot, scanner_keys("773", end=""), gap_ms=HUMAN_GAP_MS)
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        feed(qtbot, scanner_keys("YT1234567890123"))
        assert field.text() == "" and other.text() == ""  # nothing while the save is out
        other.setFocus()  # the answer moved the focus
        scanner.let_keys_go()
    assert scan.args == ["YT1234567890123"]
    qtbot.waitUntil(lambda: other.text() == "773", timeout=3000)
    assert field.text() == ""


def test_a_scan_nobody_takes_is_typed_into_the_field_as_it_came(qtbot, scanner, field):
    scanner.route = lambda code: False
    with qtbot.waitSignal(field.returnPressed, timeout=3000):
        feed(qtbot, scanner_keys("]C1JT1234567890123"))
    assert field.text() == "JT1234567890123"


def test_a_letter_inside_a_scan_is_never_taken_for_a_shortcut(qtbot, scanner):
    """Through the window system's path (the shortcut map first): a page's one-letter shortcut
    must not eat the A of a scan while a button has the focus."""
    form = QWidget()
    button = QPushButton("OK", form)
    QVBoxLayout(form).addWidget(button)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    button.setFocus()
    taken = []
    key = QShortcut(QKeySequence("A"), form)
    key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    key.activated.connect(lambda: taken.append("A"))
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        for char in "JDVA1678":
            QTest.keyClick(form.windowHandle(), char)
        QTest.keyClick(form.windowHandle(), Qt.Key.Key_Return)
    assert scan.args == ["JDVA1678"]
    assert taken == []


def test_keys_still_queued_after_a_busy_moment_join_their_scan(qtbot, scanner, field):
    """The filter's own 'no more keys' timer may come due before the keys the window system
    queued while the GUI thread was busy: it looks once more before calling the burst typing."""
    steps = scanner_keys("78123456789012")
    first, rest = steps[:10], steps[10:]
    start = int(time.monotonic() * 1000)

    def arrive(part: list, offset: int) -> None:
        for index, step in enumerate(part):
            QApplication.sendEvent(focus_receiver(), step.event(start + 5 * (offset + index)))

    arrive(first, 0)
    end = time.monotonic() + 0.15  # the GUI thread busy: a slow refresh
    while time.monotonic() < end:
        pass
    QTimer.singleShot(1, lambda: arrive(rest, len(first)))  # due after the filter's timer
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as scan:
        pass
    assert scan.args == ["78123456789012"]
    assert field.text() == ""


def test_keys_are_never_held_longer_than_the_limit(qtbot, field, caplog):
    """A save whose answer never comes (a bug) must not swallow the keyboard."""
    scanner = ScannerFilter(max_hold_ms=300)
    QApplication.instance().installEventFilter(scanner)
    try:
        scanner.hold_keys()
        with caplog.at_level(logging.WARNING):
            feed(qtbot, scanner_keys("0451", end=""), gap_ms=HUMAN_GAP_MS)
            qtbot.waitUntil(lambda: field.text() == "0451", timeout=3000)
        assert not scanner.holding
        assert any("did not come" in record.getMessage() for record in caplog.records)
    finally:
        QApplication.instance().removeEventFilter(scanner)


def test_typing_bunched_up_by_a_busy_moment_is_still_typing(qtbot, scanner, field):
    """Keys typed by hand while the GUI thread was busy arrive together; their own times say
    they were typed at a person's pace: no scan, they land in the field with their Enter."""
    start = int(time.monotonic() * 1000)
    with (
        qtbot.assertNotEmitted(scanner.scanned, wait=150),
        qtbot.waitSignal(field.returnPressed, timeout=3000),
    ):
        for index, step in enumerate(scanner_keys("0451")):
            QApplication.sendEvent(focus_receiver(), step.event(start + 120 * index))
    assert field.text() == "0451"
