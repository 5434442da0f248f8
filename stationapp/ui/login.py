"""Login: the operator picks their name and types their PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from stationapp.core import Operator, Station
from stationapp.core.errors import UserError
from stationapp.ui.kit.forms import MessageLabel, PinEdit, centered_card
from stationapp.ui.kit.worker import StationWorker


class LoginDialog(QDialog):
    """``logged_in`` carries the Operator once the station accepted the PIN."""

    logged_in = Signal(Operator)

    def __init__(
        self,
        station: Station,
        worker: StationWorker,
        *,
        station_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.setWindowTitle(self.tr("Log in"))

        self.station_label = QLabel(station_name)
        self.station_label.setObjectName("stationName")
        self.station_label.setWordWrap(True)
        prompt = QLabel(self.tr("Choose your name and type your PIN."))

        self.operator_name = QComboBox()
        self.operator_name.setEditable(True)
        self.operator_name.setMinimumWidth(320)
        self.operator_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.pin = PinEdit()
        self.pin.returnPressed.connect(self.log_in)

        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(self.tr("&Operator:"), self.operator_name)
        form.addRow(self.tr("&PIN:"), self.pin)

        self.message = MessageLabel()
        self.login_button = QPushButton(self.tr("&Log in"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.log_in)
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.login_button)

        layout = centered_card(self, max_width=640)
        layout.addWidget(self.station_label)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.worker.call(self._names, on_done=self._show_names)

    def _names(self) -> tuple[list[str], str, str]:
        # runs on the database thread
        names = [op.name for op in self.station.operators.list() if op.active]
        return names, self.station.operators.last_logged_in(), self.station.info.name

    def _show_names(self, result: tuple[list[str], str, str]) -> None:
        names, last, station_name = result
        typed = self.operator_name.currentText()
        self.operator_name.clear()
        self.operator_name.addItems(names)
        self.operator_name.setCurrentText(typed or last or (names[0] if len(names) == 1 else ""))
        self.station_label.setText(station_name)
        (self.pin if self.operator_name.currentText() else self.operator_name).setFocus()

    @Slot()
    def log_in(self) -> None:
        self.message.clear_message()
        self.login_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.worker.call(
            self.station.login,
            self.operator_name.currentText(),
            self.pin.text(),
            on_done=self._accepted,
            on_error=self._refused,
        )

    def _accepted(self, operator: Operator) -> None:
        self.unsetCursor()
        self.login_button.setEnabled(True)
        self.logged_in.emit(operator)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self.unsetCursor()
        self.login_button.setEnabled(True)
        self.message.show_refusal(str(error))
        self.pin.clear()
        self.pin.setFocus()
