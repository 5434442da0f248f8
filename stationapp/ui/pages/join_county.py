"""加入县级中心: the manager types the county center's address and the code on its letter.

Joining talks to the county and writes the station's database in one call, so it runs on the
station's database thread; a refusal (an unknown or used code, no answer) shows in red under the
form in plain words and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.core.sync import EnrolledStation
from stationapp.ui.forms import MessageLabel
from stationapp.ui.worker import StationWorker


def join_county(station: Station, server_url: str, code: str) -> EnrolledStation:
    """Database thread: the manager's only."""
    station.session.require_manager()
    return station.sync.enroll(server_url, code)


class JoinCountyDialog(QDialog):
    """``joined(EnrolledStation)`` once the county center took the code; the dialog closes."""

    joined = Signal(object)

    def __init__(
        self, station: Station, worker: StationWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.worker = worker
        self.busy = False
        self.setWindowTitle(self.tr("Join the county center"))
        self.setMinimumWidth(620)

        title = QLabel(self.tr("Join the county center"))
        title.setObjectName("heading")
        explain = QLabel(
            self.tr(
                "The county center's letter gives its address and a code for this station. "
                "Type both here; the station then sends its records by itself whenever the "
                "internet is there."
            )
        )
        explain.setWordWrap(True)
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText(self.tr("e.g. https://county.example.cn"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. 7KQ2-MX4P-9TNA"))
        form = QFormLayout()
        form.addRow(self.tr("County center's &address:"), self.server_url)
        form.addRow(self.tr("&Code for this station:"), self.code)
        self.message = MessageLabel()

        self.join_button = QPushButton(self.tr("&Join"))
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    @Slot()
    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.join_button.setEnabled(False)
        self.message.show_success(self.tr("Asking the county center…"))
        self.worker.call(
            join_county,
            self.station,
            self.server_url.text(),
            self.code.text(),
            on_done=self._joined,
            on_error=self._refused,
        )

    def _joined(self, enrolled: EnrolledStation) -> None:
        self.busy = False
        self.join_button.setEnabled(True)
        self.joined.emit(enrolled)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self.busy = False
        self.join_button.setEnabled(True)
        self.message.show_refusal(str(error))
