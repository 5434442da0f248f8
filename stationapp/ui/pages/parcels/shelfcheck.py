"""盘点 (shelf check): pick a shelf, scan everything on it, finish; the app lists what should be
there and was not scanned (missing) and what was scanned but should not be there (unexpected)."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core.errors import UserError
from stationapp.core.parcels.facade import ShelfCheck
from stationapp.ui.kit.desk import (
    Outcome,
    StepHint,
    scan_field,
    section_title,
    shortcut,
)
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.words import waybill_tail


class ShelfCheckPanel(Page):
    closed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scanned: list[str] = []
        self.result: ShelfCheck | None = None

        self.shelf = QComboBox()
        self.shelf.currentIndexChanged.connect(lambda _index: self.start_over())
        shelf_label = QLabel(self.tr("S&helf to check:"))
        shelf_label.setBuddy(self.shelf)
        self.scan = scan_field(self.tr("Scan each parcel on the shelf (waybill or pickup code)"))
        self.scan.returnPressed.connect(self._typed)
        self.finish_button = QPushButton(self.tr("Finish the check (Ctrl+Enter)"))
        self.finish_button.setObjectName("primary")
        self.finish_button.clicked.connect(self.finish)
        back = QPushButton(self.tr("Back to the list (Esc)"))
        back.clicked.connect(self.closed)
        top = QHBoxLayout()
        top.addWidget(section_title(self.tr("Shelf check")))
        top.addSpacing(20)
        top.addWidget(shelf_label)
        top.addWidget(self.shelf)
        top.addStretch(1)
        top.addWidget(self.finish_button)
        top.addWidget(back)

        self.scanned_title = section_title("")
        self.scanned_list = QListWidget()
        self.missing_title = section_title("")
        self.missing_list = QListWidget()
        self.unexpected_title = section_title("")
        self.unexpected_list = QListWidget()
        for box in (self.scanned_list, self.missing_list, self.unexpected_list):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = QGridLayout()
        grid.addWidget(self.scanned_title, 0, 0)
        grid.addWidget(self.missing_title, 0, 1)
        grid.addWidget(self.unexpected_title, 0, 2)
        grid.addWidget(self.scanned_list, 1, 0)
        grid.addWidget(self.missing_list, 1, 1)
        grid.addWidget(self.unexpected_list, 1, 2)

        self.step = StepHint()
        self.message = Outcome()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addWidget(self.step)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)

        shortcut(self, Qt.Key.Key_Escape, self.closed.emit)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut(self, QKeySequence(QKeyCombination(Qt.Modifier.CTRL, enter)), self.finish)
        self.start_over()

    def set_shelves(self, names: list[str]) -> None:
        chosen = self.shelf.currentText()
        self.shelf.blockSignals(True)
        self.shelf.clear()
        self.shelf.addItems(names)
        if chosen in names:
            self.shelf.setCurrentText(chosen)
        self.shelf.blockSignals(False)
        if not self.scanned and self.result is None:  # the hint named no shelf before they came
            self.start_over()

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.scan.setFocus()

    def on_scan(self, code: str) -> bool:
        self.add(code)
        return True

    # scanning -------------------------------------------------------------------------------------

    @Slot()
    def start_over(self) -> None:
        self.scanned = []
        self.result = None
        self.scanned_list.clear()
        self.missing_list.clear()
        self.unexpected_list.clear()
        self.message.clear_message()
        self.step.setText(
            self.tr("Scan every parcel on shelf {shelf}, then press Ctrl+Enter.").format(
                shelf=self.shelf.currentText()
            )
        )
        self._show_titles()

    @Slot()
    def _typed(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        if text.strip():
            self.add(text)

    def add(self, code: str) -> None:
        key = code.strip().upper()
        if self.result is not None:
            self.start_over()
        if key in self.scanned:
            self.message.refuse(self.tr("{code} was scanned already.").format(code=key))
            return
        self.scanned.append(key)
        self.scanned_list.insertItem(0, key)
        self.message.clear_message()
        self._show_titles()

    def _show_titles(self) -> None:
        self.scanned_title.setText(self.tr("Scanned: %n", "", len(self.scanned)))
        missing = len(self.result.missing) if self.result else 0
        unexpected = len(self.result.unexpected) if self.result else 0
        self.missing_title.setText(self.tr("Missing: %n", "", missing))
        self.unexpected_title.setText(self.tr("Not expected here: %n", "", unexpected))

    # finishing ------------------------------------------------------------------------------------

    @Slot()
    def finish(self) -> None:
        # a parcel scanned before the result is shown belongs to the next check, not this one
        self.call_holding_keys(
            self.station.parcels.check_shelf,
            self.shelf.currentText(),
            list(self.scanned),
            on_done=self._show_result,
            on_error=self._refuse,
        )

    def _refuse(self, error: UserError) -> None:
        self.message.refuse(str(error))

    def _show_result(self, result: ShelfCheck) -> None:
        self.result = result
        self.missing_list.clear()
        for parcel in result.missing:
            self.missing_list.addItem(
                f"{parcel.pickup_code}  ·  {parcel.carrier_name} {waybill_tail(parcel)}  ·  "
                f"{parcel.recipient_name}"
            )
        self.unexpected_list.clear()
        self.unexpected_list.addItems(result.unexpected)
        self._show_titles()
        self.scan.setFocus()
        if not result.missing and not result.unexpected:
            self.message.succeed(
                self.tr(
                    "Shelf {shelf} is in order: all %n parcel(s) found.", "", len(result.found)
                ).format(shelf=self.shelf.currentText())
            )
        else:
            self.message.refuse(
                self.tr(
                    "Look for the missing parcels, and put the unexpected ones where their "
                    "pickup code says (search them on the Pickup page)."
                )
            )
