"""First run: the station's name and phone, the manager's name and PIN, on one screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.ui.forms import MessageLabel, PinEdit, centered_card
from stationapp.ui.worker import StationWorker


class SetupWizard(QDialog):
    """Creates the station; ``station_created`` carries the open Station, logged in as manager."""

    station_created = Signal(object)

    def __init__(
        self, data_dir: Path, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.worker = worker
        self.setWindowTitle(self.tr("Set up the station"))

        title = QLabel(self.tr("Welcome! Set up your service station"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr(
                "This is done once. Type the station's name as on its sign, a phone number "
                "villagers can call, and the manager's name and PIN. The manager adds the other "
                "operators later, in Settings."
            )
        )
        intro.setWordWrap(True)

        self.station_name = QLineEdit()
        self.station_name.setPlaceholderText(self.tr("e.g. 孟定镇芒艾村电商服务站"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mobile or landline, e.g. 0883-1234567"))
        self.manager_name = QLineEdit()
        self.manager_name.setPlaceholderText(self.tr("e.g. 岩温"))
        self.pin = PinEdit()
        self.pin_again = PinEdit()
        for field in (self.station_name, self.phone, self.manager_name):
            field.setMinimumWidth(420)

        form = QFormLayout()
        form.setVerticalSpacing(14)
        form.addRow(self.tr("Station &name:"), self.station_name)
        form.addRow(self.tr("Contact &phone:"), self.phone)
        form.addRow(self.tr("&Manager's name:"), self.manager_name)
        form.addRow(self.tr("Manager's P&IN (4–8 digits):"), self.pin)
        form.addRow(self.tr("PIN &again:"), self.pin_again)

        self.message = MessageLabel()
        self.create_button = QPushButton(self.tr("&Create the station"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_station)
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.create_button)

        layout = centered_card(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    @Slot()
    def create_station(self) -> None:
        self.message.clear_message()
        if self.pin.text() != self.pin_again.text():
            self.message.show_refusal(
                self.tr("The two PINs are not the same. Type the same PIN in both fields.")
            )
            self.pin_again.clear()
            self.pin_again.setFocus()
            return
        self._set_busy(True)
        self.worker.call(
            Station.create,
            self.data_dir,
            name=self.station_name.text(),
            phone=self.phone.text(),
            manager_name=self.manager_name.text(),
            manager_pin=self.pin.text(),
            on_done=self._created,
            on_error=self._refused,
        )

    def _created(self, station: Station) -> None:
        self._set_busy(False)
        self.station_created.emit(station)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self._set_busy(False)
        self.message.show_refusal(str(error))

    def _set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
