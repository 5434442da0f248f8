"""The F2 page, 快递: its sub-pages behind a row of big buttons (Ctrl+1 to Ctrl+6).

A scan made on this page goes to the sub-page shown when it can use it (intake, the shelf check,
a sending label), else to pickup, which searches it; a scan made on any other page lands on
pickup too (:meth:`ParcelsPage.find_scanned`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QKeyCombination, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.ui.kit.desk import STYLE_SHEET, shortcut
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.handover import HandoverPanel
from stationapp.ui.pages.parcels.intake import IntakePanel
from stationapp.ui.pages.parcels.pickup import PickupPanel
from stationapp.ui.pages.parcels.sending import SendingPanel
from stationapp.ui.pages.parcels.shelf import ShelfPanel
from stationapp.ui.pages.sms.outbox import OutboxPanel

DEFAULT = "pickup"


class ParcelsPage(Page):
    sub_page_changed = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setStyleSheet(STYLE_SHEET)
        self.intake = IntakePanel(context)
        self.pickup = PickupPanel(context)
        self.shelf = ShelfPanel(context)
        self.sending = SendingPanel(context)
        self.handover = HandoverPanel(context)
        self.outbox = OutboxPanel(context)
        self.sub_pages: dict[str, Page] = {
            "intake": self.intake,
            "pickup": self.pickup,
            "shelf": self.shelf,
            "sending": self.sending,
            "handover": self.handover,
            "outbox": self.outbox,
        }
        titles = {
            "intake": self.tr("Intake"),
            "pickup": self.tr("Pickup"),
            "shelf": self.tr("Shelves"),
            "sending": self.tr("Sending"),
            "handover": self.tr("Handover"),
            "outbox": self.tr("SMS"),
        }

        title = QLabel(self.tr("Parcels"))
        title.setObjectName("pageTitle")
        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(title)
        bar.addSpacing(16)
        for number, (key, page) in enumerate(self.sub_pages.items(), start=1):
            button = QPushButton(f"{titles[key]}  Ctrl+{number}")
            button.setObjectName("subPage")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, key=key: self.show_sub_page(key))
            self.buttons.addButton(button)
            bar.addWidget(button)
            self.stack.addWidget(page)
            page.event_recorded.connect(self.event_recorded)
            digit = getattr(Qt.Key, f"Key_{number}")
            shortcut(
                self,
                QKeySequence(QKeyCombination(Qt.Modifier.CTRL, digit)),
                lambda key=key: self.show_sub_page(key),
            )
        bar.addStretch(1)
        self.sub_page_buttons = dict(zip(self.sub_pages, self.buttons.buttons(), strict=True))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.show_sub_page(DEFAULT, shown=False)

    # the sub-pages --------------------------------------------------------------------------------

    def current_key(self) -> str:
        current = self.stack.currentWidget()
        return next(key for key, page in self.sub_pages.items() if page is current)

    def current_sub_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def show_sub_page(self, key: str, *, shown: bool = True) -> Page:
        page = self.sub_pages[key]
        changed = self.stack.currentWidget() is not page
        self.stack.setCurrentWidget(page)
        self.sub_page_buttons[key].setChecked(True)
        if shown:
            page.on_shown()
        if changed:
            self.sub_page_changed.emit(key)
        return page

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.current_sub_page().on_shown()

    def on_event(self, event: Any) -> None:
        for page in self.sub_pages.values():
            page.on_event(event)

    def on_scan(self, code: str) -> bool:
        """To the sub-page shown when it uses the scan, else to pickup, which searches it."""
        if self.current_sub_page().on_scan(code):
            return True
        self.find_scanned(code)
        return True

    def find_scanned(self, code: str) -> None:
        """A scan made elsewhere: pickup searches it (the page a scan lands on)."""
        if self.current_key() != "pickup":
            self.show_sub_page("pickup")
        self.pickup.on_scan(code)
