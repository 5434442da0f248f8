"""The main window: the navigation column, the pages, the status bar, the idle lock, the scanner.

A page that records something emits what it changed (a ``Changes``); the window broadcasts it
with ``changed`` and every page refreshes itself from it (STYLE.md, "A change says what it
changed"). The pages come from the page table (``ui.page_table``); a form one page asks of
another line (``open_form("parcels.settings", parent)``) is routed here, by the line's key.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Operator, Station, VerifyResult
from stationapp.core.changes import Changes
from stationapp.ui.chain_check import ChainCheck
from stationapp.ui.kit.errors import ErrorDialog
from stationapp.ui.kit.idle import IdleWatch
from stationapp.ui.kit.page import FormRequest, Page, PageContext
from stationapp.ui.kit.scanner import ScannerFilter
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.lock import LockScreen
from stationapp.ui.page_table import PAGE_TABLE, SCAN_LANDING, PageEntry
from stationapp.ui.pages.placeholder import PlaceholderPage

log = logging.getLogger(__name__)

# (key, title) in the order of F1, F2...
PAGES = tuple((entry.key, entry.title) for entry in PAGE_TABLE)
NAVIGATION_WIDTH = 200
MINUTE_MS = 60_000
NOTICE_MS = 20_000


def _takes_text(widget: QWidget | None) -> bool:
    """A field a scan can be typed into as it came."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QAbstractSpinBox)


class MainWindow(QMainWindow):
    changed = Signal(Changes)  # what a page or a runner recorded, told to every page
    language_changed = Signal(str)
    switch_operator_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        operator: Operator,
        *,
        idle_interval_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.operator = operator
        self.locked = False
        self._idle_override = idle_interval_ms
        self.setWindowTitle(self.tr("Village Station"))

        # the scanner first: pages hold the keys while their saves are on the worker thread
        self.scanner = ScannerFilter(self, route=self.route_scan)
        self.scanner.scanned.connect(self._log_scan)
        context = PageContext(
            station=station,
            worker=worker,
            operator=operator,
            scanner=self.scanner,
            open_form=self.open_form,
        )
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.page_keys: list[str] = []
        for number, entry in enumerate(PAGE_TABLE, start=1):
            name = QCoreApplication.translate("MainWindow", entry.title)
            self.navigation.addItem(f"F{number}  {name}")
            page = self._make_page(context, entry, name)
            page.changed.connect(self.changed)
            self.changed.connect(page.on_changed)
            self.pages.addWidget(page)
            self.page_keys.append(entry.key)
        self.navigation.currentRowChanged.connect(self._page_chosen)
        self.changed.connect(self._on_changed)

        self.tamper_warning = QLabel()
        self.tamper_warning.setObjectName("tamperWarning")
        self.tamper_warning.setWordWrap(True)
        self.tamper_warning.hide()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.setInterval(NOTICE_MS)
        self.notice_timer.timeout.connect(self.notice.hide)

        content = QVBoxLayout()
        content.setContentsMargins(20, 12, 20, 12)
        content.setSpacing(10)
        content.addWidget(self.tamper_warning)
        content.addWidget(self.notice)
        content.addWidget(self.pages, 1)
        self.workspace = QWidget()
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addLayout(content, 1)

        self.lock_screen = LockScreen(station, worker, scanner=self.scanner)
        self._focus_before_lock: QWidget | None = None
        self._scans_waiting: list[str] = []
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switch_operator_requested.connect(self.switch_operator_requested)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.workspace)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)

        self.operator_label = QLabel(self._operator_text(operator))
        self.county_label = QLabel(self.tr("Not joined to a county center"))
        self.waiting_label = QLabel()
        self._show_waiting(0)
        for label in (self.operator_label, self.county_label, self.waiting_label):
            self.statusBar().addWidget(label)

        self.shortcuts = self._make_shortcuts()
        self.idle = IdleWatch(self)
        self.idle.went_idle.connect(self.lock)
        self.chain_check = ChainCheck(station, worker, self)
        self.chain_check.failed.connect(self._show_verification)

        self.show_page(0)
        self._load_status()

    def _make_page(self, context: PageContext, entry: PageEntry, title: str) -> Page:
        if entry.make is None:
            return PlaceholderPage(context, entry.key, title)
        return entry.make(context)

    def _make_shortcuts(self) -> list[QShortcut]:
        shortcuts = []
        for index in range(len(PAGE_TABLE)):
            key = getattr(Qt.Key, f"Key_F{index + 1}")
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda index=index: self.show_page(index))
            shortcuts.append(shortcut)
        lock = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L), self)
        lock.activated.connect(self.lock)
        shortcuts.append(lock)
        return shortcuts

    # pages --------------------------------------------------------------------------------------

    def show_page(self, index_or_key: int | str) -> Page:
        index = (
            self.page_keys.index(index_or_key) if isinstance(index_or_key, str) else index_or_key
        )
        self.navigation.setCurrentRow(index)
        return self.current_page()

    def current_page(self) -> Page:
        return self.pages.currentWidget()  # type: ignore[return-value]

    def page(self, key: str) -> Page:
        return self.pages.widget(self.page_keys.index(key))  # type: ignore[return-value]

    def open_form(
        self, name: str, parent: QWidget, request: FormRequest | None = None
    ) -> QDialog | None:
        """``line.form`` (``"sms.settings"``): the form that line's page offers, over
        ``parent``, filled in and answered as ``request`` asks; None when there is none or the
        operator may not open it. A page whose forms take no request is asked without one."""
        key, _dot, form = name.partition(".")
        if key not in self.page_keys:
            raise KeyError(f"no page {key!r} in the page table for the form {name!r}")
        page = self.page(key)
        return (
            page.open_form(form, parent)
            if request is None
            else page.open_form(form, parent, request)
        )

    @Slot(int)
    def _page_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.pages.setCurrentIndex(index)
        self.current_page().on_shown()

    # the scanner --------------------------------------------------------------------------------

    def route_scan(self, code: str) -> bool:
        """Where a scan goes; False when it is to be typed into the focused field as it came.

        On the lock screen a PIN (digits the PIN field takes) is typed into the PIN field as it
        came (its Enter unlocks); anything else (a waybill) waits and is used after the unlock,
        never counted as a wrong PIN. A dialog takes it with its own ``on_scan`` if it has one
        (what it does not take waits until it is closed); else a text field focused in it gets
        it typed as it came; else (a question with buttons, whose letters or Enter would answer
        it) it waits until the dialog is closed. An open drop-down list is closed first. On the
        workspace the page shown uses it, else it lands on the parcels page's pickup search."""
        if self.locked:
            pin = self.lock_screen.pin
            if code.isascii() and code.isdigit() and len(code) <= pin.maxLength():
                return False
            self._scans_waiting.append(code)
            return True
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if modal is not None and modal is not self:
            taker = getattr(modal, "on_scan", None)
            if callable(taker):
                if not taker(code) and isinstance(modal, QDialog):
                    self._scan_after(modal, code)  # not for it: after it, never typed into it
                return True
            if _takes_text(focus):
                return False
            if isinstance(modal, QDialog):
                self._scan_after(modal, code)
                return True
            return False
        if focus is not None and focus.window() is not self:
            return False
        self.scan_received(code)
        return True

    def _scan_after(self, dialog: QDialog, code: str) -> None:
        """A scan made while a question is open is used once it is answered."""
        self._scans_waiting.append(code)
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, self._route_later))

    @Slot()
    def _route_later(self) -> None:
        if self.locked:
            return  # the scans wait for the unlock, never go into the PIN field
        codes, self._scans_waiting = self._scans_waiting, []
        for code in codes:
            if not self.route_scan(code):
                self.scanner.type_code(code)

    @Slot(str)
    def scan_received(self, code: str) -> None:
        """A scan the page shown does not use lands on the parcels page's pickup search."""
        if self.current_page().on_scan(code):
            return
        landing = self.page(SCAN_LANDING)
        finder = getattr(landing, "find_scanned", None)
        if callable(finder):
            self.show_page(SCAN_LANDING)
            finder(code)
        else:
            self.show_notice(self.tr("Scanned {code}").format(code=code))

    @Slot(str)
    def _log_scan(self, code: str) -> None:
        log.debug("scanned %d characters", len(code))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        self.notice_timer.start()

    # status -------------------------------------------------------------------------------------

    def _operator_text(self, operator: Operator) -> str:
        role = self.tr("manager") if operator.is_manager else self.tr("operator")
        return self.tr("Operator: {name} ({role})").format(name=operator.name, role=role)

    def _show_waiting(self, count: int) -> None:
        self.waiting_label.setText(self.tr("Waiting to send: {count}").format(count=count))

    def _load_status(self) -> None:
        self.worker.call(self._status, on_done=self._show_status)
        # an event edited with SQL breaks the chain: the events new since the last check now,
        # the whole chain in slices while the station is idle (ui/chain_check.py)
        self.chain_check.start()

    def _status(self) -> tuple[dict[str, Any], int, str]:
        return (
            self.station.settings.all(),
            self.station.events.unpushed_count(),
            self.station.info.station_id,
        )

    def _show_status(self, status: tuple[dict[str, Any], int, str]) -> None:
        settings, waiting, station_id = status
        self._show_waiting(waiting)
        if station_id:
            self.county_label.setText(self.tr("Joined to the county center"))
        if self._idle_override is not None:
            self.idle.set_interval_ms(self._idle_override)
        else:
            self.idle.set_interval_ms(int(settings["idle_lock_minutes"]) * MINUTE_MS)

    def _show_verification(self, result: VerifyResult) -> None:
        if result.ok:
            return
        log.warning("the event log fails verification: %s", result.problems)
        problem = result.problems[0] if result.problems else ""
        self.tamper_warning.setText(
            self.tr(
                "Warning: the station's records fail their check. Someone may have changed them "
                "outside this program. Do not close the day; call the county center now. "
                "Details for the county center: {problem}"
            ).format(problem=problem)
        )
        self.tamper_warning.show()

    @Slot(Changes)
    def _on_changed(self, changes: Changes) -> None:
        self.worker.call(self.station.events.unpushed_count, on_done=self._show_waiting)
        for event in changes.events:
            if event.type != "settings.changed":
                continue
            key, value = event.payload.get("key"), event.payload.get("value")
            if key == "idle_lock_minutes" and self._idle_override is None:
                self.idle.set_interval_ms(int(value) * MINUTE_MS)
            elif key == "language":
                self.language_changed.emit(value)

    # the idle lock ------------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        self.scanner.release_held_keys()
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
        # a form left open (a new PIN half typed) must not stay on top of the lock screen
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, ErrorDialog):
                dialog.reject()
        self._focus_before_lock = QApplication.focusWidget()
        self.lock_screen.prepare(self.operator)
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.pin.setFocus()

    @Slot(Operator)
    def _unlocked(self, operator: Operator) -> None:
        self.locked = False
        for shortcut in self.shortcuts:
            shortcut.setEnabled(True)
        self.screens.setCurrentWidget(self.workspace)
        # the next key goes where it went before the lock
        before, self._focus_before_lock = self._focus_before_lock, None
        if before is not None and shiboken6.isValid(before) and before.isVisibleTo(self):
            before.setFocus()
        else:
            self.current_page().on_shown()
        self.idle.restart()
        if self._scans_waiting:
            QTimer.singleShot(0, self._route_later)

    # the window ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        app = QCoreApplication.instance()
        app.installEventFilter(self.scanner)
        app.installEventFilter(self.idle)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_watching()
        super().closeEvent(event)
        self.closed.emit()

    def stop_watching(self) -> None:
        """Take the scanner and the idle watch off the application (the window is going)."""
        app = QCoreApplication.instance()
        app.removeEventFilter(self.scanner)
        app.removeEventFilter(self.idle)
        self.idle.pause()
        self.chain_check.stop()
