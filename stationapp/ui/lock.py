"""The idle lock: the main window's content is covered until the operator's PIN is typed again."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from stationapp.core import Operator, Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.forms import MessageLabel, PinEdit, centered_card
from stationapp.ui.kit.scanner import ScannerFilter
from stationapp.ui.kit.worker import StationWorker

log = logging.getLogger(__name__)


class LockScreen(QWidget):
    unlocked = Signal(Operator)
    switch_operator_requested = Signal()

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        parent: QWidget | None = None,
        *,
        scanner: ScannerFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.scanner = scanner
        self.checking = False
        self.setObjectName("lockScreen")
        # a plain QWidget paints a style-sheet background only with this attribute
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        title = QLabel(self.tr("The screen is locked"))
        title.setObjectName("lockTitle")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.pin = PinEdit()
        self.pin.returnPressed.connect(self.unlock)
        form = QFormLayout()
        form.addRow(self.tr("&PIN:"), self.pin)
        self.message = MessageLabel()

        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.unlock)
        switch_button = QPushButton(self.tr("&Switch operator"))
        switch_button.clicked.connect(self.switch_operator_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(switch_button)
        buttons.addWidget(self.unlock_button)

        layout = centered_card(self, max_width=640)
        layout.parentWidget().setStyleSheet("QFrame#card { background: #2f5674; border: none; }")
        layout.addWidget(title)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def prepare(self, operator: Operator) -> None:
        self.who.setText(
            self.tr("{name} was working here. Type {name}'s PIN to go on.").format(
                name=operator.name
            )
        )
        self.pin.clear()
        self.message.clear_message()
        self.unlock_button.setEnabled(True)
        self.pin.setFocus()

    @Slot()
    def unlock(self) -> None:
        if self.checking:
            return
        self.checking = True
        self.message.clear_message()
        self.unlock_button.setEnabled(False)
        # keys typed while the PIN is checked (the next scan) wait for the screen behind
        if self.scanner is not None:
            self.scanner.hold_keys()
        self.worker.call(
            self.station.unlock, self.pin.text(), on_done=self._unlocked, on_error=self._refused
        )

    def _unlocked(self, operator: Operator) -> None:
        try:
            self.checking = False
            self.unlock_button.setEnabled(True)
            self.pin.clear()
            log.info("the screen was unlocked by %s", operator.name)
            self.unlocked.emit(operator)
        finally:
            self._let_keys_go()

    def _refused(self, error: UserError) -> None:
        try:
            self.checking = False
            self.unlock_button.setEnabled(True)
            self.message.show_refusal(str(error))
            log.info("the lock screen refused a PIN: %s", error.english)
            self.pin.clear()
            self.pin.setFocus()
        finally:
            self._let_keys_go()

    def _let_keys_go(self) -> None:
        if self.scanner is not None:
            self.scanner.let_keys_go()
