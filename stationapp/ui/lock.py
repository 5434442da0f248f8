"""The idle lock: the main window's content is covered until the operator's PIN is typed again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from stationapp.core import Operator, Station
from stationapp.core.errors import UserError
from stationapp.ui.forms import MessageLabel, PinEdit, centered_card
from stationapp.ui.worker import StationWorker


class LockScreen(QWidget):
    unlocked = Signal(object)
    switch_operator_requested = Signal()

    def __init__(
        self, station: Station, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
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
        self.message.clear_message()
        self.unlock_button.setEnabled(False)
        self.worker.call(
            self.station.unlock, self.pin.text(), on_done=self._unlocked, on_error=self._refused
        )

    def _unlocked(self, operator: Operator) -> None:
        self.unlock_button.setEnabled(True)
        self.pin.clear()
        self.unlocked.emit(operator)

    def _refused(self, error: UserError) -> None:
        self.unlock_button.setEnabled(True)
        self.message.show_refusal(str(error))
        self.pin.clear()
        self.pin.setFocus()
