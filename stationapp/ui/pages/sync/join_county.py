"""加入县级中心: the manager types the county center's address and the code on its letter.

Joining is three steps: the manager's right is checked on the station's database thread, the
code is traded for the county's answer on a network thread (a slow link never holds the database
thread, DESIGN §2), and the answer is kept on the database thread. A refusal (an unknown or used
code, no answer) shows in red under the form in plain words and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from stationapp.core.sync.history import EnrolledStation
from stationapp.ui.kit.forms import MessageLabel
from stationapp.ui.kit.worker import StationWorker

if TYPE_CHECKING:
    from sync.protocol import EnrollResponse


def may_join(station: Station) -> None:
    """Database thread: the manager's only."""
    station.session.require_manager()


def keep_enrolment(station: Station, url: str, answer: EnrollResponse) -> EnrolledStation:
    """Database thread: the county's answer to the code kept (the manager's only)."""
    station.session.require_manager()
    return station.sync.take_enrolment(url, answer)


class JoinCountyDialog(QDialog):
    """``joined(EnrolledStation)`` once the county center took the code; the dialog closes."""

    joined = Signal(EnrolledStation)

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
        self.worker.call(may_join, self.station, on_done=self._ask_county, on_error=self._refused)

    def _ask_county(self, _allowed: None) -> None:
        self.worker.call_network(
            self.station.sync.trade_enrolment_code,
            self.server_url.text(),
            self.code.text(),
            on_done=self._answered,
            on_error=self._refused,
        )

    def _answered(self, traded: tuple[str, EnrollResponse]) -> None:
        url, answer = traded
        self.worker.call(
            keep_enrolment, self.station, url, answer, on_done=self._joined, on_error=self._refused
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
